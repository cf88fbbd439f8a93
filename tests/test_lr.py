"""Learning-rate lists and LearningRateSchedule cells against MindSpore 2.10 goldens."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn

HERE = os.path.dirname(__file__)
LR = json.load(open(os.path.join(HERE, "golden", "optim.json")))["lr"]

LISTS = {
    "cosine_decay_lr": lambda: nn.cosine_decay_lr(0.01, 0.1, 12, 3, 4),
    "exponential_decay_lr": lambda: nn.exponential_decay_lr(0.1, 0.9, 8, 2, 1),
    "exponential_decay_lr_stair": lambda: nn.exponential_decay_lr(0.1, 0.9, 8, 2, 3, True),
    "natural_exp_decay_lr": lambda: nn.natural_exp_decay_lr(0.1, 0.9, 8, 2, 2),
    "natural_exp_decay_lr_stair": lambda: nn.natural_exp_decay_lr(0.1, 0.9, 8, 2, 2, True),
    "inverse_decay_lr": lambda: nn.inverse_decay_lr(0.1, 0.5, 8, 2, 2),
    "inverse_decay_lr_stair": lambda: nn.inverse_decay_lr(0.1, 0.5, 8, 2, 2, True),
    "polynomial_decay_lr": lambda: nn.polynomial_decay_lr(0.1, 0.01, 8, 2, 2, 0.5),
    "polynomial_decay_lr_update": lambda: nn.polynomial_decay_lr(0.1, 0.01, 10, 2, 2, 0.5, True),
    "piecewise_constant_lr": lambda: nn.piecewise_constant_lr([2, 5, 10], [0.1, 0.05, 0.01]),
    "warmup_lr": lambda: nn.warmup_lr(0.1, 6, 2, 2),
}
CELLS = {
    "ExponentialDecayLR": lambda: nn.ExponentialDecayLR(0.1, 0.9, 4),
    "ExponentialDecayLR_stair": lambda: nn.ExponentialDecayLR(0.1, 0.9, 4, True),
    "NaturalExpDecayLR": lambda: nn.NaturalExpDecayLR(0.1, 0.9, 4),
    "NaturalExpDecayLR_stair": lambda: nn.NaturalExpDecayLR(0.1, 0.9, 4, True),
    "InverseDecayLR": lambda: nn.InverseDecayLR(0.1, 0.5, 4),
    "InverseDecayLR_stair": lambda: nn.InverseDecayLR(0.1, 0.5, 4, True),
    "CosineDecayLR": lambda: nn.CosineDecayLR(0.01, 0.1, 4),
    "PolynomialDecayLR": lambda: nn.PolynomialDecayLR(0.1, 0.01, 4, 0.5),
    "PolynomialDecayLR_update": lambda: nn.PolynomialDecayLR(0.1, 0.01, 4, 0.5, True),
    "WarmUpLR": lambda: nn.WarmUpLR(0.1, 3),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_lr_lists(name):
    got = LISTS[name]()
    assert isinstance(got, list)
    assert got == pytest.approx(LR[name], rel=1e-12)


@pytest.mark.parametrize("name", sorted(CELLS))
def test_lr_cells(name, mode):
    cell = CELLS[name]()
    vals = [float(cell(Tensor(s, ms.int32)).asnumpy()) for s in range(10)]
    np.testing.assert_allclose(vals, LR["cell_" + name], rtol=1e-6)
    assert str(cell(Tensor(1, ms.int32)).dtype) == LR["cell_dtype_" + name]


def test_lr_argument_errors():
    with pytest.raises(TypeError):
        nn.cosine_decay_lr(1, 0.1, 12, 3, 4)
    with pytest.raises(ValueError):
        nn.piecewise_constant_lr([2, 5], [0.1])
    with pytest.raises(ValueError):
        nn.ExponentialDecayLR(0.1, 0.9, 0)
    with pytest.raises(TypeError):
        nn.WarmUpLR(1, 3)
