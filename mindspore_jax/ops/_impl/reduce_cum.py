"""Cumulative ops: cumsum/cumprod, cummax/cummin, logcumsumexp and their views."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._reduce_common import _I32, _I64, _float_in, _is_floatish, _kw, _one_axis

# --- cumulative ---------------------------------------------------------------------------------

@op("cumsum")
def _cumsum(x, axis=None, dtype=None, exclusive=False, reverse=False, int64=False, name="CumSum"):
    if x.dtype == np.bool_ and dtype is None and not int64:
        R.raise_error(TypeError, name, "the input must not be a Bool Tensor.")
    if axis is None:
        x, axis = x.reshape(-1), 0
    a = _one_axis(name, x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    elif int64 and x.dtype.kind in "biu":
        x = x.astype(_I64)
    if reverse:
        x = jnp.flip(x, a)
    y = jnp.cumsum(x, axis=a, dtype=x.dtype)
    if exclusive:
        y = y - x
    return jnp.flip(y, a) if reverse else y


@op("cumprod")
def _cumprod(x, axis=0, dtype=None, exclusive=False, reverse=False, int64=False, name="CumProd"):
    a = _one_axis(name, x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    elif int64 and x.dtype.kind in "biu":
        x = x.astype(_I64)
    if reverse:
        x = jnp.flip(x, a)
    if exclusive:
        pad = [(0, 0)] * x.ndim
        pad[a] = (1, 0)
        x = jnp.pad(x, pad, constant_values=1)
        x = jax.lax.slice_in_dim(x, 0, x.shape[a] - 1, axis=a)
    y = jnp.cumprod(x, axis=a, dtype=x.dtype)
    return jnp.flip(y, a) if reverse else y


def _cum_extreme(x, a, largest, idx_dtype):
    idx = jax.lax.broadcasted_iota(_I64, x.shape, a)

    def combine(p, q):
        (v1, i1), (v2, i2) = p, q
        take2 = (v2 >= v1) if largest else (v2 <= v1)
        if _is_floatish(x.dtype):
            take2 = take2 | jnp.isnan(v2) & ~jnp.isnan(v1)
        return jnp.where(take2, v2, v1), jnp.where(take2, i2, i1)

    v, i = jax.lax.associative_scan(combine, (x, idx), axis=a)
    return v, i.astype(idx_dtype)


@op("cummax")
def _cummax(x, axis):
    return _cum_extreme(x, _one_axis("Cummax", x, axis), True, _I64)


@op("cummin")
def _cummin(x, axis, idx_dtype=_I32):
    """MindSpore 2.10 returns Int32 indices from ``ops.cummin`` (Int64 from ``ops.cummax``)."""
    return _cum_extreme(x, _one_axis("Cummin", x, axis), False, idx_dtype)


@op("logcumsumexp")
def _logcumsumexp(x, axis, exclusive=False, reverse=False):
    _float_in("CumulativeLogsumexp", x)
    a = _one_axis("CumulativeLogsumexp", x, axis)
    if reverse:
        x = jnp.flip(x, a)
    if exclusive:
        pad = [(0, 0)] * x.ndim
        pad[a] = (1, 0)
        x = jnp.pad(x, pad, constant_values=-jnp.inf)
        x = jax.lax.slice_in_dim(x, 0, x.shape[a] - 1, axis=a)
    y = jax.lax.cumlogsumexp(x, axis=a)
    return jnp.flip(y, a) if reverse else y


@functional
def cumsum(x, axis, dtype=None):
    return call("cumsum", x, axis, dtype)


@functional
def cumprod(input, dim, dtype=None):
    return call("cumprod", input, dim, dtype, False, False, True)


@functional
def cummax(input, axis):
    return call("cummax", input, axis)


@functional
def cummin(input, axis):
    return call("cummin", input, axis)


@functional
def logcumsumexp(input, axis):
    return call("logcumsumexp", input, axis)


@primitive
class CumSum(Primitive):
    """``P.CumSum(exclusive=False, reverse=False)(x, axis)``."""

    def __init__(self, exclusive=False, reverse=False):
        super().__init__("CumSum")
        self.exclusive, self.reverse = exclusive, reverse

    def __call__(self, x, axis):
        return call("cumsum", x, axis, None, self.exclusive, self.reverse)


@primitive
class CumProd(Primitive):
    def __init__(self, exclusive=False, reverse=False):
        super().__init__("CumProd")
        self.exclusive, self.reverse = exclusive, reverse

    def __call__(self, x, axis):
        return call("cumprod", x, axis, None, self.exclusive, self.reverse)


@primitive
class Cummax(Primitive):
    def __init__(self, axis):
        super().__init__("Cummax")
        self.axis = axis

    def __call__(self, x):
        return call("cummax", x, self.axis)


@primitive
class Cummin(Primitive):
    def __init__(self, axis):
        super().__init__("Cummin")
        self.axis = axis

    def __call__(self, x):
        return call("cummin", x, self.axis)


@primitive
class CumulativeLogsumexp(Primitive):
    def __init__(self, exclusive=False, reverse=False):
        super().__init__("CumulativeLogsumexp")
        self.exclusive, self.reverse = exclusive, reverse

    def __call__(self, x, axis):
        return call("logcumsumexp", x, axis, self.exclusive, self.reverse)


@tensor_method("cumsum")
def _t_cumsum(self, axis=None, dtype=None, **kw):
    kw = _kw(kw, ("dim", "axis"))
    return call("cumsum", self, kw.get("axis", axis), dtype)


tensor_method("cumprod")(lambda self, dim, dtype=None: call("cumprod", self, dim, dtype, False, False, True))
tensor_method("cummax")(lambda self, axis: call("cummax", self, axis))
tensor_method("cummin")(lambda self, axis: call("cummin", self, axis))
tensor_method("logcumsumexp")(lambda self, axis: call("logcumsumexp", self, axis))
mint("cumsum")(lambda input, dim, dtype=None: call("cumsum", input, dim, dtype, False, False, True))
mint("cumprod")(lambda input, dim, dtype=None: call("cumprod", input, dim, dtype, False, False, True))
mint("cummax")(lambda input, dim: call("cummax", input, dim))
mint("cummin")(lambda input, dim: call("cummin", input, dim, _I64))
