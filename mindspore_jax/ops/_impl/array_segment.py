"""More array ops: segment reductions, space <-> batch, triangle indices, windows, matrix band /
diagonal ops (TensorFlow's MatrixDiagV3 family) and small creation helpers.

``UnsortedSegment*`` have a static output shape (``num_segments`` rows) and compile; the sorted
``Segment*`` primitives take their row count from the ids' values and run eagerly only.
"""

from __future__ import annotations

import builtins
import itertools
import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array
from ._array_common import _attr_prim, _simple_prim, np_dtype, static_int, static_value

_F32 = np.dtype(np.float32)
_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)


def _int_tensor(name, x, argname):
    if not is_array(x) or x.dtype.kind not in "iu":
        dt = R.ms_dtype(x) if is_array(x) else type(x).__name__
        R.raise_error(
            TypeError, name, f"the '{argname}' must be a Tensor of int16, int32 or int64, but got {dt}."
        )


# --- segment reductions -------------------------------------------------------------------------


def _empty_fill(kind, dt):
    dt = np.dtype(dt)
    if kind == "max":
        return np.finfo(dt).min if dt.kind == "f" else (np.iinfo(dt).min if dt.kind in "iu" else False)
    if kind == "min":
        return np.finfo(dt).max if dt.kind == "f" else (np.iinfo(dt).max if dt.kind in "iu" else True)
    return 1 if kind == "prod" else 0


def _segment_reduce(name, kind, x, ids, num, fill_empty):
    k = ids.ndim
    if tuple(ids.shape) != tuple(x.shape[:k]):
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'segment_ids' {list(ids.shape)} must be a prefix of the shape of 'input_x' "
            f"{list(x.shape)}.",
        )
    flat_x = jnp.reshape(x, (-1,) + tuple(x.shape[k:]))
    flat_i = jnp.reshape(ids, (-1,)).astype(jnp.int32)
    flat_i = jnp.where(flat_i < 0, num, flat_i)  # negative ids are dropped
    fn = {
        "sum": jax.ops.segment_sum,
        "max": jax.ops.segment_max,
        "min": jax.ops.segment_min,
        "prod": jax.ops.segment_prod,
    }[kind]
    out = fn(flat_x, flat_i, num_segments=num)
    if kind in ("max", "min"):
        cnt = jax.ops.segment_sum(jnp.ones_like(flat_i), flat_i, num_segments=num)
        cnt = jnp.reshape(cnt, (num,) + (1,) * (out.ndim - 1))
        out = jnp.where(cnt > 0, out, jnp.asarray(fill_empty(kind, x.dtype), x.dtype))
    return out.astype(x.dtype)


@op("unsorted_segment")
def _unsorted_segment(x, segment_ids, num_segments, kind="sum"):
    name = "UnsortedSegment" + kind.capitalize()
    _int_tensor(name, segment_ids, "segment_ids")
    num = static_int(name, "num_segments", num_segments)
    if num <= 0:
        R.raise_error(ValueError, name, f"the 'num_segments' must be greater than 0, but got {num}.")
    return _segment_reduce(name, kind, x, segment_ids, num, _empty_fill)


@op("segment")
def _segment(x, segment_ids, kind="sum"):
    """Sorted ``Segment*``: ``ids[-1] + 1`` rows (eager only); empty segments hold 0."""
    name = "Segment" + kind.capitalize()
    _int_tensor(name, segment_ids, "segment_ids")
    if segment_ids.ndim != 1 or segment_ids.shape[0] != x.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the 'segment_ids' must be 1-D with length x.shape[0] = {x.shape[0] if x.ndim else 0}, "
            f"but got shape {list(segment_ids.shape)}.",
        )
    if isinstance(segment_ids, jax.core.Tracer):
        R.raise_error(
            RuntimeError,
            name,
            "the output shape depends on the values of 'segment_ids', which is not supported inside a "
            "compiled graph by mindspore_jax; use ops.unsorted_segment_* with a static num_segments.",
        )
    ids = np.asarray(segment_ids)
    if ids.size and (np.any(np.diff(ids) < 0) or ids[0] < 0):
        R.raise_error(
            ValueError, name, "the 'segment_ids' must be non-negative and sorted in ascending order."
        )
    num = int(ids[-1]) + 1 if ids.size else 0
    if kind == "mean":
        s = _segment_reduce(name, "sum", x, segment_ids, num, _empty_fill)
        cnt = np.bincount(ids, minlength=num).reshape((num,) + (1,) * (x.ndim - 1))
        return (s / jnp.asarray(np.maximum(cnt, 1), s.dtype)).astype(x.dtype)
    return _segment_reduce(name, kind, x, segment_ids, num, lambda k, dt: 0)


