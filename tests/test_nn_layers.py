"""nn layers against real MindSpore 2.10 (tests/fixtures/ops_golden, lenet5) in both modes."""

import json
import os
import struct

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

from conftest import FIXTURES

_J = json.load(open(os.path.join(FIXTURES, "ops_golden.json")))
_Z = np.load(os.path.join(FIXTURES, "ops_golden.npz"))

MINE = {"nn.Dense", "nn.Conv2d", "nn.Conv1d", "nn.Conv2dTranspose", "nn.MaxPool2d", "nn.AvgPool2d",
        "nn.AdaptiveAvgPool2d", "nn.AdaptiveMaxPool2d", "nn.MaxPool1d", "nn.BatchNorm2d",
        "nn.BatchNorm1d", "nn.LayerNorm", "nn.GroupNorm", "nn.Softmax", "nn.GELU", "nn.LeakyReLU",
        "nn.PReLU", "nn.HSwish", "nn.HSigmoid", "nn.Embedding", "nn.Flatten", "nn.Pad",
        "nn.Upsample", "nn.Dropout"}


def _cases():
    return [c for c in _J["cases"] if c["api"] in MINE]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_layers_golden(case, mode):
    kw = dict(case["init_kwargs"])
    for p in case["params"]:
        kw[p["key"].rsplit("/", 1)[1]] = Tensor(_Z[p["key"]])
    cell = getattr(nn, case["api"].split(".", 1)[1])(**kw)
    cell.set_train(case["train_mode"])
    ins = [Tensor(_Z[i["key"]]) for i in case["inputs"]]
    out = cell(*ins)
    outs = list(out) if isinstance(out, tuple) else [out]
    if case["api"].startswith("nn.BatchNorm") and case["train_mode"]:
        outs += [cell.moving_mean, cell.moving_variance]
    for o, spec in zip(outs, case["outputs"]):
        exp = _Z[spec["key"]]
        assert tuple(o.shape) == exp.shape
        assert str(o.dtype) == spec["ms_dtype"]
        np.testing.assert_allclose(o.asnumpy(), exp, rtol=1e-5, atol=1e-5, err_msg=case["name"])
