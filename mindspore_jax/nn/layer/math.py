"""Math Cells of ``mindspore.nn`` (``mindspore/nn/layer/math.py`` and matrix cells of ``basic.py``):
MatMul, Moments, ReduceLogSumExp, MatDet, MatInverse, LGamma, DiGamma, IGamma, LBeta,
MatrixDiag, MatrixDiagPart, MatrixSetDiag."""

from __future__ import annotations

from ... import ops
from ...ops._registry import call
from ..cell import Cell

__all__ = [
    "MatMul",
    "Moments",
    "ReduceLogSumExp",
    "MatDet",
    "MatInverse",
    "LGamma",
    "DiGamma",
    "IGamma",
    "LBeta",
    "MatrixDiag",
    "MatrixDiagPart",
    "MatrixSetDiag",
]


class MatMul(Cell):
    """``nn.MatMul(transpose_x1=False, transpose_x2=False)``: broadcasting (batched) matrix product;
    1-D operands are promoted to matrices and the added dims removed afterwards."""

    def __init__(self, transpose_x1=False, transpose_x2=False):
        super().__init__()
        for nm, v in (("transpose_x1", transpose_x1), ("transpose_x2", transpose_x2)):
            if not isinstance(v, bool):
                raise TypeError(
                    f"For 'MatMul', the type of '{nm}' must be bool, but got '{type(v).__name__}'."
                )
        self.transpose_x1, self.transpose_x2 = transpose_x1, transpose_x2

    def construct(self, x1, x2):
        if x1.ndim == 0 or x2.ndim == 0:
            raise ValueError(
                f"For 'MatMul', the dimension of 'x1' and 'x2' must be greater than 0, but got "
                f"{x1.ndim} and {x2.ndim}."
            )
        s1, s2 = x1.ndim == 1, x2.ndim == 1
        if s1:
            x1 = ops.expand_dims(x1, 0)
        if s2:
            x2 = ops.expand_dims(x2, 1)
        if self.transpose_x1:
            x1 = ops.swapaxes(x1, -1, -2)
        if self.transpose_x2:
            x2 = ops.swapaxes(x2, -1, -2)
        if x1.shape[-1] != x2.shape[-2]:
            raise ValueError(
                f"For 'MatMul', the last dimension of 'x1' must be equal to the second last dimension of "
                f"'x2', but got x1 shape {list(x1.shape)} and x2 shape {list(x2.shape)}."
            )
        out = ops.matmul(x1, x2)
        if s1:
            out = ops.squeeze(out, -2)
        if s2:
            out = ops.squeeze(out, -1)
        return out


class Moments(Cell):
    """``nn.Moments(axis=None, keep_dims=None)``: (mean, population variance) over ``axis``."""

    def __init__(self, axis=None, keep_dims=None):
        super().__init__()
        if axis is None:
            axis = ()
        if isinstance(axis, list):
            axis = tuple(axis)
        self.axis = axis
        self.keep_dims = False if keep_dims is None else bool(keep_dims)

    def construct(self, x):
        xf = ops.cast(x, "float32") if x.dtype == "float16" else x
        axis = self.axis if self.axis != () else None
        mean = xf.mean(axis, True)
        var = ops.square(xf - mean).mean(axis, self.keep_dims)
        if not self.keep_dims:
            mean = xf.mean(axis, False)
        if x.dtype == "float16":
            mean, var = ops.cast(mean, x.dtype), ops.cast(var, x.dtype)
        return mean, var


class ReduceLogSumExp(Cell):
    """``nn.ReduceLogSumExp(axis, keep_dims=False)``: log(sum(exp(x))) over ``axis`` (stable)."""

    def __init__(self, axis, keep_dims=False):
        super().__init__()
        if not isinstance(axis, (int, tuple, list)):
            raise TypeError(
                f"For 'ReduceLogSumExp', the type of 'axis' must be one of ['int', 'tuple', 'list'], but "
                f"got '{type(axis).__name__}'."
            )
        self.axis = tuple(axis) if isinstance(axis, list) else axis
        self.keep_dims = keep_dims

    def construct(self, x):
        return ops.logsumexp(x, self.axis, self.keep_dims)


class MatDet(Cell):
    """``nn.MatDet()``: determinant of (..., M, M)."""

    def construct(self, a):
        return ops.det(a)


class MatInverse(Cell):
    """``nn.MatInverse()``: inverse of (..., M, M)."""

    def construct(self, a):
        return ops.inverse(a)


class LGamma(Cell):
    """``nn.LGamma()``: log|Gamma(x)|."""

    def construct(self, x):
        return ops.lgamma(x)


class DiGamma(Cell):
    """``nn.DiGamma()``: d/dx log Gamma(x)."""

    def construct(self, x):
        return ops.digamma(x)


class IGamma(Cell):
    """``nn.IGamma()``: regularised lower incomplete gamma P(a, x)."""

    def construct(self, a, x):
        return call("nn_igamma", a, x)


class LBeta(Cell):
    """``nn.LBeta()``: log|Beta(x, y)| = lgamma(x) + lgamma(y) - lgamma(x + y)."""

    def construct(self, x, y):
        return ops.lgamma(x) + ops.lgamma(y) - ops.lgamma(x + y)


class MatrixDiag(Cell):
    """``nn.MatrixDiag()``: (..., N) -> (..., N, N) with the input on the diagonal."""

    def construct(self, input_x):
        return call("nn_matrix_diag", input_x)


class MatrixDiagPart(Cell):
    """``nn.MatrixDiagPart()``: (..., M, N) -> (..., min(M, N)) main diagonal."""

    def construct(self, input_x):
        return call("nn_matrix_diag_part", input_x)


class MatrixSetDiag(Cell):
    """``nn.MatrixSetDiag()``: replaces the main diagonal of (..., M, N) by ``diagonal``."""

    def construct(self, input_x, diagonal):
        return call("nn_matrix_set_diag", input_x, diagonal)
