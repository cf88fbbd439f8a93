"""Losses: functional forms (``ops.cross_entropy``...), loss primitives (``P.NLLLoss``...) and the
array-level ops the ``nn`` loss cells call.

Formulas follow MindSpore 2.10's CPU kernels and ``ops/function/nn_func.py`` (checked against
goldens in tests/golden/loss.*): e.g. ``BinaryCrossEntropy`` clamps its logs at ``log(1e-12)``,
``KLDivLoss`` counts only positive targets, and reductions go through float32 and back to the
input dtype (``LossBase.get_loss``).
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive

_REDUCTIONS = ("mean", "sum", "none")
_F32 = np.dtype(np.float32)


def _check_reduction(name, reduction, allowed=_REDUCTIONS):
    if reduction not in allowed:
        R.raise_error(ValueError, name, f"the 'reduction' must be in {list(allowed)}, but got {reduction}.")


def _is_float(x):
    return jnp.issubdtype(x.dtype, jnp.floating)


def _reduce(x, reduction, name="loss", weights=1.0):
    """``LossBase.get_loss``: weights * x in float32, reduced over all axes, cast back."""
    _check_reduction(name, reduction)
    dt = x.dtype
    x = x.astype(_F32)
    if not (isinstance(weights, float) and weights == 1.0):
        x = jnp.asarray(weights).astype(_F32) * x
    if reduction == "mean":
        x = jnp.mean(x)
    elif reduction == "sum":
        x = jnp.sum(x)
    return x.astype(dt)


def _simple_reduce(x, reduction):
    """Reduction without the float32 round trip (ops that reduce in their own dtype)."""
    if reduction == "mean":
        return jnp.mean(x)
    if reduction == "sum":
        return jnp.sum(x)
    return x


def _tensor_check(name, argname, x):
    if not isinstance(x, (jax.Array, jax.core.Tracer, np.ndarray)):
        R.raise_error(TypeError, name, f"the '{argname}' must be a Tensor, but got {type(x).__name__}.")


# --- elementwise regression losses ----------------------------------------------------------------


@op("loss_reduce")
def _loss_reduce(x, weights=1.0, reduction="mean"):
    return _reduce(x, reduction, "LossBase", weights)


@op("l1_loss")
def _l1_loss(x, target, reduction="mean"):
    _tensor_check("l1_loss", "input", x)
    _tensor_check("l1_loss", "target", target)
    return _reduce(jnp.abs(x - target), reduction, "l1_loss")


@op("mse_loss")
def _mse_loss(x, target, reduction="mean"):
    _check_reduction("mse_loss", reduction)
    d = jnp.square(x - target)
    out_dt = d.dtype if _is_float(d) else _F32
    return (
        _reduce(d, reduction).astype(out_dt)
        if reduction == "none"
        else _simple_reduce(d.astype(_F32), reduction).astype(out_dt)
    )


@op("square_loss")
def _square_loss(x, target, reduction="mean", name="MSELoss"):
    """nn.MSELoss/MAELoss path: the reduced value keeps the input dtype (``get_loss``)."""
    return _reduce(jnp.square(x - target), reduction, name)


@op("abs_loss")
def _abs_loss(x, target, reduction="mean", name="MAELoss"):
    return _reduce(jnp.abs(x - target), reduction, name)


@op("smooth_l1_loss")
def _smooth_l1_loss(x, target, beta=1.0, reduction="none"):
    _check_reduction("SmoothL1Loss", reduction)
    if beta < 0:
        R.raise_error(ValueError, "SmoothL1Loss", f"the 'beta' must be non-negative, but got {beta}.")
    d = jnp.abs(x - target)
    if beta == 0.0:
        loss = d
    else:
        loss = jnp.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta)
    return _simple_reduce(loss, reduction)


@op("huber_loss")
def _huber_loss(x, target, reduction="mean", delta=1.0):
    if isinstance(delta, bool) or not isinstance(delta, (int, float)) or delta <= 0:
        R.raise_error(
            ValueError, "huber_loss", f"the 'delta' must be a number greater than 0, but got {delta}."
        )
    z = jnp.abs(x - target)
    loss = jnp.where(z < delta, 0.5 * z * z, delta * (z - 0.5 * delta))
    return _reduce(loss, reduction, "huber_loss")


@op("soft_margin_loss")
def _soft_margin_loss(x, target, reduction="mean"):
    _check_reduction("SoftMarginLoss", reduction)
    return _simple_reduce(jnp.log1p(jnp.exp(-target * x)), reduction)


@op("l2_loss")
def _l2_loss(x):
    return jnp.sum(jnp.square(x)) / 2


@op("margin_ranking_loss")
def _margin_ranking_loss(x1, x2, target, margin=0.0, reduction="mean"):
    if not isinstance(margin, float):
        R.raise_error(
            TypeError, "margin_ranking_loss", f"the 'margin' must be float, but got {type(margin).__name__}."
        )
    return _reduce(jnp.maximum(-target * (x1 - x2) + margin, 0), reduction, "margin_ranking_loss")


@op("cosine_embedding_loss")
def _cosine_embedding_loss(x1, x2, target, margin=0.0, reduction="mean"):
    margin = float(margin)
    if not -1.0 <= margin <= 1.0:
        R.raise_error(
            ValueError,
            "cosine_embedding_loss",
            f"the value of 'margin' should be in [-1, 1], but got {margin}.",
        )
    if x1.shape != x2.shape:
        R.raise_error(
            ValueError,
            "cosine_embedding_loss",
            f"'input1' and 'input2' must have the same shape, but got {list(x1.shape)} and {list(x2.shape)}.",
        )
    if not _is_float(x1):
        x1, x2 = x1.astype(_F32), x2.astype(_F32)
    prod = jnp.sum(x1 * x2, 1)
    denom = jnp.sqrt(jnp.sum(x1 * x1, 1)) * jnp.sqrt(jnp.sum(x2 * x2, 1))
    cos = prod / denom
    loss = jnp.where(target == 1, 1.0 - cos, 0) + jnp.where(target == -1, jnp.maximum(cos - margin, 0), 0)
    return _reduce(loss.astype(cos.dtype), reduction, "cosine_embedding_loss")


@op("hinge_embedding_loss")
def _hinge_embedding_loss(x, target, margin=1.0, reduction="mean"):
    _check_reduction("hinge_embedding_loss", reduction)
    pos = jnp.where(target > 0, x, 0)
    neg = jnp.where(target < 0, jnp.maximum(margin - x, 0), 0)
    return _simple_reduce((pos + neg).astype(x.dtype), reduction)


@op("poisson_nll_loss")
def _poisson_nll_loss(x, target, log_input=True, full=False, eps=1e-8, reduction="mean"):
    target = target.astype(x.dtype)
    loss = jnp.exp(x) - target * x if log_input else x - target * jnp.log(x + eps)
    if full:
        t = jnp.maximum(target, eps)
        stirling = t * jnp.log(t) - t + 0.5 * math.log(2 * math.pi) + 0.5 * jnp.log(t)
        loss = loss + jnp.where(t > 1, stirling, 0).astype(loss.dtype)
    return _reduce(loss, reduction, "PoissonNLLLoss")


@op("gaussian_nll_loss")
def _gaussian_nll_loss(x, target, var, full=False, eps=1e-6, reduction="mean"):
    if not isinstance(full, bool):
        R.raise_error(
            TypeError, "gaussian_nll_loss", f"'full' must be a bool, but got {type(full).__name__}."
        )
    if not isinstance(eps, float) or eps <= 0:
        R.raise_error(ValueError, "gaussian_nll_loss", f"'eps' must be a positive float, but got {eps}.")
    _check_reduction("gaussian_nll_loss", reduction)
    if x.shape != var.shape and x.shape[:-1] == var.shape:
        var = var[..., None]
    v = jnp.maximum(var, eps)
    loss = 0.5 * (jnp.log(v) + jnp.square(x - target) / v)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _simple_reduce(loss, reduction)


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


# --- CTC ------------------------------------------------------------------------------------------


@op("ctc_loss")
def _ctc_loss_op(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """See ``_ctc_loss`` (jitted so eager calls reuse the compiled scan)."""
    _check_reduction("ctc_loss", reduction)
    return _ctc_jit(
        log_probs, targets, input_lengths, target_lengths, int(blank), reduction, bool(zero_infinity)
    )


def _ctc_loss(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """CTCLossV2 over (T, N, C) log-probabilities: (loss (N,) or reduced, log_alpha (N, T, 2S+1)).

    The forward (alpha) recursion runs as one ``lax.scan`` over time; a sample whose targets
    cannot be aligned within its input length gets ``inf`` (MindSpore's CPU kernel keeps it inf
    even with ``zero_infinity``, which only affects the gradient there)."""
    _check_reduction("ctc_loss", reduction)
    if log_probs.ndim == 2:  # unbatched (T, C)
        loss, log_alpha = _ctc_loss(
            log_probs[:, None],
            targets.reshape(1, -1),
            input_lengths.reshape(1),
            target_lengths.reshape(1),
            blank,
            reduction,
            zero_infinity,
        )
        return (loss[0] if loss.ndim else loss), log_alpha[0]
    t_max, n, _ = log_probs.shape
    s_max = targets.shape[1] if targets.ndim == 2 else 0
    lext = 2 * s_max + 1
    tg = targets.astype(np.int32).reshape(n, s_max)
    ext = jnp.full((n, lext), blank, np.int32).at[:, 1::2].set(tg)  # blank, l1, blank, l2, ...
    tl = target_lengths.astype(np.int32).reshape(n)
    il = input_lengths.astype(np.int32).reshape(n)
    pos = jnp.arange(lext)
    in_range = pos[None, :] < (2 * tl[:, None] + 1)
    prev2 = jnp.concatenate([jnp.full((n, 2), -1, np.int32), ext[:, :-2]], 1)
    can_skip = (ext != blank) & (ext != prev2) & (pos[None, :] >= 2)
    # a large finite "-inf" keeps logaddexp's gradient finite; true -inf is restored on output
    ninf = jnp.array(-1e30, log_probs.dtype)
    lp = jnp.transpose(log_probs, (1, 0, 2))  # (N, T, C)
    emit = jnp.take_along_axis(lp, jnp.broadcast_to(ext[:, None, :], (n, t_max, lext)), 2)  # (N, T, L)
    alpha0 = jnp.where((pos[None, :] < 2) & in_range, emit[:, 0], ninf)

    def step(alpha, t):
        a1 = jnp.concatenate([jnp.full((n, 1), ninf), alpha[:, :-1]], 1)
        a2 = jnp.concatenate([jnp.full((n, 2), ninf), alpha[:, :-2]], 1)
        a2 = jnp.where(can_skip, a2, ninf)
        new = jnp.logaddexp(jnp.logaddexp(alpha, a1), a2) + emit[:, t]
        new = jnp.where(in_range, new, ninf)
        new = jnp.where((t < il)[:, None], new, alpha)  # past the input length: hold
        return new, new

    last, hist = lax.scan(step, alpha0, jnp.arange(1, t_max))
    log_alpha = (
        jnp.concatenate([alpha0[:, None], jnp.transpose(hist, (1, 0, 2))], 1)
        if t_max > 1
        else alpha0[:, None]
    )
    valid_t = jnp.arange(t_max)[None, :, None] < il[:, None, None]
    log_alpha = jnp.where(valid_t & (log_alpha > -1e29), log_alpha, -jnp.inf)
    end1 = jnp.take_along_axis(last, (2 * tl)[:, None], 1)[:, 0]
    end2 = jnp.take_along_axis(last, jnp.maximum(2 * tl - 1, 0)[:, None], 1)[:, 0]
    end2 = jnp.where(tl > 0, end2, ninf)
    loss = -jnp.logaddexp(end1, end2)
    loss = jnp.where(loss > 1e29, jnp.inf, loss)
    if zero_infinity:
        # the value stays inf like MindSpore's kernel; the gradient of an infinite sample is zero
        loss = jnp.where(jnp.isinf(loss), lax.stop_gradient(loss), loss)
    if reduction == "sum":
        loss = jnp.sum(loss)
    elif reduction == "mean":
        dt = loss.dtype
        loss = jnp.mean(loss.astype(_F32) / jnp.maximum(tl.astype(_F32), 1.0)).astype(dt)
    return loss, log_alpha


_ctc_jit = jax.jit(_ctc_loss, static_argnums=(4, 5, 6))


# --- sampled softmax ------------------------------------------------------------------------------


@op("uniform_candidate_sample")
def _uniform_candidate_sample(true_classes, num_true, num_sampled, unique, range_max, key):
    """(sampled, true_expected_count, sampled_expected_count) of a uniform sampler."""
    if unique:
        sampled = jax.random.choice(key, range_max, (num_sampled,), replace=False)
    else:
        sampled = jax.random.randint(key, (num_sampled,), 0, range_max)
    p = num_sampled / range_max
    tec = jnp.full(true_classes.shape, p, _F32)
    sec = jnp.full((num_sampled,), p, _F32)
    return sampled.astype(np.int32), tec, sec


@op("sampled_softmax_loss")
def _sampled_softmax_loss(weights, biases, labels, logits, sampled, true_ec, sampled_ec, num_true):
    n_dim = weights.shape[1]
    labels_flat = labels.reshape(-1)
    sampled = sampled.astype(np.int32)
    true_w = weights[labels_flat]
    sampled_w = weights[sampled]
    sampled_logits = logits @ sampled_w.T + biases[sampled]
    true_logits = jnp.sum(logits[:, None, :] * true_w.reshape(-1, num_true, n_dim), -1)
    true_logits = true_logits + biases[labels_flat].reshape(-1, num_true)
    true_logits = true_logits - jnp.log(true_ec)
    sampled_logits = sampled_logits - jnp.log(sampled_ec)
    out_logits = jnp.concatenate([true_logits, sampled_logits], 1)
    out_labels = jnp.concatenate([jnp.ones_like(true_logits) / num_true, jnp.zeros_like(sampled_logits)], 1)
    e = jnp.exp(out_logits - jnp.max(out_logits, 1, keepdims=True))
    pred = e / jnp.sum(e, 1, keepdims=True)
    return -jnp.sum(out_labels * jnp.log(pred + 1.0e-20), 1)


@op("reshape_labels")
def _reshape_labels(labels, num_true):
    return labels.astype(np.int32).reshape(-1, num_true)


@op("rmse_loss")
def _rmse_loss(x, target):
    return jnp.sqrt(_reduce(jnp.square(x - target), "mean", "RMSELoss"))


@op("sparse_softmax_cross_entropy_none")
def _sparse_softmax_ce_none(logits, labels):
    """Per-sample loss of one-hot(labels) softmax cross entropy (SoftmaxCrossEntropyWithLogits sparse)."""
    onehot = jax.nn.one_hot(labels, logits.shape[-1], dtype=_F32)
    return _softmax_ce(logits, onehot)[0]


@op("pairwise_l2_distance")
def _pairwise_l2_distance(x, y):
    d = jnp.abs(x - y)
    if d.ndim == 0:
        R.raise_error(ValueError, "pairwise_distance", "'ndim' of the input must be positive, but got 0")
    return jnp.sqrt(jnp.sum(d * d, 1))


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


# --- functional views -----------------------------------------------------------------------------


@functional
def l1_loss(input, target, reduction="mean"):
    """``ops.l1_loss``: mean/sum/none of |input - target| (reduced through float32)."""
    return call("l1_loss", input, target, reduction)


@functional
def mse_loss(input, target, reduction="mean"):
    """``ops.mse_loss``: integer inputs give a Float32 loss."""
    return call("mse_loss", input, target, reduction)


@functional
def smooth_l1_loss(input, target, beta=1.0, reduction="none"):
    return call("smooth_l1_loss", input, target, beta, reduction)


@functional
def huber_loss(input, target, reduction="mean", delta=1.0):
    return call("huber_loss", input, target, reduction, delta)


@functional
def soft_margin_loss(input, target, reduction="mean"):
    return call("soft_margin_loss", input, target, reduction)


@functional
def margin_ranking_loss(input1, input2, target, margin=0.0, reduction="mean"):
    return call("margin_ranking_loss", input1, input2, target, margin, reduction)


@functional
def cosine_embedding_loss(input1, input2, target, margin=0.0, reduction="mean"):
    return call("cosine_embedding_loss", input1, input2, target, margin, reduction)


@functional
def hinge_embedding_loss(inputs, targets, margin=1.0, reduction="mean"):
    return call("hinge_embedding_loss", inputs, targets, margin, reduction)


@functional
def gaussian_nll_loss(x, target, var, full=False, eps=1e-6, reduction="mean"):
    return call("gaussian_nll_loss", x, target, var, full, eps, reduction)


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


@functional
def ctc_loss(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """``ops.ctc_loss``: returns (loss, log_alpha)."""
    return call(
        "ctc_loss", log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity
    )


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


class SmoothL1Loss(Primitive):
    def __init__(self, beta=1.0, reduction="none"):
        super().__init__("SmoothL1Loss")
        self.beta, self.reduction = beta, reduction

    def __call__(self, logits, labels):
        return call("smooth_l1_loss", logits, labels, self.beta, self.reduction)


class SoftMarginLoss(Primitive):
    def __init__(self, reduction="mean"):
        super().__init__("SoftMarginLoss")
        self.reduction = reduction

    def __call__(self, logits, labels):
        return call("soft_margin_loss", logits, labels, self.reduction)


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


class L2Loss(Primitive):
    def __init__(self):
        super().__init__("L2Loss")

    def __call__(self, x):
        return call("l2_loss", x)


class CTCLossV2(Primitive):
    """(neg_log_likelihood, log_alpha) with classes on the last axis of (T, N, C) log-probs."""

    def __init__(self, blank=0, reduction="none", zero_infinity=False):
        super().__init__("CTCLossV2")
        self.blank, self.reduction, self.zero_infinity = blank, reduction, zero_infinity

    def __call__(self, log_probs, targets, input_lengths, target_lengths):
        return call(
            "ctc_loss",
            log_probs,
            targets,
            input_lengths,
            target_lengths,
            self.blank,
            self.reduction,
            self.zero_infinity,
        )


class UniformCandidateSampler(Primitive):
    """Uniform class sampler (JAX's RNG: the samples differ from MindSpore's; the counts match)."""

    def __init__(self, num_true, num_sampled, unique, range_max, seed=0, remove_accidental_hits=False):
        super().__init__("UniformCandidateSampler")
        self.num_true, self.num_sampled, self.unique = num_true, num_sampled, unique
        self.range_max, self.seed = range_max, seed
        self.remove_accidental_hits = remove_accidental_hits

    def __call__(self, true_classes):
        from ...common.rng import next_key

        return call(
            "uniform_candidate_sample",
            true_classes,
            self.num_true,
            self.num_sampled,
            self.unique,
            self.range_max,
            next_key(),
        )


for _c in (
    SoftmaxCrossEntropyWithLogits,
    SparseSoftmaxCrossEntropyWithLogits,
    BinaryCrossEntropy,
    BCEWithLogitsLoss,
    SigmoidCrossEntropyWithLogits,
    SmoothL1Loss,
    SoftMarginLoss,
    KLDivLoss,
    NLLLoss,
    MultiMarginLoss,
    MultilabelMarginLoss,
    TripletMarginLoss,
    L2Loss,
    CTCLossV2,
    UniformCandidateSampler,
):
    primitive(_c)
del _c
