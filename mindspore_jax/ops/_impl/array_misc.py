"""Small array primitives and the Python-level ``F.*`` helpers of MindSpore's graph syntax
(``make_tuple``, ``tuple_getitem``, ``in_dict``...): here they are plain Python, since a
compiled function is traced by running it.
"""

from __future__ import annotations

import builtins
import copy

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, op, primitive, tensor_method
from ..primitive import Primitive
from ._array_common import _attr_prim, _simple_prim, np_dtype, static_value
from ._index_common import _need_concrete

_I32 = np.dtype(np.int32)


# --- primitive views of existing ops ---------------------------------------------------------------

_simple_prim("MaskedScatter", lambda input, mask, source: call("masked_scatter", input, mask, source))
_simple_prim("SelectView", lambda input, dim, index: call("select_dim", input, dim, index))
_simple_prim("TransposeView", lambda input, perm: call("transpose", input, perm))
_simple_prim("TransposeExtView", lambda input, dim0, dim1: call("swapaxes", input, dim0, dim1))
_simple_prim(
    "ScalarToArray", lambda x: call("scalar_to_tensor", x, None if isinstance(x, float) else mstype.int64)
)
_simple_prim("FillV2", lambda shape, value: call("full", shape, value, None))
_simple_prim("MoveTo", lambda x, to="CPU", blocking=True: x)
_simple_prim("Load", lambda variable, u=None: call("identity", variable))
_simple_prim("UpdateState", lambda u, *args: u)
functional(lambda input, begin, size: call("slice", input, begin, size), name="tensor_slice")
functional(lambda input, to="CPU", blocking=True: input, name="move_to")
tensor_method("move_to")(lambda self, to="CPU", blocking=True: self)
tensor_method("to_")(lambda self, device=None, non_blocking=False: self)
functional(lambda input, index, source, accumulate=False: input.put_(index, source, accumulate), name="put_")


@functional
def reshape_(input, shape):
    """``F.reshape_``: reshapes ``input`` itself."""
    input._data = call("reshape", input, shape)._data
    return input


# --- checks -----------------------------------------------------------------------------------------


@op("check_numerics")
def _check_numerics(x):
    if not isinstance(x, jax.core.Tracer) and x.dtype.kind == "f":
        a = np.asarray(x)
        if np.isnan(a).any():
            R.raise_error(RuntimeError, "CheckNumerics", "the input Tensor had NaN values.")
        if np.isinf(a).any():
            R.raise_error(RuntimeError, "CheckNumerics", "the input Tensor had Inf values.")
    return x


_simple_prim("CheckNumerics", lambda x: call("check_numerics", x))


@primitive
class Assert(Primitive):
    """``P.Assert(summarize=3)(condition, input_data)``: raises when ``condition`` is False
    (checked eagerly; inside a compiled graph a traced condition cannot stop the program)."""

    def __init__(self, summarize=3):
        super().__init__("Assert")
        self.summarize = summarize

    def __call__(self, condition, input_data):
        c = R.unwrap(condition)
        if isinstance(c, jax.core.Tracer):
            return None
        if not bool(np.all(np.asarray(c))):
            shown = [np.asarray(R.unwrap(t)).ravel()[: self.summarize].tolist() for t in input_data]
            R.raise_error(ValueError, "Assert", f"the condition is False. Input data: {shown}.")
        return None


# --- data format ------------------------------------------------------------------------------------


def _formats(name, src, dst):
    if sorted(src) != sorted(dst) or len(src) not in (4, 5):
        R.raise_error(
            ValueError,
            name,
            f"the 'src_format' {src!r} and 'dst_format' {dst!r} must be "
            "permutations of each other of length 4 or 5.",
        )


@op("data_format_dim_map")
def _data_format_dim_map(x, src_format="NHWC", dst_format="NCHW"):
    _formats("DataFormatDimMap", src_format, dst_format)
    table = jnp.asarray([src_format.index(c) for c in dst_format], x.dtype)  # as MindSpore 2.10 CPU
    n = len(src_format)
    return table[jnp.mod(x, n)]


