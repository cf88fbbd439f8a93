"""Bounding-box aware vision transforms and image file utilities (``mindspore.dataset.vision``).

Boxes are an (N, 4+) float32 array of [x, y, w, h] rows (extra columns ride along unchanged),
validated as MindSpore's ``BoundingBox::ValidateBoundingBoxes`` does: 2-D, at least 4 columns,
no negative x / y, and x + w / y + h within the image. Box arithmetic is float32, as in C++.
Random transforms draw from the dataset RNG (``ds.config.set_seed``).
"""

import io
import numbers
import os

import numpy as np

from ..core import config
from ..transforms.transforms import TensorOperation, _run_error
from .transforms import RandomCrop, RandomResizedCrop, _as_image, _pad, _resize, _resize_size, _size_pair
from .utils import ImageReadMode, Inter

_rng = config._transform_rng.get
_f32 = np.float32


def _check_bboxes(img, boxes, op):
    boxes = np.asarray(boxes)
    if boxes.ndim < 2:
        raise _run_error(
            op,
            "BoundingBox: bounding boxes should have to be two-dimensional matrix at least, "
            f"but got {boxes.ndim} dimension.",
        )
    if boxes.shape[1] < 4:
        raise _run_error(
            op, f"BoundingBox: bounding boxes should be have at least 4 features, but got: {boxes.shape[1]}"
        )
    if boxes.dtype != np.float32:
        raise _run_error(op, f"BoundingBox: bounding boxes should be of type float32, but got {boxes.dtype}.")
    h, w = img.shape[:2]
    for x, y, bw, bh in boxes[:, :4]:
        if x < 0 or y < 0:
            raise _run_error(
                op,
                f"BoundingBox: the coordinates of the bounding boxes has negative value, got: ({x:f},{y:f}).",
            )
        if _f32(x + bw) > w or _f32(y + bh) > h:
            raise _run_error(
                op,
                f"BoundingBox: bounding boxes is out of bounds of the image, as image width: {w}, "
                f"bbox width coordinate: {_f32(x + bw):f}, and image height: {h}, bbox height "
                f"coordinate: {_f32(y + bh):f}",
            )
    return boxes.copy()


def _scale_boxes(boxes, h0, w0, h1, w1):
    """``BoundingBox::UpdateBBoxesForResize``: x, w by w1/w0 and y, h by h1/h0 (float32)."""
    rw, rh = _f32(w1) / _f32(w0), _f32(h1) / _f32(h0)
    boxes[:, 0] *= rw
    boxes[:, 2] *= rw
    boxes[:, 1] *= rh
    boxes[:, 3] *= rh
    return boxes


def _crop_boxes(boxes, x0, y0, cw, ch):
    """``BoundingBox::UpdateBBoxesForCrop``: drops boxes wholly outside, clips the rest (touching stays)."""
    x1, y1 = x0 + cw, y0 + ch
    keep = []
    for k, (x, y, w, h) in enumerate(boxes[:, :4]):
        if _f32(x + w) < x0 or x > x1 or _f32(y + h) < y0 or y > y1:
            continue
        nx0, ny0 = max(_f32(x - x0), _f32(0)), max(_f32(y - y0), _f32(0))
        nx1, ny1 = min(_f32(x + w - x0), _f32(cw)), min(_f32(y + h - y0), _f32(ch))
        boxes[k, :4] = [nx0, ny0, nx1 - nx0, ny1 - ny0]
        keep.append(k)
    return boxes[keep]


class ResizeWithBBox(TensorOperation):
    """Resize (as ``Resize``) and scale the boxes with the image."""

    def __init__(self, size, interpolation=Inter.LINEAR):
        _size_pair(size)
        self.size, self.interpolation = size, Inter(interpolation)

    def _resize(self, img, boxes, interpolation):
        h0, w0 = img.shape[:2]
        h1, w1 = _resize_size(img, self.size)
        return _resize(img, h1, w1, interpolation), _scale_boxes(boxes, h0, w0, h1, w1)

    def __call__(self, img, bboxes):
        img = _as_image(img, type(self).__name__)
        boxes = _check_bboxes(img, bboxes, type(self).__name__)
        return self._resize(img, boxes, self.interpolation)


