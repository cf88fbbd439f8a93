"""Python control flow on Tensor values inside GRAPH_MODE construct / ms.jit, vs PYNATIVE."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops
from mindspore_jax._graph import control_flow


def t(*v, dtype=np.float32):
    return Tensor(np.array(v, dtype))


class IfElif(nn.Cell):
    def construct(self, x):
        s = x[0] + x[1]
        if s > 2:
            y = x * 2
        elif s > 0:
            y = x + 1
        else:
            y = -x
        return y


class EarlyReturn(nn.Cell):
    def __init__(self):
        super().__init__()
        self.flag = True  # a Python attribute: folded, like MindSpore's constant conditions

    def construct(self, x):
        if self.flag and x[0] > 0:
            return x * 10
        return x - 1


class LoopBreakContinue(nn.Cell):
    def construct(self, x, n):
        i = Tensor(0, ms.int32)
        acc = x * 0
        while i < n:
            i = i + 1
            if i == 2:
                continue
            acc = acc + x * i.astype(ms.float32)
            if acc[0] > 20:
                break
        return acc, i


class RangeTensor(nn.Cell):
    def construct(self, x, n):
        acc = x * 0
        for k in range(n):
            acc = acc + x * k
        for row in x.reshape((2, 2)):
            acc = acc + row.sum() if hasattr(row, "sum") else acc + row[0]
        return acc


class Logic(nn.Cell):
    def construct(self, x):
        a = x[0] > 0
        b = x[1] > 0
        if a and not b:
            r = x + 1
        elif a or b:
            r = x + 2
        else:
            r = x + 3
        return r * 2 if x[2] > 0 else r * 3


@pytest.mark.parametrize("cell,inputs,expected", [
    (IfElif, [t(2.0, 1.0, 0.0, 0.0)], [4.0, 2.0, 0.0, 0.0]),
    (IfElif, [t(0.5, 0.1, 0.0, 0.0)], [1.5, 1.1, 1.0, 1.0]),
    (IfElif, [t(-1.0, -1.0, 0.0, 0.0)], [1.0, 1.0, -0.0, -0.0]),
    (EarlyReturn, [t(1.0, 2.0)], [10.0, 20.0]),
    (EarlyReturn, [t(-1.0, 2.0)], [-2.0, 1.0]),
    (Logic, [t(1.0, -1.0, 1.0)], [4.0, 0.0, 4.0]),
    (Logic, [t(-1.0, 1.0, -1.0)], [3.0, 9.0, 3.0]),
    (Logic, [t(-1.0, -1.0, -1.0)], [6.0, 6.0, 6.0]),
])
def test_branches_both_modes(mode, cell, inputs, expected):
    np.testing.assert_allclose(cell()(*inputs).asnumpy(), expected, rtol=1e-6)


def test_while_break_continue(mode):
    acc, i = LoopBreakContinue()(t(3.0, 1.0), Tensor(10, ms.int32))
    # i=1: 3; i=2 skipped; i=3: 12; i=4: 24 -> break
    np.testing.assert_allclose(acc.asnumpy(), [24.0, 8.0])
    assert int(i) == 4 and i.dtype == ms.int32
    acc, i = LoopBreakContinue()(t(3.0, 1.0), Tensor(0, ms.int32))  # zero iterations
    np.testing.assert_allclose(acc.asnumpy(), [0.0, 0.0])
    assert int(i) == 0


def test_for_over_tensor_range_and_rows(mode):
    out = RangeTensor()(t(1.0, 2.0, 3.0, 4.0), Tensor(3, ms.int32))
    exp = np.array([1.0, 2.0, 3.0, 4.0]) * 3 + 3.0 + 7.0
    np.testing.assert_allclose(out.asnumpy(), exp)


def test_jit_function_with_break():
    @ms.jit
    def first_above(x, thr):
        i = Tensor(0, ms.int32)
        found = Tensor(-1, ms.int32)
        n = x.shape[0]
        while i < n:
            if x[i] > thr:
                found = i
                break
            i = i + 1
        return found

    xs = t(0.1, 0.7, 0.3, 0.9)
    assert [int(first_above(xs, Tensor(v, ms.float32))) for v in (0.5, 0.8, 2.0)] == [1, 3, -1]
    assert first_above.compiles == 1


class Grow(nn.Cell):
    def __init__(self):
        super().__init__()
        self.scale = Parameter(t(0.5), name="scale")

    def construct(self, x, limit):
        y = x
        while ops.abs(y).sum() < limit:
            y = y * 1.5 + 0.1
        if y.mean() > 0:
            z = y * self.scale
        else:
            z = y - self.scale
        return z


def test_gradient_through_data_dependent_loop_and_branch(mode):
    net = Grow()

    def loss(v, lim):
        return net(v, lim).sum()

    gx, (gw,) = ms.grad(loss, grad_position=0, weights=net.trainable_params())(
        t(0.2, 0.1, 0.3), Tensor(5.0, ms.float32))
    # y = 1.5^4 x + c; z = y * scale  (from MindSpore 2.10: e06 expected values)
    np.testing.assert_allclose(gx.asnumpy(), [2.53125] * 3, rtol=1e-5)
    np.testing.assert_allclose(gw.asnumpy(), [32.849998474121094 / 6], rtol=1e-4)  # e06 sums 6z


def test_gradient_through_branch_plain_function(mode):
    def piecewise(x):
        if x.sum() > 1.0:
            out = x * x * 3.0
        else:
            out = ops.sin(x)
        return out.sum()

    g = ms.grad(piecewise)
    np.testing.assert_allclose(g(t(1.0, 0.5)).asnumpy(), [6.0, 3.0])
    np.testing.assert_allclose(g(t(0.1, 0.2)).asnumpy(), np.cos([0.1, 0.2]), rtol=1e-6)


class WriteInBranch(nn.Cell):
    def __init__(self):
        super().__init__()
        self.hits = Parameter(Tensor(0, ms.int32), name="hits", requires_grad=False)

    def construct(self, x):
        if x.sum() > 0:
            ops.assign_add(self.hits, Tensor(1, ms.int32))
        return x


def test_parameter_write_inside_branch(mode):
    net = WriteInBranch()
    net(t(1.0))
    net(t(-1.0))
    net(t(2.0))
    assert int(net.hits) == 2


class Mismatch(nn.Cell):
    def construct(self, x):
        if x[0] > 0:
            y = x
        else:
            y = x.astype(ms.int32)
        return y


def test_branch_type_mismatch_names_variable():
    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(TypeError, match="'y'.*Float32.*Int32"):
        Mismatch()(t(1.0, 2.0))


def test_pynative_is_plain_python():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    # would be a type error if staged; plain Python picks one branch
    out = Mismatch()(t(-1.0, 2.0))
    assert out.dtype == ms.int32


def test_cell_list_loop_unrolls(mode):
    class Stack(nn.Cell):
        def __init__(self):
            super().__init__()
            self.layers = nn.CellList([Scale(2.0), Scale(3.0)])

        def construct(self, x):
            for layer in self.layers:
                x = layer(x)
            return x

    class Scale(nn.Cell):
        def __init__(self, s):
            super().__init__()
            self.s = s

        def construct(self, x):
            return x * self.s

    np.testing.assert_allclose(Stack()(t(1.0)).asnumpy(), [6.0])


def test_conversion_is_cached_and_source_visible():
    f = IfElif.construct
    assert control_flow.convert(f) is control_flow.convert(f)
    assert "if_stmt" in control_flow.to_code(f)


def _fd(f, x, eps=1e-3):
    x = np.asarray(x, np.float64)
    g = np.zeros_like(x)
    for i in range(x.size):
        d = np.zeros_like(x)
        d.flat[i] = eps
        g.flat[i] = (f(x + d) - f(x - d)) / (2 * eps)
    return g


class FixedLoop(nn.Cell):
    def construct(self, x):
        y = x
        for _ in range(3):
            y = ops.sin(y) * 1.5 + y * y * 0.1
        return y.sum()


class DataLoop(nn.Cell):
    def construct(self, x):
        y = x
        while (y * y).sum() < 10.0:
            y = y * 1.3 + ops.cos(y) * 0.2
        if y.sum() > 0:
            r = y * y
        else:
            r = ops.exp(y)
        return r.sum()


def _np_fixed(x):
    y = x
    for _ in range(3):
        y = np.sin(y) * 1.5 + y * y * 0.1
    return y.sum()


def _np_data(x):
    y = x
    while (y * y).sum() < 10.0:
        y = y * 1.3 + np.cos(y) * 0.2
    return (y * y).sum() if y.sum() > 0 else np.exp(y).sum()


@pytest.mark.parametrize("cell,ref,x0", [
    (FixedLoop, _np_fixed, [0.3, -0.4, 0.8]),
    (DataLoop, _np_data, [0.5, 0.2, 0.4]),
    (DataLoop, _np_data, [-0.5, -0.2, -0.4]),
])
def test_gradients_match_finite_differences(mode, cell, ref, x0):
    g = ms.grad(cell())(t(*x0)).asnumpy()
    np.testing.assert_allclose(g, _fd(ref, x0), rtol=2e-3, atol=1e-4)
