"""Classification losses: cross entropy, NLL, BCE, KL div, margin losses, dice/focal."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._loss_common import _F32, _check_reduction, _is_float, _reduce, _simple_reduce

# --- probabilistic losses -------------------------------------------------------------------------


@op("kl_div_loss")
def _kl_div_loss(x, target, reduction="mean"):
    """P.KLDivLoss: target * (log(target) - x), zero where target <= 0."""
    _check_reduction("KLDivLoss", reduction, ("mean", "sum", "none", "batchmean"))
    safe = jnp.where(target > 0, target, 1)
    loss = jnp.where(target > 0, target * (jnp.log(safe) - x), 0).astype(x.dtype)
    if reduction == "batchmean":
        return jnp.sum(loss) / x.shape[0]
    return _simple_reduce(loss, reduction)


@op("binary_cross_entropy")
def _binary_cross_entropy(x, target, weight=None, reduction="mean"):
    _check_reduction("BinaryCrossEntropy", reduction)
    if x.shape != target.shape:
        R.raise_error(
            ValueError,
            "BinaryCrossEntropy",
            f"the shape of 'logits' and 'labels' must be the same, but got {list(x.shape)} and "
            f"{list(target.shape)}.",
        )
    eps = 1e-12
    loss = -(target * jnp.log(jnp.maximum(x, eps)) + (1 - target) * jnp.log(jnp.maximum(1 - x, eps)))
    if weight is not None:
        loss = loss * weight
    return _simple_reduce(loss, reduction)


@op("binary_cross_entropy_with_logits")
def _bce_with_logits(x, target, weight=None, pos_weight=None, reduction="mean"):
    _check_reduction("BCEWithLogitsLoss", reduction)
    softplus_neg = jnp.log1p(jnp.exp(-jnp.abs(x))) + jnp.maximum(-x, 0)  # log(1 + exp(-x))
    if pos_weight is not None:
        log_w = (pos_weight - 1) * target + 1
        loss = (1 - target) * x + log_w * softplus_neg
    else:
        loss = (1 - target) * x + softplus_neg
    if weight is not None:
        loss = loss * weight
    return _simple_reduce(loss, reduction)


@op("sigmoid_cross_entropy_with_logits")
def _sigmoid_ce(x, target):
    return jnp.maximum(x, 0) - x * target + jnp.log1p(jnp.exp(-jnp.abs(x)))


@op("softmax_cross_entropy_with_logits")
def _softmax_ce(logits, labels):
    """P.SoftmaxCrossEntropyWithLogits: (loss over the last axis, its gradient softmax - labels)."""
    if logits.shape != labels.shape:
        R.raise_error(
            ValueError,
            "SoftmaxCrossEntropyWithLogits",
            f"the shape of 'logits' and 'labels' must be the same, but got {list(logits.shape)} "
            f"and {list(labels.shape)}.",
        )
    logp = jax.nn.log_softmax(logits, axis=-1)
    loss = -jnp.sum(labels * logp, -1)
    return loss, jnp.exp(logp) - labels


@op("sparse_softmax_cross_entropy_with_logits")
def _sparse_softmax_ce(logits, labels, is_grad=False):
    """Mean loss over the batch, or (is_grad) its gradient w.r.t. logits."""
    if labels.shape != logits.shape[:-1]:
        R.raise_error(
            ValueError,
            "SparseSoftmaxCrossEntropyWithLogits",
            f"the shape of 'labels' must be logits.shape[:-1] = {list(logits.shape[:-1])}, but got "
            f"{list(labels.shape)}.",
        )
    logp = jax.nn.log_softmax(logits, axis=-1)
    n = max(int(np.prod(labels.shape)), 1)
    if is_grad:
        onehot = jax.nn.one_hot(labels, logits.shape[-1], dtype=logits.dtype)
        return (jnp.exp(logp) - onehot) / n
    picked = jnp.take_along_axis(logp, labels[..., None].astype(np.int32), -1)[..., 0]
    return -jnp.sum(picked) / n


def _class_axis(x):
    return 1 if x.ndim >= 2 else 0


def _nll(inputs, target, weight, ignore_index, reduction, label_smoothing):
    """ops.nll_loss over log-probabilities: classes on axis 1 (axis 0 for 1-D input)."""
    ax = _class_axis(inputs)
    c = inputs.shape[ax]
    t = target.astype(np.int32)
    ignore = (t == ignore_index) if ignore_index is not None else jnp.zeros(t.shape, bool)
    t = jnp.where(ignore, 0, t)
    texp = jnp.expand_dims(t, ax)
    if weight is not None:
        wshape = [1] * inputs.ndim
        wshape[ax] = c
        winp = inputs * weight.reshape(wshape)
        loss_w = weight[t]
    else:
        winp = inputs
        loss_w = jnp.ones(t.shape, inputs.dtype)
    loss = -jnp.squeeze(jnp.take_along_axis(winp, texp, ax), ax)
    smooth = -jnp.sum(winp, ax)
    loss = jnp.where(ignore, 0, loss)
    smooth = jnp.where(ignore, 0, smooth)
    loss_w = jnp.where(ignore, 0, loss_w).astype(inputs.dtype)
    if reduction == "sum":
        loss, smooth = jnp.sum(loss), jnp.sum(smooth)
    elif reduction == "mean":
        wsum = jnp.sum(loss_w)
        loss, smooth = jnp.sum(loss) / wsum, jnp.sum(smooth) / wsum
    if label_smoothing:
        return (1.0 - label_smoothing) * loss + (label_smoothing / c) * smooth
    return loss


@op("nll_loss")
def _nll_loss(inputs, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    _check_reduction("nll_loss", reduction)
    return _nll(inputs, target, weight, ignore_index, reduction, label_smoothing)


def _check_ce_inputs(name, x, target, weight, label_smoothing):
    if not _is_float(x):
        R.raise_error(
            TypeError, name, f"the dtype of 'input' must be float16 or float32, but got {R.ms_dtype(x)}."
        )
    if not 0.0 <= label_smoothing <= 1.0:
        R.raise_error(
            ValueError, name, f"the 'label_smoothing' must be in [0.0, 1.0], but got {label_smoothing}."
        )
    if target.ndim == x.ndim:
        if target.shape != x.shape:
            R.raise_error(
                ValueError,
                name,
                f"the shape of 'logits' should be (N, C, d_0, d_1, ...), and the shape of 'labels' "
                f"should be (N, C, d_0, d_1, ...), but get 'logits' shape: {tuple(x.shape)} and "
                f"'labels' shape: {tuple(target.shape)}.",
            )
    elif target.ndim == x.ndim - 1:
        want = (x.shape[0], *x.shape[2:]) if x.ndim > 1 else ()
        if tuple(target.shape) != want:
            R.raise_error(
                ValueError,
                name,
                f"the shape of 'logits' should be (N, C, d_0, d_1, ...), and the shape of 'labels' "
                f"should be (N, d_0, d_1, ...), but get 'logits' shape: {tuple(x.shape)} and "
                f"'labels' shape: {tuple(target.shape)}.",
            )
    else:
        R.raise_error(
            ValueError,
            name,
            f"the rank of 'logits' and 'labels' should be: 'logits.ndim == labels.ndim' for "
            f"probabilities or 'logits.ndim - 1 == labels.ndim' for class indices, but get "
            f"'logits' "
            f"rank: {x.ndim} and 'labels' rank: {target.ndim}.",
        )


@op("cross_entropy")
def _cross_entropy(x, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    _check_reduction("cross_entropy", reduction)
    _check_ce_inputs("cross_entropy", x, target, weight, label_smoothing)
    ax = _class_axis(x)
    c = x.shape[ax]
    logp = jax.nn.log_softmax(x, axis=ax)
    if _is_float(target):  # class probabilities
        if label_smoothing > 0.0:
            target = target * (1 - label_smoothing) + label_smoothing / c
        if weight is None:
            w = 1.0
        elif x.ndim != 1:
            shape = [1] * x.ndim
            shape[1] = weight.shape[0]
            w = weight.reshape(shape)
        else:
            w = weight
        prod = logp * target * w
        if reduction == "mean":
            return -jnp.sum(prod) / (x.size / c)
        if reduction == "sum":
            return -jnp.sum(prod)
        return -jnp.sum(prod, ax)
    return _nll(logp, target, weight, ignore_index, reduction, label_smoothing)


@op("nll_loss_prim")
def _nll_loss_prim(x, target, weight, reduction="mean", ignore_index=-100):
    """P.NLLLoss: (loss, total_weight) over (N, C) log-probabilities."""
    _check_reduction("NLLLoss", reduction)
    t = target.astype(np.int32)
    ignore = t == ignore_index
    t = jnp.where(ignore, 0, t)
    w = jnp.where(ignore, 0, weight[t]).astype(x.dtype)
    loss = -jnp.take_along_axis(x, t[:, None], 1)[:, 0] * w
    total = jnp.sum(w)
    if reduction == "mean":
        return jnp.sum(loss) / total, total
    if reduction == "sum":
        return jnp.sum(loss), total
    return loss, total


# --- margin losses --------------------------------------------------------------------------------


@op("multi_margin_loss")
def _multi_margin_loss(x, target, p=1, margin=1.0, weight=None, reduction="mean"):
    if p not in (1, 2):
        R.raise_error(ValueError, "MultiMarginLoss", f"the 'p' must be 1 or 2, but got {p}.")
    _check_reduction("MultiMarginLoss", reduction)
    n, c = x.shape
    t = target.astype(np.int32)
    xy = jnp.take_along_axis(x, t[:, None], 1)
    m = jnp.maximum(margin - xy + x, 0)
    if p == 2:
        m = m * m
    if weight is not None:
        m = m * weight[t][:, None]
    m = jnp.where(jax.nn.one_hot(t, c, dtype=bool), 0, m)
    return _simple_reduce(jnp.sum(m, 1) / c, reduction)


@op("multilabel_margin_loss")
def _multilabel_margin_loss(x, target, reduction="mean"):
    """(loss, is_target): targets are class indices up to the first -1 in each row."""
    _check_reduction("MultilabelMarginLoss", reduction)
    squeeze = x.ndim == 1
    if squeeze:
        x, target = x[None], target[None]
    c = x.shape[-1]
    t = target.astype(np.int32)
    valid = jnp.cumprod(t >= 0, axis=-1).astype(bool)  # entries before the first -1
    onehot = jax.nn.one_hot(jnp.where(valid, t, c), c + 1, dtype=bool)[..., :c]  # (N, C_t, C)
    is_target = jnp.any(onehot & valid[..., None], axis=1)  # (N, C)
    xt = jnp.take_along_axis(x, jnp.where(valid, t, 0), -1)  # (N, C_t)
    hinge = jnp.maximum(1 - (xt[..., None] - x[:, None, :]), 0)  # (N, C_t, C)
    hinge = jnp.where(valid[..., None] & ~is_target[:, None, :], hinge, 0)
    loss = jnp.sum(hinge, (1, 2)) / c
    if squeeze:
        loss, is_target = loss[0], is_target[0]
    return _simple_reduce(loss.astype(x.dtype), reduction), is_target.astype(target.dtype)


@op("multilabel_soft_margin_loss")
def _multilabel_soft_margin_loss(x, target, weight=None, reduction="mean"):
    loss = target * jnp.log1p(jnp.exp(-x)) + (1 - target) * jnp.log1p(jnp.exp(x))
    if weight is not None:
        loss = loss * weight
    loss = jnp.sum(loss, -1) / x.shape[-1]
    return _reduce(loss, reduction, "multilabel_soft_margin_loss")


def _pdist(a, b, p, eps):
    d = jnp.abs(a - b + eps)
    if p == 2:
        return jnp.sqrt(jnp.sum(d * d, -1))
    if p == 1:
        return jnp.sum(d, -1)
    return jnp.sum(d**p, -1) ** (1.0 / p)


@op("triplet_margin_loss")
def _triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False, reduction="mean"):
    _check_reduction("TripletMarginLoss", reduction)
    d_pos = _pdist(anchor, positive, p, eps)
    d_neg = _pdist(anchor, negative, p, eps)
    if swap:
        d_neg = jnp.minimum(d_neg, _pdist(positive, negative, p, eps))
    loss = jnp.maximum(margin + d_pos - d_neg, 0).astype(anchor.dtype)
    return _simple_reduce(loss, reduction)


# --- segmentation / detection losses used by nn cells ---------------------------------------------


@op("dice_loss")
def _dice_loss(x, y, smooth=1e-5):
    x, y = x.reshape(-1), y.reshape(-1)
    inter = jnp.sum(x * y)
    union = jnp.sum(x * x) + jnp.sum(y * y)
    return 1 - (2 * inter) / (union + smooth)


@op("focal_loss")
def _focal_loss(logits, labels, weight=None, gamma=2.0, reduction="mean"):
    """nn.FocalLoss: labels are class indices (shape[1] == 1) or one-hot (shape[1] == C)."""
    index_labels = labels.shape[1] == 1
    n, c = logits.shape[:2]
    if logits.ndim > 2:
        lg = logits.reshape(n, c, -1)
        lb = labels.reshape(labels.shape[0], labels.shape[1], -1)
    else:
        lg, lb = logits[..., None], labels[..., None]
    logp = jax.nn.log_softmax(lg, axis=1)
    if index_labels:
        idx = lb.astype(np.int32)
        logp = jnp.take_along_axis(logp, idx, 1)[:, 0]
    prob = jnp.exp(logp)
    if weight is not None:
        w = jnp.broadcast_to(weight[None, :, None], (lb.shape[0], c, lb.shape[2]))
        if index_labels:
            w = jnp.take_along_axis(w, idx, 1)[:, 0]
        logp = logp * w
    fw = (1.0 - prob) ** gamma
    if index_labels:
        loss = jnp.mean(-fw * logp, 1)
    else:
        loss = jnp.mean(-fw * lb * logp, -1)
    return _reduce(loss, reduction, "FocalLoss")


@op("sparse_softmax_cross_entropy_none")
def _sparse_softmax_ce_none(logits, labels):
    """Per-sample loss of one-hot(labels) softmax cross entropy (SoftmaxCrossEntropyWithLogits sparse)."""
    onehot = jax.nn.one_hot(labels, logits.shape[-1], dtype=_F32)
    return _softmax_ce(logits, onehot)[0]


_DICE_ACT = {
    "softmax": lambda a: jax.nn.softmax(a, -1),
    "logsoftmax": lambda a: jax.nn.log_softmax(a, -1),
    "relu": jax.nn.relu,
    "relu6": jax.nn.relu6,
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
}


@op("dice_activation")
def _dice_activation(x, name):
    """The activations MultiClassDiceLoss accepts by name (nn.get_activation's, on the last axis)."""
    return _DICE_ACT[name](x)


@functional
def kl_div(logits, labels, reduction="mean"):
    """``ops.kl_div``: 'mean' averages over every element, 'batchmean' over the batch."""
    if not isinstance(reduction, str):
        R.raise_error(
            ValueError,
            "kl_div",
            f"the 'reduction' must be str and must be in "
            f"['none', 'mean', 'batchmean', 'sum'], but got '{reduction}'.",
        )
    return call("kl_div_loss", logits, labels, reduction)


@functional
def binary_cross_entropy(logits, labels, weight=None, reduction="mean"):
    return call("binary_cross_entropy", logits, labels, weight, reduction)


@functional
def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction="mean"):
    return call("binary_cross_entropy_with_logits", input, target, weight, pos_weight, reduction)


