"""Tier-1/2 names not covered by another golden (tests/golden/tier12_cases.py), against real
MindSpore 2.10: eagerly and all together inside one GRAPH_MODE Cell."""

import builtins
import json
import os
import sys

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops
from mindspore_jax.ops import composite as C
from mindspore_jax.ops import functional as F
from mindspore_jax.ops import operations as P

from conftest import GOLDEN

sys.path.insert(0, GOLDEN)
from tier12_cases import CASES, INPUTS  # noqa: E402

META = json.load(open(os.path.join(GOLDEN, "tier12.json")))["cases"]
NPZ = np.load(os.path.join(GOLDEN, "tier12.npz"))
GRAPH_SKIP = {"numpy", "ndim", "float"}  # host-side conversions: eager only


def _env(tensors):
    env = {"ms": ms, "ops": ops, "P": P, "nn": nn, "F": F, "C": C, "Tensor": Tensor, "np": np}
    env.update(tensors)
    return env


def _check(name, out):
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    assert [str(o.dtype) for o in outs] == META[name]["dtypes"], name
    for k, o in enumerate(outs):
        np.testing.assert_allclose(o.asnumpy(), NPZ[f"{name}/{k}"], rtol=1e-5, atol=1e-6, err_msg=name)


@pytest.mark.parametrize("name,expr", CASES, ids=[c[0] for c in CASES])
def test_eager(name, expr):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    env = _env({k: Tensor(v) for k, v in INPUTS.items()})
    err = META[name].get("error")
    if err and "unregistered" in err:  # MindSpore 2.10 has no CPU kernel; we run it
        eval(expr, env)
        return
    if err:
        with pytest.raises(getattr(builtins, err.split(":")[0])):
            eval(expr, env)
        return
    _check(name, eval(expr, env))


class _All(nn.Cell):
    def construct(self, *xs):
        env = _env(dict(zip(INPUTS, xs)))
        return tuple(eval(expr, env) for name, expr in CASES
                     if name not in GRAPH_SKIP and "error" not in META[name])


def test_graph_mode_one_cell():
    ms.set_context(mode=ms.GRAPH_MODE)
    outs = _All()(*[Tensor(v) for v in INPUTS.values()])
    names = [n for n, _ in CASES if n not in GRAPH_SKIP and "error" not in META[n]]
    for name, out in zip(names, outs):
        _check(name, out)
