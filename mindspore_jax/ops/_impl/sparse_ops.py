"""Sparse ops: COOTensor / CSRTensor functionals (coo_* / csr_*), SparseToDense,
SparseTensorDenseMatmul, SparseTensorDenseAdd, SparseSlice, Coalesce.

The arithmetic is over jax arrays: matrix products go through ``jax.experimental.sparse.BCOO``
(differentiable w.r.t. values and the dense operand), elementwise ops act on ``values``.
Ops whose *output size* depends on the input values (coalesce, coo_add, coo_concat, csr_add,
sparse x sparse csr_mm, SparseSlice, dense_to_sparse_*) run eagerly on concrete arrays; under a
trace (GRAPH_MODE / jit) they raise a clear error, as XLA needs static shapes.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import sparse as jsparse

from ...common.sparse_tensor import COOTensor, CSRTensor, RowTensorInner
from ...common.tensor import Tensor
from .._registry import FUNCTIONAL, call, functional, op, primitive, raise_error
from ..primitive import Primitive

_Tracer = jax.core.Tracer


def _concrete(name, *arrays):
    for a in arrays:
        if isinstance(a, _Tracer):
            raise_error(
                RuntimeError,
                name,
                "the output size depends on the input values, which is only "
                "supported in PyNative mode (outside jit/GRAPH_MODE) by mindspore_jax.",
            )
    return [np.asarray(a) for a in arrays]


def _csr_rows(indptr, nnz):
    m = indptr.shape[0] - 1
    return jnp.repeat(jnp.arange(m, dtype=indptr.dtype), jnp.diff(indptr), total_repeat_length=nnz)


def _promote(a, b):
    dt = jnp.promote_types(a.dtype, b.dtype)
    return a.astype(dt), b.astype(dt)


def _shape_tuple(shape):
    if isinstance(shape, Tensor):
        shape = shape.asnumpy()
    return (
        tuple(int(s) for s in np.asarray(shape).reshape(-1))
        if not isinstance(shape, tuple)
        else tuple(int(s) for s in shape)
    )


# ============================== array-level ops =============================================


@op("sparse_to_dense")
def _sparse_to_dense(indices, values, shape):
    out = jnp.zeros(tuple(shape), values.dtype)
    idx = tuple(indices[:, i] for i in range(indices.shape[1]))
    return out.at[idx].add(values)


@op("sparse_tensor_dense_matmul")
def _sparse_tensor_dense_matmul(indices, values, shape, dense, adjoint_st=False, adjoint_dt=False):
    shape = tuple(shape)
    if adjoint_st:
        indices = indices[:, ::-1]
        values = jnp.conj(values)
        shape = shape[::-1]
    if adjoint_dt:
        dense = jnp.conj(dense.T)
    values, dense = _promote(values, dense)
    mat = jsparse.BCOO((values, indices.astype(jnp.int32)), shape=shape)
    return mat @ dense


@op("sparse_tensor_dense_add")
def _sparse_tensor_dense_add(indices, values, shape, dense):
    idx = tuple(indices[:, i] for i in range(indices.shape[1]))
    return dense.at[idx].add(values.astype(dense.dtype))


@op("coalesce")
def _coalesce(indices, values, shape):
    ind, val, shp = _concrete("Coalesce", indices, values, shape)
    flat = np.ravel_multi_index(tuple(ind), tuple(shp)) if ind.size else np.zeros(0, np.int64)
    uniq, inv = np.unique(flat, return_inverse=True)
    out_val = np.zeros(uniq.shape[0], val.dtype)
    np.add.at(out_val, inv.reshape(-1), val)
    out_ind = (
        np.stack(np.unravel_index(uniq, tuple(shp))).astype(ind.dtype)
        if uniq.size
        else np.zeros((ind.shape[0], 0), ind.dtype)
    )
    return jnp.asarray(out_ind), jnp.asarray(out_val), jnp.asarray(shape)


@op("sparse_slice")
def _sparse_slice(indices, values, shape, start, size):
    ind, val, shp, st, sz = _concrete("SparseSlice", indices, values, shape, start, size)
    end = np.minimum(st + sz, shp)
    keep = np.all((ind >= st) & (ind < end), axis=1)
    out_shape = np.maximum(end - st, 0).astype(shp.dtype)
    return jnp.asarray((ind[keep] - st).astype(ind.dtype)), jnp.asarray(val[keep]), jnp.asarray(out_shape)


@op("coo2csr")
def _coo2csr(row_indices, height):
    return jnp.searchsorted(
        row_indices, jnp.arange(int(height) + 1, dtype=row_indices.dtype), side="left"
    ).astype(row_indices.dtype)


@op("csr2coo")
def _csr2coo(indptr, nnz):
    return _csr_rows(indptr, int(nnz))


@op("csr_to_dense")
def _csr_to_dense(indptr, indices, values, shape):
    rows = _csr_rows(indptr, indices.shape[0])
    return jnp.zeros(tuple(shape), values.dtype).at[rows, indices].add(values)


def _csr_bcoo(indptr, indices, values, shape):
    rows = _csr_rows(indptr, indices.shape[0])
    ind = jnp.stack([rows.astype(jnp.int32), indices.astype(jnp.int32)], axis=1)
    return jsparse.BCOO((values, ind), shape=tuple(shape))


@op("csr_mm_dense")
def _csr_mm_dense(indptr, indices, values, shape, dense):
    values, dense = _promote(values, dense)
    return _csr_bcoo(indptr, indices, values, shape) @ dense


@op("csr_mv")
def _csr_mv(indptr, indices, values, shape, dense):
    values, dense = _promote(values, dense)
    return _csr_bcoo(indptr, indices, values, shape) @ dense


@op("csr_reduce_sum")
def _csr_reduce_sum(indptr, indices, values, shape, axis):
    rows = _csr_rows(indptr, indices.shape[0])
    out = jax.ops.segment_sum(values, rows, num_segments=shape[0])
    return jnp.expand_dims(out, 1)


def _csr_dense_values(indptr, indices, shape, dense):
    rows = _csr_rows(indptr, indices.shape[0])
    return jnp.broadcast_to(dense, tuple(shape))[rows, indices]


@op("csr_mul")
def _csr_mul(indptr, indices, values, shape, dense):
    values, dense = _promote(values, dense)
    return values * _csr_dense_values(indptr, indices, shape, dense)


@op("csr_div")
def _csr_div(indptr, indices, values, shape, dense):
    values, dense = _promote(values, dense)
    return values / _csr_dense_values(indptr, indices, shape, dense)


@op("csr_gather")
def _csr_gather(indptr, indices, dense, shape):
    return _csr_dense_values(indptr, indices, shape, dense)


@op("csr_softmax")
def _csr_softmax(indptr, indices, values, shape):
    rows = _csr_rows(indptr, indices.shape[0])
    m = shape[0]
    mx = jax.ops.segment_max(values, rows, num_segments=m)
    e = jnp.exp(values - mx[rows])
    s = jax.ops.segment_sum(e, rows, num_segments=m)
    return e / s[rows]


def _dense_to_csr_np(a, idx_dtype):
    rows, cols = np.nonzero(a)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=a.shape[0]))]).astype(idx_dtype)
    return indptr, cols.astype(idx_dtype), a[rows, cols]


@op("csr_add")
def _csr_add(a_indptr, a_indices, a_values, b_indptr, b_indices, b_values, alpha, beta, shape):
    ap, ai, av, bp, bi, bv, al, be = _concrete(
        "SparseMatrixAdd", a_indptr, a_indices, a_values, b_indptr, b_indices, b_values, alpha, beta
    )
    m, n = shape[0], shape[1]
    ar = np.repeat(np.arange(m), np.diff(ap))
    br = np.repeat(np.arange(m), np.diff(bp))
    dense = np.zeros((m, n), av.dtype)
    mask = np.zeros((m, n), bool)
    np.add.at(dense, (ar, ai), al.reshape(()) * av)
    np.add.at(dense, (br, bi), be.reshape(()) * bv)
    mask[ar, ai] = True
    mask[br, bi] = True
    rows, cols = np.nonzero(mask)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=m))]).astype(ap.dtype)
    return (
        jnp.asarray(indptr),
        jnp.asarray(cols.astype(ai.dtype)),
        jnp.asarray(dense[rows, cols].astype(av.dtype)),
    )


@op("csr_mm_sparse")
def _csr_mm_sparse(
    a_indptr,
    a_indices,
    a_values,
    a_shape,
    b_indptr,
    b_indices,
    b_values,
    b_shape,
    trans_a=False,
    trans_b=False,
    adjoint_a=False,
    adjoint_b=False,
):
    ap, ai, av, bp, bi, bv = _concrete(
        "SparseMatrixSparseMatMul", a_indptr, a_indices, a_values, b_indptr, b_indices, b_values
    )

    def dense(p, i, v, s):
        d = np.zeros(tuple(s), v.dtype)
        np.add.at(d, (np.repeat(np.arange(s[0]), np.diff(p)), i), v)
        return d

    a = dense(ap, ai, av, a_shape)
    b = dense(bp, bi, bv, b_shape)
    a = a.conj().T if adjoint_a else (a.T if trans_a else a)
    b = b.conj().T if adjoint_b else (b.T if trans_b else b)
    c = (a @ b).astype(av.dtype)
    indptr, cols, vals = _dense_to_csr_np(c, ai.dtype)
    return jnp.asarray(indptr), jnp.asarray(cols), jnp.asarray(vals), c.shape


@op("coo_add")
def _coo_add(i1, v1, i2, v2, thresh, shape):
    a_i, a_v, b_i, b_v, th = _concrete("SparseAdd", i1, v1, i2, v2, thresh)
    ind = np.concatenate([a_i, b_i]).astype(a_i.dtype)
    val = np.concatenate([a_v, b_v])
    flat = np.ravel_multi_index(tuple(ind.T), tuple(shape)) if ind.size else np.zeros(0, np.int64)
    uniq, inv, counts = np.unique(flat, return_inverse=True, return_counts=True)
    out = np.zeros(uniq.shape[0], val.dtype)
    np.add.at(out, inv.reshape(-1), val)
    # as TF/MindSpore SparseAdd: only sums of entries present in both inputs meet the threshold
    keep = (counts < 2) | (np.abs(out) >= th.reshape(()))
    out_ind = np.stack(np.unravel_index(uniq[keep], tuple(shape)), axis=1).astype(a_i.dtype).reshape(-1, 2)
    return jnp.asarray(out_ind), jnp.asarray(out[keep])


@op("coo_concat")
def _coo_concat(indices_list, values_list, shapes, concat_dim):
    arrs = _concrete("SparseConcat", *indices_list, *values_list)
    k = len(indices_list)
    inds, vals = arrs[:k], arrs[k:]
    out_i, offset = [], 0
    for ind, shp in zip(inds, shapes):
        ind = ind.astype(np.int64).copy()
        ind[:, concat_dim] += offset
        offset += shp[concat_dim]
        out_i.append(ind)
    ind = np.concatenate(out_i)
    val = np.concatenate(vals)
    out_shape = list(shapes[0])
    out_shape[concat_dim] = offset
    order = np.lexsort(tuple(ind[:, j] for j in range(ind.shape[1] - 1, -1, -1)))
    return jnp.asarray(ind[order].astype(inds[0].dtype)), jnp.asarray(val[order])


@op("dense_to_sparse_coo")
def _dense_to_coo(x):
    (a,) = _concrete("dense_to_sparse_coo", x)
    idx = np.argwhere(a != 0).astype(np.int32)
    return jnp.asarray(idx), jnp.asarray(a[tuple(idx.T)])


@op("dense_to_sparse_csr")
def _dense_to_csr(x):
    (a,) = _concrete("dense_to_sparse_csr", x)
    indptr, cols, vals = _dense_to_csr_np(a, np.int32)
    return jnp.asarray(indptr), jnp.asarray(cols), jnp.asarray(vals)


@op("row_tensor_to_dense")
def _row_to_dense(indices, values, shape):
    return jnp.zeros(tuple(shape), values.dtype).at[indices].add(values)


# ============================== helpers used by the sparse classes ==========================


def _check_coo(x, name):
    if not isinstance(x, COOTensor):
        raise TypeError(f"Expects COOTensor for {name}")


def _check_csr(x, name):
    if not isinstance(x, CSRTensor):
        raise TypeError(f"Expects CSRTensor for {name}")


def coo_to_dense(x):
    return call("sparse_to_dense", x._indices, x._values, x._shape)


def csr_to_dense(csr_tensor):
    """``ops.csr_to_dense``: the dense Tensor of a 2-D CSRTensor."""
    if not isinstance(csr_tensor, CSRTensor):
        raise TypeError("For functional operator csr_to_dense, input argument must be a CSRTensor.")
    if len(csr_tensor.shape) > 2:
        raise ValueError("Currently only support 2-D CSRTensor when converting to COOTensor.")
    x = csr_tensor
    return call("csr_to_dense", x._indptr, x._indices, x._values, x._shape)


def csr_to_coo(tensor):
    """``ops.csr_to_coo``."""
    if not isinstance(tensor, CSRTensor):
        raise TypeError("For functional operator csr_to_coo, input argument must be a CSRTensor.")
    if len(tensor.shape) > 2:
        raise ValueError("Currently only support 2-D CSRTensor when converting to COOTensor.")
    rows = _csr_rows(tensor._indptr, tensor._indices.shape[0])
    ind = jnp.stack([rows, tensor._indices.astype(rows.dtype)], axis=1)
    return COOTensor._make(ind, tensor._values, tensor._shape)


def coo_to_csr(x):
    rows, cols = x._indices[:, 0], x._indices[:, 1]
    order = jnp.argsort(rows, stable=True)
    rows, cols, vals = rows[order], cols[order], x._values[order]
    indptr = call("coo2csr", rows, x._shape[0])
    return CSRTensor._make(indptr, cols, vals, x._shape)


def coo_coalesce(x):
    ind, val, _ = call("coalesce", x._indices.T, x._values, jnp.asarray(x._shape, jnp.int64))
    return COOTensor._make(ind._data.T, val, x._shape)


def coo_binary(x, other, kind):
    if kind in ("add", "sub"):
        if not x.shape == other.shape:
            raise ValueError("Input tensors should have the same shape.")
        if isinstance(other, Tensor):
            dense = other._data if kind == "add" else -other._data
            return call("sparse_tensor_dense_add", x._indices, x._values, x._shape, dense)
        if isinstance(other, COOTensor):
            o = other if kind == "add" else -other
            return coo_add(x, o, Tensor(0, x.dtype))
        verb = "add with" if kind == "add" else "subtract with"
        raise TypeError(f"COOTensor {verb} {type(other)} is not supported.")
    if not x.shape == other.shape:
        raise ValueError("Input tensors should have the same shape.")
    if isinstance(other, Tensor):
        idx = tuple(x._indices[:, i] for i in range(x._indices.shape[1]))
        ov = other._data[idx]
        v = x._values * ov if kind == "mul" else x._values / ov
        return COOTensor._make(x._indices, v, x._shape)
    verb = "multiply with" if kind == "mul" else "divide with"
    raise TypeError(f"COOTensor {verb} {type(other)} is not supported.")


def csr_binary(x, other, sign):
    if not x.shape == other.shape:
        raise ValueError("Input tensors should have the same shape.")
    if isinstance(other, CSRTensor):
        return csr_add(x, other, Tensor(1, x.dtype), Tensor(sign, x.dtype))
    verb = "add with" if sign == 1 else "subtract with"
    raise TypeError(f"CSRTensor {verb} {type(other)} is not supported.")


def csr_mm_dense(x, dense):
    return call("csr_mm_dense", x._indptr, x._indices, x._values, x._shape, dense)


def row_to_dense(x):
    return call("row_tensor_to_dense", x._indices, x._values, x._shape)


# ============================== functional views =============================================

_UNARY = (
    "abs acos acosh asin asinh atan atanh ceil cos cosh exp expm1 floor inv isfinite isinf "
    "isnan log log1p neg relu relu6 round sigmoid sin sinh softsign sqrt square tan tanh"
).split()
FUNCS = {}


def _make_unary(kind, fname):
    def coo_fn(x):
        _check_coo(x, f"coo_{fname}")
        return COOTensor._make(x._indices, FUNCTIONAL[fname](x.values), x._shape)

    def csr_fn(x):
        _check_csr(x, f"csr_{fname}")
        return CSRTensor._make(x._indptr, x._indices, FUNCTIONAL[fname](x.values), x._shape)

    fn = coo_fn if kind == "coo" else csr_fn
    fn.__name__ = fn.__qualname__ = f"{kind}_{fname}"
    fn.__doc__ = f"``ops.{kind}_{fname}``: ``ops.{fname}`` on the values of a {kind.upper()}Tensor."
    return fn


for _n in _UNARY:
    for _k in ("coo", "csr"):
        FUNCS[f"{_k}_{_n}"] = functional(_make_unary(_k, _n), name=f"{_k}_{_n}")


@functional
def coalesce(x_indices, x_values, x_shape):
    """``ops.coalesce``: sums duplicate indices (x_indices [ndim, N]); returns sorted
    (indices, values, shape)."""
    return call("coalesce", x_indices, x_values, x_shape)


@functional
def coo2csr(row_indices, height):
    """``ops.coo2csr``: sorted COO row indices -> CSR indptr of length height + 1."""
    return call("coo2csr", row_indices, height)


@functional
def csr2coo(indptr, nnz):
    """``ops.csr2coo``: CSR indptr -> COO row indices (nnz of them)."""
    return call("csr2coo", indptr, nnz)


functional(csr_to_coo, name="csr_to_coo")
functional(csr_to_dense, name="csr_to_dense")


@functional
def coo_tensor_get_indices(coo_tensor):
    return coo_tensor.indices


@functional
def coo_tensor_get_values(coo_tensor):
    return coo_tensor.values


@functional
def coo_tensor_get_dense_shape(coo_tensor):
    return coo_tensor.shape


@functional
def csr_tensor_get_indptr(csr_tensor):
    return csr_tensor.indptr


@functional
def csr_tensor_get_indices(csr_tensor):
    return csr_tensor.indices


@functional
def csr_tensor_get_values(csr_tensor):
    return csr_tensor.values


@functional
def csr_tensor_get_dense_shape(csr_tensor):
    return csr_tensor.shape


@functional
def make_coo_tensor(indices, values, dense_shape):
    return COOTensor(indices, values, dense_shape)


@functional
def make_csr_tensor(indptr, indices, values, dense_shape):
    return CSRTensor(indptr, indices, values, dense_shape)


@functional
def make_sparse_tensor(indices, values, dense_shape):
    print(
        "WARNING: 'SparseTensor' is deprecated from version 1.7 and will be removed after version 2.9.0. "
        "Please use 'COOTensor' instead."
    )
    return make_coo_tensor(indices, values, dense_shape)


@functional
def make_row_tensor(indices, values, dense_shape):
    return RowTensorInner._make(indices, values, dense_shape)


functional(make_row_tensor, name="make_row_tensor_inner")


@functional
def row_tensor_get_values(x):
    return x.values


@functional
def row_tensor_get_indices(x):
    return x.indices


@functional
def row_tensor_get_dense_shape(x):
    return x.dense_shape


def _scalar_like(y):
    if isinstance(y, (bool, int, float)):
        y = Tensor(y)
    return y


def _csr_elementwise(x, y, name, opname):
    y = _scalar_like(y)
    if y.size == 1 and y.ndim <= 2:  # MindSpore returns the scaled values (a Tensor) here
        if y.ndim > x.ndim:
            raise ValueError("dense tensor cannot broadcast to the sparse tensor.")
        v = x.values * y if opname == "csr_mul" else x.values / y
        return v.reshape(x.values.shape)
    vals = call(opname, x._indptr, x._indices, x._values, x._shape, y)
    return CSRTensor._make(x._indptr, x._indices, vals, x._shape)


@functional
def csr_mul(x, y):
    """``ops.csr_mul``: CSRTensor times a dense Tensor broadcastable to its shape (on the
    non-zero positions)."""
    return _csr_elementwise(x, y, "csr_mul", "csr_mul")


@functional
def csr_div(x, y):
    """``ops.csr_div``: CSRTensor divided by a dense Tensor (on the non-zero positions)."""
    return _csr_elementwise(x, y, "csr_div", "csr_div")


@functional
def csr_mv(csr_tensor, dense):
    """``ops.csr_mv``: CSRTensor [M, N] times dense [N, 1] -> [M, 1]."""
    x = csr_tensor
    return call("csr_mv", x._indptr, x._indices, x._values, x._shape, dense)


@functional
def csr_mm(a, b, trans_a=False, trans_b=False, adjoint_a=False, adjoint_b=False):
    """``ops.csr_mm``: CSRTensor x CSRTensor -> CSRTensor."""
    if not isinstance(a, CSRTensor) or not isinstance(b, CSRTensor):
        raise TypeError("For functional operator csr_mm, inputs a and b must be type of CSRTensor currently.")
    p, i, v, shp = call(
        "csr_mm_sparse",
        a._indptr,
        a._indices,
        a._values,
        a._shape,
        b._indptr,
        b._indices,
        b._values,
        b._shape,
        trans_a,
        trans_b,
        adjoint_a,
        adjoint_b,
    )
    return CSRTensor._make(p, i, v, shp)


@functional
def csr_reduce_sum(csr_tensor, axis):
    """``ops.csr_reduce_sum``: sum along axis 1 (keepdims) -> dense [M, 1]."""
    x = csr_tensor
    nd = len(x.shape)
    if axis not in (1, 1 - nd):
        raise ValueError(
            f"For CSRReduceSum, `axis` should be 1 or 1-dim. But got `axis`: {axis}and `1- dim`: {1 - nd}."
        )
    return call("csr_reduce_sum", x._indptr, x._indices, x._values, x._shape, axis)


@functional
def csr_gather(indptr, indices, dense, sparse_shape):
    """``ops.csr_gather``: the values of ``dense`` at the CSR positions."""
    return call("csr_gather", indptr, indices, dense, tuple(sparse_shape))


@functional
def csr_softmax(logits, dtype):
    """``ops.csr_softmax``: softmax over each row's stored values."""
    if not isinstance(logits, CSRTensor):
        raise TypeError("For functional operator sparse_matrix_softmax, logits must be type of CSRTensor.")
    x = logits
    vals = call("csr_softmax", x._indptr, x._indices, x._values, x._shape)
    return CSRTensor._make(x._indptr, x._indices, vals, x._shape)


