"""Special functions: zeta, igamma/igammac, polygamma, betainc, mvlgamma, Bessel I/J/K/Y."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.special as jsp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive, tensor_method
from ..primitive import Primitive
from ._math_common import _F32_64, _float_pair, _is_float, _need, _prim, _simple

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


for _f, _p, _o in [("zeta", "Zeta", "zeta"), ("igamma", "Igamma", "igamma"),
                   ("igammac", "Igammac", "igammac")]:
    _fn = _simple(_f, _o)
    if _p:
        _prim(_p, _o)
    tensor_method(_f)(lambda self, other, _o=_o: call(_o, self, other))
_prim("Betainc", "betainc", 3)


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
