"""Gather, scatter, select, sort and search ops.

Index results follow MindSpore's dtypes: ``sort``/``argsort``/``topk`` indices are Int32,
``nonzero``/``argwhere``/``searchsorted`` Int64. Ops whose output size depends on values
(``nonzero``, ``masked_select``, ``unique``, ``bincount``...) run eagerly; inside a compiled
graph JAX needs static shapes, so they raise a clear error there (``unique_with_pad`` and
``masked_scatter`` have static shapes and work everywhere). ``Scatter*`` primitives write into
their Parameter, as in MindSpore.
"""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array
from ._array_common import _attr_prim, _simple_prim, norm_axis, np_dtype, static_int, static_value

_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)


def _is_traced(*xs):
    return any(isinstance(x, jax.core.Tracer) for x in xs)


def _need_concrete(name, *xs):
    """Ops with value-dependent output shapes cannot be compiled with static shapes."""
    if _is_traced(*xs):
        R.raise_error(
            RuntimeError,
            name,
            "the output shape depends on the input values, which is not supported inside a compiled "
            "graph (GRAPH_MODE / ms.jit) by mindspore_jax. Run it in PYNATIVE_MODE, or use a static-shape "
            "alternative (e.g. ops.where / ops.masked_fill / ops.unique_with_pad).",
        )


def _check_int_index(name, idx, argname="indices"):
    if not is_array(idx) or idx.dtype.kind not in "iu":
        dt = R.ms_dtype(idx) if is_array(idx) else type(idx).__name__
        R.raise_error(TypeError, name, f"the '{argname}' must be a Tensor of int32 or int64, but got {dt}.")


def _check_bounds(name, idx, n, argname="input_indices"):
    """Eager out-of-range indices raise as on MindSpore's CPU; compiled ones read as 0 (GPU's choice)."""
    if _is_traced(idx) or idx.size == 0:
        return
    a = np.asarray(idx)
    bad = a[(a < -n) | (a >= n)]
    if bad.size:
        R.raise_error(
            RuntimeError,
            name,
            f"the '{argname}' should be in the range [{-n}, {n}), but got {int(bad.flat[0])}.",
        )


def _as_arr(x, like=None):
    if is_array(x):
        return x
    a = jnp.asarray(x)
    return a.astype(like.dtype) if like is not None else a


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


# --- scatter ------------------------------------------------------------------------------------


def _nd_index(indices):
    return tuple(indices[..., i] for i in builtins.range(indices.shape[-1]))


def _check_nd_updates(name, x_shape, indices, updates):
    k = indices.shape[-1]
    want = tuple(indices.shape[:-1]) + tuple(x_shape[k:])
    if k > len(x_shape) or tuple(updates.shape) != want:
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'updates' {list(updates.shape)} must be indices.shape[:-1] + "
            f"input_x.shape[indices.shape[-1]:] = {list(want)} (indices {list(indices.shape)}, "
            f"input_x {list(x_shape)}).",
        )


_SCATTER_FNS = {
    "update": lambda ref, u: ref.set(u),
    "add": lambda ref, u: ref.add(u),
    "sub": lambda ref, u: ref.add(-u),
    "mul": lambda ref, u: ref.multiply(u),
    "div": lambda ref, u: ref.divide(u),
    "max": lambda ref, u: ref.max(u),
    "min": lambda ref, u: ref.min(u),
}


@op("scatter_nd")
def _scatter_nd(indices, updates, shape):
    """Duplicate indices are summed, as in MindSpore."""
    from ._array_common import shape_arg

    _check_int_index("ScatterNd", indices)
    shape = shape_arg("ScatterNd", shape)
    _check_nd_updates("ScatterNd", shape, indices, updates)
    return jnp.zeros(shape, updates.dtype).at[_nd_index(indices)].add(updates)


@op("tensor_scatter")
def _tensor_scatter(x, indices, updates, kind="update", name="TensorScatterUpdate"):
    _check_int_index(name, indices)
    _check_nd_updates(name, x.shape, indices, updates)
    if updates.dtype != x.dtype:
        updates = updates.astype(x.dtype)
    return _SCATTER_FNS[kind](x.at[_nd_index(indices)], updates)


