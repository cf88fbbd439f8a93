"""nn.SparseToDense and nn.SparseTensorDenseMatmul (thin Cells over the sparse primitives)."""

from __future__ import annotations

from ...ops._impl.sparse_ops import SparseTensorDenseMatmul as _STDMatmul
from ...ops._impl.sparse_ops import SparseToDense as _SparseToDense
from ..cell import Cell

__all__ = ["SparseToDense", "SparseTensorDenseMatmul"]


class SparseToDense(Cell):
    """``nn.SparseToDense()(sparse_tensor)``: the dense Tensor of a COOTensor."""

    def __init__(self):
        super().__init__()
        self.sparse_to_dense = _SparseToDense()

    def construct(self, sparse_tensor):
        return self.sparse_to_dense(sparse_tensor.indices, sparse_tensor.values, sparse_tensor.shape)


class SparseTensorDenseMatmul(Cell):
    """``nn.SparseTensorDenseMatmul(adjoint_st=False, adjoint_dt=False)(indices, values,
    sparse_shape, dense)``."""

    def __init__(self, adjoint_st=False, adjoint_dt=False):
        super().__init__()
        self.adj_st = adjoint_st
        self.adj_dt = adjoint_dt
        self.sparse_dense_matmul = _STDMatmul(adjoint_st=self.adj_st, adjoint_dt=self.adj_dt)

    def construct(self, indices, values, sparse_shape, dense):
        return self.sparse_dense_matmul(indices, values, sparse_shape, dense)
