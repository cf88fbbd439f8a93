"""Detection box ops: IOU, BoundingBoxEncode/Decode, CheckValid, NMSWithMask (P and ops views).

Boxes are (x1, y1, x2, y2) in pixels; widths/heights count the end pixel (``x2 - x1 + 1``) as
MindSpore's kernels do, except NMSWithMask's overlap test (see ``_nms_iou``).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive


def _check_boxes(name, arg, x, last=4):
    if x.ndim != 2 or x.shape[1] != last:
        R.raise_error(ValueError, name, f"the shape of '{arg}' must be [N, {last}], but got {list(x.shape)}.")
    if x.dtype not in (jnp.float16, jnp.float32):
        R.raise_error(TypeError, name, f"the dtype of '{arg}' must be float16 or float32, but got {x.dtype}.")


@op("iou")
def _iou(anchor_boxes, gt_boxes, mode="iou"):
    if mode not in ("iou", "iof"):
        R.raise_error(ValueError, "IOU", f"the 'mode' must be 'iou' or 'iof', but got '{mode}'.")
    _check_boxes("IOU", "anchor_boxes", anchor_boxes)
    _check_boxes("IOU", "gt_boxes", gt_boxes)
    a = anchor_boxes.astype(jnp.float32)[None, :, :]  # (1, N, 4)
    g = gt_boxes.astype(jnp.float32)[:, None, :]  # (M, 1, 4)
    iw = jnp.maximum(jnp.minimum(a[..., 2], g[..., 2]) - jnp.maximum(a[..., 0], g[..., 0]) + 1, 0)
    ih = jnp.maximum(jnp.minimum(a[..., 3], g[..., 3]) - jnp.maximum(a[..., 1], g[..., 1]) + 1, 0)
    inter = iw * ih
    area_a = (a[..., 2] - a[..., 0] + 1) * (a[..., 3] - a[..., 1] + 1)
    area_g = (g[..., 2] - g[..., 0] + 1) * (g[..., 3] - g[..., 1] + 1)
    denom = area_a + area_g - inter if mode == "iou" else area_g
    return (inter / denom).astype(anchor_boxes.dtype)


@functional
def iou(anchor_boxes, gt_boxes, mode="iou"):
    """``ops.iou(anchor_boxes (N, 4), gt_boxes (M, 4), mode='iou')`` -> (M, N)."""
    return call("iou", anchor_boxes, gt_boxes, mode)


@primitive
class IOU(Primitive):
    """``ops.IOU(mode='iou')(anchor_boxes, gt_boxes)``."""

    def __init__(self, mode="iou"):
        super().__init__("IOU")
        if mode not in ("iou", "iof"):
            raise ValueError(f"For 'IOU', the 'mode' must be in ['iou', 'iof'], but got '{mode}'.")
        self.mode = mode

    def __call__(self, anchor_boxes, gt_boxes):
        return call("iou", anchor_boxes, gt_boxes, self.mode)


def _centers(b):
    w = b[:, 2] - b[:, 0] + 1.0
    h = b[:, 3] - b[:, 1] + 1.0
    return (b[:, 0] + b[:, 2]) * 0.5, (b[:, 1] + b[:, 3]) * 0.5, w, h


@op("bounding_box_encode")
def _bbox_encode(anchor_box, groundtruth_box, means=(0.0,) * 4, stds=(1.0,) * 4):
    _check_boxes("BoundingBoxEncode", "anchor_box", anchor_box)
    _check_boxes("BoundingBoxEncode", "groundtruth_box", groundtruth_box)
    px, py, pw, ph = _centers(anchor_box.astype(jnp.float32))
    gx, gy, gw, gh = _centers(groundtruth_box.astype(jnp.float32))
    d = jnp.stack([(gx - px) / pw, (gy - py) / ph, jnp.log(gw / pw), jnp.log(gh / ph)], 1)
    d = (d - jnp.asarray(means, jnp.float32)) / jnp.asarray(stds, jnp.float32)
    return d.astype(anchor_box.dtype)


@op("bounding_box_decode")
def _bbox_decode(anchor_box, deltas, max_shape, means=(0.0,) * 4, stds=(1.0,) * 4, wh_ratio_clip=0.016):
    _check_boxes("BoundingBoxDecode", "anchor_box", anchor_box)
    _check_boxes("BoundingBoxDecode", "deltas", deltas)
    d = deltas.astype(jnp.float32) * jnp.asarray(stds, jnp.float32) + jnp.asarray(means, jnp.float32)
    max_ratio = abs(float(np.log(wh_ratio_clip)))
    dw = jnp.clip(d[:, 2], -max_ratio, max_ratio)
    dh = jnp.clip(d[:, 3], -max_ratio, max_ratio)
    px, py, pw, ph = _centers(anchor_box.astype(jnp.float32))
    gx, gy = px + pw * d[:, 0], py + ph * d[:, 1]
    gw, gh = pw * jnp.exp(dw), ph * jnp.exp(dh)
    h_max, w_max = float(max_shape[0]), float(max_shape[1])  # no -1, as MindSpore's kernel
    x1 = jnp.clip(gx - gw * 0.5 + 0.5, 0, w_max)
    y1 = jnp.clip(gy - gh * 0.5 + 0.5, 0, h_max)
    x2 = jnp.clip(gx + gw * 0.5 - 0.5, 0, w_max)
    y2 = jnp.clip(gy + gh * 0.5 - 0.5, 0, h_max)
    return jnp.stack([x1, y1, x2, y2], 1).astype(anchor_box.dtype)


@functional
def bounding_box_encode(anchor_box, groundtruth_box, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)):
    """``ops.bounding_box_encode``: (dx, dy, dw, dh) deltas normalised by ``means``/``stds``."""
    return call("bounding_box_encode", anchor_box, groundtruth_box, tuple(means), tuple(stds))


@functional
def bounding_box_decode(
    anchor_box, deltas, max_shape, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0), wh_ratio_clip=0.016
):
    """``ops.bounding_box_decode``: boxes from deltas, clipped to ``max_shape`` (h, w)."""
    return call(
        "bounding_box_decode", anchor_box, deltas, tuple(max_shape), tuple(means), tuple(stds), wh_ratio_clip
    )


@primitive
class BoundingBoxEncode(Primitive):
    """``ops.BoundingBoxEncode(means=(0., 0., 0., 0.), stds=(1., 1., 1., 1.))``."""

    def __init__(self, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0)):
        super().__init__("BoundingBoxEncode")
        self.means, self.stds = tuple(means), tuple(stds)

    def __call__(self, anchor_box, groundtruth_box):
        return call("bounding_box_encode", anchor_box, groundtruth_box, self.means, self.stds)


@primitive
class BoundingBoxDecode(Primitive):
    """``ops.BoundingBoxDecode(max_shape, means, stds, wh_ratio_clip=0.016)``."""

    def __init__(self, max_shape, means=(0.0, 0.0, 0.0, 0.0), stds=(1.0, 1.0, 1.0, 1.0), wh_ratio_clip=0.016):
        super().__init__("BoundingBoxDecode")
        self.max_shape, self.means, self.stds = tuple(max_shape), tuple(means), tuple(stds)
        self.wh_ratio_clip = wh_ratio_clip

    def __call__(self, anchor_box, deltas):
        return call(
            "bounding_box_decode",
            anchor_box,
            deltas,
            self.max_shape,
            self.means,
            self.stds,
            self.wh_ratio_clip,
        )


@op("check_valid")
def _check_valid(bboxes, img_metas):
    _check_boxes("CheckValid", "bboxes", bboxes)
    if img_metas.shape != (3,):
        R.raise_error(
            ValueError,
            "CheckValid",
            f"the shape of 'img_metas' must be [3], but got {list(img_metas.shape)}.",
        )
    b = bboxes.astype(jnp.float32)
    m = img_metas.astype(jnp.float32)
    h, w = m[0] * m[2] - 1, m[1] * m[2] - 1
    return (b[:, 0] >= 0) & (b[:, 1] >= 0) & (b[:, 2] <= w) & (b[:, 3] <= h)


@functional
def check_valid(bboxes, img_metas):
    """``ops.check_valid(bboxes (N, 4), img_metas (height, width, ratio))`` -> bool (N,)."""
    return call("check_valid", bboxes, img_metas)


@primitive
class CheckValid(Primitive):
    """``ops.CheckValid()(bboxes, img_metas)``."""

    def __init__(self):
        super().__init__("CheckValid")

    def __call__(self, bboxes, img_metas):
        return call("check_valid", bboxes, img_metas)


def _nms_iou(b):
    """Pairwise IoU of (N, 4) boxes, widths without the +1 (MindSpore's NMSWithMask kernel)."""
    x1, y1, x2, y2 = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    area = (x2 - x1) * (y2 - y1)
    iw = jnp.maximum(jnp.minimum(x2[:, None], x2[None]) - jnp.maximum(x1[:, None], x1[None]), 0)
    ih = jnp.maximum(jnp.minimum(y2[:, None], y2[None]) - jnp.maximum(y1[:, None], y1[None]), 0)
    inter = iw * ih
    return inter / (area[:, None] + area[None] - inter)


@op("nms_with_mask")
def _nms_with_mask(bboxes, iou_threshold=0.5):
    _check_boxes("NMSWithMask", "bboxes", bboxes, 5)
    order = jnp.argsort(-bboxes[:, 4].astype(jnp.float32), stable=True)
    sb = bboxes[order]
    ov = _nms_iou(sb[:, :4].astype(jnp.float32)) > iou_threshold
    n = sb.shape[0]

    def body(i, keep):
        sup = jnp.any(keep & ov[i] & (jnp.arange(n) < i))
        return keep.at[i].set(~sup)

    keep = jax.lax.fori_loop(0, n, body, jnp.zeros((n,), bool))
    # MindSpore's CPU kernel reports positions in the sorted output (0..N-1), not input indices
    return sb, jnp.arange(n, dtype=jnp.int32), keep


@primitive
class NMSWithMask(Primitive):
    """``ops.NMSWithMask(iou_threshold=0.5)(bboxes (N, 5))`` -> (boxes sorted by score descending,
    0..N-1 (as MindSpore 2.10's CPU kernel), keep mask)."""

    def __init__(self, iou_threshold=0.5):
        super().__init__("NMSWithMask")
        self.iou_threshold = iou_threshold

    def __call__(self, bboxes):
        return call("nms_with_mask", bboxes, self.iou_threshold)


def _bilinear(feat, y, x):
    """feat (C, H, W); y, x same-shape sample grids -> (C, *y.shape), Caffe2 RoIAlign rules."""
    h, w = feat.shape[1:]
    valid = (y >= -1.0) & (y <= h) & (x >= -1.0) & (x <= w)
    y = jnp.maximum(y, 0.0)
    x = jnp.maximum(x, 0.0)
    y_low = jnp.floor(y).astype(jnp.int32)
    x_low = jnp.floor(x).astype(jnp.int32)
    y_edge = y_low >= h - 1
    x_edge = x_low >= w - 1
    y_low = jnp.where(y_edge, h - 1, y_low)
    x_low = jnp.where(x_edge, w - 1, x_low)
    y_high = jnp.where(y_edge, h - 1, y_low + 1)
    x_high = jnp.where(x_edge, w - 1, x_low + 1)
    y = jnp.where(y_edge, y_low.astype(y.dtype), y)
    x = jnp.where(x_edge, x_low.astype(x.dtype), x)
    ly, lx = y - y_low, x - x_low
    hy, hx = 1.0 - ly, 1.0 - lx
    v = (
        feat[:, y_low, x_low] * (hy * hx)
        + feat[:, y_low, x_high] * (hy * lx)
        + feat[:, y_high, x_low] * (ly * hx)
        + feat[:, y_high, x_high] * (ly * lx)
    )
    return jnp.where(valid, v, 0.0)


@op("roi_align")
def _roi_align(features, rois, pooled_height, pooled_width, spatial_scale, sample_num=2, roi_end_mode=1):
    if features.ndim != 4:
        R.raise_error(
            ValueError, "ROIAlign", f"the 'features' must be 4-D, but got shape {list(features.shape)}."
        )
    if rois.ndim != 2 or rois.shape[1] != 5:
        R.raise_error(
            ValueError, "ROIAlign", f"the shape of 'rois' must be [N, 5], but got {list(rois.shape)}."
        )
    if sample_num <= 0:
        R.raise_error(
            NotImplementedError,
            "ROIAlign",
            "an adaptive sampling grid (sample_num <= 0) is not supported here.",
        )
    f = features.astype(jnp.float32)
    r = rois.astype(jnp.float32)
    ph, pw, g = pooled_height, pooled_width, sample_num

    def one(roi):
        b = roi[0].astype(jnp.int32)
        x1, y1 = roi[1] * spatial_scale, roi[2] * spatial_scale
        x2, y2 = (roi[3] + roi_end_mode) * spatial_scale, (roi[4] + roi_end_mode) * spatial_scale
        # MindSpore clamps the RoI size to >= 1 only in the legacy roi_end_mode 0
        rw = jnp.maximum(x2 - x1, 1.0) if roi_end_mode == 0 else x2 - x1
        rh = jnp.maximum(y2 - y1, 1.0) if roi_end_mode == 0 else y2 - y1
        bh, bw = rh / ph, rw / pw
        iy = (jnp.arange(ph)[:, None] * bh + (jnp.arange(g)[None, :] + 0.5) * bh / g + y1).reshape(-1)
        ix = (jnp.arange(pw)[:, None] * bw + (jnp.arange(g)[None, :] + 0.5) * bw / g + x1).reshape(-1)
        yy, xx = jnp.meshgrid(iy, ix, indexing="ij")  # (ph*g, pw*g)
        v = _bilinear(f[b], yy, xx)  # (C, ph*g, pw*g)
        c = v.shape[0]
        return v.reshape(c, ph, g, pw, g).mean((2, 4))

    return jax.vmap(one)(r).astype(features.dtype)


@primitive
class ROIAlign(Primitive):
    """``ops.ROIAlign(pooled_height, pooled_width, spatial_scale, sample_num=2, roi_end_mode=1)(features,
    rois)``: rois (R, 5) = (batch index, x1, y1, x2, y2) -> (R, C, pooled_height, pooled_width)."""

    def __init__(self, pooled_height, pooled_width, spatial_scale, sample_num=2, roi_end_mode=1):
        super().__init__("ROIAlign")
        if roi_end_mode not in (0, 1):
            raise ValueError(f"For 'ROIAlign', the 'roi_end_mode' must be 0 or 1, but got {roi_end_mode}.")
        self.pooled_height, self.pooled_width = pooled_height, pooled_width
        self.spatial_scale, self.sample_num, self.roi_end_mode = spatial_scale, sample_num, roi_end_mode

    def __call__(self, features, rois):
        return call(
            "roi_align",
            features,
            rois,
            self.pooled_height,
            self.pooled_width,
            self.spatial_scale,
            self.sample_num,
            self.roi_end_mode,
        )
