"""Batch mixing, erasing and policy augmentations of ``mindspore.dataset.vision``.

These are random by nature: they follow MindSpore's documented semantics (shapes, dtypes, value
ranges) and draw from the dataset RNG, but their random streams do not reproduce MindSpore's.
"""

import math
import numbers

import numpy as np

from ..core import config
from ..transforms.transforms import TensorOperation, _run_error
from . import _color as C
from . import _geometry as G
from .utils import AutoAugmentPolicy, ImageBatchFormat, Inter

_rng = config._transform_rng.get


def _check_labels(labels, n, op):
    labels = np.asarray(labels)
    if labels.ndim not in (2, 3) or labels.shape[0] != n:
        raise _run_error(op, "MixUpBatch: wrong labels shape. The second column (labels) must have a shape "
                             f"of NC or NLC where N is the batch size, got {list(labels.shape)}.")
    return labels


class MixUpBatch(TensorOperation):
    """Mixes each image (and one-hot label) of a batch with another one: ``lam * a + (1 - lam) * b``,
    ``lam ~ Beta(alpha, alpha)``."""

    def __init__(self, alpha=1.0):
        if alpha <= 0:
            raise ValueError("Input alpha is not within the required interval of (0, 16777216].")
        self.alpha = alpha

    def __call__(self, images, labels):
        images = np.asarray(images)
        if images.ndim != 4:
            raise _run_error("MixUpBatch", f"input image is not in shape of <N,H,W,C> or <N,C,H,W>, got "
                                           f"rank: {images.ndim}")
        labels = _check_labels(labels, images.shape[0], "MixUpBatch")
        rs = _rng()
        lam = rs.beta(self.alpha, self.alpha)
        perm = rs.permutation(images.shape[0])
        mixed = lam * images.astype(np.float32) + (1 - lam) * images[perm].astype(np.float32)
        lab = (lam * labels.astype(np.float32) + (1 - lam) * labels[perm].astype(np.float32))
        return C._sat(mixed, images.dtype), lab.astype(np.float32)


