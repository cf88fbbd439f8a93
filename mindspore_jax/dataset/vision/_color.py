"""Colour / value transforms of ``mindspore.dataset.vision``, bit-exact with MindSpore's CPU kernels.

MindSpore runs these through OpenCV (or PIL-derived lookup tables); the helpers below reproduce
OpenCV's fixed-point colour conversions and its round-half-to-even ``saturate_cast`` so uint8
results match real MindSpore exactly (checked against tests/golden/dataset_vision.npz).
"""

import numbers

import numpy as np

from ..core import config
from ..transforms.transforms import TensorOperation, _run_error
from .utils import ConvertMode

_rng = config._transform_rng.get


def _img(img, op, rgb=False):
    if hasattr(img, "getbands"):
        img = np.asarray(img)
    img = np.asarray(img)
    if img.ndim not in (2, 3):
        raise _run_error(op, f"input tensor is not in shape of <H,W> or <H,W,C>, but got rank: {img.ndim}")
    if rgb and (img.ndim != 3 or img.shape[2] != 3):
        raise _run_error(op, f"image shape is not <H,W,C> or channel is not 3, got image rank: {img.ndim}"
                             + (f", channel: {img.shape[2]}" if img.ndim == 3 else ""))
    return img


def _sat(x, dtype):
    """OpenCV's saturate_cast: round half to even for integer targets."""
    dtype = np.dtype(dtype)
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        return np.clip(np.rint(x), info.min, info.max).astype(dtype)
    return np.asarray(x).astype(dtype)


def _rgb2gray(img):
    """cv::cvtColor RGB2GRAY: 15-bit fixed point for uint8, float weights otherwise."""
    if img.dtype == np.uint8:
        r, g, b = (img[..., i].astype(np.int64) for i in range(3))
        return ((r * 9798 + g * 19235 + b * 3735 + (1 << 14)) >> 15).astype(np.uint8)
    f = img.astype(np.float32)
    return (f[..., 0] * np.float32(0.299) + f[..., 1] * np.float32(0.587)
            + f[..., 2] * np.float32(0.114)).astype(img.dtype)


def _blend(a, alpha, b, beta, dtype):
    """cv::addWeighted(a, alpha, b, beta, 0): float32 fused multiply-adds, then saturate_cast."""
    inner = (b.astype(np.float64) * np.float64(np.float32(beta))).astype(np.float32)
    out = (a.astype(np.float64) * np.float64(np.float32(alpha)) + inner.astype(np.float64)).astype(np.float32)
    return _sat(out, dtype)


def _one_minus(f):
    """``1.0 - alpha`` where MindSpore's kernel holds alpha as a C float."""
    return 1.0 - np.float64(np.float32(f))


def _check_factor(name, v, lo=0.0, hi=16777216.0):
    if not isinstance(v, numbers.Number) or isinstance(v, bool):
        raise TypeError(f"Argument {name} with value {v} is not of type [<class 'float'>, <class 'int'>], "
                        f"but got {type(v)}.")
    if not lo <= v <= hi:
        raise ValueError(f"Input {name} is not within the required interval of [{lo}, {hi}].")
    return float(v)


def _check_prob(prob):
    return _check_factor("prob", prob, 0.0, 1.0)


def adjust_brightness(img, f):
    return _sat(img.astype(np.float32) * np.float32(f), img.dtype)


def adjust_contrast(img, f):
    gray = _rgb2gray(img)
    mean = _sat(np.float64(gray.mean()), img.dtype)
    return _blend(np.full_like(img, mean), _one_minus(f), img, f, img.dtype)


def adjust_saturation(img, f):
    gray = _rgb2gray(img)[..., None]
    return _blend(np.repeat(gray, 3, -1), _one_minus(f), img, f, img.dtype)


