"""More index ops (inplace_update/add/sub, index_put, *_scatter, bounds, nth element, kthvalue...),
small Tensor helpers (casts, ``t``, ``type``, ``stride``...), and the in-place Tensor methods.

An in-place method (``x.add_(y)``, ``x.masked_fill_(m, v)``...) computes the new value with the op of
the same name, cast back to ``x``'s dtype, and rebinds ``x``'s own value (``x._data = ...``): it
returns ``x`` itself. Inside a compiled function this rebinding is just a new traced value.
"""

from __future__ import annotations

import builtins
import numbers

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array
from ._array_common import _attr_prim, _simple_prim, norm_axis, np_dtype, static_int, static_value
from ._index_common import _check_bounds, _check_int_index, _need_concrete, _param_write

_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)


def _rows(name, x, indices):
    """``indices`` (int, tuple of ints or an int Tensor) as an int array of row numbers."""
    if is_array(indices):
        _check_int_index(name, indices)
        idx = jnp.reshape(indices, (-1,))
    else:
        v = static_value(name, "indices", indices)
        v = [v] if isinstance(v, (numbers.Integral, np.integer)) else list(v)
        for i in v:
            if isinstance(i, bool) or not isinstance(i, (numbers.Integral, np.integer)):
                R.raise_error(TypeError, name, f"the 'indices' must be int or a tuple of ints, but got {v}.")
        idx = np.asarray(v, np.int64).reshape(-1)  # numpy: checked below even while compiling
    if not isinstance(idx, jax.core.Tracer) and idx.size:
        a = np.asarray(idx)
        n = x.shape[0]
        bad = a[(a < -n) | (a >= n)]
        if bad.size:
            R.raise_error(
                RuntimeError,
                name,
                f"the value of 'indices' must be between {-n} and {n - 1}, but got indice: {int(bad[0])}.",
            )
    return idx


# --- inplace_update / add / sub, index_put -------------------------------------------------------


@op("inplace_rows")
def _inplace_rows(x, v, indices, kind="update"):
    name = {"update": "InplaceUpdate", "add": "InplaceAdd", "sub": "InplaceSub"}[kind]
    idx = _rows(name, x, indices)
    v = jnp.asarray(v)
    if v.ndim == x.ndim - 1 and idx.shape[0] == 1:
        v = v[None]
    if v.ndim != x.ndim or v.shape[0] != idx.shape[0] or tuple(v.shape[1:]) != tuple(x.shape[1:]):
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'v' {list(v.shape)} must be (len(indices), *x.shape[1:]) = "
            f"{[int(idx.shape[0])] + list(x.shape[1:])}.",
        )
    v = v.astype(x.dtype)
    if kind == "update":
        return x.at[idx].set(v)
    return x.at[idx].add(v if kind == "add" else -v)


@functional
def inplace_update(x, v, indices):
    return call("inplace_rows", x, v, indices, "update")


@functional
def inplace_add(x, v, indices):
    return call("inplace_rows", x, v, indices, "add")


@functional
def inplace_sub(x, v, indices):
    return call("inplace_rows", x, v, indices, "sub")


_attr_prim(
    "InplaceUpdate", {"indices": ()}, lambda self, x, v: call("inplace_rows", x, v, self.indices, "update")
)
_attr_prim("InplaceAdd", {"indices": ()}, lambda self, x, v: call("inplace_rows", x, v, self.indices, "add"))
_attr_prim("InplaceSub", {"indices": ()}, lambda self, x, v: call("inplace_rows", x, v, self.indices, "sub"))
_simple_prim("InplaceUpdateV2", lambda x, indices, v: call("inplace_rows", x, v, indices, "update"))
tensor_method("inplace_update")(lambda self, v, indices: call("inplace_rows", self, v, indices, "update"))


def _inplace_index_add(var, indices, updates, axis, name="InplaceIndexAdd"):
    if not isinstance(var, Tensor):
        R.raise_error(TypeError, name, f"the 'var' must be a Parameter, but got {type(var).__name__}.")
    x = var._data
    if not -x.ndim <= axis < x.ndim:
        R.raise_error(ValueError, name, f"the 'axis' must be in range [{-x.ndim}, {x.ndim}), but got {axis}.")
    out = call("index_add", var, indices, updates, axis)
    return _param_write(name, var, out._data)


