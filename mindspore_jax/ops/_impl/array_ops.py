"""Tensor creation and shape manipulation: zeros/ones/arange/eye..., reshape/transpose/concat/split...

Each op is registered once over jax arrays; ``ops.xxx``, ``P.Xxx``, ``Tensor.xxx`` and ``mint.xxx``
are views. Shapes and axes are static (Python ints) as in a compiled MindSpore graph; a Tensor
given where a shape is expected must hold a concrete value.
"""

from __future__ import annotations

import builtins
import math
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array

_F32 = np.dtype(np.float32)
_I64 = np.dtype(np.int64)


# --- argument helpers (shared with index_ops / random_ops) -----------------------------------


def static_value(name, argname, v):
    """A concrete Python value of ``v`` (Tensors must be known, not traced)."""
    if isinstance(v, jax.core.Tracer):
        R.raise_error(
            ValueError,
            name,
            f"the '{argname}' must be a constant while the network is "
            f"being compiled, but got a variable Tensor.",
        )
    if is_array(v):
        a = np.asarray(v)
        return a.item() if a.ndim == 0 else a.tolist()
    return v


def static_int(name, argname, v):
    v = static_value(name, argname, v)
    if isinstance(v, bool) or not isinstance(v, (numbers.Integral, np.integer)):
        R.raise_error(TypeError, name, f"the '{argname}' must be an int, but got {type(v).__name__}.")
    return int(v)


def shape_arg(name, shape, argname="shape", allow_neg=False):
    """Normalises an int / tuple / list / Tensor shape to a tuple of ints."""
    shape = static_value(name, argname, shape)
    if isinstance(shape, (numbers.Integral, np.integer)) and not isinstance(shape, bool):
        shape = (int(shape),)
    if not isinstance(shape, (tuple, list)):
        R.raise_error(
            TypeError, name, f"the '{argname}' must be a tuple, list or int, but got {type(shape).__name__}."
        )
    out = []
    for i, s in enumerate(shape):
        s = static_value(name, argname, s)
        if isinstance(s, bool) or not isinstance(s, (numbers.Integral, np.integer)):
            R.raise_error(
                TypeError,
                name,
                f"the elements of '{argname}' must be int, but got {type(s).__name__} at index {i}.",
            )
        if s < 0 and not (allow_neg and s == -1):
            R.raise_error(
                ValueError,
                name,
                f"the {i}th dimension of '{argname}' must be greater than or equal to 0, but got {s}.",
            )
        out.append(int(s))
    return tuple(out)


def norm_axis(name, axis, ndim, argname="axis"):
    """Checks ``axis`` in [-ndim, ndim) and returns it non-negative."""
    axis = static_value(name, argname, axis)
    if isinstance(axis, bool) or not isinstance(axis, (numbers.Integral, np.integer)):
        R.raise_error(TypeError, name, f"the '{argname}' must be an int, but got {type(axis).__name__}.")
    lo, hi = -builtins.max(ndim, 1), builtins.max(ndim, 1)
    if not lo <= axis < hi:
        R.raise_error(ValueError, name, f"the '{argname}' must be in range [{lo}, {hi}), but got {axis}.")
    return int(axis) % builtins.max(ndim, 1)


def norm_axes(name, axes, ndim, argname="axis"):
    axes = static_value(name, argname, axes)
    if isinstance(axes, (numbers.Integral, np.integer)):
        axes = (axes,)
    return tuple(norm_axis(name, a, ndim, argname) for a in axes)


def np_dtype(dtype, default=None):
    if dtype is None:
        return default
    return mstype.to_np(dtype) if isinstance(dtype, mstype.Type) else np.dtype(dtype)


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


def _as_array(x):
    if is_array(x):
        return x
    from ._promote import scalar_to_array

    return scalar_to_array(x) if not isinstance(x, (list, tuple)) else jnp.asarray(np.asarray(x))


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


def _simple_prim(name, fn, doc=None):
    cls = type(
        name,
        (Primitive,),
        {
            "__init__": lambda self: Primitive.__init__(self, name),
            "__call__": lambda self, *a: fn(*a),
            "__doc__": doc or f"``P.{name}()``",
        },
    )
    primitive(cls)
    return cls


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


# --- shape manipulation ------------------------------------------------------------------------


@op("reshape")
def _reshape(x, shape):
    shape = shape_arg("Reshape", shape, "shape", allow_neg=True)
    if shape.count(-1) > 1:
        R.raise_error(
            ValueError, "Reshape", f"only one dimension of 'shape' can be -1, but got {list(shape)}."
        )
    known = math.prod(s for s in shape if s != -1)
    if (-1 in shape and (known == 0 or x.size % known)) or (-1 not in shape and known != x.size):
        R.raise_error(
            ValueError,
            "Reshape",
            f"the product of the 'input_x' shape {list(x.shape)} (size "
            f"{x.size}) must equal the product of 'shape' {list(shape)}.",
        )
    return jnp.reshape(x, shape)


