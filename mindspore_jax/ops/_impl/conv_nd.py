"""Convolutions and transposed convolutions (1-D/2-D/3-D, channels-first) and their views."""

from __future__ import annotations

import jax.numpy as jnp
from jax import lax

from ...context import conv_precision
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive
from ._conv_common import _DN, _resolve_pads, _tup, explicit_pads, same_pads

# --- convolution ------------------------------------------------------------------------------


@op("conv")
def _conv(x, w, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):
    """N-d convolution; weight (out, in/groups, *kernel)."""
    nsp = w.ndim - 2
    name = f"Conv{nsp}D"
    if x.ndim != nsp + 2:
        R.raise_error(ValueError, name, f"the input must be {nsp + 2}-D, but got shape {list(x.shape)}.")
    if x.shape[1] != w.shape[1] * groups:
        R.raise_error(
            ValueError,
            name,
            f"the input channel {x.shape[1]} of x {list(x.shape)} must equal "
            f"weight {list(w.shape)} dim 1 ({w.shape[1]}) * groups ({groups}).",
        )
    if w.shape[0] % groups:
        R.raise_error(ValueError, name, f"the out channel {w.shape[0]} must be divisible by groups {groups}.")
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    kernel = w.shape[2:]
    pads = _resolve_pads(x.shape[2:], kernel, stride, dilation, pad_mode, padding)
    for n, (b, a), k, d in zip(x.shape[2:], pads, kernel, dilation):
        if n + b + a < (k - 1) * d + 1:
            R.raise_error(
                ValueError,
                name,
                f"the padded input size {n + b + a} is smaller than the "
                f"dilated kernel size {(k - 1) * d + 1}: x {list(x.shape)}, "
                f"weight {list(w.shape)}.",
            )
    if x.dtype != w.dtype:
        dt = jnp.promote_types(x.dtype, w.dtype)
        x, w = x.astype(dt), w.astype(dt)
    out = lax.conv_general_dilated(
        x, w, stride, pads, rhs_dilation=dilation, dimension_numbers=_DN[nsp], feature_group_count=groups,
        precision=conv_precision(),
    )
    if bias is not None:
        out = out + bias.reshape((-1,) + (1,) * nsp).astype(out.dtype)
    return out


