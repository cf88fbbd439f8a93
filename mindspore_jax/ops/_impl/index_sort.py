"""Sort and search ops: sort/argsort/topk, searchsorted/bucketize, bincount/histc, in_topk, unique*."""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, tensor_method
from ._array_common import _attr_prim, _simple_prim, norm_axis, np_dtype, static_int, static_value
from ._index_common import _I32, _I64, _as_arr, _need_concrete

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


_simple_prim("Unique", lambda x: call("unique", x))
_simple_prim("UniqueWithPad", lambda x, pad_num: call("unique_with_pad", x, pad_num))
_attr_prim(
    "UniqueConsecutive",
    {"return_inverse": False, "return_counts": False, "dim": None},
    lambda self, x: call("unique_consecutive", x, self.return_inverse, self.return_counts, self.dim),
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