@op("transpose")
def _transpose(x, perm=None):
    if perm is None:
        return jnp.transpose(x)
    perm = static_value("Transpose", "input_perm", perm)
    if isinstance(perm, int):
        perm = (perm,)
    perm = tuple(perm)
    if len(perm) != x.ndim:
        R.raise_error(
            ValueError,
            "Transpose",
            f"the length of 'input_perm' {perm} must equal the rank of 'input_x' shape {list(x.shape)}.",
        )
    p = norm_axes("Transpose", perm, x.ndim, "input_perm")
    if len(set(p)) != len(p):
        R.raise_error(ValueError, "Transpose", f"the 'input_perm' must be a permutation, but got {perm}.")
    return jnp.transpose(x, p)


@op("swapaxes")
def _swapaxes(x, a, b):
    return jnp.swapaxes(
        x, norm_axis("SwapAxes", a, x.ndim, "axis0"), norm_axis("SwapAxes", b, x.ndim, "axis1")
    )


@op("moveaxis")
def _moveaxis(x, source, destination):
    s = norm_axes("MoveAxis", source, x.ndim, "source")
    d = norm_axes("MoveAxis", destination, x.ndim, "destination")
    if len(s) != len(d):
        R.raise_error(
            ValueError,
            "MoveAxis",
            f"the 'source' {source} and 'destination' {destination} must have the same length.",
        )
    return jnp.moveaxis(x, s, d)


@op("expand_dims")
def _expand_dims(x, axis):
    axis = static_int("ExpandDims", "axis", axis)
    if not -x.ndim - 1 <= axis <= x.ndim:
        R.raise_error(
            ValueError,
            "ExpandDims",
            f"the 'axis' must be in range [{-x.ndim - 1}, {x.ndim}], but got {axis}.",
        )
    return jnp.expand_dims(x, axis)


@op("squeeze")
def _squeeze(x, axis=None, strict=False):
    """``strict``: P.Squeeze raises on a non-1 dim; ops.squeeze leaves it (torch semantics)."""
    if axis is None or axis == ():
        return jnp.squeeze(x)
    axes = norm_axes("Squeeze", axis, x.ndim)
    bad = [a for a in axes if x.shape[a] != 1]
    if bad and strict:
        R.raise_error(
            ValueError, "Squeeze", f"the dimension {bad[0]} of 'input_x' shape {list(x.shape)} must be 1."
        )
    axes = tuple(a for a in axes if x.shape[a] == 1)
    return jnp.squeeze(x, axes) if axes else x


@op("flatten")
def _flatten(x, start_dim=1, end_dim=-1):
    if x.ndim <= 1:  # MindSpore: 0-D -> (1,), 1-D unchanged whatever start_dim
        return jnp.reshape(x, (-1,))
    s = norm_axis("Flatten", start_dim, x.ndim, "start_dim")
    e = norm_axis("Flatten", end_dim, x.ndim, "end_dim")
    if s > e:
        R.raise_error(
            ValueError, "Flatten", f"the 'start_dim' ({start_dim}) must not come after 'end_dim' ({end_dim})."
        )
    return jnp.reshape(x, x.shape[:s] + (math.prod(x.shape[s : e + 1]),) + x.shape[e + 1 :])


def _check_same_rank(name, xs, axis_may_equal_rank=False):
    if not xs:
        R.raise_error(ValueError, name, "the input tensors must not be empty.")
    r = xs[0].ndim
    for x in xs[1:]:
        if x.ndim != r:
            R.raise_error(
                ValueError,
                name,
                f"all input tensors must have the same rank, but got shapes {[list(t.shape) for t in xs]}.",
            )


def _tensors(name, xs):
    if is_array(xs):
        return [xs[i] for i in builtins.range(xs.shape[0])]
    if not isinstance(xs, (list, tuple)):
        R.raise_error(
            TypeError, name, f"the 'tensors' must be a tuple or list of Tensors, but got {type(xs).__name__}."
        )
    return [_as_array(x) for x in xs]


@op("concat")
def _concat(tensors, axis=0):
    xs = _tensors("Concat", tensors)
    _check_same_rank("Concat", xs)
    ax = norm_axis("Concat", axis, xs[0].ndim)
    for x in xs[1:]:
        if x.shape[:ax] + x.shape[ax + 1 :] != xs[0].shape[:ax] + xs[0].shape[ax + 1 :]:
            R.raise_error(
                ValueError,
                "Concat",
                f"the shapes of the inputs must match except on axis {axis}, "
                f"but got {[list(t.shape) for t in xs]}.",
            )
    return jnp.concatenate(xs, axis=ax)


