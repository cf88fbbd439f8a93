"""Loss cells (``nn.L1Loss``, ``nn.CrossEntropyLoss``, ...): thin Cells over the loss ops in
``ops/_impl/loss_*.py``, with MindSpore's constructor checks and defaults (note
``SmoothL1Loss`` and ``SoftmaxCrossEntropyWithLogits`` default to ``reduction='none'``)."""

from __future__ import annotations

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops._registry import call
from ...ops._impl import loss_classification as lc
from ...ops._impl import loss_regression as lr
from ...ops._impl import loss_sequence as ls
from ..cell import Cell

__all__ = [
    "LossBase",
    "L1Loss",
    "MSELoss",
    "RMSELoss",
    "MAELoss",
    "SmoothL1Loss",
    "HuberLoss",
    "SoftMarginLoss",
    "SoftmaxCrossEntropyWithLogits",
    "CrossEntropyLoss",
    "NLLLoss",
    "BCELoss",
    "BCEWithLogitsLoss",
    "KLDivLoss",
    "CosineEmbeddingLoss",
    "MarginRankingLoss",
    "MultiMarginLoss",
    "MultiLabelSoftMarginLoss",
    "MultilabelMarginLoss",
    "TripletMarginLoss",
    "TripletMarginWithDistanceLoss",
    "PoissonNLLLoss",
    "GaussianNLLLoss",
    "HingeEmbeddingLoss",
    "CTCLoss",
    "DiceLoss",
    "MultiClassDiceLoss",
    "FocalLoss",
    "SampledSoftmaxLoss",
    "L1LossExt",
]


def _check_tensor(cls_name, arg, x):
    if x is not None and not isinstance(x, Tensor):
        raise TypeError(f"For '{cls_name}', the '{arg}' must be 'Tensor', but got '{type(x).__name__}'")


class LossBase(Cell):
    """Base of losses: ``get_loss(x, weights)`` multiplies by ``weights`` and applies the reduction."""

    def __init__(self, reduction="mean"):
        super().__init__()
        if reduction not in ("mean", "sum", "none"):
            raise ValueError(
                f"For '{self.cls_name}', the 'reduction' must be in ['mean', 'sum', 'none'], "
                f"but got {reduction}."
            )
        self.average = reduction == "mean"
        self.reduce = reduction != "none"
        self._reduction = reduction

    def get_axis(self, x):
        return tuple(range(len(x.shape)))

    def get_loss(self, x, weights=1.0):
        red = "mean" if self.reduce and self.average else "sum" if self.reduce else "none"
        return call("loss_reduce", x, weights, red)

    def construct(self, logits, labels):
        raise NotImplementedError


class L1Loss(LossBase):
    def __init__(self, reduction="mean"):
        super().__init__(reduction)
        self.reduction = reduction

    def construct(self, logits, labels):
        return lr.l1_loss(logits, labels, self.reduction)


class L1LossExt(L1Loss):
    pass


class MSELoss(LossBase):
    def construct(self, logits, labels):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", labels)
        return call("square_loss", logits, labels, self._red())

    def _red(self):
        return "mean" if self.reduce and self.average else "sum" if self.reduce else "none"


class RMSELoss(LossBase):
    """sqrt(MSELoss(mean))."""

    def __init__(self):
        super().__init__()
        self.MSELoss = MSELoss()

    def construct(self, logits, label):
        for n, x in (("logits", logits), ("label", label)):
            if x.dtype in (mstype.uint8, mstype.uint16, mstype.uint32, mstype.uint64):
                raise TypeError(
                    f"For 'RMSELoss', the parameters data type must not be in "
                    f"[UInt8, UInt16, UInt32, UInt64], but got mindspore.{str(x.dtype).lower()}."
                )
        return call("rmse_loss", logits, label)


class MAELoss(MSELoss):
    def construct(self, logits, label):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", label)
        return call("abs_loss", logits, label, self._red())


