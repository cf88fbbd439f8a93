"""Tensor creation ops: zeros/ones/full/arange/linspace/logspace/eye/range/empty and their views."""

from __future__ import annotations

import builtins
import math
import numbers

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._array_common import _F32, _I64, _simple_prim, np_dtype, shape_arg, static_int, static_value
from ._promote import is_array


def _scalar_dtype(v):
    """MindSpore's dtype for a lone Python scalar (bool -> Bool, int -> Int64, float -> Float32)."""
    if is_array(v):
        return v.dtype
    if isinstance(v, (bool, np.bool_)):
        return np.dtype(np.bool_)
    if isinstance(v, (numbers.Integral, np.integer)):
        return _I64
    if isinstance(v, complex):
        return np.dtype(np.complex64)
    return _F32


# --- creation ----------------------------------------------------------------------------------


@op("zeros")
def _zeros(shape, dtype=None):
    return jnp.zeros(shape_arg("Zeros", shape), np_dtype(dtype, _F32))


@op("ones")
def _ones(shape, dtype=None):
    return jnp.ones(shape_arg("Ones", shape), np_dtype(dtype, _F32))


@op("full")
def _full(shape, value, dtype=None):
    shape = shape_arg("Full", shape)
    if dtype is None:
        dtype = _scalar_dtype(value)
    dt = np_dtype(dtype)
    value = jnp.asarray(value)
    if dt.kind in "iu" and value.dtype.kind == "f":
        value = jnp.trunc(value)
    return jnp.full(shape, value.astype(dt), dt)


@op("zeros_like")
def _zeros_like(x, dtype=None):
    return jnp.zeros(x.shape, np_dtype(dtype, x.dtype))


@op("ones_like")
def _ones_like(x, dtype=None):
    return jnp.ones(x.shape, np_dtype(dtype, x.dtype))


@op("full_like")
def _full_like(x, value, dtype=None):
    return _full(x.shape, value, np_dtype(dtype, x.dtype))


@op("arange")
def _arange(start=0, end=None, step=1, dtype=None):
    """Integer arguments give Int64, any float argument Float32 (MindSpore's rule)."""
    start, end, step = (
        static_value("arange", n, v) for n, v in (("start", start), ("end", end), ("step", step))
    )
    if end is None:
        start, end = 0, start
    if step == 0:
        R.raise_error(ValueError, "arange", "the 'step' can not be 0.")
    if (end - start) * step < 0:
        R.raise_error(
            ValueError,
            "arange",
            f"the 'step' must point from 'start' ({start}) toward 'end' ({end}), but got step {step}.",
        )
    if dtype is None:
        isint = all(isinstance(v, (numbers.Integral, np.integer)) for v in (start, end, step))
        dtype = _I64 if isint else _F32
    dt = np_dtype(dtype)
    n = builtins.max(int(math.ceil((end - start) / step)), 0)
    return (
        (start + step * np.arange(n, dtype=np.float64 if dt.kind == "f" else np.int64)).astype(dt)
        if n
        else jnp.zeros((0,), dt)
    )


@op("linspace")
def _linspace(start, end, steps, dtype=None):
    start, end = static_value("LinSpace", "start", start), static_value("LinSpace", "end", end)
    steps = static_int("LinSpace", "steps", steps)
    if steps < 1:
        R.raise_error(ValueError, "LinSpace", f"the 'steps' must be positive, but got {steps}.")
    return jnp.linspace(start, end, steps, dtype=np_dtype(dtype, _F32))


@op("logspace")
def _logspace(start, end, steps, base=10, dtype=None):
    steps = static_int("LogSpace", "steps", steps)
    start, end = static_value("LogSpace", "start", start), static_value("LogSpace", "end", end)
    return jnp.logspace(start, end, steps, base=base).astype(np_dtype(dtype, _F32))


@op("eye")
def _eye(n, m=None, dtype=None):
    n = static_int("Eye", "n", n)
    m = n if m is None else static_int("Eye", "m", m)
    if n < 0 or m < 0:
        R.raise_error(ValueError, "Eye", f"the 'n' and 'm' must be non-negative, but got n={n}, m={m}.")
    return jnp.eye(n, m, dtype=np_dtype(dtype, _F32))


@op("range")
def _range(start, limit, delta):
    """``ops.range``/``P.Range``: dtype of the (tensor) arguments, Int64 for Python ints."""
    dts = [v.dtype for v in (start, limit, delta) if is_array(v)]
    s, lim, d = (
        static_value("Range", n, v) for n, v in (("start", start), ("limit", limit), ("delta", delta))
    )
    if d == 0:
        R.raise_error(ValueError, "Range", "the 'delta' can not be 0.")
    if (lim - s) * d < 0:
        R.raise_error(
            ValueError,
            "Range",
            f"delta cannot be {'positive' if d > 0 else 'negative'} when "
            f"limit {'<' if d > 0 else '>'} start.",
        )
    dt = jnp.result_type(*dts) if dts else _scalar_dtype(s if isinstance(s, float) else d)
    n = builtins.max(int(math.ceil((lim - s) / d)), 0)
    if np.dtype(dt).kind == "f":  # MindSpore accumulates in the tensor dtype
        return jnp.asarray(np.asarray(s, dt) + np.arange(n, dtype=dt) * np.asarray(d, dt))
    return jnp.asarray(s + d * np.arange(n), dt)


@op("tuple_to_array")
def _tuple_to_array(x):
    """Python ints -> Int32 (not Int64), floats -> Float32."""
    x = static_value("TupleToArray", "input_x", x)
    if not isinstance(x, (tuple, list)) or not x:
        R.raise_error(
            TypeError, "TupleToArray", f"the 'input_x' must be a non-empty tuple, but got {type(x).__name__}."
        )
    arr = np.asarray(x)
    if arr.dtype.kind in "iu":
        arr = arr.astype(np.int32)
    elif arr.dtype.kind == "f":
        arr = arr.astype(np.float32)
    return jnp.asarray(arr)


