"""Convolution layers: Conv1d/2d/3d and their transposes, with MindSpore's shapes and defaults.

Weights are (out, in/group, *kernel) for convs and (in, out/group, *kernel) for transposes; the
1-d layers keep MindSpore's 4-D weight (..., 1, k) so checkpoints load unchanged. Default
initialisers: HeUniform(negative_slope=sqrt(5)) weight, Uniform(1/sqrt(fan_in)) bias.
"""

from __future__ import annotations

import math

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform, _calculate_fan_in_and_fan_out, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops._registry import call
from ..cell import Cell

__all__ = ["Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose", "Conv3dTranspose"]


def _ntuple(cls, name, v, n, allow_zero=False):
    if isinstance(v, int) and not isinstance(v, bool):
        v = (v,) * n
    elif isinstance(v, (tuple, list)) and len(v) == n and all(isinstance(i, int) for i in v):
        v = tuple(v)
    else:
        raise TypeError(f"For '{cls}', the '{name}' must be an int or a tuple of {n} ints, but got {v!r}.")
    if any(i < (0 if allow_zero else 1) for i in v):
        raise ValueError(f"For '{cls}', the '{name}' must be positive, but got {v}.")
    return v


def _check_conv_input(x, rank, in_channels, group, prim):
    """MindSpore 2.10's infer errors for nn.Conv2d/Conv3d inputs."""
    if x.ndim != rank:
        raise ValueError(
            f"For primitive[{prim}], the x shape size must be equal to {rank}, but got {x.ndim}."
        )
    if x.shape[1] != in_channels:
        raise RuntimeError(
            f"For '{prim}', 'C_in' of input 'x' shape divide by parameter 'group' must be equal to 'C_in' of "
            f"input 'weight' shape: {in_channels // group}, but got 'C_in' of input 'x' shape: "
            f"{x.shape[1] // group}, and 'group': {group}."
        )


class _Conv(Cell):
    """Shared constructor: checks arguments, creates ``weight`` and optional ``bias``."""

    _nsp = 2
    _transpose = False
    _fmt = "NCHW"

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride,
        pad_mode,
        padding,
        dilation,
        group,
        has_bias,
        weight_init,
        bias_init,
        data_format,
        dtype,
        output_padding=0,
    ):
        super().__init__()
        cls = type(self).__name__
        n = self._nsp
        self.in_channels, self.out_channels = in_channels, out_channels
        for nm, v in (("in_channels", in_channels), ("out_channels", out_channels), ("group", group)):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"For '{cls}', the '{nm}' must be a positive int, but got {v!r}.")
        if in_channels % group or out_channels % group:
            raise ValueError(
                f"For '{cls}', the 'in_channels' ({in_channels}) and 'out_channels' "
                f"({out_channels}) must be divisible by 'group' ({group})."
            )
        self.kernel_size = _ntuple(cls, "kernel_size", kernel_size, n)
        self.stride = _ntuple(cls, "stride", stride, n)
        self.dilation = _ntuple(cls, "dilation", dilation, n)
        if not isinstance(pad_mode, str) or pad_mode.lower() not in ("same", "valid", "pad"):
            raise ValueError(
                f"For '{cls}', the 'pad_mode' must be 'same', 'valid' or 'pad', but got {pad_mode!r}."
            )
        self.pad_mode = pad_mode.lower()
        if isinstance(padding, int) and not isinstance(padding, bool):
            if padding < 0:
                raise ValueError(f"For '{cls}', the 'padding' must be non-negative, but got {padding}.")
        elif isinstance(padding, (tuple, list)):
            if len(padding) not in (n, 2 * n) or any(not isinstance(p, int) or p < 0 for p in padding):
                raise ValueError(
                    f"For '{cls}', the 'padding' must be an int or a tuple of {n} or {2 * n} "
                    f"non-negative ints, but got {padding}."
                )
            padding = tuple(padding)
        else:
            raise TypeError(f"For '{cls}', the 'padding' must be an int or a tuple, but got {padding!r}.")
        if self.pad_mode != "pad" and padding not in (0, (0,) * n, (0,) * (2 * n)):
            raise ValueError(
                f"For '{cls}', the 'padding' must be zero when 'pad_mode' is not 'pad', "
                f"but got {padding} with pad_mode '{pad_mode}'."
            )
        self.padding = padding
        self.output_padding = output_padding
        self.group = group
        self.has_bias = has_bias
        if data_format not in ("NCHW", "NCDHW"):
            raise ValueError(
                f"For '{cls}', only the channels-first data_format is supported, but got '{data_format}'."
            )
        self.data_format = self.format = data_format
        wk = self._weight_kernel()
        if self._transpose:
            shape = [in_channels, out_channels // group] + list(wk)
        else:
            shape = [out_channels, in_channels // group] + list(wk)
        if isinstance(weight_init, Tensor) and weight_init.ndim == len(shape) - 1 and n == 1:
            weight_init = ops.expand_dims(weight_init, 2)  # a 1-d layer given an (o, i, k) weight
        self.weight_init = weight_init if weight_init is not None else HeUniform(math.sqrt(5))
        self.weight = Parameter(initializer(self.weight_init, shape, dtype), name="weight")
        self.bias_init = bias_init
        if has_bias:
            if bias_init is None:
                fan_in, _ = _calculate_fan_in_and_fan_out(shape)
                bias_init = Uniform(1 / math.sqrt(fan_in)) if fan_in else "zeros"
            self.bias = Parameter(initializer(bias_init, [out_channels], dtype), name="bias")
        else:
            self.bias = None

    def _weight_kernel(self):
        return self.kernel_size

    def extend_repr(self):
        return (
            f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
            f"kernel_size={self.kernel_size}, stride={self.stride}, pad_mode={self.pad_mode}, "
            f"padding={self.padding}, dilation={self.dilation}, group={self.group}, "
            f"has_bias={self.has_bias}, weight_init={self.weight_init}, bias_init={self.bias_init}, "
            f"format={self.format}"
        )


class Conv2d(_Conv):
    """``nn.Conv2d``; a 4-tuple ``padding`` is (top, bottom, left, right)."""

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        data_format="NCHW",
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            data_format,
            dtype,
        )

    def construct(self, x):
        _check_conv_input(x, 4, self.in_channels, self.group, "Conv2D")
        return ops.conv2d(
            x, self.weight, self.bias, self.stride, self.pad_mode, self.padding, self.dilation, self.group
        )


class Conv3d(_Conv):
    """``nn.Conv3d``; a 6-tuple ``padding`` is (head, tail, top, bottom, left, right)."""

    _nsp = 3

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        data_format="NCDHW",
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            data_format,
            dtype,
        )

    def construct(self, x):
        _check_conv_input(x, 5, self.in_channels, self.group, "Conv3D")
        return ops.conv3d(
            x, self.weight, self.bias, self.stride, self.pad_mode, self.padding, self.dilation, self.group
        )