@op("data_format_vec_permute")
def _data_format_vec_permute(x, src_format="NHWC", dst_format="NCHW"):
    _formats("DataFormatVecPermute", src_format, dst_format)
    n = len(src_format)
    if x.shape[0] == n:
        perm = [src_format.index(c) for c in dst_format]
    elif x.shape[0] == n - 2:  # spatial dims only
        s = [c for c in src_format if c not in "NC"]
        perm = [s.index(c) for c in dst_format if c not in "NC"]
    else:
        R.raise_error(
            ValueError,
            "DataFormatVecPermute",
            f"the first dimension of 'x' must be {n} or {n - 2}, but got shape {list(x.shape)}.",
        )
    return x[np.asarray(perm)]


_attr_prim(
    "DataFormatDimMap",
    {"src_format": "NHWC", "dst_format": "NCHW"},
    lambda self, x: call("data_format_dim_map", x, self.src_format, self.dst_format),
)
_attr_prim(
    "DataFormatVecPermute",
    {"src_format": "NHWC", "dst_format": "NCHW"},
    lambda self, x: call("data_format_vec_permute", x, self.src_format, self.dst_format),
)


# --- value-dependent shapes (eager) ------------------------------------------------------------------


@op("ragged_range")
def _ragged_range(starts, limits, deltas, tsplits=None):
    _need_concrete("RaggedRange", starts, limits, deltas)
    s, lim, d = (np.asarray(v).reshape(-1) for v in (starts, limits, deltas))
    s, lim, d = np.broadcast_arrays(s, lim, d)
    if (d == 0).any():
        R.raise_error(ValueError, "RaggedRange", "the 'deltas' must not contain 0.")
    rows = [np.arange(a, b, c, dtype=np.asarray(starts).dtype) for a, b, c in zip(s, lim, d)]
    splits = np.concatenate([[0], np.cumsum([len(r) for r in rows])]).astype(np_dtype(tsplits, np.int64))
    vals = np.concatenate(rows) if rows else np.zeros((0,), np.asarray(starts).dtype)
    return jnp.asarray(splits), jnp.asarray(vals.astype(np.asarray(starts).dtype))


_attr_prim(
    "RaggedRange",
    {"Tsplits": mstype.int64},
    lambda self, starts, limits, deltas: call("ragged_range", starts, limits, deltas, self.Tsplits),
)


@op("sparse_segment_mean")
def _sparse_segment_mean(x, indices, segment_ids):
    """Rows ``x[indices]`` averaged per (sorted) segment id; ``ids[-1] + 1`` rows (eager only)."""
    _need_concrete("SparseSegmentMean", segment_ids)
    ids = np.asarray(segment_ids)
    if ids.ndim != 1 or indices.shape != segment_ids.shape:
        R.raise_error(
            ValueError,
            "SparseSegmentMean",
            f"the 'indices' {list(indices.shape)} and 'segment_ids' "
            f"{list(ids.shape)} must be 1-D of the same length.",
        )
    if ids.size and (np.any(np.diff(ids) < 0) or ids[0] < 0):
        R.raise_error(ValueError, "SparseSegmentMean", "the 'segment_ids' must be sorted and non-negative.")
    num = int(ids[-1]) + 1 if ids.size else 0
    rows = jnp.take(x, indices, axis=0)
    s = jax.ops.segment_sum(rows, jnp.asarray(ids), num_segments=num)
    cnt = np.bincount(ids, minlength=num).reshape((num,) + (1,) * (x.ndim - 1))
    return (s / jnp.asarray(np.maximum(cnt, 1), s.dtype)).astype(x.dtype)


functional(
    lambda x, indices, segment_ids: call("sparse_segment_mean", x, indices, segment_ids),
    name="sparse_segment_mean",
)


# --- dump --------------------------------------------------------------------------------------------


