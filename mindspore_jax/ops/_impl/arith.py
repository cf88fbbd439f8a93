"""Arithmetic, comparison, logical and bitwise binary ops: the ops behind Python's operators.

Each op is registered once; ``ops.add``, ``P.Add``, ``Tensor.add`` and ``Tensor.__add__`` are
views of it.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import binary, is_array, scalar_to_array, to_float


def _arr(x):
    return x if is_array(x) else scalar_to_array(x)


def _check_numeric(name, *xs):
    for x in xs:
        if isinstance(x, (str, bytes, type(None))) or (
                isinstance(x, (list, tuple)) and not x):
            R.raise_error(TypeError, name, f"the input must be a Tensor or a number, but got "
                                           f"{type(x).__name__}.")


# --- registry ---------------------------------------------------------------------------------

def _binary_op(name, fn, check_bool=False):
    def impl(x, y):
        _check_numeric(name, x, y)
        x, y = binary(x, y)
        return fn(_arr(x), _arr(y)) if not (is_array(x) or is_array(y)) else fn(x, y)

    impl.__name__ = name
    op(name)(impl)


_binary_op("add", jnp.add)
_binary_op("sub", jnp.subtract)
_binary_op("mul", jnp.multiply)
_binary_op("floor_div", jnp.floor_divide)
_binary_op("floor_mod", jnp.mod)
_binary_op("truncate_div", lambda a, b: jnp.trunc(a / b).astype(jnp.result_type(a, b))
           if jnp.result_type(a, b).kind == "f" else jnp.sign(a) * jnp.sign(b) * (abs(a) // abs(b)))
_binary_op("truncate_mod", jnp.fmod)
_binary_op("maximum", jnp.maximum)
_binary_op("minimum", jnp.minimum)
_binary_op("equal", jnp.equal)
_binary_op("not_equal", jnp.not_equal)
_binary_op("less", jnp.less)
_binary_op("less_equal", jnp.less_equal)
_binary_op("greater", jnp.greater)
_binary_op("greater_equal", jnp.greater_equal)
_binary_op("bitwise_and", jnp.bitwise_and)
_binary_op("bitwise_or", jnp.bitwise_or)
_binary_op("bitwise_xor", jnp.bitwise_xor)


@op("div")
def _div(x, y, rounding_mode=None):
    """True division: integer inputs give Float32, as in MindSpore."""
    _check_numeric("div", x, y)
    x, y = binary(x, y)
    if rounding_mode is None:
        x, y = to_float(x), (to_float(y) if is_array(y) else y)
        if is_array(y) and y.dtype != x.dtype:
            x, y = binary(x, y)
        return jnp.true_divide(x, y)
    if rounding_mode == "floor":
        return jnp.floor_divide(x, y)
    if rounding_mode == "trunc":
        q = jnp.true_divide(x, y)
        out = jnp.trunc(q)
        dt = jnp.result_type(x, y)
        return out.astype(dt) if dt.kind in "iu" else out
    R.raise_error(ValueError, "div", f"rounding_mode must be None, 'floor' or 'trunc', "
                                     f"got {rounding_mode!r}.")


@op("pow")
def _pow(x, y):
    x, y = binary(x, y)
    return jnp.power(_arr(x), y) if not is_array(x) else jnp.power(x, y)


@op("neg")
def _neg(x):
    return jnp.negative(x)


@op("abs")
def _abs(x):
    return jnp.abs(x)


@op("logical_and")
def _land(x, y):
    return jnp.logical_and(_arr(x), _arr(y))


@op("logical_or")
def _lor(x, y):
    return jnp.logical_or(_arr(x), _arr(y))


@op("logical_xor")
def _lxor(x, y):
    return jnp.logical_xor(_arr(x), _arr(y))


@op("logical_not")
def _lnot(x):
    return jnp.logical_not(x)


@op("bitwise_not")
def _bnot(x):
    return jnp.invert(x)


@op("matmul")
def _matmul(a, b, transpose_a=False, transpose_b=False):
    """``ops.matmul`` (numpy semantics, batched) and ``P.MatMul``'s transposes."""
    if transpose_a:
        a = jnp.swapaxes(a, -1, -2)
    if transpose_b:
        b = jnp.swapaxes(b, -1, -2)
    if a.ndim and b.ndim and a.shape[-1] != b.shape[0 if b.ndim == 1 else -2]:
        R.raise_error(ValueError, "MatMul",
                      f"the size of the contracted dims must match, but got x1 shape {list(a.shape)} "
                      f"and x2 shape {list(b.shape)}.")
    a, b = binary(a, b)
    return jnp.matmul(a, b)


