"""Products beyond ``matmul`` (dot, outer, einsum, addmm, kron...), triangular/diagonal ops, and
linear algebra (inverse, det, svd, qr, cholesky, solve, pinv, cdist).

``ops.dot`` follows MindSpore: both inputs at least 2-D and Float16/Float32. ``ops.svd`` returns
``(s, u, v)`` (v, not v^H). Decompositions reject integer inputs with TypeError.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import binary, is_array


def _is_floatish(dt):
    return dt.kind in "fc" or dt == jnp.bfloat16


def _float_in(name, *xs, kinds=None):
    for x in xs:
        if not is_array(x):
            R.raise_error(TypeError, name, f"the input must be a Tensor, but got {type(x).__name__}.")
        ok = x.dtype in kinds if kinds else _is_floatish(x.dtype)
        if not ok:
            R.raise_error(TypeError, name, f"the input dtype must be float, but got {R.ms_dtype(x)}.")


def _square(name, x):
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        R.raise_error(ValueError, name, f"the input must be a batch of square matrices, but got "
                                        f"shape {list(x.shape)}.")


# --- products -----------------------------------------------------------------------------------

@op("dot")
def _dot(a, b):
    _float_in("dot", a, b, kinds=(np.float16, np.float32))
    if a.ndim < 2 or b.ndim < 2:
        R.raise_error(ValueError, "dot", f"the inputs x1, x2 should have 'dimension >= 2', but got "
                                         f"'len(x1_shape)': ({a.ndim}) and 'len(x2_shape)': ({b.ndim}).")
    if a.shape[-1] != b.shape[-2]:
        R.raise_error(ValueError, "dot", f"the last dim of x1 must equal the second last dim of x2, "
                                         f"but got shapes {list(a.shape)} and {list(b.shape)}.")
    a, b = binary(a, b)
    return jnp.dot(a, b)


@op("inner")
def _inner(a, b):
    a, b = binary(a, b)
    return jnp.inner(a, b)


@op("outer")
def _outer(a, b):
    if a.ndim != 1 or b.ndim != 1:
        R.raise_error(ValueError, "outer", f"the inputs must be 1-D, but got shapes {list(a.shape)} "
                                           f"and {list(b.shape)}.")
    a, b = binary(a, b)
    return jnp.outer(a, b)


@op("vecdot")
def _vecdot(a, b, axis=-1):
    a, b = binary(a, b)
    return jnp.sum(jnp.conj(a) * b, axis=axis)


@op("tensordot")
def _tensordot(a, b, axes=2):
    a, b = binary(a, b)
    return jnp.tensordot(a, b, axes)


@op("einsum")
def _einsum(equation, *operands):
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    return jnp.einsum(equation, *operands)


@op("mm")
def _mm(a, b):
    if a.ndim != 2 or b.ndim != 2:
        R.raise_error(ValueError, "mm", f"the inputs must be 2-D, but got shapes {list(a.shape)} and "
                                        f"{list(b.shape)}.")
    a, b = binary(a, b)
    return a @ b


@op("mv")
def _mv(mat, vec):
    if mat.ndim != 2 or vec.ndim != 1:
        R.raise_error(ValueError, "mv", f"expected a 2-D matrix and a 1-D vector, but got shapes "
                                        f"{list(mat.shape)} and {list(vec.shape)}.")
    mat, vec = binary(mat, vec)
    return mat @ vec


def _scaled_add(name, inp, prod, beta, alpha):
    """``beta * inp + alpha * prod`` (beta == 0 ignores inp, so NaNs there do not leak)."""
    out = prod if alpha == 1 else prod * alpha
    if beta == 0:
        return jnp.broadcast_to(out, jnp.broadcast_shapes(inp.shape, out.shape)).astype(out.dtype)
    inp, out = binary(inp, out)
    return (inp if beta == 1 else inp * beta) + out


@op("baddbmm")
def _baddbmm(inp, b1, b2, beta=1, alpha=1):
    if b1.ndim != 3 or b2.ndim != 3:
        R.raise_error(ValueError, "baddbmm", f"batch1 and batch2 must be 3-D, but got shapes "
                                             f"{list(b1.shape)} and {list(b2.shape)}.")
    return _scaled_add("baddbmm", inp, jnp.matmul(*binary(b1, b2)), beta, alpha)


@op("addbmm")
def _addbmm(inp, b1, b2, beta=1, alpha=1):
    if b1.ndim != 3 or b2.ndim != 3:
        R.raise_error(ValueError, "addbmm", f"batch1 and batch2 must be 3-D, but got shapes "
                                            f"{list(b1.shape)} and {list(b2.shape)}.")
    return _scaled_add("addbmm", inp, jnp.sum(jnp.matmul(*binary(b1, b2)), axis=0), beta, alpha)


@op("addmm")
def _addmm(inp, m1, m2, beta=1, alpha=1):
    return _scaled_add("addmm", inp, _mm(m1, m2), beta, alpha)


@op("addmv")
def _addmv(inp, mat, vec, beta=1, alpha=1):
    return _scaled_add("addmv", inp, _mv(mat, vec), beta, alpha)


@op("addr")
def _addr(inp, v1, v2, beta=1, alpha=1):
    return _scaled_add("addr", inp, _outer(v1, v2), beta, alpha)


@op("kron")
def _kron(a, b):
    a, b = binary(a, b)
    return jnp.kron(a, b)


@op("batch_dot")
def _batch_dot(x1, x2, axes=None):
    """MindSpore's ``batch_dot``: contracts per batch element; 2-D results keep a trailing 1."""
    x1, x2 = binary(x1, x2)
    if axes is None:
        axes = (x1.ndim - 1, x2.ndim - 1 if x2.ndim == 2 else x2.ndim - 2)
    if isinstance(axes, int):
        axes = (axes, axes)
    a1, a2 = int(axes[0]) % x1.ndim, int(axes[1]) % x2.ndim
    l1 = list(range(x1.ndim))
    l2 = [0] + [50 + i for i in range(1, x2.ndim)]
    l2[a2] = l1[a1]
    out_idx = [0] + [i for i in l1[1:] if i != a1] + [i for i in l2[1:] if i != l1[a1]]
    out = jnp.einsum(x1, l1, x2, l2, out_idx)
    return out[:, None] if out.ndim == 1 else out