def _dump(file_name, tensor, mode="out"):
    """``ops.tensordump``: saves ``tensor`` to ``file_name`` (.npy), also from compiled code."""
    if not isinstance(file_name, str):
        R.raise_error(TypeError, "TensorDump", f"the 'file' must be str, but got {type(file_name).__name__}.")
    name = file_name if file_name.endswith(".npy") else file_name + ".npy"
    arr = R.unwrap(tensor)
    if isinstance(arr, jax.core.Tracer):
        jax.debug.callback(lambda a: np.save(name, np.asarray(a)), arr, ordered=True)
    else:
        np.save(name, np.asarray(arr))


functional(_dump, name="tensordump")


@primitive
class TensorDump(Primitive):
    def __init__(self, input_output="out"):
        super().__init__("TensorDump")
        self.input_output = input_output

    def __call__(self, file, input_x):
        _dump(file, input_x, self.input_output)


# --- F.* helpers of the graph syntax: plain Python here ------------------------------------------------

functional(lambda *args: tuple(args), name="make_tuple")
functional(lambda *args: list(args), name="make_list")
functional(lambda *args: dict(zip(args[0], args[1])) if len(args) == 2 else dict(*args), name="make_dict")
functional(lambda start, stop=None, step=None: builtins.slice(start, stop, step), name="make_slice")
functional(lambda data, index: data[index], name="tuple_getitem")
functional(lambda data, index: data[index], name="list_getitem")
functional(lambda data, key: data[key], name="dict_getitem")
functional(lambda data: len(data), name="list_len")


def _setitem(data, index, value):
    out = list(data)
    out[index] = value
    return tuple(out) if isinstance(data, tuple) else out


functional(_setitem, name="tuple_setitem")
functional(_setitem, name="list_setitem")
functional(lambda data, key, value: {**data, key: value}, name="dict_setitem")
functional(lambda x, y: tuple(x) == tuple(y), name="tuple_equal")
functional(lambda x, y: list(x) == list(y), name="list_equal")
functional(lambda x, y: x == y, name="string_eq")
functional(lambda x, y: x + y, name="string_concat")
functional(lambda x: tuple(reversed(x)), name="tuple_reversed")
functional(lambda x, y: x is y, name="is_")
functional(lambda x, y: x is not y, name="is_not")
functional(lambda key, data: key in data, name="in_dict")
functional(lambda key, data: key not in data, name="not_in_dict")
functional(lambda x: not isinstance(R.unwrap(x), jax.core.Tracer), name="isconstant")
functional(lambda input: tuple(input.shape), name="shape_")
functional(lambda input: R.wrap(np.asarray(input.shape, np.int64)), name="dyn_shape")
functional(
    lambda input_x: copy.deepcopy(input_x) if not isinstance(input_x, Tensor) else call("identity", input_x),
    name="deepcopy",
)


@functional
def reduced_shape(shape, axis):
    """``F.reduced_shape(shape, axis)``: ``shape`` with 1 on the reduced axes (all when axis is ())."""
    shape = tuple(shape)
    axis = static_value("reduced_shape", "axis", axis)
    axis = (axis,) if isinstance(axis, int) else tuple(axis)
    if not axis:
        return (1,) * len(shape)
    ax = {a % len(shape) for a in axis}
    return tuple(1 if i in ax else s for i, s in enumerate(shape))


@functional
def array_to_scalar(x):
    return R.unwrap(x).item() if not isinstance(R.unwrap(x), jax.core.Tracer) else x


class _TensorOf:
    """What ``F.typeof`` returns for a Tensor: prints ``Tensor[Float32]``, compares by element type."""

    def __init__(self, element_type):
        self.element_type = element_type

    def __repr__(self):
        return f"Tensor[{self.element_type}]"

    def __eq__(self, other):
        return isinstance(other, _TensorOf) and other.element_type == self.element_type

    def __hash__(self):
        return hash(("Tensor", str(self.element_type)))


@functional
def typeof(x):
    """``F.typeof``: the MindSpore type of ``x`` (``Tensor[Float32]`` for a Tensor)."""
    if isinstance(x, Tensor):
        return _TensorOf(x.dtype)
    return {bool: mstype.bool_, int: mstype.int64, float: mstype.float32}.get(type(x), type(x))