@op("matmul_ext")
def _matmul_ext(a, b):
    """``ops.matmul`` / ``Tensor.matmul`` / ``@`` / ``mint.matmul``: MindSpore 2.10 runs these as
    MatMulExt, whose shape check raises RuntimeError (``P.MatMul`` raises ValueError)."""
    if is_array(a) and is_array(b) and a.ndim and b.ndim and \
            a.shape[-1] != b.shape[0 if b.ndim == 1 else -2]:
        raise RuntimeError(f"For 'MatMulExt' op, shape1[-1] must be equal to shape2[-2], but got "
                           f"{a.shape[-1]} and {b.shape[0 if b.ndim == 1 else -2]} (x1 shape "
                           f"{list(a.shape)}, x2 shape {list(b.shape)}).")
    return _matmul(a, b)


@op("cast")
def _cast(x, dtype):
    x = _arr(x)
    dt = np.dtype(dtype)
    return x if x.dtype == dt else x.astype(dt)


# --- functional views -------------------------------------------------------------------------

def _fn(name, opname, doc=None):
    def f(input, other):
        return call(opname, input, other)

    f.__name__ = name
    f.__doc__ = doc or f"``ops.{name}(input, other)``: elementwise, with broadcasting."
    functional(f, name=name)
    return f


add = _fn("add", "add")
sub = _fn("sub", "sub")
subtract = _fn("subtract", "sub")
mul = _fn("mul", "mul")
multiply = _fn("multiply", "mul")
floor_div = _fn("floor_div", "floor_div")
floordiv = _fn("floordiv", "floor_div")
floor_mod = _fn("floor_mod", "floor_mod")
remainder = _fn("remainder", "floor_mod")
truncate_div = _fn("truncate_div", "truncate_div")
truncate_mod = _fn("truncate_mod", "truncate_mod")
fmod = _fn("fmod", "truncate_mod")
maximum = _fn("maximum", "maximum")
minimum = _fn("minimum", "minimum")
equal = _fn("equal", "equal")
eq = _fn("eq", "equal")
not_equal = _fn("not_equal", "not_equal")
ne = _fn("ne", "not_equal")
less = _fn("less", "less")
lt = _fn("lt", "less")
less_equal = _fn("less_equal", "less_equal")
le = _fn("le", "less_equal")
greater = _fn("greater", "greater")
gt = _fn("gt", "greater")
greater_equal = _fn("greater_equal", "greater_equal")
ge = _fn("ge", "greater_equal")
bitwise_and = _fn("bitwise_and", "bitwise_and")
bitwise_or = _fn("bitwise_or", "bitwise_or")
bitwise_xor = _fn("bitwise_xor", "bitwise_xor")
logical_and = _fn("logical_and", "logical_and")
logical_or = _fn("logical_or", "logical_or")
logical_xor = _fn("logical_xor", "logical_xor")
tensor_add = _fn("tensor_add", "add")
tensor_sub = _fn("tensor_sub", "sub")
tensor_mul = _fn("tensor_mul", "mul")
tensor_div = _fn("tensor_div", "div")
tensor_floordiv = _fn("tensor_floordiv", "floor_div")
tensor_mod = _fn("tensor_mod", "floor_mod")
tensor_pow = _fn("tensor_pow", "pow")
tensor_gt = _fn("tensor_gt", "greater")
tensor_ge = _fn("tensor_ge", "greater_equal")
tensor_lt = _fn("tensor_lt", "less")
tensor_le = _fn("tensor_le", "less_equal")
scalar_add = _fn("scalar_add", "add")
scalar_mul = _fn("scalar_mul", "mul")
realdiv = _fn("realdiv", "div")


@functional
def div(input, other, *, rounding_mode=None):
    return call("div", input, other, rounding_mode=rounding_mode)


divide = functional(div, name="divide")
true_divide = functional(lambda input, other: call("div", input, other), name="true_divide")


@functional
def pow(input, exponent):
    return call("pow", input, exponent)


@functional
def neg(input):
    return call("neg", input)


negative = functional(neg, name="negative")


