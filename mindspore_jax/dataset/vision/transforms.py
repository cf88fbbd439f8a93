"""Image transforms (``mindspore.dataset.vision``) over HWC numpy images, as MindSpore's CPU ops.

Images are ``(H, W)`` or ``(H, W, C)`` arrays (uint8 usually); PIL images are accepted and turned
into arrays. Resizing follows OpenCV (which MindSpore calls): half-pixel sampling grids, and for
uint8 bilinear its fixed-point arithmetic, so results match bit for bit.
Random transforms draw from the dataset RNG (``ds.config.set_seed``).
"""

import math
import numbers

import numpy as np

from ..core import config
from ..transforms.transforms import TensorOperation, _np_dtype, _run_error
from .utils import Border, Inter

_rng = config._transform_rng.get


def _as_image(img, op):
    if hasattr(img, "getbands"):  # PIL image
        img = np.asarray(img)
    img = np.asarray(img)
    if img.ndim not in (2, 3):
        raise _run_error(op, f"input tensor is not in shape of <H,W> or <H,W,C>, but got rank: {img.ndim}")
    return img


def _size_pair(size, name="size"):
    if isinstance(size, numbers.Integral):
        if size <= 0:
            raise ValueError(f"Input {name} is not within the required interval of [1, 16777216].")
        return int(size), int(size)
    size = tuple(int(s) for s in size)
    if len(size) != 2 or min(size) <= 0:
        raise ValueError(f"{name} should be a single positive integer or a sequence of two "
                         "positive integers.")
    return size


def _finish(out, dtype):
    """Back to the input dtype: uint8-like results round half up and saturate (OpenCV's cast)."""
    if np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        return np.clip(np.floor(out + 0.5), info.min, info.max).astype(dtype)
    return out.astype(dtype)


# ------------------------------------------------------------------ resampling
def _weights(n_in, n_out, mode):
    """(n_out, n_in) interpolation matrix along one axis, on OpenCV's sampling grid."""
    scale = n_in / n_out
    w = np.zeros((n_out, n_in))
    dst = np.arange(n_out)
    if mode == Inter.NEAREST:
        src = np.minimum(np.floor(dst * scale).astype(int), n_in - 1)
        w[dst, src] = 1.0
        return w
    if mode == Inter.AREA and n_out < n_in:
        for o in range(n_out):
            lo, hi = o * scale, (o + 1) * scale
            for i in range(int(math.floor(lo)), min(int(math.ceil(hi)), n_in)):
                w[o, i] = max(0.0, min(hi, i + 1) - max(lo, i))
        return w / w.sum(axis=1, keepdims=True)
    src = (dst + 0.5) * scale - 0.5
    if mode in (Inter.CUBIC, Inter.PILCUBIC):
        x0 = np.floor(src).astype(int)
        t = src - x0
        a = -0.75

        def k(x):
            x = np.abs(x)
            return np.where(x <= 1, ((a + 2) * x - (a + 3)) * x * x + 1,
                            np.where(x < 2, ((a * x - 5 * a) * x + 8 * a) * x - 4 * a, 0.0))

        for tap in range(-1, 3):
            idx = np.clip(x0 + tap, 0, n_in - 1)
            np.add.at(w, (dst, idx), k(t - tap))
        return w
    x0 = np.floor(src).astype(int)
    t = src - x0
    t = np.where(x0 < 0, 0.0, t)
    x0 = np.maximum(x0, 0)
    x1 = np.minimum(x0 + 1, n_in - 1)
    t = np.where(x0 >= n_in - 1, 0.0, t)
    np.add.at(w, (dst, x0), 1 - t)
    np.add.at(w, (dst, x1), t)
    return w


def _linear_taps(n_in, n_out, clamp):
    """OpenCV's two-tap linear coefficients; columns clamp the weight at borders, rows only the index."""
    scale = 1.0 / (n_out / n_in)
    f = ((np.arange(n_out) + 0.5) * scale - 0.5).astype(np.float32).astype(np.float64)
    s = np.floor(f).astype(int)
    f = f - s
    if clamp:
        f = np.where(s < 0, 0.0, f)
        s = np.maximum(s, 0)
        f = np.where(s >= n_in - 1, 0.0, f)
        s = np.minimum(s, n_in - 1)
    idx = np.stack([np.clip(s, 0, n_in - 1), np.clip(s + 1, 0, n_in - 1)], axis=1)
    return idx, np.stack([1.0 - f, f], axis=1)


