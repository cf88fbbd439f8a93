"""Pooling layers: Max/Avg pooling 1d/2d/3d, adaptive pooling and LP pooling.

``pad_mode`` is 'valid', 'same' (TensorFlow placement; average pooling never counts padded
cells) or 'pad' (explicit ``padding``, with ``ceil_mode`` and ``count_include_pad``).
"""

from __future__ import annotations

from ...ops._registry import call
from ... import ops
from ..cell import Cell

__all__ = [
    "MaxPool1d",
    "MaxPool2d",
    "MaxPool3d",
    "AvgPool1d",
    "AvgPool2d",
    "AvgPool3d",
    "AdaptiveAvgPool1d",
    "AdaptiveAvgPool2d",
    "AdaptiveAvgPool3d",
    "AdaptiveMaxPool1d",
    "AdaptiveMaxPool2d",
    "AdaptiveMaxPool3d",
    "LPPool1d",
    "LPPool2d",
]


def _tuple(cls, name, v, n):
    if isinstance(v, int) and not isinstance(v, bool):
        t = (v,) * n
    elif isinstance(v, (tuple, list)) and len(v) == n:
        t = tuple(v)
    else:
        raise TypeError(f"For '{cls}', the '{name}' must be an int or a tuple of {n} ints, but got {v!r}.")
    if any(not isinstance(i, int) or i <= 0 for i in t):
        raise ValueError(f"For '{cls}', the '{name}' must be positive ints, but got {v!r}.")
    return t


class _Pool(Cell):
    _nsp = 2
    _avg = False

    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        dilation=1,
        return_indices=False,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=None,
    ):
        super().__init__()
        cls = type(self).__name__
        n = self._nsp
        self._kernel = _tuple(cls, "kernel_size", kernel_size, n)
        self._stride = _tuple(cls, "stride", stride if stride is not None else kernel_size, n)
        self._dilation = _tuple(cls, "dilation", dilation, n)
        if not isinstance(pad_mode, str) or pad_mode.upper() not in ("VALID", "SAME", "PAD"):
            raise ValueError(
                f"For '{cls}', the 'pad_mode' must be 'valid', 'same' or 'pad', but got {pad_mode!r}."
            )
        self.pad_mode = pad_mode.upper()
        if self.pad_mode != "PAD" and (padding not in (0, (0,) * n) or ceil_mode):
            raise ValueError(
                f"For '{cls}', the 'padding' must be 0 and 'ceil_mode' False when "
                f"'pad_mode' is not 'pad', but got padding {padding}, ceil_mode {ceil_mode}."
            )
        self.padding = padding
        self.return_indices, self.ceil_mode = return_indices, bool(ceil_mode)
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override
        # MindSpore's repr: ints stay ints for 2d/3d, 1d shows its (1, k) 2-D form
        self.kernel_size = (1, kernel_size) if n == 1 and isinstance(kernel_size, int) else kernel_size
        self.stride = (1, stride) if n == 1 and isinstance(stride, int) else stride

    def construct(self, x):
        n = self._nsp
        if x.ndim not in (n + 1, n + 2):
            raise ValueError(
                f"For '{type(self).__name__}', the input must be {n + 1}-D or {n + 2}-D, but "
                f"got shape {list(x.shape)}."
            )
        batched = x.ndim == n + 2
        if not batched:
            x = ops.expand_dims(x, 0)
        if self._avg:
            y = call(
                "avg_pool",
                x,
                self._kernel,
                self._stride,
                self.pad_mode,
                self.padding,
                self.ceil_mode,
                self.count_include_pad,
                self.divisor_override or None,
            )
        elif self.return_indices:
            y = call(
                "max_pool_argmax",
                x,
                self._kernel,
                self._stride,
                self.pad_mode,
                self.padding,
                self._dilation,
                self.ceil_mode,
            )
        else:
            y = call(
                "max_pool",
                x,
                self._kernel,
                self._stride,
                self.pad_mode,
                self.padding,
                self._dilation,
                self.ceil_mode,
            )
        if not batched:
            y = tuple(ops.squeeze(t, 0) for t in y) if isinstance(y, tuple) else ops.squeeze(y, 0)
        return y

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}"


