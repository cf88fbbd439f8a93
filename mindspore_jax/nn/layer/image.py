"""Image-quality and image-shaping Cells of ``mindspore.nn`` (``mindspore/nn/layer/image.py``):
ImageGradients, SSIM, MSSSIM, PSNR, CentralCrop. Inputs are NCHW; integer images are scaled by
their dtype's maximum as in MindSpore."""

from __future__ import annotations

import numpy as np

from ... import ops
from ...common import dtype as mstype
from ...common.tensor import Tensor
from ..cell import Cell
from .activation import ReLU
from .container import CellList
from .conv import Conv2d
from .pooling import AvgPool2d

__all__ = ["ImageGradients", "SSIM", "MSSSIM", "PSNR", "CentralCrop"]


def _check_4d(x, name, cls):
    if x.ndim != 4:
        raise ValueError(f"For '{cls}', the dimension of '{name}' must be 4d, but got {x.ndim}.")


def _same_type_shape(a, b):
    if a.dtype != b.dtype:
        raise TypeError(
            f"For 'SameTypeShape', the dtype of 'input_x' and 'input_y' must be the same, but got "
            f"'input_x' dtype: {a.dtype} and 'input_y' dtype: {b.dtype}."
        )
    if a.shape != b.shape:
        raise ValueError(
            f"For 'SameTypeShape', the shape of 'input_x' and 'input_y' must be the same, but got "
            f"'input_x' shape: {a.shape} and 'input_y' shape: {b.shape}."
        )


def _dtype_max(dtype):
    np_t = np.dtype(mstype.dtype_to_nptype(dtype)) if hasattr(mstype, "dtype_to_nptype") else None
    if np_t is not None and np_t.kind in "iu":
        return float(np.iinfo(np_t).max)
    return 1.0


def _to_f32(img, max_val):
    ret = ops.cast(img, mstype.float32)
    if max_val > 1.0:
        ret = ret * (1.0 / max_val)
    return ret


def _check_max_val(cls, max_val):
    if not isinstance(max_val, (int, float)) or isinstance(max_val, bool):
        raise TypeError(
            f"For '{cls}', the type of 'max_val' must be one of ['int', 'float'], but got "
            f"'{type(max_val).__name__}'."
        )
    if max_val <= 0:
        raise ValueError(f"For '{cls}', the 'max_val' must be a number > 0.0, but got {max_val}.")


def _check_common(cls, filter_size, filter_sigma, k1, k2):
    if not isinstance(filter_size, int) or isinstance(filter_size, bool):
        raise TypeError(f"For '{cls}', the 'filter_size' must be int, but got {type(filter_size).__name__}.")
    if filter_size < 1:
        raise ValueError(f"For '{cls}', the 'filter_size' must be >= 1, but got {filter_size}.")
    if not isinstance(filter_sigma, float) or filter_sigma <= 0:
        raise (TypeError if not isinstance(filter_sigma, float) else ValueError)(
            f"For '{cls}', the 'filter_sigma' must be a positive float, but got {filter_sigma}."
        )
    for nm, v in (("k1", k1), ("k2", k2)):
        if not isinstance(v, float):
            raise TypeError(f"For '{cls}', the type of '{nm}' must be 'float', but got '{type(v).__name__}'.")