def _rgb2hsv_u8(img, hr=180):
    """cv::cvtColor RGB2HSV for uint8 (hue in [0, hr): 180, or 256 for the _FULL variant)."""
    r, g, b = (img[..., i].astype(np.int64) for i in range(3))
    v = np.maximum(np.maximum(r, g), b)
    vmin = np.minimum(np.minimum(r, g), b)
    diff = v - vmin
    idx = np.arange(256)
    with np.errstate(divide="ignore"):
        sdiv = np.where(idx == 0, 0, np.rint((255 << 12) / np.maximum(idx, 1))).astype(np.int64)
        hdiv = np.where(idx == 0, 0, np.rint((hr << 12) / (6.0 * np.maximum(idx, 1)))).astype(np.int64)
    s = (diff * sdiv[v] + (1 << 11)) >> 12
    h = np.where(v == r, g - b, np.where(v == g, b - r + 2 * diff, r - g + 4 * diff))
    h = (h * hdiv[diff] + (1 << 11)) >> 12
    h = np.where(h < 0, h + hr, h)
    return np.clip(h, 0, 255), s, v


def _hsv2rgb_u8(h, s, v, hr=180):
    """cv::cvtColor HSV2RGB for uint8 (float32 arithmetic, cvRound)."""
    hf = h.astype(np.float32) * np.float32(6.0 / hr)
    sf = s.astype(np.float32) * np.float32(1.0 / 255)
    vf = v.astype(np.float32) * np.float32(1.0 / 255)
    hf = np.mod(hf, np.float32(6.0))
    sector = np.floor(hf).astype(np.int64)
    frac = hf - sector.astype(np.float32)
    bad = (sector < 0) | (sector >= 6)
    sector = np.where(bad, 0, sector)
    frac = np.where(bad, np.float32(0), frac)
    one = np.float32(1.0)
    tab = np.stack([vf, vf * (one - sf), vf * (one - sf * frac), vf * (one - sf * (one - frac))], -1)
    sd = np.array([[1, 3, 0], [1, 0, 2], [3, 0, 1], [0, 2, 1], [0, 1, 3], [2, 1, 0]])
    sel = sd[sector]  # (..., 3) -> b, g, r indices
    bgr = np.take_along_axis(tab, sel, axis=-1)
    gray = (s == 0)[..., None]
    bgr = np.where(gray, vf[..., None], bgr)
    rgb = bgr[..., ::-1] * np.float32(255.0)
    return _sat(rgb, np.uint8)


def adjust_hue(img, f):
    if img.dtype != np.uint8:
        raise _run_error("AdjustHue", "AdjustHue: input image is not in type of uint8")
    # RGB2HSV_FULL (hue in [0, 256)), a uint8 shift of int(hue * 255) that wraps, and HSV2RGB_FULL,
    # which OpenCV scales by 255 (not 256) on the way back
    h, s, v = _rgb2hsv_u8(img, 256)
    shift = int(np.float32(f) * np.float32(255))
    h = (h + shift) % 256
    return _hsv2rgb_u8(h, s, v, 255)


def _sharpen_blur(img):
    """The 3x3 [[1,1,1],[1,5,1],[1,1,1]]/13 smoothing MindSpore/PIL sharpness blends with."""
    f = img.astype(np.float32)
    k = np.full((3, 3), np.float32(1.0 / 13), np.float32)
    k[1, 1] = np.float32(5.0 / 13)
    h, w = img.shape[:2]
    out = f.copy()
    if h >= 3 and w >= 3:
        acc = np.zeros_like(f[1:-1, 1:-1])
        for dy in range(3):
            for dx in range(3):
                acc += k[dy, dx] * f[dy:dy + h - 2, dx:dx + w - 2]
        out[1:-1, 1:-1] = _sat(acc, img.dtype)
    return out


def adjust_sharpness(img, f):
    blur = _sharpen_blur(img)
    return _blend(img, f, blur, _one_minus(f), img.dtype)


def adjust_gamma(img, gamma, gain):
    if img.dtype == np.uint8:
        lut = np.clip(np.floor(np.power(np.arange(256) / 255.0, gamma) * 255.999 * gain), 0, 255)
        return lut.astype(np.uint8)[img]
    return (np.power(img.astype(np.float64), gamma) * gain).astype(img.dtype)