for _k in ("sum", "max", "min", "prod"):
    functional(
        (
            lambda k: (
                lambda input_x, segment_ids, num_segments: call(
                    "unsorted_segment", input_x, segment_ids, num_segments, k
                )
            )
        )(_k),
        name=f"unsorted_segment_{_k}",
    )
    _simple_prim(
        f"UnsortedSegment{_k.capitalize()}",
        (
            lambda k: (
                lambda x, segment_ids, num_segments: call("unsorted_segment", x, segment_ids, num_segments, k)
            )
        )(_k),
    )
    tensor_method(f"unsorted_segment_{_k}")(
        (
            lambda k: (
                lambda self, segment_ids, num_segments: call(
                    "unsorted_segment", self, segment_ids, num_segments, k
                )
            )
        )(_k)
    )

for _k in ("sum", "max", "min", "prod", "mean"):
    _simple_prim(
        f"Segment{_k.capitalize()}",
        (lambda k: lambda x, segment_ids: call("segment", x, segment_ids, k))(_k),
    )


# --- space <-> batch (the last len(block_shape) dims are the spatial ones) -----------------------


def _block_args(name, block, pads, nspatial_max, pads_name):
    block = static_value(name, "block_shape", block)
    block = [int(block)] if isinstance(block, (int, np.integer)) else [int(b) for b in block]
    pads = static_value(name, pads_name, pads)
    pads = [[int(a), int(b)] for a, b in pads]
    if len(pads) != len(block):
        R.raise_error(
            ValueError,
            name,
            f"the length of '{pads_name}' {pads} must equal the length of 'block_shape' {block}.",
        )
    if any(b < 1 for b in block) or any(p < 0 for pr in pads for p in pr):
        R.raise_error(
            ValueError,
            name,
            f"the 'block_shape' must be positive and '{pads_name}' non-negative, but got {block} and {pads}.",
        )
    if len(block) > nspatial_max:
        R.raise_error(
            ValueError, name, f"the length of 'block_shape' {block} is too large for the input rank."
        )
    return block, pads


