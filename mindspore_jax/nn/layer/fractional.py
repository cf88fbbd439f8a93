"""Fractional max pooling layers: nn.FractionalMaxPool2d / nn.FractionalMaxPool3d."""

from __future__ import annotations

from ... import ops
from ..cell import Cell

__all__ = ["FractionalMaxPool2d", "FractionalMaxPool3d"]


class FractionalMaxPool2d(Cell):
    """``nn.FractionalMaxPool2d(kernel_size, output_size=None, output_ratio=None, return_indices=False,
    _random_samples=None)``: ``ops.fractional_max_pool2d`` on (N, C, H, W) or (C, H, W)."""

    _fn = staticmethod(ops.fractional_max_pool2d)

    def __init__(
        self, kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None
    ):
        super().__init__()
        self.kernel_size = kernel_size
        self.output_size = output_size
        self.output_ratio = output_ratio
        self.return_indices = return_indices
        self._random_samples = _random_samples

    def construct(self, input):
        return self._fn(
            input,
            self.kernel_size,
            self.output_size,
            self.output_ratio,
            self.return_indices,
            self._random_samples,
        )


class FractionalMaxPool3d(FractionalMaxPool2d):
    """``nn.FractionalMaxPool3d``: ``ops.fractional_max_pool3d`` on (N, C, D, H, W) or (C, D, H, W)."""

    _fn = staticmethod(ops.fractional_max_pool3d)