class AdjustBrightness(TensorOperation):
    """Scales pixel values by ``brightness_factor`` (0 black, 1 unchanged)."""

    def __init__(self, brightness_factor):
        self.brightness_factor = _check_factor("brightness_factor", brightness_factor)

    def __call__(self, img):
        return adjust_brightness(_img(img, "AdjustBrightness", rgb=True), self.brightness_factor)


class AdjustContrast(TensorOperation):
    """Blends with the mean gray level: 0 gives a flat gray image, 1 the original."""

    def __init__(self, contrast_factor):
        self.contrast_factor = _check_factor("contrast_factor", contrast_factor)

    def __call__(self, img):
        return adjust_contrast(_img(img, "AdjustContrast", rgb=True), self.contrast_factor)


class AdjustSaturation(TensorOperation):
    """Blends with the grayscale image: 0 gray, 1 original, 2 doubly saturated."""

    def __init__(self, saturation_factor):
        self.saturation_factor = _check_factor("saturation_factor", saturation_factor)

    def __call__(self, img):
        return adjust_saturation(_img(img, "AdjustSaturation", rgb=True), self.saturation_factor)


class AdjustHue(TensorOperation):
    """Shifts the hue channel by ``hue_factor`` (in [-0.5, 0.5]) of a full turn."""

    def __init__(self, hue_factor):
        self.hue_factor = _check_factor("hue_factor", hue_factor, -0.5, 0.5)

    def __call__(self, img):
        return adjust_hue(_img(img, "AdjustHue", rgb=True), self.hue_factor)


class AdjustGamma(TensorOperation):
    """``gain * (img / 255) ** gamma * 255`` through a rounded lookup table (uint8)."""

    def __init__(self, gamma, gain=1.0):
        self.gamma = _check_factor("gamma", gamma)
        self.gain = float(gain)

    def __call__(self, img):
        return adjust_gamma(_img(img, "AdjustGamma"), self.gamma, self.gain)


class AdjustSharpness(TensorOperation):
    """Blends with a 3x3-smoothed copy: 0 blurred, 1 original, 2 sharpened."""

    def __init__(self, sharpness_factor):
        self.sharpness_factor = _check_factor("sharpness_factor", sharpness_factor)

    def __call__(self, img):
        return adjust_sharpness(_img(img, "AdjustSharpness"), self.sharpness_factor)


def _hist_channels(img):
    return [img] if img.ndim == 2 else [img[..., c] for c in range(img.shape[2])]


def _merge(chans, img):
    return chans[0] if img.ndim == 2 else np.stack(chans, -1)


def auto_contrast(img, cutoff=0.0, ignore=None):
    ignore = [] if ignore is None else ([ignore] if isinstance(ignore, int) else list(ignore))
    out = []
    for ch in _hist_channels(img):
        hist = np.bincount(ch.reshape(-1), minlength=256).astype(np.int64)
        for i in ignore:
            hist[i] = 0
        if cutoff:
            n = int(hist.sum())
            cut = int(n * cutoff / 100)
            for lo in range(256):
                if cut > hist[lo]:
                    cut -= hist[lo]
                    hist[lo] = 0
                else:
                    hist[lo] -= cut
                    cut = 0
                if cut <= 0:
                    break
            cut = int(n * cutoff / 100)
            for hi in range(255, -1, -1):
                if cut > hist[hi]:
                    cut -= hist[hi]
                    hist[hi] = 0
                else:
                    hist[hi] -= cut
                    cut = 0
                if cut <= 0:
                    break
        nz = np.nonzero(hist)[0]
        if nz.size == 0 or nz[-1] <= nz[0]:
            lut = np.arange(256)
        else:
            lo, hi = int(nz[0]), int(nz[-1])
            scale = np.float32(255.0) / np.float32(hi - lo)  # float32, as MindSpore's kernel
            offset = -np.float32(lo) * scale
            lut = np.clip((np.arange(256).astype(np.float32) * scale + offset).astype(np.int64), 0, 255)
        for i in ignore:
            lut[i] = i
        out.append(lut.astype(np.uint8)[ch])
    return _merge(out, img)


