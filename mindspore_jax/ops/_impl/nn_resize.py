"""Resizing: ops.interpolate (nearest/linear/cubic/area) and ResizeNearestNeighbor/Bilinear/Bicubic."""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive
from ._promote import to_float

# --- resizing ---------------------------------------------------------------------------------


def _src_coords(n_in, n_out, align_corners, half_pixel, scale=None):
    """Source coordinate of each output index (float64, host side: shapes are static)."""
    d = np.arange(n_out, dtype=np.float64)
    if align_corners:
        return d * ((n_in - 1) / (n_out - 1) if n_out > 1 else 0.0)
    s = scale if scale is not None else n_in / n_out
    return (d + 0.5) * s - 0.5 if half_pixel else d * s


def _linear_matrix(n_in, n_out, align_corners, half_pixel=True, scale=None):
    src = _src_coords(n_in, n_out, align_corners, half_pixel, scale)
    src = np.clip(src, 0, None)
    lo = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    hi = np.minimum(lo + 1, n_in - 1)
    frac = src - lo
    m = np.zeros((n_out, n_in))
    m[np.arange(n_out), lo] += 1 - frac
    m[np.arange(n_out), hi] += frac
    return m


def _cubic_matrix(n_in, n_out, align_corners, half_pixel=True, scale=None):
    """TensorFlow's bicubic (what MindSpore runs): the cubic weights come from a 1024-entry table;
    half-pixel centres use A=-0.5 and drop out-of-range taps (renormalising), otherwise A=-0.75
    with edge-clamped taps."""
    hp = half_pixel and not align_corners
    src = _src_coords(n_in, n_out, align_corners, hp, scale)
    fl = np.floor(src)
    t = np.rint((src - fl) * 1024) / 1024
    a = -0.5 if hp else -0.75

    def k1(v):  # |v| <= 1
        return ((a + 2) * v - (a + 3)) * v * v + 1

    def k2(v):  # 1 < |v| < 2
        return ((a * v - 5 * a) * v + 8 * a) * v - 4 * a

    ws = [k2(t + 1), k1(t), k1(1 - t), k2(2 - t)]
    m = np.zeros((n_out, n_in))
    rows = np.arange(n_out)
    for j, w in enumerate(ws):
        idx = fl.astype(np.int64) - 1 + j
        if hp:
            ok = (idx >= 0) & (idx < n_in)
            np.add.at(m, (rows[ok], idx[ok]), w[ok])
        else:
            np.add.at(m, (rows, np.clip(idx, 0, n_in - 1)), w)
    if hp:
        m /= m.sum(1, keepdims=True)
    return m


def _area_matrix(n_in, n_out):
    m = np.zeros((n_out, n_in))
    for i in range(n_out):
        s = (i * n_in) // n_out
        e = -((-(i + 1) * n_in) // n_out)
        m[i, s:e] = 1.0 / (e - s)
    return m


def _nearest_index(n_in, n_out, align_corners=False, half_pixel=False, scale=None):
    d = np.arange(n_out, dtype=np.float64)
    if align_corners:
        s = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        idx = np.floor(d * s + 0.5)  # rounds half up, as MindSpore
    else:
        s = scale if scale is not None else n_in / n_out
        idx = np.floor((d + 0.5) * s) if half_pixel else np.floor(d * s)
    return np.clip(idx.astype(np.int64), 0, n_in - 1)


def _apply_matrix(x, axis, m):
    y = jnp.tensordot(x, jnp.asarray(m, x.dtype), axes=([axis], [1]))
    return jnp.moveaxis(y, -1, axis)


@op("resize")
def _resize(x, size, mode="nearest", align_corners=False, half_pixel=True, scales=None):
    """Resizes the trailing ``len(size)`` dims. ``scales``: per-dim in/out coordinate scale."""
    x = x if mode == "nearest" else to_float(x)
    nsp = len(size)
    for i, n_out in enumerate(size):
        axis = x.ndim - nsp + i
        n_in = x.shape[axis]
        sc = None if scales is None or scales[i] is None else scales[i]
        if mode == "nearest":
            x = jnp.take(
                x, jnp.asarray(_nearest_index(n_in, n_out, align_corners, half_pixel, sc)), axis=axis
            )
        elif mode in ("linear", "bilinear", "trilinear"):
            x = _apply_matrix(x, axis, _linear_matrix(n_in, n_out, align_corners, half_pixel, sc))
        elif mode == "bicubic":
            x = _apply_matrix(x, axis, _cubic_matrix(n_in, n_out, align_corners, half_pixel, sc))
        elif mode == "area":
            x = _apply_matrix(x, axis, _area_matrix(n_in, n_out))
        else:
            R.raise_error(ValueError, "interpolate", f"the 'mode' {mode!r} is not supported.")
    return x


_MODE_RANK = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5}


