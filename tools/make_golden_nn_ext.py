"""Writes tests/golden/nn_ext.npz with real MindSpore 2.10 (CPU): mint.nn layers and extra nn cases.

    /work/msvenv/bin/python tools/make_golden_nn_ext.py
Each case: key "<name>/in<i>" inputs, "<name>/out<i>" outputs; the calls are in
tests/golden/nn_ext_cases.py and replayed by tests/test_nn_ext.py.
"""

import os
import sys
import zlib

import numpy as np
import mindspore as ms
from mindspore import Tensor, mint, nn, ops
from mindspore.ops import operations as P

ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "nn_ext.npz")
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "golden"))
from nn_ext_cases import CASES  # noqa: E402


def rnd(name, *shape):
    return np.random.default_rng(zlib.crc32(name.encode())).standard_normal(shape).astype(np.float32)


data = {}
for name, (shapes, fn) in CASES(ms, ops, nn, mint, P, Tensor).items():
    ins = [rnd(f"{name}/{i}", *s) for i, s in enumerate(shapes)]
    outs = None
    for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):  # some cells only run compiled on CPU (PSNR, SSIM)
        ms.set_context(mode=mode)
        try:
            out = fn(*[Tensor(x) for x in ins])
            outs = [o.asnumpy() for o in (out if isinstance(out, (tuple, list)) else [out])]
            break
        except Exception as e:  # noqa: BLE001  (e.g. no CPU kernel in MindSpore 2.10)
            err = f"{type(e).__name__} {(str(e).splitlines() or [''])[0][:200]}"
    ms.set_context(mode=ms.PYNATIVE_MODE)
    if outs is None:
        print("FAILED", name, err)
        continue
    for i, x in enumerate(ins):
        data[f"{name}/in{i}"] = x
    for i, o in enumerate(outs):
        data[f"{name}/out{i}"] = o
np.savez_compressed(OUT, **data)
print("wrote", OUT, len(data))