class SmoothL1Loss(LossBase):
    def __init__(self, beta=1.0, reduction="none"):
        super().__init__(reduction)
        self.beta, self.reduction = beta, reduction

    def construct(self, logits, labels):
        return call("smooth_l1_loss", logits, labels, self.beta, self.reduction)


class HuberLoss(LossBase):
    def __init__(self, reduction="mean", delta=1.0):
        super().__init__(reduction)
        self.reduction, self.delta = reduction, delta

    def construct(self, logits, labels):
        return lr.huber_loss(logits, labels, self.reduction, self.delta)


class SoftMarginLoss(LossBase):
    def __init__(self, reduction="mean"):
        super().__init__(reduction)
        self.reduction = reduction

    def construct(self, logits, labels):
        return lr.soft_margin_loss(logits, labels, self.reduction)


class SoftmaxCrossEntropyWithLogits(LossBase):
    """Softmax cross entropy over the last axis; ``sparse=True`` takes class indices."""

    def __init__(self, sparse=False, reduction="none"):
        super().__init__(reduction)
        if not isinstance(sparse, bool):
            raise TypeError(
                f"For '{self.cls_name}', the 'sparse' must be bool, but got {type(sparse).__name__}."
            )
        self.sparse, self.reduction = sparse, reduction

    def construct(self, logits, labels):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", labels)
        if self.sparse:
            if self.reduction == "mean":
                return call("sparse_softmax_cross_entropy_with_logits", logits, labels, False)
            x = call("sparse_softmax_cross_entropy_none", logits, labels)
        else:
            x = call("softmax_cross_entropy_with_logits", logits, labels)[0]
        return self.get_loss(x)