@functional
def csr_add(a, b, alpha, beta):
    """``ops.csr_add``: alpha * a + beta * b (CSRTensors of one shape)."""
    if not isinstance(a, CSRTensor) or not isinstance(b, CSRTensor):
        raise TypeError("For functional operator csr_add, both inputs a and b must be type of CSRTensor.")
    if not isinstance(alpha, Tensor) or not isinstance(beta, Tensor):
        raise TypeError("For functional operator csr_add, both inputs alpha and beta must be Tensor.")
    dt = jnp.promote_types(a._values.dtype, b._values.dtype)
    idt = jnp.promote_types(a._indices.dtype, b._indices.dtype)
    pdt = jnp.promote_types(a._indptr.dtype, b._indptr.dtype)
    p, i, v = call(
        "csr_add",
        a._indptr.astype(pdt),
        a._indices.astype(idt),
        a._values.astype(dt),
        b._indptr.astype(pdt),
        b._indices.astype(idt),
        b._values.astype(dt),
        alpha._data.astype(dt),
        beta._data.astype(dt),
        a._shape,
    )
    return CSRTensor._make(p, i, v, a._shape)


@functional
def coo_add(x1, x2, thresh):
    """``ops.coo_add``: x1 + x2 (COOTensors); sums with |value| < thresh are dropped."""
    dt = jnp.promote_types(x1._values.dtype, x2._values.dtype)
    idt = jnp.promote_types(x1._indices.dtype, x2._indices.dtype)
    th = thresh._data if isinstance(thresh, Tensor) else jnp.asarray(thresh)
    ind, val = call(
        "coo_add",
        x1._indices.astype(idt),
        x1._values.astype(dt),
        x2._indices.astype(idt),
        x2._values.astype(dt),
        th.astype(dt),
        x1._shape,
    )
    return COOTensor._make(ind, val, x1._shape)


