"""Helpers shared by the loss op families (reduction checks and reductions, argument checks)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R

_REDUCTIONS = ("mean", "sum", "none")
_F32 = np.dtype(np.float32)


def _check_reduction(name, reduction, allowed=_REDUCTIONS):
    if reduction not in allowed:
        R.raise_error(ValueError, name, f"the 'reduction' must be in {list(allowed)}, but got {reduction}.")


def _is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


def _reduce(x, reduction, name="loss", weights=1.0):
    """``LossBase.get_loss``: weights * x in float32, reduced over all axes, cast back."""
    _check_reduction(name, reduction)
    dt = x.dtype
    x = x.astype(_F32)
    if not (isinstance(weights, float) and weights == 1.0):
        x = jnp.asarray(weights).astype(_F32) * x
    if reduction == "mean":
        x = jnp.mean(x)
    elif reduction == "sum":
        x = jnp.sum(x)
    return x.astype(dt)


def _simple_reduce(x, reduction):
    """Reduction without the float32 round trip (ops that reduce in their own dtype)."""
    if reduction == "mean":
        return jnp.mean(x)
    if reduction == "sum":
        return jnp.sum(x)
    return x