class CrossEntropyLoss(LossBase):
    def __init__(self, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__(reduction)
        if not isinstance(ignore_index, int) or isinstance(ignore_index, bool):
            raise TypeError(
                f"For '{self.cls_name}', the 'ignore_index' must be int, "
                f"but got {type(ignore_index).__name__}."
            )
        if not isinstance(label_smoothing, float):
            raise TypeError(
                f"For '{self.cls_name}', the 'label_smoothing' must be float, "
                f"but got {type(label_smoothing).__name__}."
            )
        if not 0.0 <= label_smoothing <= 1.0:
            raise ValueError(
                f"For '{self.cls_name}', the 'label_smoothing' must be in range [0.0, 1.0], "
                f"but got {label_smoothing}."
            )
        _check_weight(self.cls_name, weight)
        self.weight, self.ignore_index = weight, ignore_index
        self.reduction, self.label_smoothing = reduction, label_smoothing

    def construct(self, logits, labels):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", labels)
        if labels.ndim == logits.ndim - 1 and labels.dtype != mstype.int32:
            raise TypeError(
                f"For '{self.cls_name}', the type of 'labels' must be Int32 for class indices, "
                f"but got {labels.dtype}."
            )
        return lc.cross_entropy(
            logits, labels, self.weight, self.ignore_index, self.reduction, self.label_smoothing
        )


def _check_weight(cls_name, weight):
    if weight is not None:
        if not isinstance(weight, Tensor):
            raise TypeError(
                f"For '{cls_name}', the 'weight' must be Tensor, but got {type(weight).__name__}."
            )
        if weight.dtype not in (mstype.float16, mstype.float32):
            raise TypeError(
                f"For '{cls_name}', the dtype of 'weight' must be float16 or float32, but got {weight.dtype}."
            )


class NLLLoss(LossBase):
    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        super().__init__(reduction)
        if not isinstance(ignore_index, int) or isinstance(ignore_index, bool):
            raise TypeError(
                f"For '{self.cls_name}', the 'ignore_index' must be int, "
                f"but got {type(ignore_index).__name__}."
            )
        _check_weight(self.cls_name, weight)
        self.weight, self.ignore_index, self.reduction = weight, ignore_index, reduction

    def construct(self, logits, labels):
        return lc.nll_loss(logits, labels, self.weight, self.ignore_index, self.reduction)


class BCELoss(LossBase):
    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.weight, self.reduction = weight, reduction

    def construct(self, logits, labels):
        return lc.binary_cross_entropy(logits, labels, self.weight, self.reduction)


class BCEWithLogitsLoss(LossBase):
    def __init__(self, reduction="mean", weight=None, pos_weight=None):
        super().__init__(reduction)
        for n, w in (("weight", weight), ("pos_weight", pos_weight)):
            if isinstance(w, Parameter):
                raise TypeError(f"For '{self.cls_name}', the '{n}' can not be a Parameter.")
        self.reduction, self.weight, self.pos_weight = reduction, weight, pos_weight

    def construct(self, input, target):
        _check_tensor(self.cls_name, "input", input)
        _check_tensor(self.cls_name, "target", target)
        return lc.binary_cross_entropy_with_logits(input, target, self.weight, self.pos_weight,
                                                   self.reduction)


class KLDivLoss(LossBase):
    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def construct(self, logits, labels):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", labels)
        return lc.kl_div(logits, labels, self.reduction)


class CosineEmbeddingLoss(LossBase):
    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__(reduction)
        if not isinstance(margin, float):
            raise TypeError(
                f"For '{self.cls_name}', the 'margin' must be float, but got {type(margin).__name__}."
            )
        if not -1.0 <= margin <= 1.0:
            raise ValueError(
                f"For '{self.cls_name}', the 'margin' must be in range [-1.0, 1.0], but got {margin}."
            )
        self.margin, self.reduction = margin, reduction

    def construct(self, logits_x1, logits_x2, labels):
        return lr.cosine_embedding_loss(logits_x1, logits_x2, labels, self.margin, self.reduction)


class MarginRankingLoss(LossBase):
    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__(reduction)
        self.margin, self.reduction = margin, reduction

    def construct(self, input1, input2, target):
        return lr.margin_ranking_loss(input1, input2, target, self.margin, self.reduction)


class MultiMarginLoss(LossBase):
    def __init__(self, p=1, margin=1.0, reduction="mean", weight=None):
        super().__init__()
        if p not in (1, 2):
            raise ValueError(f"For '{self.cls_name}', the 'p' must be 1 or 2, but got {p}.")
        self.p, self.margin, self.reduction, self.weight = p, float(margin), reduction, weight

    def construct(self, x, target, weight=None):
        if self.weight is not None:
            weight = self.weight
        return call("multi_margin_loss", x, target, self.p, self.margin, weight, self.reduction)


class MultiLabelSoftMarginLoss(LossBase):
    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.weight, self.reduction = weight, reduction

    def construct(self, x, target):
        return lc.multilabel_soft_margin_loss(x, target, self.weight, self.reduction)


class MultilabelMarginLoss(LossBase):
    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def construct(self, x, target):
        return call("multilabel_margin_loss", x, target, self.reduction)[0]


class TripletMarginLoss(LossBase):
    def __init__(self, p=2, swap=False, eps=1e-06, reduction="mean", margin=1.0):
        super().__init__()
        self.p, self.swap, self.eps, self.reduction, self.margin = p, swap, eps, reduction, margin

    def construct(self, x, positive, negative, margin=1.0):
        if self.margin != 1.0:
            margin = self.margin
        return lc.triplet_margin_loss(
            x,
            positive,
            negative,
            margin=margin,
            p=self.p,
            eps=self.eps,
            swap=self.swap,
            reduction=self.reduction,
        )


class TripletMarginWithDistanceLoss(LossBase):
    """max(d(x, pos) - d(x, neg) + margin, 0) with a user distance (default: L2 of |x - y|)."""

    def __init__(self, distance_function=None, swap=False, reduction="mean", margin=1.0):
        super().__init__(reduction)
        if not isinstance(margin, float):
            raise TypeError(
                f"For '{self.cls_name}', the 'margin' must be float, but got {type(margin).__name__}."
            )
        self.distance_function = distance_function or _pairwise_l2
        self.swap, self.reduction, self.margin = swap, reduction, margin

    def construct(self, x, positive, negative):
        d1 = self.distance_function(x, positive)
        d2 = self.distance_function(x, negative)
        if self.swap:
            d2 = call("minimum", d2, self.distance_function(positive, negative))
        loss = call("maximum", d1 - d2 + self.margin, 0)
        return self.get_loss(loss)


def _pairwise_l2(x, y):
    return call("pairwise_l2_distance", x, y)


class PoissonNLLLoss(LossBase):
    def __init__(self, log_input=True, full=False, eps=1e-08, reduction="mean"):
        super().__init__(reduction=reduction)
        self.log_input, self.full, self.eps, self.reduction = log_input, full, eps, reduction

    def construct(self, input, target):
        _check_tensor(self.cls_name, "input", input)
        _check_tensor(self.cls_name, "target", target)
        return call("poisson_nll_loss", input, target, self.log_input, self.full, self.eps, self.reduction)


class GaussianNLLLoss(LossBase):
    def __init__(self, *, full=False, eps=1e-6, reduction="mean"):
        super().__init__()
        if not isinstance(eps, (int, float)) or eps <= 0:
            raise ValueError(f"For '{self.cls_name}', the 'eps' must be in range (0, inf), but got {eps}.")
        if not isinstance(full, bool):
            raise TypeError(f"For '{self.cls_name}', the 'full' must be bool, but got {type(full).__name__}.")
        if reduction not in ("none", "mean", "sum"):
            raise ValueError(
                f"For 'gaussian_nll_loss', the 'reduction' must be in ['none', 'mean', 'sum'], "
                f"but got {reduction}."
            )
        self.full, self.eps, self.reduction = full, float(eps), reduction

    def construct(self, logits, labels, var):
        for n, x in (("logits", logits), ("labels", labels), ("var", var)):
            _check_tensor(self.cls_name, n, x)
        return lr.gaussian_nll_loss(logits, labels, var, self.full, self.eps, self.reduction)


class HingeEmbeddingLoss(LossBase):
    def __init__(self, margin=1.0, reduction="mean"):
        super().__init__()
        if isinstance(margin, bool) or not isinstance(margin, (int, float)):
            raise TypeError(
                f"For '{self.cls_name}', the 'margin' must be float or int, but got {type(margin).__name__}."
            )
        if reduction not in ("none", "sum", "mean"):
            raise ValueError(
                f"For '{self.cls_name}', the 'reduction' must be in ['none', 'sum', 'mean'], "
                f"but got {reduction}."
            )
        self.margin, self.reduction = margin, reduction

    def construct(self, logits, labels):
        return lr.hinge_embedding_loss(logits, labels, self.margin, self.reduction)


class CTCLoss(LossBase):
    """CTC over (T, N, C) (or unbatched (T, C)) log-probabilities."""

    def __init__(self, blank=0, reduction="mean", zero_infinity=False):
        super().__init__()
        self.blank, self.reduction, self.zero_infinity = blank, reduction, zero_infinity

    def construct(self, log_probs, targets, input_lengths, target_lengths):
        _check_tensor(self.cls_name, "log_probs", log_probs)
        _check_tensor(self.cls_name, "targets", targets)
        if log_probs.ndim == 2 and (targets.ndim > 2 or (targets.ndim == 2 and targets.shape[0] != 1)):
            raise ValueError(
                "For CTCLoss, when the shape of log_probs is (T, C), the targets must be 1-D "
                f"or 2-D with first dimension 1, but got shape {targets.shape}."
            )
        return ls.ctc_loss(
            log_probs, targets, input_lengths, target_lengths, self.blank, self.reduction, self.zero_infinity
        )[0]


class DiceLoss(LossBase):
    """1 - 2|X∩Y| / (|X|² + |Y|² + smooth) over all elements."""

    def __init__(self, smooth=1e-5):
        super().__init__()
        if not isinstance(smooth, float) or smooth <= 0:
            raise ValueError(f"For 'DiceLoss', the 'smooth' must be a positive float, but got {smooth}.")
        self.smooth = smooth

    def construct(self, logits, label):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", label)
        if logits.shape != label.shape:
            raise ValueError(
                f"For '{self.cls_name}', the 'logits_shape' must be equal to 'label_shape', "
                f"but got "
                f"{logits.shape} and {label.shape}."
            )
        for n, x in (("logits", logits), ("labels", label)):
            if x.dtype == mstype.uint8:
                raise TypeError(f"For '{self.cls_name}', the dtype of '{n}' can not be uint8.")
        return call("dice_loss", logits, label, self.smooth)


_DICE_ACTIVATIONS = ("softmax", "logsoftmax", "relu", "relu6", "tanh", "sigmoid")


def _activation(name):
    return lambda x: call("dice_activation", x, name)


class MultiClassDiceLoss(LossBase):
    """Mean over classes (axis 1) of DiceLoss, optionally weighted, skipping ``ignore_indiex``."""

    def __init__(self, weights=None, ignore_indiex=None, activation="softmax"):
        super().__init__()
        if weights is not None:
            if not isinstance(weights, Tensor):
                raise TypeError(
                    f"For '{self.cls_name}', the 'weights' must be Tensor, but got {type(weights).__name__}."
                )
            if weights.ndim != 2:
                raise ValueError(
                    f"For '{self.cls_name}', the dimension of 'weights' must be 2, but got {weights.ndim}."
                )
        if ignore_indiex is not None and not isinstance(ignore_indiex, int):
            raise TypeError(
                f"For '{self.cls_name}', the 'ignore_indiex' must be int, "
                f"but got {type(ignore_indiex).__name__}."
            )
        if isinstance(activation, str):
            if activation not in _DICE_ACTIVATIONS:
                raise ValueError(
                    f"For '{self.cls_name}', the 'activation' must be in "
                    f"{list(_DICE_ACTIVATIONS)}, "
                    f"but got {activation}."
                )
            activation = _activation(activation)
        elif activation is not None and not isinstance(activation, Cell):
            raise TypeError(
                f"For '{self.cls_name}', the 'activation' must be str or Cell, but got {type(activation)}."
            )
        self.weights, self.ignore_indiex, self.activation = weights, ignore_indiex, activation
        self.binarydiceloss = DiceLoss(smooth=1e-5)

    def construct(self, logits, label):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", label)
        if logits.shape != label.shape:
            raise ValueError(
                f"For '{self.cls_name}', the 'logits_shape' must be equal to 'label_shape', "
                f"but got "
                f"{logits.shape} and {label.shape}."
            )
        if logits.ndim < 2 or label.ndim < 2:
            raise ValueError(
                f"For '{self.cls_name}', the 'logits' and 'labels' dimension must be greater "
                f"than 1, but got {logits.ndim} and {label.ndim}."
            )
        if self.activation is not None:
            logits = self.activation(logits)
        total = 0
        for i in range(label.shape[1]):
            if i != self.ignore_indiex:
                d = self.binarydiceloss(logits[:, i], label[:, i])
                if self.weights is not None:
                    d = d * self.weights[i]
                total = total + d
        return total / label.shape[1]


class FocalLoss(LossBase):
    def __init__(self, weight=None, gamma=2.0, reduction="mean"):
        super().__init__(reduction=reduction)
        if not isinstance(gamma, float):
            raise TypeError(
                f"For '{self.cls_name}', the 'gamma' must be float, but got {type(gamma).__name__}."
            )
        if weight is not None and not isinstance(weight, Tensor):
            raise TypeError(
                f"For '{self.cls_name}', the type of 'weight' must be a Tensor, "
                f"but got {type(weight).__name__}."
            )
        if isinstance(weight, Tensor) and weight.ndim != 1:
            raise ValueError(
                f"For '{self.cls_name}', the dimension of 'weight' must be 1, but got {weight.ndim}."
            )
        self.weight, self.gamma, self.reduction = weight, gamma, reduction

    def construct(self, logits, labels):
        _check_tensor(self.cls_name, "logits", logits)
        _check_tensor(self.cls_name, "labels", labels)
        for n, d in (("logits", logits.ndim), ("labels", labels.ndim)):
            if d < 2 or d > 4:
                raise ValueError(
                    f"For '{self.cls_name}', the dimensions of '{n}' must be in [2, 4], "
                    f"but got dimension of '{n}' {d}."
                )
        if logits.ndim != labels.ndim:
            raise ValueError(
                f"For '{self.cls_name}', the dimensions of 'logits' and 'labels' must be "
                f"equal, but "
                f"got dimension of 'logits' {logits.ndim} and dimension of 'labels' "
                f"{labels.ndim}."
            )
        if logits.shape[1] == 1:
            raise ValueError(f"For '{self.cls_name}', the 'logits'.shape[1] cannot be one, but got 1.")
        if labels.shape[1] not in (1, logits.shape[1]):
            raise ValueError(
                f"For '{self.cls_name}', the 'labels'.shape[1] must be one or equal to "
                f"'logits'.shape[1]: {logits.shape[1]}, but got {labels.shape[1]}."
            )
        return call("focal_loss", logits, labels, self.weight, self.gamma, self._reduction)


class SampledSoftmaxLoss(LossBase):
    """Softmax over the true class and ``num_sampled`` sampled classes (log-q corrected).

    With ``sampled_values`` given the result is exact; otherwise classes are drawn with JAX's RNG,
    so the sample (and so the value) differs from MindSpore's."""

    def __init__(
        self,
        num_sampled,
        num_classes,
        num_true=1,
        sampled_values=None,
        remove_accidental_hits=True,
        seed=0,
        reduction="none",
    ):
        super().__init__(reduction)
        if num_true < 1:
            raise ValueError(
                f"For '{self.cls_name}', the 'num_true' must be greater than or equal to 1, "
                f"but got {num_true}."
            )
        if seed < 0:
            raise ValueError(
                f"For '{self.cls_name}', the 'seed' must be greater than or equal to 0, but got {seed}."
            )
        if num_sampled > num_classes:
            raise ValueError(
                f"For '{self.cls_name}', the 'num_sampled' must be smaller than or equal to "
                f"'num_classes', but got 'num_sampled': {num_sampled} and 'num_classes': "
                f"{num_classes}."
            )
        if num_true > num_classes:
            raise ValueError(
                f"For '{self.cls_name}', the 'num_true' must be smaller than or equal to "
                f"'num_classes', but got 'num_true': {num_true} amd 'num_classes': "
                f"{num_classes}."
            )
        if sampled_values is not None:
            if not isinstance(sampled_values, (list, tuple)):
                raise TypeError(
                    f"For '{self.cls_name}', the type of 'sampled_values' must be a list or "
                    f"tuple, "
                    f"but got {type(sampled_values).__name__}."
                )
            if len(sampled_values) != 3:
                raise ValueError(
                    f"For '{self.cls_name}', the length of 'sampled_values' must be equal to 3,"
                    f"but got {len(sampled_values)}."
                )
        self.num_sampled, self.num_classes, self.num_true = num_sampled, num_classes, num_true
        self.sampled_values, self.remove_accidental_hits, self.seed = (
            sampled_values,
            remove_accidental_hits,
            seed,
        )
        self.sampler = ls.UniformCandidateSampler(
            num_true, num_sampled, True, num_classes, seed, remove_accidental_hits
        )

    def construct(self, weights, biases, labels, logits):
        for n, x in (("weights", weights), ("biases", biases), ("labels", labels), ("logits", logits)):
            _check_tensor(self.cls_name, n, x)
        if labels.dtype not in (mstype.int32, mstype.int64):
            raise TypeError(
                f"For '{self.cls_name}', the type of 'labels' must be in [Int32, Int64], "
                f"but got {labels.dtype}."
            )
        lab = call("reshape_labels", labels, self.num_true)
        sv = self.sampled_values if self.sampled_values is not None else self.sampler(lab)
        x = call("sampled_softmax_loss", weights, biases, lab, logits, sv[0], sv[1], sv[2], self.num_true)
        return self.get_loss(x)
