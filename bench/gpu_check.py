"""GPU check: where arrays live, and what the GPU buys for GRAPH_MODE training.

    python bench/gpu_check.py

Prints the JAX/CUDA environment, the default device_target, then for the bench models one
TrainOneStepCell step timed on the CPU and on the GPU in the same process (switching with
``ms.set_device``), with the speed-up. Needs a GPU visible to JAX.
"""

import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import jax  # noqa: E402
import numpy as np  # noqa: E402

import mindspore_jax as ms  # noqa: E402


def _step_time(model, target, steps=10, rounds=3):
    import models_ms

    ms.set_device(target)
    ms.set_context(mode=ms.GRAPH_MODE)
    ms.set_seed(0)
    net, loss, opt, x, y = models_ms.build(ms, model)
    step = models_ms.train_step_cell(ms, net, loss, opt)
    t0 = time.perf_counter()
    first = step(x, y)
    first.asnumpy()
    compile_s = time.perf_counter() - t0
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(steps):
            out = step(x, y)
        out._data.block_until_ready()
        best = min(best, (time.perf_counter() - t0) / steps)
    return best * 1e3, compile_s, float(first.asnumpy()), net.trainable_params()[0].device


def main():
    print(f"jax {jax.__version__}; devices: {jax.devices()}")
    try:
        print(subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True).stdout.strip())
    except OSError:
        pass
    from mindspore_jax.ops._custom.build import nvcc

    print(f"nvcc: {nvcc()}")
    print(f"default device_target: {ms.get_context('device_target')}; "
          f"hal.get_device_name(0): {ms.hal.get_device_name(0)}; "
          f"matmul precision: {jax.config.jax_default_matmul_precision}")
    x = ms.Tensor(np.ones((2, 2), np.float32))
    print(f"a new Tensor lives on {x.device}")
    print()
    print("| model | CPU ms/step | GPU ms/step | speed-up | first loss CPU / GPU | params on |")
    print("|---|---|---|---|---|---|")
    for model in (sys.argv[1] if len(sys.argv) > 1 else "mlp,lenet5,resnet,transformer").split(","):
        cpu_ms, _, cpu_loss, _ = _step_time(model, "CPU")
        gpu_ms, _, gpu_loss, dev = _step_time(model, "GPU")
        print(f"| {model} | {cpu_ms:.2f} | {gpu_ms:.2f} | x{cpu_ms / gpu_ms:.1f} | "
              f"{cpu_loss:.5f} / {gpu_loss:.5f} | {dev} |", flush=True)


if __name__ == "__main__":
    main()
