"""Gather and select ops: gather/take/index_select, masked_fill/select/scatter, where, nonzero, one_hot."""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, tensor_method
from ._array_common import _attr_prim, _simple_prim, norm_axis, static_int
from ._index_common import _I64, _as_arr, _check_bounds, _check_int_index, _need_concrete
from ._promote import is_array

# --- gather ------------------------------------------------------------------------------------


@op("gather")
def _gather(params, indices, axis=0, batch_dims=0):
    """``ops.gather``/``P.Gather``: rows of ``params`` along ``axis``; ``batch_dims`` leading dims shared."""
    indices = _as_arr(indices)
    _check_int_index("Gather", indices, "input_indices")
    ax = norm_axis("Gather", axis, params.ndim)
    bd = static_int("Gather", "batch_dims", batch_dims)
    if bd < 0:
        bd += indices.ndim
    if bd > ax:
        R.raise_error(ValueError, "Gather", f"the 'batch_dims' ({batch_dims}) must be <= 'axis' ({axis}).")
    _check_bounds("Gather", indices, params.shape[ax])

    def take(p, i, a):
        i = jnp.where(i < 0, i + p.shape[a], i)
        return jnp.take(p, i, axis=a, mode="fill", fill_value=0)

    fn = take
    for _ in builtins.range(bd):
        fn = jax.vmap(fn, in_axes=(0, 0, None))
    return fn(params, indices, ax - bd)


@op("gather_elements")
def _gather_elements(x, dim, index):
    """torch.gather semantics: ``index`` may be smaller than ``x`` outside ``dim``."""
    _check_int_index("GatherD", index, "index")
    if index.ndim != x.ndim:
        R.raise_error(
            ValueError,
            "GatherD",
            f"the rank of 'index' {list(index.shape)} must equal the rank of 'x' {list(x.shape)}.",
        )
    d = norm_axis("GatherD", dim, x.ndim, "dim")
    for i, (a, b) in enumerate(zip(index.shape, x.shape)):
        if i != d and a > b:
            R.raise_error(
                ValueError,
                "GatherD",
                f"the 'index' shape {list(index.shape)} must not exceed 'x' shape {list(x.shape)} "
                f"outside dim {dim}.",
            )
    _check_bounds("GatherD", index, x.shape[d], "index")
    sl = tuple(builtins.slice(None) if i == d else builtins.slice(0, n) for i, n in enumerate(index.shape))
    idx = jnp.where(index < 0, index + x.shape[d], index)
    return jnp.take_along_axis(x[sl], idx, axis=d, mode="fill", fill_value=0)


@op("gather_nd")
def _gather_nd(x, indices):
    _check_int_index("GatherNd", indices)
    k = indices.shape[-1]
    if k > x.ndim:
        R.raise_error(
            ValueError,
            "GatherNd",
            f"the last dimension of 'indices' ({k}) must be <= the rank of 'input_x' ({x.ndim}).",
        )
    return x[tuple(indices[..., i] for i in builtins.range(k))]


@op("index_select")
def _index_select(x, axis, index):
    _check_int_index("IndexSelect", index, "index")
    if index.ndim > 1:
        R.raise_error(
            ValueError, "IndexSelect", f"the 'index' must be 0-D or 1-D, but got shape {list(index.shape)}."
        )
    return _gather(x, index, axis)


@op("take")
def _take(x, index):
    _check_int_index("Take", index, "index")
    _check_bounds("Take", index, x.size, "index")
    return jnp.take(jnp.ravel(x), index, mode="fill", fill_value=0)


# --- select / mask -------------------------------------------------------------------------------


def _fill_value(x, value):
    v = jnp.asarray(value)
    return v.astype(x.dtype)


