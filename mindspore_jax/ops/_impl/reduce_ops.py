"""Reductions (sum, mean, max, argmax, std, norm...) and cumulative ops (cumsum, cummax...).

Axis handling is shared: ``None``, ``()`` and ``[]`` mean every axis; an axis outside
``[-ndim, ndim)`` raises ValueError and a non-integer axis TypeError, as in MindSpore.
Result dtypes follow MindSpore 2.10 and differ between spellings: ``ops.sum``/``ops.prod`` of an
integer tensor give Int64 while ``P.ReduceSum``/``P.ReduceProd`` keep Int32; ``ops.argmax`` and
``Tensor.argmax`` give Int64 while ``ops.argmin``/``Tensor.argmin``/``P.Argmax`` give Int32.
"""

from __future__ import annotations

import builtins
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array

_I64 = np.dtype(np.int64)
_I32 = np.dtype(np.int32)


def _is_floatish(dt):
    return dt.kind in "fc" or dt == jnp.bfloat16


def _axes(name, x, axis):
    """Normalises ``axis`` to a sorted tuple of non-negative ints (all axes for None/())."""
    nd = x.ndim
    if axis is None or (isinstance(axis, (tuple, list)) and len(axis) == 0):
        return tuple(range(nd))
    if is_array(axis):
        axis = np.asarray(axis).reshape(-1).tolist()
        if not axis:
            return tuple(range(nd))
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    out = []
    lim = builtins.max(nd, 1)
    for a in items:
        if isinstance(a, bool) or not isinstance(a, (numbers.Integral, np.integer)):
            R.raise_error(TypeError, name, f"the 'axis' must be an int or a tuple/list of ints, but "
                                           f"got {type(a).__name__}.")
        a = int(a)
        if not -lim <= a < lim:
            R.raise_error(ValueError, name, f"the axis value must be in [{-lim},{lim}), but got {a}.")
        out.append(a % lim)
    if len(set(out)) != len(out):
        R.raise_error(RuntimeError, name, f"dim={out[0]} appears multiple times in the list of dims.")
    if nd == 0:
        return ()
    return tuple(sorted(out))


def _one_axis(name, x, axis):
    (a,) = _axes(name, x, axis) or (0,)
    return a


def _float_in(name, x):
    if not _is_floatish(x.dtype):
        R.raise_error(TypeError, name, f"the input must be a Tensor with float dtype, but got "
                                       f"{R.ms_dtype(x)}.")
    return x


# --- sum / mean / prod / max / min / any / all ----------------------------------------------------