class RandomResizeWithBBox(ResizeWithBBox):
    """ResizeWithBBox with an interpolation picked at random (nearest, bilinear, bicubic, area)."""

    def __init__(self, size):
        super().__init__(size)

    def __call__(self, img, bboxes):
        img = _as_image(img, "RandomResizeWithBBox")
        boxes = _check_bboxes(img, bboxes, "RandomResizeWithBBox")
        mode = Inter([Inter.NEAREST, Inter.LINEAR, Inter.CUBIC, Inter.AREA][_rng().randint(4)])
        return self._resize(img, boxes, mode)


class RandomHorizontalFlipWithBBox(TensorOperation):
    """Flips image and boxes left-right with probability ``prob`` (x -> W - x - w)."""

    _axis = 1

    def __init__(self, prob=0.5):
        if not isinstance(prob, numbers.Real) or isinstance(prob, bool):
            raise TypeError(
                f"Argument prob with value {prob} is not of type [<class 'float'>, <class 'int'>]."
            )
        if not 0.0 <= prob <= 1.0:
            raise ValueError("Input prob is not within the required interval of [0.0, 1.0].")
        self.prob = prob

    def __call__(self, img, bboxes):
        op = type(self).__name__
        img = _as_image(img, op)
        boxes = _check_bboxes(img, bboxes, op)
        if _rng().rand() < self.prob:
            a = self._axis
            size = _f32(img.shape[a])
            img = (img[:, ::-1] if a == 1 else img[::-1]).copy()
            pos, ext = (0, 2) if a == 1 else (1, 3)
            boxes[:, pos] = size - boxes[:, pos] - boxes[:, ext]
        return img, boxes


class RandomVerticalFlipWithBBox(RandomHorizontalFlipWithBBox):
    """Flips image and boxes top-bottom with probability ``prob`` (y -> H - y - h)."""

    _axis = 0


class RandomCropWithBBox(RandomCrop):
    """RandomCrop, with boxes shifted by the padding, clipped to the crop, and dropped when outside."""

    def __call__(self, img, bboxes):
        img = _as_image(img, "RandomCropWithBBox")
        boxes = _check_bboxes(img, bboxes, "RandomCropWithBBox")
        if self.padding is not None:
            left, top, right, bottom = self.padding
            img = _pad(img, left, top, right, bottom, self.padding_mode, self.fill_value)
            boxes[:, 0] += _f32(left)
            boxes[:, 1] += _f32(top)
        ch, cw = self.size
        h, w = img.shape[:2]
        if self.pad_if_needed and (h < ch or w < cw):
            ph, pw = max(ch - h, 0), max(cw - w, 0)
            img = _pad(img, pw, ph, pw, ph, self.padding_mode, self.fill_value)
            boxes[:, 0] += _f32(pw)
            boxes[:, 1] += _f32(ph)
            h, w = img.shape[:2]
        if h < ch or w < cw:
            raise _run_error(
                "RandomCropWithBBox",
                f"Crop size {list(self.size)} is larger than the image size "
                f"{[h, w]}, consider pad_if_needed=True.",
            )
        y = _rng().randint(h - ch + 1)
        x = _rng().randint(w - cw + 1)
        return img[y : y + ch, x : x + cw].copy(), _crop_boxes(boxes, x, y, cw, ch)


