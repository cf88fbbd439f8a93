"""nn functional ops and primitives against real MindSpore 2.10 outputs (tests/fixtures/ops_golden
and tests/golden/nn.npz made by tools/make_golden_nn.py), plus numpy references."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops
from mindspore_jax.ops import operations as P

from conftest import FIXTURES, GOLDEN

_J = json.load(open(os.path.join(FIXTURES, "ops_golden.json")))
_Z = np.load(os.path.join(FIXTURES, "ops_golden.npz"))

MINE = {
    "ops.conv2d",
    "ops.max_pool2d",
    "ops.avg_pool2d",
    "ops.adaptive_avg_pool2d",
    "ops.batch_norm",
    "ops.softmax",
    "ops.log_softmax",
    "ops.gelu",
    "ops.sigmoid",
    "ops.relu",
    "ops.relu6",
    "ops.silu",
    "ops.hardswish",
    "ops.elu",
    "ops.softplus",
    "ops.mish",
    "ops.pad",
    "ops.interpolate",
    "ops.embedding",
    "ops.dropout",
    "P.BiasAdd",
    "P.MaxPool",
    "P.AvgPool",
    "P.L2Normalize",
    "P.ResizeNearestNeighbor",
    "P.ResizeBilinearV2",
}


def _cases(apis):
    return [c for c in _J["cases"] if c["api"] in apis]


def _resolve_arg(a):
    if isinstance(a, str) and a.startswith("mindspore."):
        return getattr(ms, a.split(".", 1)[1])
    return a


def run_case(c):
    ins = [Tensor(_Z[i["key"]]) for i in c["inputs"]]
    extra = [_resolve_arg(a) for a in c["extra_positional_args"]]
    kind, api = c["kind"], c["api"]
    name = api.split(".", 1)[1]
    if kind == "functional":
        out = getattr(ops, name)(*ins, *extra, **c["kwargs"])
    elif kind == "primitive":
        out = getattr(P, name)(**c["init_kwargs"])(*ins, *extra, **c["kwargs"])
    else:
        raise AssertionError(kind)
    return out


def _flat(out):
    if isinstance(out, (tuple, list)):
        r = []
        for o in out:
            r.extend(_flat(o))
        return r
    return [out]


def check_outputs(c, out):
    outs = _flat(out)
    assert len(outs) >= len(c["outputs"]), (len(outs), c["outputs"])
    for o, spec in zip(outs, c["outputs"]):
        exp = _Z[spec["key"]]
        got = o.asnumpy()
        assert tuple(got.shape) == tuple(exp.shape), (c["name"], got.shape, exp.shape)
        assert str(o.dtype) == spec["ms_dtype"], (c["name"], o.dtype, spec["ms_dtype"])
        np.testing.assert_allclose(got, exp, rtol=1e-5, atol=1e-5, err_msg=c["name"])


@pytest.mark.parametrize("case", _cases(MINE), ids=lambda c: c["name"])
def test_ops_golden(case):
    check_outputs(case, run_case(case))


# --- extra cases made by tools/make_golden_nn.py ------------------------------------------------

import sys  # noqa: E402

sys.path.insert(0, GOLDEN)
from nn_cases import CASES  # noqa: E402

_G = np.load(os.path.join(GOLDEN, "nn.npz"))
_TABLE = CASES(ms, ops, nn, P, Tensor)


@pytest.mark.parametrize("name", sorted(_TABLE))
def test_nn_golden(name):
    shapes, fn = _TABLE[name]
    ins = [Tensor(_G[f"{name}/in{i}"]) for i in range(len(shapes))]
    out = fn(*ins)
    outs = _flat(out)
    n_exp = len([k for k in _G.files if k.startswith(name + "/out")])
    assert len(outs) == n_exp
    for i, o in enumerate(outs):
        exp = _G[f"{name}/out{i}"]
        got = o.asnumpy()
        assert got.shape == exp.shape, (got.shape, exp.shape)
        if exp.dtype.kind in "iu":
            np.testing.assert_array_equal(got, exp)
        else:
            np.testing.assert_allclose(got, exp, rtol=1e-4, atol=1e-5)
