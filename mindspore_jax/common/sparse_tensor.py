"""Sparse tensors: ``COOTensor``, ``CSRTensor``, ``RowTensor`` (and the deprecated ``SparseTensor``).

Each is a small pytree holding jax arrays (indices / values) and a static dense shape, so it
passes through the compiler (GRAPH_MODE inputs and outputs, ``ms.jit``) and through ``grad``
(gradients flow to ``values``; indices are stop-gradient, as in MindSpore). The public surface
follows ``mindspore.common.sparse_tensor``: attributes return Tensors, the constructors check
their inputs with MindSpore's messages, and printing matches MindSpore's layout. The sparse
arithmetic itself lives in ``ops/_impl/sparse_ops.py`` (imported lazily here).
"""

from __future__ import annotations

import jax
import numpy as np

from . import dtype as mstype
from .tensor import Tensor, _is_tracer, _sci

__all__ = ["COOTensor", "CSRTensor", "RowTensor", "RowTensorInner", "SparseTensor"]

_INDEX_DTYPES = (mstype.int16, mstype.int32, mstype.int64)


def _arr(x):
    """Tensor / jax array / numpy -> jax array (pytree leaves may come back as Tensors)."""
    if isinstance(x, Tensor):
        return x._data
    return x


def _ops():
    from ..ops._impl import sparse_ops

    return sparse_ops


def _inner_repr(arr):
    """A component inside a sparse tensor's repr: MindSpore prints it numpy-style (no commas)."""
    if _is_tracer(arr):
        return f"Tensor(shape={list(arr.shape)}, dtype={mstype.from_np(arr.dtype)}, value=<traced>)"
    a = np.asarray(arr)
    if a.dtype == mstype.bfloat16._np:
        a = a.astype(np.float32)
    if a.dtype.kind == "f":
        body = np.array2string(
            a, formatter={"float_kind": _sci(4 if a.dtype.itemsize == 2 else 8)}, threshold=1000
        )
    else:
        body = np.array2string(a, threshold=1000)
    head = f"Tensor(shape={list(a.shape)}, dtype={mstype.from_np(arr.dtype)}, value="
    return head + ("\n" if a.ndim > 1 else "") + body + ")"


def _check_sparse_input(indices, values, shape):
    if not isinstance(indices, Tensor):
        raise TypeError(f"For SparseTensors, 'indices' must be Tensor, but got {type(indices)}.")
    if not isinstance(values, Tensor):
        raise TypeError(f"For SparseTensors, 'values' must be Tensor, but got {type(values)}.")
    if not isinstance(shape, tuple):
        raise TypeError(f"For SparseTensors, 'shape' must be tuple, but got {type(shape)}.")


def _check_coo_shape(indices_shp, values_shp, coo_shp):
    if len(coo_shp) != 2:
        raise ValueError(f"For COOTensor, the length of 'shape' must be 2, but got {coo_shp}.")
    if indices_shp == (0,) and values_shp == (0,):
        return
    shp_mul = 1
    for sh in coo_shp:
        if sh <= 0:
            raise ValueError(
                f"For COOTensor, the element of 'shape' must be positive, but got {sh} in {coo_shp}."
            )
        if not isinstance(sh, (int, np.integer)):
            raise TypeError(f"For COOTensor, the element type of 'shape' must be int, but got {type(sh)}")
        shp_mul *= sh
    if shp_mul < values_shp[0]:
        raise ValueError(
            f"For COOTensor, shape is too small: ({shp_mul}) to hold all values({values_shp[0]})."
        )
    if len(indices_shp) != 2:
        raise ValueError(
            f"For COOTensor, 'indices' must be a 2-dimensional tensor, but got a {len(indices_shp)}"
            f"-dimensional tensor."
        )
    if len(values_shp) != 1:
        raise ValueError(
            f"For COOTensor, 'values' must be a 1-dimensional tensor, but got a {len(values_shp)}"
            f"-dimensional tensor."
        )
    if indices_shp[0] != values_shp[0]:
        raise ValueError(
            f"For COOTensor, 'indices.shape[0]' must be euqal to 'values.shape[0]', but got "
            f"'indices.shape[0]' = {indices_shp[0]} and 'values.shape[0]' = {values_shp[0]}."
        )
    if indices_shp[1] != 2:
        raise ValueError(f"For COOTensor, 'indices.shape[1]' must be 2, but got {indices_shp[1]}.")