class RandomResizedCropWithBBox(RandomResizedCrop):
    """RandomResizedCrop; boxes are cropped (as RandomCropWithBBox) then scaled to ``size``."""

    def __call__(self, img, bboxes):
        img = _as_image(img, "RandomResizedCropWithBBox")
        boxes = _check_bboxes(img, bboxes, "RandomResizedCropWithBBox")
        y, x, ch, cw = self._box(*img.shape[:2])
        boxes = _crop_boxes(boxes, x, y, cw, ch)
        oh, ow = self.size
        return _resize(img[y : y + ch, x : x + cw], oh, ow, self.interpolation), _scale_boxes(
            boxes, ch, cw, oh, ow
        )


class BoundingBoxAugment(TensorOperation):
    """Applies ``transform`` to the region of each box with probability ``ratio``, pasting the
    result back (resized to the box when the transform changed its size); boxes are unchanged."""

    def __init__(self, transform, ratio=0.3):
        if not callable(transform):
            raise TypeError("transform is not a valid transformation operation.")
        if not isinstance(ratio, numbers.Real) or isinstance(ratio, bool):
            raise TypeError(
                f"Argument ratio with value {ratio} is not of type [<class 'float'>, <class 'int'>]."
            )
        if not 0.0 <= ratio <= 1.0:
            raise ValueError("Input ratio is not within the required interval of [0.0, 1.0].")
        self.transform, self.ratio = transform, ratio

    def __call__(self, img, bboxes):
        img = _as_image(img, "BoundingBoxAugment")
        boxes = _check_bboxes(img, bboxes, "BoundingBoxAugment")
        out = img.copy()
        for x, y, w, h in boxes[:, :4]:
            if not _rng().rand() < self.ratio:
                continue
            x, y, w, h = int(x), int(y), int(w), int(h)
            if w <= 0 or h <= 0:
                continue
            res = np.asarray(self.transform(out[y : y + h, x : x + w].copy()))
            if res.shape[:2] != (h, w):
                res = _resize(res, h, w, Inter.LINEAR)
            out[y : y + h, x : x + w] = res.reshape(out[y : y + h, x : x + w].shape)
        return out, boxes


# ------------------------------------------------------------------ image file utilities
def _pil():
    try:
        from PIL import Image
    except ImportError as e:
        raise RuntimeError("mindspore.dataset.vision image I/O needs Pillow: pip install pillow") from e
    return Image


def _to_np_image(image, op):
    if hasattr(image, "asnumpy"):
        image = image.asnumpy()
    if not isinstance(image, np.ndarray):
        raise TypeError(
            f"Input image is not of type {np.ndarray} or {type(None).__name__}Tensor, but got: {type(image)}."
        )
    if image.dtype != np.uint8:
        raise RuntimeError(f"{op}: The type of the image data should be UINT8, but got {image.dtype}.")
    if image.ndim not in (2, 3):
        raise RuntimeError(
            f"{op}: The image has invalid dimensions. It should have two or three dimensions, but "
            f"got {image.ndim} dimensions."
        )
    if image.ndim == 3:
        if image.shape[2] not in (1, 3):
            raise RuntimeError(
                f"{op}: The image has invalid channels. It should have 1 or 3 channels, but got "
                f"{image.shape[2]} channels."
            )
        if image.shape[2] == 1:
            image = image[..., 0]
    return np.ascontiguousarray(image)


def _check_int(name, value, lo, hi, op):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"Input {name} is not of type {int}, but got: {type(value)}.")
    if not lo <= value <= hi:
        raise RuntimeError(f"{op}: Invalid {name} {value}, should be in range of [{lo}, {hi}].")


def encode_jpeg(image, quality=75):
    """JPEG bytes (uint8 1-D array) of an HWC uint8 image with 1 or 3 channels (RGB)."""
    _check_int("quality", quality, 1, 100, "EncodeJpeg")
    arr = _to_np_image(image, "EncodeJpeg")
    buf = io.BytesIO()
    _pil().fromarray(arr).save(buf, "JPEG", quality=quality)
    return np.frombuffer(buf.getvalue(), dtype=np.uint8).copy()


