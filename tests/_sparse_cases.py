"""Sparse-tensor cases shared by tools/make_golden_sparse.py (run under real MindSpore) and
tests/test_sparse.py (run under mindspore_jax). Each case takes the ``mindspore`` module
(either implementation) and returns numpy arrays / tuples / strings."""

import numpy as np


def _np(x):
    if isinstance(x, (tuple, list)):
        return tuple(_np(i) for i in x)
    if hasattr(x, "asnumpy"):
        return x.asnumpy()
    return np.asarray(x)


def _coo(ms, dt=None):
    dt = dt or ms.int32
    return ms.COOTensor(
        ms.Tensor([[0, 1], [1, 2], [2, 0]], dt), ms.Tensor([1.5, -2.0, 3.0], ms.float32), (3, 4)
    )


def _csr(ms):
    return ms.CSRTensor(
        ms.Tensor([0, 1, 3, 3], ms.int32),
        ms.Tensor([1, 0, 3], ms.int32),
        ms.Tensor([1.5, -2.0, 0.5], ms.float32),
        (3, 4),
    )


def _csr_parts(x):
    return _np((x.indptr, x.indices, x.values)) + (np.asarray(x.shape),)


def _coo_parts(x):
    return _np((x.indices, x.values)) + (np.asarray(x.shape),)


D34 = np.arange(12, dtype=np.float32).reshape(3, 4) / 4 - 1
D42 = (np.arange(8, dtype=np.float32).reshape(4, 2) - 3) / 2

UNARY = (
    "abs acos acosh asin asinh atan atanh ceil cos cosh exp expm1 floor inv isfinite isinf isnan "
    "log log1p neg relu relu6 round sigmoid sin sinh softsign sqrt square tan tanh"
).split()


def _unary_coo(ms):
    ops = ms.ops
    vals = {
        "acosh": [1.5, 2.0, 3.0],
        "log": [1.5, 2.0, 0.5],
        "sqrt": [1.5, 2.0, 0.5],
        "log1p": [1.5, 2.0, 0.5],
        "acos": [0.5, -0.25, 0.75],
        "asin": [0.5, -0.25, 0.75],
        "atanh": [0.5, -0.25, 0.75],
        "round": [0.5, 1.5, -2.5],
    }
    out = []
    for n in UNARY:
        x = ms.COOTensor(
            ms.Tensor([[0, 1], [1, 2], [2, 0]], ms.int32),
            ms.Tensor(vals.get(n, [1.5, -2.0, 7.0]), ms.float32),
            (3, 4),
        )
        out.append(getattr(ops, "coo_" + n)(x).values.asnumpy().astype(np.float32))
    return np.stack(out)


def _unary_csr(ms):
    ops = ms.ops
    out = []
    for n in ("abs", "exp", "relu", "sigmoid", "neg", "square", "isnan", "softsign", "tanh"):
        x = _csr(ms)
        y = getattr(ops, "csr_" + n)(x)
        assert isinstance(y, ms.CSRTensor)
        out.append(y.values.asnumpy().astype(np.float32))
    return np.stack(out)


def _gather(ms):
    return ms.ops.csr_gather(
        ms.Tensor([0, 1, 3, 3], ms.int32), ms.Tensor([1, 0, 3], ms.int32), ms.Tensor(D34), (3, 4)
    )