functional(
    lambda var, indices, updates, axis: _inplace_index_add(var, indices, updates, axis),
    name="inplace_index_add",
)
_attr_prim(
    "InplaceIndexAdd",
    {"axis": 0},
    lambda self, var, indices, updates: _inplace_index_add(var, indices, updates, self.axis),
)


@op("index_put")
def _index_put(x, values, indices, accumulate=False):
    if not isinstance(indices, (tuple, list)) or not indices:
        R.raise_error(
            TypeError,
            "IndexPut",
            f"the 'indices' must be a non-empty tuple or list of int Tensors, "
            f"but got {type(indices).__name__}.",
        )
    if len(indices) > x.ndim:
        R.raise_error(
            ValueError,
            "IndexPut",
            f"the number of 'indices' ({len(indices)}) must not exceed the rank of 'x' {list(x.shape)}.",
        )
    idx = []
    for d, i in enumerate(indices):
        if is_array(i) and i.dtype == np.bool_:
            _need_concrete("IndexPut", i)
            idx.extend(jnp.asarray(a) for a in np.nonzero(np.asarray(i)))
            continue
        _check_int_index("IndexPut", i)
        _check_bounds("IndexPut", i, x.shape[d], "indices")
        idx.append(i)
    values = jnp.asarray(values).astype(x.dtype)
    ref = x.at[tuple(idx)]
    return ref.add(values) if accumulate else ref.set(values)


_attr_prim(
    "IndexPut",
    {"accumulate": 0},
    lambda self, x1, x2, indices: call("index_put", x1, x2, tuple(indices), bool(self.accumulate)),
)
tensor_method("index_put")(
    lambda self, indices, values, accumulate=False: call(
        "index_put", self, values, tuple(indices), accumulate
    )
)


# --- select / slice / diagonal scatter -------------------------------------------------------------


def _check_src(name, src, want):
    if tuple(src.shape) != tuple(want):
        R.raise_error(
            ValueError,
            name,
            f"the 'src' shape should be equal to the slice shape, but got src shape {list(src.shape)} and "
            f"slice shape {list(want)}.",
        )


@op("select_scatter")
def _select_scatter(x, src, axis, index):
    ax = norm_axis("select_scatter", axis, x.ndim)
    index = static_int("select_scatter", "index", index)
    n = x.shape[ax]
    if not -n <= index < n:
        R.raise_error(IndexError, "select_scatter", f"the 'index' must be in [{-n}, {n}), but got {index}.")
    _check_src("select_scatter", src, x.shape[:ax] + x.shape[ax + 1 :])
    sl = (builtins.slice(None),) * ax + (index % n,)
    return x.at[sl].set(src.astype(x.dtype))


@op("slice_scatter")
def _slice_scatter(x, src, axis=0, start=None, end=None, step=1):
    ax = norm_axis("slice_scatter", axis, x.ndim)
    s = builtins.slice(
        *(static_value("slice_scatter", n, v) for n, v in (("start", start), ("end", end), ("step", step)))
    )
    sl = (builtins.slice(None),) * ax + (s,)
    want = np.empty(x.shape, np.bool_)[sl].shape
    _check_src("slice_scatter", src, want)
    return x.at[sl].set(src.astype(x.dtype))


@op("diagonal_scatter")
def _diagonal_scatter(x, src, offset=0, dim1=0, dim2=1):
    d1, d2 = (
        norm_axis("diagonal_scatter", dim1, x.ndim, "dim1"),
        norm_axis("diagonal_scatter", dim2, x.ndim, "dim2"),
    )
    if d1 == d2:
        R.raise_error(ValueError, "diagonal_scatter", f"the 'dim1' and 'dim2' must differ, but got {dim1}.")
    offset = static_int("diagonal_scatter", "offset", offset)
    want = np.diagonal(np.empty(x.shape, np.bool_), offset, d1, d2).shape
    _check_src("diagonal_scatter", src, want)
    n = want[-1]
    i = np.arange(n)
    r, c = (i, i + offset) if offset >= 0 else (i - offset, i)
    xm = jnp.moveaxis(x, (d1, d2), (-2, -1))
    xm = xm.at[..., r, c].set(src.astype(x.dtype))
    return jnp.moveaxis(xm, (-2, -1), (d1, d2))


