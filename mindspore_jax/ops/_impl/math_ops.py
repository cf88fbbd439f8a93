"""Elementwise math: unary functions (exp, log, trig, erf, rounding...), a few binary/ternary
ops beyond Python's operators (atan2, xlogy, lerp, addcmul, clamp...), and predicates
(isnan, isclose...).

Each op is registered once; ``ops.exp``, ``P.Exp``, ``Tensor.exp`` and ``mint.exp`` are views.
Input dtype rules follow MindSpore 2.10 (CPU): most transcendental ops reject integer and bool
tensors with TypeError, while ``sqrt``/``reciprocal``/``exp2``/``sinc`` compute integers in Float32
and ``square``/``trunc``/``round``/``sign``/``neg`` keep the integer dtype.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import jax.scipy.special as jsp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import binary, is_array, scalar_to_array, to_float

_FLOAT_NAMES = "[Float16, Float32, Float64, BFloat16, Complex64, Complex128]"


def _is_floatish(dt):
    return dt.kind in "fc" or dt == jnp.bfloat16


def _tensor_in(name, x):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the input must be a Tensor, but got {type(x).__name__}.")
    return x


def _float_in(name, x):
    """Float-only ops: integer and bool tensors raise TypeError as in MindSpore."""
    _tensor_in(name, x)
    if not _is_floatish(x.dtype):
        R.raise_error(TypeError, name, f"the input must be a Tensor with dtype in {_FLOAT_NAMES}, "
                                       f"but got {R.ms_dtype(x)}.")
    return x


def _int_to_float(name, x):
    """Integer and bool tensors are computed in Float32 (MindSpore's sqrt, reciprocal...)."""
    return to_float(_tensor_in(name, x))


def _no_bool(name, x):
    _tensor_in(name, x)
    if x.dtype == np.bool_:
        R.raise_error(TypeError, name, "the input must not be a Bool Tensor, but got Bool.")
    return x


_POLICY = {"float": _float_in, "tofloat": _int_to_float, "nobool": _no_bool, "any": _tensor_in}


def _sign(x):
    # MindSpore's Sign maps NaN to 0
    s = jnp.sign(x)
    return jnp.where(jnp.isnan(x), jnp.zeros_like(s), s) if _is_floatish(x.dtype) else s


def _frac(x):
    if x.dtype == np.bool_:
        return jnp.zeros(x.shape, np.int64)
    if not _is_floatish(x.dtype):
        return jnp.zeros_like(x)
    return x - jnp.trunc(x)


def _isinf(x):
    return jnp.isinf(x) if _is_floatish(x.dtype) else jnp.zeros(x.shape, np.bool_)


def _isnan(x):
    return jnp.isnan(x) if _is_floatish(x.dtype) else jnp.zeros(x.shape, np.bool_)


def _isfinite(x):
    return jnp.isfinite(x) if _is_floatish(x.dtype) else jnp.ones(x.shape, np.bool_)


def _sgn(x):
    if x.dtype.kind == "c":
        a = jnp.abs(x)
        return jnp.where(a == 0, jnp.zeros_like(x), x / jnp.where(a == 0, 1, a).astype(x.dtype))
    return _sign(x)


def _angle(x):
    return jnp.angle(x).astype(jnp.real(x).dtype) if x.dtype.kind == "c" else jnp.angle(x).astype(x.dtype)


# name: (fn, policy, functional names, primitive names, tensor methods, mint names)
_UNARY = {
    "exp": (jnp.exp, "float", ["exp"], ["Exp"], ["exp"], ["exp"]),
    "expm1": (jnp.expm1, "float", ["expm1"], ["Expm1"], ["expm1"], ["expm1", "special.expm1"]),
    "exp2": (jnp.exp2, "tofloat", ["exp2"], [], ["exp2"], ["exp2", "special.exp2"]),
    "log": (jnp.log, "float", ["log"], ["Log"], ["log"], ["log"]),
    "log1p": (jnp.log1p, "float", ["log1p"], ["Log1p"], ["log1p"], ["log1p", "special.log1p"]),
    "log2": (jnp.log2, "float", ["log2"], [], ["log2"], ["log2"]),
    "log10": (jnp.log10, "float", ["log10"], [], ["log10"], ["log10"]),
    "sqrt": (jnp.sqrt, "tofloat", ["sqrt"], ["Sqrt"], ["sqrt"], ["sqrt"]),
    "rsqrt": (jax.lax.rsqrt, "float", ["rsqrt"], ["Rsqrt"], ["rsqrt"], ["rsqrt"]),
    "square": (jnp.square, "nobool", ["square"], ["Square"], ["square"], ["square"]),
    "reciprocal": (jnp.reciprocal, "tofloat", ["reciprocal"], ["Reciprocal", "Inv"],
                   ["reciprocal"], ["reciprocal"]),
    "sin": (jnp.sin, "float", ["sin"], ["Sin"], ["sin"], ["sin"]),
    "cos": (jnp.cos, "float", ["cos"], ["Cos"], ["cos"], ["cos"]),
    "tan": (jnp.tan, "float", ["tan"], ["Tan"], ["tan"], ["tan"]),
    "asin": (jnp.arcsin, "float", ["asin", "arcsin"], ["Asin"], ["asin", "arcsin"],
             ["asin", "arcsin"]),
    "acos": (jnp.arccos, "float", ["acos", "arccos"], ["ACos"], ["acos", "arccos"],
             ["acos", "arccos"]),
    "atan": (jnp.arctan, "float", ["atan", "arctan"], ["Atan"], ["atan", "arctan"],
             ["atan", "arctan"]),
    "sinh": (jnp.sinh, "float", ["sinh"], ["Sinh"], ["sinh"], ["sinh"]),
    "cosh": (jnp.cosh, "float", ["cosh"], ["Cosh"], ["cosh"], ["cosh"]),
    "tanh": (jnp.tanh, "float", ["tanh"], ["Tanh"], ["tanh"], ["tanh"]),
    "asinh": (jnp.arcsinh, "float", ["asinh", "arcsinh"], ["Asinh"], ["asinh", "arcsinh"],
              ["asinh", "arcsinh"]),
    "acosh": (jnp.arccosh, "float", ["acosh", "arccosh"], ["Acosh"], ["acosh", "arccosh"],
              ["acosh", "arccosh"]),
    "atanh": (jnp.arctanh, "float", ["atanh", "arctanh"], ["Atanh"], ["atanh", "arctanh"],
              ["atanh", "arctanh"]),
    "erf": (jsp.erf, "float", ["erf"], ["Erf"], ["erf"], ["erf"]),
    "erfc": (jsp.erfc, "float", ["erfc"], ["Erfc"], ["erfc"], ["erfc", "special.erfc"]),
    "erfinv": (jsp.erfinv, "float", ["erfinv"], ["Erfinv"], ["erfinv"], ["erfinv"]),
    "sigmoid": (jax.nn.sigmoid, "float", ["sigmoid"], ["Sigmoid"], ["sigmoid"], ["sigmoid"]),
    "floor": (jnp.floor, "float", ["floor"], ["Floor"], ["floor"], ["floor"]),
    "ceil": (jnp.ceil, "float", ["ceil"], ["Ceil"], ["ceil"], ["ceil"]),
    "trunc": (jnp.trunc, "any", ["trunc", "fix"], ["Trunc"], ["trunc", "fix"], ["trunc", "fix"]),
    "sign": (_sign, "nobool", ["sign"], ["Sign"], ["sign"], ["sign"]),
    "sgn": (_sgn, "nobool", ["sgn"], [], ["sgn"], []),
    "signbit": (jnp.signbit, "any", ["signbit"], [], ["signbit"], []),
    "frac": (_frac, "any", ["frac"], [], ["frac"], ["frac"]),
    "positive": (lambda x: x, "any", ["positive"], [], ["positive"], []),
    "rad2deg": (jnp.rad2deg, "float", ["rad2deg"], [], ["rad2deg"], []),
    "deg2rad": (jnp.deg2rad, "float", ["deg2rad"], [], ["deg2rad"], []),
    "isnan": (_isnan, "any", ["isnan"], ["IsNan"], ["isnan"], ["isnan"]),
    "isinf": (_isinf, "any", ["isinf"], ["IsInf"], ["isinf"], ["isinf"]),
    "isfinite": (_isfinite, "any", ["isfinite"], ["IsFinite"], ["isfinite"], ["isfinite"]),
    "isneginf": (lambda x: jnp.isneginf(x) if _is_floatish(x.dtype) else jnp.zeros(x.shape, bool),
                 "any", ["isneginf"], [], ["isneginf"], ["isneginf"]),
    "isposinf": (lambda x: jnp.isposinf(x) if _is_floatish(x.dtype) else jnp.zeros(x.shape, bool),
                 "any", ["isposinf"], [], ["isposinf"], []),
    "real": (jnp.real, "any", ["real"], ["Real"], ["real"], ["real"]),
    "imag": (jnp.imag, "any", ["imag"], ["Imag"], ["imag"], ["imag"]),
    "conj": (jnp.conj, "nobool", ["conj"], ["Conj"], ["conj"], []),
    "angle": (_angle, "float", ["angle"], ["Angle"], ["angle"], []),
    "sinc": (jnp.sinc, "tofloat", ["sinc"], ["Sinc"], ["sinc"], ["sinc", "special.sinc"]),
    "lgamma": (jsp.gammaln, "tofloat", ["lgamma"], ["Lgamma"], ["lgamma"], []),
    "digamma": (jsp.digamma, "float", ["digamma"], ["Digamma"], ["digamma"], []),
}


def _make_unary(name, fn, policy, prim_name):
    check = _POLICY[policy]

    def impl(x):
        return fn(check(prim_name, x))

    impl.__name__ = name
    impl.__doc__ = f"Elementwise {name}."
    op(name)(impl)


def _make_views(name, fnames, pnames, tnames, mnames):
    def f(input):
        return call(name, input)

    f.__name__ = fnames[0] if fnames else name
    f.__doc__ = f"``ops.{f.__name__}(input)``: elementwise {name} (see MindSpore docs)."
    for n in fnames:
        functional(f, name=n)
    for p in pnames:
        cls = type(p, (Primitive,), {
            "__init__": (lambda pn: lambda self: Primitive.__init__(self, pn))(p),
            "__call__": lambda self, x: call(name, x),
            "__doc__": f"``P.{p}()(x)``: elementwise {name}.",
        })
        primitive(cls)
        globals()[p] = cls
    if tnames:
        tensor_method(*tnames)(lambda self: call(name, self))
    if mnames:
        mint(*mnames)(f)
    return f


for _name, (_fn, _pol, _fn_names, _p_names, _t_names, _m_names) in _UNARY.items():
    _make_unary(_name, _fn, _pol, _p_names[0] if _p_names else _name)
    globals()[_fn_names[0]] = _make_views(_name, _fn_names, _p_names, _t_names, _m_names)


# --- rounding ---------------------------------------------------------------------------------

@op("round")
def _round(x, decimals=0):
    """Half to even (numpy/MindSpore); integer tensors are returned unchanged."""
    _no_bool("Round", x)
    if not _is_floatish(x.dtype):
        return x
    if not decimals:
        return jnp.round(x)
    return jnp.round(x, decimals)


@functional
def round(input, *, decimals=0):
    return call("round", input, decimals)


mint("round")(round)
mint("special.round")(lambda input, *, decimals=0: call("round", input, decimals))
tensor_method("round")(lambda self, decimals=0: call("round", self, decimals))


@primitive
class Round(Primitive):
    """``P.Round()(x, decimals=0)``."""

    def __init__(self):
        super().__init__("Round")

    def __call__(self, x, decimals=0):
        return call("round", x, decimals)


@primitive
class Rint(Primitive):
    def __init__(self):
        super().__init__("Rint")

    def __call__(self, x):
        return call("round", x)


# --- binary / ternary elementwise ---------------------------------------------------------------

def _arr(x):
    return x if is_array(x) else scalar_to_array(x)


def _float_pair(name, x, y):
    """Promotes like a binary op; integer results raise TypeError (float-only kernels)."""
    if not is_array(x) and not is_array(y):
        R.raise_error(TypeError, name, f"the inputs must be Tensors, but got {type(x).__name__} "
                                       f"and {type(y).__name__}.")
    x, y = binary(x, y)
    x, y = _arr(x), _arr(y)
    dt = jnp.result_type(x, y)
    if not _is_floatish(np.dtype(dt)):
        R.raise_error(TypeError, name, f"the dtype of the inputs must be float, but got "
                                       f"{R.ms_dtype(x)} and {R.ms_dtype(y)}.")
    return x, y


@op("atan2")
def _atan2(x, y):
    x, y = _float_pair("Atan2", x, y)
    return jnp.arctan2(x, y)


@op("xlogy")
def _xlogy(x, y):
    """``x * log(y)`` (MindSpore's CPU kernel: 0 * log(0) is nan, not 0)."""
    x, y = _float_pair("Xlogy", x, y)
    return x * jnp.log(y)


@op("xdivy")
def _xdivy(x, y):
    x, y = _float_pair("Xdivy", x, y)
    return jnp.where(x == 0, jnp.zeros_like(x / y), x / y)


@op("hypot")
def _hypot(x, y):
    x, y = binary(x, y)
    x, y = _arr(x), _arr(y)
    if jnp.result_type(x, y) not in (np.float32, np.float64):
        R.raise_error(TypeError, "Hypot", f"the inputs must be Float32 or Float64, but got "
                                          f"{R.ms_dtype(x)} and {R.ms_dtype(y)}.")
    return jnp.hypot(x, y)


@op("logaddexp")
def _logaddexp(x, y):
    x, y = _float_pair("logaddexp", x, y)
    return jnp.logaddexp(x, y)


@op("logaddexp2")
def _logaddexp2(x, y):
    x, y = _float_pair("logaddexp2", x, y)
    return jnp.logaddexp2(x, y)


@op("float_power")
def _float_power(x, y):
    """Always computed in Float64 (Complex128 for complex inputs), as in MindSpore."""
    x, y = _arr(x), _arr(y)
    dt = np.complex128 if (x.dtype.kind == "c" or y.dtype.kind == "c") else np.float64
    return jnp.power(x.astype(dt), y.astype(dt))


@op("squared_difference")
def _squared_difference(x, y):
    x, y = binary(x, y)
    d = _arr(x) - _arr(y)
    return d * d


@op("div_no_nan")
def _div_no_nan(x, y):
    """``x / y`` with 0 where ``y == 0``."""
    x, y = _float_pair("DivNoNan", x, y)
    safe = jnp.where(y == 0, jnp.ones_like(y), y)
    return jnp.where(y == 0, jnp.zeros_like(x / safe), x / safe)


@op("lerp")
def _lerp(start, end, weight):
    _float_in("Lerp", start)
    if is_array(end) and end.dtype != start.dtype:
        R.raise_error(TypeError, "Lerp", f"the input[tensors] elements should have same type, but got: "
                                         f"{R.ms_dtype(start)}, {R.ms_dtype(end)}.")
    start, end = binary(start, end)
    w = weight if is_array(weight) else jnp.asarray(weight, start.dtype)
    if w.dtype != start.dtype:
        w = w.astype(start.dtype)
    return start + w * (end - start)


@op("addcmul")
def _addcmul(x, t1, t2, value=1):
    """``x + value * t1 * t2``."""
    a, b = binary(t1, t2)
    v, p = binary(value, _arr(a) * _arr(b))
    x, r = binary(x, v * p)
    return _arr(x) + r


@op("addcdiv")
def _addcdiv(x, t1, t2, value=1):
    """``x + value * t1 / t2`` (true division)."""
    a, b = binary(t1, t2)
    q = jnp.true_divide(_arr(a), _arr(b))
    v, q = binary(value, q)
    x, r = binary(x, v * q)
    return _arr(x) + r


@op("clamp")
def _clamp(x, min=None, max=None):
    """``min(max(x, min), max)`` with MindSpore's promotion (an int tensor clamped to 2.5 gives
    Float32); when min > max every element becomes max."""
    _tensor_in("clamp", x)
    if min is None and max is None:
        R.raise_error(ValueError, "Clamp", "at least one of 'min' or 'max' must not be None.")
    if min is not None:
        x, mn = binary(x, min)
        x = jnp.maximum(x, mn)
    if max is not None:
        x, mx = binary(x, max)
        x = jnp.minimum(x, mx)
    return x


@op("clip_by_value")
def _clip_by_value(x, clip_value_min=None, clip_value_max=None):
    """Keeps ``x``'s dtype: the bounds are cast to it (an Int32 tensor clipped to 2.5 uses 2)."""
    if isinstance(x, (list, tuple)):
        return type(x)(_clip_by_value(i, clip_value_min, clip_value_max) for i in x)
    _tensor_in("clip_by_value", x)
    if clip_value_min is None and clip_value_max is None:
        R.raise_error(ValueError, "clip_by_value",
                      "at least one of 'clip_value_min' or 'clip_value_max' must not be None.")
    if clip_value_min is not None:
        x = jnp.maximum(x, jnp.asarray(clip_value_min).astype(x.dtype))
    if clip_value_max is not None:
        x = jnp.minimum(x, jnp.asarray(clip_value_max).astype(x.dtype))
    return x


@op("isclose")
def _isclose(x, y, rtol=1e-05, atol=1e-08, equal_nan=False):
    """``|x - y| <= atol + rtol * |y|``; both inputs must have the same dtype."""
    x, y = _arr(x), _arr(y)
    if x.dtype != y.dtype:
        R.raise_error(TypeError, "IsClose", f"the input type must be same, but got {R.ms_dtype(x)} "
                                            f"and {R.ms_dtype(y)}.")
    if not _is_floatish(x.dtype):
        return jnp.abs(x.astype(np.float64) - y) <= atol + rtol * jnp.abs(y.astype(np.float64))
    return jnp.isclose(x, y, rtol=rtol, atol=atol, equal_nan=equal_nan)


@op("allclose")
def _allclose(x, y, rtol=1e-05, atol=1e-08, equal_nan=False):
    """A Python bool eagerly (as MindSpore returns); a Bool tensor while tracing."""
    r = jnp.all(_isclose(x, y, rtol, atol, equal_nan))
    return r if isinstance(r, jax.core.Tracer) else bool(r)


@op("nan_to_num")
def _nan_to_num(x, nan=None, posinf=None, neginf=None):
    _float_in("NanToNum", x)
    return jnp.nan_to_num(x, nan=0.0 if nan is None else nan, posinf=posinf, neginf=neginf)


@op("logit")
def _logit(x, eps=None):
    _float_in("Logit", x)
    if eps is not None and eps >= 0:
        x = jnp.clip(x, eps, 1.0 - eps)
    return jnp.log(x / (1 - x))


@op("heaviside")
def _heaviside(x, values):
    x, values = binary(x, values)
    return jnp.heaviside(x, values)


# --- functional views of the binary ops ---------------------------------------------------------

def _fn2(name, opname):
    def f(input, other):
        return call(opname, input, other)

    f.__name__ = name
    f.__doc__ = f"``ops.{name}(input, other)``: elementwise, with broadcasting."
    functional(f, name=name)
    globals()[name] = f
    return f


for _names, _op in [(("atan2", "arctan2"), "atan2"), (("xlogy",), "xlogy"), (("xdivy",), "xdivy"),
                    (("hypot",), "hypot"), (("logaddexp",), "logaddexp"),
                    (("logaddexp2",), "logaddexp2"), (("float_power",), "float_power"),
                    (("squared_difference",), "squared_difference"),
                    (("div_no_nan",), "div_no_nan"), (("heaviside",), "heaviside")]:
    for _n in _names:
        _fn2(_n, _op)
    tensor_method(*_names)(lambda self, other, _o=_op: call(_o, self, other))

for _n in ("atan2", "arctan2", "xlogy", "logaddexp", "logaddexp2", "float_power"):
    mint(_n)(globals()[_n])
tensor_method("float_power")(lambda self, other: call("float_power", self, other))


@functional
def lerp(input, end, weight):
    return call("lerp", input, end, weight)


mint("lerp")(lerp)
tensor_method("lerp")(lambda self, end, weight: call("lerp", self, end, weight))


@functional
def addcmul(input, tensor1, tensor2, value=1):
    return call("addcmul", input, tensor1, tensor2, value)


@functional
def addcdiv(input, tensor1, tensor2, value=1):
    return call("addcdiv", input, tensor1, tensor2, value)


mint("addcmul")(lambda input, tensor1, tensor2, *, value=1: call("addcmul", input, tensor1, tensor2, value))
mint("addcdiv")(lambda input, tensor1, tensor2, *, value=1: call("addcdiv", input, tensor1, tensor2, value))
tensor_method("addcmul")(lambda self, tensor1, tensor2, value=1:
              call("addcmul", self, tensor1, tensor2, value))
tensor_method("addcdiv")(lambda self, tensor1, tensor2, value=1:
              call("addcdiv", self, tensor1, tensor2, value))


@functional
def clamp(input, min=None, max=None):
    return call("clamp", input, min, max)


clip = functional(clamp, name="clip")
mint("clamp", "clip")(clamp)
tensor_method("clamp")(lambda self, min=None, max=None: call("clamp", self, min, max))


@tensor_method("clip")
def _tensor_clip(self, min=None, max=None):
    """``Tensor.clip`` keeps an integer tensor's dtype for Python-number bounds (MindSpore 2.10)."""
    if isinstance(min, float) or isinstance(max, float):
        return call("clamp", self, min, max)
    return call("clip_by_value", self, min, max) if not (hasattr(min, "shape") or hasattr(max, "shape")) \
        else call("clamp", self, min, max)


@functional
def clip_by_value(x, clip_value_min=None, clip_value_max=None):
    return call("clip_by_value", x, clip_value_min, clip_value_max)


@functional
def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return call("isclose", input, other, rtol, atol, equal_nan)


mint("isclose")(isclose)
tensor_method("isclose")(lambda self, x2, rtol=1e-05, atol=1e-08, equal_nan=False:
                         call("isclose", self, x2, rtol, atol, equal_nan))


@functional
def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    return call("allclose", input, other, rtol, atol, equal_nan)


mint("allclose")(allclose)
tensor_method("allclose")(lambda self, other, rtol=1e-05, atol=1e-08, equal_nan=False:
                          call("allclose", self, other, rtol, atol, equal_nan))


@functional
def nan_to_num(input, nan=None, posinf=None, neginf=None):
    return call("nan_to_num", input, nan, posinf, neginf)


mint("nan_to_num")(nan_to_num)
tensor_method("nan_to_num")(lambda self, nan=None, posinf=None, neginf=None:
                            call("nan_to_num", self, nan, posinf, neginf))


@functional
def logit(input, eps=None):
    return call("logit", input, eps)


tensor_method("logit")(lambda self, eps=None: call("logit", self, eps))


# --- primitives --------------------------------------------------------------------------------

def _prim2(name, opname):
    cls = type(name, (Primitive,), {
        "__init__": lambda self: Primitive.__init__(self, name),
        "__call__": lambda self, x, y: call(opname, x, y),
        "__doc__": f"``P.{name}()(x, y)``",
    })
    primitive(cls)
    globals()[name] = cls


for _p, _op in [("Atan2", "atan2"), ("Xlogy", "xlogy"), ("Xdivy", "xdivy"), ("Hypot", "hypot"),
                ("SquaredDifference", "squared_difference"), ("DivNoNan", "div_no_nan"),
                ("Heaviside", "heaviside")]:
    _prim2(_p, _op)


@primitive
class Lerp(Primitive):
    def __init__(self):
        super().__init__("Lerp")

    def __call__(self, start, end, weight):
        return call("lerp", start, end, weight)


@primitive
class Addcmul(Primitive):
    def __init__(self):
        super().__init__("Addcmul")

    def __call__(self, input_data, x1, x2, value):
        return call("addcmul", input_data, x1, x2, value)


@primitive
class Addcdiv(Primitive):
    def __init__(self):
        super().__init__("Addcdiv")

    def __call__(self, input_data, x1, x2, value):
        return call("addcdiv", input_data, x1, x2, value)


@primitive
class IsClose(Primitive):
    def __init__(self, rtol=1e-05, atol=1e-08, equal_nan=False):
        super().__init__("IsClose")
        self.rtol, self.atol, self.equal_nan = rtol, atol, equal_nan

    def __call__(self, input, other):
        return call("isclose", input, other, self.rtol, self.atol, self.equal_nan)


@primitive
class NanToNum(Primitive):
    def __init__(self, nan=None, posinf=None, neginf=None):
        super().__init__("NanToNum")
        self.nan, self.posinf, self.neginf = nan, posinf, neginf

    def __call__(self, x):
        return call("nan_to_num", x, self.nan, self.posinf, self.neginf)


@primitive
class Logit(Primitive):
    def __init__(self, eps=-1.0):
        super().__init__("Logit")
        self.eps = eps

    def __call__(self, x):
        return call("logit", x, self.eps)


@primitive
class ClipByValue(Primitive):
    def __init__(self):
        super().__init__("ClipByValue")

    def __call__(self, x, clip_value_min, clip_value_max):
        return call("clip_by_value", x, clip_value_min, clip_value_max)
