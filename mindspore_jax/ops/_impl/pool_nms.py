"""Non-maximum suppression primitives with TensorFlow's semantics: NonMaxSuppressionV3,
NonMaxSuppressionWithOverlaps, CombinedNonMaxSuppression.

A box is suppressed when its overlap with an already selected box is > the threshold; candidates
need a score > score_threshold. The selection is a greedy, value-dependent loop and runs eagerly
(in GRAPH_MODE / ms.jit these ops raise, as other value-dependent ops here do).
"""

from __future__ import annotations

import numpy as np

from .. import _registry as R
from .._registry import call, op, primitive
from ..primitive import Primitive
from ._index_common import _need_concrete


def _iou_matrix(b):
    """TensorFlow's IOU: corners in any order, zero for an empty box."""
    b = b.astype(np.float64)
    y1, y2 = np.minimum(b[:, 0], b[:, 2]), np.maximum(b[:, 0], b[:, 2])
    x1, x2 = np.minimum(b[:, 1], b[:, 3]), np.maximum(b[:, 1], b[:, 3])
    area = (y2 - y1) * (x2 - x1)
    ih = np.maximum(np.minimum(y2[:, None], y2[None]) - np.maximum(y1[:, None], y1[None]), 0)
    iw = np.maximum(np.minimum(x2[:, None], x2[None]) - np.maximum(x1[:, None], x1[None]), 0)
    inter = ih * iw
    union = area[:, None] + area[None] - inter
    ok = (area[:, None] > 0) & (area[None] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(ok, inter / np.where(union > 0, union, 1), 0.0)


def _greedy(sim, scores, max_out, thr, score_thr):
    scores = np.asarray(scores, np.float64)
    cand = np.nonzero(scores > score_thr)[0]
    order = cand[np.argsort(-scores[cand], kind="stable")]
    sel = []
    for i in order:
        if len(sel) >= max_out:
            break
        if all(sim[i, j] <= thr for j in sel):
            sel.append(int(i))
    return sel


def _scalar(name, argname, v, kind):
    a = np.asarray(v)
    if a.ndim != 0:
        R.raise_error(
            ValueError,
            name,
            f"the '{argname}' must be a 0-D Tensor or scalar, but got shape {list(a.shape)}.",
        )
    if kind == "i" and a.dtype.kind not in "iu":
        R.raise_error(TypeError, name, f"the '{argname}' must be int32 or int64, but got {a.dtype}.")
    if kind == "f" and a.dtype.kind != "f":
        R.raise_error(TypeError, name, f"the '{argname}' must be float16 or float32, but got {a.dtype}.")
    return a.item()


@op("non_max_suppression_v3")
def _nms_v3(
    boxes, scores, max_output_size, iou_threshold, score_threshold, name="NonMaxSuppressionV3", overlaps=False
):
    _need_concrete(name, boxes, scores, max_output_size, iou_threshold, score_threshold)
    b = np.asarray(boxes)
    s = np.asarray(scores)
    if overlaps:
        if b.ndim != 2 or b.shape[0] != b.shape[1]:
            R.raise_error(
                ValueError, name, f"the 'overlaps' must be a square 2-D Tensor, but got {list(b.shape)}."
            )
    elif b.ndim != 2 or b.shape[1] != 4:
        R.raise_error(
            ValueError, name, f"the shape of 'boxes' must be (num_boxes, 4), but got {list(b.shape)}."
        )
    if s.ndim != 1 or s.shape[0] != b.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the 'scores' must be 1-D with {b.shape[0]} elements, but got shape {list(s.shape)}.",
        )
    m = max(int(_scalar(name, "max_output_size", max_output_size, "i")), 0)
    thr = _scalar(name, "iou_threshold" if not overlaps else "overlap_threshold", iou_threshold, "f")
    sthr = _scalar(name, "score_threshold", score_threshold, "f")
    if not overlaps and not 0 <= thr <= 1:
        R.raise_error(ValueError, name, f"the 'iou_threshold' must be in range [0, 1], but got {thr}.")
    sim = b.astype(np.float64) if overlaps else _iou_matrix(b)
    thr = float(np.float32(thr)) if overlaps else thr
    return np.asarray(_greedy(sim, s.astype(np.float32), m, thr, float(np.float32(sthr))), np.int32)


@primitive
class NonMaxSuppressionV3(Primitive):
    """``ops.NonMaxSuppressionV3()(boxes, scores, max_output_size, iou_threshold, score_threshold)`` -> int32
    indices (eager only; Ascend/GPU-only in MindSpore 2.10, TensorFlow semantics)."""

    def __init__(self):
        super().__init__("NonMaxSuppressionV3")

    def __call__(self, boxes, scores, max_output_size, iou_threshold, score_threshold):
        if boxes.dtype != scores.dtype:
            raise TypeError(
                f"For 'NonMaxSuppressionV3', the dtype of 'boxes' and 'scores' must be the same, "
                f"but got {boxes.dtype} and {scores.dtype}."
            )
        return call("non_max_suppression_v3", boxes, scores, max_output_size, iou_threshold, score_threshold)