functional(
    lambda input, src, axis, index: call("select_scatter", input, src, axis, index), name="select_scatter"
)
functional(
    lambda input, src, axis=0, start=None, end=None, step=1: call(
        "slice_scatter", input, src, axis, start, end, step
    ),
    name="slice_scatter",
)
functional(
    lambda input, src, offset=0, dim1=0, dim2=1: call("diagonal_scatter", input, src, offset, dim1, dim2),
    name="diagonal_scatter",
)
tensor_method("select_scatter")(lambda self, src, axis, index: call("select_scatter", self, src, axis, index))
tensor_method("slice_scatter")(
    lambda self, src, axis=0, start=None, end=None, step=1: call(
        "slice_scatter", self, src, axis, start, end, step
    )
)
tensor_method("diagonal_scatter")(
    lambda self, src, offset=0, dim1=0, dim2=1: call("diagonal_scatter", self, src, offset, dim1, dim2)
)


# --- more scatter views -----------------------------------------------------------------------------

_attr_prim(
    "ScatterAddWithAxis",
    {"axis": 0},
    lambda self, x, indices, updates: call("tensor_scatter_elements", x, indices, updates, self.axis, "add"),
)


@primitive
class ScatterNonAliasingAdd(Primitive):
    """``P.ScatterNonAliasingAdd()(input_x, indices, updates)``: ScatterNdAdd into the Parameter
    (MindSpore 2.10 has no CPU kernel; documented semantics)."""

    def __init__(self):
        super().__init__("ScatterNonAliasingAdd")

    def __call__(self, input_x, indices, updates):
        out = call("tensor_scatter", input_x, indices, updates, "add", "ScatterNonAliasingAdd")
        return _param_write("ScatterNonAliasingAdd", input_x, out._data)


for _k in ("sub", "mul", "div", "max", "min"):
    tensor_method(f"scatter_{_k}")(
        (
            lambda k: (
                lambda self, indices, updates: call(
                    "tensor_scatter", self, indices, updates, k, f"TensorScatter{k.capitalize()}"
                )
            )
        )(_k)
    )


# --- search / order statistics ------------------------------------------------------------------------


@op("bound")
def _bound(seq, values, right=False, out_type=None):
    name = "UpperBound" if right else "LowerBound"
    if seq.ndim != 2 or values.ndim != 2 or seq.shape[0] != values.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the 'sorted_x' and 'values' must be 2-D with the same first dimension, but got "
            f"{list(seq.shape)} and {list(values.shape)}.",
        )
    side = "right" if right else "left"
    out = jax.vmap(lambda a, v: jnp.searchsorted(a, v, side=side))(seq, values.astype(seq.dtype))
    return out.astype(np_dtype(out_type, _I32))


_attr_prim(
    "LowerBound", {"out_type": mstype.int32}, lambda self, s, v: call("bound", s, v, False, self.out_type)
)
_attr_prim(
    "UpperBound", {"out_type": mstype.int32}, lambda self, s, v: call("bound", s, v, True, self.out_type)
)


@op("nth_element")
def _nth_element(x, n, reverse=False):
    n = static_int("NthElement", "n", n)
    if x.ndim < 1 or not 0 <= n < x.shape[-1]:
        R.raise_error(
            ValueError, "NthElement", f"the 'n' must be in [0, {x.shape[-1] if x.ndim else 0}), but got {n}."
        )
    s = jnp.sort(x, axis=-1)
    return s[..., x.shape[-1] - 1 - n] if reverse else s[..., n]


_attr_prim("NthElement", {"reverse": False}, lambda self, x, n: call("nth_element", x, n, self.reverse))
_attr_prim(
    "Histogram",
    {"bins": 100, "min": 0.0, "max": 0.0},
    lambda self, x: call("histc", x, self.bins, self.min, self.max),
)


