"""Prints Tensor/dtype printing, creation and context results from real MindSpore 2.10; the expected
strings in tests/test_tensor_core.py and test_context_runner.py were copied from its output.

    /path/to/mindspore-venv/bin/python tools/make_golden_core.py
"""

import numpy as np
import mindspore as ms
from mindspore import Tensor, ops, nn

print(repr(ms.bool_), repr(ms.float32), str(ms.bool_), repr(ms.bfloat16), repr(ms.uint8))
t = Tensor(np.array([4.0, 10.0, 18.0], np.float32))
print(t)
print(repr(t))
print(Tensor(3))
print(repr(Tensor(3)))
print(ops.ones((1, 3, 3, 4), ms.float32) * 2)
print(repr(Tensor(np.arange(6).reshape(2, 3).astype(np.float32) / 3)))
print(Tensor([True, False]))
print(repr(Tensor([1, 2], ms.int32)))
print(ms.Parameter(Tensor([1.0, 2.0]), name="w"))
print(repr(ms.Parameter(Tensor([1.0, 2.0]), name="w")))
print(Tensor(np.arange(2000, dtype=np.float32)))
print(nn.Dense(3, 4))


class N(nn.Cell):
    def __init__(s):
        super().__init__()
        s.fc = nn.Dense(2, 3)
        s.seq = nn.SequentialCell([nn.ReLU(), nn.Dense(3, 1)])

    def construct(s, x):
        return x


print(N())
print(repr(N()))
print(ms.get_context("mode"), ms.GRAPH_MODE, ms.PYNATIVE_MODE)
x = Tensor([1, 2], ms.int32)
print(
    (x + 1.5).dtype,
    (x * 2).dtype,
    (Tensor([True]) + 1).dtype,
    (x / x).dtype,
    (Tensor([1.0], ms.float16) + 1.0).dtype,
    (x > 1).dtype,
    (x + True).dtype,
)
print(
    Tensor(np.float64(1.0)).dtype,
    Tensor(np.int32(1)).dtype,
    Tensor([1.0, 2]).dtype,
    Tensor([[1, 2], [3, 4]]).shape,
)
print(Tensor(shape=(2, 3), dtype=ms.float32, init=ms.common.initializer.One()))
print(ms.float32 == np.float32, ms.dtype_to_nptype(ms.float32))
print(type(Tensor(1).shape), Tensor(np.ones((2, 3))).shape)
print(Tensor(1.5).item(), type(Tensor([1.5]).asnumpy()[0]))
print(
    -Tensor([1.0]), abs(Tensor([-1])), ~Tensor([True]), Tensor([5]) % 3, Tensor([5.0]) ** 2, 2 ** Tensor([3])
)
print(Tensor([1, 2]).dtype, (Tensor([1, 2], ms.uint8) + Tensor([1], ms.int8)).dtype)
print(Tensor(np.ones((2, 2))).astype(ms.float32).dtype)
from mindspore import Parameter  # noqa: E402  (the script prints as it goes)

cases = {
    "f32_0d": Tensor(2.5),
    "f16": Tensor([1.5, 2], ms.float16),
    "bool": Tensor([True, False]),
    "i64_2d": Tensor([[1, 2], [3, 4]]),
    "f64": Tensor(np.array([0.5, 1.5])),
    "neg": Tensor(np.array([-1.25, 3.0], np.float32)),
    "bf16": Tensor([1.5, 2.25], ms.bfloat16),
    "u8": Tensor(np.array([1, 255], np.uint8)),
    "empty": Tensor(np.zeros((0, 3), np.float32)),
    "c64": Tensor(np.array([1 + 2j], np.complex64)),
    "big": Tensor(np.array([1e10, 1e-5], np.float32)),
    "3d": Tensor(np.arange(8, dtype=np.float32).reshape(2, 2, 2)),
}
for k, t in cases.items():
    print("==", k)
    print(str(t))
    print(repr(t))
p = Parameter(Tensor([1.0]), name="p")
print(repr(p.value()), type(p.value()))
print(ms.Tensor(np.ones((2, 2)), dtype=ms.int32))
print(Tensor([1.7, -1.7], ms.int32))
print(
    ms.int32,
    [ms.int32],
    ms.dtype_to_pytype(ms.float32),
    ms.pytype_to_dtype(int),
    ms.get_py_obj_dtype(1.0),
    ms.get_py_obj_dtype(Tensor(1)),
)
print(ms.dtype_to_nptype(ms.bfloat16))
print(ms.float32.is_floating_point if hasattr(ms.float32, "is_floating_point") else "na")
x = Tensor(np.arange(12, dtype=np.float32).reshape(3, 4))
print(x[1], x[:, 1], x[..., 1:3].shape, x[None].shape, x[[0, 2]].shape, x[Tensor([True, False, True])].shape)
print(len(x), [t.shape for t in x], x.itemsize, x.nbytes, x.size, x.ndim, x.T.shape, x.strides)
try:
    ms.set_context(foo=1)
except Exception as e:
    print(type(e).__name__, e)
try:
    ms.set_context(mode=5)
except Exception as e:
    print(type(e).__name__, e)
try:
    ms.set_context(device_target="GPU")
except Exception as e:
    print(type(e).__name__, e)
try:
    ms.set_context(device_target="TPU")
except Exception as e:
    print(type(e).__name__, e)
print(ms.get_context("device_target"), ms.get_context("device_id"))
try:
    Tensor("abc")
except Exception as e:
    print(type(e).__name__, e)
try:
    Tensor([1, 2]) + Tensor([1, 2, 3])
except Exception as e:
    print(type(e).__name__, e)
