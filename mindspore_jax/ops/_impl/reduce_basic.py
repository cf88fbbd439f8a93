"""Sum/mean/prod/max/min/any/all, nansum/nanmean, argmax/argmin/max_with_index/median and their views."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._reduce_common import _I32, _I64, _axes, _float_in, _is_floatish, _kw, _one_axis

# Result dtypes follow MindSpore 2.10 and differ between spellings: ``ops.sum``/``ops.prod`` of an
# integer tensor give Int64 while ``P.ReduceSum``/``P.ReduceProd`` keep Int32; ``ops.argmax`` and
# ``Tensor.argmax`` give Int64 while ``ops.argmin``/``Tensor.argmin``/``P.Argmax`` give Int32.

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
def median(input, axis=-1, keepdims=False):
    return call("median", input, axis, keepdims)


@functional
def aminmax(input, *, axis=0, keepdims=False):
    return (call("reduce_min", input, axis, keepdims, None, None, "aminmax"),
            call("reduce_max", input, axis, keepdims, None, None, "aminmax"))


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
class Median(Primitive):
    def __init__(self, global_median=False, axis=0, keep_dims=False, ignore_nan=False):
        super().__init__("Median")
        self.global_median, self.axis, self.keep_dims = global_median, axis, keep_dims

    def __call__(self, x):
        if self.global_median:
            return call("median", x, None, False), None
        return call("median", x, self.axis, self.keep_dims)


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


tensor_method("median")(lambda self, axis=-1, keepdims=False: call("median", self, axis, keepdims))
tensor_method("nansum")(lambda self, axis=None, keepdims=False, *, dtype=None:
                        call("nansum", self, axis, keepdims, dtype))
tensor_method("nanmean")(lambda self, axis=None, keepdims=False, *, dtype=None:
                         call("nanmean", self, axis, keepdims, dtype))
tensor_method("aminmax")(lambda self, *, axis=0, keepdims=False: aminmax(self, axis=axis, keepdims=keepdims))
tensor_method("ptp")(lambda self, axis=None, keepdims=False:
                     call("reduce_max", self, axis, keepdims) - call("reduce_min", self, axis, keepdims))

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
mint("nansum")(lambda input, dim=None, keepdim=False, *, dtype=None:
               call("nansum", input, dim, keepdim, dtype))


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