@functional
def coo_concat(sp_input, concat_dim=0):
    """``ops.coo_concat``: concatenates COOTensors (or (indices, values, shape) tuples) along
    concat_dim; the result is in row-major order."""
    if len(sp_input) < 2:
        raise ValueError("For coo_concat, not support COOTensor input number < 2.")
    inds, vals, shapes = [], [], []
    for e in sp_input:
        if isinstance(e, tuple):
            inds.append(e[0])
            vals.append(e[1])
            shapes.append(tuple(e[2]))
        else:
            inds.append(e._indices)
            vals.append(e._values)
            shapes.append(e.shape)
    ind, val = call("coo_concat", inds, vals, shapes, concat_dim)
    out_shape = list(shapes[0])
    out_shape[concat_dim] = sum(s[concat_dim] for s in shapes)
    return COOTensor._make(ind, val, tuple(out_shape))


@functional
def dense_to_sparse_coo(tensor):
    """``ops.dense_to_sparse_coo``: the non-zeros of a 2-D Tensor as a COOTensor (int32 indices)."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For functional operator dense_to_sparse_coo, input argument must be a Tensor.")
    if tensor.ndim > 2:
        raise ValueError("Currently only support 2-D Tensor when converting to COOTensor.")
    ind, val = call("dense_to_sparse_coo", tensor)
    return COOTensor._make(ind, val, tensor.shape)


@functional
def dense_to_sparse_csr(tensor):
    """``ops.dense_to_sparse_csr``: a 2-D Tensor as a CSRTensor (int32 indptr/indices)."""
    if not isinstance(tensor, Tensor):
        raise TypeError("For functional operator dense_to_sparse_csr, input argument must be a Tensor.")
    if tensor.ndim > 2:
        raise ValueError("Currently only support 2-D Tensor when converting to CSRTensor.")
    p, i, v = call("dense_to_sparse_csr", tensor)
    return CSRTensor._make(p, i, v, tensor.shape)


# ============================== primitives ===================================================


@primitive
class SparseToDense(Primitive):
    """``ops.SparseToDense()(indices, values, sparse_shape)``."""

    def __init__(self):
        super().__init__("SparseToDense")

    def __call__(self, indices, values, sparse_shape):
        shape = _shape_tuple(sparse_shape)
        if indices.ndim != 2:
            raise_error(
                ValueError, "SparseToDense", f"the 'indices' must be a 2-D Tensor, but got {indices.ndim}-D."
            )
        if indices.shape[1] != len(shape):
            raise_error(
                ValueError,
                "SparseToDense",
                f"the indices.shape[1] ({indices.shape[1]}) must be equal "
                f"to the length of 'sparse_shape' ({len(shape)}).",
            )
        return call("sparse_to_dense", indices, values, shape)


@primitive
class SparseTensorDenseMatmul(Primitive):
    """``ops.SparseTensorDenseMatmul(adjoint_st=False, adjoint_dt=False)(indices, values,
    sparse_shape, dense)``: COO [N, M] x dense [M, K]."""

    def __init__(self, adjoint_st=False, adjoint_dt=False):
        super().__init__("SparseTensorDenseMatmul")
        if not isinstance(adjoint_st, bool) or not isinstance(adjoint_dt, bool):
            raise_error(
                TypeError,
                "SparseTensorDenseMatmul",
                "the type of 'adjoint_st' and 'adjoint_dt' must be bool.",
            )
        self.adjoint_st = adjoint_st
        self.adjoint_dt = adjoint_dt

    def __call__(self, indices, values, sparse_shape, dense):
        shape = _shape_tuple(sparse_shape)
        if len(shape) != 2 or dense.ndim != 2:
            raise_error(
                ValueError,
                "SparseTensorDenseMatmul",
                f"the 'sparse_shape' and 'dense' must be 2-D, "
                f"but got sparse_shape {shape} and dense shape {list(dense.shape)}.",
            )
        k1 = shape[0] if self.adjoint_st else shape[1]
        k2 = dense.shape[1] if self.adjoint_dt else dense.shape[0]
        if k1 != k2:
            raise_error(
                ValueError,
                "SparseTensorDenseMatmul",
                f"the inner dimensions must match, but got "
                f"sparse_shape {shape} and dense shape {list(dense.shape)}.",
            )
        return call(
            "sparse_tensor_dense_matmul", indices, values, shape, dense, self.adjoint_st, self.adjoint_dt
        )


@primitive
class SparseTensorDenseAdd(Primitive):
    """``ops.SparseTensorDenseAdd()(x1_indices, x1_values, x1_shape, x2)``: dense x2 plus the
    COO tensor (x1_shape is a Tensor)."""

    def __init__(self):
        super().__init__("SparseTensorDenseAdd")

    def __call__(self, x1_indices, x1_values, x1_shape, x2):
        if not isinstance(x1_shape, Tensor):
            raise TypeError(
                f"The primitive[SparseTensorDenseAdd]'s input arguments[indices, shape] must be all "
                f"tensor and those type must be same. But got input argument[shape]:"
                f"{type(x1_shape).__name__}"
            )
        shape = _shape_tuple(x1_shape)
        if tuple(x2.shape) != shape:
            raise_error(
                ValueError,
                "SparseTensorDenseAdd",
                f"the shape of 'x2' {list(x2.shape)} must be equal to 'x1_shape' {list(shape)}.",
            )
        return call("sparse_tensor_dense_add", x1_indices, x1_values, shape, x2)


@primitive
class SparseSlice(Primitive):
    """``ops.SparseSlice()(indices, values, shape, start, size)`` -> (y_indices, y_values, y_shape)."""

    def __init__(self):
        super().__init__("SparseSlice")

    def __call__(self, indices, values, shape, start, size):
        return call("sparse_slice", indices, values, shape, start, size)


@primitive
class Coalesce(Primitive):
    """``ops.Coalesce()(x_indices, x_values, x_shape)`` -> (y_indices, y_values, y_shape)."""

    def __init__(self):
        super().__init__("Coalesce")

    def __call__(self, x_indices, x_values, x_shape):
        return call("coalesce", x_indices, x_values, x_shape)