def equalize(img):
    """cv::equalizeHist per channel."""
    out = []
    for ch in _hist_channels(img):
        hist = np.bincount(ch.reshape(-1), minlength=256)
        total = ch.size
        i = int(np.nonzero(hist)[0][0])
        if hist[i] == total:
            out.append(np.full_like(ch, i))
            continue
        scale = np.float32(255.0) / np.float32(total - hist[i])
        lut = np.zeros(256, np.int64)
        csum = np.cumsum(hist[i + 1:])
        lut[i + 1:] = np.clip(np.rint(csum.astype(np.float32) * scale), 0, 255)
        out.append(lut.astype(np.uint8)[ch])
    return _merge(out, img)


class AutoContrast(TensorOperation):
    """Stretches each channel's histogram to [0, 255] after cutting ``cutoff`` percent at both ends."""

    def __init__(self, cutoff=0.0, ignore=None):
        if not 0.0 <= cutoff < 50.0:
            raise ValueError("Input cutoff is not within the required interval of [0, 50).")
        self.cutoff, self.ignore = cutoff, ignore

    def __call__(self, img):
        img = _img(img, "AutoContrast")
        if img.dtype != np.uint8:
            raise _run_error("AutoContrast", "AutoContrast: image data type should be uint8.")
        return auto_contrast(img, self.cutoff, self.ignore)


class Equalize(TensorOperation):
    """Histogram equalization of each channel (uint8)."""

    def __call__(self, img):
        img = _img(img, "Equalize")
        if img.dtype != np.uint8:
            raise _run_error("Equalize", "Equalize: image data type should be uint8.")
        return equalize(img)


class Invert(TensorOperation):
    """``255 - img`` (uint8 RGB)."""

    def __call__(self, img):
        img = _img(img, "Invert", rgb=True)
        return (255 - img.astype(np.int64)).astype(img.dtype) if img.dtype == np.uint8 else 255 - img


class Posterize(TensorOperation):
    """Keeps the ``bits`` most significant bits of every uint8 value."""

    def __init__(self, bits):
        if not isinstance(bits, int) or not 0 <= bits <= 8:
            raise ValueError("Input bits is not within the required interval of [0, 8].")
        self.bits = bits

    def __call__(self, img):
        img = _img(img, "Posterize")
        if img.dtype != np.uint8:
            raise _run_error("Posterize", "Posterize: input image data type must be uint8.")
        mask = np.uint8((0xFF << (8 - self.bits)) & 0xFF)
        return img & mask


def _threshold_pair(threshold):
    if isinstance(threshold, numbers.Number):
        threshold = (threshold, 255)
    threshold = tuple(float(t) for t in threshold)
    if len(threshold) == 2 and threshold[0] == threshold[1]:
        threshold = (threshold[0], 255.0)  # MindSpore: (t, t) means [t, 255]
    if len(threshold) != 2 or threshold[0] > threshold[1] or threshold[0] < 0 or threshold[1] > 255:
        raise ValueError("threshold must be a number or (min, max) within [0, 255] with min <= max.")
    return threshold


class Solarize(TensorOperation):
    """Inverts the pixels whose value lies in ``threshold`` ((min, max), or a number t for [t, 255])."""

    def __init__(self, threshold):
        self.threshold = _threshold_pair(threshold)

    def __call__(self, img):
        img = _img(img, "Solarize")
        lo, hi = self.threshold
        inv = (255 - img.astype(np.int64)).astype(img.dtype)
        return np.where((img >= lo) & (img <= hi), inv, img)