@primitive
class NonMaxSuppressionWithOverlaps(Primitive):
    """``ops.NonMaxSuppressionWithOverlaps()(overlaps, scores, max_output_size, overlap_threshold,
    score_threshold)`` -> int32 indices (eager only)."""

    def __init__(self):
        super().__init__("NonMaxSuppressionWithOverlaps")

    def __call__(self, overlaps, scores, max_output_size, overlap_threshold, score_threshold):
        return call(
            "non_max_suppression_v3",
            overlaps,
            scores,
            max_output_size,
            overlap_threshold,
            score_threshold,
            self.name,
            True,
        )


@op("combined_non_max_suppression")
def _combined_nms(boxes, scores, max_per_class, max_total, iou_thr, score_thr, pad_per_class, clip_boxes):
    name = "CombinedNonMaxSuppression"
    _need_concrete(name, boxes, scores, max_per_class, max_total, iou_thr, score_thr)
    b = np.asarray(boxes, np.float32)
    s = np.asarray(scores, np.float32)
    if b.ndim != 4 or b.shape[3] != 4:
        R.raise_error(
            ValueError, name, f"the 'boxes' must be 4-D (batch, num_boxes, q, 4), but got {list(b.shape)}."
        )
    if s.ndim != 3 or s.shape[:2] != b.shape[:2]:
        R.raise_error(
            ValueError,
            name,
            f"the 'scores' must be 3-D (batch, num_boxes, num_classes), but got {list(s.shape)}.",
        )
    bs, nb, q, _ = b.shape
    nc = s.shape[2]
    if q not in (1, nc):
        R.raise_error(
            ValueError, name, f"the third dimension of 'boxes' must be 1 or num_classes {nc}, but got {q}."
        )
    mpc = int(_scalar(name, "max_output_size_per_class", max_per_class, "i"))
    mt = int(_scalar(name, "max_total_size", max_total, "i"))
    if mpc <= 0 or mt <= 0:
        R.raise_error(ValueError, name, "the 'max_output_size_per_class' and 'max_total_size' must be > 0.")
    it = float(_scalar(name, "iou_threshold", iou_thr, "f"))
    st = float(np.float32(_scalar(name, "score_threshold", score_thr, "f")))
    if not 0 <= it <= 1:
        R.raise_error(ValueError, name, f"the 'iou_threshold' must be in [0, 1], but got {it}.")
    size = min(mt, mpc * nc) if pad_per_class else mt
    out_b = np.zeros((bs, size, 4), np.float32)
    out_s = np.zeros((bs, size), np.float32)
    out_c = np.zeros((bs, size), np.float32)
    valid = np.zeros(bs, np.int32)
    for n in range(bs):
        found = []
        for c in range(nc):
            bb = b[n, :, 0 if q == 1 else c]
            sel = _greedy(_iou_matrix(bb), s[n, :, c], mpc, it, st)
            found += [(float(s[n, i, c]), c, bb[i]) for i in sel]
        found.sort(key=lambda t: -t[0])
        found = found[:size]
        valid[n] = len(found)
        for k, (sc, c, bx) in enumerate(found):
            out_b[n, k] = np.clip(bx, 0, 1) if clip_boxes else bx
            out_s[n, k], out_c[n, k] = sc, c
    return out_b, out_s, out_c, valid


@primitive
class CombinedNonMaxSuppression(Primitive):
    """``ops.CombinedNonMaxSuppression(pad_per_class=False, clip_boxes=True)(boxes, scores,
    max_output_size_per_class, max_total_size, iou_threshold, score_threshold)`` ->
    (nmsed_boxes, nmsed_scores, nmsed_classes, valid_detections) (eager only)."""

    def __init__(self, pad_per_class=False, clip_boxes=True):
        super().__init__("CombinedNonMaxSuppression")
        for a, v in (("pad_per_class", pad_per_class), ("clip_boxes", clip_boxes)):
            if not isinstance(v, bool):
                raise TypeError(
                    f"For 'CombinedNonMaxSuppression', the '{a}' must be a bool, but got {type(v).__name__}."
                )
        self.pad_per_class, self.clip_boxes = pad_per_class, clip_boxes

    def __call__(
        self, boxes, scores, max_output_size_per_class, max_total_size, iou_threshold, score_threshold
    ):
        return call(
            "combined_non_max_suppression",
            boxes,
            scores,
            max_output_size_per_class,
            max_total_size,
            iou_threshold,
            score_threshold,
            self.pad_per_class,
            self.clip_boxes,
        )
