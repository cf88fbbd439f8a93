"""``mindspore.numpy`` comparisons and logic (results are Bool Tensors)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor
from ._base import arg, asarray as _asarray
from ._base import npfunc

_CMP = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
        "logical_or", "logical_xor"]
_PRED = ["isfinite", "isnan", "isinf", "isneginf", "isposinf", "signbit", "logical_not"]

_g = globals()
for _n in _CMP:
    _g[_n] = npfunc(getattr(jnp, _n), 2, name=_n)
for _n in _PRED:
    _g[_n] = npfunc(getattr(jnp, _n), 1, name=_n)


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return Tensor._wrap(jnp.isclose(arg(a), arg(b), rtol, atol, equal_nan))


def array_equal(a1, a2, equal_nan=False):
    return Tensor._wrap(jnp.asarray(jnp.array_equal(_asarray(a1), _asarray(a2), equal_nan)))


def array_equiv(a1, a2):
    return Tensor._wrap(jnp.asarray(jnp.array_equiv(_asarray(a1), _asarray(a2))))


def isscalar(element):
    """Python/numpy scalars only (a 0-d Tensor is not a scalar), as numpy.isscalar."""
    return bool(np.isscalar(element))


__all__ = _CMP + _PRED + ["isclose", "array_equal", "array_equiv", "isscalar"]
