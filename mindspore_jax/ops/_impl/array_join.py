"""Joining and splitting ops: concat/stack/unstack/split/chunk/tensor_split/hstack/vstack/meshgrid."""

from __future__ import annotations

import builtins
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, tensor_method
from ._array_common import _attr_prim, norm_axis, static_int, static_value
from ._promote import is_array


def _as_array(x):
    if is_array(x):
        return x
    from ._promote import scalar_to_array

    return scalar_to_array(x) if not isinstance(x, (list, tuple)) else jnp.asarray(np.asarray(x))


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


@op("meshgrid")
def _meshgrid(inputs, indexing="xy"):
    if indexing not in ("xy", "ij"):
        R.raise_error(ValueError, "Meshgrid", f"the 'indexing' must be 'xy' or 'ij', but got {indexing!r}.")
    for t in inputs:
        if t.ndim != 1:
            R.raise_error(ValueError, "Meshgrid", f"each input must be 1-D, but got shape {list(t.shape)}.")
    return tuple(jnp.meshgrid(*inputs, indexing=indexing))


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
def meshgrid(*inputs, indexing="xy"):
    if len(inputs) == 1 and isinstance(inputs[0], (tuple, list)):
        inputs = inputs[0]
    return call("meshgrid", tuple(inputs), indexing)
functional(lambda tensors: call("hstack", tensors), name="hstack")
functional(lambda inputs: call("vstack", inputs), name="vstack")
functional(lambda inputs: call("vstack", inputs), name="row_stack")
functional(lambda tensors: call("dstack", tensors), name="dstack")
functional(lambda tensors: call("column_stack", tensors), name="column_stack")
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
Meshgrid = _attr_prim(
    "Meshgrid", {"indexing": "xy"}, lambda self, xs: call("meshgrid", tuple(xs), self.indexing)
)
tensor_method("split")(
    lambda self, split_size_or_sections, axis=0: call("split", self, split_size_or_sections, axis)
)
tensor_method("chunk")(lambda self, chunks, axis=0: call("chunk", self, chunks, axis))
tensor_method("tensor_split")(
    lambda self, indices_or_sections, axis=0: call("tensor_split", self, indices_or_sections, axis)
)
tensor_method("unbind")(lambda self, dim=0: call("unstack", self, dim))
mint("cat", "concat")(lambda tensors, dim=0: call("concat", tensors, dim))
mint("stack")(lambda tensors, dim=0: call("stack", tensors, dim))
mint("hstack")(lambda tensors: call("hstack", tensors))
mint("split")(
    lambda tensor, split_size_or_sections, dim=0: call("split", tensor, split_size_or_sections, dim)
)
mint("chunk")(lambda input, chunks, dim=0: call("chunk", input, chunks, dim))
mint("unbind")(lambda input, dim=0: call("unstack", input, dim))
mint("meshgrid")(lambda *tensors, indexing=None: meshgrid(*tensors, indexing=indexing or "ij"))