@op("conv_transpose")
def _conv_transpose(
    x,
    w,
    bias=None,
    stride=1,
    pad_mode="valid",
    padding=0,
    dilation=1,
    groups=1,
    output_padding=0,
    output_size=None,
):
    """Transposed conv (gradient of conv w.r.t. its input); weight (in, out/groups, *kernel)."""
    nsp = w.ndim - 2
    name = f"Conv{nsp}DTranspose"
    if x.ndim != nsp + 2 or x.shape[1] != w.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the input channel of x {list(x.shape)} must equal weight {list(w.shape)} dim 0.",
        )
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    opad = _tup(output_padding, nsp, "output_padding")
    kernel = w.shape[2:]
    in_sp = x.shape[2:]
    mode = pad_mode.lower()
    if output_size is not None:
        n_out = tuple(output_size)[-nsp:]
    elif mode == "same":
        n_out = tuple(n * s for n, s in zip(in_sp, stride))
    else:
        pp = [(0, 0)] * nsp if mode == "valid" else explicit_pads(padding, nsp)
        n_out = tuple(
            (n - 1) * s + (k - 1) * d + 1 - b - a + op_
            for n, s, k, d, (b, a), op_ in zip(in_sp, stride, kernel, dilation, pp, opad)
        )
    if mode == "same":
        pp = same_pads(n_out, kernel, stride, dilation)
    elif mode == "valid":
        pp = [(0, 0)] * nsp
    else:
        pp = explicit_pads(padding, nsp)
    lax_pads = []
    for n, s, k, d, (b, a), no in zip(in_sp, stride, kernel, dilation, pp, n_out):
        natural = (n - 1) * s + (k - 1) * d + 1 - b - a
        lax_pads.append(((k - 1) * d - b, (k - 1) * d - a + (no - natural)))
    cin, cout_g = w.shape[0], w.shape[1]
    wk = w.reshape((groups, cin // groups, cout_g) + kernel)
    wk = jnp.swapaxes(wk, 1, 2).reshape((groups * cout_g, cin // groups) + kernel)
    wk = jnp.flip(wk, axis=tuple(range(2, 2 + nsp)))
    if x.dtype != wk.dtype:
        dt = jnp.promote_types(x.dtype, wk.dtype)
        x, wk = x.astype(dt), wk.astype(dt)
    out = lax.conv_general_dilated(
        x,
        wk,
        (1,) * nsp,
        lax_pads,
        lhs_dilation=stride,
        rhs_dilation=dilation,
        dimension_numbers=_DN[nsp],
        feature_group_count=groups,
        precision=conv_precision(),
    )
    if bias is not None:
        out = out + bias.reshape((-1,) + (1,) * nsp).astype(out.dtype)
    return out


def _conv_view(nsp):
    def f(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):
        if isinstance(padding, str):
            pad_mode, padding = padding, 0
        return call("conv", input, weight, bias, stride, pad_mode, padding, dilation, groups)

    f.__name__ = f"conv{nsp}d"
    f.__doc__ = f"``ops.conv{nsp}d``: weight (out, in/groups, *kernel); pad_mode 'valid'/'same'/'pad'."
    return functional(f)


conv1d = _conv_view(1)
conv2d = _conv_view(2)
conv3d = _conv_view(3)


def _convt_view(nsp):
    def f(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
        return call(
            "conv_transpose", input, weight, bias, stride, "pad", padding, dilation, groups, output_padding
        )

    f.__name__ = f"conv_transpose{nsp}d"
    return functional(f)


conv_transpose1d = _convt_view(1)
conv_transpose2d = _convt_view(2)
conv_transpose3d = _convt_view(3)

for _i, _f in ((1, conv1d), (2, conv2d), (3, conv3d)):
    mint(f"nn.functional.conv{_i}d")(
        (
            lambda nsp: (
                lambda input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1: call(
                    "conv",
                    input,
                    weight,
                    bias,
                    stride,
                    padding if isinstance(padding, str) else "pad",
                    0 if isinstance(padding, str) else padding,
                    dilation,
                    groups,
                )
            )
        )(_i)
    )


def _conv_prim_pad(pad_mode, pad):
    mode = pad_mode.lower()
    return mode, pad


@primitive
class Conv2D(Primitive):
    """``P.Conv2D(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group)``;
    ``pad`` is an int or (top, bottom, left, right)."""

    _nsp = 2

    def __init__(
        self,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCHW",
    ):
        super().__init__(type(self).__name__)
        self.out_channel, self.kernel_size = out_channel, _tup(kernel_size, self._nsp)
        self.mode, self.pad_mode, self.pad = mode, pad_mode.lower(), pad
        self.stride = _strides(stride, self._nsp)
        self.dilation = _strides(dilation, self._nsp)
        self.group, self.data_format = group, data_format
        if self.pad_mode != "pad" and pad not in (0, (0, 0, 0, 0)):
            R.raise_error(
                ValueError, self.name, f"the 'pad' must be 0 when 'pad_mode' is not 'pad', but got {pad}."
            )

    def __call__(self, x, w):
        if w.shape[0] != self.out_channel:
            R.raise_error(
                ValueError,
                self.name,
                f"the weight dim 0 {w.shape[0]} must equal out_channel {self.out_channel}.",
            )
        return call("conv", x, w, None, self.stride, self.pad_mode, self.pad, self.dilation, self.group)


def _strides(v, nsp):
    """Primitive attribute spellings: int, (h, w) or (1, 1, h, w)."""
    if isinstance(v, int):
        return (v,) * nsp
    v = tuple(v)
    return v[-nsp:] if len(v) > nsp else _tup(v, nsp)


@primitive
class Conv3D(Conv2D):
    _nsp = 3

    def __init__(
        self,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCDHW",
    ):
        super().__init__(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group, data_format)


@primitive
class Conv2DBackpropInput(Primitive):
    """``P.Conv2DBackpropInput(out_channel, kernel_size, ...)(dout, weight, input_size)``."""

    def __init__(
        self,
        out_channel,
        kernel_size,
        pad_mode="valid",
        pad=0,
        pad_list=None,
        mode=1,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCHW",
    ):
        super().__init__(type(self).__name__)
        self.out_channel, self.kernel_size = out_channel, _tup(kernel_size, 2)
        self.pad_mode, self.pad = pad_mode.lower(), pad
        self.stride, self.dilation, self.group = _strides(stride, 2), _strides(dilation, 2), group

    def __call__(self, dout, w, input_size):
        size = tuple(int(s) for s in (input_size.asnumpy() if hasattr(input_size, "asnumpy") else input_size))
        return call(
            "conv_transpose",
            dout,
            w,
            None,
            self.stride,
            self.pad_mode,
            self.pad,
            self.dilation,
            self.group,
            0,
            size,
        )


@primitive
class Conv2DTranspose(Conv2DBackpropInput):
    pass


@primitive
class Conv3DTranspose(Primitive):
    def __init__(
        self,
        in_channel,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        output_padding=0,
        data_format="NCDHW",
    ):
        super().__init__("Conv3DTranspose")
        self.pad_mode, self.pad = pad_mode.lower(), pad
        self.stride, self.dilation, self.group = _strides(stride, 3), _strides(dilation, 3), group
        self.output_padding = _strides(output_padding, 3)

    def __call__(self, x, w):
        return call(
            "conv_transpose",
            x,
            w,
            None,
            self.stride,
            self.pad_mode,
            self.pad,
            self.dilation,
            self.group,
            self.output_padding,
        )
