"""GRAPH_MODE robustness for the Python users write in construct / ms.jit.

Each case in tests/_syntax_cases.py runs in GRAPH_MODE and PYNATIVE_MODE and is compared with
real MindSpore 2.10 GRAPH_MODE output (tests/golden/syntax.*, from tools/make_golden_syntax.py).
EXTRA_CASES are syntax MindSpore 2.10 rejects but mindspore_jax compiles: GRAPH vs PYNATIVE.
"""
import importlib.util
import json
import os
import sys

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")


def _load_cases():
    path = os.path.join(os.path.dirname(__file__), "_syntax_cases.py")
    spec = importlib.util.spec_from_file_location("_syntax_cases_msjax", path)
    mod = importlib.util.module_from_spec(spec)
    mod.ms, mod.nn, mod.ops, mod.Tensor, mod.Parameter = ms, nn, ops, Tensor, Parameter
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


C = _load_cases()
GOLD = np.load(os.path.join(GOLDEN, "syntax.npz"))
with open(os.path.join(GOLDEN, "syntax.json")) as _f:
    META = json.load(_f)


def _check(out, desc):
    if isinstance(desc, list):
        assert isinstance(out, (tuple, list)) and len(out) == len(desc), (out, desc)
        for o, d in zip(out, desc):
            _check(o, d)
    elif "tensor" in desc:
        assert isinstance(out, Tensor), (type(out), desc)
        assert str(out.dtype) == desc["dtype"], (out.dtype, desc)
        np.testing.assert_allclose(out.asnumpy(), GOLD[desc["tensor"]], rtol=1e-5, atol=1e-6,
                                   err_msg=desc["tensor"])
    else:
        assert out == desc["py"], (out, desc)


def _same(a, b):
    if isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(a, Tensor):
        assert isinstance(b, Tensor) and a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_allclose(a.asnumpy(), b.asnumpy(), rtol=1e-6)
    else:
        assert a == b


@pytest.mark.parametrize("name", sorted(C.CASES))
def test_case_vs_mindspore(mode, name):
    make, inputs = C.CASES[name]
    _check(make()(*inputs()), META[name]["out"])


@pytest.mark.parametrize("name", sorted(C.GRAD_CASES))
def test_grad_case_vs_mindspore(mode, name):
    make, inputs = C.GRAD_CASES[name]
    net = make()
    args = inputs()
    g = ms.grad(net, grad_position=0, weights=net.trainable_params())(*args)
    _check((net(*args), g[0], tuple(g[1])), META[name]["out"])


@pytest.mark.parametrize("name", sorted(C.EXTRA_CASES))
def test_extra_case_graph_equals_pynative(name):
    make, inputs = C.EXTRA_CASES[name]
    ms.set_context(mode=ms.PYNATIVE_MODE)
    ref = make()(*inputs())
    ms.set_context(mode=ms.GRAPH_MODE)
    _same(make()(*inputs()), ref)


# --- raise / assert / try: MindSpore raises at run time under a Tensor condition ----------------

class RaiseIf(nn.Cell):
    def __init__(self):
        super().__init__()
        self.calls = Parameter(Tensor(0, ms.int32), name="calls", requires_grad=False)

    def construct(self, x):
        ops.assign_add(self.calls, Tensor(1, ms.int32))
        if x.sum() > 10:
            raise ValueError("sum too big")
        assert x.min() >= 0, "negative input"
        return x * 2


def test_raise_and_assert_under_tensor_condition(mode):
    net = RaiseIf()
    np.testing.assert_allclose(net(C.f32(1.0, 2.0)).asnumpy(), [2.0, 4.0])
    with pytest.raises(ValueError, match="sum too big"):
        net(C.f32(10.0, 20.0))
    with pytest.raises(AssertionError, match="negative input"):
        net(C.f32(-1.0, 2.0))
    # the compiled graph is reused and still works after a failed run
    np.testing.assert_allclose(net(C.f32(3.0, 1.0)).asnumpy(), [6.0, 2.0])
    if mode == ms.GRAPH_MODE:
        assert int(net.calls) == 2  # like MindSpore, a failed run does not commit its writes
    g = ms.grad(lambda v: net(v).sum())(C.f32(1.0, 2.0))
    np.testing.assert_allclose(g.asnumpy(), [2.0, 2.0])


def test_raise_in_helper_and_jit_function():
    def check(v):
        if v.max() > 1:
            raise ValueError(f"max above 1 in tensor of {v.shape[0]}")
        return v

    @ms.jit
    def f(v):
        return check(v) + 1

    np.testing.assert_allclose(f(C.f32(0.5)).asnumpy(), [1.5])
    with pytest.raises(ValueError, match="max above 1 in tensor of 2"):
        f(C.f32(0.5, 3.0))
    assert f.compiles == 2  # shape (1,) and (2,), no recompilation for the failing call


def test_try_is_rejected_with_location():
    class TryNet(nn.Cell):
        def construct(self, x):
            try:
                y = x + 1
            except ValueError:
                y = x
            return y

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(RuntimeError, match=r"Unsupported statement 'Try'.*test_graph_syntax.py:\d+: `try:`"):
        TryNet()(C.f32(1.0))
    ms.set_context(mode=ms.PYNATIVE_MODE)
    np.testing.assert_allclose(TryNet()(C.f32(1.0)).asnumpy(), [2.0])


def test_control_flow_errors_name_the_source_line():
    class GrowList(nn.Cell):
        def construct(self, x, n):
            outs = []
            i = Tensor(0, ms.int32)
            while i < n:
                outs.append(x)
                i = i + 1
            return outs

    class Mismatch(nn.Cell):
        def construct(self, x):
            if x[0] > 0:
                y = x
            else:
                y = (x, x)
            return y

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(TypeError, match=r"changes the structure.*test_graph_syntax.py:\d+: `while i < n:`"):
        GrowList()(C.f32(1.0), Tensor(3, ms.int32))
    with pytest.raises(TypeError, match=r"'y'.*test_graph_syntax.py:\d+: `if x\[0\] > 0:`"):
        Mismatch()(C.f32(1.0))
    with pytest.raises(RuntimeError, match=r"Python bool.*test_graph_syntax.py:\d+: `.*bool\(x\[0\]\)"):
        ms.jit(lambda x: x if bool(x[0]) else -x)(C.f32(1.0))