@op("masked_fill")
def _masked_fill(x, mask, value):
    if not is_array(mask) or mask.dtype != np.bool_:
        dt = R.ms_dtype(mask) if is_array(mask) else type(mask).__name__
        R.raise_error(TypeError, "MaskedFill", f"the 'mask' must be a bool Tensor, but got {dt}.")
    try:
        jnp.broadcast_shapes(x.shape, mask.shape)
    except ValueError:
        R.raise_error(
            ValueError,
            "MaskedFill",
            f"the 'mask' shape {list(mask.shape)} can not broadcast to 'input_x' shape {list(x.shape)}.",
        )
    return jnp.where(mask, _fill_value(x, value), x)


@op("masked_select")
def _masked_select(x, mask):
    _need_concrete("MaskedSelect", x, mask)
    x, mask = jnp.broadcast_arrays(x, mask)
    return x[np.asarray(mask)]


@op("masked_scatter")
def _masked_scatter(x, mask, source):
    """Static shape: the k-th True position takes ``source.flat[k]``."""
    mask = jnp.broadcast_to(mask, x.shape)
    pos = jnp.cumsum(mask.ravel()) - 1
    src = jnp.ravel(source)
    vals = jnp.take(src, jnp.clip(pos, 0, builtins.max(src.size - 1, 0)))
    return jnp.where(mask.ravel(), vals.astype(x.dtype), x.ravel()).reshape(x.shape)


@op("select")
def _select(cond, x, y):
    """``ops.where``/``ops.select``: scalars take the other branch's dtype, tensors promote."""
    from ._promote import binary

    if not is_array(cond) or cond.dtype != np.bool_:
        dt = R.ms_dtype(cond) if is_array(cond) else type(cond).__name__
        R.raise_error(TypeError, "Select", f"the 'condition' must be a bool Tensor, but got {dt}.")
    x, y = binary(x, y)
    try:
        return jnp.where(cond, x, y)
    except (ValueError, TypeError) as e:
        R.raise_error(
            ValueError,
            "Select",
            f"the shapes of 'condition' {list(cond.shape)}, 'input' and 'other' must broadcast: {e}",
        )


@op("nonzero")
def _nonzero(x, as_tuple=False):
    _need_concrete("NonZero", x)
    nz = np.nonzero(np.asarray(x))
    if as_tuple:
        return tuple(jnp.asarray(i, _I64) for i in nz)
    return jnp.asarray(np.stack(nz, axis=-1).astype(np.int64).reshape(-1, x.ndim))


# --- one_hot ------------------------------------------------------------------------------------


@op("one_hot")
def _one_hot(indices, depth, on_value=1, off_value=0, axis=-1):
    """Output dtype is the dtype of ``on_value`` (a Python int gives Int64, a float Float32)."""
    from ._promote import scalar_to_array

    _check_int_index("OneHot", indices)
    depth = static_int("OneHot", "depth", depth)
    if depth < 0:
        R.raise_error(ValueError, "OneHot", f"the 'depth' must be non-negative, but got {depth}.")
    axis = static_int("OneHot", "axis", axis)
    if not -1 <= axis <= indices.ndim:
        R.raise_error(
            ValueError, "OneHot", f"the 'axis' must be in range [-1, {indices.ndim}], but got {axis}."
        )
    on = on_value if is_array(on_value) else scalar_to_array(on_value)
    off = off_value if is_array(off_value) else scalar_to_array(off_value)
    off = off.astype(on.dtype)
    hot = jnp.expand_dims(indices, -1) == jnp.arange(depth, dtype=indices.dtype)
    out = jnp.where(hot, on, off)
    if axis != -1:
        out = jnp.moveaxis(out, -1, axis)
    return out


# --- functional views ---------------------------------------------------------------------------


@functional
def gather(input_params, input_indices, axis, batch_dims=0):
    return call("gather", input_params, input_indices, axis, batch_dims)


@functional
def gather_d(x, dim, index):
    return call("gather_elements", x, dim, index)


@functional
def gather_elements(input, dim, index):
    return call("gather_elements", input, dim, index)


@functional
def gather_nd(input_x, indices):
    return call("gather_nd", input_x, indices)


@functional
def index_select(input, axis, index):
    return call("index_select", input, axis, index)


@functional
def take(input, index):
    return call("take", input, index)


