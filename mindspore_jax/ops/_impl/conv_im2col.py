"""im2col/col2im (ops.unfold/fold), extract_patches and ExtractImagePatches/Im2Col/Col2Im."""

from __future__ import annotations

import math

import jax.numpy as jnp
from jax import lax

from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._conv_common import _DN, _check_rank, _tup, explicit_pads, same_pads

# --- unfold / fold (im2col) -------------------------------------------------------------------


@op("im2col")
def _im2col(x, kernel, dilation, pads, stride):
    """(N, C, H, W) -> (N, C*kh*kw, L), channel-major then kernel row-major (PyTorch order)."""
    patches = lax.conv_general_dilated_patches(
        x, kernel, stride, pads, rhs_dilation=dilation, dimension_numbers=_DN[2]
    )
    n = x.shape[0]
    return patches.reshape(n, patches.shape[1], -1)


@op("col2im")
def _col2im(cols, output_size, kernel, dilation, pads, stride):
    n, ckk, _ = cols.shape
    c = ckk // (kernel[0] * kernel[1])
    oh, ow = output_size
    ph, pw = oh + pads[0][0] + pads[0][1], ow + pads[1][0] + pads[1][1]
    lh = (ph - (kernel[0] - 1) * dilation[0] - 1) // stride[0] + 1
    lw = (pw - (kernel[1] - 1) * dilation[1] - 1) // stride[1] + 1
    cols = cols.reshape(n, c, kernel[0], kernel[1], lh, lw)
    out = jnp.zeros((n, c, ph, pw), cols.dtype)
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            hi, wj = i * dilation[0], j * dilation[1]
            out = out.at[
                :,
                :,
                hi : hi + stride[0] * (lh - 1) + 1 : stride[0],
                wj : wj + stride[1] * (lw - 1) + 1 : stride[1],
            ].add(cols[:, :, i, j])
    return out[:, :, pads[0][0] : pads[0][0] + oh, pads[1][0] : pads[1][0] + ow]


@functional
def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """``ops.unfold``: im2col of a 4-D input -> (N, C*kh*kw, L)."""
    _check_rank("unfold", input, (4,))
    return call(
        "im2col",
        input,
        _tup(kernel_size, 2),
        _tup(dilation, 2, "dilation"),
        explicit_pads(padding, 2),
        _tup(stride, 2, "stride"),
    )


@functional
def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """``ops.fold``: col2im, summing overlapping values."""
    osz = output_size
    if hasattr(osz, "asnumpy"):
        osz = osz.asnumpy().tolist()
    return call(
        "col2im",
        input,
        _tup(osz, 2),
        _tup(kernel_size, 2),
        _tup(dilation, 2, "dilation"),
        explicit_pads(padding, 2),
        _tup(stride, 2, "stride"),
    )


@op("extract_patches")
def _extract_patches(x, ksizes, strides, rates, padding):
    """TensorFlow extract_image_patches on NCHW: output (N, kh*kw*C, oh, ow) in (kh, kw, C) order."""
    n, c = x.shape[:2]
    pads = same_pads(x.shape[2:], ksizes, strides, rates) if padding.lower() == "same" else [(0, 0)] * 2
    p = lax.conv_general_dilated_patches(
        x, ksizes, strides, pads, rhs_dilation=rates, dimension_numbers=_DN[2]
    )
    oh, ow = p.shape[2:]
    p = p.reshape(n, c, ksizes[0] * ksizes[1], oh, ow).transpose(0, 2, 1, 3, 4)
    return p.reshape(n, -1, oh, ow)


@primitive
class ExtractImagePatches(Primitive):
    """``P.ExtractImagePatches(ksizes, strides, rates, padding)``, each [1, row, col, 1]."""

    def __init__(self, ksizes, strides, rates, padding="valid"):
        super().__init__("ExtractImagePatches")
        self.ksizes, self.strides, self.rates, self.padding = ksizes, strides, rates, padding

    def __call__(self, x):
        def hw(v):
            return tuple(v)[1:3] if not isinstance(v, int) and len(v) == 4 else _tup(v, 2)

        return call("extract_patches", x, hw(self.ksizes), hw(self.strides), hw(self.rates), self.padding)


@primitive
class Im2Col(Primitive):
    def __init__(self, ksizes, strides=1, dilations=1, pads=0):
        super().__init__("Im2Col")
        self.ksizes, self.strides, self.dilations, self.pads = ksizes, strides, dilations, pads

    def __call__(self, x):
        return unfold(x, self.ksizes, self.dilations, self.pads, self.strides)


@primitive
class Col2Im(Primitive):
    def __init__(self, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__("Col2Im")
        self.kernel_size, self.dilation, self.padding, self.stride = kernel_size, dilation, padding, stride

    def __call__(self, x, output_size):
        return fold(x, output_size, self.kernel_size, self.dilation, self.padding, self.stride)


del math