@op("trace")
def _trace(x, offset=0, axis1=0, axis2=1, dtype=None, matrix_only=True):
    """``ops.trace``/``P.Trace``/``mint.trace`` take a matrix (MindSpore 2.10 raises RuntimeError for
    other ranks); ``Tensor.trace`` is numpy-style over ``axis1``/``axis2``."""
    if matrix_only and x.ndim != 2:
        raise RuntimeError(f"For Primitive[Trace], the rank of the input must be 2, but got {x.ndim} "
                           f"(shape {list(x.shape)})!")
    r = jnp.trace(x, offset=offset, axis1=axis1, axis2=axis2)
    if dtype is not None:
        return r.astype(dtype)
    return r.astype(x.dtype)


@op("diag")
def _diag(x):
    """A tensor of rank k becomes rank 2k with ``x`` on its diagonal (MindSpore's Diag)."""
    n = x.size
    d = (jnp.eye(n, dtype=x.dtype) * x.reshape(-1)) if n else jnp.zeros((0, 0), x.dtype)
    return d.reshape(x.shape + x.shape)


@op("diag_ext")
def _diag_ext(x, diagonal=0):
    """torch-style ``diag``: 1-D -> matrix, 2-D -> its diagonal (``mint.diag``)."""
    return jnp.diag(x, k=diagonal)


@op("diagonal")
def _diagonal(x, offset=0, dim1=0, dim2=1):
    return jnp.diagonal(x, offset=offset, axis1=dim1, axis2=dim2)


@op("diagflat")
def _diagflat(x, offset=0):
    return jnp.diagflat(x, k=offset)


@op("tril")
def _tril(x, diagonal=0):
    if x.ndim < 2:
        R.raise_error(ValueError, "Tril", f"the input must be at least 2-D, but got shape {list(x.shape)}.")
    return jnp.tril(x, k=diagonal)


@op("triu")
def _triu(x, diagonal=0):
    if x.ndim < 2:
        R.raise_error(ValueError, "Triu", f"the input must be at least 2-D, but got shape {list(x.shape)}.")
    return jnp.triu(x, k=diagonal)