_CONVERT = {
    ConvertMode.COLOR_BGR2BGRA: "add_alpha", ConvertMode.COLOR_BGRA2BGR: "drop_alpha",
    ConvertMode.COLOR_BGR2RGBA: "swap_add_alpha", ConvertMode.COLOR_RGBA2BGR: "swap_drop_alpha",
    ConvertMode.COLOR_BGR2RGB: "swap", ConvertMode.COLOR_BGRA2RGBA: "swap4",
    ConvertMode.COLOR_BGR2GRAY: "bgr_gray", ConvertMode.COLOR_RGB2GRAY: "rgb_gray",
    ConvertMode.COLOR_GRAY2BGR: "gray3", ConvertMode.COLOR_GRAY2BGRA: "gray4",
    ConvertMode.COLOR_BGRA2GRAY: "bgra_gray", ConvertMode.COLOR_RGBA2GRAY: "rgba_gray",
}


def _alpha(img):
    full = np.iinfo(img.dtype).max if img.dtype.kind in "iu" else 1.0
    return np.full(img.shape[:2] + (1,), full, img.dtype)


def convert_color(img, mode):
    kind = _CONVERT[ConvertMode(mode)]
    if kind.startswith("gray"):
        g = img if img.ndim == 2 else img[..., 0]
        out = np.repeat(g[..., None], 3, -1)
        return np.concatenate([out, _alpha(out)], -1) if kind == "gray4" else out
    if kind == "add_alpha":
        return np.concatenate([img, _alpha(img)], -1)
    if kind == "drop_alpha":
        return img[..., :3].copy()
    if kind == "swap_add_alpha":
        return np.concatenate([img[..., 2::-1], _alpha(img)], -1)
    if kind == "swap_drop_alpha":
        return img[..., 2::-1].copy()
    if kind == "swap":
        return img[..., ::-1].copy()
    if kind == "swap4":
        return np.concatenate([img[..., 2::-1], img[..., 3:]], -1)
    if kind in ("rgb_gray", "rgba_gray"):
        return _rgb2gray(img[..., :3])
    return _rgb2gray(img[..., 2::-1])


class ConvertColor(TensorOperation):
    """Changes the colour space (``ConvertMode``: channel swaps, alpha, gray), as cv::cvtColor."""

    def __init__(self, convert_mode):
        if not isinstance(convert_mode, ConvertMode):
            raise TypeError(f"Argument convert_mode with value {convert_mode} is not of type "
                            "[<enum 'ConvertMode'>].")
        self.convert_mode = convert_mode

    def __call__(self, img):
        return convert_color(_img(img, "ConvertColor"), self.convert_mode)


def _rgb_to_hsv_np(rgb):
    """colorsys.rgb_to_hsv over arrays (last axis RGB), float64."""
    rgb = rgb.astype(np.float64)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    maxc = np.max(rgb, -1)
    minc = np.min(rgb, -1)
    v = maxc
    d = maxc - minc
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(maxc == minc, 0.0, d / maxc)
        rc, gc, bc = ((maxc - c) / d for c in (r, g, b))
    h = np.where(r == maxc, bc - gc, np.where(g == maxc, 2.0 + rc - bc, 4.0 + gc - rc))
    h = np.where(maxc == minc, 0.0, (h / 6.0) % 1.0)
    return np.stack([h, s, v], -1)


def _hsv_to_rgb_np(hsv):
    """colorsys.hsv_to_rgb over arrays (last axis HSV), float64."""
    hsv = hsv.astype(np.float64)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    i = np.floor(h * 6.0)
    f = h * 6.0 - i
    p, q, t = v * (1.0 - s), v * (1.0 - s * f), v * (1.0 - s * (1.0 - f))
    i = i.astype(np.int64) % 6
    choices = [np.stack(c, -1) for c in ((v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q))]
    out = np.choose(i[..., None], choices)
    return np.where((s == 0.0)[..., None], np.stack([v, v, v], -1), out)


class RgbToHsv(TensorOperation):
    """RGB -> HSV of a float image (values in [0, 1]), as colorsys; output float64."""

    def __init__(self, is_hwc=False):
        self.is_hwc = is_hwc

    def __call__(self, img):
        img = np.asarray(img)
        x = img if self.is_hwc else np.moveaxis(img, -3, -1)
        out = _rgb_to_hsv_np(x)
        return out if self.is_hwc else np.moveaxis(out, -1, -3)


