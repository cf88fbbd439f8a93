"""Padding (ops.pad, Pad/MirrorPad/PadV3), pixel (un)shuffle and depth_to_space/space_to_depth."""

from __future__ import annotations

import jax.numpy as jnp

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive
from ._nn_common import _uprim

# --- padding ----------------------------------------------------------------------------------

_JNP_PAD_MODE = {
    "constant": "constant",
    "reflect": "reflect",
    "replicate": "edge",
    "edge": "edge",
    "circular": "wrap",
    "symmetric": "symmetric",
}


@op("pad")
def _pad(x, pad_width, mode="constant", value=0):
    """``pad_width``: one (before, after) pair per dim, from the first dim; negatives crop."""
    m = _JNP_PAD_MODE.get(mode.lower())
    if m is None:
        R.raise_error(
            ValueError,
            "pad",
            f"the 'mode' must be 'constant', 'reflect', 'replicate' or 'circular', but got '{mode}'.",
        )
    crop = tuple(slice(max(-b, 0), x.shape[i] - max(-a, 0)) for i, (b, a) in enumerate(pad_width))
    x = x[crop]
    pw = [(max(b, 0), max(a, 0)) for b, a in pad_width]
    if m in ("reflect",):
        for i, (b, a) in enumerate(pw):
            if b >= x.shape[i] or a >= x.shape[i]:
                R.raise_error(
                    ValueError,
                    "pad",
                    f"padding size {(b, a)} should be less than the "
                    f"corresponding input dimension {x.shape[i]}.",
                )
    if m == "constant":
        return jnp.pad(x, pw, mode="constant", constant_values=0 if value is None else value)
    return jnp.pad(x, pw, mode=m)


def _torch_pairs(ndim, padding):
    """(l_last, r_last, l_prev, r_prev, ...) -> per-dim pairs from the first dim."""
    padding = tuple(int(p) for p in padding)
    if len(padding) % 2 or len(padding) // 2 > ndim:
        R.raise_error(
            ValueError,
            "pad",
            f"the length of 'padding' must be even and at most "
            f"2 * input rank ({ndim}), but got {len(padding)}.",
        )
    pairs = [(0, 0)] * ndim
    for i in range(len(padding) // 2):
        pairs[ndim - 1 - i] = (padding[2 * i], padding[2 * i + 1])
    return pairs


@functional
def pad(input_x, padding, mode="constant", value=None):
    """``ops.pad``: ``padding`` lists (left, right) pairs starting from the LAST dim."""
    if hasattr(padding, "asnumpy"):
        padding = padding.asnumpy().tolist()
    return call("pad", input_x, _torch_pairs(input_x.ndim, padding), mode, value)


mint("nn.functional.pad")(
    lambda input, pad, mode="constant", value=None: call(
        "pad", input, _torch_pairs(input.ndim, pad), mode, value
    )
)


@primitive
class Pad(Primitive):
    """``P.Pad(paddings)``: constant zero padding, one pair per dim from the first."""

    def __init__(self, paddings):
        super().__init__("Pad")
        self.paddings = tuple(tuple(int(v) for v in p) for p in paddings)

    def __call__(self, x):
        if len(self.paddings) != x.ndim:
            R.raise_error(
                ValueError,
                "Pad",
                f"the length of 'paddings' must equal the rank of x {x.ndim}, but got {len(self.paddings)}.",
            )
        return call("pad", x, list(self.paddings), "constant", 0)


@primitive
class MirrorPad(Primitive):
    """``P.MirrorPad(mode)(x, paddings)``: REFLECT or SYMMETRIC."""

    def __init__(self, mode="REFLECT"):
        super().__init__("MirrorPad")
        self.mode = mode

    def __call__(self, x, paddings):
        p = paddings.asnumpy().tolist() if hasattr(paddings, "asnumpy") else paddings
        return call("pad", x, [tuple(int(v) for v in q) for q in p], self.mode.lower(), 0)


@primitive
class PadV3(Primitive):
    def __init__(self, mode="constant", paddings_contiguous=True):
        super().__init__("PadV3")
        self.mode = mode

    def __call__(self, x, paddings, value=None):
        p = paddings.asnumpy().tolist() if hasattr(paddings, "asnumpy") else paddings
        v = value.asnumpy().item() if hasattr(value, "asnumpy") else value
        return call("pad", x, _torch_pairs(x.ndim, p), self.mode, v)


# --- pixel shuffle ----------------------------------------------------------------------------


@op("pixel_shuffle")
def _pixel_shuffle(x, r):
    if x.ndim < 3 or x.shape[-3] % (r * r):
        R.raise_error(
            ValueError,
            "pixel_shuffle",
            f"the channel dim of input {list(x.shape)} must be divisible by upscale_factor^2 = {r * r}.",
        )
    *lead, c, h, w = x.shape
    oc = c // (r * r)
    y = x.reshape(*lead, oc, r, r, h, w)
    n = len(lead)
    y = jnp.transpose(y, tuple(range(n)) + (n, n + 3, n + 1, n + 4, n + 2))
    return y.reshape(*lead, oc, h * r, w * r)


@op("pixel_unshuffle")
def _pixel_unshuffle(x, r):
    *lead, c, h, w = x.shape
    if h % r or w % r:
        R.raise_error(
            ValueError,
            "pixel_unshuffle",
            f"the height and width of input {list(x.shape)} must be divisible by downscale_factor {r}.",
        )
    n = len(lead)
    y = x.reshape(*lead, c, h // r, r, w // r, r)
    y = jnp.transpose(y, tuple(range(n)) + (n, n + 2, n + 4, n + 1, n + 3))
    return y.reshape(*lead, c * r * r, h // r, w // r)


@functional
def pixel_shuffle(input, upscale_factor):
    return call("pixel_shuffle", input, upscale_factor)


@functional
def pixel_unshuffle(input, downscale_factor):
    return call("pixel_unshuffle", input, downscale_factor)


@op("depth_to_space")
def _depth_to_space(x, b):
    n, c, h, w = x.shape
    y = x.reshape(n, b, b, c // (b * b), h, w).transpose(0, 3, 4, 1, 5, 2)
    return y.reshape(n, c // (b * b), h * b, w * b)


@op("space_to_depth")
def _space_to_depth(x, b):
    n, c, h, w = x.shape
    y = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 3, 5, 1, 2, 4)
    return y.reshape(n, c * b * b, h // b, w // b)


DepthToSpace = _uprim("DepthToSpace", "depth_to_space", "block_size")
SpaceToDepth = _uprim("SpaceToDepth", "space_to_depth", "block_size")
