"""Resize primitives: ResizeArea, ResizeLinear1D, ResizeNearestNeighborV2, UpsampleNearest3D,
UpsampleTrilinear3D and ScaleAndTranslate.

Linear/trilinear resizes reuse ``nn_resize``' ``resize`` op (PyTorch-style source coordinates).
The TensorFlow-derived kernels (ResizeArea, ResizeNearestNeighborV2, ScaleAndTranslate) compute
their scales in float32 as MindSpore's CPU kernels do, so index rounding matches bit for bit.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, op, primitive
from ..primitive import Primitive
from .image_sample import static_ints

_F32 = np.float32


def _positive_size(name, size, n):
    if len(size) != n:
        R.raise_error(ValueError, name, f"the 'size' must have {n} elements, but got {len(size)}.")
    if min(size) <= 0:
        R.raise_error(ValueError, name, "'size' should only contain positive number.")


def _tf_scale(n_in, n_out, align_corners):
    if align_corners and n_out > 1:
        return _F32(n_in - 1) / _F32(n_out - 1)
    return _F32(n_in) / _F32(n_out)


def _apply(x, axis, m):
    y = jnp.tensordot(x, jnp.asarray(m, x.dtype), axes=([axis], [1]), precision=jax.lax.Precision.HIGHEST)
    return jnp.moveaxis(y, -1, axis)


# --- ResizeNearestNeighborV2 (NCHW, TensorFlow's nearest) -----------------------------------


def _tf_nearest_index(n_in, n_out, align_corners, half_pixel):
    scale = _tf_scale(n_in, n_out, align_corners)
    d = np.arange(n_out, dtype=_F32)
    if half_pixel:
        src = (d + _F32(0.5)) * scale
    else:
        src = d * scale
    idx = np.floor(src + _F32(0.5)) if align_corners else np.floor(src)  # roundf for align_corners
    return np.clip(idx.astype(np.int64), 0, n_in - 1)


@op("resize_nearest_v2")
def _resize_nearest_v2(x, size, align_corners=False, half_pixel_centers=False):
    if x.ndim != 4:
        R.raise_error(
            ValueError, "ResizeNearestNeighborV2", f"the dimension of 'x' must be 4, but got {x.ndim}."
        )
    for axis, n_out in zip((2, 3), size):
        idx = _tf_nearest_index(x.shape[axis], n_out, align_corners, half_pixel_centers)
        x = jnp.take(x, jnp.asarray(idx), axis=axis)
    return x


@primitive
class ResizeNearestNeighborV2(Primitive):
    """``ops.ResizeNearestNeighborV2(align_corners, half_pixel_centers)(x (N, C, H, W), size)``."""

    def __init__(self, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeNearestNeighborV2")
        for arg, v in (("align_corners", align_corners), ("half_pixel_centers", half_pixel_centers)):
            if not isinstance(v, bool):
                R.raise_error(TypeError, self.name, f"the '{arg}' must be bool, but got {type(v).__name__}.")
        self.align_corners, self.half_pixel_centers = align_corners, half_pixel_centers

    def __call__(self, x, size):
        if self.align_corners and self.half_pixel_centers:
            raise ValueError(
                f"For {self.name}, the half_pixel_centers must be false when align_corners is true, "
                "but half_pixel_centers got True."
            )
        size = static_ints(self.name, "size", size)
        _positive_size(self.name, size, 2)
        return call("resize_nearest_v2", x, size, self.align_corners, self.half_pixel_centers)


# --- ResizeArea (NHWC -> float32) -------------------------------------------------------------


def _area_matrix_tf(n_in, n_out, align_corners):
    scale = _tf_scale(n_in, n_out, align_corners)
    m = np.zeros((n_out, n_in), np.float64)
    for y in range(n_out):
        lo = _F32(y) * scale
        hi = _F32(y + 1) * scale
        for i in range(int(math.floor(lo)), int(math.ceil(hi))):
            if i < lo:
                w = scale if i + 1 > hi else _F32(i + 1) - lo
            else:
                w = hi - _F32(i) if i + 1 > hi else 1.0
            m[y, min(i, n_in - 1)] += float(w) / float(scale)
    return m


@op("resize_area")
def _resize_area(images, size, align_corners=False):
    if images.ndim != 4:
        R.raise_error(
            ValueError, "ResizeArea", f"the dimension of 'images' must be 4, but got {images.ndim}."
        )
    x = images.astype(jnp.float32)
    for axis, n_out in zip((1, 2), size):
        x = _apply(x, axis, _area_matrix_tf(x.shape[axis], n_out, align_corners))
    return x


@primitive
class ResizeArea(Primitive):
    """``ops.ResizeArea(align_corners=False)(images (N, H, W, C), size)`` -> float32."""

    def __init__(self, align_corners=False):
        super().__init__("ResizeArea")
        if not isinstance(align_corners, bool):
            R.raise_error(
                TypeError,
                self.name,
                f"the type of 'align_corners' should be 'bool', "
                f"but got type '{type(align_corners).__name__}'.",
            )
        self.align_corners = align_corners

    def __call__(self, images, size):
        size = static_ints(self.name, "size", size)
        _positive_size(self.name, size, 2)
        return call("resize_area", images, size, self.align_corners)


# --- ResizeLinear1D ---------------------------------------------------------------------------


@primitive
class ResizeLinear1D(Primitive):
    """``ops.ResizeLinear1D(coordinate_transformation_mode='align_corners')(x (N, C, W), size)``."""

    def __init__(self, coordinate_transformation_mode="align_corners"):
        super().__init__("ResizeLinear1D")
        if not isinstance(coordinate_transformation_mode, str):
            R.raise_error(
                TypeError,
                self.name,
                f"the 'coordinate_transformation_mode' must be str, but got "
                f"{type(coordinate_transformation_mode).__name__}.",
            )
        self.coordinate_transformation_mode = coordinate_transformation_mode

    def __call__(self, x, size):
        mode = self.coordinate_transformation_mode
        if mode not in ("align_corners", "half_pixel"):
            raise RuntimeError(f"For '{self.name}', coordinate_transformation_mode not support now.")
        if x.ndim != 3:
            R.raise_error(ValueError, self.name, f"the dimension of 'x' must be 3, but got {x.ndim}.")
        if str(x.dtype) not in ("Float16", "Float32", "Float64"):
            R.raise_error(
                TypeError,
                self.name,
                f"the dtype of 'x' must be float16, float32 or float64, but got {x.dtype}.",
            )
        size = static_ints(self.name, "size", size)
        _positive_size(self.name, size, 1)
        # a 1-wide output samples x[..., 0] in both modes (the kernel's scale is 0 there)
        return call("resize", x, size, "linear", mode == "align_corners" or size[0] == 1, True)


# --- UpsampleNearest3D / UpsampleTrilinear3D (PyTorch's formulas) ----------------------------


def _upsample_args(name, x, output_size, scales):
    if x.ndim != 5:
        R.raise_error(ValueError, name, f"the dimension of 'x' must be 5, but got {x.ndim}.")
    if str(x.dtype) not in ("Float16", "Float32", "Float64"):
        R.raise_error(
            TypeError, name, f"the dtype of 'x' must be float16, float32 or float64, but got {x.dtype}."
        )
    if (output_size is None) == (scales is None):
        R.raise_error(ValueError, name, "either output_size or scales should be defined.")
    if output_size is not None:
        size = static_ints(name, "output_size", output_size)
        if len(size) != 3:
            R.raise_error(ValueError, name, f"the number of size must be equal to 3, but got {len(size)}.")
        if min(size) <= 0:
            R.raise_error(
                ValueError, name, f"the value of 'output_size' must be positive, but got {list(size)}."
            )
        return size, None
    sc = tuple(float(s) for s in (np.asarray(R.unwrap(scales)).reshape(-1)))
    if len(sc) != 3:
        R.raise_error(ValueError, name, f"the number of scales must be equal to 3, but got {len(sc)}.")
    if min(sc) <= 0:
        R.raise_error(ValueError, name, f"the value of 'scales' must be positive, but got {list(sc)}.")
    size = tuple(int(math.floor(n * s)) for n, s in zip(x.shape[2:], sc))
    return size, sc


def _torch_nearest_index(n_in, n_out, scale):
    s = _F32(1.0 / scale) if scale is not None else _F32(n_in) / _F32(n_out)
    idx = np.floor(np.arange(n_out, dtype=_F32) * s)
    return np.minimum(idx.astype(np.int64), n_in - 1)


@op("upsample_nearest3d")
def _upsample_nearest3d(x, size, scales=None):
    for i, n_out in enumerate(size):
        axis = 2 + i
        idx = _torch_nearest_index(x.shape[axis], n_out, None if scales is None else scales[i])
        x = jnp.take(x, jnp.asarray(idx), axis=axis)
    return x


@primitive
class UpsampleNearest3D(Primitive):
    """``ops.UpsampleNearest3D()(x (N, C, D, H, W), output_size=None, scales=None)``."""

    def __init__(self):
        super().__init__("UpsampleNearest3D")

    def __call__(self, x, output_size=None, scales=None):
        size, sc = _upsample_args(self.name, x, output_size, scales)
        return call("upsample_nearest3d", x, size, sc)


@primitive
class UpsampleTrilinear3D(Primitive):
    """``ops.UpsampleTrilinear3D(align_corners=False)(x (N, C, D, H, W), output_size=None, scales=None)``."""

    def __init__(self, align_corners=False):
        super().__init__("UpsampleTrilinear3D")
        if not isinstance(align_corners, bool):
            R.raise_error(
                TypeError,
                self.name,
                f"the 'align_corners' must be bool, but got {type(align_corners).__name__}.",
            )
        self.align_corners = align_corners

    def __call__(self, x, output_size=None, scales=None):
        size, sc = _upsample_args(self.name, x, output_size, scales)
        coord_scales = None if sc is None else tuple(1.0 / s for s in sc)
        return call("resize", x, size, "trilinear", self.align_corners, True, coord_scales)


# --- ScaleAndTranslate (TensorFlow's kernel-sampled resize) ----------------------------------


def _lanczos(radius):
    def k(x):
        x = jnp.abs(x)
        px = jnp.pi * x
        safe = jnp.where(x <= 1e-3, 1.0, px)
        v = radius * jnp.sin(safe) * jnp.sin(safe / radius) / (safe * safe)
        return jnp.where(x > radius, 0.0, jnp.where(x <= 1e-3, 1.0, v))

    return k, float(radius)


def _gaussian(x):  # radius 1.5, sigma = radius / 3
    x = jnp.abs(x)
    return jnp.where(x >= 1.5, 0.0, jnp.exp(-x * x / (2.0 * 0.5 * 0.5)))


def _box(x):  # the edge test is MindSpore's IsValueEqual: within float32 epsilon of 0.5
    x = jnp.abs(x)
    edge = jnp.abs(x - 0.5) <= np.finfo(np.float32).eps
    return jnp.where(x < 0.5, 1.0, jnp.where(edge, 0.5, 0.0))


def _triangle(x):
    x = jnp.abs(x)
    return jnp.where(x < 1.0, 1.0 - x, 0.0)


def _keys_cubic(x):
    x = jnp.abs(x)
    far = ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    near = (1.5 * x - 2.5) * x * x + 1.0
    return jnp.where(x >= 2.0, 0.0, jnp.where(x >= 1.0, far, near))


def _mitchell_cubic(x):
    x = jnp.abs(x)
    far = (((-7.0 / 18.0) * x + 2.0) * x - 10.0 / 3.0) * x + 16.0 / 9.0
    near = ((7.0 / 6.0) * x - 2.0) * x * x + 8.0 / 9.0
    return jnp.where(x >= 2.0, 0.0, jnp.where(x >= 1.0, far, near))


_KERNELS = {
    "lanczos1": _lanczos(1),
    "lanczos3": _lanczos(3),
    "lanczos5": _lanczos(5),
    "gaussian": (_gaussian, 1.5),
    "box": (_box, 1.0),
    "triangle": (_triangle, 1.0),
    "keyscubic": (_keys_cubic, 2.0),
    "mitchellcubic": (_mitchell_cubic, 2.0),
}


def _span_weights(kernel, radius, n_out, n_in, scale, translate, antialias):
    """Dense (n_out, n_in) weights of TensorFlow's ComputeSpans. With concrete scale/translation
    the sample positions are computed in numpy float32 (no fused multiply-adds, so a box kernel's
    ``x == 0.5`` ties fall as in the kernel); traced values take the same formulas in jnp."""
    concrete = not isinstance(scale, jax.core.Tracer) and not isinstance(translate, jax.core.Tracer)
    xp = np if concrete else jnp
    f = np.float32
    if concrete:
        scale, translate = f(np.asarray(scale)), f(np.asarray(translate))
    inv_scale = f(1.0) / scale
    inv_translate = -inv_scale * translate
    kscale = xp.maximum(inv_scale, f(1.0)) if antialias else f(1.0)
    sample = (xp.arange(n_out, dtype=f) + f(0.5)) * inv_scale + inv_translate  # (n_out,)
    start = xp.clip(xp.ceil(sample - f(radius) * kscale - f(0.5)), 0, n_in - 1)
    end = xp.clip(xp.floor(sample + f(radius) * kscale - f(0.5)), 0, n_in - 1) + 1
    src = xp.arange(n_in, dtype=f)[None, :]
    in_span = (src >= start[:, None]) & (src < end[:, None])
    pos = xp.abs((src + f(0.5) - sample[:, None]) * (f(1.0) / kscale))
    w = kernel(jnp.asarray(pos)).astype(jnp.float32)
    if concrete:
        w = np.asarray(w)
    w = xp.where(in_span, w, f(0.0))
    total = xp.sum(w, axis=1, keepdims=True)
    ok = xp.abs(total) >= f(1000.0) * np.finfo(f).tiny
    w = xp.where(ok, w * (f(1.0) / xp.where(ok, total, f(1.0))), f(0.0))
    outside = (sample < 0) | (sample > n_in)
    return jnp.asarray(xp.where(outside[:, None], f(0.0), w), jnp.float32)


@op("scale_and_translate")
def _scale_and_translate(images, size, scale, translation, kernel_type="lanczos3", antialias=True):
    name = "ScaleAndTranslate"
    if images.ndim != 4:
        R.raise_error(ValueError, name, f"the dimension of 'images' must be 4, but got {images.ndim}.")
    for arg, v in (("scale", scale), ("translation", translation)):
        if v.shape != (2,):
            R.raise_error(ValueError, name, f"the shape of '{arg}' must be (2,), but got {list(v.shape)}.")
    kernel, radius = _KERNELS[kernel_type]
    x = images.astype(jnp.float32)
    s = scale.astype(jnp.float32)
    t = translation.astype(jnp.float32)
    _, h, w, _ = x.shape
    wy = _span_weights(kernel, radius, size[0], h, s[0], t[0], antialias)
    wx = _span_weights(kernel, radius, size[1], w, s[1], t[1], antialias)
    hp = jax.lax.Precision.HIGHEST
    return jnp.einsum("yh,nhwc,xw->nyxc", wy, x, wx, precision=hp)


_KERNEL_NAMES = [
    "lanczos1",
    "lanczos3",
    "lanczos5",
    "gaussian",
    "box",
    "triangle",
    "keyscubic",
    "mitchellcubic",
]


@primitive
class ScaleAndTranslate(Primitive):
    """``ops.ScaleAndTranslate(kernel_type='lanczos3', antialias=True)(images, size, scale, translation)``."""

    def __init__(self, kernel_type="lanczos3", antialias=True):
        super().__init__("ScaleAndTranslate")
        if not isinstance(kernel_type, str):
            R.raise_error(
                TypeError,
                self.name,
                f"the type of 'kernel_type' should be 'str', but got type '{type(kernel_type).__name__}'.",
            )
        if kernel_type not in _KERNEL_NAMES:
            R.raise_error(
                ValueError,
                self.name,
                f"the 'kernel_type' must be str and must be in '{_KERNEL_NAMES}', but got '{kernel_type}'.",
            )
        if not isinstance(antialias, bool):
            R.raise_error(
                TypeError,
                self.name,
                f"the type of 'antialias' should be 'bool', but got type '{type(antialias).__name__}'.",
            )
        self.kernel_type, self.antialias = kernel_type, antialias

    def __call__(self, images, size, scale, translation):
        size = static_ints(self.name, "size", size)
        _positive_size(self.name, size, 2)
        return call("scale_and_translate", images, size, scale, translation, self.kernel_type, self.antialias)