@op("tensor_scatter_elements")
def _tensor_scatter_elements(x, indices, updates, axis=0, reduction="none"):
    """``ops.scatter``/``tensor_scatter_elements``: torch scatter along ``axis`` (``reduction``: none/add)."""
    _check_int_index("TensorScatterElements", indices)
    if reduction not in ("none", "add", "mul", "max", "min"):
        R.raise_error(
            ValueError,
            "TensorScatterElements",
            f"the 'reduction' must be 'none', 'add', 'mul', 'max' or 'min', but got {reduction!r}.",
        )
    if indices.ndim != x.ndim:
        R.raise_error(
            ValueError,
            "TensorScatterElements",
            f"the rank of 'indices' {list(indices.shape)} must equal the rank of 'input_x' {list(x.shape)}.",
        )
    ax = norm_axis("TensorScatterElements", axis, x.ndim)
    updates = _as_arr(updates, x)
    if updates.ndim == 0:
        updates = jnp.broadcast_to(updates, indices.shape)
    sl = tuple(builtins.slice(0, n) for n in indices.shape)
    updates = updates[sl].astype(x.dtype)
    grids = list(jnp.meshgrid(*[jnp.arange(n) for n in indices.shape], indexing="ij"))
    grids[ax] = jnp.where(indices < 0, indices + x.shape[ax], indices)
    kind = {"none": "update", "add": "add", "mul": "mul", "max": "max", "min": "min"}[reduction]
    return _SCATTER_FNS[kind](x.at[tuple(grids)], updates)


def _param_write(name, variable, new):
    if not isinstance(variable, Tensor):
        R.raise_error(
            TypeError, name, f"the 'input_x' must be a Parameter, but got {type(variable).__name__}."
        )
    variable._data = new
    return variable


def _scatter_param(name, kind, nd):
    """Primitive writing into its Parameter: ``Scatter<Kind>`` (first-dim rows) or ``ScatterNd<Kind>``."""

    def __call__(self, input_x, indices, updates):
        x = input_x._data
        idx = indices._data if isinstance(indices, Tensor) else jnp.asarray(indices)
        u = updates._data if isinstance(updates, Tensor) else jnp.asarray(updates, x.dtype)
        _check_int_index(name, idx)
        if nd:
            _check_nd_updates(name, x.shape, idx, u)
            ref = x.at[_nd_index(idx)]
        else:
            want = tuple(idx.shape) + tuple(x.shape[1:])
            if tuple(u.shape) != want:
                R.raise_error(
                    ValueError,
                    name,
                    f"the shape of 'updates' {list(u.shape)} must be indices.shape + input_x.shape[1:] = "
                    f"{list(want)}.",
                )
            ref = x.at[idx]
        return _param_write(name, input_x, _SCATTER_FNS[kind](ref, u.astype(x.dtype)))

    cls = type(
        name,
        (Primitive,),
        {
            "__init__": lambda self, use_locking=False: (
                (
                    Primitive.__init__(self, name),
                    setattr(self, "use_locking", use_locking),
                )
                and None
            ),
            "__call__": __call__,
            "__doc__": f"``P.{name}(use_locking)(input_x, indices, updates)``: writes into the Parameter.",
        },
    )
    primitive(cls)
    return cls


ScatterUpdate = _scatter_param("ScatterUpdate", "update", False)
ScatterAdd = _scatter_param("ScatterAdd", "add", False)
ScatterSub = _scatter_param("ScatterSub", "sub", False)
ScatterMul = _scatter_param("ScatterMul", "mul", False)
ScatterDiv = _scatter_param("ScatterDiv", "div", False)
ScatterMax = _scatter_param("ScatterMax", "max", False)
ScatterMin = _scatter_param("ScatterMin", "min", False)
ScatterNdUpdate = _scatter_param("ScatterNdUpdate", "update", True)
ScatterNdAdd = _scatter_param("ScatterNdAdd", "add", True)
ScatterNdSub = _scatter_param("ScatterNdSub", "sub", True)
ScatterNdMul = _scatter_param("ScatterNdMul", "mul", True)
ScatterNdDiv = _scatter_param("ScatterNdDiv", "div", True)
ScatterNdMax = _scatter_param("ScatterNdMax", "max", True)
ScatterNdMin = _scatter_param("ScatterNdMin", "min", True)

