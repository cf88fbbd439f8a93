"""Shared loader for tests/golden/rnn.* (RNN and Transformer goldens from real MindSpore 2.10)."""

import json
import os

import numpy as np

from mindspore_jax import Tensor, nn

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
with open(os.path.join(GOLDEN, "rnn.json")) as _f:
    CASES = json.load(_f)["cases"]
ARR = np.load(os.path.join(GOLDEN, "rnn.npz"))


def cases(apis):
    return [c for c in CASES if c["api"][3:] in apis]


def _val(v):
    if v is None:
        return None
    if isinstance(v, dict) and "tuple" in v:
        return tuple(Tensor(ARR[t["tensor"]]) for t in v["tuple"])
    if isinstance(v, dict) and "tensor" in v:
        return Tensor(ARR[v["tensor"]])
    return v


def build(case):
    """The layer with MindSpore's weights set by parameter name, plus its call arguments."""
    net = getattr(nn, case["api"][3:])(**case["init"])
    for p in net.get_parameters():
        p.set_data(Tensor(ARR[case["params"][p.name]]))
    args = [_val(v) for v in case["inputs"]]
    kwargs = {k: _val(v) for k, v in case["kwargs"].items()}
    return net, args, kwargs


def flat(x):
    if isinstance(x, (tuple, list)):
        return [a for i in x for a in flat(i)]
    return [x]


def check(case, out, atol=2e-6):
    outs = flat(out)
    assert len(outs) == len(case["outputs"]), case["name"]
    for o, spec in zip(outs, case["outputs"]):
        assert list(o.shape) == spec["shape"], (case["name"], o.shape, spec["shape"])
        assert str(o.dtype) == spec["dtype"], (case["name"], o.dtype)
        np.testing.assert_allclose(o.asnumpy(), ARR[spec["key"]], rtol=1e-5, atol=atol, err_msg=case["name"])


def _param_names():
    path = os.path.join(os.path.dirname(__file__), "fixtures", "param_names.tsv")
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f][1:]


FIXTURES_PARAM_NAMES = _param_names()
