"""Geometric transforms of ``mindspore.dataset.vision`` (affine/perspective warps, blur, crops).

Warps reproduce OpenCV's ``warpAffine`` / ``warpPerspective`` (which MindSpore calls): inverse
mapping with 1/32-pixel fixed-point coordinates and 15-bit bilinear weights, so uint8 results are
bit-exact. Gaussian blur follows ``cv::GaussianBlur`` (reflect-101 borders).
"""

import math
import numbers

import numpy as np

from ..core import config
from ..transforms.transforms import TensorOperation, _run_error
from ._color import _img, _sat
from .utils import Border, Inter, SliceMode

_rng = config._transform_rng.get

_INTER_BITS = 5
_TAB = 1 << _INTER_BITS


def _fill_vec(img, fill_value):
    c = img.shape[2] if img.ndim == 3 else 1
    f = [fill_value] * c if isinstance(fill_value, numbers.Number) else list(fill_value)
    return np.asarray(f[:c], dtype=np.float64)


def _sample(img, xi, yi, fill):
    """img[yi, xi] with out-of-range taps taking ``fill`` (BORDER_CONSTANT)."""
    h, w = img.shape[:2]
    ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
    src = img.astype(np.int64) if img.dtype.kind in "iu" else img.astype(np.float64)
    val = src[np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)]
    f = fill if img.ndim == 3 else fill[0]
    okb = ok[..., None] if img.ndim == 3 else ok
    return np.where(okb, val, f.astype(val.dtype) if img.dtype.kind in "iu" else f)


def _remap_fixed(img, X, Y, nearest, fill):
    """OpenCV remap from 1/32-pixel fixed-point coordinates (nearest: integer coordinates)."""
    if nearest:
        return _sample(img, X, Y, fill).astype(img.dtype)
    xi, yi = X >> _INTER_BITS, Y >> _INTER_BITS
    fx, fy = X & (_TAB - 1), Y & (_TAB - 1)
    ex = (...,) + ((None,) if img.ndim == 3 else ())
    if img.dtype == np.uint8:
        wx = [(_TAB - fx), fx]
        wy = [(_TAB - fy), fy]
        acc = 0
        for dy in range(2):
            for dx in range(2):
                wgt = (wy[dy] * wx[dx] * 32)[ex]  # (i/32)*(j/32)*32768
                acc = acc + _sample(img, xi + dx, yi + dy, fill) * wgt
        return np.clip((acc + (1 << 14)) >> 15, 0, 255).astype(np.uint8)
    tx = fx.astype(np.float32) / _TAB
    ty = fy.astype(np.float32) / _TAB
    acc = 0
    for dy, wyv in ((0, 1 - ty), (1, ty)):
        for dx, wxv in ((0, 1 - tx), (1, tx)):
            acc = acc + _sample(img, xi + dx, yi + dy, fill) * (wyv * wxv)[ex]
    return _sat(acc, img.dtype)


def warp_affine_inv(img, M, out_hw, resample, fill_value):
    """cv::warpAffine with WARP_INVERSE_MAP semantics: dst(x, y) = src(M @ (x, y, 1))."""
    oh, ow = out_hw
    nearest = Inter(resample) == Inter.NEAREST
    ab_bits = 10
    ab = 1 << ab_bits
    xs = np.arange(ow)
    adelta = np.rint(M[0, 0] * xs * ab).astype(np.int64)
    bdelta = np.rint(M[1, 0] * xs * ab).astype(np.int64)
    ys = np.arange(oh)[:, None]
    round_delta = ab // 2 if nearest else ab // _TAB // 2
    X0 = np.rint((M[0, 1] * ys + M[0, 2]) * ab).astype(np.int64) + round_delta
    Y0 = np.rint((M[1, 1] * ys + M[1, 2]) * ab).astype(np.int64) + round_delta
    shift = ab_bits if nearest else ab_bits - _INTER_BITS
    X = (X0 + adelta[None]) >> shift
    Y = (Y0 + bdelta[None]) >> shift
    return _remap_fixed(img, X, Y, nearest, _fill_vec(img, fill_value))