functional(
    lambda input_x, indices, updates: ScatterUpdate()(input_x, indices, updates), name="scatter_update"
)
functional(lambda input_x, indices, updates: ScatterAdd()(input_x, indices, updates), name="scatter_add")
functional(lambda input_x, indices, updates: ScatterSub()(input_x, indices, updates), name="scatter_sub")
functional(lambda input_x, indices, updates: ScatterMul()(input_x, indices, updates), name="scatter_mul")
functional(lambda input_x, indices, updates: ScatterDiv()(input_x, indices, updates), name="scatter_div")
functional(lambda input_x, indices, updates: ScatterMax()(input_x, indices, updates), name="scatter_max")
functional(lambda input_x, indices, updates: ScatterMin()(input_x, indices, updates), name="scatter_min")
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdUpdate()(input_x, indices, updates),
    name="scatter_nd_update",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdAdd()(input_x, indices, updates),
    name="scatter_nd_add",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdSub()(input_x, indices, updates),
    name="scatter_nd_sub",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdMul()(input_x, indices, updates),
    name="scatter_nd_mul",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdDiv()(input_x, indices, updates),
    name="scatter_nd_div",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdMax()(input_x, indices, updates),
    name="scatter_nd_max",
)
functional(
    lambda input_x, indices, updates, use_locking=False: ScatterNdMin()(input_x, indices, updates),
    name="scatter_nd_min",
)


@op("index_add")
def _index_add(x, indices, y, axis):
    _check_int_index("IndexAdd", indices)
    ax = norm_axis("IndexAdd", axis, x.ndim)
    idx = (builtins.slice(None),) * ax + (indices,)
    return x.at[idx].add(y.astype(x.dtype))


@op("index_fill")
def _index_fill(x, axis, index, value):
    _check_int_index("IndexFill", index, "index")
    ax = norm_axis("IndexFill", axis, x.ndim)
    idx = (builtins.slice(None),) * ax + (index,)
    return x.at[idx].set(jnp.asarray(value).astype(x.dtype))


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


# --- sort / topk / search -----------------------------------------------------------------------


@op("sort")
def _sort(x, axis=-1, descending=False):
    ax = norm_axis("Sort", axis, x.ndim)
    idx = jnp.argsort(x, axis=ax, stable=True, descending=bool(descending))
    return jnp.take_along_axis(x, idx, axis=ax), idx.astype(_I32)


@op("topk")
def _topk(x, k, dim=None, largest=True, sorted=True):
    k = static_int("TopK", "k", k)
    ax = x.ndim - 1 if dim is None else norm_axis("TopK", dim, x.ndim, "dim")
    n = x.shape[ax] if x.ndim else 1
    if not 0 <= k <= n:
        R.raise_error(ValueError, "TopK", f"the 'k' must be in range [0, {n}], but got {k}.")
    xm = jnp.moveaxis(x, ax, -1) if x.ndim else x.reshape(1)
    if largest:
        v, i = jax.lax.top_k(xm, k)
    else:
        i = jnp.argsort(xm, axis=-1, stable=True)[..., :k]
        v = jnp.take_along_axis(xm, i, axis=-1)
    if x.ndim == 0:
        return v.reshape(()), i.reshape(()).astype(_I32)
    return jnp.moveaxis(v, -1, ax), jnp.moveaxis(i, -1, ax).astype(_I32)


@op("searchsorted")
def _searchsorted(seq, values, out_int32=False, right=False, side=None, sorter=None):
    if side is not None:
        if side not in ("left", "right"):
            R.raise_error(
                ValueError, "SearchSorted", f"the 'side' must be 'left' or 'right', but got {side!r}."
            )
        right = side == "right"
    if sorter is not None:
        seq = jnp.take_along_axis(seq, sorter, axis=-1)
    values = _as_arr(values, seq)
    s = "right" if right else "left"
    if seq.ndim <= 1:
        out = jnp.searchsorted(seq, values, side=s)
    else:
        if seq.shape[:-1] != values.shape[:-1]:
            R.raise_error(
                ValueError,
                "SearchSorted",
                f"the leading dimensions of 'sorted_sequence' {list(seq.shape)} and 'values' "
                f"{list(values.shape)} must match.",
            )
        fn = lambda a, v: jnp.searchsorted(a, v, side=s)  # noqa: E731
        for _ in builtins.range(seq.ndim - 1):
            fn = jax.vmap(fn)
        out = fn(seq, values)
    return out.astype(_I32 if out_int32 else _I64)