def _check_csr_shape(indptr_shp, indices_shp, values_shp, csr_shp):
    if indptr_shp == (0,) and indices_shp == (0,) and values_shp == (0,):
        return
    shape_size = 1
    val_shp_size = 1
    for item in csr_shp:
        if item <= 0:
            raise ValueError(f"For CSRTensor, the element of shape must be positive, but got {item}")
        if not isinstance(item, (int, np.integer)):
            raise TypeError(f"For CSRTensor, the element type of shape must be int, but got {type(item)}")
        shape_size *= item
    for item in values_shp:
        if item <= 0:
            raise ValueError(f"The element of shape must be positive, but got {item}")
        val_shp_size *= item
    if shape_size < val_shp_size:
        raise ValueError(
            f"Shape total size: {shape_size} is too small to hold {val_shp_size} non-zero values."
        )
    if len(indices_shp) != 1:
        raise ValueError(
            f"For CSRTensor, indices must be a 1-dimensional tensor, "
            f"but got a {len(indices_shp)} dimension tensor."
        )
    if len(indptr_shp) != 1:
        raise ValueError(
            f"For CSRTensor, indptr must be a 1-dimensional tensor, "
            f"but got a {len(indptr_shp)} dimension tensor."
        )
    if csr_shp[0] + 1 != indptr_shp[0]:
        raise ValueError(f"For CSRTensor, indptr must have length (1 + shape[0]), but got: {indptr_shp[0]}")
    if indices_shp[0] != values_shp[0]:
        raise ValueError(
            "For CSRTensor, indices and values must equal in their shape, "
            f"but got indices shape: {indices_shp[0]}, values shape: {values_shp[0]}."
        )
    if len(values_shp) + 1 != len(csr_shp):
        raise ValueError(
            f"Values' dimension should equal to CSRTensor's dimension - 1, but got"
            f"Values' dimension: {len(values_shp)} , CSRTensor's dimension: {len(csr_shp)}"
        )
    if tuple(values_shp[1:]) != tuple(csr_shp[2:]):
        raise ValueError(
            f"CSRTensor's shape[2: ] must be equal to value's shape[1: ],"
            f"but CSRTensor's shape[2: ] got: {tuple(csr_shp[2:])} and value's shape[1: ]"
            f"got: {tuple(values_shp[1:])}"
        )


def _index_dtype(t):
    return t.dtype if isinstance(t, Tensor) else mstype.from_np(t.dtype)


class _SparseBase:
    """Shared read-only properties of COO/CSR tensors."""

    @property
    def values(self) -> Tensor:
        return Tensor._wrap(self._values)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return mstype.from_np(self._values.dtype)

    @property
    def size(self) -> int:
        return int(np.prod(self._values.shape))

    @property
    def itemsize(self) -> int:
        return np.dtype(self._values.dtype).itemsize

    @property
    def ndim(self) -> int:
        return len(self._shape)

    def __str__(self):
        return self.__repr__()

    def __bool__(self):
        raise TypeError(f"The truth value of a {type(self).__name__} is ambiguous.")


class COOTensor(_SparseBase):
    """``mindspore.COOTensor(indices, values, shape)``: 2-D sparse tensor in coordinate format
    (``indices`` [N, 2] int16/32/64, ``values`` [N])."""

    def __init__(self, indices=None, values=None, shape=None, coo_tensor=None):
        if coo_tensor is not None:
            if not isinstance(coo_tensor, COOTensor):
                raise TypeError(f"Expect input `coo_tensor` to be a COOTensor, but got {type(coo_tensor)}")
            if not (indices is None and values is None and shape is None):
                raise TypeError(
                    "If input `coo_tensor` is provided, `indices`, `values`, `shapes` should all be `None`"
                )
            self._indices, self._values, self._shape = (
                coo_tensor._indices,
                coo_tensor._values,
                coo_tensor._shape,
            )
            return
        _check_sparse_input(indices, values, shape)
        _check_coo_shape(tuple(indices.shape), tuple(values.shape), shape)
        if indices.dtype not in _INDEX_DTYPES:
            raise TypeError(
                f"For COOTensor, the type of 'indices' must be one of [int16, int32, int64], but got "
                f"{indices.dtype}."
            )
        self._indices = jax.lax.stop_gradient(indices._data)
        self._values = values._data
        self._shape = tuple(int(s) for s in shape)

    @classmethod
    def _make(cls, indices, values, shape):
        """Internal: build from arrays/Tensors without validation (ops' results)."""
        t = object.__new__(cls)
        t._indices = _arr(indices)
        t._values = _arr(values)
        t._shape = tuple(shape)
        return t

    def __repr__(self):
        return (
            f"COOTensor(shape={list(self._shape)}, dtype={self.dtype}, indices={_inner_repr(self._indices)}, "
            f"values={_inner_repr(self._values)})"
        )

    @property
    def indices(self) -> Tensor:
        return Tensor._wrap(self._indices)

    # --- arithmetic, as MindSpore's COOTensor
    def __neg__(self):
        return COOTensor._make(self._indices, -self._values, self._shape)

    def __add__(self, other):
        return _ops().coo_binary(self, other, "add")

    def __sub__(self, other):
        return _ops().coo_binary(self, other, "sub")

    def __mul__(self, other):
        return _ops().coo_binary(self, other, "mul")

    def __truediv__(self, other):
        return _ops().coo_binary(self, other, "div")

    __div__ = __truediv__

    # --- conversions and methods
    def coalesce(self) -> COOTensor:
        return _ops().coo_coalesce(self)

    def to_csr(self) -> CSRTensor:
        return _ops().coo_to_csr(self)

    def to_dense(self) -> Tensor:
        return _ops().coo_to_dense(self)

    def astype(self, dtype) -> COOTensor:
        return COOTensor._make(self._indices, self.values.astype(dtype), self._shape)

    def to_tuple(self):
        return self.indices, self.values, self._shape

    def abs(self) -> COOTensor:
        return _ops().FUNCS["coo_abs"](self)

    def add(self, other, thresh) -> COOTensor:
        return _ops().coo_add(self, other, thresh)


