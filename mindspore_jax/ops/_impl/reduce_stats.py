"""Statistics and norms: var/std(_mean), logsumexp, count_nonzero, vector/matrix/torch norms."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._reduce_common import _I32, _I64, _axes, _float_in, _is_floatish, _kw

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
def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    return call("norm", A, ord, dim, keepdim, dtype)


@functional
def vector_norm(x, ord=2, axis=None, keepdims=False, *, dtype=None):
    return call("vector_norm", x, ord, axis, keepdims, dtype)


@functional
def matrix_norm(A, ord="fro", axis=(-2, -1), keepdims=False, *, dtype=None):
    return call("matrix_norm", A, ord, axis, keepdims, dtype)


@primitive
class ReduceStd(Primitive):
    """``(std, mean)`` over ``axis``; ``unbiased`` uses ddof 1."""

    def __init__(self, axis=(), unbiased=True, keep_dims=False):
        super().__init__("ReduceStd")
        self.axis, self.unbiased, self.keep_dims = axis, unbiased, keep_dims

    def __call__(self, x):
        return call("std_mean", x, self.axis, int(self.unbiased), self.keep_dims, "ReduceStd")


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
mint("logsumexp")(lambda input, dim, keepdim=False: call("logsumexp", input, dim, keepdim))
mint("count_nonzero")(lambda input, dim=None: call("count_nonzero", input, dim, False, _I64))
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
