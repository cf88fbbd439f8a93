"""Tensor creation rules, printing, conversion and indexing, pinned to real MindSpore 2.10
output (recorded with /work/msvenv, see tools/make_golden_core.py)."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor


@pytest.mark.parametrize(
    "data,dtype,expected",
    [
        (3, None, "Int64"),
        (2.5, None, "Float32"),
        (True, None, "Bool"),
        ([1, 2, 3], None, "Int64"),
        ([1, 2.5], None, "Float32"),
        (np.array([0.5, 1.5]), None, "Float64"),
        (np.array([1, 2], np.int32), None, "Int32"),
        ([1, 2], ms.float16, "Float16"),
        (np.float64(1.0), None, "Float64"),
        (np.int32(1), None, "Int32"),
        ([1.0, 2], None, "Float32"),
        (np.ones((2, 2)), ms.int32, "Int32"),
        ([[1, 2], [3, 4]], None, "Int64"),
    ],
)
def test_creation_dtype(data, dtype, expected):
    assert str(Tensor(data, dtype).dtype) == expected


def test_float_to_int_truncates():
    assert Tensor([1.7, -1.7], ms.int32).asnumpy().tolist() == [1, -1]


def test_dtype_objects_print_like_mindspore():
    assert str(ms.float32) == "Float32"
    assert repr(ms.int64) == "mindspore.int64"
    assert repr(ms.bool_) == "mindspore.bool"
    assert str([ms.int32]) == "[mindspore.int32]"
    assert ms.dtype_to_nptype(ms.float32) is np.float32
    assert ms.dtype_to_pytype(ms.float32) is float
    assert ms.pytype_to_dtype(int) == ms.int64
    assert ms.get_py_obj_dtype(1.0) == ms.float64
    assert Tensor(1).dtype == ms.int64
    assert ms.float32 != np.float32


# recorded from MindSpore 2.10 (print(t) and repr(t))
PRINTS = [
    (
        lambda: Tensor(np.array([4.0, 10.0, 18.0], np.float32)),
        "[ 4. 10. 18.]",
        "Tensor(shape=[3], dtype=Float32, value= [ 4.00000000e+00,  1.00000000e+01,  1.80000000e+01])",
    ),
    (lambda: Tensor(3), "3", "Tensor(shape=[], dtype=Int64, value= 3)"),
    (lambda: Tensor(2.5), "2.5", "Tensor(shape=[], dtype=Float32, value= 2.5)"),
    (
        lambda: Tensor([1.5, 2], ms.float16),
        "[1.5 2. ]",
        "Tensor(shape=[2], dtype=Float16, value= [ 1.5000e+00,  2.0000e+00])",
    ),
    (lambda: Tensor([True, False]), "[ True False]", "Tensor(shape=[2], dtype=Bool, value= [ True, False])"),
    (
        lambda: Tensor([[1, 2], [3, 4]]),
        "[[1 2]\n [3 4]]",
        "Tensor(shape=[2, 2], dtype=Int64, value=\n[[1, 2],\n [3, 4]])",
    ),
    (
        lambda: Tensor(np.array([-1.25, 3.0], np.float32)),
        "[-1.25  3.  ]",
        "Tensor(shape=[2], dtype=Float32, value= [-1.25000000e+00,  3.00000000e+00])",
    ),
    (
        lambda: Tensor(np.array([1, 255], np.uint8)),
        "[  1 255]",
        "Tensor(shape=[2], dtype=UInt8, value= [  1, 255])",
    ),
    (lambda: Tensor(np.zeros((0, 3), np.float32)), "[]", "Tensor(shape=[0, 3], dtype=Float32, value=\n)"),
    (
        lambda: Tensor(np.array([1 + 2j], np.complex64)),
        "[1.+2.j]",
        "Tensor(shape=[1], dtype=Complex64, value= [1+2j])",
    ),
    (
        lambda: Tensor(np.arange(8, dtype=np.float32).reshape(2, 2, 2)),
        "[[[0. 1.]\n  [2. 3.]]\n\n [[4. 5.]\n  [6. 7.]]]",
        "Tensor(shape=[2, 2, 2], dtype=Float32, value=\n[[[ 0.00000000e+00,  1.00000000e+00],\n"
        "  [ 2.00000000e+00,  3.00000000e+00]],\n [[ 4.00000000e+00,  5.00000000e+00],\n"
        "  [ 6.00000000e+00,  7.00000000e+00]]])",
    ),
]


@pytest.mark.parametrize("make,s,r", PRINTS)
def test_printing(make, s, r):
    t = make()
    assert str(t) == s
    assert repr(t) == r


def test_parameter_repr():
    p = Parameter(Tensor([1.0, 2.0]), name="w")
    assert repr(p) == "Parameter (name=w, shape=(2,), dtype=Float32, requires_grad=True)"
    assert isinstance(p, Tensor)
    assert repr(p.value()) == "Tensor(shape=[2], dtype=Float32, value= [ 1.00000000e+00,  2.00000000e+00])"


def test_properties_and_conversion():
    x = Tensor(np.arange(12, dtype=np.float32).reshape(3, 4))
    assert (len(x), x.itemsize, x.nbytes, x.size, x.ndim, x.T.shape) == (3, 4, 48, 12, 2, (4, 3))
    assert [t.shape for t in x] == [(4,)] * 3
    a = x.asnumpy()
    a[0, 0] = 100.0  # a copy: the tensor is unchanged
    assert float(x[0, 0]) == 0.0
    assert float(Tensor(2.75)) == 2.75 and int(Tensor(7)) == 7 and bool(Tensor(0.0)) is False
    assert Tensor(1.5).item() == 1.5
    assert np.asarray(x).dtype == np.float32
    assert Tensor.from_numpy(np.array([3, 4], np.int16)).dtype == ms.int16
    with pytest.raises(ValueError):
        bool(Tensor([1.0, 2.0]))


def test_indexing():
    x = Tensor(np.arange(12, dtype=np.float32).reshape(3, 4) - 5.0)
    assert x[x > 0].asnumpy().tolist() == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert x[Tensor(np.array([True, False, True]))].shape == (2, 4)
    assert x[Tensor([2, 0])].asnumpy().tolist() == [[3, 4, 5, 6], [-5, -4, -3, -2]]
    assert x[Tensor([0, 2]), Tensor([1, 3])].asnumpy().tolist() == [-4.0, 6.0]
    assert x[::2, 1::2].asnumpy().tolist() == [[-4.0, -2.0], [4.0, 6.0]]
    assert x[..., None, 1].shape == (3, 1)
    assert x[[0, 2]].shape == (2, 4)
    assert x[-1, -2].item() == 5.0


def test_setitem_in_place():
    x = Tensor(np.arange(12, dtype=np.float32).reshape(3, 4) - 5.0)
    y = x.copy()
    y[0] = 10.0
    y[:, 1] = Tensor(np.array([7.0, 8.0, 9.0], np.float32))
    y[y < 0] = 0.0
    y[Tensor([2]), 3] = -1.0
    assert y.asnumpy().tolist() == [[10.0, 7.0, 10.0, 10.0], [0.0, 8.0, 1.0, 2.0], [3.0, 9.0, 5.0, -1.0]]
    assert x[0].asnumpy().tolist() == [-5.0, -4.0, -3.0, -2.0]


@pytest.mark.parametrize(
    "expr,dtype",
    [
        (lambda: Tensor([1, 2], ms.int32) + 1.5, "Float32"),
        (lambda: Tensor([1, 2], ms.int32) * 2, "Int32"),
        (lambda: Tensor([True]) + 1, "Int64"),
        (lambda: Tensor([1, 2], ms.int32) / Tensor([1, 2], ms.int32), "Float32"),
        (lambda: Tensor([1.0], ms.float16) + 1.0, "Float16"),
        (lambda: Tensor([1, 2], ms.int32) > 1, "Bool"),
        (lambda: Tensor([1, 2], ms.int32) + True, "Int32"),
        (lambda: Tensor([1], ms.int32) + Tensor([1], ms.int64), "Int64"),
        (lambda: Tensor([1.0], ms.float16) + Tensor([1.0], ms.float32), "Float32"),
        (lambda: Tensor([1, 2], ms.uint8) + Tensor([1], ms.int8), "Int16"),
        (lambda: Tensor([1, 2]) + Tensor([0.5, 0.5]), "Float32"),
    ],
)
def test_promotion(expr, dtype):
    assert str(expr().dtype) == dtype


def test_operators_values():
    assert (Tensor([7, -7]) // 2).asnumpy().tolist() == [3, -4]
    assert (Tensor([5]) % 3).asnumpy().tolist() == [2]
    assert (2 ** Tensor([3])).asnumpy().tolist() == [8]
    assert (-Tensor([1.0])).asnumpy().tolist() == [-1.0]
    assert (~Tensor([True])).asnumpy().tolist() == [False]
    assert abs(Tensor([-1])).asnumpy().tolist() == [1]


def test_float32_stays_float32():
    """x64 is on for Int64/Float64 fidelity; float32 programs must never widen by accident."""
    x = Tensor(np.ones((2, 2), np.float32))
    outs = [
        x + 1,
        x * 2.5,
        x / 3,
        x - Tensor(1.0),
        x**2,
        1.0 - x,
        x @ x,
        x.sum() if hasattr(x, "sum") else x,
        x.mean() if hasattr(x, "mean") else x,
        ms.ops.exp(x) if hasattr(ms.ops, "exp") else x,
    ]
    for o in outs:
        assert o.dtype == ms.float32, o


def test_bad_input_errors():
    with pytest.raises(TypeError):
        Tensor("abc")
    with pytest.raises(ValueError, match="Add|add"):
        Tensor([1, 2]) + Tensor([1, 2, 3])
