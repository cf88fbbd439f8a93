"""More math, reduction and linear-algebra ops: special functions (zeta, igamma, polygamma,
Bessel, betainc, mvlgamma), integer ops (gcd, lcm, shifts, population_count), AddN-style sums,
diff/trapz/cov/quantile/nanmedian/renorm, TF-style matrix diagonals (MatrixDiagV3 family,
MatrixBandPart), triangular/least-squares/LU solvers, Householder QR (geqrf/orgqr/ormqr), and the
Tensor casts (long/int/half...) and in-place methods (add_, fill_, addmm_...) that rebind a
Tensor's value.

Semantics checked against MindSpore 2.10 (CPU) by tools/make_golden_math2.py; ops without a CPU
kernel there (quantile, fmin, vdot, triangular_solve, AccumulateNV2, the Inplace* Tensor methods,
kthvalue) follow the documented semantics.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.special as jsp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import binary, is_array, scalar_to_array, to_float

_F32_64 = "[Float32, Float64]"
_INTS = "[Int16, Int32, Int64]"


def _arr(x):
    return x if is_array(x) else scalar_to_array(x)


def _is_float(x):
    return x.dtype.kind == "f" or x.dtype == jnp.bfloat16


def _need(name, x, ok, allowed, arg="input"):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the '{arg}' must be a Tensor, but got {type(x).__name__}.")
    if not ok(x):
        R.raise_error(TypeError, name, f"the '{arg}' must be a Tensor with dtype in {allowed}, "
                                       f"but got {R.ms_dtype(x)}.")
    return x


def _bcast(name, *xs):
    try:
        return jnp.broadcast_shapes(*[jnp.shape(x) for x in xs])
    except ValueError:
        R.raise_error(ValueError, name, "the shapes of the inputs must be broadcastable, but got "
                      + " and ".join(str(list(jnp.shape(x))) for x in xs) + ".")


def _axis(name, x, axis, arg="axis", cls=ValueError):
    nd = max(x.ndim, 1)
    if not isinstance(axis, (int, np.integer)) or isinstance(axis, bool) or not -nd <= axis < nd:
        R.raise_error(cls, name, f"the '{arg}' must be in range [{-nd}, {nd}), but got {axis} "
                                 f"(input shape {list(x.shape)}).")
    return int(axis) % nd


def _float_pair(name, a, b, args=("input", "other")):
    _need(name, a, _is_float, _F32_64, args[0])
    if is_array(b):
        _need(name, b, _is_float, _F32_64, args[1])
        if a.dtype != b.dtype:
            R.raise_error(TypeError, name, f"the '{args[0]}' and '{args[1]}' must have the same dtype, "
                                           f"but got {R.ms_dtype(a)} and {R.ms_dtype(b)}.")
    _bcast(name, a, b)
    return a, (b if is_array(b) else jnp.asarray(b, a.dtype))


# --- special functions -------------------------------------------------------------------------

@op("zeta")
def _zeta(x, q):
    x, q = _float_pair("Zeta", x, q, ("x", "q"))
    return jsp.zeta(x, q)


@op("igamma")
def _igamma(a, x):
    a, x = _float_pair("Igamma", a, x, ("a", "x"))
    return jsp.gammainc(a, x)


@op("igammac")
def _igammac(a, x):
    a, x = _float_pair("Igammac", a, x, ("a", "x"))
    return jsp.gammaincc(a, x)


@op("polygamma")
def _polygamma(n, x):
    _need("Polygamma", x, _is_float, "[Float16, Float32, Float64]", "x")
    n = jnp.asarray(n)
    if n.dtype.kind not in "iu":
        R.raise_error(TypeError, "Polygamma", f"the 'n' must be an integer, but got {R.ms_dtype(n)}.")
    return jsp.polygamma(jnp.broadcast_to(n.astype(np.int32), x.shape), x).astype(x.dtype)


@op("betainc")
def _betainc(a, b, x):
    a, b = _float_pair("Betainc", a, b, ("a", "b"))
    a, x = _float_pair("Betainc", a, x, ("a", "x"))
    return jsp.betainc(a, b, x)


@op("mvlgamma")
def _mvlgamma(x, p):
    _need("Mvlgamma", x, _is_float, _F32_64, "x")
    if not isinstance(p, (int, np.integer)) or p < 1:
        R.raise_error(ValueError, "Mvlgamma", f"the 'p' must be a positive int, but got {p}.")
    if not isinstance(x, jax.core.Tracer) and bool(jnp.any(x <= (p - 1) / 2)):
        R.raise_error(ValueError, "Mvlgamma", "all elements of 'x' must be greater than (p-1)/2.")
    return jsp.multigammaln(x, p).astype(x.dtype)


def _bessel_j(v):
    # J_v(x) = 1/(2 pi) * integral over one period of cos(v t - x sin t): the trapezoidal rule on
    # 256 points is exact to float precision for |x| < ~200 (jax's bessel_jn is NaN near 0)
    t = np.linspace(0, 2 * np.pi, 256, endpoint=False)

    def f(x):
        tt = jnp.asarray(t, x.dtype)
        return jnp.mean(jnp.cos(v * tt - x[..., None] * jnp.sin(tt)), axis=-1)
    return f


_BESSEL = {"bessel_i0": jsp.i0, "bessel_i0e": jsp.i0e, "bessel_i1": jsp.i1, "bessel_i1e": jsp.i1e,
           "bessel_j0": _bessel_j(0), "bessel_j1": _bessel_j(1)}


def _bessel_op(name, fn):
    pname = "Bessel" + name[7:].upper().replace("E", "e")

    def impl(x):
        _need(pname, x, _is_float, "[Float16, Float32, Float64]", "x")
        return fn(x).astype(x.dtype)

    op(name)(impl)
    functional(lambda x, _n=name: call(_n, x), name=name)

    class _P(Primitive):
        def __init__(self, _p=pname):
            super().__init__(_p)

        def __call__(self, x, _n=name):
            return call(_n, x)

    _P.__name__ = _P.__qualname__ = pname
    primitive(_P)


for _n, _f in _BESSEL.items():
    _bessel_op(_n, _f)


@functional
def i0(input):
    return call("bessel_i0", input)


tensor_method("i0")(lambda self: call("bessel_i0", self))


# --- integer ops -------------------------------------------------------------------------------

def _int_pair(name, a, b, allowed=_INTS):
    def ok(x):
        return x.dtype.kind in "iu"
    _need(name, a, ok, allowed, "input")
    if is_array(b):
        _need(name, b, ok, allowed, "other")
    else:
        b = jnp.asarray(b, a.dtype)
    _bcast(name, a, b)
    return binary(a, b)


@op("gcd")
def _gcd(a, b):
    return jnp.gcd(*_int_pair("Gcd", a, b))


@op("lcm")
def _lcm(a, b):
    return jnp.lcm(*_int_pair("Lcm", a, b))


_SHIFT_INTS = "[Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64]"


@op("left_shift")
def _left_shift(a, b):
    return jnp.left_shift(*_int_pair("LeftShift", a, b, _SHIFT_INTS))


@op("right_shift")
def _right_shift(a, b):
    return jnp.right_shift(*_int_pair("RightShift", a, b, _SHIFT_INTS))


@op("population_count")
def _population_count(x):
    _need("PopulationCount", x, lambda a: a.dtype.kind in "iu", _SHIFT_INTS, "input_x")
    u = x.view(np.dtype(f"uint{x.dtype.itemsize * 8}"))
    return jax.lax.population_count(u).astype(np.uint8)


# --- float binary ops --------------------------------------------------------------------------

def _num_pair(name, a, b):
    a, b = _arr(a), _arr(b)
    _bcast(name, a, b)
    return binary(a, b)


@op("fmin")
def _fmin(a, b):
    return jnp.fmin(*_num_pair("Fmin", a, b))


@op("fmax")
def _fmax(a, b):
    return jnp.fmax(*_num_pair("Fmax", a, b))


@op("copysign")
def _copysign(a, b):
    a = to_float(_arr(a))
    b = jnp.asarray(b) if not is_array(b) else b
    _bcast("copysign", a, b)
    return jnp.copysign(a, b.astype(a.dtype))


@op("ldexp")
def _ldexp(x, other):
    x, other = _arr(x), _arr(other)
    _bcast("ldexp", x, other)
    x = to_float(x)
    return (x * jnp.power(jnp.asarray(2.0, x.dtype), other.astype(x.dtype))).astype(x.dtype)


@op("nextafter")
def _nextafter(a, b):
    a, b = _float_pair("NextAfter", a, b, ("x1", "x2"))
    return jnp.nextafter(a, b)


@op("mul_no_nan")
def _mul_no_nan(x, y):
    x, y = _num_pair("MulNoNan", x, y)
    return jnp.where(y == 0, jnp.zeros_like(x * y), x * y)


@op("approximate_equal")
def _approximate_equal(x, y, tolerance=1e-5):
    x, y = _num_pair("ApproximateEqual", x, y)
    return jnp.abs(x - y) < tolerance


@op("inv")
def _inv(x):
    x = _arr(x)
    if x.dtype.kind in "iu":
        return jnp.where(jnp.abs(x) == 1, x, 0).astype(x.dtype)  # integer 1 / x, truncated
    return jnp.reciprocal(x)


@op("eps")
def _eps(x):
    """The machine epsilon of x's dtype, in x's shape (MindSpore 2.10 CPU: float32 -> 1.1920929e-07)."""
    _need("Eps", x, lambda a: a.dtype.kind == "f", "[Float16, Float32, Float64]", "x")
    return jnp.full(x.shape, jnp.finfo(x.dtype).eps, x.dtype)


# --- complex -----------------------------------------------------------------------------------

@op("polar")
def _polar(r, theta):
    r, theta = _float_pair("Polar", r, theta, ("abs", "angle"))
    return jax.lax.complex(r * jnp.cos(theta), r * jnp.sin(theta))


@op("complex")
def _complex(re, im):
    re, im = _float_pair("Complex", re, im, ("real", "imag"))
    return jax.lax.complex(re, im)


@op("complex_abs")
def _complex_abs(x):
    _need("ComplexAbs", x, lambda a: a.dtype.kind == "c", "[Complex64, Complex128]", "x")
    return jnp.abs(x)


@op("isreal")
def _isreal(x):
    x = _arr(x)
    return jnp.imag(x) == 0 if x.dtype.kind == "c" else jnp.ones(x.shape, np.bool_)


@op("conjugate_transpose")
def _conjugate_transpose(x, perm):
    if len(perm) != x.ndim:
        R.raise_error(ValueError, "ConjugateTranspose", f"the length of 'perm' must equal the rank "
                      f"of x, but got perm {tuple(perm)} and x shape {list(x.shape)}.")
    return jnp.conj(jnp.transpose(x, perm))


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


# ================================ views ========================================================

def _simple(fname, opname, nargs=2):
    if nargs == 1:
        def f(input):
            return call(opname, input)
    else:
        def f(input, other):
            return call(opname, input, other)
    f.__name__ = fname
    functional(f, name=fname)
    return f


def _prim(pname, opname, nargs=2):
    class _P(Primitive):
        def __init__(self):
            super().__init__(pname)

        def __call__(self, *args):
            if len(args) != nargs:
                R.raise_error(TypeError, pname, f"expects {nargs} inputs, but got {len(args)}.")
            return call(opname, *args)

    _P.__name__ = _P.__qualname__ = pname
    primitive(_P)
    return _P


for _f, _p, _o in [("zeta", "Zeta", "zeta"), ("igamma", "Igamma", "igamma"),
                   ("igammac", "Igammac", "igammac"), ("gcd", "Gcd", "gcd"), ("lcm", "Lcm", "lcm"),
                   ("fmin", "Fmin", "fmin"), ("fmax", "Fmax", "fmax"),
                   ("nextafter", "NextAfter", "nextafter"), ("polar", "Polar", "polar"),
                   ("bitwise_left_shift", "LeftShift", "left_shift"),
                   ("bitwise_right_shift", "RightShift", "right_shift"),
                   ("copysign", None, "copysign"), ("ldexp", None, "ldexp")]:
    _fn = _simple(_f, _o)
    if _p:
        _prim(_p, _o)
    tensor_method(_f)(lambda self, other, _o=_o: call(_o, self, other))
for _n in ("gcd", "polar", "fmin", "fmax", "copysign", "ldexp", "nextafter", "bitwise_left_shift",
           "bitwise_right_shift"):
    mint(_n)(R.FUNCTIONAL[_n])
_prim("MulNoNan", "mul_no_nan")
_prim("Complex", "complex")
_prim("ComplexAbs", "complex_abs", 1)
_prim("Eps", "eps", 1)
_prim("PopulationCount", "population_count", 1)
_prim("Betainc", "betainc", 3)
_prim("SquareSumAll", "square_sum_all")
_prim("EqualCount", "equal_count")
_prim("TridiagonalMatMul", "tridiagonal_matmul", 4)
_prim("Geqrf", "geqrf", 1)
_prim("Orgqr", "orgqr", 2)
_prim("LuSolve", "lu_solve", 3)


@functional
def eps(x):
    return call("eps", x)


@functional
def population_count(input_x):
    return call("population_count", input_x)


@functional
def polygamma(n, input):
    return call("polygamma", n, input)


tensor_method("polygamma")(lambda self, n: call("polygamma", n, self))


@primitive
class Polygamma(Primitive):
    def __init__(self):
        super().__init__("Polygamma")

    def __call__(self, a, x):
        return call("polygamma", a, x)


@functional
def mvlgamma(input, p):
    return call("mvlgamma", input, p)


tensor_method("mvlgamma")(lambda self, p: call("mvlgamma", self, p))


@primitive
class Mvlgamma(Primitive):
    def __init__(self, p):
        super().__init__("Mvlgamma")
        self.p = p

    def __call__(self, x):
        return call("mvlgamma", x, self.p)


tensor_method("igamma")(lambda self, other: call("igamma", self, other))
tensor_method("igammac")(lambda self, other: call("igammac", self, other))


@primitive
class ApproximateEqual(Primitive):
    def __init__(self, tolerance=1e-05):
        super().__init__("ApproximateEqual")
        self.tolerance = tolerance

    def __call__(self, x, y):
        return call("approximate_equal", x, y, self.tolerance)


tensor_method("approximate_equal")(lambda self, other, tolerance=1e-05:
                                   call("approximate_equal", self, other, tolerance))


@functional
def floor_divide(input, other):
    return call("floor_div", input, other)


@functional
def floormod(x, y):
    return call("floor_mod", x, y)


@functional
def pows(input, exponent):
    return call("pow", input, exponent)


@functional
def tensor_muls(input, other):
    return call("mul", input, other)


@functional
def tensor_exp(input):
    return call("exp", input)


@functional
def tensor_expm1(input):
    return call("expm1", input)


@functional
def float_power_ext(input, exponent):
    return call("float_power", input, exponent)


@functional
def inv(x):
    return call("inv", x)


tensor_method("inv")(lambda self: call("inv", self))


@functional
def isreal(input):
    return call("isreal", input)


tensor_method("isreal")(lambda self: call("isreal", self))


@primitive
class ConjugateTranspose(Primitive):
    def __init__(self):
        super().__init__("ConjugateTranspose")

    def __call__(self, x, perm):
        return call("conjugate_transpose", x, tuple(perm))


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


# --- Tensor casts, views and in-place methods --------------------------------------------------

def _mh(self):
    x = R.unwrap(self)
    if x.ndim < 2:
        R.raise_error(ValueError, "mH", f"the input must be at least 2-D, but got shape {list(x.shape)}.")
    return R.wrap(jnp.conj(jnp.swapaxes(x, -1, -2)))


tensor_method("mH")(property(_mh))
tensor_method("adjoint")(_mh)
tensor_method("fills")(lambda self, value: R.wrap(jnp.full(R.unwrap(self).shape, R.unwrap(value),
                                                           R.unwrap(self).dtype)))


@functional
def tanh_(input):
    """In place: ``input`` takes tanh(input) (Tensor.tanh_ lives with the other in-place methods)."""
    return input.tanh_()


@functional
def erfinv_(input):
    return input.erfinv_()


# --- Bessel K and Y (integral representations, evaluated by fixed quadrature) -------------------

_KT = np.linspace(0.0, 12.0, 4097)
_KW = np.full(_KT.shape, _KT[1] - _KT[0])
_KW[0] = _KW[-1] = _KW[0] / 2
_GL_X, _GL_W = np.polynomial.legendre.leggauss(96)
_GL_T = (_GL_X + 1) * np.pi / 2
_GL_W = _GL_W * np.pi / 2


def _bessel_ke(v):
    """exp(x) K_v(x) = integral_0^inf exp(-x (cosh t - 1)) cosh(v t) dt (x > 0)."""
    def f(x):
        dt = x.dtype
        t = jnp.asarray(_KT, dt)
        xs = jnp.where(x > 0, x, 1)[..., None]
        val = jnp.sum(jnp.exp(-xs * (jnp.cosh(t) - 1)) * jnp.cosh(v * t) * jnp.asarray(_KW, dt), -1)
        return jnp.where(x > 0, val, jnp.where(x == 0, jnp.inf, jnp.nan)).astype(dt)
    return f


def _bessel_k(v):
    ke = _bessel_ke(v)
    return lambda x: ke(x) * jnp.exp(-x)


def _bessel_y(n):
    """Y_n(x) = 1/pi int_0^pi sin(x sin t - n t) dt
              - 1/pi int_0^inf (e^{nt} + (-1)^n e^{-nt}) e^{-x sinh t} dt."""
    def f(x):
        dt = x.dtype
        xs = jnp.where(x > 0, x, 1)[..., None]
        th = jnp.asarray(_GL_T, dt)
        a = jnp.sum(jnp.sin(xs * jnp.sin(th) - n * th) * jnp.asarray(_GL_W, dt), -1)
        t = jnp.asarray(_KT, dt)
        b = jnp.sum((jnp.exp(n * t) + (-1) ** n * jnp.exp(-n * t)) * jnp.exp(-xs * jnp.sinh(t))
                    * jnp.asarray(_KW, dt), -1)
        val = (a - b) / np.pi
        return jnp.where(x > 0, val, jnp.where(x == 0, -jnp.inf, jnp.nan)).astype(dt)
    return f


for _n, _f in {"bessel_k0": _bessel_k(0), "bessel_k0e": _bessel_ke(0), "bessel_k1": _bessel_k(1),
               "bessel_k1e": _bessel_ke(1), "bessel_y0": _bessel_y(0), "bessel_y1": _bessel_y(1)}.items():
    _bessel_op(_n, _f)


# --- scalar (Python number) arithmetic: ops.scalar_add ... --------------------------------------

def _num(name, *xs):
    for x in xs:
        if not isinstance(x, (int, float, bool, np.number)) and not is_array(x):
            R.raise_error(TypeError, name, f"the input must be a number, but got {type(x).__name__}.")


def _scalar_fn(name, fn):
    def f(*args):
        _num(name, *[R.unwrap(a) for a in args])
        return fn(*args)
    f.__name__ = name
    functional(f, name=name)


_SCALAR = {
    "scalar_add": lambda x, y: x + y, "scalar_sub": lambda x, y: x - y, "scalar_mul": lambda x, y: x * y,
    "scalar_div": lambda x, y: x / y, "scalar_floordiv": lambda x, y: x // y,
    "scalar_mod": lambda x, y: x % y, "scalar_pow": lambda x, y: x ** y,
    "scalar_eq": lambda x, y: x == y, "scalar_ne": lambda x, y: x != y, "scalar_lt": lambda x, y: x < y,
    "scalar_le": lambda x, y: x <= y, "scalar_gt": lambda x, y: x > y, "scalar_ge": lambda x, y: x >= y,
    "scalar_max": lambda x, y: max(x, y), "scalar_min": lambda x, y: min(x, y),
    "scalar_uadd": lambda x: +x, "scalar_usub": lambda x: -x,
    "scalar_log": lambda x: float(np.log(x)),
    "bool_and": lambda x, y: bool(x and y), "bool_or": lambda x, y: bool(x or y),
    "bool_eq": lambda x, y: x == y, "bool_not": lambda x: not x,
}
for _n, _f in _SCALAR.items():
    _scalar_fn(_n, _f)


def _scalar_cast(input_x, input_y):
    """``scalar_cast(x, mstype.int32)`` -> a Python int/float/bool."""
    dt = np.dtype(R.unwrap(input_y))
    if dt not in (np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)):
        R.raise_error(ValueError, "ScalarCast", f"the supported type is in the list: [mindspore.int64, "
                                                f"mindspore.float64, mindspore.bool], but got "
                                                f"{mstype.from_np(dt)}.")
    return bool(input_x) if dt == np.bool_ else (int(input_x) if dt.kind in "iu" else float(input_x))


functional(_scalar_cast, name="scalar_cast")


@primitive
class ScalarCast(Primitive):
    def __init__(self):
        super().__init__("ScalarCast")

    def __call__(self, input_x, input_y):
        return _scalar_cast(input_x, input_y)


@functional
def shape_mul(input_data):
    out = 1
    for s in input_data:
        out *= s
    return out


@functional
def tuple_div(x, y):
    if len(x) != len(y):
        R.raise_error(ValueError, "tuple_div", f"the two tuples must have the same length, but got "
                                               f"{x} and {y}.")
    return tuple(a // b for a, b in zip(x, y))


# --- small aliases and norms ---------------------------------------------------------------------

functional(lambda tensor: call("isnan", tensor), name="isnan_ext")
functional(lambda equation, *operands: call("einsum", equation, *operands), name="einsum_ext")
tensor_method("invert")(lambda self: call("bitwise_not", self))


@op("view_as_real")
def _view_as_real(x):
    if x.dtype.kind != "c":
        R.raise_error(TypeError, "view_as_real", f"the input must be a complex Tensor, but got "
                                                 f"{R.ms_dtype(x)}.")
    return jnp.stack([jnp.real(x), jnp.imag(x)], axis=-1)


functional(lambda input: call("view_as_real", input), name="view_as_real")


@op("tensor_range")
def _tensor_range(start, end, step):
    vals = [np.asarray(v) for v in (start, end, step)]
    dt = np.result_type(*vals)
    if float(vals[2]) == 0:
        R.raise_error(ValueError, "Range", "the 'step' can not be 0.")
    return jnp.arange(vals[0].item(), vals[1].item(), vals[2].item(), dtype=dt)


functional(lambda start, end, step: call("tensor_range", start, end, step), name="tensor_range")


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


@primitive
class LerpScalar(Primitive):
    def __init__(self):
        super().__init__("LerpScalar")

    def __call__(self, input, end, weight):
        return call("lerp", input, end, weight)


@primitive
class TypeAs(Primitive):
    def __init__(self):
        super().__init__("TypeAs")

    def __call__(self, input, other):
        return call("cast", input, other.dtype)


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


def _mint_equal(input, other):
    a, b = R.unwrap(input), R.unwrap(other)
    return a.shape == b.shape and bool(jnp.all(a == b))


mint("equal")(_mint_equal)
mint("not_equal")(lambda input, other: call("not_equal", input, other))


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
