"""Precision: true positives over predicted positives (body shared with Recall)."""

from ._precision_recall import _PrecisionRecall


class Precision(_PrecisionRecall):
    """Calculates precision for classification and multilabel data."""

    _NAME = "Precision"

    @staticmethod
    def _count(y_pred, y):
        return y_pred.sum(axis=0)