def encode_png(image, compression_level=6):
    """PNG bytes (uint8 1-D array) of an HWC uint8 image with 1 or 3 channels (RGB)."""
    _check_int("compression_level", compression_level, 0, 9, "EncodePng")
    arr = _to_np_image(image, "EncodePng")
    buf = io.BytesIO()
    _pil().fromarray(arr).save(buf, "PNG", compress_level=compression_level)
    return np.frombuffer(buf.getvalue(), dtype=np.uint8).copy()


def _check_filename(filename):
    if not isinstance(filename, str):
        raise TypeError(f"Input filename is not of type {str}, but got: {type(filename)}.")


def read_image(filename, mode=ImageReadMode.UNCHANGED):
    """Decodes a JPEG / PNG / BMP / ... file to an (H, W, C) uint8 array.

    ``UNCHANGED`` keeps the file's channels (gray -> (H, W, 1)); ``GRAYSCALE`` gives (H, W, 1)
    with 14-bit fixed-point luma (0.299, 0.587, 0.114), truncated as MindSpore's PNG path does;
    ``COLOR`` gives (H, W, 3) RGB."""
    _check_filename(filename)
    if not isinstance(mode, ImageReadMode):
        raise TypeError(f"Input mode is not of type {ImageReadMode}, but got: {type(mode)}.")
    if not os.path.isfile(filename):
        raise ValueError(f"Invalid file path, {filename} does not exist.")
    pil = _pil().open(filename)
    if pil.mode in ("L", "I;16", "I", "F", "1"):
        arr = np.asarray(pil.convert("L"))[..., None]
    elif pil.mode == "RGBA" and mode == ImageReadMode.UNCHANGED:
        arr = np.asarray(pil)
    else:
        arr = np.asarray(pil.convert("RGB"))
    if mode == ImageReadMode.GRAYSCALE and arr.shape[2] != 1:
        r, g, b = (arr[..., i].astype(np.int64) for i in range(3))
        arr = ((r * 4899 + g * 9617 + b * 1868) >> 14).astype(np.uint8)[..., None]
    elif mode == ImageReadMode.COLOR and arr.shape[2] == 1:
        arr = np.repeat(arr, 3, axis=2)
    elif mode == ImageReadMode.COLOR and arr.shape[2] == 4:
        arr = arr[..., :3]
    return np.ascontiguousarray(arr)


def write_file(filename, data):
    """Writes a 1-D uint8 array (e.g. ``encode_png``'s output) to ``filename``."""
    _check_filename(filename)
    if hasattr(data, "asnumpy"):
        data = data.asnumpy()
    if not isinstance(data, np.ndarray):
        raise TypeError(f"Input data is not of type {np.ndarray}, but got: {type(data)}.")
    if data.dtype != np.uint8:
        raise RuntimeError(
            f"WriteFile: The type of the elements of data should be UINT8, but got {data.dtype}."
        )
    if data.ndim != 1:
        raise RuntimeError(
            f"WriteFile: The data has invalid dimensions. It should have only one dimension, but "
            f"got {data.ndim} dimensions."
        )
    with open(filename, "wb") as f:
        f.write(data.tobytes())


def write_jpeg(filename, image, quality=75):
    """``encode_jpeg`` then ``write_file``."""
    _check_filename(filename)
    write_file(filename, encode_jpeg(image, quality))


def write_png(filename, image, compression_level=6):
    """``encode_png`` then ``write_file``."""
    _check_filename(filename)
    write_file(filename, encode_png(image, compression_level))


__all__ = [
    "BoundingBoxAugment",
    "RandomCropWithBBox",
    "RandomHorizontalFlipWithBBox",
    "RandomResizeWithBBox",
    "RandomResizedCropWithBBox",
    "RandomVerticalFlipWithBBox",
    "ResizeWithBBox",
    "encode_jpeg",
    "encode_png",
    "read_image",
    "write_file",
    "write_jpeg",
    "write_png",
]