@op("cross")
def _cross(a, b, dim=None):
    """``dim=None``: the first axis of size 3."""
    a, b = binary(a, b)
    if dim is None or dim == -65530:
        shape = jnp.broadcast_shapes(a.shape, b.shape)
        dims = [i for i, s in enumerate(shape) if s == 3]
        if not dims:
            R.raise_error(ValueError, "Cross", f"no dimension of size 3 in shape {list(shape)}.")
        dim = dims[0]
    if a.shape[dim] != 3 or b.shape[dim] != 3:
        R.raise_error(ValueError, "Cross", f"the size of dim {dim} must be 3, but got shapes "
                                           f"{list(a.shape)} and {list(b.shape)}.")
    return jnp.cross(a, b, axis=dim)


@op("matrix_power")
def _matrix_power(x, n):
    _square("matrix_power", x)
    return jnp.linalg.matrix_power(x, int(n))


# --- decompositions and solvers ------------------------------------------------------------------

@op("inverse")
def _inverse(x, adjoint=False):
    _float_in("MatrixInverse", x)
    _square("MatrixInverse", x)
    if adjoint:
        x = jnp.conj(jnp.swapaxes(x, -1, -2))
    return jnp.linalg.inv(x)


@op("det")
def _det(x):
    _float_in("MatrixDeterminant", x)
    _square("MatrixDeterminant", x)
    return jnp.linalg.det(x)


@op("slogdet")
def _slogdet(x):
    _float_in("LogMatrixDeterminant", x)
    _square("LogMatrixDeterminant", x)
    s, l = jnp.linalg.slogdet(x)
    return s.astype(x.dtype), l


@op("logdet")
def _logdet(x):
    s, l = _slogdet(x)
    return jnp.where(s < 0, jnp.nan, jnp.where(s == 0, -jnp.inf, l))


@op("svd")
def _svd(x, full_matrices=False, compute_uv=True):
    """``(s, u, v)`` with ``x = u @ diag(s) @ v^H``; only ``s`` when ``compute_uv`` is False."""
    _float_in("Svd", x)
    if not compute_uv:
        return jnp.linalg.svd(x, full_matrices=full_matrices, compute_uv=False)
    u, s, vh = jnp.linalg.svd(x, full_matrices=full_matrices)
    return s, u, jnp.conj(jnp.swapaxes(vh, -1, -2))


@op("qr")
def _qr(x, mode="reduced"):
    _float_in("Qr", x)
    if mode not in ("reduced", "complete", "r"):
        R.raise_error(ValueError, "qr", f"'mode' must be 'reduced', 'complete' or 'r', but got {mode!r}.")
    if mode == "r":
        return jnp.zeros((0,), x.dtype), jnp.linalg.qr(x, mode="r")
    return tuple(jnp.linalg.qr(x, mode=mode))


@op("cholesky")
def _cholesky(x, upper=False):
    _float_in("Cholesky", x)
    _square("Cholesky", x)
    lo = jnp.linalg.cholesky(x)
    return jnp.conj(jnp.swapaxes(lo, -1, -2)) if upper else lo


@op("cholesky_solve")
def _cholesky_solve(b, u, upper=False):
    _float_in("CholeskySolve", b, u)
    lo = jnp.conj(jnp.swapaxes(u, -1, -2)) if upper else u
    y = jnp.linalg.solve(lo, b)
    return jnp.linalg.solve(jnp.conj(jnp.swapaxes(lo, -1, -2)), y)


@op("cholesky_inverse")
def _cholesky_inverse(u, upper=False):
    _float_in("CholeskyInverse", u)
    a = jnp.conj(jnp.swapaxes(u, -1, -2)) @ u if upper else u @ jnp.conj(jnp.swapaxes(u, -1, -2))
    return jnp.linalg.inv(a)


@op("matrix_solve")
def _matrix_solve(matrix, rhs, adjoint=False):
    _float_in("MatrixSolve", matrix, rhs)
    _square("MatrixSolve", matrix)
    if adjoint:
        matrix = jnp.conj(jnp.swapaxes(matrix, -1, -2))
    return jnp.linalg.solve(matrix, rhs)