@functional
def abs(input):
    return call("abs", input)


absolute = functional(abs, name="absolute")


@functional
def logical_not(input):
    return call("logical_not", input)


@functional
def bitwise_not(input):
    return call("bitwise_not", input)


invert = functional(bitwise_not, name="invert")


@functional
def matmul(input, other):
    return call("matmul_ext", input, other)


@functional
def bmm(input, mat2):
    return call("matmul", input, mat2)


@functional
def cast(input, dtype):
    return call("cast", input, dtype)


# --- primitive views --------------------------------------------------------------------------

def _prim(name, opname):
    cls = type(name, (Primitive,), {
        "__init__": lambda self: Primitive.__init__(self, name),
        "__call__": lambda self, x, y: call(opname, x, y),
        "__doc__": f"``P.{name}()(x, y)``",
    })
    primitive(cls)
    return cls


Add = _prim("Add", "add")
TensorAdd = _prim("TensorAdd", "add")
AddV2 = _prim("AddV2", "add")
Sub = _prim("Sub", "sub")
Mul = _prim("Mul", "mul")
RealDiv = _prim("RealDiv", "div")
Div = _prim("Div", "div")
DivNoNan = None  # defined in math family
FloorDiv = _prim("FloorDiv", "floor_div")
FloorMod = _prim("FloorMod", "floor_mod")
Mod = _prim("Mod", "truncate_mod")
TruncateDiv = _prim("TruncateDiv", "truncate_div")
TruncateMod = _prim("TruncateMod", "truncate_mod")
Pow = _prim("Pow", "pow")
Maximum = _prim("Maximum", "maximum")
Minimum = _prim("Minimum", "minimum")
Equal = _prim("Equal", "equal")
NotEqual = _prim("NotEqual", "not_equal")
Less = _prim("Less", "less")
LessEqual = _prim("LessEqual", "less_equal")
Greater = _prim("Greater", "greater")
GreaterEqual = _prim("GreaterEqual", "greater_equal")
LogicalAnd = _prim("LogicalAnd", "logical_and")
LogicalOr = _prim("LogicalOr", "logical_or")
LogicalXor = _prim("LogicalXor", "logical_xor")
BitwiseAnd = _prim("BitwiseAnd", "bitwise_and")
BitwiseOr = _prim("BitwiseOr", "bitwise_or")
BitwiseXor = _prim("BitwiseXor", "bitwise_xor")
del DivNoNan


def _uprim(name, opname):
    cls = type(name, (Primitive,), {
        "__init__": lambda self: Primitive.__init__(self, name),
        "__call__": lambda self, x: call(opname, x),
    })
    primitive(cls)
    return cls


Neg = _uprim("Neg", "neg")
Abs = _uprim("Abs", "abs")
LogicalNot = _uprim("LogicalNot", "logical_not")
Invert = _uprim("Invert", "bitwise_not")


@primitive
class MatMul(Primitive):
    """``P.MatMul(transpose_a=False, transpose_b=False)(x, y)`` on 2-D inputs."""

    def __init__(self, transpose_a=False, transpose_b=False):
        super().__init__("MatMul")
        self.transpose_a, self.transpose_b = transpose_a, transpose_b

    def __call__(self, x, y):
        if x.ndim != 2 or y.ndim != 2:
            R.raise_error(ValueError, "MatMul",
                          f"the input must be 2-D, but got x shape {list(x.shape)} and y shape "
                          f"{list(y.shape)}.")
        return call("matmul", x, y, self.transpose_a, self.transpose_b)


@primitive
class BatchMatMul(MatMul):
    """``P.BatchMatMul(transpose_a=False, transpose_b=False)(x, y)``."""

    def __init__(self, transpose_a=False, transpose_b=False):
        Primitive.__init__(self, "BatchMatMul")
        self.transpose_a, self.transpose_b = transpose_a, transpose_b

    def __call__(self, x, y):
        return call("matmul", x, y, self.transpose_a, self.transpose_b)


@primitive
class Cast(Primitive):
    """``P.Cast()(x, dtype)``."""

    def __init__(self):
        super().__init__("Cast")

    def __call__(self, x, dtype):
        return call("cast", x, dtype)


# --- Tensor methods and operators ---------------------------------------------------------------

def _m(opname):
    return lambda self, other: call(opname, self, other)