@op("stack")
def _stack(tensors, axis=0):
    xs = _tensors("Stack", tensors)
    if any(x.shape != xs[0].shape for x in xs):
        R.raise_error(
            ValueError, "Stack", f"all input shapes must be the same, but got {[list(t.shape) for t in xs]}."
        )
    ax = static_int("Stack", "axis", axis)
    if not -xs[0].ndim - 1 <= ax <= xs[0].ndim:
        R.raise_error(
            ValueError,
            "Stack",
            f"the 'axis' must be in range [{-xs[0].ndim - 1}, {xs[0].ndim}], but got {ax}.",
        )
    return jnp.stack(xs, axis=ax)


@op("unstack")
def _unstack(x, axis=0):
    ax = norm_axis("Unstack", axis, x.ndim)
    return tuple(jnp.moveaxis(x, ax, 0))


def _split_at(x, ax, sizes):
    out, start = [], 0
    for s in sizes:
        out.append(jax.lax.slice_in_dim(x, start, start + s, axis=ax))
        start += s
    return tuple(out)


@op("split")
def _split(x, split_size_or_sections, axis=0):
    """int: chunks of that size (the last smaller); list: the section sizes."""
    ax = norm_axis("Split", axis, x.ndim)
    n = x.shape[ax]
    sec = static_value("Split", "split_size_or_sections", split_size_or_sections)
    if isinstance(sec, (numbers.Integral, np.integer)) and not isinstance(sec, bool):
        if sec <= 0:
            R.raise_error(
                ValueError, "Split", f"the 'split_size_or_sections' must be positive, but got {sec}."
            )
        sizes = [sec] * (n // sec) + ([n % sec] if n % sec else [])
    elif isinstance(sec, (list, tuple)):
        sizes = [int(s) for s in sec]
        if builtins.sum(sizes) != n:
            R.raise_error(
                ValueError,
                "Split",
                f"the sum of 'split_size_or_sections' should be equal to {n}, but got {builtins.sum(sizes)}.",
            )
    else:
        R.raise_error(
            TypeError,
            "Split",
            f"the 'split_size_or_sections' must be int, tuple or list, but got {type(sec).__name__}.",
        )
    return _split_at(x, ax, sizes)


@op("split_equal")
def _split_equal(x, axis=0, output_num=1):
    ax = norm_axis("Split", axis, x.ndim)
    if output_num <= 0 or x.shape[ax] % output_num:
        R.raise_error(
            ValueError,
            "Split",
            f"x_shape[{ax}] must be divisible by output_num = {output_num}, but got {x.shape[ax]}.",
        )
    return _split_at(x, ax, [x.shape[ax] // output_num] * output_num)


@op("chunk")
def _chunk(x, chunks, axis=0):
    chunks = static_int("Chunk", "chunks", chunks)
    if chunks <= 0:
        R.raise_error(ValueError, "Chunk", f"the 'chunks' must be positive, but got {chunks}.")
    ax = norm_axis("Chunk", axis, x.ndim)
    n = x.shape[ax]
    size = -(-n // chunks) if n else 1
    return _split(x, size, ax) if n else (x,)


@op("tensor_split")
def _tensor_split(x, indices_or_sections, axis=0):
    ax = norm_axis("TensorSplit", axis, x.ndim)
    ios = static_value("TensorSplit", "indices_or_sections", indices_or_sections)
    if isinstance(ios, (list, tuple)):
        return tuple(jnp.split(x, [int(i) for i in ios], axis=ax))
    return tuple(jnp.array_split(x, int(ios), axis=ax))


@op("tile")
def _tile(x, dims):
    dims = shape_arg("Tile", dims, "dims")
    return jnp.tile(x, dims)


@op("repeat_interleave")
def _repeat_interleave(x, repeats, axis=None):
    repeats = static_value("RepeatInterleave", "repeats", repeats)
    if axis is None:
        return jnp.repeat(jnp.ravel(x), np.asarray(repeats))
    ax = norm_axis("RepeatInterleave", axis, x.ndim)
    if isinstance(repeats, list) and len(repeats) == 1:
        repeats = repeats[0]
    return jnp.repeat(x, np.asarray(repeats), axis=ax)


@op("broadcast_to")
def _broadcast_to(x, shape):
    shape = shape_arg("BroadcastTo", shape, allow_neg=True)
    if len(shape) < x.ndim:
        R.raise_error(
            ValueError,
            "BroadcastTo",
            f"the rank of the target shape {list(shape)} must be at least "
            f"the rank of x_shape {list(x.shape)}.",
        )
    lead = len(shape) - x.ndim
    tgt = []
    for i, s in enumerate(shape):
        xd = x.shape[i - lead] if i >= lead else None
        if s == -1:
            if xd is None:
                R.raise_error(
                    ValueError,
                    "BroadcastTo",
                    f"-1 is not allowed in a leading dimension of the target shape {list(shape)}.",
                )
            s = xd
        if xd is not None and xd != s and xd != 1:
            R.raise_error(
                ValueError,
                "BroadcastTo",
                f"in order to broadcast, each dimension pair must be equal "
                f"or input dimension is 1 or target dimension is -1. But "
                f"got x_shape: {tuple(x.shape)}, target shape: {shape}.",
            )
        tgt.append(s)
    return jnp.broadcast_to(x, tuple(tgt))


@op("flip")
def _flip(x, dims):
    return jnp.flip(x, norm_axes("Flip", dims, x.ndim, "dims"))


@op("roll")
def _roll(x, shifts, dims=None):
    shifts = static_value("Roll", "shifts", shifts)
    if dims is None:
        return jnp.roll(x, shifts if isinstance(shifts, int) else tuple(shifts))
    d = norm_axes("Roll", dims, x.ndim, "dims")
    s = (shifts,) if isinstance(shifts, int) else tuple(shifts)
    if len(s) != len(d):
        R.raise_error(
            ValueError, "Roll", f"the 'shifts' {shifts} and 'dims' {dims} must have the same length."
        )
    return jnp.roll(x, s, d)


@op("narrow")
def _narrow(x, axis, start, length):
    ax = norm_axis("Narrow", axis, x.ndim)
    start, length = static_int("Narrow", "start", start), static_int("Narrow", "length", length)
    n = x.shape[ax]
    if start < 0:
        start += n
    if not (0 <= start <= n and 0 <= length and start + length <= n):
        R.raise_error(
            ValueError,
            "Narrow",
            f"start {start} + length {length} exceeds dimension size {n} of axis {axis}.",
        )
    return jax.lax.slice_in_dim(x, start, start + length, axis=ax)


@op("slice")
def _slice(x, begin, size):
    begin = shape_arg("Slice", begin, "begin")
    size = shape_arg("Slice", size, "size", allow_neg=True)
    if len(begin) != x.ndim or len(size) != x.ndim:
        R.raise_error(
            ValueError,
            "Slice",
            f"the length of 'begin' {list(begin)} and 'size' {list(size)} must "
            f"equal the rank of 'input_x' shape {list(x.shape)}.",
        )
    end = []
    for b, s, n in zip(begin, size, x.shape):
        e = n if s == -1 else b + s
        if b > n or e > n:
            R.raise_error(
                ValueError,
                "Slice",
                f"'begin' {list(begin)} + 'size' {list(size)} exceeds the 'input_x' shape {list(x.shape)}.",
            )
        end.append(e)
    return jax.lax.slice(x, begin, tuple(end))


@op("strided_slice")
def _strided_slice(
    x, begin, end, strides, begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0, shrink_axis_mask=0
):
    """TensorFlow-style strided slice with bit masks, lowered to Python indexing."""
    begin, end, strides = (
        static_value("StridedSlice", n, v) for n, v in (("begin", begin), ("end", end), ("strides", strides))
    )
    begin, end, strides = (tuple(v) if isinstance(v, (list, tuple)) else (v,) for v in (begin, end, strides))
    if not len(begin) == len(end) == len(strides):
        R.raise_error(
            ValueError,
            "StridedSlice",
            f"the 'begin' {begin}, 'end' {end} and 'strides' {strides} must have the same length.",
        )
    if 0 in strides:
        R.raise_error(ValueError, "StridedSlice", f"the 'strides' can not contain 0, but got {strides}.")
    idx = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if ellipsis_mask & bit:
            idx.append(Ellipsis)
        elif new_axis_mask & bit:
            idx.append(None)
        elif shrink_axis_mask & bit:
            idx.append(int(b))
        else:
            idx.append(
                builtins.slice(
                    None if begin_mask & bit else int(b), None if end_mask & bit else int(e), int(s)
                )
            )
    return x[tuple(idx)]


@op("identity")
def _identity(x):
    return jnp.asarray(x)


@op("meshgrid")
def _meshgrid(inputs, indexing="xy"):
    if indexing not in ("xy", "ij"):
        R.raise_error(ValueError, "Meshgrid", f"the 'indexing' must be 'xy' or 'ij', but got {indexing!r}.")
    for t in inputs:
        if t.ndim != 1:
            R.raise_error(ValueError, "Meshgrid", f"each input must be 1-D, but got shape {list(t.shape)}.")
    return tuple(jnp.meshgrid(*inputs, indexing=indexing))


@op("diag_embed")
def _diag_embed(x, offset=0, dim1=-2, dim2=-1):
    n = x.shape[-1] + builtins.abs(offset)
    out_nd = x.ndim + 1
    d1, d2 = norm_axis("DiagEmbed", dim1, out_nd, "dim1"), norm_axis("DiagEmbed", dim2, out_nd, "dim2")
    if d1 == d2:
        R.raise_error(
            ValueError, "DiagEmbed", f"the 'dim1' and 'dim2' must differ, but got {dim1} and {dim2}."
        )
    m = jnp.zeros(x.shape[:-1] + (n, n), x.dtype)
    i = np.arange(x.shape[-1])
    r, c = (i, i + offset) if offset >= 0 else (i - offset, i)
    m = m.at[..., r, c].set(x)
    rest = [a for a in builtins.range(out_nd) if a not in (d1, d2)]
    perm = [0] * out_nd
    for src, dst in zip(builtins.range(out_nd - 2), rest):
        perm[dst] = src
    perm[d1], perm[d2] = out_nd - 2, out_nd - 1
    return jnp.transpose(m, perm)


@op("reverse_sequence")
def _reverse_sequence(x, seq_lengths, seq_dim, batch_dim=0):
    sd = norm_axis("ReverseSequence", seq_dim, x.ndim, "seq_dim")
    bd = norm_axis("ReverseSequence", batch_dim, x.ndim, "batch_dim")
    n = x.shape[sd]
    pos = jnp.arange(n)
    lens = seq_lengths.astype(jnp.int32)
    idx = jnp.where(pos[None, :] < lens[:, None], lens[:, None] - 1 - pos[None, :], pos[None, :])  # (B, n)
    shape = [1] * x.ndim
    shape[bd], shape[sd] = x.shape[bd], n
    idx = jnp.reshape(idx if bd < sd else idx.T, shape)
    return jnp.take_along_axis(x, jnp.broadcast_to(idx, x.shape), axis=sd)


@op("atleast_nd")
def _atleast(inputs, n):
    fn = {1: jnp.atleast_1d, 2: jnp.atleast_2d, 3: jnp.atleast_3d}[n]
    if is_array(inputs):
        return fn(inputs)
    return tuple(fn(t) for t in inputs)


@op("hstack")
def _hstack(xs):
    return jnp.hstack(_tensors("hstack", xs))


@op("vstack")
def _vstack(xs):
    return jnp.vstack(_tensors("vstack", xs))


@op("dstack")
def _dstack(xs):
    return jnp.dstack(_tensors("dstack", xs))


@op("column_stack")
def _column_stack(xs):
    return jnp.column_stack(_tensors("column_stack", xs))


@op("rot90")
def _rot90(x, k=1, dims=(0, 1)):
    return jnp.rot90(x, k, axes=norm_axes("Rot90", dims, x.ndim, "dims"))


# --- functional views --------------------------------------------------------------------------


@functional
def reshape(input, shape):
    return call("reshape", input, shape)


@functional
def transpose(input, input_perm):
    return call("transpose", input, input_perm)


@functional
def permute(input, axis):
    return call("transpose", input, axis)


@functional
def swapaxes(input, axis0, axis1):
    return call("swapaxes", input, axis0, axis1)


@functional
def swapdims(input, dim0, dim1):
    return call("swapaxes", input, dim0, dim1)


@functional
def moveaxis(x, source, destination):
    return call("moveaxis", x, source, destination)


movedim = functional(moveaxis, name="movedim")


@functional
def expand_dims(input_x, axis):
    return call("expand_dims", input_x, axis)


@functional
def unsqueeze(input, dim):
    return call("expand_dims", input, dim)


@functional
def squeeze(input, axis=None):
    return call("squeeze", input, axis)


@functional
def flatten(input, order="C", *, start_dim=1, end_dim=-1):
    """``ops.flatten`` keeps dim 0 by default (``Tensor.flatten`` does not)."""
    _check_order("flatten", order)
    return call("flatten", input, start_dim, end_dim)


def _check_order(name, order):
    if order not in ("C", "F"):
        R.raise_error(ValueError, name, f"the 'order' must be 'C' or 'F', but got {order!r}.")


@functional
def ravel(input):
    return call("reshape", input, (-1,))


@functional
def concat(tensors, axis=0):
    return call("concat", tensors, axis)


cat = functional(concat, name="cat")


@functional
def stack(tensors, axis=0):
    return call("stack", tensors, axis)


@functional
def unstack(input_x, axis=0):
    return call("unstack", input_x, axis)


@functional
def unbind(input, dim=0):
    return call("unstack", input, dim)


@functional
def split(tensor, split_size_or_sections, axis=0):
    return call("split", tensor, split_size_or_sections, axis)


@functional
def chunk(input, chunks, axis=0):
    return call("chunk", input, chunks, axis)


@functional
def tensor_split(input, indices_or_sections, axis=0):
    return call("tensor_split", input, indices_or_sections, axis)


functional(
    lambda input, indices_or_sections: call(
        "tensor_split", input, indices_or_sections, 1 if input.ndim > 1 else 0
    ),
    name="hsplit",
)
functional(
    lambda input, indices_or_sections: call("tensor_split", input, indices_or_sections, 0), name="vsplit"
)
functional(
    lambda input, indices_or_sections: call("tensor_split", input, indices_or_sections, 2), name="dsplit"
)


@functional
def tile(input, dims):
    return call("tile", input, dims)


@functional
def repeat_elements(x, rep, axis=0):
    return call("repeat_interleave", x, rep, axis)


@functional
def repeat_interleave(input, repeats, axis=None):
    return call("repeat_interleave", input, repeats, axis)


@functional
def broadcast_to(input, shape):
    return call("broadcast_to", input, shape)


@functional
def expand(input_x, size):
    return call("broadcast_to", input_x, size)


@functional
def flip(input, dims):
    return call("flip", input, dims)


functional(lambda input: call("flip", input, (-1,)), name="fliplr")
functional(lambda input: call("flip", input, (0,)), name="flipud")


@functional
def reverse(x, axis):
    return call("flip", x, axis)


@functional
def roll(input, shifts, dims=None):
    return call("roll", input, shifts, dims)


@functional
def narrow(input, axis, start, length):
    return call("narrow", input, axis, start, length)


@functional
def slice(input_x, begin, size):
    return call("slice", input_x, begin, size)


@functional
def strided_slice(
    input_x,
    begin,
    end,
    strides,
    begin_mask=0,
    end_mask=0,
    ellipsis_mask=0,
    new_axis_mask=0,
    shrink_axis_mask=0,
):
    return call(
        "strided_slice",
        input_x,
        begin,
        end,
        strides,
        begin_mask,
        end_mask,
        ellipsis_mask,
        new_axis_mask,
        shrink_axis_mask,
    )


def _tensor_arg(name, x):
    from ...common.tensor import Tensor

    if not isinstance(x, Tensor):
        R.raise_error(TypeError, name, f"the 'input_x' must be a Tensor, but got {type(x).__name__}.")
    return x


@functional
def shape(input_x):
    """A tuple of Python ints: shapes are static in compiled code."""
    return tuple(_tensor_arg("Shape", input_x)._data.shape)


@functional
def rank(input_x):
    return _tensor_arg("Rank", input_x)._data.ndim


@functional
def size(input_x):
    return int(_tensor_arg("Size", input_x)._data.size)


@functional
def dtype(input_x):
    return _tensor_arg("DType", input_x).dtype


@functional
def numel(input):
    return int(_tensor_arg("numel", input)._data.size)


@functional
def identity(input):
    return call("identity", input)


@functional
def meshgrid(*inputs, indexing="xy"):
    if len(inputs) == 1 and isinstance(inputs[0], (tuple, list)):
        inputs = inputs[0]
    return call("meshgrid", tuple(inputs), indexing)


@functional
def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    return call("diag_embed", input, offset, dim1, dim2)


@functional
def reverse_sequence(x, seq_lengths, seq_dim, batch_dim=0):
    return call("reverse_sequence", x, seq_lengths, seq_dim, batch_dim)


functional(lambda inputs: call("atleast_nd", inputs, 1), name="atleast_1d")
functional(lambda inputs: call("atleast_nd", inputs, 2), name="atleast_2d")
functional(lambda inputs: call("atleast_nd", inputs, 3), name="atleast_3d")
functional(lambda tensors: call("hstack", tensors), name="hstack")
functional(lambda inputs: call("vstack", inputs), name="vstack")
functional(lambda inputs: call("vstack", inputs), name="row_stack")
functional(lambda tensors: call("dstack", tensors), name="dstack")
functional(lambda tensors: call("column_stack", tensors), name="column_stack")
functional(lambda input, k, dims: call("rot90", input, k, dims), name="rot90")


# --- primitive views ---------------------------------------------------------------------------

Reshape = _simple_prim("Reshape", lambda x, shape: call("reshape", x, shape))
Transpose = _simple_prim("Transpose", lambda x, perm: call("transpose", x, perm))
ExpandDims = _simple_prim("ExpandDims", lambda x, axis: call("expand_dims", x, axis))
Tile = _simple_prim("Tile", lambda x, multiples: call("tile", x, multiples))
Slice = _simple_prim("Slice", lambda x, begin, size: call("slice", x, begin, size))
Identity = _simple_prim("Identity", lambda x: call("identity", x))
Flatten = _simple_prim("Flatten", lambda x: call("flatten", x, 1, -1) if x.ndim > 1 else call("identity", x))
Shape = _simple_prim("Shape", lambda x: shape(x))
TensorShape = _simple_prim("TensorShape", lambda x: R.wrap(np.asarray(shape(x), np.int64)))
DynamicShape = _simple_prim("DynamicShape", lambda x: TensorShape()(x))
Rank = _simple_prim("Rank", lambda x: rank(x))
Size = _simple_prim("Size", lambda x: size(x))
DType = _simple_prim("DType", lambda x: dtype(x))


def _init_attrs(name, **attrs):
    def __init__(self, *args, **kwargs):
        Primitive.__init__(self, name)
        keys = list(attrs)
        vals = dict(attrs)
        for k, v in zip(keys, args):
            vals[k] = v
        vals.update(kwargs)
        for k, v in vals.items():
            setattr(self, k, v)
            self.attrs[k] = v

    return __init__


def _attr_prim(name, attrs, fn, doc=None):
    cls = type(
        name,
        (Primitive,),
        {"__init__": _init_attrs(name, **attrs), "__call__": fn, "__doc__": doc or f"``P.{name}``"},
    )
    primitive(cls)
    return cls


# MindSpore 2.10 (CPU, both modes) leaves a non-1 axis as it is instead of raising as documented
Squeeze = _attr_prim("Squeeze", {"axis": ()}, lambda self, x: call("squeeze", x, self.axis, False))
Concat = _attr_prim("Concat", {"axis": 0}, lambda self, xs: call("concat", xs, self.axis))
Stack = _attr_prim("Stack", {"axis": 0}, lambda self, xs: call("stack", xs, self.axis))
Pack = _attr_prim("Pack", {"axis": 0}, lambda self, xs: call("stack", xs, self.axis))
Unstack = _attr_prim("Unstack", {"axis": 0, "num": None}, lambda self, x: call("unstack", x, self.axis))
Unpack = _attr_prim("Unpack", {"axis": 0}, lambda self, x: call("unstack", x, self.axis))
Split = _attr_prim(
    "Split", {"axis": 0, "output_num": 1}, lambda self, x: call("split_equal", x, self.axis, self.output_num)
)
SplitV = _attr_prim(
    "SplitV",
    {"size_splits": None, "split_dim": 0, "num_split": 1},
    lambda self, x: call("split", x, list(self.size_splits), self.split_dim),
)
BroadcastTo = _attr_prim("BroadcastTo", {"shape": ()}, lambda self, x: call("broadcast_to", x, self.shape))
ReverseV2 = _attr_prim("ReverseV2", {"axis": ()}, lambda self, x: call("flip", x, self.axis))
Roll = _attr_prim(
    "Roll", {"shifts": 0, "dims": None}, lambda self, x: call("roll", x, self.shifts, self.dims)
)
Meshgrid = _attr_prim(
    "Meshgrid", {"indexing": "xy"}, lambda self, xs: call("meshgrid", tuple(xs), self.indexing)
)
ReverseSequence = _attr_prim(
    "ReverseSequence",
    {"seq_dim": 0, "batch_dim": 0},
    lambda self, x, seq_lengths: call("reverse_sequence", x, seq_lengths, self.seq_dim, self.batch_dim),
)
StridedSlice = _attr_prim(
    "StridedSlice",
    {"begin_mask": 0, "end_mask": 0, "ellipsis_mask": 0, "new_axis_mask": 0, "shrink_axis_mask": 0},
    lambda self, x, begin, end, strides: call(
        "strided_slice",
        x,
        begin,
        end,
        strides,
        self.begin_mask,
        self.end_mask,
        self.ellipsis_mask,
        self.new_axis_mask,
        self.shrink_axis_mask,
    ),
)


# --- Tensor methods ----------------------------------------------------------------------------


def _varargs(args):
    """``t.view(2, 3)`` and ``t.view((2, 3))`` both work."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        return tuple(args[0])
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)) and args[0] is not None:
        return args[0]
    return tuple(args)


def _view(self, *shape):
    if len(shape) == 1 and isinstance(shape[0], mstype.Type):
        dt = mstype.to_np(shape[0])
        a = self._data
        if a.dtype.itemsize != dt.itemsize:
            return call("reshape", jax.lax.bitcast_convert_type(a, dt), a.shape[:-1] + (-1,))
        from ...common.tensor import Tensor

        return Tensor._wrap(jax.lax.bitcast_convert_type(a, dt))
    return call("reshape", self, _varargs(shape))


tensor_method("reshape")(lambda self, *shape: call("reshape", self, _varargs(shape)))
tensor_method("view")(_view)
tensor_method("view_as")(lambda self, other: call("reshape", self, other.shape))
tensor_method("transpose")(lambda self, *axes: call("transpose", self, _varargs(axes) if axes else None))
tensor_method("permute")(lambda self, *axis: call("transpose", self, _varargs(axis)))
tensor_method("swapaxes")(lambda self, axis0, axis1: call("swapaxes", self, axis0, axis1))
tensor_method("swapdims")(lambda self, dim0, dim1: call("swapaxes", self, dim0, dim1))
tensor_method("moveaxis", "movedim")(
    lambda self, source, destination: call("moveaxis", self, source, destination)
)
tensor_method("expand_dims")(lambda self, axis: call("expand_dims", self, axis))
tensor_method("unsqueeze")(lambda self, dim: call("expand_dims", self, dim))
tensor_method("squeeze")(lambda self, *axis: call("squeeze", self, _varargs(axis) if axis else None))
tensor_method("flatten")(
    lambda self, order="C", *, start_dim=0, end_dim=-1: call("flatten", self, start_dim, end_dim)
)
tensor_method("ravel")(lambda self: call("reshape", self, (-1,)))
tensor_method("tile")(lambda self, *dims: call("tile", self, _varargs(dims)))
tensor_method("repeat")(lambda self, *repeats: call("tile", self, _varargs(repeats)))
tensor_method("repeat_interleave")(
    lambda self, repeats, dim=None, *, output_size=None: call("repeat_interleave", self, repeats, dim)
)
tensor_method("broadcast_to")(lambda self, shape: call("broadcast_to", self, shape))
tensor_method("expand")(lambda self, *size: call("broadcast_to", self, _varargs(size)))
tensor_method("expand_as")(lambda self, other: call("broadcast_to", self, other.shape))
tensor_method("flip")(lambda self, dims: call("flip", self, dims))
tensor_method("fliplr")(lambda self: call("flip", self, (-1,)))
tensor_method("flipud")(lambda self: call("flip", self, (0,)))
tensor_method("roll")(lambda self, shifts, dims=None: call("roll", self, shifts, dims))
tensor_method("narrow")(lambda self, axis, start, length: call("narrow", self, axis, start, length))
tensor_method("split")(
    lambda self, split_size_or_sections, axis=0: call("split", self, split_size_or_sections, axis)
)
tensor_method("chunk")(lambda self, chunks, axis=0: call("chunk", self, chunks, axis))
tensor_method("tensor_split")(
    lambda self, indices_or_sections, axis=0: call("tensor_split", self, indices_or_sections, axis)
)
tensor_method("unbind")(lambda self, dim=0: call("unstack", self, dim))
tensor_method("diag_embed")(
    lambda self, offset=0, dim1=-2, dim2=-1: call("diag_embed", self, offset, dim1, dim2)
)
tensor_method("resize")(
    lambda self, *new_shape: call("reshape", jnp.resize(self._data, _varargs(new_shape)), _varargs(new_shape))
)

# --- mint --------------------------------------------------------------------------------------

mint("reshape")(lambda input, shape: call("reshape", input, shape))
mint("permute")(lambda input, dims: call("transpose", input, dims))
mint("transpose")(lambda input, dim0, dim1: call("swapaxes", input, dim0, dim1))
mint("swapaxes")(lambda input, axis0, axis1: call("swapaxes", input, axis0, axis1))
mint("movedim")(lambda input, source, destination: call("moveaxis", input, source, destination))
mint("unsqueeze")(lambda input, dim: call("expand_dims", input, dim))
mint("squeeze")(lambda input, dim=None: call("squeeze", input, dim))
mint("flatten")(lambda input, start_dim=0, end_dim=-1: call("flatten", input, start_dim, end_dim))
mint("ravel")(lambda input: call("reshape", input, (-1,)))
mint("cat", "concat")(lambda tensors, dim=0: call("concat", tensors, dim))
mint("stack")(lambda tensors, dim=0: call("stack", tensors, dim))
mint("hstack")(lambda tensors: call("hstack", tensors))
mint("split")(
    lambda tensor, split_size_or_sections, dim=0: call("split", tensor, split_size_or_sections, dim)
)
mint("chunk")(lambda input, chunks, dim=0: call("chunk", input, chunks, dim))
mint("unbind")(lambda input, dim=0: call("unstack", input, dim))
mint("tile")(lambda input, dims: call("tile", input, dims))
mint("repeat_interleave")(
    lambda input, repeats, dim=None, *, output_size=None: call("repeat_interleave", input, repeats, dim)
)
mint("broadcast_to")(lambda input, shape: call("broadcast_to", input, shape))
mint("flip")(lambda input, dims: call("flip", input, dims))
mint("roll")(lambda input, shifts, dims=None: call("roll", input, shifts, dims))
mint("narrow")(lambda input, dim, start, length: call("narrow", input, dim, start, length))
mint("meshgrid")(lambda *tensors, indexing=None: meshgrid(*tensors, indexing=indexing or "ij"))
mint("t")(lambda input: call("transpose", input, None) if input.ndim == 2 else input)
