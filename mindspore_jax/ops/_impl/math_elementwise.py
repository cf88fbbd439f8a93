"""Elementwise math: gcd/lcm/shifts/popcount, fmin/fmax/copysign/ldexp, complex, small aliases."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._math_common import _arr, _bcast, _float_pair, _need, _prim, _simple
from ._promote import binary, is_array, to_float

_INTS = "[Int16, Int32, Int64]"


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
for _f, _p, _o in [("gcd", "Gcd", "gcd"), ("lcm", "Lcm", "lcm"),
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


@functional
def eps(x):
    return call("eps", x)


@functional
def population_count(input_x):
    return call("population_count", input_x)


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


def _mint_equal(input, other):
    a, b = R.unwrap(input), R.unwrap(other)
    return a.shape == b.shape and bool(jnp.all(a == b))


mint("equal")(_mint_equal)
mint("not_equal")(lambda input, other: call("not_equal", input, other))