@functional
def take_along_dim(input, indices, dim=None):
    if dim is None:
        return call("take", input, indices)
    return call("gather_elements", input, dim, indices)


@functional
def masked_fill(input_x, mask, value):
    return call("masked_fill", input_x, mask, value)


@functional
def masked_select(input, mask):
    return call("masked_select", input, mask)


@functional
def masked_scatter(input, mask, source):
    return call("masked_scatter", input, mask, source)


@functional
def where(condition, input, other):
    return call("select", condition, input, other)


@functional
def select(condition, input, other):
    return call("select", condition, input, other)


@functional
def nonzero(input, *, as_tuple=False):
    return call("nonzero", input, as_tuple)


@functional
def argwhere(input):
    return call("nonzero", input, False)


@functional
def one_hot(indices, depth, on_value=1, off_value=0, axis=-1):
    return call("one_hot", indices, depth, on_value, off_value, axis)


# --- primitive views ---------------------------------------------------------------------------

_attr_prim("Gather", {"batch_dims": 0}, lambda self, p, i, axis: call("gather", p, i, axis, self.batch_dims))
_simple_prim("GatherV2", lambda p, i, axis: call("gather", p, i, axis))
_simple_prim("SparseGatherV2", lambda p, i, axis: call("gather", p, i, axis))
_simple_prim("GatherD", lambda x, dim, index: call("gather_elements", x, dim, index))
_simple_prim("GatherNd", lambda x, indices: call("gather_nd", x, indices))
_simple_prim("MaskedFill", lambda x, mask, value: call("masked_fill", x, mask, value))
_simple_prim("MaskedSelect", lambda x, mask: call("masked_select", x, mask))
_simple_prim("Select", lambda cond, x, y: call("select", cond, x, y))
_simple_prim("NonZero", lambda x: call("nonzero", x, False))
_attr_prim(
    "OneHot",
    {"axis": -1},
    lambda self, indices, depth, on, off: call("one_hot", indices, depth, on, off, self.axis),
)


# --- Tensor methods ------------------------------------------------------------------------------

tensor_method("gather")(
    lambda self, input_indices, axis, batch_dims=0: call("gather", self, input_indices, axis, batch_dims)
)
tensor_method("gather_elements")(lambda self, dim, index: call("gather_elements", self, dim, index))
tensor_method("gather_nd")(lambda self, indices: call("gather_nd", self, indices))
tensor_method("index_select")(lambda self, axis, index: call("index_select", self, axis, index))
tensor_method("take")(lambda self, indices, axis=None, mode="clip": call("take", self, indices))
tensor_method("masked_fill")(lambda self, mask, value: call("masked_fill", self, mask, value))
tensor_method("masked_select")(lambda self, mask: call("masked_select", self, mask))
tensor_method("masked_scatter")(lambda self, mask, x: call("masked_scatter", self, mask, x))
tensor_method("where")(lambda self, condition, y: call("select", condition, self, y))
tensor_method("nonzero")(lambda self, *, as_tuple=False: call("nonzero", self, as_tuple))
tensor_method("argwhere")(lambda self: call("nonzero", self, False))


# --- mint -----------------------------------------------------------------------------------------

mint("gather")(lambda input, dim, index: call("gather_elements", input, dim, index))
mint("index_select")(lambda input, dim, index: call("index_select", input, dim, index))
mint("take")(lambda input, index: call("take", input, index))
mint("masked_select")(lambda input, mask: call("masked_select", input, mask))
mint("where")(
    lambda condition, input=None, other=None: (
        call("nonzero", condition, True) if input is None else call("select", condition, input, other)
    )
)
mint("nonzero")(lambda input, *, as_tuple=False: call("nonzero", input, as_tuple))
mint("nn.functional.one_hot")(
    lambda tensor, num_classes=-1: call(
        "one_hot",
        tensor,
        int(np.asarray(tensor._data).max()) + 1 if num_classes == -1 else num_classes,
        1,
        0,
        -1,
    )
)