@op("space_to_batch_nd")
def _space_to_batch_nd(x, block_shape, paddings, name="SpaceToBatchND"):
    block, pads = _block_args(name, block_shape, paddings, x.ndim - 1, "paddings")
    m = len(block)
    lead = x.ndim - m
    padded = [x.shape[lead + i] + pads[i][0] + pads[i][1] for i in builtins.range(m)]
    for p, b in zip(padded, block):
        if p % b:
            R.raise_error(
                ValueError,
                name,
                f"the padded spatial size must be divisible by the block size, but got padded shape {p} "
                f"and block size {b} (input shape {list(x.shape)}, paddings {pads}).",
            )
    y = jnp.pad(x, [(0, 0)] * lead + [tuple(p) for p in pads])
    n, mid = x.shape[0], tuple(x.shape[1:lead])
    shape = (n,) + mid
    for p, b in zip(padded, block):
        shape += (p // b, b)
    y = jnp.reshape(y, shape)
    nm = len(mid)
    perm = [1 + nm + 2 * i + 1 for i in builtins.range(m)] + [0] + list(builtins.range(1, 1 + nm))
    perm += [1 + nm + 2 * i for i in builtins.range(m)]
    y = jnp.transpose(y, perm)
    return jnp.reshape(y, (n * math.prod(block),) + mid + tuple(p // b for p, b in zip(padded, block)))


@op("batch_to_space_nd")
def _batch_to_space_nd(x, block_shape, crops, name="BatchToSpaceND"):
    block, crops = _block_args(name, block_shape, crops, x.ndim - 1, "crops")
    m = len(block)
    lead = x.ndim - m
    bp = math.prod(block)
    if x.shape[0] % bp:
        R.raise_error(
            ValueError,
            name,
            f"the first dim of 'input_x' must be divisible by 'block_shape_prod'. But got first dim of "
            f"'input_x': {x.shape[0]}, 'block_shape_prod': {bp}.",
        )
    n = x.shape[0] // bp
    mid = tuple(x.shape[1:lead])
    sp = tuple(x.shape[lead:])
    for i, (c, s, b) in enumerate(zip(crops, sp, block)):
        if c[0] + c[1] > s * b:
            R.raise_error(
                ValueError,
                name,
                f"the crops {crops} exceed the spatial size {s * b} of dim {lead + i}.",
            )
    y = jnp.reshape(x, tuple(block) + (n,) + mid + sp)
    nm = len(mid)
    perm = [m] + [m + 1 + j for j in builtins.range(nm)]
    for i in builtins.range(m):
        perm += [m + 1 + nm + i, i]
    y = jnp.transpose(y, perm)
    y = jnp.reshape(y, (n,) + mid + tuple(s * b for s, b in zip(sp, block)))
    sl = (builtins.slice(None),) * lead + tuple(
        builtins.slice(c[0], s * b - c[1]) for c, s, b in zip(crops, sp, block)
    )
    return y[sl]


@functional
def space_to_batch_nd(input_x, block_size, paddings):
    return call("space_to_batch_nd", input_x, block_size, paddings)


@functional
def batch_to_space_nd(input_x, block_shape, crops):
    return call("batch_to_space_nd", input_x, block_shape, crops)


_attr_prim(
    "SpaceToBatchND",
    {"block_shape": None, "paddings": None},
    lambda self, x: call("space_to_batch_nd", x, self.block_shape, self.paddings),
)
_attr_prim(
    "BatchToSpaceND",
    {"block_shape": None, "crops": None},
    lambda self, x: call("batch_to_space_nd", x, self.block_shape, self.crops),
)
_simple_prim(
    "BatchToSpaceNDV2",
    lambda x, block_shape, crops: call("batch_to_space_nd", x, block_shape, crops, "BatchToSpaceNDV2"),
)
_attr_prim(
    "SpaceToBatch",
    {"block_size": 2, "paddings": None},
    lambda self, x: call("space_to_batch_nd", x, [self.block_size] * 2, self.paddings, "SpaceToBatch"),
    doc="``P.SpaceToBatch(block_size, paddings)``: NCHW, the same block for H and W "
    "(MindSpore 2.10 has no CPU kernel; TensorFlow's documented semantics).",
)
_attr_prim(
    "BatchToSpace",
    {"block_size": 2, "crops": None},
    lambda self, x: call("batch_to_space_nd", x, [self.block_size] * 2, self.crops, "BatchToSpace"),
    doc="``P.BatchToSpace(block_size, crops)``: NCHW inverse of SpaceToBatch.",
)


# --- triangle indices, windows, small creation helpers --------------------------------------------


@op("tri_indices")
def _tri_indices(row, col, offset=0, dtype=None, upper=False):
    name = "TriuIndices" if upper else "TrilIndices"
    row, col, offset = (static_value(name, n, v) for n, v in (("row", row), ("col", col), ("offset", offset)))
    for n, v in (("row", row), ("col", col)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
            R.raise_error(ValueError, name, f"the '{n}' must be int and must >= 0, but got {v!r}.")
    fn = np.triu_indices if upper else np.tril_indices
    r, c = fn(int(row), int(offset), int(col))
    return jnp.asarray(np.stack([r, c]).astype(np_dtype(dtype, _I64)).reshape(2, -1))


functional(
    lambda row, col, offset=0, *, dtype=mstype.int64: call("tri_indices", row, col, offset, dtype, False),
    name="tril_indices",
)
functional(
    lambda row, col, offset=0, *, dtype=mstype.int64: call("tri_indices", row, col, offset, dtype, True),
    name="triu_indices",
)
_attr_prim(
    "TrilIndices",
    {"row": 0, "col": 0, "offset": 0, "dtype": mstype.int32},
    lambda self: call("tri_indices", self.row, self.col, self.offset, self.dtype, False),
)
_attr_prim(
    "TriuIndices",
    {"row": 0, "col": 0, "offset": 0, "dtype": mstype.int32},
    lambda self: call("tri_indices", self.row, self.col, self.offset, self.dtype, True),
)


def _window_len(name, n):
    n = static_value(name, "window_length", n)
    if isinstance(n, list) and len(n) == 1:
        n = n[0]
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
        R.raise_error(TypeError, name, f"the 'window_length' must be a non-negative integer, but got {n!r}.")
    return int(n)


@op("window")
def _window(kind, window_length, periodic=True, dtype=None, alpha=0.54, beta=0.46):
    """Bartlett / Blackman / Hamming / Hann / Kaiser windows, computed in float64 then cast."""
    name = {
        "bartlett": "BartlettWindow",
        "blackman": "BlackmanWindow",
        "hamming": "HammingWindow",
        "hann": "hann_window",
        "kaiser": "kaiser_window",
    }[kind]
    n = _window_len(name, window_length)
    dt = np_dtype(dtype, _F32)
    if n <= 1:
        return jnp.ones((n,), dt)
    m = n + 1 if periodic else n
    k = np.arange(n, dtype=np.float64)
    if kind == "bartlett":
        w = 1 - np.abs(2 * k / (m - 1) - 1)
    elif kind == "blackman":
        w = 0.42 - 0.5 * np.cos(2 * np.pi * k / (m - 1)) + 0.08 * np.cos(4 * np.pi * k / (m - 1))
    elif kind == "hamming":
        w = alpha - beta * np.cos(2 * np.pi * k / (m - 1))
    elif kind == "hann":
        w = 0.5 - 0.5 * np.cos(2 * np.pi * k / (m - 1))
    else:
        w = np.i0(beta * np.sqrt(np.clip(1 - (2 * k / (m - 1) - 1) ** 2, 0, None))) / np.i0(beta)
    return jnp.asarray(w.astype(dt))


functional(
    lambda window_length, periodic=True, *, dtype=None: call(
        "window", "bartlett", window_length, periodic, dtype
    ),
    name="bartlett_window",
)
functional(
    lambda window_length, periodic=True, *, dtype=None: call(
        "window", "blackman", window_length, periodic, dtype
    ),
    name="blackman_window",
)
functional(
    lambda window_length, periodic=True, alpha=0.54, beta=0.46, *, dtype=None: call(
        "window", "hamming", window_length, periodic, dtype, alpha, beta
    ),
    name="hamming_window",
)
functional(
    lambda window_length, periodic=True, *, dtype=None: call(
        "window", "hann", window_length, periodic, dtype
    ),
    name="hann_window",
)
functional(
    lambda window_length, periodic=True, beta=12.0, *, dtype=None: call(
        "window", "kaiser", window_length, periodic, mstype.float64 if dtype is None else dtype, 0.0, beta
    ),
    name="kaiser_window",
)
_attr_prim(
    "BartlettWindow",
    {"periodic": True, "dtype": mstype.float32},
    lambda self, n: call("window", "bartlett", n, self.periodic, self.dtype),
)
_attr_prim(
    "BlackmanWindow",
    {"periodic": True, "dtype": mstype.float32},
    lambda self, n: call("window", "blackman", n, self.periodic, self.dtype),
)
_attr_prim(
    "HammingWindow",
    {"periodic": True, "alpha": 0.54, "beta": 0.46, "dtype": mstype.float32},
    lambda self, n: call("window", "hamming", n, self.periodic, self.dtype, self.alpha, self.beta),
)


@op("block_diag")
def _block_diag(*xs):
    mats = [x.reshape(1, -1) if x.ndim < 2 else x for x in xs]
    for x in mats:
        if x.ndim != 2:
            R.raise_error(
                ValueError, "block_diag", f"each input must be at most 2-D, but got {list(x.shape)}."
            )
    dt = jnp.result_type(*mats)
    rows = builtins.sum(x.shape[0] for x in mats)
    cols = builtins.sum(x.shape[1] for x in mats)
    out = jnp.zeros((rows, cols), dt)
    r = c = 0
    for x in mats:
        out = out.at[r : r + x.shape[0], c : c + x.shape[1]].set(x.astype(dt))
        r, c = r + x.shape[0], c + x.shape[1]
    return out


@op("cartesian_prod")
def _cartesian_prod(*xs):
    for x in xs:
        if x.ndim != 1:
            R.raise_error(ValueError, "cartesian_prod", f"each input must be 1-D, but got {list(x.shape)}.")
    grids = jnp.meshgrid(*xs, indexing="ij")
    return jnp.stack([g.ravel() for g in grids], axis=1)


@op("combinations")
def _combinations(x, r=2, with_replacement=False):
    if x.ndim != 1:
        R.raise_error(ValueError, "combinations", f"the 'input' must be 1-D, but got {list(x.shape)}.")
    r = static_int("combinations", "r", r)
    fn = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    idx = np.asarray(list(fn(builtins.range(x.shape[0]), r)), np.int64).reshape(-1, r)
    return x[idx]


@op("vander")
def _vander(x, N=None):
    if x.ndim != 1:
        R.raise_error(ValueError, "vander", f"the 'x' must be 1-D, but got {list(x.shape)}.")
    n = x.shape[0] if N is None else static_int("vander", "N", N)
    return jnp.vander(x, n)


@op("sequence_mask")
def _sequence_mask(lengths, maxlen=None):
    if maxlen is None:
        if isinstance(lengths, jax.core.Tracer):
            R.raise_error(ValueError, "SequenceMask", "the 'maxlen' must be given inside a compiled graph.")
        maxlen = int(np.max(np.asarray(lengths))) if lengths.size else 0
    maxlen = static_int("SequenceMask", "maxlen", maxlen)
    return jnp.arange(maxlen) < jnp.expand_dims(lengths, -1)


@op("padding")
def _padding(x, pad_dim_size=8):
    pad = static_int("Padding", "pad_dim_size", pad_dim_size)
    if x.ndim < 1 or x.shape[-1] != 1:
        R.raise_error(
            ValueError, "Padding", f"the last dimension of 'x' must be 1, but got shape {list(x.shape)}."
        )
    if pad < 1:
        R.raise_error(ValueError, "Padding", f"the 'pad_dim_size' must be positive, but got {pad}.")
    return jnp.pad(x, [(0, 0)] * (x.ndim - 1) + [(0, pad - 1)])


functional(lambda *inputs: call("block_diag", *inputs), name="block_diag")
functional(lambda *inputs: call("cartesian_prod", *inputs), name="cartesian_prod")
functional(
    lambda input, r=2, with_replacement=False: call("combinations", input, r, with_replacement),
    name="combinations",
)
functional(lambda x, N=None: call("vander", x, N), name="vander")
functional(lambda lengths, maxlen=None: call("sequence_mask", lengths, maxlen), name="sequence_mask")
functional(lambda x, pad_dim_size=8: call("padding", x, pad_dim_size), name="padding")
_attr_prim("Padding", {"pad_dim_size": 8}, lambda self, x: call("padding", x, self.pad_dim_size))
_simple_prim("ParallelConcat", lambda values: call("concat", values, 0))
_simple_prim("Expand", lambda x, shape: call("broadcast_to", x, shape))


@primitive
class IdentityN(Primitive):
    """``P.IdentityN()(xs)``: the tensors of the list / tuple, unchanged."""

    def __init__(self):
        super().__init__("IdentityN")

    def __call__(self, x):
        if not isinstance(x, (list, tuple)) or not x:
            R.raise_error(
                TypeError,
                "IdentityN",
                f"the 'x' must be a non-empty list or tuple of Tensors, but got {type(x).__name__}.",
            )
        return type(x)(call("identity", t) for t in x)


@primitive
class InvertPermutation(Primitive):
    """``P.InvertPermutation()(perm)``: a tuple of ints (a compile-time constant)."""

    def __init__(self):
        super().__init__("InvertPermutation")

    def __call__(self, x):
        x = static_value("InvertPermutation", "input_x", R.unwrap(x))
        x = list(x) if isinstance(x, (list, tuple)) else [x]
        if sorted(x) != list(builtins.range(len(x))):
            R.raise_error(
                ValueError,
                "InvertPermutation",
                f"the 'input_x' must be a permutation of 0..n-1, but got {x}.",
            )
        inv = [0] * len(x)
        for i, v in enumerate(x):
            inv[v] = i
        return tuple(inv)


# --- matrix band / diagonal ops (TensorFlow's MatrixDiagV3 semantics) ---------------------------


def _check_matrix(name, x, argname="x"):
    if x.ndim < 2:
        R.raise_error(
            ValueError, name, f"the '{argname}' must be at least 2-D, but got shape {list(x.shape)}."
        )


@op("matrix_band_part")
def _matrix_band_part(x, lower, upper):
    _check_matrix("MatrixBandPart", x)
    m, n = x.shape[-2:]
    i = jnp.arange(m)[:, None]
    j = jnp.arange(n)[None, :]
    lower, upper = jnp.asarray(lower), jnp.asarray(upper)
    keep = ((lower < 0) | (i - j <= lower)) & ((upper < 0) | (j - i <= upper))
    return jnp.where(keep, x, jnp.zeros((), x.dtype))


def _k_range(name, k):
    k = static_value(name, "k", k)
    k = [k] if isinstance(k, (int, np.integer)) else list(k)
    if not 1 <= len(k) <= 2:
        R.raise_error(ValueError, name, f"the 'k' must have 1 or 2 elements, but got {k}.")
    k0, k1 = int(k[0]), int(k[-1])
    if k0 > k1:
        R.raise_error(ValueError, name, f"the k[0] must not be greater than k[1], but got {k}.")
    return k0, k1, len(k) == 2


def _diag_layout(rows, cols, k0, k1, align):
    """For each stored diagonal slot (d index, position): the matrix (row, col) or None."""
    if align not in ("RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT"):
        R.raise_error(
            ValueError,
            "MatrixDiagV3",
            f"the 'align' must be one of 'LEFT_RIGHT', 'RIGHT_LEFT', "
            f"'LEFT_LEFT', 'RIGHT_RIGHT', but got {align!r}.",
        )
    sup_left, sub_left = align.split("_")[0] == "LEFT", align.split("_")[1] == "LEFT"
    lens = [
        builtins.min(rows + builtins.min(0, d), cols - builtins.max(0, d)) for d in builtins.range(k0, k1 + 1)
    ]
    maxlen = builtins.max(lens)
    entries = []  # (slot_row, slot_col, r, c)
    for d in builtins.range(k0, k1 + 1):
        ln = builtins.min(rows + builtins.min(0, d), cols - builtins.max(0, d))
        left = (d >= 0 and sup_left) or (d <= 0 and sub_left)
        off = 0 if left else maxlen - ln
        for j in builtins.range(builtins.max(ln, 0)):
            entries.append((k1 - d, j + off, j + builtins.max(0, -d), j + builtins.max(0, d)))
    return maxlen, np.asarray(entries, np.int64).reshape(-1, 4)


@op("matrix_diag_part")
def _matrix_diag_part(x, k=0, padding_value=0, align="RIGHT_LEFT"):
    _check_matrix("MatrixDiagPartV3", x)
    k0, k1, band = _k_range("MatrixDiagPartV3", k)
    rows, cols = x.shape[-2:]
    maxlen, e = _diag_layout(rows, cols, k0, k1, align)
    out = jnp.full(x.shape[:-2] + (k1 - k0 + 1, maxlen), jnp.asarray(padding_value, x.dtype), x.dtype)
    out = out.at[..., e[:, 0], e[:, 1]].set(x[..., e[:, 2], e[:, 3]])
    return out if band else out[..., 0, :]


@op("matrix_diag")
def _matrix_diag(x, k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT"):
    k0, k1, band = _k_range("MatrixDiagV3", k)
    if band and k0 != k1:
        if x.ndim < 2 or x.shape[-2] != k1 - k0 + 1:
            R.raise_error(
                ValueError,
                "MatrixDiagV3",
                f"the 'x' must have k[1] - k[0] + 1 = {k1 - k0 + 1} diagonals on its second last "
                f"dimension, but got shape {list(x.shape)}.",
            )
        d = x
    else:
        d = x[..., None, :]
    maxlen = d.shape[-1]
    num_rows, num_cols = (
        static_int("MatrixDiagV3", n, v) for n, v in (("num_rows", num_rows), ("num_cols", num_cols))
    )
    min_rows = maxlen - builtins.min(k1, 0)
    min_cols = maxlen + builtins.max(k0, 0)
    if num_rows == -1 and num_cols == -1:
        num_rows, num_cols = builtins.max(min_rows, min_cols), builtins.max(min_rows, min_cols)
    elif num_rows == -1:
        num_rows = min_rows
    elif num_cols == -1:
        num_cols = min_cols
    _, e = _diag_layout(num_rows, num_cols, k0, k1, align)
    out = jnp.full(d.shape[:-2] + (num_rows, num_cols), jnp.asarray(padding_value, x.dtype), x.dtype)
    return out.at[..., e[:, 2], e[:, 3]].set(d[..., e[:, 0], e[:, 1]])


@op("matrix_set_diag")
def _matrix_set_diag(x, diagonal, k=0, align="RIGHT_LEFT"):
    _check_matrix("MatrixSetDiagV3", x)
    k0, k1, band = _k_range("MatrixSetDiagV3", k)
    rows, cols = x.shape[-2:]
    maxlen, e = _diag_layout(rows, cols, k0, k1, align)
    d = diagonal if (band and k0 != k1) else diagonal[..., None, :]
    want = x.shape[:-2] + (k1 - k0 + 1, maxlen)
    if tuple(d.shape) != want:
        R.raise_error(
            ValueError,
            "MatrixSetDiagV3",
            f"the shape of 'diagonal' {list(diagonal.shape)} does not fit 'x' {list(x.shape)} and k {k}.",
        )
    return x.at[..., e[:, 2], e[:, 3]].set(d[..., e[:, 0], e[:, 1]].astype(x.dtype))


functional(lambda x, lower, upper: call("matrix_band_part", x, lower, upper), name="matrix_band_part")
functional(
    lambda x, k=0, num_rows=-1, num_cols=-1, padding_value=0, align="RIGHT_LEFT": call(
        "matrix_diag", x, k, num_rows, num_cols, padding_value, align
    ),
    name="matrix_diag",
)
functional(
    lambda x, k, padding_value, align="RIGHT_LEFT": call("matrix_diag_part", x, k, padding_value, align),
    name="matrix_diag_part",
)
functional(
    lambda x, diagonal, k=0, align="RIGHT_LEFT": call("matrix_set_diag", x, diagonal, k, align),
    name="matrix_set_diag",
)
_simple_prim("MatrixBandPart", lambda x, lower, upper: call("matrix_band_part", x, lower, upper))
_attr_prim(
    "MatrixDiagV3",
    {"align": "RIGHT_LEFT"},
    lambda self, x, k, num_rows, num_cols, padding_value: call(
        "matrix_diag", x, k, num_rows, num_cols, padding_value, self.align
    ),
)
_attr_prim(
    "MatrixDiagPartV3",
    {"align": "RIGHT_LEFT"},
    lambda self, x, k, padding_value: call("matrix_diag_part", x, k, padding_value, self.align),
)
_attr_prim(
    "MatrixSetDiagV3",
    {"align": "RIGHT_LEFT"},
    lambda self, x, diagonal, k: call("matrix_set_diag", x, diagonal, k, self.align),
)

mint("dstack")(lambda tensors: call("dstack", tensors))
