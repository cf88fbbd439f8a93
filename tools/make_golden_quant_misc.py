"""Goldens for tests/test_quant_misc.py from real MindSpore 2.10 (CPU).

Only the primitives with a CPU kernel in MindSpore 2.10 are here (AdaptiveMaxPool3D,
CompareAndBitpack, FFTWithSize, TensorToTuple, DtypeToEnum, PyFunc); the quantization
primitives have GPU/Ascend kernels only and are tested against numpy references of those
kernels' formulas. Run from /tmp: /work/msvenv/bin/python /work/main/tools/make_golden_quant_misc.py
"""

import json
import os

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops
from mindspore.ops._utils.arg_dtype_cast import DtypeToEnum

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "quant_misc")
rng = np.random.default_rng(7)
arrs, meta = {}, {}


def put(name, value):
    arrs[name] = np.asarray(value)


x = rng.random((1, 2, 3, 5, 4), dtype=np.float32)
put("amp3_x", x)
y, i = ops.AdaptiveMaxPool3D()(Tensor(x), Tensor(np.array([2, 3, 2], np.int32)))
put("amp3_y", y.asnumpy())
put("amp3_i", i.asnumpy())
meta["amp3_i_dtype"] = str(i.dtype)

cb = rng.standard_normal((3, 16)).astype(np.float32)
put("cb_x", cb)
put("cb_y", ops.CompareAndBitpack()(Tensor(cb), Tensor(np.float32(0.1))).asnumpy())
cbb = rng.random((2, 8)) > 0.5
put("cbb_x", cbb)
put("cbb_y", ops.CompareAndBitpack()(Tensor(cbb), Tensor(True)).asnumpy())

c = (rng.random((3, 4)) + 1j * rng.random((3, 4))).astype(np.complex64)
r = rng.random((3, 4), dtype=np.float32)
put("fft_c", c)
put("fft_r", r)
fft_cases = [
    ((1, False, False), "c", {}),
    ((2, True, False), "c", {"norm": "ortho"}),
    ((1, False, True), "r", {}),
    ((2, False, True), "r", {"norm": "forward"}),
    ((1, True, True), "c", {}),
    ((2, False, True), "r", {"onesided": False}),
    ((2, True, True), "c", {"signal_sizes": (3, 7)}),
]
meta["fft_cases"] = []
for k, (args, src, kw) in enumerate(fft_cases):
    inp = c if src == "c" else r
    o = ops.FFTWithSize(*args, **kw)(Tensor(inp))
    put(f"fft_out{k}", o.asnumpy())
    meta["fft_cases"].append(
        [list(args), src, {kk: list(v) if isinstance(v, tuple) else v for kk, v in kw.items()}]
    )

meta["tensor_to_tuple"] = list(ops.TensorToTuple()(Tensor(np.array([1.5, 2.0], np.float32))))
meta["dtype_to_enum"] = {
    str(t): DtypeToEnum()("Op", "dtype", t)
    for t in (
        ms.bool_,
        ms.int8,
        ms.int32,
        ms.int64,
        ms.uint8,
        ms.float16,
        ms.float32,
        ms.float64,
        ms.bfloat16,
        ms.complex64,
        ms.complex128,
    )
}
pf = ops.PyFunc(
    lambda a, b: (a * 2 + b, b - 1),
    [ms.float32, ms.float32],
    [(3,), (3,)],
    [ms.float32, ms.float32],
    [(3,), (3,)],
)
outs = pf(Tensor(np.arange(3, dtype=np.float32)), Tensor(np.ones(3, np.float32)))
put("pyfunc_0", outs[0].asnumpy())
put("pyfunc_1", outs[1].asnumpy())
meta["pyfunc_n"] = len(outs)

np.savez(OUT + ".npz", **arrs)
with open(OUT + ".json", "w") as f:
    json.dump(meta, f, indent=1, sort_keys=True)
print("wrote", OUT)