class CSRTensor(_SparseBase):
    """``mindspore.CSRTensor(indptr, indices, values, shape)``: compressed sparse row format
    (``indptr`` [M+1], ``indices`` [N] column indices, ``values`` [N, *shape[2:]])."""

    def __init__(self, indptr=None, indices=None, values=None, shape=None, csr_tensor=None):
        if csr_tensor is not None:
            if not isinstance(csr_tensor, CSRTensor):
                raise TypeError(f"Expect input `csr_tensor` to be a CSRTensor, but got {type(csr_tensor)}")
            if not (indptr is None and indices is None and values is None and shape is None):
                raise TypeError(
                    "If input `csr_tensor` is provided, `indptr`, `indices`, `values`, `shapes` should all be `None`"  # noqa: E501
                )
            self._indptr, self._indices = csr_tensor._indptr, csr_tensor._indices
            self._values, self._shape = csr_tensor._values, csr_tensor._shape
            return
        if not isinstance(indptr, Tensor):
            raise TypeError(f"For CSRTensor, 'indptr' must be Tensor, but got {type(indptr)}.")
        _check_sparse_input(indices, values, shape)
        _check_csr_shape(tuple(indptr.shape), tuple(indices.shape), tuple(values.shape), shape)
        if indptr.dtype not in _INDEX_DTYPES:
            raise TypeError(
                f"For CSRTensor, indptr must have int16 or int32 or int64 data type, but got {indptr.dtype}."
            )
        if indices.dtype not in _INDEX_DTYPES:
            raise TypeError(
                f"For CSRTensor, indices must have int16 or int32 or int64 data type, "
                f"but got {indices.dtype}."
            )
        self._indptr = jax.lax.stop_gradient(indptr._data)
        self._indices = jax.lax.stop_gradient(indices._data)
        self._values = values._data
        self._shape = tuple(int(s) for s in shape)

    @classmethod
    def _make(cls, indptr, indices, values, shape):
        t = object.__new__(cls)
        t._indptr = _arr(indptr)
        t._indices = _arr(indices)
        t._values = _arr(values)
        t._shape = tuple(shape)
        return t

    def __repr__(self):
        return (
            f"CSRTensor(shape={list(self._shape)}, dtype={self.dtype}, indptr={_inner_repr(self._indptr)}, "
            f"indices={_inner_repr(self._indices)}, values={_inner_repr(self._values)})"
        )

    @property
    def indptr(self) -> Tensor:
        return Tensor._wrap(self._indptr)

    @property
    def indices(self) -> Tensor:
        return Tensor._wrap(self._indices)

    def __neg__(self):
        return CSRTensor._make(self._indptr, self._indices, -self._values, self._shape)

    def __add__(self, other):
        return _ops().csr_binary(self, other, 1)

    def __sub__(self, other):
        return _ops().csr_binary(self, other, -1)

    def __mul__(self, other):
        return _ops().csr_mul(self, other)

    def __truediv__(self, other):
        return _ops().csr_div(self, other)

    __div__ = __truediv__

    def to_tuple(self):
        return self.indptr, self.indices, self.values, self._shape

    def to_coo(self) -> COOTensor:
        if self.ndim != 2:
            raise ValueError("Currently only support 2-D CSRTensor when converting to COOTensor.")
        return _ops().csr_to_coo(self)

    def to_dense(self) -> Tensor:
        return _ops().csr_to_dense(self)

    def astype(self, dtype) -> CSRTensor:
        return CSRTensor._make(self._indptr, self._indices, self.values.astype(dtype), self._shape)

    def mv(self, dense_vector) -> Tensor:
        if not isinstance(dense_vector, Tensor):
            raise TypeError(
                f"For 'CSRTensor.mv', the type of 'dense_vector' should be Tensor, "
                f"but got {type(dense_vector).__name__}."
            )
        return _ops().csr_mv(self, dense_vector)

    def mm(self, matrix):
        if isinstance(matrix, CSRTensor):
            return _ops().csr_mm(self, matrix)
        if not isinstance(matrix, Tensor):
            raise TypeError(
                f"For 'CSRTensor.mm', the type of 'matrix' should be Tensor, but got {type(matrix).__name__}."
            )
        return _ops().csr_mm_dense(self, matrix)

    def sum(self, axis) -> Tensor:
        return _ops().csr_reduce_sum(self, axis)

    def abs(self) -> CSRTensor:
        return _ops().FUNCS["csr_abs"](self)

    def add(self, b, alpha, beta) -> CSRTensor:
        return _ops().csr_add(self, b, alpha, beta)