# name -> (fn(ms), needs_akg): akg ops are MindSpore's CPU graph-kernel implementations
CASES = {
    "coo_repr": (lambda ms: repr(_coo(ms)), False),
    "csr_repr": (lambda ms: repr(_csr(ms)), False),
    "coo_props": (lambda ms: np.array([_coo(ms).size, _coo(ms).itemsize, _coo(ms).ndim]), False),
    "coo_dtype": (lambda ms: str(_coo(ms).dtype) + str(_coo(ms).astype(ms.float64).dtype), False),
    "coo_to_dense": (lambda ms: _np(_coo(ms).to_dense()), False),
    "coo_to_dense_dup": (
        lambda ms: _np(
            ms.COOTensor(
                ms.Tensor([[0, 1], [0, 1]], ms.int32), ms.Tensor([1.0, 2.0], ms.float32), (2, 2)
            ).to_dense()
        ),
        False,
    ),
    "csr_to_dense": (lambda ms: _np(_csr(ms).to_dense()), False),
    "f_csr_to_dense": (lambda ms: _np(ms.ops.csr_to_dense(_csr(ms))), False),
    "coo_neg": (lambda ms: _coo_parts(-_coo(ms)), False),
    "coo_add_dense": (lambda ms: _np(_coo(ms) + ms.Tensor(D34)), False),
    "coo_sub_dense": (lambda ms: _np(_coo(ms) - ms.Tensor(D34)), False),
    "coo_mul_dense": (lambda ms: _coo_parts(_coo(ms) * ms.Tensor(D34)), False),
    "coo_div_dense": (lambda ms: _coo_parts(_coo(ms) / ms.Tensor(D34 + 5)), False),
    "coo_abs": (lambda ms: _coo_parts(_coo(ms).abs()), False),
    "coo_astype": (lambda ms: _coo_parts(_coo(ms).astype(ms.float16)), False),
    "coo_unary": (_unary_coo, False),
    "csr_unary": (_unary_csr, False),
    "csr_neg": (lambda ms: _csr_parts(-_csr(ms)), False),
    "csr_add_csr": (lambda ms: _csr_parts(_csr(ms) + _csr(ms)), False),
    "csr_sub_csr": (lambda ms: _csr_parts(_csr(ms) - _csr(ms)), False),
    "f_csr_add": (
        lambda ms: _csr_parts(
            ms.ops.csr_add(
                _csr(ms),
                ms.CSRTensor(
                    ms.Tensor([0, 2, 2, 3], ms.int32),
                    ms.Tensor([1, 2, 1], ms.int32),
                    ms.Tensor([1.0, 2.0, 3.0], ms.float32),
                    (3, 4),
                ),
                ms.Tensor(2.0, ms.float32),
                ms.Tensor(-1.0, ms.float32),
            )
        ),
        False,
    ),
    "csr_softmax": (lambda ms: _csr_parts(ms.ops.csr_softmax(_csr(ms), ms.float32)), False),
    "csr_mul_scalar": (lambda ms: _np(ms.ops.csr_mul(_csr(ms), 2.0)), False),
    "d2coo": (
        lambda ms: _coo_parts(ms.ops.dense_to_sparse_coo(ms.Tensor([[0, 1.0, 0], [2, 0, 3]], ms.float32))),
        False,
    ),
    "d2csr": (
        lambda ms: _csr_parts(ms.ops.dense_to_sparse_csr(ms.Tensor([[0, 1.0, 0], [2, 0, 3]], ms.float32))),
        False,
    ),
    "coalesce": (
        lambda ms: _np(
            ms.ops.coalesce(
                ms.Tensor([[2, 0, 2, 1], [1, 1, 1, 0]], ms.int64),
                ms.Tensor([1.0, 2.0, 3.0, 4.0], ms.float32),
                ms.Tensor([3, 3], ms.int64),
            )
        ),
        False,
    ),
    "Coalesce": (
        lambda ms: _np(
            ms.ops.Coalesce()(
                ms.Tensor([[0, 0], [1, 1]], ms.int64),
                ms.Tensor([1.0, 2.0], ms.float32),
                ms.Tensor([2, 2], ms.int64),
            )
        ),
        False,
    ),
    "coo_coalesce": (
        lambda ms: _coo_parts(
            ms.COOTensor(
                ms.Tensor([[1, 1], [0, 2], [1, 1]], ms.int64), ms.Tensor([1.0, 2.0, 3.0], ms.float32), (2, 3)
            ).coalesce()
        ),
        False,
    ),
    "SparseToDense": (
        lambda ms: _np(
            ms.ops.SparseToDense()(
                ms.Tensor([[0, 1], [1, 2]], ms.int32), ms.Tensor([1.0, 2.0], ms.float32), (3, 4)
            )
        ),
        False,
    ),
    "STDMatmul": (
        lambda ms: _np(
            ms.ops.SparseTensorDenseMatmul()(
                ms.Tensor([[0, 1], [1, 2], [2, 0]], ms.int32),
                ms.Tensor([1.5, -2.0, 3.0], ms.float32),
                (3, 4),
                ms.Tensor(D42),
            )
        ),
        False,
    ),
    "STDMatmul_adj": (
        lambda ms: _np(
            ms.ops.SparseTensorDenseMatmul(True, True)(
                ms.Tensor([[0, 1], [1, 2], [3, 0]], ms.int64),
                ms.Tensor([1.5, -2.0, 3.0], ms.float32),
                (4, 3),
                ms.Tensor(D42.T.copy()),
            )
        ),
        False,
    ),
    "STDAdd": (
        lambda ms: _np(
            ms.ops.SparseTensorDenseAdd()(
                ms.Tensor([[0, 1], [1, 2]], ms.int64),
                ms.Tensor([1.0, 2.0], ms.float32),
                ms.Tensor([3, 4], ms.int64),
                ms.Tensor(D34),
            )
        ),
        False,
    ),
    "SparseSlice": (
        lambda ms: _np(
            ms.ops.SparseSlice()(
                ms.Tensor([[0, 1], [1, 2], [2, 3], [1, 0]], ms.int64),
                ms.Tensor([1.0, 2.0, 3.0, 4.0], ms.float32),
                ms.Tensor([3, 4], ms.int64),
                ms.Tensor([1, 0], ms.int64),
                ms.Tensor([5, 3], ms.int64),
            )
        ),
        False,
    ),
    "coo_add": (
        lambda ms: _coo_parts(
            ms.ops.coo_add(
                _coo(ms, ms.int64),
                ms.COOTensor(
                    ms.Tensor([[0, 1], [0, 3], [2, 0]], ms.int64),
                    ms.Tensor([1.0, 0.25, -3.0], ms.float32),
                    (3, 4),
                ),
                ms.Tensor(0.5, ms.float32),
            )
        ),
        False,
    ),
    "coo_concat": (
        lambda ms: _coo_parts(
            ms.ops.coo_concat(
                (
                    ms.COOTensor(
                        ms.Tensor([[0, 1], [1, 2]], ms.int64), ms.Tensor([1.0, 2.0], ms.float32), (2, 3)
                    ),
                    ms.COOTensor(
                        ms.Tensor([[0, 0], [1, 1]], ms.int64), ms.Tensor([3.0, 4.0], ms.float32), (2, 3)
                    ),
                ),
                1,
            )
        ),
        False,
    ),
    "nn_SparseToDense": (lambda ms: _np(ms.nn.SparseToDense()(_coo(ms))), False),
    "nn_STDMatmul": (
        lambda ms: _np(
            ms.nn.SparseTensorDenseMatmul()(
                ms.Tensor([[0, 1], [1, 2], [2, 0]], ms.int32),
                ms.Tensor([1.5, -2.0, 3.0], ms.float32),
                (3, 4),
                ms.Tensor(D42),
            )
        ),
        False,
    ),
    "STDMatmul_grad": (
        lambda ms: _np(
            ms.grad(
                lambda v, d: ms.ops.SparseTensorDenseMatmul()(
                    ms.Tensor([[0, 1], [1, 2], [2, 0]], ms.int32), v, (3, 4), d
                ).sum(),
                grad_position=(0, 1),
            )(ms.Tensor([1.5, -2.0, 3.0], ms.float32), ms.Tensor(D42))
        ),
        False,
    ),
    # graph-kernel (akg) ops on MindSpore CPU
    "csr_mv": (lambda ms: _np(_csr(ms).mv(ms.Tensor(D42[:, :1].copy()))), True),
    "csr_mm_dense": (lambda ms: _np(_csr(ms).mm(ms.Tensor(D42))), True),
    "csr_sum": (lambda ms: _np(_csr(ms).sum(1)), True),
    "csr_mul": (lambda ms: _csr_parts(ms.ops.csr_mul(_csr(ms), ms.Tensor(D34))), True),
    "csr_mul_row": (lambda ms: _csr_parts(ms.ops.csr_mul(_csr(ms), ms.Tensor(D34[:1].copy()))), True),
    "csr_div": (lambda ms: _csr_parts(ms.ops.csr_div(_csr(ms), ms.Tensor(D34 + 5))), True),
    "csr_gather": (lambda ms: _np(_gather(ms)), True),
    "csr2coo": (lambda ms: _np(ms.ops.csr2coo(ms.Tensor([0, 1, 3, 3], ms.int32), 3)), True),
    "coo2csr": (lambda ms: _np(ms.ops.coo2csr(ms.Tensor([0, 1, 1], ms.int32), 3)), True),
    "csr_to_coo": (lambda ms: _coo_parts(_csr(ms).to_coo()), True),
    "coo_to_csr": (
        lambda ms: _csr_parts(
            ms.COOTensor(
                ms.Tensor([[2, 0], [0, 1], [1, 2]], ms.int32), ms.Tensor([1.5, -2.0, 3.0], ms.float32), (3, 4)
            ).to_csr()
        ),
        True,
    ),
    "csr_mm_grad": (
        lambda ms: _np(
            ms.grad(
                lambda v, d: (
                    ms.CSRTensor(ms.Tensor([0, 1, 3, 3], ms.int32), ms.Tensor([1, 0, 3], ms.int32), v, (3, 4))
                    .mm(d)
                    .sum()
                ),
                grad_position=(0, 1),
            )(ms.Tensor([1.5, -2.0, 0.5], ms.float32), ms.Tensor(D42))
        ),
        True,
    ),
    "csr_mm_sparse": (
        lambda ms: _csr_parts(
            ms.ops.csr_mm(
                _csr(ms),
                ms.CSRTensor(
                    ms.Tensor([0, 1, 2, 2, 3], ms.int32),
                    ms.Tensor([0, 1, 1], ms.int32),
                    ms.Tensor([1.0, 2.0, 3.0], ms.float32),
                    (4, 2),
                ),
            )
        ),
        True,
    ),
}