class MaxPool2d(_Pool):
    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        dilation=1,
        return_indices=False,
        ceil_mode=False,
        data_format="NCHW",
    ):
        if data_format != "NCHW":
            raise ValueError(
                f"For 'MaxPool2d', only the 'NCHW' data_format is supported, got '{data_format}'."
            )
        super().__init__(kernel_size, stride, pad_mode, padding, dilation, return_indices, ceil_mode)


class MaxPool1d(_Pool):
    _nsp = 1

    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        dilation=1,
        return_indices=False,
        ceil_mode=False,
    ):
        super().__init__(kernel_size, stride, pad_mode, padding, dilation, return_indices, ceil_mode)


class MaxPool3d(_Pool):
    _nsp = 3

    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        dilation=1,
        return_indices=False,
        ceil_mode=False,
    ):
        super().__init__(kernel_size, stride, pad_mode, padding, dilation, return_indices, ceil_mode)


class AvgPool2d(_Pool):
    _avg = True

    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=None,
        data_format="NCHW",
    ):
        if data_format != "NCHW":
            raise ValueError(
                f"For 'AvgPool2d', only the 'NCHW' data_format is supported, got '{data_format}'."
            )
        super().__init__(
            kernel_size, stride, pad_mode, padding, 1, False, ceil_mode, count_include_pad, divisor_override
        )


class AvgPool1d(_Pool):
    _nsp = 1
    _avg = True

    def __init__(
        self, kernel_size=1, stride=1, pad_mode="valid", padding=0, ceil_mode=False, count_include_pad=True
    ):
        super().__init__(kernel_size, stride, pad_mode, padding, 1, False, ceil_mode, count_include_pad)


class AvgPool3d(_Pool):
    _nsp = 3
    _avg = True

    def __init__(
        self,
        kernel_size=1,
        stride=1,
        pad_mode="valid",
        padding=0,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=None,
    ):
        super().__init__(
            kernel_size, stride, pad_mode, padding, 1, False, ceil_mode, count_include_pad, divisor_override
        )


class _Adaptive(Cell):
    _fn = None

    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.output_size = output_size
        self.return_indices = return_indices

    def construct(self, x):
        f = type(self)._fn
        if type(self)._max:
            return f(x, self.output_size, self.return_indices)
        return f(x, self.output_size)


def _adaptive(name, fn, is_max, with_indices):
    if with_indices:

        def __init__(self, output_size, return_indices=False):
            _Adaptive.__init__(self, output_size, return_indices)
    else:

        def __init__(self, output_size):
            _Adaptive.__init__(self, output_size)

    return type(
        name,
        (_Adaptive,),
        {
            "_fn": staticmethod(fn),
            "_max": is_max,
            "__init__": __init__,
            "__doc__": f"``nn.{name}``: output bins [floor(i*n/o), ceil((i+1)*n/o)).",
        },
    )


AdaptiveAvgPool1d = _adaptive("AdaptiveAvgPool1d", ops.adaptive_avg_pool1d, False, False)
AdaptiveAvgPool2d = _adaptive("AdaptiveAvgPool2d", ops.adaptive_avg_pool2d, False, False)
AdaptiveAvgPool3d = _adaptive("AdaptiveAvgPool3d", ops.adaptive_avg_pool3d, False, False)
AdaptiveMaxPool1d = _adaptive("AdaptiveMaxPool1d", ops.adaptive_max_pool1d, True, False)
AdaptiveMaxPool2d = _adaptive("AdaptiveMaxPool2d", ops.adaptive_max_pool2d, True, True)
AdaptiveMaxPool3d = _adaptive("AdaptiveMaxPool3d", ops.adaptive_max_pool3d, True, True)


class LPPool1d(Cell):
    def __init__(self, norm_type, kernel_size, stride=None, ceil_mode=False):
        super().__init__()
        self.norm_type, self.kernel_size, self.stride, self.ceil_mode = (
            norm_type,
            kernel_size,
            stride,
            ceil_mode,
        )

    def construct(self, x):
        return ops.lp_pool1d(x, self.norm_type, self.kernel_size, self.stride, self.ceil_mode)


class LPPool2d(LPPool1d):
    def construct(self, x):
        return ops.lp_pool2d(x, self.norm_type, self.kernel_size, self.stride, self.ceil_mode)
