"""Shape ops: reshape/transpose/squeeze/expand_dims/flatten/tile/broadcast_to/atleast, shape queries."""

from __future__ import annotations

import builtins
import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, tensor_method
from ._array_common import _attr_prim, _simple_prim, norm_axes, norm_axis, shape_arg, static_int, static_value
from ._promote import is_array

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


@op("identity")
def _identity(x):
    return jnp.asarray(x)


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


@op("atleast_nd")
def _atleast(inputs, n):
    fn = {1: jnp.atleast_1d, 2: jnp.atleast_2d, 3: jnp.atleast_3d}[n]
    if is_array(inputs):
        return fn(inputs)
    return tuple(fn(t) for t in inputs)


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
def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    return call("diag_embed", input, offset, dim1, dim2)


functional(lambda inputs: call("atleast_nd", inputs, 1), name="atleast_1d")
functional(lambda inputs: call("atleast_nd", inputs, 2), name="atleast_2d")
functional(lambda inputs: call("atleast_nd", inputs, 3), name="atleast_3d")


# --- primitive views ---------------------------------------------------------------------------

Reshape = _simple_prim("Reshape", lambda x, shape: call("reshape", x, shape))
Transpose = _simple_prim("Transpose", lambda x, perm: call("transpose", x, perm))
ExpandDims = _simple_prim("ExpandDims", lambda x, axis: call("expand_dims", x, axis))
Tile = _simple_prim("Tile", lambda x, multiples: call("tile", x, multiples))
Identity = _simple_prim("Identity", lambda x: call("identity", x))
Flatten = _simple_prim("Flatten", lambda x: call("flatten", x, 1, -1) if x.ndim > 1 else call("identity", x))
Shape = _simple_prim("Shape", lambda x: shape(x))
TensorShape = _simple_prim("TensorShape", lambda x: R.wrap(np.asarray(shape(x), np.int64)))
DynamicShape = _simple_prim("DynamicShape", lambda x: TensorShape()(x))
Rank = _simple_prim("Rank", lambda x: rank(x))
Size = _simple_prim("Size", lambda x: size(x))
DType = _simple_prim("DType", lambda x: dtype(x))


# MindSpore 2.10 (CPU, both modes) leaves a non-1 axis as it is instead of raising as documented
Squeeze = _attr_prim("Squeeze", {"axis": ()}, lambda self, x: call("squeeze", x, self.axis, False))
BroadcastTo = _attr_prim("BroadcastTo", {"shape": ()}, lambda self, x: call("broadcast_to", x, self.shape))


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
mint("tile")(lambda input, dims: call("tile", input, dims))
mint("repeat_interleave")(
    lambda input, repeats, dim=None, *, output_size=None: call("repeat_interleave", input, repeats, dim)
)
mint("broadcast_to")(lambda input, shape: call("broadcast_to", input, shape))
mint("t")(lambda input: call("transpose", input, None) if input.ndim == 2 else input)