@op("reduce_sum")
def _reduce_sum(x, axis=None, keepdims=False, dtype=None, int64=False, name="ReduceSum"):
    """``int64``: integer and bool inputs sum to Int64 (``ops.sum``); otherwise the dtype is kept
    (``P.ReduceSum``; a Bool input then gives Bool, i.e. any)."""
    ax = _axes(name, x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    elif x.dtype.kind in "biu" and int64:
        x = x.astype(_I64)
    elif x.dtype == np.bool_:
        return jnp.any(x, axis=ax, keepdims=keepdims)
    return jnp.sum(x, axis=ax, keepdims=keepdims, dtype=x.dtype)


@op("reduce_prod")
def _reduce_prod(x, axis=None, keepdims=False, dtype=None, int64=False, name="ReduceProd"):
    ax = _axes(name, x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    elif x.dtype.kind in "biu" and int64:
        x = x.astype(_I64)
    elif x.dtype == np.bool_:
        return jnp.all(x, axis=ax, keepdims=keepdims)
    return jnp.prod(x, axis=ax, keepdims=keepdims, dtype=x.dtype)


@op("reduce_mean")
def _reduce_mean(x, axis=None, keepdims=False, dtype=None, name="ReduceMean"):
    """The mean of an integer tensor stays integer (truncated), as MindSpore's CPU kernel does."""
    ax = _axes(name, x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    if _is_floatish(x.dtype):
        return jnp.mean(x, axis=ax, keepdims=keepdims)
    return jnp.trunc(jnp.mean(x.astype(np.float64), axis=ax, keepdims=keepdims)).astype(x.dtype)


@op("reduce_max")
def _reduce_max(x, axis=None, keepdims=False, initial=None, where=None, name="ReduceMax"):
    ax = _axes(name, x, axis)
    if where is not None and initial is None:
        R.raise_error(ValueError, name, "'initial' must be given when 'where' is used.")
    return jnp.max(x, axis=ax, keepdims=keepdims, initial=initial, where=where)


@op("reduce_min")
def _reduce_min(x, axis=None, keepdims=False, initial=None, where=None, name="ReduceMin"):
    ax = _axes(name, x, axis)
    if where is not None and initial is None:
        R.raise_error(ValueError, name, "'initial' must be given when 'where' is used.")
    return jnp.min(x, axis=ax, keepdims=keepdims, initial=initial, where=where)


@op("reduce_any")
def _reduce_any(x, axis=None, keepdims=False, name="ReduceAny"):
    return jnp.any(x, axis=_axes(name, x, axis), keepdims=keepdims)


@op("reduce_all")
def _reduce_all(x, axis=None, keepdims=False, name="ReduceAll"):
    return jnp.all(x, axis=_axes(name, x, axis), keepdims=keepdims)


@op("nansum")
def _nansum(x, axis=None, keepdims=False, dtype=None):
    ax = _axes("nansum", x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    elif x.dtype.kind in "biu":
        x = x.astype(_I64)
    return jnp.nansum(x, axis=ax, keepdims=keepdims)


@op("nanmean")
def _nanmean(x, axis=None, keepdims=False, dtype=None):
    ax = _axes("nanmean", x, axis)
    if dtype is not None:
        x = x.astype(dtype)
    return jnp.nanmean(_float_in("nanmean", x), axis=ax, keepdims=keepdims)


# --- arg reductions ---------------------------------------------------------------------------

@op("argmax")
def _argmax(x, axis=None, keepdims=False, out_dtype=_I64, name="Argmax"):
    """Index of the first maximum; ``axis=None`` indexes the flattened tensor."""
    if axis is None:
        r = jnp.argmax(x.reshape(-1)).astype(out_dtype)
        return r.reshape((1,) * x.ndim) if keepdims else r
    return jnp.argmax(x, axis=_one_axis(name, x, axis), keepdims=keepdims).astype(out_dtype)


@op("argmin")
def _argmin(x, axis=None, keepdims=False, out_dtype=_I32, name="Argmin"):
    if axis is None:
        r = jnp.argmin(x.reshape(-1)).astype(out_dtype)
        return r.reshape((1,) * x.ndim) if keepdims else r
    return jnp.argmin(x, axis=_one_axis(name, x, axis), keepdims=keepdims).astype(out_dtype)


@op("max_with_index")
def _max_with_index(x, axis=None, keepdims=False, initial=None, where=None, largest=True,
                    name="max"):
    """``(values, Int64 indices)`` along ``axis``. With no axis MindSpore 2.10 returns index 0
    whatever the data (reproduced); where ``initial`` wins the index is 0."""
    red = _reduce_max if largest else _reduce_min
    arg = jnp.argmax if largest else jnp.argmin
    if axis is None:
        v = red(x, None, keepdims, initial, where, name)
        return v, jnp.zeros(v.shape, _I64)
    a = _one_axis(name, x, axis)
    v = red(x, a, keepdims, initial, where, name)
    xi = x if where is None else jnp.where(where, x, v if keepdims else jnp.expand_dims(v, a))
    i = arg(xi, axis=a, keepdims=keepdims).astype(_I64)
    if initial is not None:
        plain = red(x, a, keepdims, None, None, name)
        i = jnp.where(plain == v, i, jnp.zeros_like(i))
    return v, i


@op("median")
def _median(x, axis=-1, keepdims=False, name="median"):
    """Lower median along ``axis`` and its index (Int64); ``axis=None`` reduces everything."""
    if axis is None:
        flat = x.reshape(-1)
        k = (flat.shape[0] - 1) // 2
        return jnp.sort(flat)[k]
    a = _one_axis(name, x, axis)
    k = (x.shape[a] - 1) // 2 if x.ndim else 0
    if x.ndim == 0:
        return x, jnp.zeros((), _I64)
    order = jnp.argsort(x, axis=a, stable=True)
    idx = jnp.take(order, jnp.asarray([k]), axis=a)
    vals = jnp.take_along_axis(x, idx, axis=a)
    if not keepdims:
        idx, vals = jnp.squeeze(idx, a), jnp.squeeze(vals, a)
    return vals, idx.astype(_I64)


# --- statistics ---------------------------------------------------------------------------------

@op("var")
def _var(x, axis=None, ddof=0, keepdims=False, name="var"):
    _float_in(name, x)
    return jnp.var(x, axis=_axes(name, x, axis), ddof=int(ddof), keepdims=keepdims)


@op("std")
def _std(x, axis=None, ddof=0, keepdims=False, name="std"):
    _float_in(name, x)
    return jnp.std(x, axis=_axes(name, x, axis), ddof=int(ddof), keepdims=keepdims)


@op("std_mean")
def _std_mean(x, axis=None, ddof=0, keepdims=False, name="std_mean"):
    ax = _axes(name, _float_in(name, x), axis)
    return (jnp.std(x, axis=ax, ddof=int(ddof), keepdims=keepdims),
            jnp.mean(x, axis=ax, keepdims=keepdims))


@op("var_mean")
def _var_mean(x, axis=None, ddof=0, keepdims=False, name="var_mean"):
    ax = _axes(name, _float_in(name, x), axis)
    return (jnp.var(x, axis=ax, ddof=int(ddof), keepdims=keepdims),
            jnp.mean(x, axis=ax, keepdims=keepdims))


@op("logsumexp")
def _logsumexp(x, axis=None, keepdims=False):
    _float_in("logsumexp", x)
    return jax.scipy.special.logsumexp(x, axis=_axes("logsumexp", x, axis), keepdims=keepdims)


@op("count_nonzero")
def _count_nonzero(x, axis=None, keepdims=False, dtype=_I32):
    ax = _axes("count_nonzero", x, axis)
    return jnp.sum(x != 0, axis=ax, keepdims=keepdims).astype(dtype)


# --- norms --------------------------------------------------------------------------------------

def _vector_norm(x, ord, ax, keepdims):
    a = jnp.abs(x)
    if ord == float("inf"):
        return jnp.max(a, axis=ax, keepdims=keepdims)
    if ord == -float("inf"):
        return jnp.min(a, axis=ax, keepdims=keepdims)
    if ord == 0:
        return jnp.sum(a != 0, axis=ax, keepdims=keepdims).astype(a.dtype)
    if ord == 1:
        return jnp.sum(a, axis=ax, keepdims=keepdims)
    if ord == 2:
        return jnp.sqrt(jnp.sum(a * a, axis=ax, keepdims=keepdims))
    return jnp.sum(a ** ord, axis=ax, keepdims=keepdims) ** (1.0 / ord)


@op("vector_norm")
def _vector_norm_op(x, ord=2, axis=None, keepdims=False, dtype=None):
    if dtype is not None:
        x = x.astype(dtype)
    if not _is_floatish(x.dtype):
        x = x.astype(np.float32)
    if isinstance(ord, str):
        R.raise_error(ValueError, "norm", f"the vector norm 'ord' must be a number, but got {ord!r}.")
    return _vector_norm(x, ord, _axes("norm", x, axis), keepdims)


@op("matrix_norm")
def _matrix_norm_op(x, ord="fro", axis=(-2, -1), keepdims=False, dtype=None):
    if dtype is not None:
        x = x.astype(dtype)
    if not _is_floatish(x.dtype):
        x = x.astype(np.float32)
    if x.ndim < 2:
        R.raise_error(ValueError, "matrix_norm", f"the input must be at least 2-D, but got shape "
                                                 f"{list(x.shape)}.")
    ax = tuple(int(a) % x.ndim for a in axis)
    if len(ax) != 2 or ax[0] == ax[1]:
        R.raise_error(ValueError, "matrix_norm", f"'dim' must be 2 different axes, but got {axis}.")
    if ord not in ("fro", "nuc", 1, -1, 2, -2, float("inf"), -float("inf")):
        R.raise_error(ValueError, "matrix_norm", f"unsupported 'ord' {ord!r}.")
    return jnp.linalg.norm(x, ord=ord, axis=ax, keepdims=keepdims)


@op("norm")
def _norm(x, ord=None, dim=None, keepdims=False, dtype=None):
    """``ops.norm`` (torch.linalg.norm semantics): vector norms over one axis or a 1-D input,
    matrix norms over two axes or a 2-D input, the 2-norm of the flattened input otherwise."""
    if isinstance(dim, int):
        dim = (dim,)
    if ord is None:
        if dim is not None and len(dim) == 2 and ord is None:
            return _matrix_norm_op(x, "fro", dim, keepdims, dtype)
        return _vector_norm_op(x, 2, dim, keepdims, dtype)
    if dim is None:
        if x.ndim == 1:
            return _vector_norm_op(x, ord, None, keepdims, dtype)
        if x.ndim == 2:
            return _matrix_norm_op(x, ord, (0, 1), keepdims, dtype)
        R.raise_error(ValueError, "norm", f"'dim' must be given when 'ord' is set for a "
                                          f"{x.ndim}-D input.")
    if len(dim) == 1:
        return _vector_norm_op(x, ord, dim, keepdims, dtype)
    if len(dim) == 2:
        return _matrix_norm_op(x, ord, dim, keepdims, dtype)
    R.raise_error(ValueError, "norm", f"'dim' must have 1 or 2 elements, but got {dim}.")


@op("torch_norm")
def _torch_norm(x, p="fro", dim=None, keepdims=False, dtype=None):
    """``mint.norm``: 'fro' and numbers are vector norms over ``dim`` (all when None)."""
    if p == "nuc":
        return _matrix_norm_op(x, "nuc", dim if dim is not None else (-2, -1), keepdims, dtype)
    if p == "fro" or p is None:
        p = 2
    return _vector_norm_op(x, p, dim, keepdims, dtype)


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


# === views ====================================================================================

# --- functional -------------------------------------------------------------------------------

@functional
def sum(input, dim=None, keepdim=False, *, dtype=None):
    return call("reduce_sum", input, dim, keepdim, dtype, True, "sum")


@functional
def mean(x, axis=None, keep_dims=False):
    return call("reduce_mean", x, axis, keep_dims, None, "mean")


@functional
def prod(input, axis=None, keep_dims=False, dtype=None):
    return call("reduce_prod", input, axis, keep_dims, dtype, True, "prod")


@functional
def amax(input, axis=None, keepdims=False, *, initial=None, where=None):
    return call("reduce_max", input, axis, keepdims, initial, where, "amax")


@functional
def amin(input, axis=None, keepdims=False, *, initial=None, where=None):
    return call("reduce_min", input, axis, keepdims, initial, where, "amin")


@functional
def max(input, axis=None, keepdims=False, *, initial=None, where=None):
    """``(values, indices)`` (Int64), as MindSpore 2.10's ``ops.max``."""
    return call("max_with_index", input, axis, keepdims, initial, where, True, "max")


@functional
def min(input, axis=None, keepdims=False, *, initial=None, where=None):
    return call("max_with_index", input, axis, keepdims, initial, where, False, "min")


@functional
def argmax(input, dim=None, keepdim=False):
    return call("argmax", input, dim, keepdim, _I64, "argmax")


@functional
def argmin(input, axis=None, keepdims=False):
    return call("argmin", input, axis, keepdims, _I32, "argmin")


@functional
def any(input, axis=None, keep_dims=False):
    return call("reduce_any", input, axis, keep_dims, "any")


@functional
def all(input, axis=None, keep_dims=False):
    return call("reduce_all", input, axis, keep_dims, "all")


@functional
def reduce_sum(x, axis=()):
    return call("reduce_sum", x, axis, False)


@functional
def reduce_mean(x, axis=()):
    return call("reduce_mean", x, axis, False)


@functional
def reduce_max(x, axis=()):
    return call("reduce_max", x, axis, False)


@functional
def reduce_min(x, axis=()):
    return call("reduce_min", x, axis, False)


@functional
def reduce_prod(x, axis=()):
    return call("reduce_prod", x, axis, False)


@functional
def nansum(input, axis=None, keepdims=False, *, dtype=None):
    return call("nansum", input, axis, keepdims, dtype)


@functional
def nanmean(input, axis=None, keepdims=False, *, dtype=None):
    return call("nanmean", input, axis, keepdims, dtype)


@functional
def std(input, axis=None, ddof=0, keepdims=False):
    return call("std", input, axis, ddof, keepdims)


@functional
def var(input, axis=None, ddof=0, keepdims=False):
    return call("var", input, axis, ddof, keepdims)


@functional
def std_mean(input, axis=None, ddof=0, keepdims=False):
    return call("std_mean", input, axis, ddof, keepdims)


@functional
def var_mean(input, axis=None, ddof=0, keepdims=False):
    return call("var_mean", input, axis, ddof, keepdims)


@functional
def logsumexp(input, dim, keepdim=False):
    return call("logsumexp", input, dim, keepdim)


@functional
def count_nonzero(x, axis=(), keep_dims=False, dtype=_I32):
    return call("count_nonzero", x, axis, keep_dims, dtype)


@functional
def median(input, axis=-1, keepdims=False):
    return call("median", input, axis, keepdims)


@functional
def aminmax(input, *, axis=0, keepdims=False):
    return (call("reduce_min", input, axis, keepdims, None, None, "aminmax"),
            call("reduce_max", input, axis, keepdims, None, None, "aminmax"))


@functional
def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    return call("norm", A, ord, dim, keepdim, dtype)


@functional
def vector_norm(x, ord=2, axis=None, keepdims=False, *, dtype=None):
    return call("vector_norm", x, ord, axis, keepdims, dtype)


@functional
def matrix_norm(A, ord="fro", axis=(-2, -1), keepdims=False, *, dtype=None):
    return call("matrix_norm", A, ord, axis, keepdims, dtype)


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


# --- primitives -------------------------------------------------------------------------------

def _reduce_prim(cls_name, opname, extra):
    def __init__(self, keep_dims=False, skip_mode=False):
        Primitive.__init__(self, cls_name)
        self.keep_dims, self.skip_mode = keep_dims, skip_mode

    def __call__(self, x, axis=()):
        empty = axis is None or (isinstance(axis, (tuple, list)) and len(axis) == 0)
        if self.skip_mode and empty:
            return x
        return call(opname, x, axis, self.keep_dims, *extra, cls_name)

    cls = type(cls_name, (Primitive,), {"__init__": __init__, "__call__": __call__,
                                         "__doc__": f"``P.{cls_name}(keep_dims=False)(x, axis=())``"})
    primitive(cls)
    globals()[cls_name] = cls


for _c, _o, _e in [("ReduceSum", "reduce_sum", (None, False)), ("ReduceMean", "reduce_mean", (None,)),
                   ("ReduceMax", "reduce_max", (None, None)), ("ReduceMin", "reduce_min", (None, None)),
                   ("ReduceProd", "reduce_prod", (None, False)), ("ReduceAny", "reduce_any", ()),
                   ("ReduceAll", "reduce_all", ())]:
    _reduce_prim(_c, _o, _e)


@primitive
class Argmax(Primitive):
    """``P.Argmax(axis=-1, output_type=mstype.int32)(x)``."""

    def __init__(self, axis=-1, output_type=None):
        super().__init__("Argmax")
        self.axis, self.output_type = axis, output_type

    def __call__(self, x):
        return call("argmax", x, self.axis, False, self.output_type or _I32, "Argmax")


@primitive
class Argmin(Primitive):
    def __init__(self, axis=-1, output_type=None):
        super().__init__("Argmin")
        self.axis, self.output_type = axis, output_type

    def __call__(self, x):
        return call("argmin", x, self.axis, False, self.output_type or _I32, "Argmin")


@primitive
class ArgMaxWithValue(Primitive):
    """``(index Int64, value)`` — note the order, index first."""

    def __init__(self, axis=0, keep_dims=False):
        super().__init__("ArgMaxWithValue")
        self.axis, self.keep_dims = axis, keep_dims

    def __call__(self, x):
        v, i = call("max_with_index", x, self.axis, self.keep_dims, None, None, True, "ArgMaxWithValue")
        return i, v


@primitive
class ArgMinWithValue(Primitive):
    def __init__(self, axis=0, keep_dims=False):
        super().__init__("ArgMinWithValue")
        self.axis, self.keep_dims = axis, keep_dims

    def __call__(self, x):
        v, i = call("max_with_index", x, self.axis, self.keep_dims, None, None, False, "ArgMinWithValue")
        return i, v


@primitive
class ReduceStd(Primitive):
    """``(std, mean)`` over ``axis``; ``unbiased`` uses ddof 1."""

    def __init__(self, axis=(), unbiased=True, keep_dims=False):
        super().__init__("ReduceStd")
        self.axis, self.unbiased, self.keep_dims = axis, unbiased, keep_dims

    def __call__(self, x):
        return call("std_mean", x, self.axis, int(self.unbiased), self.keep_dims, "ReduceStd")


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


@primitive
class CountNonZero(Primitive):
    def __init__(self, dims=None):
        super().__init__("CountNonZero")
        self.dims = dims

    def __call__(self, x):
        return call("count_nonzero", x, self.dims, False, _I64)


@primitive
class EuclideanNorm(Primitive):
    def __init__(self, keep_dims=False):
        super().__init__("EuclideanNorm")
        self.keep_dims = keep_dims

    def __call__(self, x, axes):
        return call("vector_norm", x, 2, axes, self.keep_dims)


@primitive
class LpNorm(Primitive):
    def __init__(self, axis, p=2, keep_dims=False, epsilon=1e-12):
        super().__init__("LpNorm")
        self.axis, self.p, self.keep_dims, self.epsilon = axis, p, keep_dims, epsilon

    def __call__(self, x):
        return call("vector_norm", x, self.p, self.axis, self.keep_dims)


@primitive
class Median(Primitive):
    def __init__(self, global_median=False, axis=0, keep_dims=False, ignore_nan=False):
        super().__init__("Median")
        self.global_median, self.axis, self.keep_dims = global_median, axis, keep_dims

    def __call__(self, x):
        if self.global_median:
            return call("median", x, None, False), None
        return call("median", x, self.axis, self.keep_dims)


# --- Tensor methods ---------------------------------------------------------------------------

def _kw(kwargs, *pairs):
    """Accepts MindSpore 2.x's torch-style keyword spellings (dim/keepdim) beside axis/keepdims."""
    for new, old in pairs:
        if new in kwargs:
            kwargs[old] = kwargs.pop(new)
    return kwargs


@tensor_method("sum")
def _t_sum(self, axis=None, dtype=None, keepdims=False, initial=None, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keepdims"))
    axis, keepdims = kw.get("axis", axis), kw.get("keepdims", keepdims)
    r = call("reduce_sum", self, axis, keepdims, dtype, True, "sum")
    return r if initial is None else r + initial


@tensor_method("mean")
def _t_mean(self, axis=None, keep_dims=False, *, dtype=None, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keep_dims"), ("keepdims", "keep_dims"))
    return call("reduce_mean", self, kw.get("axis", axis), kw.get("keep_dims", keep_dims), dtype, "mean")


@tensor_method("prod")
def _t_prod(self, axis=None, keep_dims=False, dtype=None, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keep_dims"), ("keepdims", "keep_dims"))
    return call("reduce_prod", self, kw.get("axis", axis), kw.get("keep_dims", keep_dims), dtype, True,
                "prod")


def _t_extreme(largest):
    def method(self, *args, **kwargs):
        """A positional axis (torch-style ``max(dim)``) or ``return_indices=True`` gives
        ``(values, indices)``; ``max(axis=...)`` gives values (MindSpore 2.10's overloads)."""
        ret_idx = kwargs.pop("return_indices", False)
        kwargs = _kw(kwargs, ("dim", "axis"), ("keepdim", "keepdims"))
        if args and is_tensor_like(args[0]):  # max(other): elementwise
            return call("maximum" if largest else "minimum", self, args[0])
        names = ["axis", "keepdims", "initial", "where", "return_indices"]
        for n, v in zip(names, args):
            kwargs[n] = v
        ret_idx = kwargs.pop("return_indices", ret_idx) or (bool(args) and args[0] is not None)
        axis, keepdims = kwargs.get("axis"), kwargs.get("keepdims", False)
        initial, where = kwargs.get("initial"), kwargs.get("where")
        if ret_idx and axis is not None:
            return call("max_with_index", self, axis, keepdims, initial, where, largest,
                        "max" if largest else "min")
        return call("reduce_max" if largest else "reduce_min", self, axis, keepdims, initial, where,
                    "max" if largest else "min")

    return method


def is_tensor_like(x):
    return hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, (int, float))


tensor_method("max")(_t_extreme(True))
tensor_method("min")(_t_extreme(False))
tensor_method("amax")(lambda self, axis=None, keepdims=False, *, initial=None, where=None:
                      call("reduce_max", self, axis, keepdims, initial, where, "amax"))
tensor_method("amin")(lambda self, axis=None, keepdims=False, *, initial=None, where=None:
                      call("reduce_min", self, axis, keepdims, initial, where, "amin"))


@tensor_method("any")
def _t_any(self, axis=None, keep_dims=False, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keep_dims"), ("keepdims", "keep_dims"))
    return call("reduce_any", self, kw.get("axis", axis), kw.get("keep_dims", keep_dims), "any")


@tensor_method("all")
def _t_all(self, axis=None, keep_dims=False, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keep_dims"), ("keepdims", "keep_dims"))
    return call("reduce_all", self, kw.get("axis", axis), kw.get("keep_dims", keep_dims), "all")


@tensor_method("argmax")
def _t_argmax(self, axis=None, keepdims=False, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keepdims"))
    return call("argmax", self, kw.get("axis", axis), kw.get("keepdims", keepdims), _I64, "argmax")


@tensor_method("argmin")
def _t_argmin(self, axis=None, keepdims=False, **kw):
    """Int32 indices (MindSpore 2.10's ``Tensor.argmin``)."""
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keepdims"))
    return call("argmin", self, kw.get("axis", axis), kw.get("keepdims", keepdims), _I32, "argmin")


@tensor_method("std")
def _t_std(self, axis=None, ddof=0, keepdims=False, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keepdims"), ("correction", "ddof"))
    return call("std", self, kw.get("axis", axis), kw.get("ddof", ddof), kw.get("keepdims", keepdims))


@tensor_method("var")
def _t_var(self, axis=None, ddof=0, keepdims=False, **kw):
    kw = _kw(kw, ("dim", "axis"), ("keepdim", "keepdims"), ("correction", "ddof"))
    return call("var", self, kw.get("axis", axis), kw.get("ddof", ddof), kw.get("keepdims", keepdims))


tensor_method("norm")(lambda self, ord=None, dim=None, keepdim=False, *, dtype=None:
                      call("norm", self, ord, dim, keepdim, dtype))
tensor_method("logsumexp")(lambda self, dim, keepdim=False: call("logsumexp", self, dim, keepdim))
tensor_method("count_nonzero")(lambda self, axis=(), keep_dims=False, dtype=_I32:
                               call("count_nonzero", self, axis, keep_dims, dtype))
tensor_method("median")(lambda self, axis=-1, keepdims=False: call("median", self, axis, keepdims))
tensor_method("nansum")(lambda self, axis=None, keepdims=False, *, dtype=None:
                        call("nansum", self, axis, keepdims, dtype))
tensor_method("nanmean")(lambda self, axis=None, keepdims=False, *, dtype=None:
                         call("nanmean", self, axis, keepdims, dtype))
tensor_method("aminmax")(lambda self, *, axis=0, keepdims=False: aminmax(self, axis=axis, keepdims=keepdims))
tensor_method("ptp")(lambda self, axis=None, keepdims=False:
                     call("reduce_max", self, axis, keepdims) - call("reduce_min", self, axis, keepdims))


@tensor_method("cumsum")
def _t_cumsum(self, axis=None, dtype=None, **kw):
    kw = _kw(kw, ("dim", "axis"))
    return call("cumsum", self, kw.get("axis", axis), dtype)


tensor_method("cumprod")(lambda self, dim, dtype=None: call("cumprod", self, dim, dtype, False, False, True))
tensor_method("cummax")(lambda self, axis: call("cummax", self, axis))
tensor_method("cummin")(lambda self, axis: call("cummin", self, axis))
tensor_method("logcumsumexp")(lambda self, axis: call("logcumsumexp", self, axis))

# --- mint -------------------------------------------------------------------------------------

mint("sum")(lambda input, dim=None, keepdim=False, *, dtype=None:
            call("reduce_sum", input, dim, keepdim, dtype, True, "sum"))
mint("mean")(lambda input, dim=None, keepdim=False, *, dtype=None:
             call("reduce_mean", input, dim, keepdim, dtype, "mean"))
mint("prod")(lambda input, dim=None, keepdim=False, *, dtype=None:
             call("reduce_prod", input, dim, keepdim, dtype, True, "prod"))
mint("amax")(lambda input, dim=(), keepdim=False: call("reduce_max", input, dim, keepdim, None, None, "amax"))
mint("amin")(lambda input, dim=(), keepdim=False: call("reduce_min", input, dim, keepdim, None, None, "amin"))
mint("all")(lambda input, dim=None, keepdim=False: call("reduce_all", input, dim, keepdim, "all"))
mint("any")(lambda input, dim=None, keepdim=False: call("reduce_any", input, dim, keepdim, "any"))
mint("argmax")(lambda input, dim=None, keepdim=False: call("argmax", input, dim, keepdim, _I64, "argmax"))
mint("argmin")(lambda input, dim=None, keepdim=False: call("argmin", input, dim, keepdim, _I64, "argmin"))
mint("logsumexp")(lambda input, dim, keepdim=False: call("logsumexp", input, dim, keepdim))
mint("count_nonzero")(lambda input, dim=None: call("count_nonzero", input, dim, False, _I64))
mint("nansum")(lambda input, dim=None, keepdim=False, *, dtype=None:
               call("nansum", input, dim, keepdim, dtype))
mint("cumsum")(lambda input, dim, dtype=None: call("cumsum", input, dim, dtype, False, False, True))
mint("cumprod")(lambda input, dim, dtype=None: call("cumprod", input, dim, dtype, False, False, True))
mint("cummax")(lambda input, dim: call("cummax", input, dim))
mint("cummin")(lambda input, dim: call("cummin", input, dim, _I64))
mint("std")(lambda input, dim=None, *, correction=1, keepdim=False:
     call("std", input, dim, correction, keepdim))
mint("var")(lambda input, dim=None, *, correction=1, keepdim=False:
     call("var", input, dim, correction, keepdim))
mint("std_mean")(lambda input, dim=None, *, correction=1, keepdim=False:
                 call("std_mean", input, dim, correction, keepdim))
mint("var_mean")(lambda input, dim=None, *, correction=1, keepdim=False:
                 call("var_mean", input, dim, correction, keepdim))
mint("norm")(lambda input, p="fro", dim=None, keepdim=False, *, dtype=None:
             call("torch_norm", input, p, dim, keepdim, dtype))
mint("linalg.norm")(lambda A, ord=None, dim=None, keepdim=False, *, dtype=None:
                    call("norm", A, ord, dim, keepdim, dtype))
mint("linalg.vector_norm")(lambda x, ord=2, dim=None, keepdim=False, *, dtype=None:
                           call("vector_norm", x, ord, dim, keepdim, dtype))
mint("linalg.matrix_norm")(lambda A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None:
                           call("matrix_norm", A, ord, dim, keepdim, dtype))


def _mint_extreme(largest):
    def f(input, dim=None, keepdim=False, *, out=None):
        """``mint.max(x)`` -> value; ``mint.max(x, dim)`` -> (values, Int64 indices);
        ``mint.max(x, other)`` -> elementwise maximum."""
        if dim is None:
            return call("reduce_max" if largest else "reduce_min", input, None, False)
        if is_tensor_like(dim):
            return call("maximum" if largest else "minimum", input, dim)
        return call("max_with_index", input, dim, keepdim, None, None, largest,
                    "max" if largest else "min")

    return f


mint("max")(_mint_extreme(True))
mint("min")(_mint_extreme(False))


@mint("median")
def _mint_median(input, dim=None, keepdim=False):
    return call("median", input, dim, keepdim)