def warp_perspective_inv(img, M, out_hw, resample, fill_value):
    """cv::warpPerspective with an inverse map M (3x3): dst(x, y) = src(M @ (x, y, 1))."""
    oh, ow = out_hw
    nearest = Inter(resample) == Inter.NEAREST
    yy, xx = np.mgrid[0:oh, 0:ow].astype(np.float64)
    X0 = M[0, 0] * xx + M[0, 1] * yy + M[0, 2]
    Y0 = M[1, 0] * xx + M[1, 1] * yy + M[1, 2]
    W = M[2, 0] * xx + M[2, 1] * yy + M[2, 2]
    scale = 1.0 if nearest else float(_TAB)
    with np.errstate(divide="ignore"):
        W = np.where(W != 0, scale / np.where(W != 0, W, 1), 0.0)
    lim = float(np.iinfo(np.int32).max)
    X = np.rint(np.clip(X0 * W, -lim, lim)).astype(np.int64)
    Y = np.rint(np.clip(Y0 * W, -lim, lim)).astype(np.int64)
    return _remap_fixed(img, X, Y, nearest, _fill_vec(img, fill_value))


def _affine_inverse_matrix(center, angle, translate, scale, shear):
    """torchvision's inverse affine matrix (angle/shear in degrees, counter-clockwise angle)."""
    rot = math.radians(angle)
    sx, sy = math.radians(shear[0]), math.radians(shear[1])
    cx, cy = center
    tx, ty = translate
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    m = [d, -b, 0.0, -c, a, 0.0]
    m = [x / scale for x in m]
    m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty)
    m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty)
    m[2] += cx
    m[5] += cy
    return np.array(m, dtype=np.float64).reshape(2, 3)


def _shear_pair(shear):
    if isinstance(shear, numbers.Number):
        return (float(shear), 0.0)
    shear = tuple(float(s) for s in shear)
    return shear if len(shear) == 2 else (shear[0], 0.0)


def affine(img, degrees, translate, scale, shear, resample, fill_value):
    h, w = img.shape[:2]
    center = ((w - 1) * 0.5, (h - 1) * 0.5)
    t = (translate[0] * w, translate[1] * h)
    M = _affine_inverse_matrix(center, degrees, t, scale, _shear_pair(shear))
    return warp_affine_inv(img, M, (h, w), resample, fill_value)


class Affine(TensorOperation):
    """Rotation (``degrees``, counter-clockwise), translation (fractions of width/height),
    scale and shear (degrees) about the image centre."""

    def __init__(self, degrees, translate, scale, shear, resample=Inter.NEAREST, fill_value=0):
        translate = [float(t) for t in translate]
        if len(translate) != 2 or not all(-1.0 <= t <= 1.0 for t in translate):
            raise ValueError("Input translate is not within the required interval of [-1.0, 1.0].")
        if scale <= 0:
            raise ValueError("Input scale must be greater than 0.")
        self.degrees, self.translate, self.scale, self.shear = float(degrees), translate, float(scale), shear
        self.resample, self.fill_value = Inter(resample), fill_value

    def __call__(self, img):
        img = _img(img, "Affine")
        return affine(img, self.degrees, self.translate, self.scale, self.shear, self.resample,
                      self.fill_value)