@op("scalar_to_tensor")
def _scalar_to_tensor(x, dtype=None):
    x = static_value("ScalarToTensor", "input_x", x)
    if not isinstance(x, (numbers.Number, np.generic)):
        R.raise_error(
            TypeError, "ScalarToTensor", f"the 'input_x' must be a number, but got {type(x).__name__}."
        )
    return jnp.asarray(x, np_dtype(dtype, _F32))


@functional
def zeros(size, dtype=None):
    return call("zeros", size, dtype)


@functional
def ones(shape, dtype=None):
    return call("ones", shape, dtype)


@functional
def zeros_like(input, *, dtype=None):
    return call("zeros_like", input, dtype)


@functional
def ones_like(input, *, dtype=None):
    return call("ones_like", input, dtype)


@functional
def full(size, fill_value, *, dtype=None):
    """Without ``dtype`` the result is Int64 whatever ``fill_value`` is (MindSpore 2.10's default)."""
    return call("full", size, fill_value, mstype.int64 if dtype is None else dtype)


@functional
def full_like(input, fill_value, *, dtype=None):
    return call("full_like", input, fill_value, dtype)


@functional
def fill(type, shape, value):
    return call("full", shape, value, type)


@functional
def fills(x, value):
    return call("full_like", x, value)


@functional
def arange(start=0, end=None, step=1, *, dtype=None):
    return call("arange", start, end, step, dtype)


@functional
def linspace(start, end, steps):
    return call("linspace", start, end, steps)


@functional
def logspace(start, end, steps, base=10, *, dtype=mstype.float32):
    return call("logspace", start, end, steps, base, dtype)


@functional
def eye(n, m=None, dtype=None):
    return call("eye", n, m, dtype)


@functional
def range(start, end, step, maxlen=1000000):
    return call("range", start, end, step)


@functional
def tuple_to_array(input_x):
    return call("tuple_to_array", input_x)


@functional
def scalar_to_tensor(input_x, dtype=mstype.float32):
    return call("scalar_to_tensor", input_x, dtype)


scalar_to_array = functional(
    lambda input_x: (
        call("scalar_to_tensor", input_x, None)
        if not isinstance(input_x, int)
        else call("scalar_to_tensor", input_x, _I64)
    ),
    name="scalar_to_array",
)


@functional
def empty(*size, dtype=None, device=None):
    """Zero-filled: JAX has no uninitialised memory and zeros are a valid 'empty'."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    return call("zeros", tuple(size), dtype)


@functional
def empty_like(input, *, dtype=None, device=None):
    return call("zeros_like", input, dtype)


def _size_args(size):
    return size[0] if len(size) == 1 and isinstance(size[0], (tuple, list)) else size


mint("zeros")(lambda size, *, dtype=None: call("zeros", size, dtype))
mint("ones")(lambda size, *, dtype=None: call("ones", size, dtype))
mint("zeros_like")(lambda input, *, dtype=None: call("zeros_like", input, dtype))
mint("ones_like")(lambda input, *, dtype=None: call("ones_like", input, dtype))
mint("full")(lambda size, fill_value, *, dtype=None: call("full", size, fill_value, dtype))
mint("full_like")(lambda input, fill_value, *, dtype=None: call("full_like", input, fill_value, dtype))
mint("arange")(lambda start=0, end=None, step=1, *, dtype=None: call("arange", start, end, step, dtype))
mint("linspace")(lambda start, end, steps, *, dtype=None: call("linspace", start, end, steps, dtype))
mint("eye")(lambda n, m=None, dtype=None: call("eye", n, m, dtype))
mint("empty")(lambda *size, dtype=None, device=None: call("zeros", tuple(_size_args(size)), dtype))
mint("empty_like")(lambda input, *, dtype=None, device=None: call("zeros_like", input, dtype))


Zeros = _simple_prim("Zeros", lambda size, type=None: call("zeros", size, type))
Ones = _simple_prim("Ones", lambda size, type=None: call("ones", size, type))
ZerosLike = _simple_prim("ZerosLike", lambda x: call("zeros_like", x))
OnesLike = _simple_prim("OnesLike", lambda x: call("ones_like", x))
Fill = _simple_prim("Fill", lambda type, shape, value: call("full", shape, value, type))
Fills = _simple_prim("Fills", lambda x, value: call("full_like", x, value))
Eye = _simple_prim("Eye", lambda n, m, t: call("eye", n, m, t))
LinSpace = _simple_prim("LinSpace", lambda start, stop, num: call("linspace", start, stop, num))
TupleToArray = _simple_prim("TupleToArray", lambda x: call("tuple_to_array", x))
ScalarToTensor = _simple_prim(
    "ScalarToTensor", lambda x, dtype=mstype.float32: call("scalar_to_tensor", x, dtype)
)


@primitive
class Range(Primitive):
    """``P.Range(maxlen=1000000)(start, limit, delta)``."""

    def __init__(self, maxlen=1000000):
        super().__init__("Range")
        self.maxlen = maxlen

    def __call__(self, start, limit, delta):
        return call("range", start, limit, delta)


tensor_method("new_zeros")(lambda self, size, dtype=None: call("zeros", size, dtype or self.dtype))
tensor_method("new_ones")(lambda self, size, dtype=None: call("ones", size, dtype or self.dtype))
tensor_method("new_full")(
    lambda self, size, fill_value, dtype=None: call("full", size, fill_value, dtype or self.dtype)
)
tensor_method("new_empty")(
    lambda self, size, dtype=None, device=None: call("zeros", size, dtype or self.dtype)
)