def _r(opname):
    return lambda self, other: call(opname, other, self)


for _names, _op in [
    (("add", "__add__"), "add"), (("sub", "subtract", "__sub__"), "sub"),
    (("mul", "multiply", "__mul__"), "mul"), (("__truediv__", "true_divide"), "div"),
    (("floor_divide", "__floordiv__"), "floor_div"), (("remainder", "__mod__"), "floor_mod"),
    (("fmod",), "truncate_mod"), (("__pow__", "pow", "power"), "pow"),
    (("maximum",), "maximum"), (("minimum",), "minimum"),
    (("eq", "__eq__", "equal"), "equal"), (("ne", "__ne__", "not_equal"), "not_equal"),
    (("lt", "__lt__", "less"), "less"), (("le", "__le__", "less_equal"), "less_equal"),
    (("gt", "__gt__", "greater"), "greater"), (("ge", "__ge__", "greater_equal"), "greater_equal"),
    (("__and__", "bitwise_and"), "bitwise_and"), (("__or__", "bitwise_or"), "bitwise_or"),
    (("__xor__", "bitwise_xor"), "bitwise_xor"), (("logical_and",), "logical_and"),
    (("logical_or",), "logical_or"), (("logical_xor",), "logical_xor"),
    (("__matmul__", "matmul"), "matmul_ext"),
]:
    tensor_method(*_names)(_m(_op))

for _names, _op in [
    (("__radd__",), "add"), (("__rsub__",), "sub"), (("__rmul__",), "mul"),
    (("__rtruediv__",), "div"), (("__rfloordiv__",), "floor_div"), (("__rmod__",), "floor_mod"),
    (("__rpow__",), "pow"), (("__rand__",), "bitwise_and"), (("__ror__",), "bitwise_or"),
    (("__rxor__",), "bitwise_xor"), (("__rmatmul__",), "matmul_ext"),
]:
    tensor_method(*_names)(_r(_op))

tensor_method("__neg__", "neg", "negative")(lambda self: call("neg", self))
tensor_method("__abs__", "abs", "absolute")(lambda self: call("abs", self))
tensor_method("__pos__")(lambda self: self)
tensor_method("__invert__", "bitwise_not")(
    lambda self: call("logical_not", self) if self.dtype.np_dtype == np.bool_ else call("bitwise_not", self))
tensor_method("logical_not")(lambda self: call("logical_not", self))
tensor_method("div", "divide")(
    lambda self, value, *, rounding_mode=None: call("div", self, value, rounding_mode=rounding_mode))
tensor_method("bmm")(lambda self, mat2: call("matmul", self, mat2))


# --- mint views ----------------------------------------------------------------------------------

def _mint_binary(name, opname):
    def f(input, other, *, alpha=1):
        if alpha != 1:
            other = call("mul", other, alpha)
        return call(opname, input, other)

    f.__name__ = name
    R.mint(name)(f)


_mint_binary("add", "add")
_mint_binary("sub", "sub")
for _n, _o in [("mul", "mul"), ("eq", "equal"), ("ne", "not_equal"), ("lt", "less"),
               ("le", "less_equal"), ("gt", "greater"), ("ge", "greater_equal"),
               ("greater", "greater"), ("greater_equal", "greater_equal"), ("less", "less"),
               ("less_equal", "less_equal"), ("maximum", "maximum"), ("minimum", "minimum"),
               ("remainder", "floor_mod"), ("fmod", "truncate_mod"), ("pow", "pow"),
               ("floor_divide", "floor_div"), ("logical_and", "logical_and"),
               ("logical_or", "logical_or"), ("logical_xor", "logical_xor"),
               ("bitwise_and", "bitwise_and"), ("bitwise_or", "bitwise_or"),
               ("bitwise_xor", "bitwise_xor"), ("matmul", "matmul_ext"), ("bmm", "matmul")]:
    R.mint(_n)((lambda op_: lambda input, other: call(op_, input, other))(_o))
R.mint("div", "divide")(lambda input, other, *, rounding_mode=None:
                        call("div", input, other, rounding_mode=rounding_mode))
R.mint("neg", "negative")(lambda input: call("neg", input))
R.mint("abs")(lambda input: call("abs", input))
R.mint("logical_not")(lambda input: call("logical_not", input))
R.mint("bitwise_not")(lambda input: call("bitwise_not", input))
