"""Reductions and cumulative ops against real MindSpore 2.10 goldens (tests/golden/math.*), in
PYNATIVE and inside GRAPH_MODE Cells, plus the overloads and axis errors they pin down."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, mint, nn, ops
from mindspore_jax.ops import operations as P

from test_ops_math import cases, run_golden


@pytest.mark.parametrize("name", cases(reduce=True))
def test_golden_reduce_pynative(name):
    run_golden(name, ms.PYNATIVE_MODE)


@pytest.mark.parametrize("name", cases(reduce=True)[::3])
def test_golden_reduce_graph(name):
    run_golden(name, ms.GRAPH_MODE)


X = np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], np.float32)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.rsum = P.ReduceSum(keep_dims=True)
        self.argmax = P.Argmax(axis=1)

    def construct(self, x):
        v, i = ops.max(x, 1)
        return self.rsum(x, (0,)), self.argmax(x), v, i, x.sum(axis=1), ops.cumsum(x, 1), \
            ops.std(x, 1, ddof=1), x.argmin(), ops.logsumexp(x, 1)


def test_reductions_in_cell(mode):
    outs = Net()(Tensor(X))
    assert [str(o.dtype) for o in outs] == ["Float32", "Int32", "Float32", "Int64", "Float32", "Float32",
                                            "Float32", "Int32", "Float32"]
    np.testing.assert_allclose(outs[0].asnumpy(), X.sum(0, keepdims=True))
    assert outs[1].asnumpy().tolist() == [1, 2] and outs[3].asnumpy().tolist() == [1, 2]
    np.testing.assert_allclose(outs[6].asnumpy(), X.std(1, ddof=1), rtol=1e-6)
    np.testing.assert_allclose(outs[8].asnumpy(), np.log(np.exp(X).sum(1)), rtol=1e-6)


def test_tensor_max_overloads():
    t = Tensor(X)
    assert t.max().shape == ()
    v, i = t.max(1)                            # positional axis: (values, indices)
    assert i.asnumpy().tolist() == [1, 2] and str(i.dtype) == "Int64"
    assert t.max(axis=1, keepdims=True).shape == (2, 1)     # keyword axis: values only
    v, i = t.min(axis=0, return_indices=True)
    assert v.asnumpy().tolist() == [1.0, 2.0, 3.0] and i.asnumpy().tolist() == [0, 1, 0]
    assert t.max(Tensor(np.full((2, 3), 4.0, np.float32))).asnumpy().min() == 4.0


def test_mint_max_forms():
    t = Tensor(X)
    assert float(mint.max(t).asnumpy()) == 6.0
    v, i = mint.max(t, 1, True)
    assert v.shape == (2, 1) and str(i.dtype) == "Int64"
    assert mint.min(t, Tensor(np.zeros((2, 3), np.float32))).asnumpy().max() == 0.0


def test_axis_errors():
    t = Tensor(X)
    with pytest.raises(ValueError, match="axis"):
        P.ReduceMean()(t, 2)
    with pytest.raises(ValueError):
        ops.argmax(t, 3)
    with pytest.raises(TypeError):
        ops.sum(t, 1.5)
    with pytest.raises(RuntimeError):
        P.ReduceSum()(t, (0, 0))
    with pytest.raises(TypeError):
        ops.logsumexp(Tensor(np.array([1, 2], np.int32)), 0)


def test_axis_as_tensor_and_empty_tuple():
    t = Tensor(X)
    assert P.ReduceSum()(t, ()).shape == ()
    assert P.ReduceSum()(t, []).shape == ()
    np.testing.assert_allclose(P.ReduceMax()(t, Tensor(np.array([1]))).asnumpy(), X.max(1))
    assert P.ReduceSum(skip_mode=True)(t, ()).shape == (2, 3)


def test_cummin_cummax_ties_take_latest():
    v, i = ops.cummin(Tensor(np.array([3.0, 1.0, 2.0, 1.0, 0.5], np.float32)), 0)
    assert i.asnumpy().tolist() == [0, 1, 1, 3, 4] and str(i.dtype) == "Int32"
    v, i = ops.cummax(Tensor(np.array([1, 3, 3, 2], np.int32)), 0)
    assert v.asnumpy().tolist() == [1, 3, 3, 3] and i.asnumpy().tolist() == [0, 1, 2, 2]


def test_reduce_grads():
    x = Tensor(np.array([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]]))

    def f(t):
        return ops.sum(ops.logsumexp(t, 1) + ops.std(t, 1) + ops.cumsum(t, 1)[:, -1] + ops.amax(t, 1))

    g = ms.grad(f)(x).asnumpy()
    eps, base = 1e-6, x.asnumpy()
    fd = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        d = np.zeros_like(base)
        d[idx] = eps
        fd[idx] = (f(Tensor(base + d)).asnumpy() - f(Tensor(base - d)).asnumpy()) / (2 * eps)
    np.testing.assert_allclose(g, fd, rtol=1e-5, atol=1e-6)