def _resize_linear_u8(img, h, w):
    """Bit-exact OpenCV INTER_LINEAR for uint8: 11-bit fixed-point weights and its SIMD rounding."""
    xi, xw = _linear_taps(img.shape[1], w, clamp=True)
    yi, yw = _linear_taps(img.shape[0], h, clamp=False)
    xa = np.rint(xw * 2048).astype(np.int64)
    ya = np.rint(yw * 2048).astype(np.int64)
    src = img.astype(np.int64)
    extra = (None,) * (img.ndim - 2)
    buf = src[:, xi[:, 0]] * xa[:, 0][(None, slice(None)) + extra] + \
        src[:, xi[:, 1]] * xa[:, 1][(None, slice(None)) + extra]
    b0, b1 = buf[yi[:, 0]] >> 4, buf[yi[:, 1]] >> 4
    c0 = ya[:, 0][(slice(None), None) + extra]
    c1 = ya[:, 1][(slice(None), None) + extra]
    out = (((c0 * b0) >> 16) + ((c1 * b1) >> 16) + 2) >> 2
    return np.clip(out, 0, 255).astype(np.uint8)


def _resize(img, h, w, mode):
    if mode == Inter.LINEAR and img.dtype == np.uint8:
        return _resize_linear_u8(img, h, w)
    if mode in (Inter.ANTIALIAS, Inter.PILCUBIC) and img.dtype == np.uint8:
        try:
            from PIL import Image

            pil = Image.fromarray(img)
            res = pil.resize((w, h), Image.LANCZOS if mode == Inter.ANTIALIAS else Image.BICUBIC)
            return np.asarray(res)
        except ImportError:
            pass
    wh = _weights(img.shape[0], h, mode)
    ww = _weights(img.shape[1], w, mode)
    x = img.astype(np.float64)
    out = np.einsum("oh,hw...->ow...", wh, x)
    out = np.einsum("pw,ow...->op...", ww, out)
    return _finish(out, img.dtype)


def _resize_size(img, size):
    h, w = img.shape[:2]
    if isinstance(size, numbers.Integral):
        if h <= w:
            return int(size), int(w * size / h)
        return int(h * size / w), int(size)
    return _size_pair(size)


class Resize(TensorOperation):
    """Resizes to ``size`` (h, w), or the shorter side to ``size`` keeping the aspect ratio."""

    def __init__(self, size, interpolation=Inter.LINEAR):
        if isinstance(size, numbers.Integral):
            _size_pair(size)
        else:
            _size_pair(size)
        self.size, self.interpolation = size, Inter(interpolation)

    def __call__(self, img):
        img = _as_image(img, "Resize")
        h, w = _resize_size(img, self.size)
        return _resize(img, h, w, self.interpolation)


class RandomResize(Resize):
    """Resize with an interpolation mode picked at random."""

    def __call__(self, img):
        self.interpolation = Inter([Inter.NEAREST, Inter.LINEAR, Inter.CUBIC, Inter.AREA][_rng().randint(4)])
        return super().__call__(img)


# ------------------------------------------------------------------ padding / cropping
def _pad_amounts(padding):
    if isinstance(padding, numbers.Integral):
        return (padding,) * 4
    padding = tuple(padding)
    if len(padding) == 2:
        return (padding[0], padding[1], padding[0], padding[1])
    if len(padding) == 4:
        return padding
    raise ValueError("The size of the padding list or tuple should be 2 or 4.")


def _pad(img, left, top, right, bottom, mode=Border.CONSTANT, fill_value=0):
    pads = [(top, bottom), (left, right)] + [(0, 0)] * (img.ndim - 2)
    mode = Border(mode)
    if mode == Border.CONSTANT:
        if img.ndim == 3 and not isinstance(fill_value, numbers.Number):
            shape = (img.shape[0] + top + bottom, img.shape[1] + left + right, img.shape[2])
            out = np.empty(shape, img.dtype)
            out[...] = np.asarray(fill_value, dtype=img.dtype)
            out[top:top + img.shape[0], left:left + img.shape[1]] = img
            return out
        return np.pad(img, pads, mode="constant", constant_values=fill_value)
    return np.pad(img, pads, mode={Border.EDGE: "edge", Border.REFLECT: "reflect",
                                   Border.SYMMETRIC: "symmetric"}[mode])