@op("histogram_fixed_width")
def _histogram_fixed_width(x, value_range, nbins, dtype="int32"):
    nbins = static_int("HistogramFixedWidth", "nbins", nbins)
    if nbins < 1:
        R.raise_error(ValueError, "HistogramFixedWidth", f"the 'nbins' must be positive, but got {nbins}.")
    lo, hi = value_range[0].astype(jnp.float64 if x.dtype == np.float64 else jnp.float32), value_range[1]
    b = jnp.floor((x.ravel() - lo) / (hi - lo) * nbins).astype(jnp.int32)
    b = jnp.clip(b, 0, nbins - 1)
    return jnp.zeros((nbins,), np_dtype(dtype if dtype != "int32" else None, _I32)).at[b].add(1)


_attr_prim(
    "HistogramFixedWidth",
    {"nbins": 1, "dtype": "int32"},
    lambda self, x, r: call("histogram_fixed_width", x, r, self.nbins),
    doc="``P.HistogramFixedWidth(nbins)(x, range)`` (no MindSpore 2.10 CPU kernel; TF semantics).",
)


@op("unravel_index")
def _unravel_index(indices, dims):
    _check_int_index("UnravelIndex", indices)
    d = [int(v) for v in np.asarray(static_value("UnravelIndex", "dims", dims)).reshape(-1)]
    out = jnp.stack(jnp.unravel_index(indices, d), axis=0)
    return out.astype(indices.dtype)


_simple_prim("UnravelIndex", lambda indices, dims: call("unravel_index", indices, dims))


@op("list_diff")
def _list_diff(x, y, out_idx=None):
    _need_concrete("ListDiff", x, y)
    a, b = np.asarray(x), np.asarray(y)
    keep = ~np.isin(a, b)
    return jnp.asarray(a[keep]), jnp.asarray(np.nonzero(keep)[0].astype(np_dtype(out_idx, _I32)))


_attr_prim("ListDiff", {"out_idx": mstype.int32}, lambda self, x, y: call("list_diff", x, y, self.out_idx))


@op("kthvalue")
def _kthvalue(x, k, dim=-1, keepdim=False):
    """k-th smallest (1-based) along ``dim``: (values, Int64 indices)."""
    ax = norm_axis("kthvalue", dim, x.ndim, "dim")
    k = static_int("kthvalue", "k", k)
    n = x.shape[ax] if x.ndim else 1
    if not 1 <= k <= n:
        R.raise_error(ValueError, "kthvalue", f"the 'k' must be in [1, {n}], but got {k}.")
    xx = x if x.ndim else x.reshape(1)
    idx = jnp.take(jnp.argsort(xx, axis=ax, stable=True), k - 1, axis=ax)
    val = jnp.take_along_axis(xx, jnp.expand_dims(idx, ax), axis=ax)
    idx = jnp.expand_dims(idx, ax)
    if not keepdim:
        val, idx = jnp.squeeze(val, ax), jnp.squeeze(idx, ax)
    return val.reshape(x.shape if x.ndim == 0 else val.shape), idx.astype(_I64).reshape(
        () if x.ndim == 0 else idx.shape
    )


tensor_method("kthvalue")(lambda self, k, dim=-1, keepdim=False: call("kthvalue", self, k, dim, keepdim))
mint("kthvalue")(lambda input, k, dim=-1, keepdim=False: call("kthvalue", input, k, dim, keepdim))
functional(lambda input: call("sort", input, 0, False)[0], name="msort")
tensor_method("msort")(lambda self: call("sort", self, 0, False)[0])


@op("select_dim")
def _select_dim(x, dim, index):
    ax = norm_axis("select", dim, x.ndim, "dim")
    index = static_int("select", "index", index)
    n = x.shape[ax]
    if not -n <= index < n:
        R.raise_error(IndexError, "select", f"the 'index' must be in [{-n}, {n}), but got {index}.")
    return jnp.take(x, index % n, axis=ax)


tensor_method("select")(lambda self, dim, index: call("select_dim", self, dim, index))
mint("select")(lambda input, dim, index: call("select_dim", input, dim, index))
functional(lambda input_x, k, sorted=True: call("topk", input_x, k, None, True, sorted), name="top_k")
tensor_method("top_k")(lambda self, k, sorted=True: call("topk", self, k, None, True, sorted))
tensor_method("unique")(
    lambda self, sorted=True, return_inverse=False, return_counts=False, dim=None: call(
        "unique_sorted", self, sorted, return_inverse, return_counts, dim
    )
)
tensor_method("unique_with_pad")(lambda self, pad_num: call("unique_with_pad", self, pad_num))