@functional
def nll_loss(inputs, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    return call("nll_loss", inputs, target, weight, ignore_index, reduction, label_smoothing)


@functional
def cross_entropy(input, target, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """``ops.cross_entropy``: integer targets are class indices, float targets class probabilities."""
    return call("cross_entropy", input, target, weight, ignore_index, reduction, label_smoothing)


@functional
def multi_margin_loss(input, target, p=1, margin=1, weight=None, reduction="mean"):
    if not isinstance(margin, int):
        raise TypeError(f"For 'multi_margin_loss', the type of 'margin' must be int, but got {type(margin)}.")
    return call("multi_margin_loss", input, target, p, float(margin), weight, reduction)


@functional
def multilabel_margin_loss(input, target, reduction="mean"):
    return call("multilabel_margin_loss", input, target, reduction)[0]


@functional
def multilabel_soft_margin_loss(input, target, weight=None, reduction="mean"):
    return call("multilabel_soft_margin_loss", input, target, weight, reduction)


@functional
def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-06, swap=False, reduction="mean"):
    margin = float(np.asarray(R.unwrap(margin)))
    return call("triplet_margin_loss", anchor, positive, negative, margin, p, eps, swap, reduction)


# --- primitives -----------------------------------------------------------------------------------


class SoftmaxCrossEntropyWithLogits(Primitive):
    """(loss, backprop) of softmax cross entropy over the last axis."""

    def __init__(self):
        super().__init__("SoftmaxCrossEntropyWithLogits")

    def __call__(self, logits, labels):
        return call("softmax_cross_entropy_with_logits", logits, labels)


class SparseSoftmaxCrossEntropyWithLogits(Primitive):
    def __init__(self, is_grad=False):
        super().__init__("SparseSoftmaxCrossEntropyWithLogits")
        self.is_grad = is_grad

    def __call__(self, logits, labels):
        return call("sparse_softmax_cross_entropy_with_logits", logits, labels, self.is_grad)


class BinaryCrossEntropy(Primitive):
    def __init__(self, reduction="mean"):
        super().__init__("BinaryCrossEntropy")
        self.reduction = reduction

    def __call__(self, logits, labels, weight=None):
        return call("binary_cross_entropy", logits, labels, weight, self.reduction)


class BCEWithLogitsLoss(Primitive):
    def __init__(self, reduction="mean"):
        super().__init__("BCEWithLogitsLoss")
        self.reduction = reduction

    def __call__(self, logits, label, weight=None, pos_weight=None):
        return call("binary_cross_entropy_with_logits", logits, label, weight, pos_weight, self.reduction)


class SigmoidCrossEntropyWithLogits(Primitive):
    def __init__(self):
        super().__init__("SigmoidCrossEntropyWithLogits")

    def __call__(self, logits, label):
        return call("sigmoid_cross_entropy_with_logits", logits, label)


class KLDivLoss(Primitive):
    def __init__(self, reduction="mean"):
        super().__init__("KLDivLoss")
        self.reduction = reduction

    def __call__(self, logits, labels):
        return call("kl_div_loss", logits, labels, self.reduction)


class NLLLoss(Primitive):
    """(loss, total_weight) over (N, C) log-probabilities and a (C,) weight."""

    def __init__(self, reduction="mean", ignore_index=-100):
        super().__init__("NLLLoss")
        self.reduction, self.ignore_index = reduction, ignore_index

    def __call__(self, logits, labels, weight):
        return call("nll_loss_prim", logits, labels, weight, self.reduction, self.ignore_index)


class MultiMarginLoss(Primitive):
    def __init__(self, p=1, margin=1.0, reduction="mean"):
        super().__init__("MultiMarginLoss")
        self.p, self.margin, self.reduction = p, margin, reduction

    def __call__(self, x, target, weight=None):
        return call("multi_margin_loss", x, target, self.p, self.margin, weight, self.reduction)


class MultilabelMarginLoss(Primitive):
    """(loss, is_target)."""

    def __init__(self, reduction="mean"):
        super().__init__("MultilabelMarginLoss")
        self.reduction = reduction

    def __call__(self, x, target):
        return call("multilabel_margin_loss", x, target, self.reduction)


class TripletMarginLoss(Primitive):
    def __init__(self, p=2, swap=False, eps=1e-6, reduction="mean"):
        super().__init__("TripletMarginLoss")
        self.p, self.swap, self.eps, self.reduction = p, swap, eps, reduction

    def __call__(self, x, positive, negative, margin):
        m = float(np.asarray(R.unwrap(margin)))
        return call(
            "triplet_margin_loss", x, positive, negative, m, self.p, self.eps, self.swap, self.reduction
        )


for _c in (
    SoftmaxCrossEntropyWithLogits,
    SparseSoftmaxCrossEntropyWithLogits,
    BinaryCrossEntropy,
    BCEWithLogitsLoss,
    SigmoidCrossEntropyWithLogits,
    KLDivLoss,
    NLLLoss,
    MultiMarginLoss,
    MultilabelMarginLoss,
    TripletMarginLoss,
):
    primitive(_c)
del _c