@op("pinv")
def _pinv(x, atol=None, rtol=None, hermitian=False):
    _float_in("pinv", x)
    if atol is None and rtol is None:
        return jnp.linalg.pinv(x, hermitian=hermitian)
    u, s, vh = jnp.linalg.svd(x, full_matrices=False, hermitian=hermitian)
    smax = jnp.max(s, axis=-1, keepdims=True)
    tol = jnp.maximum(0.0 if atol is None else atol, (0.0 if rtol is None else rtol) * smax)
    sinv = jnp.where(s > tol, 1.0 / jnp.where(s > tol, s, 1), 0).astype(s.dtype)
    return jnp.conj(jnp.swapaxes(vh, -1, -2)) @ (sinv[..., None] * jnp.conj(jnp.swapaxes(u, -1, -2)))


@op("eig")
def _eig(x):
    """Complex eigenvalues and eigenvectors (computed on the host CPU, like numpy)."""
    _float_in("Eig", x)
    _square("Eig", x)
    w, v = jnp.linalg.eig(x)
    cdt = np.complex64 if x.dtype in (np.float32, np.complex64, np.float16) else np.complex128
    return w.astype(cdt), v.astype(cdt)


@op("matrix_exp")
def _matrix_exp(x):
    import jax.scipy.linalg as jsl

    _float_in("MatrixExp", x)
    _square("MatrixExp", x)
    return jsl.expm(x)


@op("cdist")
def _cdist(x1, x2, p=2.0):
    """Pairwise p-norm distances between the rows of ``x1`` and ``x2`` (batched)."""
    _float_in("Cdist", x1, x2)
    if x1.shape[-1] != x2.shape[-1]:
        R.raise_error(ValueError, "Cdist", f"the last dims must match, but got shapes "
                                           f"{list(x1.shape)} and {list(x2.shape)}.")
    d = jnp.abs(x1[..., :, None, :] - x2[..., None, :, :])
    if p == 0:
        return jnp.sum(d != 0, axis=-1).astype(x1.dtype)
    if p == float("inf"):
        return jnp.max(d, axis=-1)
    if p == 2:
        return jnp.sqrt(jnp.sum(d * d, axis=-1))
    if p == 1:
        return jnp.sum(d, axis=-1)
    return jnp.sum(d ** p, axis=-1) ** (1.0 / p)


@op("dist")
def _dist(a, b, p=2):
    _float_in("dist", a, b)
    d = jnp.abs(a - b).reshape(-1)
    if p == 0:
        return jnp.sum(d != 0).astype(d.dtype)
    if p == float("inf"):
        return jnp.max(d)
    if p == -float("inf"):
        return jnp.min(d)
    return jnp.sum(d ** p) ** (1.0 / p)


# === views ====================================================================================

@functional
def dot(input, other):
    return call("dot", input, other)


@functional
def inner(input, other):
    return call("inner", input, other)


@functional
def outer(input, vec2):
    return call("outer", input, vec2)


ger = functional(lambda input, vec2: call("outer", input, vec2), name="ger")


@functional
def vecdot(x, y, *, axis=-1):
    return call("vecdot", x, y, axis)


@functional
def tensor_dot(x1, x2, axes):
    return call("tensordot", x1, x2, axes)


@functional
def einsum(equation, *operands):
    return call("einsum", equation, *operands)


@functional
def mm(input, mat2):
    return call("mm", input, mat2)


@functional
def mv(mat, vec):
    return call("mv", mat, vec)


@functional
def baddbmm(input, batch1, batch2, beta=1, alpha=1):
    return call("baddbmm", input, batch1, batch2, beta, alpha)


@functional
def addbmm(input, batch1, batch2, *, beta=1, alpha=1):
    return call("addbmm", input, batch1, batch2, beta, alpha)


@functional
def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    return call("addmm", input, mat1, mat2, beta, alpha)


@functional
def addmv(input, mat, vec, *, beta=1, alpha=1):
    return call("addmv", input, mat, vec, beta, alpha)


@functional
def addr(x, vec1, vec2, *, beta=1, alpha=1):
    return call("addr", x, vec1, vec2, beta, alpha)


@functional
def kron(input, other):
    return call("kron", input, other)


@functional
def batch_dot(x1, x2, axes=None):
    return call("batch_dot", x1, x2, axes)


@functional
def trace(input):
    return call("trace", input)


@functional
def diag(input):
    return call("diag", input)