# --- Tensor helpers: shape and dtype -----------------------------------------------------------------


def _t(x):
    if x.ndim > 2:
        R.raise_error(ValueError, "t", f"the 'input' must be at most 2-D, but got shape {list(x.shape)}.")
    return call("transpose", x, None) if x.ndim == 2 else x


functional(lambda input: _t(input), name="t")
tensor_method("t")(_t)
functional(lambda input, other: call("broadcast_to", input, other.shape), name="expand_as")
functional(lambda input, other: call("cast", input, other.dtype), name="type_as")
functional(lambda input, other: call("reshape", input, other.shape), name="view_as")
tensor_method("reshape_as")(lambda self, other: call("reshape", self, other.shape))

tensor_method("reverse")(lambda self, axis: call("flip", self, axis))
tensor_method("reverse_sequence")(
    lambda self, seq_lengths, seq_dim=0, batch_dim=0: call(
        "reverse_sequence", self, seq_lengths, seq_dim, batch_dim
    )
)
tensor_method("rot90")(lambda self, k, dims: call("rot90", self, k, dims))
tensor_method("hsplit")(
    lambda self, indices_or_sections: call(
        "tensor_split", self, indices_or_sections, 1 if self.ndim > 1 else 0
    )
)
tensor_method("vsplit")(lambda self, indices_or_sections: call("tensor_split", self, indices_or_sections, 0))
tensor_method("dsplit")(lambda self, indices_or_sections: call("tensor_split", self, indices_or_sections, 2))


def _kind(x):
    return np.dtype(mstype.to_np(x.dtype)).kind if x.dtype != mstype.bfloat16 else "f"


def _tensor_only(name, x):
    if not isinstance(x, Tensor):
        R.raise_error(TypeError, name, f"the 'input' must be a Tensor, but got {type(x).__name__}.")
    return x


functional(lambda input: _kind(_tensor_only("is_floating_point", input)) == "f", name="is_floating_point")
functional(lambda input: _kind(_tensor_only("is_complex", input)) == "c", name="is_complex")
functional(lambda obj: isinstance(obj, Tensor), name="is_tensor")


@functional
def is_nonzero(input):
    _tensor_only("is_nonzero", input)
    if input.size != 1:
        R.raise_error(
            RuntimeError, "is_nonzero", f"the 'input' must have exactly one element, but got {input.size}."
        )
    return bool(np.asarray(input._data).reshape(()) != 0)


def _sum_to_size(self, *size):
    size = tuple(size[0]) if len(size) == 1 and isinstance(size[0], (tuple, list)) else tuple(size)
    x = self._data
    lead = x.ndim - len(size)
    if lead < 0:
        R.raise_error(
            ValueError, "sum_to_size", f"the size {list(size)} has more dims than the input {list(x.shape)}."
        )
    axes = list(builtins.range(lead))
    for i, s in enumerate(size):
        if s == 1 and x.shape[lead + i] != 1:
            axes.append(lead + i)
        elif s != x.shape[lead + i]:
            R.raise_error(
                ValueError,
                "sum_to_size",
                f"the size {list(size)} is not expandable to the input shape {list(x.shape)}.",
            )
    out = jnp.sum(x, axis=tuple(axes), keepdims=True) if axes else x
    return R.wrap(jnp.reshape(out, size))


tensor_method("sum_to_size")(_sum_to_size)


@op("fill_diagonal")
def _fill_diagonal(x, fill_value, wrap=False):
    """numpy's fill_diagonal: all dims equal (ndim > 2) or a matrix; ``wrap`` repeats for tall ones."""
    if x.ndim < 2 or (x.ndim > 2 and len(set(x.shape)) != 1):
        R.raise_error(
            ValueError,
            "FillDiagonal",
            f"the 'input_x' must be 2-D, or N-D with all dimensions equal, but got {list(x.shape)}.",
        )
    if x.ndim == 2:
        rows, cols = x.shape
        end = rows * cols if (wrap and rows > cols) else builtins.min(rows, cols) * cols
        flat = np.arange(0, end, cols + 1)
    else:
        n = x.shape[0]
        flat = np.arange(n) * builtins.sum(n**i for i in builtins.range(x.ndim))
    v = jnp.asarray(fill_value).astype(x.dtype)
    return jnp.reshape(jnp.ravel(x).at[flat].set(v), x.shape)