def _pad_1d_as_2d(padding):
    """Conv1d's int / (left, right) padding as Conv2d's (top, bottom, left, right)."""
    if isinstance(padding, int):
        return (0, 0, padding, padding)
    return (0, 0) + tuple(padding) if len(padding) == 2 else (0, 0, padding[0], padding[0])


class Conv1d(_Conv):
    """``nn.Conv1d``: computed as a 2-D conv over (N, C, 1, W); weight (out, in/group, 1, k)."""

    _nsp = 1

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            "NCHW",
            dtype,
        )
        self.padding = _pad_1d_as_2d(self.padding)
        self.kernel_size = (1,) + self.kernel_size
        self.stride = (1,) + self.stride
        self.dilation = (1,) + self.dilation

    def _weight_kernel(self):
        return (1,) + self.kernel_size

    def construct(self, x):
        if x.ndim != 3:
            raise ValueError(f"For 'Conv1d', the input must be 3-D, but got shape {list(x.shape)}.")
        y = ops.conv2d(
            ops.expand_dims(x, 2),
            self.weight,
            self.bias,
            self.stride,
            self.pad_mode,
            self.padding,
            self.dilation,
            self.group,
        )
        return ops.squeeze(y, 2)


class _ConvTranspose(_Conv):
    _transpose = True

    def _conv_t(self, x):
        return _conv_transpose_call(
            x,
            self.weight,
            self.bias,
            self.stride,
            self.pad_mode,
            self.padding,
            self.dilation,
            self.group,
            self.output_padding,
        )


def _conv_transpose_call(x, w, b, stride, pad_mode, padding, dilation, group, output_padding):
    return call("conv_transpose", x, w, b, stride, pad_mode, padding, dilation, group, output_padding)


class Conv2dTranspose(_ConvTranspose):
    """``nn.Conv2dTranspose``: weight (in, out/group, kh, kw); 'same' gives H*stride."""

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        output_padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            "NCHW",
            dtype,
            output_padding,
        )

    def construct(self, x):
        return self._conv_t(x)


class Conv3dTranspose(_ConvTranspose):
    _nsp = 3

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        output_padding=0,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        data_format="NCDHW",
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            data_format,
            dtype,
            output_padding,
        )

    def construct(self, x):
        return self._conv_t(x)


class Conv1dTranspose(_ConvTranspose):
    _nsp = 1

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init=None,
        bias_init=None,
        dtype=mstype.float32,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            pad_mode,
            padding,
            dilation,
            group,
            has_bias,
            weight_init,
            bias_init,
            "NCHW",
            dtype,
            0,
        )
        self.padding = _pad_1d_as_2d(self.padding)
        self.kernel_size = (1,) + self.kernel_size
        self.stride = (1,) + self.stride
        self.dilation = (1,) + self.dilation
        self.output_padding = (
            (0, self.output_padding)
            if isinstance(self.output_padding, int)
            else ((0,) + tuple(self.output_padding))
        )

    def _weight_kernel(self):
        return (1,) + self.kernel_size

    def construct(self, x):
        if x.ndim != 3:
            raise ValueError(f"For 'Conv1dTranspose', the input must be 3-D, but got shape {list(x.shape)}.")
        return ops.squeeze(self._conv_t(ops.expand_dims(x, 2)), 2)