# constructor validation: name -> fn(ms) that must raise
ERRORS = {
    "coo_shape_len": lambda ms: ms.COOTensor(ms.Tensor([[0, 1]], ms.int32), ms.Tensor([1.0]), (3, 4, 5)),
    "coo_idx_dtype": lambda ms: ms.COOTensor(ms.Tensor([[0, 1]], ms.float32), ms.Tensor([1.0]), (3, 4)),
    "coo_idx_type": lambda ms: ms.COOTensor([[0, 1]], ms.Tensor([1.0]), (3, 4)),
    "coo_shape_type": lambda ms: ms.COOTensor(ms.Tensor([[0, 1]], ms.int32), ms.Tensor([1.0]), [3, 4]),
    "coo_neg_shape": lambda ms: ms.COOTensor(ms.Tensor([[0, 1]], ms.int32), ms.Tensor([1.0]), (3, -4)),
    "coo_idx_cols": lambda ms: ms.COOTensor(ms.Tensor([[0, 1, 2]], ms.int32), ms.Tensor([1.0]), (3, 4)),
    "coo_len_mismatch": lambda ms: ms.COOTensor(
        ms.Tensor([[0, 1], [1, 1]], ms.int32), ms.Tensor([1.0]), (3, 4)
    ),
    "coo_val_dim": lambda ms: ms.COOTensor(ms.Tensor([[0, 1]], ms.int32), ms.Tensor([[1.0]]), (3, 4)),
    "csr_indptr_type": lambda ms: ms.CSRTensor([0, 1], ms.Tensor([0], ms.int32), ms.Tensor([1.0]), (1, 2)),
    "csr_indptr_len": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 1], ms.int32), ms.Tensor([0], ms.int32), ms.Tensor([1.0]), (2, 2)
    ),
    "csr_len_mismatch": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 1, 2], ms.int32), ms.Tensor([0, 1], ms.int32), ms.Tensor([1.0]), (2, 2)
    ),
    "csr_idx_dtype": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 1, 1], ms.int32), ms.Tensor([0], ms.uint8), ms.Tensor([1.0]), (2, 2)
    ),
    "csr_indptr_dtype": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 1, 1], ms.float32), ms.Tensor([0], ms.int32), ms.Tensor([1.0]), (2, 2)
    ),
    "csr_too_small": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 3], ms.int32), ms.Tensor([0, 1, 1], ms.int32), ms.Tensor([1.0, 2.0, 3.0]), (1, 2)
    ),
    "csr_val_dim": lambda ms: ms.CSRTensor(
        ms.Tensor([0, 1, 1], ms.int32), ms.Tensor([0], ms.int32), ms.Tensor([[1.0, 2.0]]), (2, 2)
    ),
    "csr_reduce_axis0": lambda ms: ms.ops.csr_reduce_sum(_csr(ms), 0),
    "coo_add_shape": lambda ms: _coo(ms) + ms.Tensor(np.zeros((2, 2), np.float32)),
    "csr_add_type": lambda ms: _csr(ms) + ms.Tensor(np.zeros((3, 4), np.float32)),
    "csr_to_dense_type": lambda ms: ms.ops.csr_to_dense(ms.Tensor(D34)),
}
