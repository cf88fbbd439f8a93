"""Slicing and reordering ops: slice/strided_slice/narrow/flip/roll/rot90/reverse_sequence."""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp

from .. import _registry as R
from .._registry import call, functional, mint, op, tensor_method
from ._array_common import _attr_prim, _simple_prim, norm_axes, norm_axis, shape_arg, static_int, static_value


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


@op("rot90")
def _rot90(x, k=1, dims=(0, 1)):
    return jnp.rot90(x, k, axes=norm_axes("Rot90", dims, x.ndim, "dims"))


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


@functional
def reverse_sequence(x, seq_lengths, seq_dim, batch_dim=0):
    return call("reverse_sequence", x, seq_lengths, seq_dim, batch_dim)
functional(lambda input, k, dims: call("rot90", input, k, dims), name="rot90")
Slice = _simple_prim("Slice", lambda x, begin, size: call("slice", x, begin, size))
ReverseV2 = _attr_prim("ReverseV2", {"axis": ()}, lambda self, x: call("flip", x, self.axis))
Roll = _attr_prim(
    "Roll", {"shifts": 0, "dims": None}, lambda self, x: call("roll", x, self.shifts, self.dims)
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
tensor_method("flip")(lambda self, dims: call("flip", self, dims))
tensor_method("fliplr")(lambda self: call("flip", self, (-1,)))
tensor_method("flipud")(lambda self: call("flip", self, (0,)))
tensor_method("roll")(lambda self, shifts, dims=None: call("roll", self, shifts, dims))
tensor_method("narrow")(lambda self, axis, start, length: call("narrow", self, axis, start, length))
mint("flip")(lambda input, dims: call("flip", input, dims))
mint("roll")(lambda input, shifts, dims=None: call("roll", input, shifts, dims))
mint("narrow")(lambda input, dim, start, length: call("narrow", input, dim, start, length))