class CutMixBatch(TensorOperation):
    """With probability ``prob`` per image, pastes a random box of another image of the batch into it;
    labels mix by the pasted area (``lam ~ Beta(alpha, alpha)`` sets the box size)."""

    def __init__(self, image_batch_format, alpha=1.0, prob=1.0):
        if not isinstance(image_batch_format, ImageBatchFormat):
            raise TypeError("Argument image_batch_format is not of type [<enum 'ImageBatchFormat'>].")
        if alpha <= 0:
            raise ValueError("Input alpha is not within the required interval of (0, 16777216].")
        if not 0.0 <= prob <= 1.0:
            raise ValueError("Input prob is not within the required interval of [0.0, 1.0].")
        self.image_batch_format, self.alpha, self.prob = image_batch_format, alpha, prob

    def __call__(self, images, labels):
        images = np.array(images)
        if images.ndim != 4:
            raise _run_error("CutMixBatch", f"input image is not in shape of <N,H,W,C> or <N,C,H,W>, got "
                                            f"rank: {images.ndim}")
        labels = _check_labels(labels, images.shape[0], "CutMixBatch").astype(np.float32)
        nchw = self.image_batch_format == ImageBatchFormat.NCHW
        h, w = (images.shape[2], images.shape[3]) if nchw else (images.shape[1], images.shape[2])
        rs = _rng()
        src, lab_src = images.copy(), labels.copy()
        out_lab = labels.copy()
        for i in range(images.shape[0]):
            if rs.rand() >= self.prob:
                continue
            lam = rs.beta(self.alpha, self.alpha)
            j = rs.randint(images.shape[0])
            rh, rw = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
            cy, cx = rs.randint(h), rs.randint(w)
            y0, y1 = max(cy - rh // 2, 0), min(cy + rh // 2, h)
            x0, x1 = max(cx - rw // 2, 0), min(cx + rw // 2, w)
            if nchw:
                images[i, :, y0:y1, x0:x1] = src[j, :, y0:y1, x0:x1]
            else:
                images[i, y0:y1, x0:x1] = src[j, y0:y1, x0:x1]
            keep = 1.0 - (y1 - y0) * (x1 - x0) / float(h * w)
            out_lab[i] = keep * lab_src[i] + (1 - keep) * lab_src[j]
        return images, out_lab


class CutOut(TensorOperation):
    """Zeroes (``fill_value``) ``num_patches`` random ``length`` x ``length`` squares."""

    def __init__(self, length, num_patches=1, is_hwc=True):
        if length <= 0 or num_patches <= 0:
            raise ValueError("Input length/num_patches is not within the required interval of "
                             "[1, 2147483647].")
        self.length, self.num_patches, self.is_hwc = length, num_patches, is_hwc

    def __call__(self, img):
        img = np.array(img)
        if img.ndim != 3:
            raise _run_error("CutOut", "input tensor is not in shape of <H,W,C> or <C,H,W>, got rank: "
                                       f"{img.ndim}")
        h, w = img.shape[:2] if self.is_hwc else img.shape[1:]
        rs = _rng()
        for _ in range(self.num_patches):
            y = rs.randint(max(h - self.length, 0) + 1)
            x = rs.randint(max(w - self.length, 0) + 1)
            if self.is_hwc:
                img[y:y + self.length, x:x + self.length] = 0
            else:
                img[:, y:y + self.length, x:x + self.length] = 0
        return img


class RandomErasing(TensorOperation):
    """With probability ``prob``, erases a random box of area ``scale`` and aspect ``ratio`` of a CHW
    image, filling it with ``value`` (number, per-channel tuple, or 'random' normal noise)."""

    def __init__(self, prob=0.5, scale=(0.02, 0.33), ratio=(0.3, 3.3), value=0, inplace=False,
                 max_attempts=10):
        self.prob, self.scale, self.ratio = prob, tuple(scale), tuple(ratio)
        self.value, self.inplace, self.max_attempts = value, inplace, max_attempts

    def __call__(self, img):
        img = np.asarray(img)
        rs = _rng()
        if rs.rand() >= self.prob:
            return img
        out = img if self.inplace else img.copy()
        c, h, w = img.shape[-3:]
        area = h * w
        log_r = (math.log(self.ratio[0]), math.log(self.ratio[1]))
        for _ in range(self.max_attempts):
            ea = rs.uniform(*self.scale) * area
            ar = math.exp(rs.uniform(*log_r))
            eh, ew = int(round(math.sqrt(ea * ar))), int(round(math.sqrt(ea / ar)))
            if eh < h and ew < w:
                y, x = rs.randint(h - eh + 1), rs.randint(w - ew + 1)
                if isinstance(self.value, str):
                    val = rs.normal(size=(c, eh, ew))
                else:
                    val = np.asarray(self.value, dtype=np.float64).reshape(-1, 1, 1) \
                        if not isinstance(self.value, numbers.Number) else self.value
                out[..., y:y + eh, x:x + ew] = val
                return out
        return out


class MixUp(TensorOperation):
    """MindSpore 1.x py_transforms MixUp over a batch of (image, one-hot label) (``is_single=False``) or
    over consecutive single samples (``is_single=True``)."""

    def __init__(self, batch_size, alpha, is_single=True):
        self.batch_size, self.alpha, self.is_single = batch_size, alpha, is_single
        self._prev = None

    def __call__(self, image, label):
        image, label = np.asarray(image), np.asarray(label)
        lam = _rng().beta(self.alpha, self.alpha)
        if self.is_single:
            if self._prev is None:
                self._prev = (image, label)
                return image, label
            pimg, plab = self._prev
            self._prev = (image, label)
            return (lam * image + (1 - lam) * pimg).astype(image.dtype), lam * label + (1 - lam) * plab
        perm = _rng().permutation(image.shape[0])
        mixed = (lam * image + (1 - lam) * image[perm]).astype(image.dtype)
        return mixed, lam * label + (1 - lam) * label[perm]


class UniformAugment(TensorOperation):
    """Applies ``num_ops`` transforms chosen at random (without replacement) from ``transforms``,
    each with probability 0.5."""

    def __init__(self, transforms, num_ops=2):
        transforms = list(transforms)
        if not 1 <= num_ops <= len(transforms):
            raise ValueError(f"num_ops should be in [1, {len(transforms)}], but got {num_ops}.")
        self.transforms, self.num_ops = transforms, num_ops

    def __call__(self, img):
        rs = _rng()
        for i in rs.choice(len(self.transforms), self.num_ops, replace=False):
            if rs.rand() < 0.5:
                img = self.transforms[i](img)
        return img


class RandomSelectSubpolicy(TensorOperation):
    """Picks one sub-policy (a list of (transform, prob) pairs) at random and applies it."""

    def __init__(self, policy):
        self.policy = [list(p) for p in policy]

    def __call__(self, img):
        rs = _rng()
        for op, prob in self.policy[rs.randint(len(self.policy))]:
            if rs.rand() < prob:
                img = op(img)
        return img


# ------------------------------------------------------------------ policy augmentations
def _apply_named(img, name, mag, interpolation, fill_value):
    """One torchvision-style augmentation (the op set AutoAugment / RandAugment / TrivialAugmentWide use)."""
    if name == "Identity":
        return img
    if name == "ShearX":
        return G.affine(img, 0.0, (0, 0), 1.0, (math.degrees(math.atan(mag)), 0.0), interpolation, fill_value)
    if name == "ShearY":
        return G.affine(img, 0.0, (0, 0), 1.0, (0.0, math.degrees(math.atan(mag))), interpolation, fill_value)
    if name == "TranslateX":
        return G.affine(img, 0.0, (mag / img.shape[1], 0), 1.0, (0.0, 0.0), interpolation, fill_value)
    if name == "TranslateY":
        return G.affine(img, 0.0, (0, mag / img.shape[0]), 1.0, (0.0, 0.0), interpolation, fill_value)
    if name == "Rotate":
        return G.affine(img, mag, (0, 0), 1.0, (0.0, 0.0), interpolation, fill_value)
    if name == "Brightness":
        return C.adjust_brightness(img, 1.0 + mag)
    if name == "Color":
        return C.adjust_saturation(img, 1.0 + mag)
    if name == "Contrast":
        return C.adjust_contrast(img, 1.0 + mag)
    if name == "Sharpness":
        return C.adjust_sharpness(img, 1.0 + mag)
    if name == "Posterize":
        return C.Posterize(int(mag))(img)
    if name == "Solarize":
        return C.Solarize(float(min(max(mag, 0), 255)))(img)
    if name == "AutoContrast":
        return C.auto_contrast(img)
    if name == "Equalize":
        return C.equalize(img)
    if name == "Invert":
        return C.Invert()(img)
    raise ValueError(name)


def _space(num_bins, h, w, wide=False):
    lin = np.linspace
    if wide:
        return {"Identity": (np.zeros(num_bins), False), "ShearX": (lin(0, 0.99, num_bins), True),
                "ShearY": (lin(0, 0.99, num_bins), True), "TranslateX": (lin(0, 32.0, num_bins), True),
                "TranslateY": (lin(0, 32.0, num_bins), True), "Rotate": (lin(0, 135.0, num_bins), True),
                "Brightness": (lin(0, 0.99, num_bins), True), "Color": (lin(0, 0.99, num_bins), True),
                "Contrast": (lin(0, 0.99, num_bins), True), "Sharpness": (lin(0, 0.99, num_bins), True),
                "Posterize": (8 - (np.arange(num_bins) / ((num_bins - 1) / 6)).round().astype(int), False),
                "Solarize": (lin(255.0, 0.0, num_bins), False), "AutoContrast": (np.zeros(num_bins), False),
                "Equalize": (np.zeros(num_bins), False)}
    return {"Identity": (np.zeros(num_bins), False), "ShearX": (lin(0, 0.3, num_bins), True),
            "ShearY": (lin(0, 0.3, num_bins), True), "TranslateX": (lin(0, 150 / 331 * w, num_bins), True),
            "TranslateY": (lin(0, 150 / 331 * h, num_bins), True), "Rotate": (lin(0, 30.0, num_bins), True),
            "Brightness": (lin(0, 0.9, num_bins), True), "Color": (lin(0, 0.9, num_bins), True),
            "Contrast": (lin(0, 0.9, num_bins), True), "Sharpness": (lin(0, 0.9, num_bins), True),
            "Posterize": (8 - (np.arange(num_bins) / ((num_bins - 1) / 4)).round().astype(int), False),
            "Solarize": (lin(255.0, 0.0, num_bins), False), "AutoContrast": (np.zeros(num_bins), False),
            "Equalize": (np.zeros(num_bins), False)}


def _check_u8_rgb(img, op):
    img = C._img(img, op, rgb=True)
    if img.dtype != np.uint8:
        raise _run_error(op, f"{op}: input image is not in type of uint8.")
    return img


class RandAugment(TensorOperation):
    """``num_ops`` random augmentations of strength ``magnitude`` (of ``num_magnitude_bins``)."""

    def __init__(self, num_ops=2, magnitude=9, num_magnitude_bins=31, interpolation=Inter.NEAREST,
                 fill_value=0):
        if not 0 <= magnitude < num_magnitude_bins:
            raise ValueError("Input magnitude is not within the required interval of "
                             f"[0, {num_magnitude_bins}).")
        self.num_ops, self.magnitude, self.num_magnitude_bins = num_ops, magnitude, num_magnitude_bins
        self.interpolation, self.fill_value = Inter(interpolation), fill_value

    def __call__(self, img):
        img = _check_u8_rgb(img, "RandAugment")
        rs = _rng()
        space = _space(self.num_magnitude_bins, *img.shape[:2])
        names = list(space)
        for _ in range(self.num_ops):
            name = names[rs.randint(len(names))]
            mags, signed = space[name]
            mag = float(mags[self.magnitude])
            if signed and rs.randint(2):
                mag = -mag
            img = _apply_named(img, name, mag, self.interpolation, self.fill_value)
        return img


class TrivialAugmentWide(TensorOperation):
    """One random augmentation at a random strength (TrivialAugment's wide search space)."""

    def __init__(self, num_magnitude_bins=31, interpolation=Inter.NEAREST, fill_value=0):
        self.num_magnitude_bins, self.fill_value = num_magnitude_bins, fill_value
        self.interpolation = Inter(interpolation)

    def __call__(self, img):
        img = _check_u8_rgb(img, "TrivialAugmentWide")
        rs = _rng()
        space = _space(self.num_magnitude_bins, *img.shape[:2], wide=True)
        names = list(space)
        name = names[rs.randint(len(names))]
        mags, signed = space[name]
        mag = float(mags[rs.randint(self.num_magnitude_bins)])
        if signed and rs.randint(2):
            mag = -mag
        return _apply_named(img, name, mag, self.interpolation, self.fill_value)


_IMAGENET = [
    (('Posterize', 0.4, 8), ('Rotate', 0.6, 9)),
    (('Solarize', 0.6, 5), ('AutoContrast', 0.6, None)),
    (('Equalize', 0.8, None), ('Equalize', 0.6, None)),
    (('Posterize', 0.6, 7), ('Posterize', 0.6, 6)),
    (('Equalize', 0.4, None), ('Solarize', 0.2, 4)),
    (('Equalize', 0.4, None), ('Rotate', 0.8, 8)),
    (('Solarize', 0.6, 3), ('Equalize', 0.6, None)),
    (('Posterize', 0.8, 5), ('Equalize', 1.0, None)),
    (('Rotate', 0.2, 3), ('Solarize', 0.6, 8)),
    (('Equalize', 0.6, None), ('Posterize', 0.4, 6)),
    (('Rotate', 0.8, 8), ('Color', 0.4, 0)),
    (('Rotate', 0.4, 9), ('Equalize', 0.6, None)),
    (('Equalize', 0.0, None), ('Equalize', 0.8, None)),
    (('Invert', 0.6, None), ('Equalize', 1.0, None)),
    (('Color', 0.6, 4), ('Contrast', 1.0, 8)),
    (('Rotate', 0.8, 8), ('Color', 1.0, 2)),
    (('Color', 0.8, 8), ('Solarize', 0.8, 7)),
    (('Sharpness', 0.4, 7), ('Invert', 0.6, None)),
    (('ShearX', 0.6, 5), ('Equalize', 1.0, None)),
    (('Color', 0.4, 0), ('Equalize', 0.6, None)),
    (('Equalize', 0.4, None), ('Solarize', 0.2, 4)),
    (('Solarize', 0.6, 5), ('AutoContrast', 0.6, None)),
    (('Invert', 0.6, None), ('Equalize', 1.0, None)),
    (('Color', 0.6, 4), ('Contrast', 1.0, 8)),
    (('Equalize', 0.8, None), ('Equalize', 0.6, None)),
]
_CIFAR10 = [
    (('Invert', 0.1, None), ('Contrast', 0.2, 6)),
    (('Rotate', 0.7, 2), ('TranslateX', 0.3, 9)),
    (('Sharpness', 0.8, 1), ('Sharpness', 0.9, 3)),
    (('ShearY', 0.5, 8), ('TranslateY', 0.7, 9)),
    (('AutoContrast', 0.5, None), ('Equalize', 0.9, None)),
    (('ShearY', 0.2, 7), ('Posterize', 0.3, 7)),
    (('Color', 0.4, 3), ('Brightness', 0.6, 7)),
    (('Sharpness', 0.3, 9), ('Brightness', 0.7, 9)),
    (('Equalize', 0.6, None), ('Equalize', 0.5, None)),
    (('Contrast', 0.6, 7), ('Sharpness', 0.6, 5)),
    (('Color', 0.7, 7), ('TranslateX', 0.5, 8)),
    (('Equalize', 0.3, None), ('AutoContrast', 0.4, None)),
    (('TranslateY', 0.4, 3), ('Sharpness', 0.2, 6)),
    (('Brightness', 0.9, 6), ('Color', 0.2, 8)),
    (('Solarize', 0.5, 2), ('Invert', 0.0, None)),
    (('Equalize', 0.2, None), ('AutoContrast', 0.6, None)),
    (('Equalize', 0.2, None), ('Equalize', 0.6, None)),
    (('Color', 0.9, 9), ('Equalize', 0.6, None)),
    (('AutoContrast', 0.8, None), ('Solarize', 0.2, 8)),
    (('Brightness', 0.1, 3), ('Color', 0.7, 0)),
    (('Solarize', 0.4, 5), ('AutoContrast', 0.9, None)),
    (('TranslateY', 0.9, 9), ('TranslateY', 0.7, 9)),
    (('AutoContrast', 0.9, None), ('Solarize', 0.8, 3)),
    (('Equalize', 0.8, None), ('Invert', 0.1, None)),
    (('TranslateY', 0.7, 9), ('AutoContrast', 0.9, None)),
]
_SVHN = [
    (('ShearX', 0.9, 4), ('Invert', 0.2, None)),
    (('ShearY', 0.9, 8), ('Invert', 0.7, None)),
    (('Equalize', 0.6, None), ('Solarize', 0.6, 6)),
    (('Invert', 0.9, None), ('Equalize', 0.6, None)),
    (('Equalize', 0.6, None), ('Rotate', 0.9, 3)),
    (('ShearX', 0.9, 4), ('AutoContrast', 0.8, None)),
    (('ShearY', 0.9, 8), ('Invert', 0.4, None)),
    (('ShearY', 0.9, 5), ('Solarize', 0.2, 6)),
    (('Invert', 0.9, None), ('AutoContrast', 0.8, None)),
    (('Equalize', 0.6, None), ('Rotate', 0.9, 3)),
    (('ShearX', 0.9, 4), ('Solarize', 0.3, 3)),
    (('ShearY', 0.8, 8), ('Invert', 0.7, None)),
    (('Equalize', 0.9, None), ('TranslateY', 0.6, 6)),
    (('Invert', 0.9, None), ('Equalize', 0.6, None)),
    (('Contrast', 0.3, 3), ('Rotate', 0.8, 4)),
    (('Invert', 0.8, None), ('TranslateY', 0.0, 2)),
    (('ShearY', 0.7, 6), ('Solarize', 0.4, 8)),
    (('Invert', 0.6, None), ('Rotate', 0.8, 4)),
    (('ShearY', 0.3, 7), ('TranslateX', 0.9, 3)),
    (('ShearX', 0.1, 6), ('Invert', 0.6, None)),
    (('Solarize', 0.7, 2), ('TranslateY', 0.6, 7)),
    (('ShearY', 0.8, 4), ('Invert', 0.8, None)),
    (('ShearX', 0.7, 9), ('TranslateY', 0.8, 3)),
    (('ShearY', 0.8, 5), ('AutoContrast', 0.7, None)),
    (('ShearX', 0.7, 2), ('Invert', 0.1, None)),
]


class AutoAugment(TensorOperation):
    """AutoAugment with the learned ImageNet / CIFAR10 / SVHN policies (uint8 RGB images)."""

    def __init__(self, policy=AutoAugmentPolicy.IMAGENET, interpolation=Inter.NEAREST, fill_value=0):
        self.policy = AutoAugmentPolicy(policy)
        self.interpolation, self.fill_value = Inter(interpolation), fill_value
        self._subs = {AutoAugmentPolicy.IMAGENET: _IMAGENET, AutoAugmentPolicy.CIFAR10: _CIFAR10,
                      AutoAugmentPolicy.SVHN: _SVHN}[self.policy]

    def __call__(self, img):
        img = _check_u8_rgb(img, "AutoAugment")
        rs = _rng()
        space = _space(10, *img.shape[:2])
        for name, prob, level in self._subs[rs.randint(len(self._subs))]:
            if rs.rand() <= prob:
                mags, signed = space.get(name, (np.zeros(10), False))
                mag = float(mags[level]) if level is not None else 0.0
                if signed and rs.randint(2):
                    mag = -mag
                img = _apply_named(img, name, mag, self.interpolation, self.fill_value)
        return img


__all__ = ["AutoAugment", "CutMixBatch", "CutOut", "MixUp", "MixUpBatch", "RandAugment", "RandomErasing",
           "RandomSelectSubpolicy", "TrivialAugmentWide", "UniformAugment"]