class HsvToRgb(TensorOperation):
    """HSV -> RGB of a float image, as colorsys; output float64."""

    def __init__(self, is_hwc=False):
        self.is_hwc = is_hwc

    def __call__(self, img):
        img = np.asarray(img)
        x = img if self.is_hwc else np.moveaxis(img, -3, -1)
        out = _hsv_to_rgb_np(x)
        return out if self.is_hwc else np.moveaxis(out, -1, -3)


# ------------------------------------------------------------------ random versions
def _range(name, value, center=None, lo=0.0, hi=16777216.0):
    """A number d gives (max(0, 1-d), 1+d) around ``center`` 1 (or (-d, d) for hue); a pair is kept."""
    if isinstance(value, numbers.Number):
        if value < 0:
            raise ValueError(f"Input {name} is not within the required interval of [0, {hi}].")
        if center is None:
            return (-float(value), float(value))
        return (max(0.0, center - value), center + value)
    value = tuple(float(v) for v in value)
    if len(value) != 2 or value[0] > value[1] or value[0] < lo or value[1] > hi:
        raise ValueError(f"{name} should be a non-negative number or a (min, max) pair with min <= max "
                         f"in [{lo}, {hi}].")
    return value


class RandomColorAdjust(TensorOperation):
    """Random brightness, contrast, saturation and hue factors, applied in that order."""

    def __init__(self, brightness=(1, 1), contrast=(1, 1), saturation=(1, 1), hue=(0, 0)):
        self.brightness = _range("brightness", brightness, 1.0)
        self.contrast = _range("contrast", contrast, 1.0)
        self.saturation = _range("saturation", saturation, 1.0)
        self.hue = _range("hue", hue, None, -0.5, 0.5)
        if isinstance(hue, numbers.Number) and hue > 0.5:
            raise ValueError("Input hue is not within the required interval of [0, 0.5].")

    def __call__(self, img):
        img = _img(img, "RandomColorAdjust", rgb=True)
        rs = _rng()
        b, c, s, h = (rs.uniform(*r) for r in (self.brightness, self.contrast, self.saturation, self.hue))
        if self.brightness != (1.0, 1.0):
            img = adjust_brightness(img, b)
        if self.contrast != (1.0, 1.0):
            img = adjust_contrast(img, c)
        if self.saturation != (1.0, 1.0):
            img = adjust_saturation(img, s)
        if self.hue != (0.0, 0.0):
            img = adjust_hue(img, h)
        return img


class RandomSharpness(TensorOperation):
    """AdjustSharpness with a factor drawn from ``degrees``."""

    def __init__(self, degrees=(0.1, 1.9)):
        self.degrees = _range("degrees", degrees)

    def __call__(self, img):
        return adjust_sharpness(_img(img, "RandomSharpness"), _rng().uniform(*self.degrees))


class RandomColor(TensorOperation):
    """AdjustSaturation with a factor drawn from ``degrees``."""

    def __init__(self, degrees=(0.1, 1.9)):
        self.degrees = _range("degrees", degrees)

    def __call__(self, img):
        return adjust_saturation(_img(img, "RandomColor", rgb=True), _rng().uniform(*self.degrees))


class RandomPosterize(TensorOperation):
    """Posterize with a bit count drawn uniformly from ``bits`` (inclusive)."""

    def __init__(self, bits=(8, 8)):
        if isinstance(bits, int):
            bits = (bits, bits)
        self.bits = tuple(int(b) for b in bits)
        if self.bits[0] > self.bits[1] or self.bits[0] < 1 or self.bits[1] > 8:
            raise ValueError("Input bits is not within the required interval of [1, 8].")

    def __call__(self, img):
        return Posterize(int(_rng().randint(self.bits[0], self.bits[1] + 1)))(img)