tensor_method("fill_diagonal")(
    lambda self, fill_value, wrap=False: call("fill_diagonal", self, fill_value, wrap)
)
_attr_prim(
    "FillDiagonal",
    {"fill_value": 0.0, "wrap": False},
    lambda self, x: call("fill_diagonal", x, self.fill_value, self.wrap),
)


@op("choose")
def _choose(a, choices, mode="clip"):
    if mode not in ("clip", "wrap", "raise"):
        R.raise_error(
            ValueError, "choose", f"the 'mode' must be 'clip', 'wrap' or 'raise', but got {mode!r}."
        )
    ch = jnp.stack(choices) if isinstance(choices, (list, tuple)) else choices
    return jnp.choose(a, list(ch), mode="clip" if mode == "raise" else mode)


tensor_method("choose")(lambda self, choices, mode="clip": call("choose", self, choices, mode))


# --- stop_gradient / casts / clone -----------------------------------------------------------------

_simple_prim("StopGradient", lambda x: call("identity", R.wrap(jax.lax.stop_gradient(R.unwrap(x)))))


@functional
def stop_gradient_(input):
    """``ops.stop_gradient_``: detaches ``input`` in place (returns None, as MindSpore)."""
    input._data = jax.lax.stop_gradient(input._data)


@functional
def mixed_precision_cast(dst_type, x):
    """Casts the floating-point Tensors of ``x`` (a Tensor, or a tuple / list / dict of them) to ``dst_type``."""  # noqa: E501
    if isinstance(x, Tensor):
        return call("cast", x, dst_type) if _kind(x) == "f" else x
    if isinstance(x, (tuple, list)):
        return type(x)(mixed_precision_cast(dst_type, v) for v in x)
    if isinstance(x, dict):
        return {k: mixed_precision_cast(dst_type, v) for k, v in x.items()}
    return x


mint("clone")(lambda input, *, memory_format=None: call("identity", input))
mint("item")(lambda input: input.item())


# --- in-place Tensor methods ---------------------------------------------------------------------


def _rebind(self, new):
    """Writes ``new`` (cast to ``self``'s dtype and shape) into ``self`` and returns ``self``."""
    arr = new._data if isinstance(new, Tensor) else jnp.asarray(new)
    tgt = self._data
    if arr.dtype != tgt.dtype:
        arr = arr.astype(tgt.dtype)
    if arr.shape != tgt.shape:
        try:
            arr = jnp.broadcast_to(arr, tgt.shape)
        except ValueError:
            R.raise_error(
                RuntimeError,
                "inplace",
                f"the result shape {list(arr.shape)} of an in-place op must equal the Tensor's shape "
                f"{list(tgt.shape)}.",
            )
    self._data = arr
    return self


def _alpha(other, alpha):
    return other if alpha == 1 else other * alpha


def _div(self, other, rounding_mode=None):
    out = self.div(other) if rounding_mode is None else self.div(other, rounding_mode=rounding_mode)
    return _rebind(self, out)


