"""``mindspore.numpy`` math: element-wise functions, reductions, products, statistics."""

from __future__ import annotations

import builtins

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor
from ._base import asarray as _asarray
from ._base import finish, is_wide, npfunc, unwrap

_UNARY = ["absolute", "arccos", "arccosh", "arcsin", "arcsinh", "arctan", "arctanh", "cbrt",
          "ceil", "cos", "cosh", "deg2rad", "exp", "exp2", "expm1", "fabs", "floor", "log",
          "log10", "log1p", "log2", "negative", "positive", "rad2deg", "radians", "reciprocal",
          "rint", "sin", "sinh", "sqrt", "square", "tan", "tanh", "trunc", "sign"]
_BINARY = ["add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "remainder",
           "fmod", "power", "float_power", "arctan2", "hypot", "maximum", "minimum", "copysign",
           "logaddexp", "logaddexp2", "heaviside", "gcd", "lcm", "divmod", "bitwise_and",
           "bitwise_or", "bitwise_xor", "ldexp"]

_g = globals()
for _n in _UNARY:
    _g[_n] = npfunc(getattr(jnp, _n), 1, name=_n)
for _n in _BINARY:
    if hasattr(jnp, _n):
        _g[_n] = npfunc(getattr(jnp, _n), 2, name=_n)
abs = npfunc(jnp.abs, 1, name="abs")  # noqa: A001
fix = npfunc(jnp.trunc, 1, name="fix")
mod = npfunc(jnp.mod, 2, name="mod")
invert = npfunc(jnp.invert, 1, name="invert")
bitwise_not = npfunc(jnp.bitwise_not, 1, name="bitwise_not")
float_power = npfunc(lambda a, b: jnp.float_power(a, b), 2, keep64=True, name="float_power")


def around(a, decimals=0):
    x = _asarray(a)
    return finish(jnp.round(x, decimals), is_wide(x))


round = around  # noqa: A001


# --- reductions ------------------------------------------------------------------------------

def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _reduce(jfn, name, keep_int=False, wide_int=False):
    def f(a, axis=None, keepdims=False, **kw):
        x = _asarray(a)
        dtype = kw.pop("dtype", None)
        kw = {k: unwrap(v) for k, v in kw.items() if v is not None}
        out = jfn(x, axis=_axis(axis), keepdims=keepdims, **kw)
        if keep_int and dtype is None and x.dtype.kind in "iub":
            out = out.astype(x.dtype)  # MindSpore: the mean of Int32 is an Int32
        wide = is_wide(x) or (wide_int and x.dtype.kind in "iub")
        return finish(out, wide, dtype)
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"``mindspore.numpy.{name}`` (``jax.numpy.{jfn.__name__}``)."
    return f


sum = _reduce(jnp.sum, "sum", wide_int=True)  # noqa: A001  (MindSpore: sum of Int32 is Int64)
amax = _reduce(jnp.max, "amax")
amin = _reduce(jnp.min, "amin")
max = _reduce(jnp.max, "max")  # noqa: A001
min = _reduce(jnp.min, "min")  # noqa: A001
mean = _reduce(jnp.mean, "mean", keep_int=True)
nansum = _reduce(jnp.nansum, "nansum")
nanmax = _reduce(jnp.nanmax, "nanmax")
nanmin = _reduce(jnp.nanmin, "nanmin")
nanmean = _reduce(jnp.nanmean, "nanmean")
ptp = _reduce(jnp.ptp, "ptp")
count_nonzero = _reduce(lambda x, axis=None, keepdims=False: jnp.count_nonzero(
    x, axis=axis, keepdims=keepdims), "count_nonzero")


def _stat(jfn, name):
    def f(x, axis=None, ddof=0, keepdims=False):
        a = _asarray(x)
        if a.dtype.kind in "iub":
            a = a.astype(np.float32)
        return finish(jfn(a, axis=_axis(axis), ddof=ddof, keepdims=keepdims), is_wide(a))
    f.__name__ = f.__qualname__ = name
    return f