class RowTensorInner:
    """``RowTensor(indices, values, shape)``: a slice set of rows of a dense tensor of ``shape``
    (``values[i]`` is row ``indices[i]``); used for sparse gradients."""

    def __init__(self, indices=None, values=None, shape=None, row_tensor=None):
        if row_tensor is not None:
            if not isinstance(row_tensor, RowTensorInner):
                raise TypeError(f"Expect input `row_tensor` to be a RowTensor, but got {type(row_tensor)}")
            if not (indices is None and values is None and shape is None):
                raise TypeError(
                    "If input `row_tensor` is provided, `indices`, `values`, `shapes` should all be `None`"
                )
            self._indices, self._values, self._shape = (
                row_tensor._indices,
                row_tensor._values,
                row_tensor._shape,
            )
            return
        self._indices = _arr(indices)
        self._values = _arr(values)
        self._shape = tuple(shape)

    @classmethod
    def _make(cls, indices, values, shape):
        t = object.__new__(cls)
        t._indices, t._values, t._shape = _arr(indices), _arr(values), tuple(shape)
        return t

    @property
    def indices(self):
        return Tensor._wrap(self._indices)

    @property
    def values(self):
        return Tensor._wrap(self._values)

    @property
    def dense_shape(self):
        return self._shape

    def __repr__(self):
        return (
            f"RowTensor(shape={list(self._shape)}, dtype={mstype.from_np(self._values.dtype)}, "
            f"indices={_inner_repr(self._indices)}, values={_inner_repr(self._values)})"
        )

    def to_dense(self):
        return _ops().row_to_dense(self)


class RowTensor(RowTensorInner):
    """Deprecated public spelling of RowTensorInner (MindSpore logs a deprecation warning)."""


class SparseTensor(COOTensor):
    """Deprecated ``SparseTensor(indices, values, shape)`` (use COOTensor)."""

    def __init__(self, indices, values, shape):
        if not (isinstance(indices, Tensor) and isinstance(values, Tensor) and isinstance(shape, tuple)):
            raise TypeError("Inputs must follow: COOTensor(indices, values, shape).")
        self._indices = jax.lax.stop_gradient(indices._data)
        self._values = values._data
        self._shape = tuple(shape)


# --- pytree registration: arrays are children, the dense shape is static
def _reg(cls, fields):
    def flatten(t):
        return tuple(getattr(t, f) for f in fields), t._shape

    def unflatten(shape, children):
        t = object.__new__(cls)
        for f, c in zip(fields, children):
            setattr(t, f, _arr(c))
        t._shape = shape
        return t

    jax.tree_util.register_pytree_node(cls, flatten, unflatten)


_reg(COOTensor, ("_indices", "_values"))
_reg(SparseTensor, ("_indices", "_values"))
_reg(CSRTensor, ("_indptr", "_indices", "_values"))
_reg(RowTensorInner, ("_indices", "_values"))
_reg(RowTensor, ("_indices", "_values"))