class RandomSolarize(TensorOperation):
    """Solarize with a threshold range drawn from ``threshold`` (min, max)."""

    def __init__(self, threshold=(0, 255)):
        _threshold_pair(threshold)
        self.threshold = tuple(float(t) for t in threshold)

    def __call__(self, img):
        a, b = sorted(_rng().uniform(self.threshold[0], self.threshold[1], size=2)) \
            if self.threshold[0] != self.threshold[1] else self.threshold
        return Solarize((int(a), int(b)))(img)


class _RandomProb(TensorOperation):
    _op = None

    def __init__(self, prob=0.5):
        self.prob = _check_prob(prob)

    def __call__(self, img):
        if _rng().rand() < self.prob:
            return self._apply(img)
        return np.asarray(img) if not hasattr(img, "getbands") else img

    def _apply(self, img):
        raise NotImplementedError


class RandomInvert(_RandomProb):
    """Invert with probability ``prob``."""

    def _apply(self, img):
        return Invert()(img)


class RandomEqualize(_RandomProb):
    """Equalize with probability ``prob``."""

    def _apply(self, img):
        return Equalize()(img)


class RandomAutoContrast(_RandomProb):
    """AutoContrast with probability ``prob``."""

    def __init__(self, cutoff=0.0, ignore=None, prob=0.5):
        super().__init__(prob)
        self._ac = AutoContrast(cutoff, ignore)

    def _apply(self, img):
        return self._ac(img)


class RandomAdjustSharpness(_RandomProb):
    """AdjustSharpness(``degree``) with probability ``prob``."""

    def __init__(self, degree, prob=0.5):
        super().__init__(prob)
        self.degree = _check_factor("degree", degree)

    def _apply(self, img):
        return adjust_sharpness(_img(img, "RandomAdjustSharpness"), self.degree)


class RandomGrayscale(_RandomProb):
    """Grayscale (keeping the channel count) with probability ``prob``; numpy or PIL input."""

    def __init__(self, prob=0.1):
        super().__init__(prob)

    def __call__(self, img):
        pil = hasattr(img, "getbands")
        out = super().__call__(img)
        if pil and isinstance(out, np.ndarray):
            from PIL import Image

            return Image.fromarray(out)
        return out

    def _apply(self, img):
        pil = hasattr(img, "getbands")
        if pil:  # PIL's convert("L"): ITU-R 601 in fixed point, as cv's RGB2GRAY
            gray = np.asarray(img.convert("L"))
        else:
            gray = _rgb2gray(_img(img, "RandomGrayscale", rgb=True))
        ch = len(img.getbands()) if pil else 3
        return np.repeat(gray[..., None], ch, -1) if ch > 1 else gray


class RandomLighting(TensorOperation):
    """AlexNet-style PCA lighting noise with ``alpha``-scaled normal weights (uint8 in, uint8 out)."""

    _eigval = np.array([0.2175, 0.0188, 0.0045])
    _eigvec = np.array([[-0.5675, 0.7192, 0.4009], [-0.5808, -0.0045, -0.8140], [-0.5836, -0.6948, 0.4203]])

    def __init__(self, alpha=0.05):
        self.alpha = _check_factor("alpha", alpha)

    def __call__(self, img):
        img = _img(img, "RandomLighting", rgb=True)
        if self.alpha == 0:
            return img.copy()
        a = _rng().normal(0, self.alpha, size=3)
        rgb = self._eigvec @ (a * self._eigval) * 255.0
        return _sat(img.astype(np.float64) + rgb, img.dtype)


__all__ = ["AdjustBrightness", "AdjustContrast", "AdjustGamma", "AdjustHue", "AdjustSaturation",
           "AdjustSharpness", "AutoContrast", "ConvertColor", "Equalize", "HsvToRgb", "Invert", "Posterize",
           "RandomAdjustSharpness", "RandomAutoContrast", "RandomColor", "RandomColorAdjust",
           "RandomEqualize",
           "RandomGrayscale", "RandomInvert", "RandomLighting", "RandomPosterize", "RandomSharpness",
           "RandomSolarize", "RgbToHsv", "Solarize"]