class RandomAffine(TensorOperation):
    """Affine with random angle, translation, scale and shear drawn from the given ranges."""

    def __init__(self, degrees, translate=None, scale=None, shear=None, resample=Inter.NEAREST, fill_value=0):
        if isinstance(degrees, numbers.Number):
            if degrees < 0:
                raise ValueError("Input degrees is not within the required interval of [0, 16777216].")
            degrees = (-degrees, degrees)
        self.degrees = tuple(float(d) for d in degrees)
        translate = (0.0, 0.0, 0.0, 0.0) if translate is None else tuple(float(t) for t in translate)
        if len(translate) == 2:
            translate = translate + (0.0, 0.0)
        if len(translate) != 4 or not all(-1.0 <= t <= 1.0 for t in translate):
            raise ValueError("Input translate is not within the required interval of [-1.0, 1.0].")
        self.translate = translate
        self.scale = (1.0, 1.0) if scale is None else tuple(float(s) for s in scale)
        if shear is None:
            shear = (0.0, 0.0, 0.0, 0.0)
        elif isinstance(shear, numbers.Number):
            shear = (-float(shear), float(shear), 0.0, 0.0)
        elif len(shear) == 2:
            shear = (float(shear[0]), float(shear[1]), 0.0, 0.0)
        self.shear = tuple(float(s) for s in shear)
        self.resample, self.fill_value = Inter(resample), fill_value

    def __call__(self, img):
        img = _img(img, "RandomAffine")
        rs = _rng()
        angle = rs.uniform(*self.degrees)
        t = (rs.uniform(self.translate[0], self.translate[1]),
             rs.uniform(self.translate[2], self.translate[3]))
        sc = rs.uniform(*self.scale)
        sh = (rs.uniform(self.shear[0], self.shear[1]), rs.uniform(self.shear[2], self.shear[3]))
        return affine(img, angle, t, sc, sh, self.resample, self.fill_value)


def _perspective_matrix(src, dst):
    """cv::getPerspectiveTransform(src, dst): the 3x3 homography mapping src points to dst."""
    A, b = [], []
    for (x, y), (u, v) in zip(src, dst):
        A.append([x, y, 1, 0, 0, 0, -x * u, -y * u])
        b.append(u)
        A.append([0, 0, 0, x, y, 1, -x * v, -y * v])
        b.append(v)
    sol = np.linalg.solve(np.asarray(A, np.float64), np.asarray(b, np.float64))
    return np.append(sol, 1.0).reshape(3, 3)


def perspective(img, start_points, end_points, interpolation, fill_value=0):
    M = _perspective_matrix(end_points, start_points)  # inverse map: output point -> source point
    return warp_perspective_inv(img, M, img.shape[:2], interpolation, fill_value)


def _check_points(points, name):
    pts = [tuple(float(v) for v in p) for p in points]
    if len(pts) != 4 or any(len(p) != 2 for p in pts):
        raise TypeError(f"{name} should be a list of four [x, y] points.")
    return pts


class Perspective(TensorOperation):
    """Warps so that ``start_points`` (4 corners, [x, y]) land on ``end_points``."""

    def __init__(self, start_points, end_points, interpolation=Inter.BILINEAR):
        self.start_points = _check_points(start_points, "start_points")
        self.end_points = _check_points(end_points, "end_points")
        self.interpolation = Inter(interpolation)

    def __call__(self, img):
        return perspective(_img(img, "Perspective"), self.start_points, self.end_points, self.interpolation)


class RandomPerspective(TensorOperation):
    """With probability ``prob``, moves each corner randomly (up to ``distortion_scale`` of half the size)."""

    def __init__(self, distortion_scale=0.5, prob=0.5, interpolation=Inter.BICUBIC):
        if not 0.0 <= distortion_scale <= 1.0:
            raise ValueError("Input distortion_scale is not within the required interval of [0.0, 1.0].")
        if not 0.0 <= prob <= 1.0:
            raise ValueError("Input prob is not within the required interval of [0.0, 1.0].")
        self.distortion_scale, self.prob, self.interpolation = distortion_scale, prob, Inter(interpolation)

    def __call__(self, img):
        img = _img(img, "RandomPerspective")
        rs = _rng()
        if rs.rand() >= self.prob:
            return img
        h, w = img.shape[:2]
        hw, hh = int(self.distortion_scale * w / 2), int(self.distortion_scale * h / 2)
        start = [[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]]
        end = [[rs.randint(0, hw + 1), rs.randint(0, hh + 1)],
               [w - 1 - rs.randint(0, hw + 1), rs.randint(0, hh + 1)],
               [w - 1 - rs.randint(0, hw + 1), h - 1 - rs.randint(0, hh + 1)],
               [rs.randint(0, hw + 1), h - 1 - rs.randint(0, hh + 1)]]
        interp = self.interpolation if self.interpolation in (Inter.NEAREST, Inter.LINEAR) else Inter.LINEAR
        return perspective(img, start, end, interp)


