"""Recall: true positives over actual positives (body shared with Precision)."""

from ._precision_recall import _PrecisionRecall


class Recall(_PrecisionRecall):
    """Calculates recall for classification and multilabel data."""

    _NAME = "Recall"
    _CLASS_MSG_END = "."

    @staticmethod
    def _count(y_pred, y):
        return y.sum(axis=0)