def _create_window(size, sigma):
    x, y = np.mgrid[-size // 2 + 1 : size // 2 + 1, -size // 2 + 1 : size // 2 + 1]
    x = np.expand_dims(np.expand_dims(x, -1).astype(np.float32), -1) ** 2
    y = np.expand_dims(np.expand_dims(y, -1).astype(np.float32), -1) ** 2
    g = np.exp(-(x + y) / (2 * sigma**2))
    return np.transpose(g / np.sum(g), (2, 3, 0, 1)).astype(np.float32)


def _gauss_conv(size, sigma):
    conv = Conv2d(1, 1, size, weight_init=Tensor(_create_window(size, sigma)), pad_mode="valid")
    conv.weight.requires_grad = False
    return conv


def _ssim_cs(c1, c2, img1, img2, conv):
    """(ssim, cs) per channel, averaged over H, W: each (N, C)."""
    ssims, css = [], []
    for i in range(img1.shape[1]):
        a, b = img1[:, i : i + 1], img2[:, i : i + 1]
        mu1, mu2 = conv(a), conv(b)
        mu1_sq, mu2_sq, mu12 = mu1 * mu1, mu2 * mu2, mu1 * mu2
        s1 = conv(a * a) - mu1_sq
        s2 = conv(b * b) - mu2_sq
        s12 = conv(a * b) - mu12
        v1 = 2 * s12 + c2
        v2 = s1 + s2 + c2
        ssims.append((2 * mu12 + c1) * v1 / ((mu1_sq + mu2_sq + c1) * v2))
        css.append(v1 / v2)
    ssim = ops.concat(ssims, 1).mean((2, 3))
    cs = ops.concat(css, 1).mean((2, 3))
    return ssim, cs


class ImageGradients(Cell):
    """``nn.ImageGradients()``: (dy, dx) of NCHW images, zero in the last row / column."""

    def construct(self, images):
        _check_4d(images, "images", "ImageGradients")
        n, c, h, w = images.shape
        dy = images[:, :, 1:, :] - images[:, :, : h - 1, :]
        dy = ops.concat((dy, ops.zeros((n, c, 1, w), images.dtype)), 2)
        dx = images[:, :, :, 1:] - images[:, :, :, : w - 1]
        dx = ops.concat((dx, ops.zeros((n, c, h, 1), images.dtype)), 3)
        return dy, dx


class SSIM(Cell):
    """``nn.SSIM(max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03)``: mean SSIM per image
    (Gaussian window, 'valid' convolution); the window lives in the sub-cell ``conv``."""

    def __init__(self, max_val=1.0, filter_size=11, filter_sigma=1.5, k1=0.01, k2=0.03):
        super().__init__()
        _check_max_val("SSIM", max_val)
        _check_common("SSIM", filter_size, filter_sigma, k1, k2)
        self.max_val, self.filter_size, self.filter_sigma, self.k1, self.k2 = (
            max_val,
            filter_size,
            filter_sigma,
            k1,
            k2,
        )
        self.conv = _gauss_conv(filter_size, filter_sigma)

    def construct(self, img1, img2):
        if img1.dtype not in (mstype.float32, mstype.float16):
            raise TypeError(
                f"For 'SSIM', the 'img1' should be one of ['Float32', 'Float16'], but got {img1.dtype}."
            )
        _check_4d(img1, "img1", "SSIM")
        for d in (2, 3):
            if img1.shape[d] < self.filter_size:
                raise ValueError(
                    f"For 'SSIM', the 'img1 shape[{d}]' must be >= 'filter_size', but got "
                    f"{img1.shape[d]} and {self.filter_size}."
                )
        _same_type_shape(img1, img2)
        dmax = _dtype_max(img1.dtype)
        max_val = self.max_val / dmax if dmax > 1 else float(self.max_val)
        img1, img2 = _to_f32(img1, dmax), _to_f32(img2, dmax)
        c1, c2 = (self.k1 * max_val) ** 2, (self.k2 * max_val) ** 2
        ssim, _ = _ssim_cs(c1, c2, img1, img2, self.conv)
        return ssim.mean(-1)


class MSSSIM(Cell):
    """``nn.MSSSIM(max_val=1.0, power_factors=(0.0448, 0.2856, 0.3001, 0.2363, 0.1333), filter_size=11,
    filter_sigma=1.5, k1=0.01, k2=0.03)``: multi-scale SSIM (2x2 average pooling between scales)."""

    def __init__(
        self,
        max_val=1.0,
        power_factors=(0.0448, 0.2856, 0.3001, 0.2363, 0.1333),
        filter_size=11,
        filter_sigma=1.5,
        k1=0.01,
        k2=0.03,
    ):
        super().__init__()
        _check_max_val("MSSSIM", max_val)
        if not isinstance(power_factors, (tuple, list)):
            raise TypeError(
                f"For 'MSSSIM', the type of 'power_factors' must be one of ['tuple', 'list'], but got "
                f"'{type(power_factors).__name__}'."
            )
        _check_common("MSSSIM", filter_size, filter_sigma, k1, k2)
        self.max_val, self.filter_size, self.filter_sigma, self.k1, self.k2 = (
            max_val,
            filter_size,
            filter_sigma,
            k1,
            k2,
        )
        self.level = len(power_factors)
        self.multi_convs_list = CellList([_gauss_conv(filter_size, filter_sigma) for _ in range(self.level)])
        self.weight_tensor = Tensor(power_factors, mstype.float32)
        self.avg_pool = AvgPool2d(kernel_size=2, stride=2, pad_mode="valid")
        self.relu = ReLU()

    def construct(self, img1, img2):
        _check_4d(img1, "img1", "MSSSIM")
        _check_4d(img2, "img2", "MSSSIM")
        if img1.dtype not in (mstype.float64, mstype.float32, mstype.float16, mstype.uint8):
            raise TypeError(
                f"For 'MSSSIM', the 'img1' should be one of ['Float64', 'Float32', 'Float16', 'UInt8'], "
                f"but got {img1.dtype}."
            )
        _same_type_shape(img1, img2)
        dmax = _dtype_max(img1.dtype)
        max_val = self.max_val / dmax if dmax > 1 else float(self.max_val)
        img1, img2 = _to_f32(img1, dmax), _to_f32(img2, dmax)
        c1, c2 = (self.k1 * max_val) ** 2, (self.k2 * max_val) ** 2
        mcs = []
        sim = None
        for i in range(self.level):
            sim, cs = _ssim_cs(c1, c2, img1, img2, self.multi_convs_list[i])
            mcs.append(self.relu(cs))
            img1, img2 = self.avg_pool(img1), self.avg_pool(img2)
        vals = ops.stack(mcs[:-1] + [self.relu(sim)], -1)
        ms_ssim = ops.pow(vals, self.weight_tensor).prod(-1)
        return ms_ssim.mean(-1)


class PSNR(Cell):
    """``nn.PSNR(max_val=1.0)``: 10 * log10(max_val^2 / MSE) per image of NCHW inputs."""

    def __init__(self, max_val=1.0):
        super().__init__()
        _check_max_val("PSNR", max_val)
        self.max_val = max_val

    def construct(self, img1, img2):
        _check_4d(img1, "img1", "PSNR")
        _check_4d(img2, "img2", "PSNR")
        _same_type_shape(img1, img2)
        dmax = _dtype_max(img1.dtype)
        max_val = self.max_val / dmax if dmax > 1 else float(self.max_val)
        img1, img2 = _to_f32(img1, dmax), _to_f32(img2, dmax)
        mse = ops.square(img1 - img2).mean((-3, -2, -1))
        return 10 * ops.log(max_val * max_val / mse) / float(np.log(10.0))


class CentralCrop(Cell):
    """``nn.CentralCrop(central_fraction)``: the central region of (C, H, W) or (N, C, H, W) images."""

    def __init__(self, central_fraction):
        super().__init__()
        if not isinstance(central_fraction, float):
            raise TypeError(
                f"For 'CentralCrop', the type of 'central_fraction' must be 'float', but got "
                f"'{type(central_fraction).__name__}'."
            )
        if not 0.0 < central_fraction <= 1.0:
            raise ValueError(
                f"For 'CentralCrop', the 'central_fraction' must be in range of (0.0, 1.0], but got "
                f"{central_fraction}."
            )
        self.central_fraction = central_fraction

    def construct(self, image):
        rank = image.ndim
        if rank not in (3, 4):
            raise ValueError(f"For 'CentralCrop', the rank of 'image' must be 3 or 4, but got {rank}.")
        if self.central_fraction == 1.0:
            return image
        h, w = image.shape[-2:]
        hs = int((float(h) - float(h * self.central_fraction)) / 2)
        ws = int((float(w) - float(w * self.central_fraction)) / 2)
        return image[..., hs : h - hs, ws : w - ws]
