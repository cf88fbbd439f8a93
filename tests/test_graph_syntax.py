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