@op("bucketize")
def _bucketize(x, boundaries, right=False):
    b = jnp.asarray(np.asarray(static_value("Bucketize", "boundaries", boundaries)))
    return jnp.searchsorted(b, x, side="right" if right else "left").astype(_I64)


@op("bincount")
def _bincount(x, weights=None, minlength=0):
    """Float32 counts (MindSpore's dtype), length max(x)+1: eager only."""
    _need_concrete("Bincount", x, weights)
    a = np.asarray(x)
    if a.size and a.min() < 0:
        R.raise_error(ValueError, "Bincount", "the 'input' must be non-negative.")
    w = None if weights is None else np.asarray(weights)
    out = np.bincount(a.ravel(), None if w is None else w.ravel(), minlength=int(minlength))
    return jnp.asarray(out.astype(np.float32 if w is None else np.result_type(w.dtype, np.float32)))


@op("histc")
def _histc(x, bins=100, min=0.0, max=0.0):
    bins = static_int("Histogram", "bins", bins)
    lo, hi = float(min), float(max)
    xf = x.astype(jnp.float32) if x.dtype.kind != "f" else x
    if lo == hi:
        lo_a, hi_a = jnp.min(xf), jnp.max(xf)
    else:
        lo_a, hi_a = jnp.asarray(lo, xf.dtype), jnp.asarray(hi, xf.dtype)
    hi_a = jnp.where(hi_a == lo_a, hi_a + 1, hi_a)
    lo_a = jnp.where(hi_a == lo_a + 1, lo_a, lo_a)
    v = xf.ravel()
    inside = (v >= lo_a) & (v <= hi_a)
    b = jnp.clip(((v - lo_a) * bins / (hi_a - lo_a)).astype(jnp.int32), 0, bins - 1)
    return jnp.zeros((bins,), xf.dtype).at[b].add(inside.astype(xf.dtype))


@op("in_topk")
def _in_topk(x1, x2, k):
    k = static_int("InTopK", "k", k)
    tgt = jnp.take_along_axis(x1, x2[:, None].astype(jnp.int32), axis=1)
    rank = jnp.sum(x1 > tgt, axis=1)
    return rank < k


# --- unique -------------------------------------------------------------------------------------


def _idx_dtype(x):
    """MindSpore's Unique: Int64 indices for Int64 input, Int32 otherwise."""
    return _I64 if x.dtype == _I64 else _I32


