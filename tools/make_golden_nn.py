"""Writes tests/golden/nn.npz with real MindSpore 2.10 (CPU): extra nn op / layer cases.

    /work/msvenv/bin/python tools/make_golden_nn.py
Each case: key "<name>/in<i>" inputs, "<name>/out<i>" outputs; the calls are listed in CASES
and replayed by tests/test_nn_ops.py (same names, same spelling with mindspore_jax).
"""

import os
import zlib

import numpy as np
import mindspore as ms
from mindspore import Tensor, nn, ops
from mindspore.ops import operations as P

ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "nn.npz")


def rnd(name, *shape):
    return np.random.default_rng(zlib.crc32(name.encode())).standard_normal(shape).astype(np.float32)


# name -> (input shapes, callable on Tensors); the test module holds the same table.
import sys  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "golden"))
from nn_cases import CASES  # noqa: E402

data = {}
for name, (shapes, fn) in CASES(ms, ops, nn, P, Tensor).items():
    ins = [rnd(f"{name}/{i}", *s) for i, s in enumerate(shapes)]
    try:
        out = fn(*[Tensor(x) for x in ins])
    except Exception as e:  # noqa: BLE001
        print("FAILED", name, type(e).__name__, str(e).splitlines()[0][:200])
        continue
    outs = out if isinstance(out, (tuple, list)) else [out]
    for i, x in enumerate(ins):
        data[f"{name}/in{i}"] = x
    for i, o in enumerate(outs):
        data[f"{name}/out{i}"] = o.asnumpy()
np.savez_compressed(OUT, **data)
print("wrote", OUT, len(data))