var = _stat(jnp.var, "var")
std = _stat(jnp.std, "std")
nanvar = _stat(jnp.nanvar, "nanvar")
nanstd = _stat(jnp.nanstd, "nanstd")


def average(x, axis=None, weights=None, returned=False):
    a = _asarray(x)
    w = None if weights is None else _asarray(weights)
    out = jnp.average(a, axis=_axis(axis), weights=w, returned=returned)
    if a.dtype.kind in "iub" and w is None:
        out = tuple(o.astype(a.dtype) for o in out) if returned else out.astype(a.dtype)
    return finish(out, is_wide(a))


def _argreduce(jfn, name):
    def f(a, axis=None):
        return finish(jfn(_asarray(a), axis=axis), True)  # indices are Int64 in MindSpore
    f.__name__ = f.__qualname__ = name
    return f


argmax = _argreduce(jnp.argmax, "argmax")
argmin = _argreduce(jnp.argmin, "argmin")


def _cum(jfn, name):
    def f(a, axis=None, dtype=None):
        x = _asarray(a)
        return finish(jfn(x, axis=axis), is_wide(x), dtype)
    f.__name__ = f.__qualname__ = name
    return f


cumsum = _cum(jnp.cumsum, "cumsum")
cumprod = _cum(jnp.cumprod, "cumprod")
nancumsum = _cum(jnp.nancumsum, "nancumsum")


# --- products and linear algebra ---------------------------------------------------------------

dot = npfunc(jnp.dot, 2, name="dot")
matmul = npfunc(jnp.matmul, 2, name="matmul")
inner = npfunc(jnp.inner, 2, name="inner")
outer = npfunc(jnp.outer, 2, name="outer")
kron = npfunc(jnp.kron, 2, name="kron")
tensordot = npfunc(jnp.tensordot, 2, name="tensordot")
cross = npfunc(jnp.cross, 2, name="cross")
matrix_power = npfunc(jnp.linalg.matrix_power, 1, name="matrix_power")
multi_dot = npfunc(jnp.linalg.multi_dot, 1, seq=True, name="multi_dot")
convolve = npfunc(jnp.convolve, 2, name="convolve")
correlate = npfunc(jnp.correlate, 2, name="correlate")


def norm(x, ord=None, axis=None, keepdims=False):  # noqa: A002
    a = _asarray(x)
    if a.dtype.kind in "iub":
        a = a.astype(np.float32)
    return finish(jnp.linalg.norm(a, ord=ord, axis=_axis(axis), keepdims=keepdims), is_wide(a))


def _float_in(jfn, n, name):
    def f(*args, **kw):
        args = list(args)
        for i in range(builtins.min(n, len(args))):
            if args[i] is not None:
                a = _asarray(args[i])
                args[i] = a.astype(np.float32) if a.dtype.kind in "iub" else a
        wide = any(is_wide(a) for a in args[:n])
        return finish(jfn(*args, **{k: unwrap(v) for k, v in kw.items()}), wide)
    f.__name__ = f.__qualname__ = name
    return f


cov = _float_in(jnp.cov, 2, "cov")
corrcoef = _float_in(jnp.corrcoef, 2, "corrcoef")
trapz = _float_in(lambda y, x=None, dx=1.0, axis=-1: jnp.trapezoid(y, x, dx, axis), 2, "trapz")
interp = _float_in(jnp.interp, 3, "interp")


def gradient(f, *varargs, axis=None, edge_order=1):
    a = _asarray(f)
    if a.dtype.kind in "iub":
        a = a.astype(np.float32)
    out = jnp.gradient(a, *[unwrap(v) for v in varargs], axis=axis, edge_order=edge_order)
    return finish(list(out) if isinstance(out, (list, tuple)) else out, is_wide(a))


diff = npfunc(jnp.diff, 1, name="diff")
unwrap_phase = npfunc(jnp.unwrap, 1, name="unwrap")
ediff1d = npfunc(jnp.ediff1d, 1, name="ediff1d")