@functional
def diagonal(input, offset=0, dim1=0, dim2=1):
    return call("diagonal", input, offset, dim1, dim2)


@functional
def diagflat(input, offset=0):
    return call("diagflat", input, offset)


@functional
def tril(input, diagonal=0):
    return call("tril", input, diagonal)


@functional
def triu(input, diagonal=0):
    return call("triu", input, diagonal)


@functional
def cross(input, other, dim=None):
    return call("cross", input, other, dim)


@functional
def matrix_power(input, n):
    return call("matrix_power", input, n)


@functional
def inverse(input):
    return call("inverse", input)


@functional
def det(input):
    return call("det", input)


matrix_determinant = functional(det, name="matrix_determinant")


@functional
def slogdet(input):
    return call("slogdet", input)


@functional
def logdet(input):
    return call("logdet", input)


@functional
def svd(input, full_matrices=False, compute_uv=True):
    return call("svd", input, full_matrices, compute_uv)


@functional
def qr(input, mode="reduced"):
    return call("qr", input, mode)


@functional
def cholesky(input_x, upper=False):
    return call("cholesky", input_x, upper)


@functional
def cholesky_solve(input, input2, upper=False):
    return call("cholesky_solve", input, input2, upper)


@functional
def cholesky_inverse(input_x, upper=False):
    return call("cholesky_inverse", input_x, upper)


@functional
def matrix_solve(matrix, rhs, adjoint=False):
    return call("matrix_solve", matrix, rhs, adjoint)


@functional
def pinv(x, *, atol=None, rtol=None, hermitian=False):
    return call("pinv", x, atol, rtol, hermitian)


@functional
def eig(A):
    return call("eig", A)


@functional
def matrix_exp(input):
    return call("matrix_exp", input)


@functional
def cdist(x1, x2, p=2.0):
    return call("cdist", x1, x2, p)


@functional
def dist(input, other, p=2):
    return call("dist", input, other, p)


# --- primitives ---------------------------------------------------------------------------------


def _simple_prim(cls_name, opname, attrs=(), nin=1):
    def __init__(self, *args, **kwargs):
        Primitive.__init__(self, cls_name)
        for (k, default), v in zip(attrs, list(args) + [None] * len(attrs)):
            setattr(self, k, kwargs.get(k, default if v is None else v))

    def __call__(self, *xs):
        return call(opname, *xs[:nin], *[getattr(self, k) for k, _ in attrs])

    cls = type(cls_name, (Primitive,), {"__init__": __init__, "__call__": __call__,
                                         "__doc__": f"``P.{cls_name}``: view of op '{opname}'."})
    primitive(cls)
    globals()[cls_name] = cls


_simple_prim("MatrixInverse", "inverse", (("adjoint", False),))
_simple_prim("MatrixDeterminant", "det")
_simple_prim("LogMatrixDeterminant", "slogdet")
_simple_prim("Cholesky", "cholesky", (("upper", False),))
_simple_prim("CholeskySolve", "cholesky_solve", (("upper", False),), nin=2)
_simple_prim("CholeskyInverse", "cholesky_inverse", (("upper", False),))
_simple_prim("MatrixSolve", "matrix_solve", (("adjoint", False),), nin=2)
_simple_prim("MatrixExp", "matrix_exp")
_simple_prim("Cdist", "cdist", (("p", 2.0),), nin=2)
_simple_prim("Tril", "tril", (("diagonal", 0),))
_simple_prim("Triu", "triu", (("diagonal", 0),))
_simple_prim("Diag", "diag")
_simple_prim("Trace", "trace")
_simple_prim("Ger", "outer", nin=2)
_simple_prim("Kron", "kron", nin=2)


@primitive
class Svd(Primitive):
    def __init__(self, full_matrices=False, compute_uv=True):
        super().__init__("Svd")
        self.full_matrices, self.compute_uv = full_matrices, compute_uv

    def __call__(self, x):
        r = call("svd", x, self.full_matrices, self.compute_uv)
        if not self.compute_uv:  # MindSpore still returns three outputs (u, v empty)
            z = call("svd", x, False, False)
            return r, z[..., :0], z[..., :0]
        return r


