"""Scatter ops: scatter_nd, tensor_scatter_*, Scatter*/ScatterNd* Parameter writers, index_add/index_fill."""

from __future__ import annotations

import builtins

import jax.numpy as jnp

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._array_common import _attr_prim, _simple_prim, norm_axis
from ._index_common import _as_arr, _check_int_index, _param_write

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


def _t_scatter_(self, dim, index, src, *, reduce=None):
    new = call("tensor_scatter_elements", self, index, src, dim, "none" if reduce is None else reduce)
    self._data = new._data
    return self


tensor_method("scatter_")(_t_scatter_)
mint("scatter")(lambda input, dim, index, src: call("tensor_scatter_elements", input, index, src, dim))
mint("scatter_add")(
    lambda input, dim, index, src: call("tensor_scatter_elements", input, index, src, dim, "add")
)
mint("index_add")(lambda input, dim, index, source, *, alpha=1: call("index_add", input, index, source, dim))
