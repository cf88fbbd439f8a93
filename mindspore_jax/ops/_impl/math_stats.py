"""Sums and statistics: AddN, diff, trapz, cov, quantile, nanmedian, renorm, cosine_similarity, pdist."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._math_common import _F32_64, _arr, _bcast, _need, _prim
from ._promote import binary, is_array, to_float


def _axis(name, x, axis, arg="axis", cls=ValueError):
    nd = max(x.ndim, 1)
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool) or not -nd <= axis < nd:
        R.raise_error(cls, name, f"the '{arg}' must be in range [{-nd}, {nd}), but got {axis} "
                                 f"(input shape {list(x.shape)}).")
    return int(axis) % nd


# --- sums --------------------------------------------------------------------------------------

@op("addn")
def _addn(xs, name="AddN"):
    if not isinstance(xs, (list, tuple)) or not xs:
        R.raise_error(TypeError, name, f"the input must be a non-empty tuple or list of Tensors, "
                                       f"but got {type(xs).__name__}.")
    xs = [_arr(x) for x in xs]
    for i, x in enumerate(xs[1:], 1):
        if x.shape != xs[0].shape:
            R.raise_error(ValueError, name, f"input shape must be same, but got shape of input[{i}]: "
                                            f"{tuple(x.shape)}, shape of input[0]: {tuple(xs[0].shape)}.")
        if x.dtype != xs[0].dtype:
            R.raise_error(TypeError, name, f"the input type must be same, but got input[{i}]: "
                                           f"{R.ms_dtype(x)}, input[0]: {R.ms_dtype(xs[0])}.")
    out = xs[0]
    for x in xs[1:]:
        out = out + x
    return out


@op("square_sum_all")
def _square_sum_all(x, y):
    return jnp.sum(x * x), jnp.sum(y * y)


@op("equal_count")
def _equal_count(x, y):
    if x.shape != y.shape or x.dtype != y.dtype:
        R.raise_error(ValueError, "EqualCount", f"the inputs must have the same shape and dtype, but "
                      f"got {list(x.shape)} {R.ms_dtype(x)} and {list(y.shape)} {R.ms_dtype(y)}.")
    return jnp.sum(x == y).astype(x.dtype).reshape(1)


@op("diff")
def _diff(x, n=1, axis=-1, prepend=None, append=None, name="diff"):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the input must be a Tensor, but got {type(x).__name__}.")
    if not -x.ndim <= axis < x.ndim:
        R.raise_error(IndexError, name, f"the 'dim' must be in range [{-x.ndim}, {x.ndim}), "
                                        f"but got {axis} (input shape {list(x.shape)}).")
    parts = [p for p in (prepend, x, append) if p is not None]
    if len(parts) > 1:
        x = jnp.concatenate([_arr(p).astype(x.dtype) for p in parts], axis=axis)
    for _ in range(n):
        a = jnp.take(x, jnp.arange(1, x.shape[axis]), axis=axis)
        b = jnp.take(x, jnp.arange(0, x.shape[axis] - 1), axis=axis)
        x = (a != b) if x.dtype == np.bool_ else a - b
    return x


@op("trapz")
def _trapz(y, x=None, dx=1.0, dim=-1):
    d = _axis("trapz", y, dim, "dim")
    y = to_float(y)
    if x is not None:
        x = _arr(x).astype(y.dtype)
        return jnp.trapezoid(y, x, axis=d)
    return jnp.trapezoid(y, dx=dx, axis=d)


@op("cov")
def _cov(x, correction=1, fweights=None, aweights=None):
    if x.ndim > 2:
        R.raise_error(ValueError, "cov", f"the input must have two or fewer dimensions, but got "
                                         f"{x.ndim} dimensions (shape {list(x.shape)}).")
    x = to_float(x)
    out = jnp.cov(x, ddof=correction, fweights=fweights, aweights=aweights)
    return out.astype(x.dtype)


def _q_check(name, q, x, axis):
    if is_array(q):
        if q.ndim > 1:
            R.raise_error(ValueError, name, f"the input q must be a scalar or 1D tensor, but got "
                                            f"shape {list(q.shape)}.")
        if not isinstance(q, jax.core.Tracer) and bool(jnp.any((q < 0) | (q > 1))):
            R.raise_error(ValueError, name, "the 'q' must in the range [0, 1].")
    elif not 0 <= q <= 1:
        R.raise_error(ValueError, name, f"the 'q' must in the range [0, 1], but got: {q}.")
    if axis is not None:
        _axis(name, x, axis)


@op("quantile")
def _quantile(x, q, axis=None, keepdims=False, ignore_nan=False):
    name = "NanQuantile" if ignore_nan else "Quantile"
    _need(name, x, lambda a: a.dtype.kind == "f", _F32_64)
    _q_check(name, q, x, axis)
    fn = jnp.nanquantile if ignore_nan else jnp.quantile
    qa = q.astype(x.dtype) if is_array(q) else jnp.asarray(q, x.dtype)
    return fn(x, qa, axis=axis, keepdims=keepdims).astype(x.dtype)


@op("nanmedian")
def _nanmedian(x, axis=-1, keepdims=False):
    if axis is None:
        flat = x.reshape(-1)
        xs = jnp.sort(flat)
        k = jnp.maximum((jnp.sum(~jnp.isnan(flat)) - 1) // 2, 0)
        return xs[k]
    a = _axis("NanMedian", x, axis)
    order = jnp.argsort(x, axis=a, stable=True)          # NaNs sort last
    xs = jnp.take_along_axis(x, order, axis=a)
    cnt = jnp.sum(~jnp.isnan(x), axis=a, keepdims=True)
    k = jnp.maximum((cnt - 1) // 2, 0)
    v = jnp.take_along_axis(xs, k, axis=a)
    i = jnp.take_along_axis(order, k, axis=a).astype(np.int64)
    if not keepdims:
        v, i = jnp.squeeze(v, a), jnp.squeeze(i, a)
    return v, i


@op("renorm")
def _renorm(x, p, axis, maxnorm):
    if p <= 0:
        R.raise_error(ValueError, "Renorm", f"the 'p' must be a positive norm, but got {p}.")
    a = _axis("Renorm", x, axis, "dim", RuntimeError)
    other = tuple(i for i in range(x.ndim) if i != a)
    norm = jnp.sum(jnp.abs(x) ** p, axis=other, keepdims=True) ** (1.0 / p)
    scale = jnp.where(norm > maxnorm, maxnorm / (norm + 1e-7), 1.0)
    return (x * scale).astype(x.dtype)


@op("cosine_similarity")
def _cosine_similarity(x1, x2, dim=1, eps=1e-8):
    shape = _bcast("cosine_similarity", x1, x2)
    d = _axis("cosine_similarity", jnp.zeros(shape), dim, "dim")
    w12 = jnp.sum(x1 * x2, axis=d)
    w1 = jnp.sum(x1 * x1, axis=d)
    w2 = jnp.sum(x2 * x2, axis=d)
    return w12 / jnp.sqrt(jnp.clip(w1 * w2, eps * eps, None))


@op("vdot")
def _vdot(a, b):
    if a.ndim != 1 or b.ndim != 1 or a.shape != b.shape:
        R.raise_error(ValueError, "vdot", f"the inputs must be 1-D tensors of the same length, but got "
                                          f"shapes {list(a.shape)} and {list(b.shape)}.")
    a, b = binary(a, b)
    return jnp.sum(jnp.conj(a) * b)


@op("logspace_prim")
def _logspace_prim(start, end, steps=10, base=10, dtype=np.float32):
    dt = np.dtype(dtype)
    if dt.kind != "f":
        R.raise_error(TypeError, "LogSpace", f"the 'dtype' should be one of [mindspore.float16, "
                      f"mindspore.float32, mindspore.float64], but got 'mindspore.{mstype.from_np(dt)}'.")
    e = jnp.linspace(jnp.asarray(start, np.float64 if dt == np.float64 else np.float32),
                     jnp.asarray(end), steps)
    return jnp.power(jnp.asarray(base, e.dtype), e).astype(dt)
_prim("SquareSumAll", "square_sum_all")
_prim("EqualCount", "equal_count")


@functional
def addn(x):
    return call("addn", list(x))


@primitive
class AddN(Primitive):
    def __init__(self):
        super().__init__("AddN")

    def __call__(self, *inputs):
        xs = inputs[0] if len(inputs) == 1 and isinstance(inputs[0], (list, tuple)) else inputs
        return call("addn", list(xs))


@primitive
class AccumulateNV2(Primitive):
    def __init__(self):
        super().__init__("AccumulateNV2")

    def __call__(self, *inputs):
        xs = inputs[0] if len(inputs) == 1 and isinstance(inputs[0], (list, tuple)) else inputs
        return call("addn", list(xs), "AccumulateNV2")


@functional
def diff(x, n=1, axis=-1, prepend=None, append=None):
    if n != 1:
        raise RuntimeError(f"For 'diff', 'n' must be 1, but got {n}")
    return call("diff", x, n, axis, prepend, append)


@functional
def diff_ext(input, n=1, dim=-1, prepend=None, append=None):
    return call("diff", input, n, dim, prepend, append)


mint("diff")(diff_ext)
tensor_method("diff")(lambda self, n=1, axis=-1, prepend=None, append=None:
                      call("diff", self, n, axis, prepend, append))


@functional
def trapz(y, x=None, *, dx=1.0, dim=-1):
    return call("trapz", y, x, dx, dim)


@functional
def cov(input, *, correction=1, fweights=None, aweights=None):
    return call("cov", input, correction, fweights, aweights)


tensor_method("cov")(lambda self, *, correction=1, fweights=None, aweights=None:
                     call("cov", self, correction, fweights, aweights))


@functional
def quantile(input, q, axis=None, keepdims=False):
    return call("quantile", input, q, axis, keepdims)


@functional
def nanquantile(input, q, axis=None, keepdims=False):
    return call("quantile", input, q, axis, keepdims, True)


tensor_method("quantile")(lambda self, q, axis=None, keepdims=False:
                          call("quantile", self, q, axis, keepdims))
tensor_method("nanquantile")(lambda self, q, axis=None, keepdims=False:
                             call("quantile", self, q, axis, keepdims, True))


@primitive
class Quantile(Primitive):
    def __init__(self, dim=None, keep_dims=False, ignore_nan=False):
        super().__init__("Quantile")
        self.dim, self.keep_dims, self.ignore_nan = dim, keep_dims, ignore_nan

    def __call__(self, input, q):
        return call("quantile", input, q, self.dim, self.keep_dims, self.ignore_nan)


@functional
def nanmedian(input, axis=-1, keepdims=False):
    return call("nanmedian", input, axis, keepdims)


tensor_method("nanmedian")(lambda self, axis=-1, keepdims=False: call("nanmedian", self, axis, keepdims))


@functional
def renorm(input, p, axis, maxnorm):
    return call("renorm", input, p, axis, maxnorm)


tensor_method("renorm")(lambda self, p, axis, maxnorm: call("renorm", self, p, axis, maxnorm))


@primitive
class Renorm(Primitive):
    def __init__(self, p, dim, maxnorm):
        super().__init__("Renorm")
        self.p, self.dim, self.maxnorm = p, dim, maxnorm

    def __call__(self, x):
        return call("renorm", x, self.p, self.dim, self.maxnorm)


@functional
def cosine_similarity(x1, x2, dim=1, eps=1e-08):
    return call("cosine_similarity", x1, x2, dim, eps)


tensor_method("argmax_with_value")(lambda self, axis=0, keep_dims=False:
                                   call("max_with_index", self, axis, keep_dims))
tensor_method("argmin_with_value")(lambda self, axis=0, keep_dims=False:
                                   call("max_with_index", self, axis, keep_dims, None, None, False))
mint("vdot")(lambda input, other: call("vdot", input, other))


@primitive
class LogSpace(Primitive):
    def __init__(self, steps=10, base=10, dtype=mstype.float32):
        super().__init__("LogSpace")
        self.steps, self.base, self.dtype = steps, base, dtype

    def __call__(self, start, end):
        return call("logspace_prim", start, end, self.steps, self.base, self.dtype)


@op("pdist")
def _pdist(x, p=2.0):
    if x.ndim != 2:
        R.raise_error(ValueError, "Pdist", f"the input must be 2-D, but got shape {list(x.shape)}.")
    if p < 0:
        R.raise_error(ValueError, "Pdist", f"the 'p' must be non-negative, but got {p}.")
    n = x.shape[0]
    i, j = np.triu_indices(n, 1)
    d = jnp.abs(x[i] - x[j])
    if p == 0:
        return jnp.sum(d != 0, -1).astype(x.dtype)
    if p == float("inf"):
        return jnp.max(d, -1)
    return jnp.sum(d ** p, -1) ** (1.0 / p)


functional(lambda input, p=2.0: call("pdist", input, p), name="pdist")


@primitive
class Pdist(Primitive):
    def __init__(self, p=2.0):
        super().__init__("Pdist")
        self.p = p

    def __call__(self, x):
        return call("pdist", x, self.p)
