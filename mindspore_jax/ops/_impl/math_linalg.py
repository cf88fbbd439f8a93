"""Solvers and factorizations: triangular/least-squares/LU solves, QR (geqrf/orgqr/ormqr), norms."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._math_common import _need, _prim

# --- solvers and factorizations ----------------------------------------------------------------

def _square(name, x, arg="x"):
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        R.raise_error(ValueError, name, f"the '{arg}' must be a (batch of) square matrices, but got "
                                        f"shape {list(x.shape)}.")


@op("matrix_power_prim")
def _matrix_power_prim(x, n):
    if x.ndim < 2 or x.shape[-1] != x.shape[-2]:
        R.raise_error(ValueError, "MatrixPower", f"dim[-1] and dim[-2] of x should be the same, but got "
                      f"shape {list(x.shape)}.")
    return jnp.linalg.matrix_power(x, n)


@op("triangular_solve")
def _triangular_solve(b, A, upper=True, transpose=False, unitriangular=False):
    name = "TriangularSolve"
    if b.ndim < 2 or A.ndim < 2:
        R.raise_error(ValueError, name, f"the dim of input b and A must be in [2, 6], but got shapes "
                                        f"{list(b.shape)} and {list(A.shape)}.")
    _square(name, A, "A")
    if A.shape[-1] != b.shape[-2]:
        R.raise_error(ValueError, name, f"A.shape[-1] must equal b.shape[-2], but got shapes "
                                        f"{list(A.shape)} and {list(b.shape)}.")
    shape = jnp.broadcast_shapes(b.shape[:-2], A.shape[:-2])
    bb = jnp.broadcast_to(b, shape + b.shape[-2:])
    aa = jnp.broadcast_to(A, shape + A.shape[-2:])
    x = jax.lax.linalg.triangular_solve(aa, bb, left_side=True, lower=not upper,
                                        transpose_a=transpose, unit_diagonal=unitriangular)
    return x, aa


@op("matrix_triangular_solve")
def _matrix_triangular_solve(matrix, rhs, lower=True, adjoint=False):
    _square("MatrixTriangularSolve", matrix, "matrix")
    if rhs.ndim < 2 or rhs.shape[-2] != matrix.shape[-1]:
        R.raise_error(ValueError, "MatrixTriangularSolve", f"the shapes of matrix and rhs do not match: "
                      f"{list(matrix.shape)} and {list(rhs.shape)}.")
    return jax.lax.linalg.triangular_solve(matrix, rhs, left_side=True, lower=lower,
                                           transpose_a=adjoint, conjugate_a=adjoint)


@op("lstsq")
def _lstsq(x, a, l2_regularizer=0.0):
    name = "Lstsq"
    if x.ndim != 2:
        R.raise_error(ValueError, name, f"the dimension of x must be equal to 2, but got x_dim: "
                                        f"{x.ndim} (shape {list(x.shape)}).")
    if a.ndim not in (1, 2):
        R.raise_error(ValueError, name, f"the dimension of a must be 1 or 2, but got shape {list(a.shape)}.")
    if a.shape[0] != x.shape[0]:
        R.raise_error(ValueError, name, f"x.shape[0] must equal a.shape[0], but got shapes "
                                        f"{list(x.shape)} and {list(a.shape)}.")
    if l2_regularizer:
        n = x.shape[1]
        xt = x.T
        return jnp.linalg.solve(xt @ x + l2_regularizer * jnp.eye(n, dtype=x.dtype), xt @ a)
    return jnp.linalg.lstsq(x, a)[0]


@op("eigvals")
def _eigvals(x):
    _square("Eig", x, "A")
    return R.impl("eig")(x)[0]


def _lu_perm(piv, n):
    """1-based LAPACK pivots (..., k) -> permutation matrix P with A = P @ L @ U."""
    perm = jax.lax.linalg.lu_pivots_to_permutation(piv.astype(np.int32) - 1, n)
    eye = jnp.eye(n)
    # rows of P^T are e_{perm[i]}: P^T @ A = A[perm]
    return jnp.swapaxes(eye[perm], -1, -2)


@op("lu_unpack")
def _lu_unpack(lu, piv, unpack_data=True, unpack_pivots=True):
    if lu.ndim < 2:
        R.raise_error(ValueError, "LuUnpack", f"the rank of LU_data must be at least 2, but got shape "
                                              f"{list(lu.shape)}.")
    m, n = lu.shape[-2:]
    k = min(m, n)
    L = jnp.tril(lu[..., :, :k], -1) + jnp.eye(m, k, dtype=lu.dtype)
    U = jnp.triu(lu[..., :k, :])
    P = _lu_perm(piv, m).astype(lu.dtype)
    return P, L, U


@op("lu_solve")
def _lu_solve(b, lu, piv):
    _square("LuSolve", lu, "LU_data")
    if b.ndim < 2 or b.shape[-2] != lu.shape[-1]:
        R.raise_error(ValueError, "LuSolve", f"b.shape[-2] must equal LU_data.shape[-1], but got shapes "
                                             f"{list(b.shape)} and {list(lu.shape)}.")
    P, L, U = _lu_unpack(lu, piv)
    y = jax.lax.linalg.triangular_solve(L, jnp.swapaxes(P, -1, -2) @ b, left_side=True, lower=True,
                                        unit_diagonal=True)
    return jax.lax.linalg.triangular_solve(U, y, left_side=True, lower=False)


@op("lu_factor")
def _lu_factor(a):
    _square("lu_factor", a, "A")
    lu, piv, _ = jax.lax.linalg.lu(a)
    return lu, (piv + 1).astype(np.int32)


@op("tridiagonal_matmul")
def _tridiagonal_matmul(superdiag, maindiag, subdiag, rhs):
    name = "TridiagonalMatMul"
    if rhs.ndim < 2 or any(d.shape[-1] != rhs.shape[-2] for d in (superdiag, maindiag, subdiag)):
        R.raise_error(ValueError, name, f"the diagonals must have shape [..., 1, M] matching rhs "
                      f"[..., M, N], "
                      f"but got {list(superdiag.shape)}, {list(maindiag.shape)}, {list(subdiag.shape)} "
                      f"and {list(rhs.shape)}.")
    sup = jnp.swapaxes(superdiag, -1, -2)
    main = jnp.swapaxes(maindiag, -1, -2)
    sub = jnp.swapaxes(subdiag, -1, -2)
    zero = jnp.zeros_like(rhs[..., :1, :])
    up = jnp.concatenate([rhs[..., 1:, :], zero], axis=-2)
    down = jnp.concatenate([zero, rhs[..., :-1, :]], axis=-2)
    return main * rhs + sup * up + sub * down


@op("geqrf")
def _geqrf(x):
    if x.ndim < 2:
        R.raise_error(ValueError, "Geqrf", f"the rank of input must be at least 2, but got shape "
                                           f"{list(x.shape)}.")
    from jax._src.lax.linalg import geqrf
    return geqrf(x)


@op("orgqr")
def _orgqr(a, tau):
    if a.ndim < 2 or a.shape[-2] < a.shape[-1] or tau.shape[-1] > a.shape[-1]:
        R.raise_error(ValueError, "Orgqr", f"the input must be [..., M, N] with M >= N and tau [..., K] "
                      f"with K <= N, but got {list(a.shape)} and {list(tau.shape)}.")
    return jax.lax.linalg.householder_product(a, tau)


@op("ormqr")
def _ormqr(a, tau, other, left=True, transpose=False):
    m = a.shape[-2]
    if a.ndim < 2 or other.ndim < 2 or (other.shape[-2] if left else other.shape[-1]) != m:
        R.raise_error(ValueError, "Ormqr", f"the shapes of input, tau and other do not match: "
                      f"{list(a.shape)}, {list(tau.shape)} and {list(other.shape)}.")
    pad = m - a.shape[-1]
    full = jnp.concatenate([a, jnp.zeros(a.shape[:-1] + (pad,), a.dtype)], -1) if pad > 0 else a[..., :m]
    q = jax.lax.linalg.householder_product(full, tau)
    if transpose:
        q = jnp.conj(jnp.swapaxes(q, -1, -2))
    return q @ other if left else other @ q
_prim("TridiagonalMatMul", "tridiagonal_matmul", 4)
_prim("Geqrf", "geqrf", 1)
_prim("Orgqr", "orgqr", 2)
_prim("LuSolve", "lu_solve", 3)


tensor_method("ger")(lambda self, vec2: call("outer", self, vec2))


@primitive
class MatrixPower(Primitive):
    def __init__(self, n):
        super().__init__("MatrixPower")
        self.n = n

    def __call__(self, x):
        return call("matrix_power_prim", x, self.n)


def _triangular_solve_view(b, A, upper=True, transpose=False, unitriangular=False):
    return call("triangular_solve", b, A, upper, transpose, unitriangular)


mint("triangular_solve")(_triangular_solve_view)
tensor_method("triangular_solve")(_triangular_solve_view)


@primitive
class MatrixTriangularSolve(Primitive):
    def __init__(self, lower=True, adjoint=False):
        super().__init__("MatrixTriangularSolve")
        self.lower, self.adjoint = lower, adjoint

    def __call__(self, matrix, rhs):
        return call("matrix_triangular_solve", matrix, rhs, self.lower, self.adjoint)


@functional
def lstsq(input, A):
    return call("lstsq", input, A)


tensor_method("lstsq")(lambda self, A: call("lstsq", self, A))


@primitive
class Lstsq(Primitive):
    def __init__(self, fast=True, l2_regularizer=0.0):
        super().__init__("Lstsq")
        self.fast, self.l2_regularizer = fast, l2_regularizer

    def __call__(self, x, a):
        return call("lstsq", x, a, self.l2_regularizer)


@functional
def log_matrix_determinant(input):
    return call("slogdet", input)


tensor_method("log_matrix_determinant")(lambda self: call("slogdet", self))
tensor_method("slogdet")(lambda self: call("slogdet", self))
tensor_method("logdet")(lambda self: call("logdet", self))
tensor_method("matrix_determinant")(lambda self: call("det", self))


@functional
def eigvals(A):
    return call("eigvals", A)


tensor_method("eigvals")(lambda self: call("eigvals", self))


@primitive
class Eig(Primitive):
    def __init__(self, compute_v=False):
        super().__init__("Eig")
        self.compute_v = compute_v

    def __call__(self, x):
        return call("eig", x) if self.compute_v else call("eigvals", x)


@functional
def lu_unpack(LU_data, LU_pivots, unpack_data=True, unpack_pivots=True):
    return call("lu_unpack", LU_data, LU_pivots, unpack_data, unpack_pivots)


@functional
def lu_solve(b, LU_data, LU_pivots):
    return call("lu_solve", b, LU_data, LU_pivots)


tensor_method("lu_solve")(lambda self, LU_data, LU_pivots: call("lu_solve", self, LU_data, LU_pivots))


@primitive
class LuUnpack(Primitive):
    def __init__(self, unpack_data=True, unpack_pivots=True):
        super().__init__("LuUnpack")

    def __call__(self, LU_data, LU_pivots):
        return call("lu_unpack", LU_data, LU_pivots)


tensor_method("cholesky")(lambda self, upper=False: call("cholesky", self, upper))
tensor_method("cholesky_solve")(lambda self, input2, upper=False: call("cholesky_solve", self, input2, upper))
tensor_method("cholesky_inverse")(lambda self, upper=False: call("cholesky_inverse", self, upper))
tensor_method("qr")(lambda self, some=True: call("qr", self, "reduced" if some else "complete"))


@functional
def geqrf(input):
    return call("geqrf", input)


@functional
def orgqr(input, input2):
    return call("orgqr", input, input2)


@functional
def ormqr(input, tau, other, left=True, transpose=False):
    return call("ormqr", input, tau, other, left, transpose)


tensor_method("geqrf")(lambda self: call("geqrf", self))
tensor_method("orgqr")(lambda self, input2: call("orgqr", self, input2))
tensor_method("ormqr")(lambda self, input2, input3, left=True, transpose=False:
                       call("ormqr", self, input2, input3, left, transpose))


@primitive
class Ormqr(Primitive):
    def __init__(self, left=True, transpose=False):
        super().__init__("Ormqr")
        self.left, self.transpose = left, transpose

    def __call__(self, x, tau, other):
        return call("ormqr", x, tau, other, self.left, self.transpose)


@op("nuclear_norm")
def _nuclear_norm(x, dim=None, keepdim=False):
    if x.ndim < 2:
        R.raise_error(ValueError, "NuclearNorm", f"the input must be at least 2-D, but got shape "
                                                 f"{list(x.shape)}.")
    if dim is None and x.ndim != 2:
        R.raise_error(ValueError, "NuclearNorm", f"when dim is not set, or dim is None, the input_size must "
                                                 f"be equal to 2, but got {x.ndim}.")
    dims = (x.ndim - 2, x.ndim - 1) if dim is None else tuple(d % x.ndim for d in dim)
    if len(dims) != 2 or dims[0] == dims[1]:
        R.raise_error(ValueError, "NuclearNorm", f"the 'dim' must be two different dims, but got {dim}.")
    m = jnp.moveaxis(x, dims, (-2, -1))
    out = jnp.sum(jnp.linalg.svd(m, compute_uv=False), -1)
    if keepdim:
        out = jnp.expand_dims(out, tuple(sorted(dims)))
    return out.astype(x.dtype)


@primitive
class NuclearNorm(Primitive):
    def __init__(self, dim=None, keepdim=False):
        super().__init__("NuclearNorm")
        self.dim, self.keepdim = dim, keepdim

    def __call__(self, x):
        return call("nuclear_norm", x, self.dim, self.keepdim)


@primitive
class MatrixSolveLs(Primitive):
    """``P.MatrixSolveLs(fast)(matrix, rhs, l2)``: least squares with L2 regularization."""

    def __init__(self, fast=True):
        super().__init__("MatrixSolveLs")
        self.fast = fast

    def __call__(self, matrix, rhs, l2):
        return call("lstsq", matrix, rhs, float(np.asarray(R.unwrap(l2))))


@op("matrix_logarithm")
def _matrix_logarithm(x):
    """Principal matrix logarithm via the eigendecomposition (complex inputs only, as MindSpore)."""
    _need("MatrixLogarithm", x, lambda a: a.dtype.kind == "c", "[Complex64, Complex128]", "x")
    _square("MatrixLogarithm", x, "x")
    w, v = R.impl("eig")(x)
    v = v.astype(x.dtype)
    return (v * jnp.log(w.astype(x.dtype))[..., None, :]) @ jnp.linalg.inv(v)


@primitive
class MatrixLogarithm(Primitive):
    def __init__(self):
        super().__init__("MatrixLogarithm")

    def __call__(self, x):
        return call("matrix_logarithm", x)


@op("det_triangle")
def _det_triangle(x, fill_mode=0):
    """Determinant of (batches of) triangular matrices: the product of the diagonal."""
    _square("DetTriangle", x, "x")
    return jnp.prod(jnp.diagonal(x, axis1=-2, axis2=-1), axis=-1)


@primitive
class DetTriangle(Primitive):
    def __init__(self, fill_mode=0):
        super().__init__("DetTriangle")
        self.fill_mode = fill_mode

    def __call__(self, x):
        return call("det_triangle", x, self.fill_mode)