@op("unique")
def _unique(x):
    """(unique values in order of first appearance, inverse index): MindSpore's order on CPU."""
    _need_concrete("Unique", x)
    a = np.asarray(x).ravel()
    vals, first, inv = np.unique(a, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    dt = _idx_dtype(x)
    return jnp.asarray(vals[order]), jnp.asarray(rank[inv].reshape(x.shape).astype(dt))


@op("unique_sorted")
def _unique_sorted(x, sorted=True, return_inverse=False, return_counts=False, dim=None):
    _need_concrete("Unique", x)
    a = np.asarray(x)
    vals, inv, cnt = np.unique(a, return_inverse=True, return_counts=True, axis=dim)
    out = [jnp.asarray(vals)]
    if return_inverse:
        out.append(jnp.asarray(inv.reshape(a.shape if dim is None else (-1,)).astype(np.int64)))
    if return_counts:
        out.append(jnp.asarray(cnt.astype(np.int64)))
    return out[0] if len(out) == 1 else tuple(out)


@op("unique_consecutive")
def _unique_consecutive(x, return_inverse=False, return_counts=False, dim=None):
    _need_concrete("UniqueConsecutive", x)
    a = np.asarray(x)
    if dim is None:
        flat = a.ravel()
        change = np.concatenate([[True], flat[1:] != flat[:-1]]) if flat.size else np.zeros(0, bool)
        vals = flat[change]
        inv = (np.cumsum(change) - 1).reshape(a.shape)
    else:
        d = norm_axis("UniqueConsecutive", dim, a.ndim, "dim")
        m = np.moveaxis(a, d, 0).reshape(a.shape[d], -1)
        change = np.concatenate([[True], np.any(m[1:] != m[:-1], axis=1)]) if len(m) else np.zeros(0, bool)
        vals = np.moveaxis(np.moveaxis(a, d, 0)[change], 0, d)
        inv = np.cumsum(change) - 1
    counts = np.diff(np.append(np.nonzero(change)[0], change.size))
    out = [jnp.asarray(vals)]
    if return_inverse:
        out.append(jnp.asarray(inv.astype(np.int64)))
    if return_counts:
        out.append(jnp.asarray(counts.astype(np.int64)))
    return out[0] if len(out) == 1 else tuple(out)


@op("unique_with_pad")
def _unique_with_pad(x, pad_num):
    """Static shape: unique values (first-appearance order) padded with ``pad_num`` to len(x)."""
    n = x.shape[-1]
    eq = x[..., :, None] == x[..., None, :]  # (.., n, n)
    first_pos = jnp.argmax(eq, axis=-1)  # first j with x[j] == x[i]
    is_first = first_pos == jnp.arange(n)
    slot = jnp.cumsum(is_first, axis=-1) - 1  # output slot of each first occurrence
    idx = jnp.take_along_axis(slot, first_pos, axis=-1)
    pad = jnp.asarray(pad_num).astype(x.dtype)
    y = jnp.full(x.shape, pad, x.dtype)
    tgt = jnp.where(is_first, slot, n)  # non-first entries go to a dropped slot
    if x.ndim == 1:
        y = y.at[tgt].set(x, mode="drop")
    else:
        y = jax.vmap(lambda yy, t, xx: yy.at[t].set(xx, mode="drop"))(y, tgt, x)
    return y, idx.astype(_idx_dtype(x))


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
def scatter_nd(indices, updates, shape):
    return call("scatter_nd", indices, updates, shape)


def _ts(kind, name):
    def f(input_x, indices, updates):
        return call("tensor_scatter", input_x, indices, updates, kind, name)

    return f


for _k, _n in [
    ("update", "TensorScatterUpdate"),
    ("add", "TensorScatterAdd"),
    ("sub", "TensorScatterSub"),
    ("max", "TensorScatterMax"),
    ("min", "TensorScatterMin"),
    ("mul", "TensorScatterMul"),
    ("div", "TensorScatterDiv"),
]:
    functional(_ts(_k, _n), name=f"tensor_scatter_{_k}")
    _simple_prim(_n, _ts(_k, _n))


@functional
def tensor_scatter_elements(input_x, indices, updates, axis=0, reduction="none"):
    return call("tensor_scatter_elements", input_x, indices, updates, axis, reduction)


@functional
def scatter(input, axis, index, src):
    return call("tensor_scatter_elements", input, index, src, axis, "none")


@functional
def index_add(x, indices, y, axis, use_lock=True, check_index_bound=True):
    return call("index_add", x, indices, y, axis)


@functional
def index_fill(x, axis, index, value):
    return call("index_fill", x, axis, index, value)


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


@functional
def sort(input_x, axis=-1, descending=False):
    return call("sort", input_x, axis, descending)


@functional
def argsort(input, axis=-1, descending=False):
    return call("sort", input, axis, descending)[1]


@functional
def topk(input, k, dim=None, largest=True, sorted=True):
    return call("topk", input, k, dim, largest, sorted)


@functional
def searchsorted(sorted_sequence, values, *, out_int32=False, right=False, side=None, sorter=None):
    return call("searchsorted", sorted_sequence, values, out_int32, right, side, sorter)


@functional
def bucketize(input, boundaries, *, right=False):
    return call("bucketize", input, boundaries, right)


@functional
def bincount(input, weights=None, minlength=0):
    return call("bincount", input, weights, minlength)


@functional
def histc(input, bins=100, min=0.0, max=0.0):
    return call("histc", input, bins, min, max)


@functional
def intopk(x1, x2, k):
    return call("in_topk", x1, x2, k)


@functional
def unique(input):
    return call("unique", input)


@functional
def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    return call("unique_consecutive", input, return_inverse, return_counts, dim)


@functional
def unique_with_pad(x, pad_num):
    return call("unique_with_pad", x, pad_num)


# --- primitive views ---------------------------------------------------------------------------

_attr_prim("Gather", {"batch_dims": 0}, lambda self, p, i, axis: call("gather", p, i, axis, self.batch_dims))
_simple_prim("GatherV2", lambda p, i, axis: call("gather", p, i, axis))
_simple_prim("SparseGatherV2", lambda p, i, axis: call("gather", p, i, axis))
_simple_prim("GatherD", lambda x, dim, index: call("gather_elements", x, dim, index))
_simple_prim("GatherNd", lambda x, indices: call("gather_nd", x, indices))
_simple_prim("ScatterNd", lambda indices, updates, shape: call("scatter_nd", indices, updates, shape))
_attr_prim(
    "TensorScatterElements",
    {"axis": 0, "reduction": "none"},
    lambda self, x, i, u: call("tensor_scatter_elements", x, i, u, self.axis, self.reduction),
)


def _index_add_prim(self, x, indices, y):
    """``P.IndexAdd(axis)(x, indices, y)``: a Parameter ``x`` is updated in place."""
    out = call("index_add", x, indices, y, self.axis)
    return _param_write("IndexAdd", x, out._data) if isinstance(x, Parameter) else out


_attr_prim("IndexAdd", {"axis": 0, "use_lock": True, "check_index_bound": True}, _index_add_prim)
_simple_prim("IndexFill", lambda x, dim, index, value: call("index_fill", x, dim, index, value))
_simple_prim("MaskedFill", lambda x, mask, value: call("masked_fill", x, mask, value))
_simple_prim("MaskedSelect", lambda x, mask: call("masked_select", x, mask))
_simple_prim("Select", lambda cond, x, y: call("select", cond, x, y))
_simple_prim("NonZero", lambda x: call("nonzero", x, False))
_simple_prim("Unique", lambda x: call("unique", x))
_simple_prim("UniqueWithPad", lambda x, pad_num: call("unique_with_pad", x, pad_num))
_attr_prim(
    "UniqueConsecutive",
    {"return_inverse": False, "return_counts": False, "dim": None},
    lambda self, x: call("unique_consecutive", x, self.return_inverse, self.return_counts, self.dim),
)
_attr_prim(
    "OneHot",
    {"axis": -1},
    lambda self, indices, depth, on, off: call("one_hot", indices, depth, on, off, self.axis),
)
_attr_prim(
    "Sort", {"axis": -1, "descending": False}, lambda self, x: call("sort", x, self.axis, self.descending)
)
_attr_prim("TopK", {"sorted": True}, lambda self, x, k: call("topk", x, k, None, True, True))
_attr_prim(
    "SearchSorted",
    {"dtype": None, "right": False},
    lambda self, seq, v: call("searchsorted", seq, v, np_dtype(self.dtype, _I64) == _I32, self.right),
)
_attr_prim("Bucketize", {"boundaries": ()}, lambda self, x: call("bucketize", x, self.boundaries))
_attr_prim("InTopK", {"k": 1}, lambda self, x1, x2: call("in_topk", x1, x2, self.k))
_simple_prim("Bincount", lambda x, size, weights: call("bincount", x, weights, size))


# --- Tensor methods ------------------------------------------------------------------------------

tensor_method("gather")(
    lambda self, input_indices, axis, batch_dims=0: call("gather", self, input_indices, axis, batch_dims)
)
tensor_method("gather_elements")(lambda self, dim, index: call("gather_elements", self, dim, index))
tensor_method("gather_nd")(lambda self, indices: call("gather_nd", self, indices))
tensor_method("index_select")(lambda self, axis, index: call("index_select", self, axis, index))
tensor_method("take")(lambda self, indices, axis=None, mode="clip": call("take", self, indices))
tensor_method("scatter")(
    lambda self, axis, index, src: call("tensor_scatter_elements", self, index, src, axis)
)
tensor_method("scatter_add")(
    lambda self, dim, index, src: call("tensor_scatter_elements", self, index, src, dim, "add")
)
tensor_method("index_add")(
    lambda self, dim, index, source, *, alpha=1: call(
        "index_add", self, index, source * alpha if alpha != 1 else source, dim
    )
)
tensor_method("index_fill")(lambda self, axis, index, value: call("index_fill", self, axis, index, value))
tensor_method("masked_fill")(lambda self, mask, value: call("masked_fill", self, mask, value))
tensor_method("masked_select")(lambda self, mask: call("masked_select", self, mask))
tensor_method("masked_scatter")(lambda self, mask, x: call("masked_scatter", self, mask, x))
tensor_method("where")(lambda self, condition, y: call("select", condition, self, y))
tensor_method("nonzero")(lambda self, *, as_tuple=False: call("nonzero", self, as_tuple))
tensor_method("argwhere")(lambda self: call("nonzero", self, False))
tensor_method("sort")(lambda self, axis=-1, descending=False: call("sort", self, axis, descending))
tensor_method("argsort")(lambda self, axis=-1, descending=False: call("sort", self, axis, descending)[1])
tensor_method("topk")(
    lambda self, k, dim=None, largest=True, sorted=True: call("topk", self, k, dim, largest, sorted)
)
tensor_method("searchsorted")(
    lambda self, v, side="left", sorter=None: call("searchsorted", self, v, False, False, side, sorter)
)
tensor_method("bincount")(lambda self, weights=None, minlength=0: call("bincount", self, weights, minlength))
tensor_method("histc")(lambda self, bins=100, min=0.0, max=0.0: call("histc", self, bins, min, max))
tensor_method("unique_consecutive")(
    lambda self, return_inverse=False, return_counts=False, dim=None: call(
        "unique_consecutive", self, return_inverse, return_counts, dim
    )
)


def _t_scatter_(self, dim, index, src, *, reduce=None):
    new = call("tensor_scatter_elements", self, index, src, dim, "none" if reduce is None else reduce)
    self._data = new._data
    return self


tensor_method("scatter_")(_t_scatter_)


# --- mint -----------------------------------------------------------------------------------------

mint("gather")(lambda input, dim, index: call("gather_elements", input, dim, index))
mint("index_select")(lambda input, dim, index: call("index_select", input, dim, index))
mint("take")(lambda input, index: call("take", input, index))
mint("scatter")(lambda input, dim, index, src: call("tensor_scatter_elements", input, index, src, dim))
mint("scatter_add")(
    lambda input, dim, index, src: call("tensor_scatter_elements", input, index, src, dim, "add")
)
mint("index_add")(lambda input, dim, index, source, *, alpha=1: call("index_add", input, index, source, dim))
mint("masked_select")(lambda input, mask: call("masked_select", input, mask))
mint("where")(
    lambda condition, input=None, other=None: (
        call("nonzero", condition, True) if input is None else call("select", condition, input, other)
    )
)
mint("nonzero")(lambda input, *, as_tuple=False: call("nonzero", input, as_tuple))
mint("sort")(lambda input, *, dim=-1, descending=False, stable=False: call("sort", input, dim, descending))
mint("argsort")(lambda input, dim=-1, descending=False, stable=False: call("sort", input, dim, descending)[1])
mint("topk")(lambda input, k, dim=-1, largest=True, sorted=True: call("topk", input, k, dim, largest, sorted))
mint("searchsorted")(
    lambda sorted_sequence, values, *, out_int32=False, right=False, side=None, sorter=None: call(
        "searchsorted", sorted_sequence, values, out_int32, right, side, sorter
    )
)
mint("bincount")(lambda input, weights=None, minlength=0: call("bincount", input, weights, minlength))
mint("histc")(lambda input, bins=100, min=0, max=0: call("histc", input, bins, min, max))
mint("unique")(
    lambda input, sorted=True, return_inverse=False, return_counts=False, dim=None: call(
        "unique_sorted", input, sorted, return_inverse, return_counts, dim
    )
)
mint("unique_consecutive")(
    lambda input, return_inverse=False, return_counts=False, dim=None: call(
        "unique_consecutive", input, return_inverse, return_counts, dim
    )
)
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
