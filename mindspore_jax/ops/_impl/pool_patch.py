"""Patch, argmax-pool and convolution-like ops: Tensor.fold/unfold/col2im, ops.col2im,
MaxPoolWithArgmaxV2, MaxPool3DWithArgmax, Dilation2D, DepthwiseConv2dNative, ExtractVolumePatches,
DeformableOffsets / ops.deformable_conv2d, ops.conv3d_transpose, InstanceNorm.

Argmax indices are flat positions inside each channel's (unpadded) spatial block; the values are
gathered at those indices, so gradients flow to the first maximum of each window as on MindSpore.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _registry as R
from .._registry import call, functional, op, primitive, tensor_method
from ..primitive import Primitive
from ._conv_common import _DN, _pool_geometry, _tup, explicit_pads, same_pads
from .conv_im2col import fold, unfold

# --- fold / unfold / col2im views -------------------------------------------------------------------


def _osz(output_size):
    if hasattr(output_size, "asnumpy"):
        output_size = output_size.asnumpy().tolist()
    return output_size


tensor_method("unfold")(
    lambda self, kernel_size, dilation=1, padding=0, stride=1: unfold(
        self, kernel_size, dilation, padding, stride
    )
)
tensor_method("fold")(
    lambda self, output_size, kernel_size, dilation=1, padding=0, stride=1: fold(
        self, _osz(output_size), kernel_size, dilation, padding, stride
    )
)


@functional
def col2im(input_x, output_size, kernel_size, dilation, padding_value, stride):
    """``ops.col2im(input_x (N, C, kh*kw, L), output_size, kernel_size, dilation, padding_value, stride)``."""
    if input_x.ndim != 4:
        R.raise_error(ValueError, "Col2Im", f"the dimension of 'x' must be 4, but got {input_x.ndim}.")
    n, c, kk, length = input_x.shape
    k = _tup(kernel_size, 2)
    if k[0] * k[1] != kk:
        R.raise_error(
            ValueError,
            "Col2Im",
            f"the product of 'kernel_size' {k} must equal x's dim 2 ({kk}), "
            f"but got x shape {list(input_x.shape)}.",
        )
    return fold(input_x.reshape(n, c * kk, length), _osz(output_size), k, dilation, padding_value, stride)


tensor_method("col2im")(
    lambda self, output_size, kernel_size, dilation, padding_value, stride: col2im(
        self, output_size, kernel_size, dilation, padding_value, stride
    )
)


@functional
def conv3d_transpose(
    inputs, weight, pad_mode="valid", padding=0, stride=1, dilation=1, group=1, output_padding=0
):
    """``ops.conv3d_transpose``: weight (C_in, C_out/group, kd, kh, kw); padding int or 6 ints."""
    if inputs.ndim != 5 or weight.ndim != 5:
        R.raise_error(
            ValueError,
            "Conv3DTranspose",
            f"the 'x' and 'weight' must be 5-D, but got {list(inputs.shape)} and {list(weight.shape)}.",
        )
    opad = output_padding
    if not isinstance(opad, int) and len(opad) == 5:
        opad = tuple(opad)[2:]
    return call(
        "conv_transpose",
        inputs,
        weight,
        None,
        _strides(stride, 3),
        pad_mode,
        padding,
        _strides(dilation, 3),
        group,
        opad,
    )


def _strides(v, nsp):
    if isinstance(v, int):
        return (v,) * nsp
    v = tuple(v)
    return v[-nsp:] if len(v) > nsp else _tup(v, nsp)


# --- max pooling with argmax ------------------------------------------------------------------------


@op("max_pool_argmax_v2")
def _max_pool_argmax_v2(x, kernel, stride, pads, dilation, ceil_mode, argmax_type, name):
    """Values gathered at the first maximum of each window; indices flat per channel."""
    nsp = len(kernel)
    if x.ndim != nsp + 2:
        R.raise_error(ValueError, name, f"the input must be {nsp + 2}-D, but got shape {list(x.shape)}.")
    geo, _ = _pool_geometry(
        x.shape[2:], kernel, stride, dilation, "pad", [p for bp in pads for p in bp], ceil_mode
    )
    return _argmax_pool_core(
        x, tuple(kernel), tuple(stride), tuple(tuple(g) for g in geo), tuple(dilation), np.dtype(argmax_type)
    )


@functools.partial(jax.jit, static_argnums=(1, 2, 3, 4, 5))
def _argmax_pool_core(x, kernel, stride, geo, dilation, argmax_type):
    sp = x.shape[2:]
    size = int(np.prod(sp))
    idx = jnp.broadcast_to(jnp.arange(size, dtype=jnp.int32).reshape(sp), x.shape)
    if x.dtype.kind == "f":
        key = x
        low = jnp.asarray(-jnp.inf, x.dtype)
    else:
        key = x
        low = jnp.asarray(jnp.iinfo(x.dtype).min, x.dtype)

    def red(a, b):
        av, ai = a
        bv, bi = b
        valid_b = bi >= 0
        take_b = valid_b & (
            (ai < 0) | (bv > av) | ((bv == av) & (bi < ai)) | (jnp.isnan(bv) & ~jnp.isnan(av))
        )
        return jnp.where(take_b, bv, av), jnp.where(take_b, bi, ai)

    _, inds = lax.reduce_window(
        (lax.stop_gradient(key), idx),
        (low, jnp.asarray(-1, jnp.int32)),
        red,
        (1, 1) + tuple(kernel),
        (1, 1) + tuple(stride),
        [(0, 0), (0, 0)] + list(geo),
        window_dilation=(1, 1) + tuple(dilation),
    )
    flat = x.reshape(x.shape[:2] + (size,))
    vals = jnp.take_along_axis(flat, inds.reshape(x.shape[:2] + (-1,)), axis=2).reshape(inds.shape)
    return vals, inds.astype(argmax_type)


def _check_pads(kernel, pads):
    if any(2 * p > k for k, p in zip(kernel, pads)):
        raise ValueError(
            "It is required that the `pads` is no more than half of the `kernel_size`, but gets "
            f"pads{tuple(pads)} and kernel_size{tuple(kernel)}."
        )


def _argmax_dtype(name, t):
    from ...common import dtype as mstype

    if t not in (mstype.int32, mstype.int64):
        R.raise_error(
            TypeError, name, f"the 'argmax_type' must be mindspore.int32 or mindspore.int64, but got {t}."
        )
    return t


@primitive
class MaxPoolWithArgmaxV2(Primitive):
    """``ops.MaxPoolWithArgmaxV2(kernel_size, strides=None, pads=0, dilation=(1, 1), ceil_mode=False,
    argmax_type=mstype.int64)(x)`` -> (output, argmax)."""

    def __init__(self, kernel_size, strides=None, pads=0, dilation=(1, 1), ceil_mode=False, argmax_type=None):
        super().__init__("MaxPoolWithArgmaxV2")
        from ...common import dtype as mstype

        self.kernel_size = _strides(kernel_size, 2)
        self.strides = self.kernel_size if strides is None else _strides(strides, 2)
        self.pads = _strides(pads, 2)
        self.dilation = _strides(dilation, 2)
        self.ceil_mode = bool(ceil_mode)
        self.argmax_type = _argmax_dtype(self.name, mstype.int64 if argmax_type is None else argmax_type)

    def __call__(self, x):
        _check_pads(self.kernel_size, self.pads)
        return call(
            "max_pool_argmax_v2",
            x,
            self.kernel_size,
            self.strides,
            [(p, p) for p in self.pads],
            self.dilation,
            self.ceil_mode,
            self.argmax_type,
            self.name,
        )


@primitive
class MaxPool3DWithArgmax(Primitive):
    """``ops.MaxPool3DWithArgmax(ksize, strides, pads, dilation=(1, 1, 1), ceil_mode=False,
    data_format='NCDHW', argmax_type=mstype.int64)(x)`` -> (output, argmax)."""

    def __init__(
        self, ksize, strides, pads, dilation=(1, 1, 1), ceil_mode=False, data_format="NCDHW", argmax_type=None
    ):
        super().__init__("MaxPool3DWithArgmax")
        from ...common import dtype as mstype

        if data_format != "NCDHW":
            R.raise_error(ValueError, self.name, f"the 'data_format' must be 'NCDHW', but got {data_format}.")
        self.ksize, self.strides = _strides(ksize, 3), _strides(strides, 3)
        self.pads, self.dilation = _strides(pads, 3), _strides(dilation, 3)
        self.ceil_mode = bool(ceil_mode)
        self.argmax_type = _argmax_dtype(self.name, mstype.int64 if argmax_type is None else argmax_type)

    def __call__(self, x):
        _check_pads(self.ksize, self.pads)
        return call(
            "max_pool_argmax_v2",
            x,
            self.ksize,
            self.strides,
            [(p, p) for p in self.pads],
            self.dilation,
            self.ceil_mode,
            self.argmax_type,
            self.name,
        )


# --- Dilation2D (grayscale morphological dilation) ----------------------------------------------------


@op("dilation2d")
def _dilation2d(x, filt, stride, dilation, pad_mode):
    """out[n,c,h,w] = max_{i,j} x[n,c,h*s0+i*d0-pt, w*s1+j*d1-pl] + f[c,i,j]; padding never wins."""
    if x.ndim != 4 or filt.ndim != 3 or filt.shape[0] != x.shape[1]:
        R.raise_error(
            ValueError,
            "Dilation2D",
            f"the 'x' must be 4-D (N, C, H, W) and 'filter' 3-D (C, kh, kw), but got {list(x.shape)} "
            f"and {list(filt.shape)}.",
        )
    if x.dtype != filt.dtype:
        R.raise_error(
            TypeError,
            "Dilation2D",
            f"the 'x' and 'filter' must have the same dtype, but got {x.dtype} and {filt.dtype}.",
        )
    k = filt.shape[1:]
    if pad_mode == "SAME":
        pads = same_pads(x.shape[2:], k, stride, dilation)
    else:
        pads = [(0, 0), (0, 0)]
    for n, kk, d, (b, a) in zip(x.shape[2:], k, dilation, pads):
        if n + b + a < (kk - 1) * d + 1:
            R.raise_error(
                ValueError,
                "Dilation2D",
                f"the dilated filter size {(kk - 1) * d + 1} must not exceed the padded input "
                f"size {n + b + a}.",
            )
    low = -jnp.inf if x.dtype.kind == "f" else jnp.iinfo(x.dtype).min
    xp = jnp.pad(x, [(0, 0), (0, 0)] + list(pads), constant_values=low)
    oh = (xp.shape[2] - (k[0] - 1) * dilation[0] - 1) // stride[0] + 1
    ow = (xp.shape[3] - (k[1] - 1) * dilation[1] - 1) // stride[1] + 1
    out = None
    for i in range(k[0]):
        for j in range(k[1]):
            hi, wj = i * dilation[0], j * dilation[1]
            sl = xp[
                :,
                :,
                hi : hi + stride[0] * (oh - 1) + 1 : stride[0],
                wj : wj + stride[1] * (ow - 1) + 1 : stride[1],
            ]
            v = sl + filt[None, :, i, j, None, None]
            out = v if out is None else jnp.maximum(out, v)
    return out


def _nchw_attr(name, argname, v):
    if isinstance(v, int) and not isinstance(v, bool):
        v = (v, v)
    v = tuple(v)
    if len(v) == 4:
        if v[0] != 1 or v[1] != 1:
            raise ValueError(
                f"For '{name}' attr '{argname}' should be [1, 1, {argname}_height, {argname}_weigth]"
                f"when data_format is 'NCHW', but got {v}"
            )
        v = v[2:]
    if len(v) != 2 or any(not isinstance(i, int) or isinstance(i, bool) or i <= 0 for i in v):
        raise ValueError(
            f"For '{name}' attr '{argname}' should be an positive int number or a tuple of two "
            f"or four positive int numbers, but got {v}"
        )
    return v


@primitive
class Dilation2D(Primitive):
    """``ops.Dilation2D(stride, dilation, pad_mode='SAME', data_format='NCHW')(x, filter)``."""

    def __init__(self, stride, dilation, pad_mode="SAME", data_format="NCHW"):
        super().__init__("Dilation2D")
        if data_format == "NHWC":
            raise ValueError("For 'Dilation2D', NHWC format is not supported at present.")
        if data_format != "NCHW":
            raise ValueError(f"For 'Dilation2D', the 'data_format' must be 'NCHW', but got '{data_format}'.")
        if pad_mode not in ("VALID", "SAME", "valid", "same"):
            raise ValueError(
                "For 'Dilation2D', the 'pad_mode' must be in ['VALID', 'SAME', 'valid', 'same'], "
                f"but got '{pad_mode}'."
            )
        self.pad_mode = pad_mode.upper()
        self.stride = _nchw_attr("Dilation2D", "stride", stride)
        if not all(1 <= s <= 255 for s in self.stride):
            raise ValueError(
                "For Dilation2D, size of stride is not supported, stride should be in the range of [1, 255], "
                f"but got stride_h: `{self.stride[0]}`, stride_w: `{self.stride[1]}`."
            )
        self.dilation = _nchw_attr("Dilation2D", "dilation", dilation)

    def __call__(self, x, filter):
        return call("dilation2d", x, filter, self.stride, self.dilation, self.pad_mode)


# --- DepthwiseConv2dNative (deprecated) ---------------------------------------------------------------


@primitive
class DepthwiseConv2dNative(Primitive):
    """``ops.DepthwiseConv2dNative(channel_multiplier, kernel_size, mode=3, pad_mode='valid', pad=0, stride=1,
    dilation=1, group=1)(x, w)``; w is (1, C, kh, kw) and each output channel ``c * multiplier + q``
    convolves input channel c with ``w[0, c]``. (No CPU kernel in MindSpore 2.10: documented semantics.)"""

    def __init__(
        self, channel_multiplier, kernel_size, mode=3, pad_mode="valid", pad=0, stride=1, dilation=1, group=1
    ):
        super().__init__("DepthwiseConv2dNative")
        self.kernel_size = _tup(kernel_size, 2)
        self.stride = _strides(stride, 2)
        if self.stride[0] != self.stride[1]:
            raise ValueError(
                "The height and width of 'stride' must be equal,"
                f"but got height:{self.stride[0]},  width:{self.stride[1]}"
            )
        self.dilation = _strides(dilation, 2)
        if self.dilation[0] != self.dilation[1]:
            raise ValueError(
                "The height and width of 'dilation' must be equal,"
                f"but got height:{self.dilation[0]},  width:{self.dilation[1]}"
            )
        pad = (pad,) * 4 if isinstance(pad, int) else tuple(pad)
        if len(pad) != 4:
            raise ValueError(f"For 'DepthwiseConv2dNative', the 'pad size' must be 4, but got {len(pad)}.")
        pm = pad_mode.lower()
        if pm not in ("valid", "same", "pad"):
            raise ValueError(
                "For 'DepthwiseConv2dNative', the 'pad_mode' must be in ['valid', 'same', 'pad'], "
                f"but got {pad_mode}."
            )
        if pad_mode != "pad" and pad != (0, 0, 0, 0):
            raise ValueError(
                f"For 'DepthwiseConv2dNative', the 'pad' must be zero or (0, 0, 0, 0) when 'pad_mode' "
                f"is not \"pad\", but got 'pad' is {pad} and 'pad_mode' is {pad_mode}."
            )
        if mode != 3:
            raise ValueError(f"For 'DepthwiseConv2dNative', the 'mode' must be 3, but got {mode}.")
        if not isinstance(channel_multiplier, int) or channel_multiplier <= 0:
            raise ValueError(
                f"For 'DepthwiseConv2dNative', the 'channel_multiplier' must be a positive int, "
                f"but got {channel_multiplier}."
            )
        self.channel_multiplier, self.pad_mode, self.pad, self.group = channel_multiplier, pm, pad, group

    def __call__(self, x, w):
        if w.ndim != 4 or x.ndim != 4:
            raise ValueError(
                f"For 'DepthwiseConv2dNative', 'x' and 'weight' must be 4-D, but got {x.shape} and {w.shape}."
            )
        if x.shape[1] != w.shape[1]:
            raise ValueError(
                f"For 'DepthwiseConv2dNative', the 'x_shape[1]' must equal 'w_shape[1]', "
                f"but got {x.shape[1]} and {w.shape[1]}."
            )
        if tuple(w.shape[2:]) != self.kernel_size:
            raise ValueError(
                f"For 'DepthwiseConv2dNative', the 'kernel_size' {self.kernel_size} must equal "
                f"'w_shape[2:4]' {tuple(w.shape[2:])}."
            )
        if w.shape[0] != 1:
            raise ValueError(
                f"For 'DepthwiseConv2dNative', the batch of 'weight' must be 1, but got {w.shape[0]}"
            )
        return call(
            "depthwise_conv2d_native",
            x,
            w,
            self.channel_multiplier,
            self.stride,
            self.pad_mode,
            self.pad,
            self.dilation,
        )


@op("depthwise_conv2d_native")
def _depthwise_native(x, w, mult, stride, pad_mode, pad, dilation):
    c = x.shape[1]
    wk = jnp.repeat(jnp.transpose(w, (1, 0, 2, 3)), mult, axis=0)  # (C*mult, 1, kh, kw)
    return call_conv(x, wk.astype(x.dtype), stride, pad_mode, pad, dilation, c)


def call_conv(x, w, stride, pad_mode, pad, dilation, groups):
    return R.impl("conv")(x, w, None, stride, pad_mode, pad, dilation, groups)


# --- ExtractVolumePatches -------------------------------------------------------------------------------


@op("extract_volume_patches")
def _extract_volume_patches(x, kernel, strides, padding):
    """NCDHW -> (N, kd*kh*kw*C, od, oh, ow): kernel offset (d, h, w) major, channel minor (TF order)."""
    if x.ndim != 5:
        R.raise_error(
            ValueError, "ExtractVolumePatches", f"the 'x' must be 5-D, but got shape {list(x.shape)}."
        )
    pads = same_pads(x.shape[2:], kernel, strides, (1, 1, 1)) if padding == "SAME" else [(0, 0)] * 3
    for n, k, (b, a) in zip(x.shape[2:], kernel, pads):
        if n + b + a < k:
            R.raise_error(
                ValueError,
                "ExtractVolumePatches",
                f"the kernel_size {list(kernel)} must not exceed the (padded) input spatial size "
                f"{list(x.shape[2:])}.",
            )
    p = lax.conv_general_dilated_patches(x, kernel, strides, pads, dimension_numbers=_DN[3])
    n, c = x.shape[:2]
    osp = p.shape[2:]
    p = p.reshape((n, c, int(np.prod(kernel))) + osp).transpose(0, 2, 1, 3, 4, 5)
    return p.reshape((n, -1) + osp)


@primitive
class ExtractVolumePatches(Primitive):
    """``ops.ExtractVolumePatches(kernel_size, strides, padding)(x)``: kernel_size/strides are int, 3 or
    5 ints (1, 1, d, h, w); padding 'VALID' or 'SAME'."""

    def __init__(self, kernel_size, strides, padding):
        super().__init__("ExtractVolumePatches")

        def five(argname, v):
            if isinstance(v, int):
                v = (1, 1, v, v, v)
            v = tuple(v)
            if len(v) == 3:
                v = (1, 1) + v
            if len(v) != 5 or v[0] != 1 or v[1] != 1:
                raise ValueError(
                    f"For 'ExtractVolumePatches', the '{argname}' must be an int, a tuple of 3 ints or "
                    f"(1, 1, d, h, w), but got {v}."
                )
            return v[2:]

        self.kernel_size, self.strides = five("kernel_size", kernel_size), five("strides", strides)
        if padding not in ("VALID", "SAME", "valid", "same"):
            raise ValueError(
                f"For 'ExtractVolumePatches', the 'padding' must be 'VALID' or 'SAME', but got {padding}."
            )
        self.padding = padding.upper()

    def __call__(self, x):
        if self.padding == "SAME":
            for ax, n, k, s in zip((2, 3, 4), x.shape[2:], self.kernel_size, self.strides):
                need = (-(-n // s) - 1) * s + k - n
                if need < 0:
                    raise ValueError(
                        "For primitive[ExtractVolumePatches], the padding = "
                        f"((input[{ax}] + strides[{ax}] - 1) / strides[{ax}]) - 1) * strides[{ax}] "
                        f"+ kernel_size[{ax}] - input[{ax}] must be "
                        f"greater than or equal to 0, but got {need}."
                    )
        return call("extract_volume_patches", x, self.kernel_size, self.strides, self.padding)


# --- deformable convolution ---------------------------------------------------------------------------------


@op("deformable_offsets")
def _deformable_offsets(x, offsets, strides, pads, ksize, dilations, deformable_groups, modulated):
    """Samples x bilinearly at ``p0 + p_k + dp_k`` (times the mask) into an (N, C, oh*kh, ow*kw) map.

    offsets: (N, 3*dg*kh*kw, oh, ow) laid out as [x offsets | y offsets | masks], each (dg, kh, kw)."""
    name = "DeformableOffsets"
    if x.ndim != 4 or offsets.ndim != 4:
        R.raise_error(
            ValueError,
            name,
            f"the 'x' and 'offsets' must be 4-D, but got {list(x.shape)} and {list(offsets.shape)}.",
        )
    n, c, h, w = x.shape
    kh, kw = ksize
    sh, sw = strides
    dh, dw = dilations
    pt, pb, pl, pr = pads
    dg = deformable_groups
    if c % dg:
        R.raise_error(
            ValueError, name, f"the channel {c} of 'x' must be divisible by deformable_groups {dg}."
        )
    oh = (h + pt + pb - (kh - 1) * dh - 1) // sh + 1
    ow = (w + pl + pr - (kw - 1) * dw - 1) // sw + 1
    want = (n, 3 * dg * kh * kw, oh, ow)
    if tuple(offsets.shape) != want:
        R.raise_error(
            ValueError, name, f"the shape of 'offsets' must be {list(want)}, but got {list(offsets.shape)}."
        )
    return _deform_core(
        x, offsets, tuple(strides), tuple(pads), tuple(ksize), tuple(dilations), dg, bool(modulated)
    )


@functools.partial(jax.jit, static_argnums=(2, 3, 4, 5, 6, 7))
def _deform_core(x, offsets, strides, pads, ksize, dilations, dg, modulated):
    n, c, h, w = x.shape
    kh, kw = ksize
    sh, sw = strides
    dh, dw = dilations
    pt, _, pl, _ = pads
    oh, ow = offsets.shape[2:]
    off = offsets.reshape(n, 3, dg, kh, kw, oh, ow).astype(jnp.float32)
    base_y = (jnp.arange(oh) * sh - pt)[None, :, None, None] + (jnp.arange(kh) * dh)[:, None, None, None]
    base_x = (jnp.arange(ow) * sw - pl)[None, None, None, :] + (jnp.arange(kw) * dw)[None, None, :, None]
    # (kh, oh, kw, ow) grids -> reorder offsets to (n, dg, kh, oh, kw, ow)
    ox = jnp.transpose(off[:, 0], (0, 1, 2, 4, 3, 5))
    oy = jnp.transpose(off[:, 1], (0, 1, 2, 4, 3, 5))
    mk = jnp.transpose(off[:, 2], (0, 1, 2, 4, 3, 5))
    py = base_y.astype(jnp.float32) + oy  # (n, dg, kh, oh, kw, ow)
    px = base_x.astype(jnp.float32) + ox
    xg = x.reshape(n, dg, c // dg, h * w).astype(jnp.float32)

    y0 = jnp.floor(py)
    x0 = jnp.floor(px)
    ly, lx = py - y0, px - x0
    inside = (py > -1) & (py < h) & (px > -1) & (px < w)
    y0 = y0.astype(jnp.int32)
    x0 = x0.astype(jnp.int32)
    acc = 0.0
    for yy, xx, wt in (
        (y0, x0, (1 - ly) * (1 - lx)),
        (y0, x0 + 1, (1 - ly) * lx),
        (y0 + 1, x0, ly * (1 - lx)),
        (y0 + 1, x0 + 1, ly * lx),
    ):
        ok = inside & (yy >= 0) & (yy < h) & (xx >= 0) & (xx < w)
        flat = (jnp.clip(yy, 0, h - 1) * w + jnp.clip(xx, 0, w - 1)).reshape(n, dg, 1, -1)
        v = jnp.take_along_axis(xg, jnp.broadcast_to(flat, (n, dg, c // dg, flat.shape[-1])), axis=3)
        acc = acc + v * jnp.where(ok, wt, 0.0).reshape(n, dg, 1, -1)
    if modulated:
        acc = acc * mk.reshape(n, dg, 1, -1)
    out = acc.reshape(n, c, kh * oh, kw * ow)  # rows (kh, oh), cols (kw, ow)
    out = out.reshape(n, c, kh, oh, kw, ow).transpose(0, 1, 3, 2, 5, 4).reshape(n, c, oh * kh, ow * kw)
    return out.astype(x.dtype)


def _four(name, argname, v, n=4):
    v = tuple(v) if isinstance(v, (tuple, list)) else v
    if not isinstance(v, tuple) or len(v) != n or any(not isinstance(i, int) for i in v):
        raise TypeError(f"For '{name}', the '{argname}' must be a tuple of {n} ints, but got {v}.")
    return v


@primitive
class DeformableOffsets(Primitive):
    """``ops.DeformableOffsets(strides, pads, ksize, dilations=(1, 1, 1, 1), data_format='NCHW',
    deformable_groups=1, modulated=True)(x, offsets)`` -> (N, C, oh*kh, ow*kw)."""

    def __init__(
        self,
        strides,
        pads,
        ksize,
        dilations=(1, 1, 1, 1),
        data_format="NCHW",
        deformable_groups=1,
        modulated=True,
    ):
        super().__init__("DeformableOffsets")
        name = self.name
        strides, dilations = _four(name, "strides", strides), _four(name, "dilations", dilations)
        self.pads, self.ksize = _four(name, "pads", pads), _four(name, "ksize", ksize, 2)
        if data_format != "NCHW":
            raise ValueError(f"For '{name}', the 'data_format' must be 'NCHW', but got {data_format}.")
        for a, v in (("strides", strides), ("dilations", dilations)):
            if v[0] != 1 or v[1] != 1:
                raise ValueError(
                    f"For '{name}', the N and C dimensions of '{a}' must be set to 1, but got {v}."
                )
        if not isinstance(modulated, bool):
            raise TypeError(
                f"For '{name}', the 'modulated' must be a bool, but got {type(modulated).__name__}."
            )
        if not modulated:
            raise ValueError(f"For '{name}', the value of 'modulated' only supports True now, but got False.")
        self.strides, self.dilations = strides[2:], dilations[2:]
        self.deformable_groups, self.modulated = deformable_groups, modulated

    def __call__(self, x, offsets):
        return call(
            "deformable_offsets",
            x,
            offsets,
            self.strides,
            self.pads,
            self.ksize,
            self.dilations,
            self.deformable_groups,
            self.modulated,
        )


@functional
def deformable_conv2d(
    x,
    weight,
    offsets,
    kernel_size,
    strides,
    padding,
    bias=None,
    dilations=(1, 1, 1, 1),
    groups=1,
    deformable_groups=1,
    modulated=True,
):
    """``ops.deformable_conv2d``: DeformableOffsets then a conv with stride = kernel_size."""
    fm = DeformableOffsets(strides, padding, kernel_size, dilations, "NCHW", deformable_groups, modulated)(
        x, offsets
    )
    out = call("conv", fm, weight, None, tuple(kernel_size), "valid", 0, 1, groups)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out


# --- InstanceNorm (GPU-only in MindSpore) ------------------------------------------------------------------


@op("instance_norm_prim")
def _instance_norm(x, gamma, beta, mean, variance, epsilon, momentum):
    """y with per-(n, c) biased statistics; moving stats tiled to (N*C,) and updated as documented:
    ``momentum * running + (1 - momentum) * current`` (unbiased variance, as cuDNN keeps it)."""
    n, c = x.shape[:2]
    axes = tuple(range(2, x.ndim))
    xf = x.astype(jnp.float32)
    mu = jnp.mean(xf, axis=axes, keepdims=True)
    var = jnp.mean(jnp.square(xf - mu), axis=axes, keepdims=True)
    shp = (1, c) + (1,) * (x.ndim - 2)
    y = (xf - mu) / jnp.sqrt(var + epsilon) * gamma.reshape(shp) + beta.reshape(shp)
    m = int(np.prod(x.shape[2:]))
    unb = var * (m / max(m - 1, 1))
    new_mean = momentum * jnp.tile(mean, n) + (1 - momentum) * mu.reshape(-1)
    new_var = momentum * jnp.tile(variance, n) + (1 - momentum) * unb.reshape(-1)
    return y.astype(x.dtype), new_mean.astype(jnp.float32), new_var.astype(jnp.float32)


@primitive
class InstanceNorm(Primitive):
    """``ops.operations.InstanceNorm(epsilon=1e-5, momentum=0.1)(x, gamma, beta, mean, variance)``
    -> (y, updated_moving_mean (N*C,), updated_moving_variance (N*C,)). GPU-only in MindSpore 2.10:
    implemented from the documentation."""

    def __init__(self, epsilon=1e-5, momentum=0.1):
        super().__init__("InstanceNorm")
        if not isinstance(epsilon, float) or not isinstance(momentum, float):
            raise TypeError("For 'InstanceNorm', the 'epsilon' and 'momentum' must be float.")
        if not 0 <= epsilon < 1:
            raise ValueError(f"For 'InstanceNorm', the 'epsilon' must be in range [0, 1), but got {epsilon}.")
        if not 0 <= momentum <= 1:
            raise ValueError(
                f"For 'InstanceNorm', the 'momentum' must be in range [0, 1], but got {momentum}."
            )
        self.epsilon, self.momentum = epsilon, momentum

    def __call__(self, input_x, gamma, beta, mean, variance):
        if input_x.dtype not in _F16_32():
            raise TypeError(
                f"For 'InstanceNorm', the 'input_x' must be float16 or float32, but got {input_x.dtype}."
            )
        return call("instance_norm_prim", input_x, gamma, beta, mean, variance, self.epsilon, self.momentum)


def _F16_32():
    from ...common import dtype as mstype

    return (mstype.float16, mstype.float32)


del explicit_pads
