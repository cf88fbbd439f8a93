"""Regression and embedding losses: l1/mse/smooth_l1/huber, margin ranking, cosine/hinge embedding, NLL."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._loss_common import _F32, _check_reduction, _is_float, _reduce, _simple_reduce


def _tensor_check(name, argname, x):
    if not isinstance(x, (jax.Array, jax.core.Tracer, np.ndarray)):
        R.raise_error(TypeError, name, f"the '{argname}' must be a Tensor, but got {type(x).__name__}.")


# --- elementwise regression losses ----------------------------------------------------------------


@op("loss_reduce")
def _loss_reduce(x, weights=1.0, reduction="mean"):
    return _reduce(x, reduction, "LossBase", weights)


@op("l1_loss")
def _l1_loss(x, target, reduction="mean"):
    _tensor_check("l1_loss", "input", x)
    _tensor_check("l1_loss", "target", target)
    return _reduce(jnp.abs(x - target), reduction, "l1_loss")


@op("mse_loss")
def _mse_loss(x, target, reduction="mean"):
    _check_reduction("mse_loss", reduction)
    d = jnp.square(x - target)
    out_dt = d.dtype if _is_float(d) else _F32
    return (
        _reduce(d, reduction).astype(out_dt)
        if reduction == "none"
        else _simple_reduce(d.astype(_F32), reduction).astype(out_dt)
    )


@op("square_loss")
def _square_loss(x, target, reduction="mean", name="MSELoss"):
    """nn.MSELoss/MAELoss path: the reduced value keeps the input dtype (``get_loss``)."""
    return _reduce(jnp.square(x - target), reduction, name)


@op("abs_loss")
def _abs_loss(x, target, reduction="mean", name="MAELoss"):
    return _reduce(jnp.abs(x - target), reduction, name)


@op("smooth_l1_loss")
def _smooth_l1_loss(x, target, beta=1.0, reduction="none"):
    _check_reduction("SmoothL1Loss", reduction)
    if beta < 0:
        R.raise_error(ValueError, "SmoothL1Loss", f"the 'beta' must be non-negative, but got {beta}.")
    d = jnp.abs(x - target)
    if beta == 0.0:
        loss = d
    else:
        loss = jnp.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta)
    return _simple_reduce(loss, reduction)


@op("huber_loss")
def _huber_loss(x, target, reduction="mean", delta=1.0):
    if isinstance(delta, bool) or not isinstance(delta, (int, float)) or delta <= 0:
        R.raise_error(
            ValueError, "huber_loss", f"the 'delta' must be a number greater than 0, but got {delta}."
        )
    z = jnp.abs(x - target)
    loss = jnp.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta))
    return _reduce(loss, reduction, "huber_loss")


@op("soft_margin_loss")
def _soft_margin_loss(x, target, reduction="mean"):
    _check_reduction("SoftMarginLoss", reduction)
    return _simple_reduce(jnp.log1p(jnp.exp(-target * x)), reduction)


@op("l2_loss")
def _l2_loss(x):
    return jnp.sum(jnp.square(x)) / 2


@op("margin_ranking_loss")
def _margin_ranking_loss(x1, x2, target, margin=0.0, reduction="mean"):
    if not isinstance(margin, float):
        R.raise_error(
            TypeError, "margin_ranking_loss", f"the 'margin' must be float, but got {type(margin).__name__}."
        )
    return _reduce(jnp.maximum(-target * (x1 - x2) + margin, 0), reduction, "margin_ranking_loss")


@op("cosine_embedding_loss")
def _cosine_embedding_loss(x1, x2, target, margin=0.0, reduction="mean"):
    margin = float(margin)
    if not -1.0 <= margin <= 1.0:
        R.raise_error(
            ValueError,
            "cosine_embedding_loss",
            f"the value of 'margin' should be in [-1, 1], but got {margin}.",
        )
    if x1.shape != x2.shape:
        R.raise_error(
            ValueError,
            "cosine_embedding_loss",
            f"'input1' and 'input2' must have the same shape, but got {list(x1.shape)} and {list(x2.shape)}.",
        )
    if not _is_float(x1):
        x1, x2 = x1.astype(_F32), x2.astype(_F32)
    prod = jnp.sum(x1 * x2, 1)
    denom = jnp.sqrt(jnp.sum(x1 * x1, 1)) * jnp.sqrt(jnp.sum(x2 * x2, 1))
    cos = prod / denom
    loss = jnp.where(target == 1, 1.0 - cos, 0) + jnp.where(target == -1, jnp.maximum(cos - margin, 0), 0)
    return _reduce(loss.astype(cos.dtype), reduction, "cosine_embedding_loss")


@op("hinge_embedding_loss")
def _hinge_embedding_loss(x, target, margin=1.0, reduction="mean"):
    _check_reduction("hinge_embedding_loss", reduction)
    pos = jnp.where(target > 0, x, 0)
    neg = jnp.where(target < 0, jnp.maximum(margin - x, 0), 0)
    return _simple_reduce((pos + neg).astype(x.dtype), reduction)


@op("poisson_nll_loss")
def _poisson_nll_loss(x, target, log_input=True, full=False, eps=1e-8, reduction="mean"):
    target = target.astype(x.dtype)
    loss = jnp.exp(x) - target * x if log_input else x - target * jnp.log(x + eps)
    if full:
        t = jnp.maximum(target, eps)
        stirling = t * jnp.log(t) - t + 0.5 * math.log(2 * math.pi) + 0.5 * jnp.log(t)
        loss = loss + jnp.where(t > 1, stirling, 0).astype(loss.dtype)
    return _reduce(loss, reduction, "PoissonNLLLoss")


@op("gaussian_nll_loss")
def _gaussian_nll_loss(x, target, var, full=False, eps=1e-6, reduction="mean"):
    if not isinstance(full, bool):
        R.raise_error(
            TypeError, "gaussian_nll_loss", f"'full' must be a bool, but got {type(full).__name__}."
        )
    if not isinstance(eps, float) or eps <= 0:
        R.raise_error(ValueError, "gaussian_nll_loss", f"'eps' must be a positive float, but got {eps}.")
    _check_reduction("gaussian_nll_loss", reduction)
    if x.shape != var.shape and x.shape[:-1] == var.shape:
        var = var[..., None]
    v = jnp.maximum(var, eps)
    loss = 0.5 * (jnp.log(v) + jnp.square(x - target) / v)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _simple_reduce(loss, reduction)


@op("rmse_loss")
def _rmse_loss(x, target):
    return jnp.sqrt(_reduce(jnp.square(x - target), "mean", "RMSELoss"))


@op("pairwise_l2_distance")
def _pairwise_l2_distance(x, y):
    d = jnp.abs(x - y)
    if d.ndim == 0:
        R.raise_error(ValueError, "pairwise_distance", "'ndim' of the input must be positive, but got 0")
    return jnp.sqrt(jnp.sum(d * d, 1))


# --- functional views -----------------------------------------------------------------------------


@functional
def l1_loss(input, target, reduction="mean"):
    """``ops.l1_loss``: mean/sum/none of |input - target| (reduced through float32)."""
    return call("l1_loss", input, target, reduction)


@functional
def mse_loss(input, target, reduction="mean"):
    """``ops.mse_loss``: integer inputs give a Float32 loss."""
    return call("mse_loss", input, target, reduction)


@functional
def smooth_l1_loss(input, target, beta=1.0, reduction="none"):
    return call("smooth_l1_loss", input, target, beta, reduction)


@functional
def huber_loss(input, target, reduction="mean", delta=1.0):
    return call("huber_loss", input, target, reduction, delta)


@functional
def soft_margin_loss(input, target, reduction="mean"):
    return call("soft_margin_loss", input, target, reduction)


@functional
def margin_ranking_loss(input1, input2, target, margin=0.0, reduction="mean"):
    return call("margin_ranking_loss", input1, input2, target, margin, reduction)


@functional
def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    return call("cosine_embedding_loss", input1, input2, target, margin, reduction)


@functional
def hinge_embedding_loss(inputs, targets, margin=1.0, reduction="mean"):
    return call("hinge_embedding_loss", inputs, targets, margin, reduction)


@functional
def gaussian_nll_loss(x, target, var, full=False, eps=1e-6, reduction="mean"):
    return call("gaussian_nll_loss", x, target, var, full, eps, reduction)


class SmoothL1Loss(Primitive):
    def __init__(self, beta=1.0, reduction="none"):
        super().__init__("SmoothL1Loss")
        self.beta, self.reduction = beta, reduction

    def __call__(self, logits, labels):
        return call("smooth_l1_loss", logits, labels, self.beta, self.reduction)


class SoftMarginLoss(Primitive):
    def __init__(self, reduction="mean"):
        super().__init__("SoftMarginLoss")
        self.reduction = reduction

    def __call__(self, logits, labels):
        return call("soft_margin_loss", logits, labels, self.reduction)


class L2Loss(Primitive):
    def __init__(self):
        super().__init__("L2Loss")

    def __call__(self, x):
        return call("l2_loss", x)

for _c in (
    SmoothL1Loss,
    SoftMarginLoss,
    L2Loss,
):
    primitive(_c)
del _c