# ------------------------------------------------------------------ blur
def _gauss_kernel(k, sigma):
    if sigma <= 0:
        sigma = 0.3 * ((k - 1) * 0.5 - 1) + 0.8
    x = np.arange(k) - (k - 1) / 2.0
    w = np.exp(-(x * x) / (2 * sigma * sigma))
    return w / w.sum()


def _reflect101(n, idx):
    if n == 1:
        return np.zeros_like(idx)
    period = 2 * (n - 1)
    idx = np.mod(idx, period)
    return np.where(idx >= n, period - idx, idx)


def _conv1d(x, kern, axis):
    n = x.shape[axis]
    r = len(kern) // 2
    out = 0
    for i, kv in enumerate(kern):
        idx = _reflect101(n, np.arange(n) + i - r)
        out = out + kv * np.take(x, idx, axis=axis)
    return out


def gaussian_blur(img, ksize, sigma):
    kx, ky = ksize
    sx, sy = sigma
    if img.dtype == np.uint8:
        # OpenCV's bit-exact 8U path: kernels in 8.8 fixed point, rows then columns, 16.16 total
        wx = np.rint(_gauss_kernel(kx, sx) * 256).astype(np.int64)
        wy = np.rint(_gauss_kernel(ky, sy) * 256).astype(np.int64)
        wx[kx // 2] += 256 - wx.sum()
        wy[ky // 2] += 256 - wy.sum()
        rows = _conv1d(img.astype(np.int64), wx, 1)
        cols = _conv1d(rows, wy, 0)
        return np.clip((cols + (1 << 15)) >> 16, 0, 255).astype(np.uint8)
    f = img.astype(np.float64)
    out = _conv1d(_conv1d(f, _gauss_kernel(kx, sx), 1), _gauss_kernel(ky, sy), 0)
    return out.astype(img.dtype)


def _pair(v, name):
    if isinstance(v, numbers.Number):
        return (v, v)
    v = tuple(v)
    if len(v) == 1:
        return (v[0], v[0])
    if len(v) != 2:
        raise TypeError(f"{name} should be a number or a sequence of two numbers.")
    return v


class GaussianBlur(TensorOperation):
    """Gaussian blur with odd ``kernel_size`` (x, y) and ``sigma`` (x, y; None/0: from the size)."""

    def __init__(self, kernel_size, sigma=None):
        self.kernel_size = tuple(int(k) for k in _pair(kernel_size, "kernel_size"))
        if any(k <= 0 or k % 2 == 0 for k in self.kernel_size):
            raise ValueError("Input kernel_size is not an odd value.")
        self.sigma = (0.0, 0.0) if sigma is None else tuple(float(s) for s in _pair(sigma, "sigma"))

    def __call__(self, img):
        return gaussian_blur(_img(img, "GaussianBlur"), self.kernel_size, self.sigma)


# ------------------------------------------------------------------ erase / pad / crops
class Erase(TensorOperation):
    """Fills the region (top, left, height, width) with ``value`` (a number or per-channel RGB)."""

    def __init__(self, top, left, height, width, value=0, inplace=False):
        self.top, self.left, self.height, self.width = top, left, height, width
        self.value, self.inplace = value, inplace

    def __call__(self, img):
        img = _img(img, "Erase")
        out = img if self.inplace else img.copy()
        region = out[self.top:self.top + self.height, self.left:self.left + self.width]
        region[...] = np.asarray(self.value, dtype=np.float64).astype(img.dtype) \
            if not isinstance(self.value, numbers.Number) else self.value
        return out


class PadToSize(TensorOperation):
    """Pads to ``size`` (h, w); ``offset`` (top, left) places the image (None: centred)."""

    def __init__(self, size, offset=None, fill_value=0, padding_mode=Border.CONSTANT):
        self.size = _pair(size, "size")
        self.offset = None if offset is None else _pair(offset, "offset")
        self.fill_value, self.padding_mode = fill_value, Border(padding_mode)

    def __call__(self, img):
        from .transforms import _pad

        img = _img(img, "PadToSize")
        h, w = img.shape[:2]
        th, tw = self.size
        if th < h or tw < w:
            raise _run_error("PadToSize", f"the target size to pad should be no less than the original "
                                          f"image size, but got target size {[th, tw]} and original size "
                                          f"{[h, w]}.")
        top, left = ((th - h) // 2, (tw - w) // 2) if self.offset is None else self.offset
        return _pad(img, left, top, tw - w - left, th - h - top, self.padding_mode, self.fill_value)


class SlicePatches(TensorOperation):
    """Cuts the image into ``num_height`` x ``num_width`` patches (padding or dropping the remainder)."""

    def __init__(self, num_height=1, num_width=1, slice_mode=SliceMode.PAD, fill_value=0):
        self.num_height, self.num_width = num_height, num_width
        self.slice_mode, self.fill_value = SliceMode(slice_mode), fill_value

    def __call__(self, img):
        from .transforms import _pad

        img = _img(img, "SlicePatches")
        h, w = img.shape[:2]
        if self.slice_mode == SliceMode.PAD:
            ph, pw = -(-h // self.num_height), -(-w // self.num_width)
            img = _pad(img, 0, 0, pw * self.num_width - w, ph * self.num_height - h, Border.CONSTANT,
                       self.fill_value)
        else:
            ph, pw = h // self.num_height, w // self.num_width
        return tuple(img[i * ph:(i + 1) * ph, j * pw:(j + 1) * pw].copy()
                     for i in range(self.num_height) for j in range(self.num_width))


def _to_pil_like(arrs, pil):
    if not pil:
        return tuple(arrs)
    from PIL import Image

    return tuple(Image.fromarray(a) for a in arrs)


def _five(img, size):
    h, w = img.shape[:2]
    ch, cw = size
    if ch > h or cw > w:
        raise ValueError(f"Crop size {size} is larger than input image size {(h, w)}.")
    cy, cx = int(round((h - ch) / 2.0)), int(round((w - cw) / 2.0))
    return [img[:ch, :cw], img[:ch, w - cw:], img[h - ch:, :cw], img[h - ch:, w - cw:],
            img[cy:cy + ch, cx:cx + cw]]


class FiveCrop(TensorOperation):
    """The four corner crops and the centre crop of ``size`` (a tuple of 5 images)."""

    def __init__(self, size):
        self.size = _pair(size, "size")

    def __call__(self, img):
        pil = hasattr(img, "getbands")
        return _to_pil_like([a.copy() for a in _five(np.asarray(img), self.size)], pil)


class TenCrop(TensorOperation):
    """FiveCrop of the image and of its horizontally (or vertically) flipped copy."""

    def __init__(self, size, use_vertical_flip=False):
        self.size, self.use_vertical_flip = _pair(size, "size"), use_vertical_flip

    def __call__(self, img):
        pil = hasattr(img, "getbands")
        a = np.asarray(img)
        flipped = a[::-1] if self.use_vertical_flip else a[:, ::-1]
        crops = _five(a, self.size) + _five(flipped, self.size)
        return _to_pil_like([np.ascontiguousarray(c) for c in crops], pil)


class LinearTransformation(TensorOperation):
    """``(flatten(img) - mean_vector) @ transformation_matrix``, reshaped back (float CHW images)."""

    def __init__(self, transformation_matrix, mean_vector):
        self.transformation_matrix = np.asarray(transformation_matrix)
        self.mean_vector = np.asarray(mean_vector)
        d = self.transformation_matrix.shape
        if len(d) != 2 or d[0] != d[1] or self.mean_vector.shape != (d[0],):
            raise ValueError("transformation_matrix should be square (D, D) and mean_vector of size D.")

    def __call__(self, img):
        img = np.asarray(img)
        if img.size != self.transformation_matrix.shape[0]:
            raise ValueError(f"transformation_matrix shape {self.transformation_matrix.shape} not compatible "
                             f"with Numpy image shape {img.shape}.")
        flat = img.reshape(1, -1) - self.mean_vector
        return np.dot(flat, self.transformation_matrix).reshape(img.shape).astype(img.dtype)


__all__ = ["Affine", "Erase", "FiveCrop", "GaussianBlur", "LinearTransformation", "PadToSize", "Perspective",
           "RandomAffine", "RandomPerspective", "SlicePatches", "TenCrop"]