_INPLACE = {
    "add_": lambda self, other, *, alpha=1: _rebind(self, self.add(_alpha(other, alpha))),
    "sub_": lambda self, other, *, alpha=1: _rebind(self, self.sub(_alpha(other, alpha))),
    "mul_": lambda self, other: _rebind(self, self.mul(other)),
    "div_": _div,
    "exp_": lambda self: _rebind(self, self.exp()),
    "log_": lambda self: _rebind(self, self.log()),
    "floor_": lambda self: _rebind(self, self.floor()),
    "sigmoid_": lambda self: _rebind(self, self.sigmoid()),
    "tanh_": lambda self: _rebind(self, self.tanh()),
    "sign_": lambda self: _rebind(self, self.sign()),
    "erfinv_": lambda self: _rebind(self, self.erfinv()),
    "remainder_": lambda self, other: _rebind(self, self.remainder(other)),
    "floor_divide_": lambda self, other: _rebind(self, self.floor_divide(other)),
    "clamp_": lambda self, min=None, max=None: _rebind(self, self.clamp(min, max)),
    "addmm_": lambda self, mat1, mat2, *, beta=1, alpha=1: _rebind(
        self, self.addmm(mat1, mat2, beta=beta, alpha=alpha)
    ),
    "zero_": lambda self: _rebind(self, jnp.zeros_like(self._data)),
    "fill_": lambda self, value: _rebind(self, jnp.broadcast_to(R.unwrap(value), self.shape)),
    "copy_": lambda self, src, non_blocking=False: _rebind(self, src),
    "masked_fill_": lambda self, mask, value: _rebind(self, call("masked_fill", self, mask, value)),
    "masked_scatter_": lambda self, mask, source: _rebind(self, call("masked_scatter", self, mask, source)),
    "index_add_": lambda self, dim, index, source, *, alpha=1: _rebind(
        self, call("index_add", self, index, _alpha(source, alpha), dim)
    ),
    "index_fill_": lambda self, dim, index, value: _rebind(self, call("index_fill", self, dim, index, value)),
    "index_put_": lambda self, indices, values, accumulate=False: _rebind(
        self, call("index_put", self, values, tuple(indices), accumulate)
    ),
    "scatter_add_": lambda self, dim, index, src: _rebind(
        self, call("tensor_scatter_elements", self, index, src, dim, "add")
    ),
    "fill_diagonal_": lambda self, fill_value, wrap=False: _rebind(
        self, call("fill_diagonal", self, fill_value, wrap)
    ),
}
for _n, _f in _INPLACE.items():
    tensor_method(_n)(_f)


@op("index_copy")
def _index_copy(x, dim, index, source):
    _check_int_index("index_copy", index, "index")
    ax = norm_axis("index_copy", dim, x.ndim, "dim")
    _check_bounds("index_copy", index, x.shape[ax], "index")
    sl = (builtins.slice(None),) * ax + (index,)
    return x.at[sl].set(source.astype(x.dtype))


@op("put")
def _put(x, index, source, accumulate=False):
    _check_int_index("put_", index, "index")
    _check_bounds("put_", index, x.size, "index")
    flat = jnp.ravel(x)
    idx = jnp.ravel(index)
    src = jnp.ravel(source).astype(x.dtype)
    flat = flat.at[idx].add(src) if accumulate else flat.at[idx].set(src)
    return jnp.reshape(flat, x.shape)


tensor_method("index_copy_")(
    lambda self, dim, index, tensor: _rebind(self, call("index_copy", self, dim, index, tensor))
)
tensor_method("put_")(
    lambda self, index, source, accumulate=False: _rebind(self, call("put", self, index, source, accumulate))
)
tensor_method("fill")(lambda self, value: call("full_like", self, value))
functional(lambda input: _rebind(input, jnp.zeros_like(input._data)), name="zero_")
functional(lambda input, min=None, max=None: _INPLACE["clamp_"](input, min, max), name="clamp_")
tensor_method("H")(
    property(
        lambda self: (
            call("transpose", self, None).conj() if _kind(self) == "c" else call("transpose", self, None)
        )
    )
)


def _itemset(self, *args):
    """``Tensor.itemset(*args)`` (numpy's): ``(value)`` for a one-element Tensor, ``(flat_index, value)``
    or ``(index_tuple, value)``; writes into the Tensor itself."""
    if len(args) == 1:
        if self.size != 1:
            R.raise_error(ValueError, "itemset", "can only convert a Tensor of size 1 to a scalar.")
        return _rebind(self, jnp.full(self.shape, R.unwrap(args[0])))
    if len(args) != 2:
        R.raise_error(
            TypeError, "itemset", f"the 'args' must be (value) or (index, value), but got {len(args)}."
        )
    index, value = args
    flat = jnp.ravel(self._data)
    i = int(np.ravel_multi_index(tuple(index), self.shape)) if isinstance(index, tuple) else int(index)
    return _rebind(
        self, jnp.reshape(flat.at[i].set(jnp.asarray(R.unwrap(value)).astype(flat.dtype)), self.shape)
    )


tensor_method("itemset")(_itemset)