class Pad(TensorOperation):
    """Pads borders: int (all sides), (left/right, top/bottom) or (left, top, right, bottom)."""

    def __init__(self, padding, fill_value=0, padding_mode=Border.CONSTANT):
        self.padding = _pad_amounts(padding)
        self.fill_value, self.padding_mode = fill_value, Border(padding_mode)

    def __call__(self, img):
        img = _as_image(img, "Pad")
        return _pad(img, *self.padding, self.padding_mode, self.fill_value)


class Crop(TensorOperation):
    """Crops the ``size`` region whose top-left corner is ``coordinates`` (y, x)."""

    def __init__(self, coordinates, size):
        self.coordinates, self.size = tuple(coordinates), _size_pair(size)

    def __call__(self, img):
        img = _as_image(img, "Crop")
        y, x = self.coordinates
        h, w = self.size
        if y + h > img.shape[0] or x + w > img.shape[1]:
            raise _run_error("Crop", f"Crop height/width exceeds image size {list(img.shape[:2])}")
        return img[y:y + h, x:x + w].copy()


class CenterCrop(TensorOperation):
    """Crops the centre ``size`` region, zero-padding first when the image is smaller."""

    def __init__(self, size):
        self.size = _size_pair(size)

    def __call__(self, img):
        img = _as_image(img, "CenterCrop")
        ch, cw = self.size
        h, w = img.shape[:2]
        ph, pw = max(ch - h, 0), max(cw - w, 0)
        if ph or pw:
            img = _pad(img, pw - pw // 2, ph - ph // 2, pw // 2, ph // 2)
            h, w = img.shape[:2]
        y, x = (h - ch) // 2, (w - cw) // 2
        return img[y:y + ch, x:x + cw].copy()


class RandomCrop(TensorOperation):
    """Crops a random ``size`` region after optional padding."""

    def __init__(self, size, padding=None, pad_if_needed=False, fill_value=0, padding_mode=Border.CONSTANT):
        self.size = _size_pair(size)
        self.padding = None if padding is None else _pad_amounts(padding)
        self.pad_if_needed, self.fill_value = pad_if_needed, fill_value
        self.padding_mode = Border(padding_mode)

    def __call__(self, img):
        img = _as_image(img, "RandomCrop")
        if self.padding is not None:
            img = _pad(img, *self.padding, self.padding_mode, self.fill_value)
        ch, cw = self.size
        h, w = img.shape[:2]
        if self.pad_if_needed and (h < ch or w < cw):
            ph, pw = max(ch - h, 0), max(cw - w, 0)
            img = _pad(img, pw, ph, pw, ph, self.padding_mode, self.fill_value)
            h, w = img.shape[:2]
        if h < ch or w < cw:
            raise _run_error("RandomCrop", f"Crop size {list(self.size)} is larger than the image size "
                                           f"{[h, w]}, consider pad_if_needed=True.")
        y = _rng().randint(h - ch + 1)
        x = _rng().randint(w - cw + 1)
        return img[y:y + ch, x:x + cw].copy()


class RandomResizedCrop(TensorOperation):
    """Crops a random area (``scale``) and aspect ratio (``ratio``), then resizes to ``size``."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0), interpolation=Inter.BILINEAR,
                 max_attempts=10):
        self.size = _size_pair(size)
        self.scale, self.ratio = tuple(scale), tuple(ratio)
        if self.scale[0] > self.scale[1] or self.ratio[0] > self.ratio[1]:
            raise ValueError("scale and ratio should be in (min, max) format.")
        self.interpolation, self.max_attempts = Inter(interpolation), max_attempts

    def _box(self, h, w):
        area = h * w
        rs = _rng()
        log_r = (math.log(self.ratio[0]), math.log(self.ratio[1]))
        for _ in range(self.max_attempts):
            target = rs.uniform(*self.scale) * area
            ar = math.exp(rs.uniform(*log_r))
            cw = int(round(math.sqrt(target * ar)))
            ch = int(round(math.sqrt(target / ar)))
            if 0 < cw <= w and 0 < ch <= h:
                return rs.randint(h - ch + 1), rs.randint(w - cw + 1), ch, cw
        in_ratio = w / h
        if in_ratio < self.ratio[0]:
            cw, ch = w, int(round(w / self.ratio[0]))
        elif in_ratio > self.ratio[1]:
            ch, cw = h, int(round(h * self.ratio[1]))
        else:
            ch, cw = h, w
        return (h - ch) // 2, (w - cw) // 2, ch, cw

    def __call__(self, img):
        img = _as_image(img, "RandomResizedCrop")
        y, x, ch, cw = self._box(*img.shape[:2])
        return _resize(img[y:y + ch, x:x + cw], *self.size, self.interpolation)


class RandomCropDecodeResize(RandomResizedCrop):
    """Decode, then RandomResizedCrop (MindSpore fuses the two for speed; the result is the same)."""

    def __init__(self, size, scale=(0.08, 1.0), ratio=(3.0 / 4.0, 4.0 / 3.0), interpolation=Inter.BILINEAR,
                 max_attempts=10):
        super().__init__(size, scale, ratio, interpolation, max_attempts)

    def __call__(self, img):
        if isinstance(img, np.ndarray) and img.ndim == 1 or isinstance(img, (bytes, bytearray)):
            img = Decode()(img)
        return super().__call__(img)


class ResizedCrop(TensorOperation):
    """Crops the region (top, left, height, width), then resizes it to ``size``."""

    def __init__(self, top, left, height, width, size, interpolation=Inter.BILINEAR):
        self.box = (top, left, height, width)
        self.size, self.interpolation = _size_pair(size), Inter(interpolation)

    def __call__(self, img):
        img = _as_image(img, "ResizedCrop")
        t, l, h, w = self.box
        return _resize(img[t:t + h, l:l + w], *self.size, self.interpolation)


# ------------------------------------------------------------------ flips / rotation
class HorizontalFlip(TensorOperation):
    def __call__(self, img):
        return _as_image(img, "HorizontalFlip")[:, ::-1].copy()


class VerticalFlip(TensorOperation):
    def __call__(self, img):
        return _as_image(img, "VerticalFlip")[::-1].copy()


class RandomHorizontalFlip(TensorOperation):
    """Flips left-right with probability ``prob``."""

    def __init__(self, prob=0.5):
        if not 0.0 <= prob <= 1.0:
            raise ValueError("Input prob is not within the required interval of [0.0, 1.0].")
        self.prob = prob

    def __call__(self, img):
        img = _as_image(img, "RandomHorizontalFlip")
        return img[:, ::-1].copy() if _rng().rand() < self.prob else img


class RandomVerticalFlip(RandomHorizontalFlip):
    """Flips top-bottom with probability ``prob``."""

    def __call__(self, img):
        img = _as_image(img, "RandomVerticalFlip")
        return img[::-1].copy() if _rng().rand() < self.prob else img


def _rotate(img, degrees, resample, expand, center, fill_value):
    """Counter-clockwise rotation about ``center`` (x, y), sampling the source by inverse mapping."""
    h, w = img.shape[:2]
    cx, cy = ((w - 1) / 2.0, (h - 1) / 2.0) if center is None else center
    th = math.radians(degrees)
    cos, sin = math.cos(th), math.sin(th)
    oh, ow, ox, oy = h, w, 0.0, 0.0
    if expand:
        corners = np.array([[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]], dtype=np.float64) - [cx, cy]
        rx = corners[:, 0] * cos + corners[:, 1] * sin
        ry = -corners[:, 0] * sin + corners[:, 1] * cos
        ow, oh = int(round(rx.max() - rx.min())) + 1, int(round(ry.max() - ry.min())) + 1
        ox, oy = (ow - w) / 2.0, (oh - h) / 2.0
    yy, xx = np.mgrid[0:oh, 0:ow].astype(np.float64)
    dx, dy = xx - ox - cx, yy - oy - cy
    sx = dx * cos - dy * sin + cx
    sy = dx * sin + dy * cos + cy
    fill = np.asarray(fill_value if not isinstance(fill_value, numbers.Number) else
                      [fill_value] * (img.shape[2] if img.ndim == 3 else 1), dtype=np.float64)
    if img.ndim == 2:
        fill = fill[0]
    src = img.astype(np.float64)
    if Inter(resample) == Inter.NEAREST:
        ix, iy = np.floor(sx + 0.5).astype(int), np.floor(sy + 0.5).astype(int)
        ok = (ix >= 0) & (ix < w) & (iy >= 0) & (iy < h)
        out = np.empty((oh, ow) + img.shape[2:])
        out[...] = fill
        out[ok] = src[iy[ok], ix[ok]]
    else:
        x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
        fx, fy = sx - x0, sy - y0
        out = np.zeros((oh, ow) + img.shape[2:])
        for ddy, wy in ((0, 1 - fy), (1, fy)):
            for ddx, wx in ((0, 1 - fx), (1, fx)):
                ix, iy = x0 + ddx, y0 + ddy
                ok = (ix >= 0) & (ix < w) & (iy >= 0) & (iy < h)
                val = np.empty((oh, ow) + img.shape[2:])
                val[...] = fill
                val[ok] = src[iy[ok], ix[ok]]
                wgt = (wx * wy).reshape((oh, ow) + (1,) * (img.ndim - 2))
                out += wgt * val
    return _finish(out, img.dtype)


class Rotate(TensorOperation):
    """Rotates counter-clockwise by ``degrees``."""

    def __init__(self, degrees, resample=Inter.NEAREST, expand=False, center=None, fill_value=0):
        self.degrees, self.resample, self.expand = degrees, resample, expand
        self.center, self.fill_value = center, fill_value

    def __call__(self, img):
        return _rotate(_as_image(img, "Rotate"), self.degrees, self.resample, self.expand, self.center,
                       self.fill_value)


class RandomRotation(TensorOperation):
    """Rotates by an angle drawn uniformly from ``degrees`` (a number d means (-d, d))."""

    def __init__(self, degrees, resample=Inter.NEAREST, expand=False, center=None, fill_value=0):
        if isinstance(degrees, numbers.Number):
            if degrees < 0:
                raise ValueError("Input degrees is not within the required interval of [0, 16777216].")
            degrees = (-degrees, degrees)
        self.degrees = tuple(degrees)
        self.resample, self.expand, self.center, self.fill_value = resample, expand, center, fill_value

    def __call__(self, img):
        angle = _rng().uniform(*self.degrees)
        return _rotate(_as_image(img, "RandomRotation"), angle, self.resample, self.expand, self.center,
                       self.fill_value)


# ------------------------------------------------------------------ value transforms
class Normalize(TensorOperation):
    """``(img - mean) / std`` per channel, as float32."""

    def __init__(self, mean, std, is_hwc=True):
        self.mean = np.asarray(mean, dtype=np.float32)
        self.std = np.asarray(std, dtype=np.float32)
        if (self.std <= 0).any():
            raise ValueError("Input std_value is not within the required interval of (0.0, 255.0].")
        self.is_hwc = is_hwc

    def __call__(self, img):
        img = _as_image(img, "Normalize").astype(np.float32)
        if img.ndim == 2:
            return (img - self.mean[0]) / self.std[0]
        shape = (1, 1, -1) if self.is_hwc else (-1, 1, 1)
        return (img - self.mean.reshape(shape)) / self.std.reshape(shape)


class NormalizePad(Normalize):
    """Normalize, then append a zero channel (HWC: 3 -> 4 channels)."""

    def __init__(self, mean, std, dtype="float32", is_hwc=True):
        super().__init__(mean, std, is_hwc)
        self.dtype = np.dtype(dtype)

    def __call__(self, img):
        out = super().__call__(img)
        axis = -1 if self.is_hwc else 0
        pad = [(0, 0)] * out.ndim
        pad[axis] = (0, 1)
        return np.pad(out, pad).astype(self.dtype)


class Rescale(TensorOperation):
    """``img * rescale + shift`` as float32."""

    def __init__(self, rescale, shift):
        self.rescale, self.shift = rescale, shift

    def __call__(self, img):
        img = _as_image(img, "Rescale").astype(np.float32)
        return img * np.float32(self.rescale) + np.float32(self.shift)


class HWC2CHW(TensorOperation):
    """Transposes an HWC image to CHW (a 2-D image gets a leading channel axis)."""

    def __call__(self, img):
        img = _as_image(img, "HWC2CHW")
        if img.ndim == 2:
            return img[None].copy()
        return np.ascontiguousarray(img.transpose(2, 0, 1))


class ToTensor(TensorOperation):
    """HWC uint8 image (or PIL) -> CHW ``output_type`` scaled to [0, 1]."""

    def __init__(self, output_type=np.float32):
        self.output_type = _np_dtype(output_type)

    def __call__(self, img):
        img = _as_image(img, "ToTensor")
        if img.ndim == 2:
            img = img[:, :, None]
        out = img.astype(np.float32) / 255.0
        return np.ascontiguousarray(out.transpose(2, 0, 1)).astype(self.output_type)


class ToType(TensorOperation):
    """Casts to ``data_type`` (numpy dtype or mstype)."""

    def __init__(self, data_type):
        self.data_type = data_type
        self._np = _np_dtype(data_type)

    def __call__(self, img):
        return np.asarray(img).astype(self._np)


class ToNumpy(TensorOperation):
    def __call__(self, img):
        return np.asarray(img)


class ToPIL(TensorOperation):
    """numpy HWC image -> PIL image."""

    def __call__(self, img):
        from PIL import Image

        return img if hasattr(img, "getbands") else Image.fromarray(np.asarray(img))


class Grayscale(TensorOperation):
    """RGB -> gray as PIL's ``convert("L")`` (ITU-R 601, 16-bit fixed point); ``num_output_channels`` 1
    or 3. A PIL image gives a PIL image (as MindSpore); an HWC array gives an (H, W) / (H, W, 3) array."""

    def __init__(self, num_output_channels=1):
        if num_output_channels not in (1, 3):
            raise ValueError("Input num_output_channels is not within the valid set of [1, 3].")
        self.num_output_channels = num_output_channels

    def __call__(self, img):
        pil = hasattr(img, "getbands")
        a = _as_image(img, "Grayscale")
        if a.ndim == 2:
            gray = a
        else:
            r, g, b = (a[..., i].astype(np.int64) for i in range(3))
            gray = ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16).astype(a.dtype)
        out = gray if self.num_output_channels == 1 else np.repeat(gray[..., None], 3, axis=-1)
        if pil:
            from PIL import Image

            return Image.fromarray(out)
        return out


class Decode(TensorOperation):
    """Encoded image bytes (uint8 1-D array / bytes) -> RGB HWC uint8 array (or PIL with ``to_pil``)."""

    def __init__(self, to_pil=False):
        self.to_pil = to_pil

    def __call__(self, img):
        try:
            from PIL import Image
        except ImportError as e:
            raise RuntimeError("vision.Decode needs Pillow: pip install pillow") from e
        import io

        data = img.tobytes() if isinstance(img, np.ndarray) else bytes(img)
        if isinstance(img, np.ndarray) and img.ndim != 1:
            raise _run_error("Decode", f"invalid input shape, only support 1D input, got rank: {img.ndim}")
        try:
            pil = Image.open(io.BytesIO(data)).convert("RGB")
        except Exception as e:
            raise _run_error("Decode", f"image decode failed: {e}") from e
        return pil if self.to_pil else np.asarray(pil).copy()


def read_file(filename):
    """File bytes as a 1-D uint8 array (what ``Decode`` takes)."""
    with open(filename, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8).copy()


__all__ = ["CenterCrop", "Crop", "Decode", "Grayscale", "HWC2CHW", "HorizontalFlip", "Normalize",
           "NormalizePad",
           "Pad", "RandomCrop", "RandomCropDecodeResize", "RandomHorizontalFlip", "RandomResize",
           "RandomResizedCrop", "RandomRotation",
           "RandomVerticalFlip", "Rescale", "Resize", "ResizedCrop", "Rotate", "ToNumpy", "ToPIL", "ToTensor",
           "ToType", "VerticalFlip", "read_file"]