@primitive
class Qr(Primitive):
    def __init__(self, full_matrices=False):
        super().__init__("Qr")
        self.full_matrices = full_matrices

    def __call__(self, x):
        return call("qr", x, "complete" if self.full_matrices else "reduced")


@primitive
class Cross(Primitive):
    def __init__(self, dim=-65530):
        super().__init__("Cross")
        self.dim = dim

    def __call__(self, x1, x2):
        return call("cross", x1, x2, None if self.dim == -65530 else self.dim)


@primitive
class Einsum(Primitive):
    """``P.Einsum(equation)((x, y, ...))``: operands as one tuple."""

    def __init__(self, equation):
        super().__init__("Einsum")
        self.equation = equation

    def __call__(self, operands):
        return call("einsum", self.equation, tuple(operands))


@primitive
class DiagPart(Primitive):
    def __init__(self):
        super().__init__("DiagPart")

    def __call__(self, x):
        k = x.ndim // 2
        n = int(np.prod(x.shape[:k]))
        return call("diagonal", x.reshape(n, n), 0, 0, 1).reshape(x.shape[:k])


# --- Tensor methods -----------------------------------------------------------------------------

for _n in ("dot", "inner", "kron", "mm", "mv"):
    tensor_method(_n)(lambda self, other, _o=_n: call(_o, self, other))
tensor_method("outer")(lambda self, vec2: call("outer", self, vec2))
tensor_method("addmm")(lambda self, mat1, mat2, *, beta=1, alpha=1:
              call("addmm", self, mat1, mat2, beta, alpha))
tensor_method("addbmm")(lambda self, batch1, batch2, *, beta=1, alpha=1:
                        call("addbmm", self, batch1, batch2, beta, alpha))
tensor_method("baddbmm")(lambda self, batch1, batch2, beta=1, alpha=1:
                         call("baddbmm", self, batch1, batch2, beta, alpha))
tensor_method("addmv")(lambda self, mat, vec, *, beta=1, alpha=1: call("addmv", self, mat, vec, beta, alpha))
tensor_method("addr")(lambda self, vec1, vec2, beta=1, alpha=1: call("addr", self, vec1, vec2, beta, alpha))
tensor_method("trace")(lambda self, offset=0, axis1=0, axis2=1, dtype=None:
                       call("trace", self, offset, axis1, axis2, dtype, False))
tensor_method("diag")(lambda self: call("diag", self))
tensor_method("diagonal")(lambda self, offset=0, axis1=0, axis2=1:
              call("diagonal", self, offset, axis1, axis2))
tensor_method("diagflat")(lambda self, offset=0: call("diagflat", self, offset))
tensor_method("tril")(lambda self, diagonal=0: call("tril", self, diagonal))
tensor_method("triu")(lambda self, diagonal=0: call("triu", self, diagonal))
tensor_method("cross")(lambda self, other, dim=None: call("cross", self, other, dim))
tensor_method("matrix_power")(lambda self, n: call("matrix_power", self, n))
tensor_method("inverse")(lambda self: call("inverse", self))
tensor_method("det")(lambda self: call("det", self))
tensor_method("svd")(lambda self, full_matrices=False, compute_uv=True:
                     call("svd", self, full_matrices, compute_uv))

# --- mint ---------------------------------------------------------------------------------------

mint("dot")(lambda input, other: call("inner", input, other))
mint("outer")(outer)
mint("mm")(mm)
mint("mv")(lambda input, vec: call("mv", input, vec))
mint("einsum")(einsum)
mint("baddbmm")(lambda input, batch1, batch2, *, beta=1, alpha=1:
                call("baddbmm", input, batch1, batch2, beta, alpha))
mint("addbmm")(addbmm)
mint("addmm")(addmm)
mint("addmv")(lambda input, mat, vec, *, beta=1, alpha=1: call("addmv", input, mat, vec, beta, alpha))
mint("trace")(lambda input: call("trace", input))
mint("diag")(lambda input, diagonal=0: call("diag_ext", input, diagonal))
mint("tril")(tril)
mint("triu")(triu)
mint("cross")(cross)
mint("inverse", "linalg.inv")(inverse)
mint("linalg.qr")(lambda A, mode="reduced": call("qr", A, mode))
mint("cdist")(lambda x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary":
              call("cdist", x1, x2, p))