def histogram(a, bins=10, range=None, weights=None, density=False):  # noqa: A002
    x = _asarray(a)
    b = _asarray(bins) if not isinstance(bins, int) else bins
    w = None if weights is None else _asarray(weights)
    hist, edges = jnp.histogram(x, b, range, w, density)
    return Tensor._wrap(hist.astype(np.float32)), Tensor._wrap(edges.astype(np.float32))


def histogram2d(x, y, bins=10, range=None, weights=None, density=False):  # noqa: A002
    b = bins if isinstance(bins, int) else unwrap(bins)
    w = None if weights is None else _asarray(weights)
    h, ex, ey = jnp.histogram2d(_asarray(x), _asarray(y), b, range, w, density)
    return tuple(Tensor._wrap(t.astype(np.float32)) for t in (h, ex, ey))


def histogramdd(sample, bins=10, range=None, weights=None, density=False):  # noqa: A002
    b = bins if isinstance(bins, int) else unwrap(bins)
    w = None if weights is None else _asarray(weights)
    h, edges = jnp.histogramdd(_asarray(sample), b, range, w, density)
    return Tensor._wrap(h.astype(np.float32)), [Tensor._wrap(e.astype(np.float32)) for e in edges]


def bincount(x, weights=None, minlength=0, length=None):
    a = _asarray(x)
    w = None if weights is None else _asarray(weights)
    out = jnp.bincount(a, w, minlength=minlength, length=length)
    return Tensor._wrap(out.astype(np.float32))  # MindSpore returns Float32 counts


def digitize(x, bins, right=False):
    return finish(jnp.digitize(_asarray(x), _asarray(bins), right))


def searchsorted(a, v, side="left", sorter=None):
    arr = _asarray(a)
    if sorter is not None:
        arr = arr[_asarray(sorter)]
    return finish(jnp.searchsorted(arr, _asarray(v), side=side))


# --- polynomials -------------------------------------------------------------------------------

polyadd = npfunc(jnp.polyadd, 2, name="polyadd")
polysub = npfunc(jnp.polysub, 2, name="polysub")
polymul = npfunc(jnp.polymul, 2, name="polymul")
polyval = npfunc(jnp.polyval, 2, name="polyval")
polyder = npfunc(jnp.polyder, 1, name="polyder")
polyint = npfunc(jnp.polyint, 1, name="polyint")


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    a = _asarray(arr)

    def f(v):
        r = func1d(Tensor._wrap(v), *args, **kwargs)
        return r._data if isinstance(r, Tensor) else jnp.asarray(r)

    return finish(jnp.apply_along_axis(f, axis, a), is_wide(a))


def apply_over_axes(func, a, axes):
    out = Tensor._wrap(_asarray(a))
    for ax in ([axes] if isinstance(axes, int) else axes):
        res = func(out, ax)
        if res.ndim == out.ndim - 1:
            res = Tensor._wrap(jnp.expand_dims(res._data, ax))
        out = res
    return out


__all__ = _UNARY + [n for n in _BINARY if n in globals()] + [
    "abs", "fix", "mod", "invert", "bitwise_not", "around", "round", "sum", "amax", "amin", "max", "min",
    "mean", "nansum", "nanmax", "nanmin", "nanmean", "ptp", "count_nonzero", "var", "std",
    "nanvar", "nanstd", "average", "argmax", "argmin", "cumsum", "cumprod", "nancumsum", "dot",
    "matmul", "inner", "outer", "kron", "tensordot", "cross", "matrix_power", "multi_dot",
    "convolve", "correlate", "norm", "cov", "corrcoef", "trapz", "interp", "gradient", "diff",
    "ediff1d", "histogram", "histogram2d", "histogramdd", "bincount", "digitize", "searchsorted",
    "polyadd", "polysub", "polymul", "polyval", "polyder", "polyint", "apply_along_axis",
    "apply_over_axes"]
