"""Colour-space ops over a trailing RGB/HSV axis: RGBToHSV, HSVToRGB, AdjustHue, AdjustSaturation.

The formulas are TensorFlow's (which MindSpore's CPU kernels port): AdjustHue shifts the hue in
the (h, v_min, v_max) form, AdjustSaturation goes through HSV with a switch on the hue sextant.
Half-precision inputs compute in float32 and cast back.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, op, primitive
from ..primitive import Primitive


def _check_image(name, x, min_rank=1, exact_rank=None, arg="image"):
    if x.dtype not in (jnp.float16, jnp.float32, jnp.float64):
        R.raise_error(
            TypeError,
            name,
            f"the dtype of '{arg}' must be float16, float32 or float64, but got {R.ms_dtype(x)}.",
        )
    if exact_rank is not None and x.ndim != exact_rank:
        R.raise_error(
            ValueError, name, f"the dimension of '{arg}' must be equal to {exact_rank}, but got {x.ndim}."
        )
    if x.ndim < min_rank:
        R.raise_error(
            ValueError,
            name,
            f"the dimension of {arg} must be greater than or equal to {min_rank}, but got {x.ndim}.",
        )
    if x.shape[-1] != 3:
        R.raise_error(
            ValueError, name, f"the last dimension of '{arg}' must be equal to 3, but got {x.shape[-1]}."
        )


def _compute(x):
    return x.astype(jnp.float32) if x.dtype == jnp.float16 else x


def _rgb_to_hsv(r, g, b):
    v = jnp.maximum(r, jnp.maximum(g, b))
    rng = v - jnp.minimum(r, jnp.minimum(g, b))
    s = jnp.where(v > 0, rng / jnp.where(v > 0, v, 1), 0)
    norm = 1.0 / (6.0 * jnp.where(rng > 0, rng, 1))
    h = jnp.where(
        r == v, norm * (g - b), jnp.where(g == v, norm * (b - r) + 2.0 / 6.0, norm * (r - g) + 4.0 / 6.0)
    )
    h = jnp.where(rng > 0, h, 0)
    h = jnp.where(h < 0, h + 1, h)
    return h, s, v


@op("rgb_to_hsv")
def _rgb_to_hsv_op(images):
    _check_image("RGBToHSV", images, arg="images")
    x = _compute(images)
    h, s, v = _rgb_to_hsv(x[..., 0], x[..., 1], x[..., 2])
    return jnp.stack([h, s, v], -1).astype(images.dtype)


@op("hsv_to_rgb")
def _hsv_to_rgb_op(x):
    _check_image("HSVToRGB", x, exact_rank=4, arg="x")
    y = _compute(x)
    h, s, v = y[..., 0], y[..., 1], y[..., 2]
    dh = h * 6
    dr = jnp.clip(jnp.abs(dh - 3) - 1, 0, 1)
    dg = jnp.clip(2 - jnp.abs(dh - 2), 0, 1)
    db = jnp.clip(2 - jnp.abs(dh - 4), 0, 1)
    oms = 1 - s
    out = jnp.stack([(oms + s * dr) * v, (oms + s * dg) * v, (oms + s * db) * v], -1)
    return out.astype(x.dtype)


def _sextant_rgb(cat, vmax, vmid, vmin):
    """(r, g, b) for hue sextant ``cat`` (0..5) from the max/mid/min channel values."""
    table = [
        (vmax, vmid, vmin),
        (vmid, vmax, vmin),
        (vmin, vmax, vmid),
        (vmin, vmid, vmax),
        (vmid, vmin, vmax),
    ]
    r, g, b = vmax, vmin, vmid  # sextant 5 / default
    for k in range(4, -1, -1):
        tr, tg, tb = table[k]
        sel = cat == k
        r, g, b = jnp.where(sel, tr, r), jnp.where(sel, tg, g), jnp.where(sel, tb, b)
    return r, g, b


@op("adjust_hue")
def _adjust_hue(image, delta):
    _check_image("AdjustHue", image, min_rank=3)
    x = _compute(image)
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    # rgb -> (h in [0, 6), v_min, v_max), the sextant from the channel ordering
    rg = r < g
    cat = jnp.where(
        rg, jnp.where(b < r, 1, jnp.where(b > g, 3, 2)), jnp.where(b < g, 0, jnp.where(b > r, 4, 5))
    )
    vmax = jnp.where(rg, jnp.where(b > g, b, g), jnp.where(b > r, b, r))
    vmin = jnp.where(rg, jnp.where(b < r, b, r), jnp.where(b < g, b, g))
    vmid = jnp.where(
        rg, jnp.where(b < r, r, jnp.where(b > g, g, b)), jnp.where(b < g, g, jnp.where(b > r, r, b))
    )
    span = vmax - vmin
    ratio = (vmid - vmin) / jnp.where(span == 0, 1, span)
    inc = cat % 2 == 0
    h = jnp.where(span == 0, 0.0, cat + jnp.where(inc, ratio, 1 - ratio)).astype(x.dtype)
    h = h + jnp.asarray(delta, x.dtype) * 6
    h = h - jnp.floor(h / 6) * 6
    h = jnp.where(h >= 6, h - 6, h)
    cat = h.astype(jnp.int32)
    ratio = h - cat
    ratio = jnp.where(cat % 2 == 0, ratio, 1 - ratio)
    vmid = vmin + ratio * (vmax - vmin)
    return jnp.stack(_sextant_rgb(cat, vmax, vmid, vmin), -1).astype(image.dtype)


@op("adjust_saturation")
def _adjust_saturation(image, scale):
    _check_image("AdjustSaturation", image, min_rank=3)
    x = _compute(image)
    h, s, v = _rgb_to_hsv(x[..., 0], x[..., 1], x[..., 2])
    s = jnp.clip(s * jnp.asarray(scale, x.dtype), 0, 1)
    c = s * v
    m = v - c
    dh = h * 6
    cat = dh.astype(jnp.int32)
    fm = dh - jnp.floor(dh / 2) * 2  # fmod into [0, 2)
    xx = c * (1 - jnp.abs(fm - 1))
    zero = jnp.zeros_like(c)
    r, g, b = _sextant_rgb(cat, c, xx, zero)
    valid = (cat >= 0) & (cat <= 5)
    out = jnp.stack([jnp.where(valid, r, 0) + m, jnp.where(valid, g, 0) + m, jnp.where(valid, b, 0) + m], -1)
    return out.astype(image.dtype)


def _check_scalar(name, arg, v):
    shape = np.shape(R.unwrap(v))
    if shape:
        R.raise_error(ValueError, name, f"the '{arg}' must be a 0-D Tensor, but got shape {list(shape)}.")


@primitive
class RGBToHSV(Primitive):
    """``ops.RGBToHSV()(images)``: trailing RGB axis -> HSV, values in [0, 1]."""

    def __init__(self):
        super().__init__("RGBToHSV")

    def __call__(self, images):
        return call("rgb_to_hsv", images)


@primitive
class HSVToRGB(Primitive):
    """``ops.HSVToRGB()(x)``: (N, H, W, 3) HSV -> RGB."""

    def __init__(self):
        super().__init__("HSVToRGB")

    def __call__(self, x):
        return call("hsv_to_rgb", x)


@primitive
class AdjustHue(Primitive):
    """``ops.AdjustHue()(image, delta)``: shifts the hue by ``delta`` (a fraction of the circle)."""

    def __init__(self):
        super().__init__("AdjustHue")

    def __call__(self, image, delta):
        _check_scalar(self.name, "delta", delta)
        return call("adjust_hue", image, delta)


@primitive
class AdjustSaturation(Primitive):
    """``ops.AdjustSaturation()(image, scale)``: scales the saturation (clipped to [0, 1])."""

    def __init__(self):
        super().__init__("AdjustSaturation")

    def __call__(self, image, scale):
        _check_scalar(self.name, "scale", scale)
        return call("adjust_saturation", image, scale)
