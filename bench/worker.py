"""One benchmark measurement in a fresh process; prints one JSON line.

    worker.py pair MODEL STYLE        mindspore_jax GRAPH_MODE vs hand-written JAX, interleaved
    worker.py mindspore MODEL STYLE   real MindSpore GRAPH_MODE (run with the MindSpore venv)
    worker.py pynative MODEL STYLE    mindspore_jax PYNATIVE_MODE (run with the MindSpore venv: real)
    worker.py dispatch IMPL           eager per-op latency (IMPL: jax, msjax, mindspore)
    worker.py sink                    Model.train per-step time, dataset_sink_mode True vs False
    worker.py cache DIR               compile time with the persistent compilation cache in DIR
"""

import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
STEPS = int(os.environ.get("BENCH_STEPS", "20"))


def _ms(real):
    if real:
        import mindspore as ms
    else:
        import mindspore_jax as ms
    return ms


def _sync(t):
    data = getattr(t, "_data", None)
    if data is not None:
        data.block_until_ready()
    else:
        t.asnumpy()


def _stats(samples):
    s = sorted(samples)
    return {"median_ms": statistics.median(s) * 1e3, "p90_ms": s[int(0.9 * (len(s) - 1))] * 1e3}


def _ms_step(ms, model, style, mode):
    import models_ms

    ms.set_context(mode=mode)
    ms.set_seed(0)
    net, loss, opt, x, y = models_ms.build(ms, model)
    if style == "cell":
        step = models_ms.train_step_cell(ms, net, loss, opt)
    else:
        step = models_ms.functional_step(ms, net, loss, opt)
    return lambda: step(x, y)


def _jax_step(model):
    import models_jax

    params, state, apply, opt, x, y = models_jax.build(model)
    step = models_jax.make_step(apply, opt)
    box = {"p": params, "s": state, "o": opt.init(params)}

    def run():
        box["p"], box["s"], box["o"], loss = step(box["p"], box["s"], box["o"], x, y)
        return loss

    return run


def _time_block(fn, steps, sync):
    t0 = time.perf_counter()
    for _ in range(steps):
        out = fn()
    sync(out)
    return (time.perf_counter() - t0) / steps


def _first(fn, sync):
    t0 = time.perf_counter()
    sync(fn())
    return time.perf_counter() - t0


def pair(model, style):
    import jax

    ms = _ms(False)
    fns = {"msjax": _ms_step(ms, model, style, ms.GRAPH_MODE), "jax": _jax_step(model)}
    syncs = {"msjax": _sync, "jax": lambda a: jax.block_until_ready(a)}
    compile_s = {k: _first(f, syncs[k]) for k, f in fns.items()}
    for k, f in fns.items():  # warm up
        _time_block(f, 3, syncs[k])
    samples = {k: [] for k in fns}
    for _ in range(ROUNDS):  # interleaved repetitions
        for k, f in fns.items():
            samples[k].append(_time_block(f, STEPS, syncs[k]))
    out = {"kind": "pair", "model": model, "style": style}
    for k in fns:
        out[k] = {"compile_s": compile_s[k], **_stats(samples[k])}
    out["ratio"] = out["msjax"]["median_ms"] / out["jax"]["median_ms"]
    return out


def single(real, model, style, mode_name):
    ms = _ms(real)
    mode = ms.GRAPH_MODE if mode_name == "graph" else ms.PYNATIVE_MODE
    fn = _ms_step(ms, model, style, mode)
    compile_s = _first(fn, _sync)
    rounds, steps = (ROUNDS, STEPS) if mode_name == "graph" else (3, 3)
    _time_block(fn, 2, _sync)
    samples = [_time_block(fn, steps, _sync) for _ in range(rounds)]
    return {"kind": "single", "impl": "mindspore" if real else "msjax", "mode": mode_name,
            "model": model, "style": style, "compile_s": compile_s, **_stats(samples)}


def dispatch(impl, n=2000):
    import numpy as np

    if impl == "jax":
        import jax.numpy as jnp

        a = jnp.ones((4,), jnp.float32)
        add = jnp.add
        a.block_until_ready()
    else:
        ms = _ms(impl == "mindspore")
        ms.set_context(mode=ms.PYNATIVE_MODE)
        a = ms.Tensor(np.ones((4,), np.float32))
        add = ms.ops.add
    b = a
    for _ in range(50):
        b = add(b, a)
    _sync(b) if impl != "jax" else b.block_until_ready()
    samples = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            b = add(b, a)
        _sync(b) if impl != "jax" else b.block_until_ready()
        samples.append((time.perf_counter() - t0) / n)
    return {"kind": "dispatch", "impl": impl, "us_per_op": statistics.median(samples) * 1e6}


def sink():
    import numpy as np

    ms = _ms(False)
    ms.set_context(mode=ms.GRAPH_MODE)
    from mindspore_jax import dataset as ds
    from mindspore_jax.train import Model

    import models_ms

    out = {"kind": "sink", "model": "mlp"}
    rng = np.random.RandomState(0)
    n_batches, b = 64, 128
    x = rng.rand(n_batches * b, 784).astype(np.float32)
    y = rng.randint(0, 10, n_batches * b).astype(np.int32)
    for sink_mode in (False, True):
        net, loss, opt, _, _ = models_ms.build(ms, "mlp")
        model = Model(net, loss, opt)
        data = ds.NumpySlicesDataset({"x": x, "y": y}, shuffle=False).batch(b)
        model.train(1, data, dataset_sink_mode=sink_mode)  # compile
        t0 = time.perf_counter()
        epochs = 3
        model.train(epochs, data, dataset_sink_mode=sink_mode)
        per_step = (time.perf_counter() - t0) / (epochs * n_batches)
        out["sink" if sink_mode else "no_sink"] = {"ms_per_step": per_step * 1e3}
    out["gain"] = out["no_sink"]["ms_per_step"] / out["sink"]["ms_per_step"]
    return out


def cache(path):
    ms = _ms(False)
    ms.set_context(mode=ms.GRAPH_MODE, enable_compile_cache=True, compile_cache_path=path)
    fn = _ms_step(ms, "lenet5", "cell", ms.GRAPH_MODE)
    return {"kind": "cache", "compile_s": _first(fn, _sync)}


def main(argv):
    what = argv[0]
    if what == "pair":
        res = pair(argv[1], argv[2])
    elif what == "mindspore":
        res = single(True, argv[1], argv[2], "graph")
    elif what == "pynative":
        res = single(False, argv[1], argv[2], "pynative")
    elif what == "dispatch":
        res = dispatch(argv[1])
    elif what == "sink":
        res = sink()
    elif what == "cache":
        res = cache(argv[1])
    else:
        raise SystemExit(__doc__)
    print("BENCH " + json.dumps(res))


if __name__ == "__main__":
    main(sys.argv[1:])