@functional
def interpolate(
    input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None
):
    """``ops.interpolate``: nearest/linear/bilinear/bicubic/trilinear/area over NC[D]HW."""
    nsp = input.ndim - 2
    if mode in _MODE_RANK and input.ndim != _MODE_RANK[mode]:
        R.raise_error(
            ValueError,
            "interpolate",
            f"the '{mode}' mode needs a {_MODE_RANK[mode]}-D input, but got shape {list(input.shape)}.",
        )
    if (size is None) == (scale_factor is None):
        R.raise_error(ValueError, "interpolate", "exactly one of 'size' and 'scale_factor' must be set.")
    if align_corners and mode in ("nearest", "area"):
        R.raise_error(
            ValueError,
            "interpolate",
            f"the 'align_corners' option can only be set with "
            f"linear, bilinear, bicubic or trilinear, but got '{mode}'.",
        )
    in_sp = tuple(input.shape[2:])
    scales = None
    if size is not None:
        size = (int(size),) * nsp if isinstance(size, int) else tuple(int(s) for s in size)
    else:
        sf = (
            (float(scale_factor),) * nsp
            if isinstance(scale_factor, (int, float))
            else tuple(float(s) for s in scale_factor)
        )
        size = tuple(int(math.floor(n * s)) for n, s in zip(in_sp, sf))
        if not recompute_scale_factor:
            scales = tuple(1.0 / s for s in sf)
    if len(size) != nsp:
        R.raise_error(ValueError, "interpolate", f"the 'size' must have {nsp} elements, but got {size}.")
    return call("resize", input, size, mode, bool(align_corners), mode != "nearest", scales)


functional(interpolate, name="upsample")
mint("nn.functional.interpolate")(interpolate)


@primitive
class ResizeNearestNeighbor(Primitive):
    def __init__(self, size, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeNearestNeighbor")
        self.size = (size, size) if isinstance(size, int) else tuple(size)
        self.align_corners, self.half_pixel_centers = align_corners, half_pixel_centers

    def __call__(self, x):
        return call("resize", x, self.size, "nearest", self.align_corners, self.half_pixel_centers)


@primitive
class ResizeBilinearV2(Primitive):
    def __init__(self, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeBilinearV2")
        if align_corners and half_pixel_centers:
            R.raise_error(
                ValueError,
                "ResizeBilinearV2",
                "the 'half_pixel_centers' must be False when 'align_corners' is True.",
            )
        self.align_corners, self.half_pixel_centers = align_corners, half_pixel_centers

    def __call__(self, x, size):
        size = tuple(int(s) for s in (size.asnumpy() if hasattr(size, "asnumpy") else size))
        return call("resize", x, size, "bilinear", self.align_corners, self.half_pixel_centers)


@primitive
class ResizeBicubic(ResizeBilinearV2):
    def __init__(self, align_corners=False, half_pixel_centers=False):
        ResizeBilinearV2.__init__(self, align_corners, half_pixel_centers)
        self.name = "ResizeBicubic"

    def __call__(self, x, size):
        size = tuple(int(s) for s in (size.asnumpy() if hasattr(size, "asnumpy") else size))
        return call("resize", x, size, "bicubic", self.align_corners, self.half_pixel_centers)
