# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""Perplexity

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

import math
import numpy as np

from .. import _check as validator
from .metric import Metric, rearrange_inputs, _np1


class Perplexity(Metric):
    """Computes perplexity."""

    def __init__(self, ignore_label=None):
        super().__init__()

        if ignore_label is None:
            self.ignore_label = ignore_label
        else:
            self.ignore_label = validator.check_value_type("ignore_label", ignore_label, [int])
        self.clear()

    def clear(self):
        """Clears the internal evaluation result."""
        self._sum_metric = 0.0
        self._num_inst = 0

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result `preds` and `labels`."""
        if len(inputs) != 2:
            raise ValueError("For 'Perplexity.update', it needs 2 inputs (predicted value, label), but got {}."
                             .format(len(inputs)))

        preds = [self._convert_data(inputs[0])]
        labels = [self._convert_data(inputs[1])]

        if len(preds) != len(labels):
            raise RuntimeError("For 'Perplexity.update', predicted value (input[0]) and label (input[1]) should have "
                               "the same length, but got predicted value length {}, label length {}."
                               .format(len(preds), len(labels)))

        loss = 0.
        num = 0
        for label, pred in zip(labels, preds):
            if label.size != pred.size / pred.shape[-1]:
                raise RuntimeError("For 'Perplexity.update', predicted value (input[0]) and label (input[1]) should "
                                   "have the same shape, but got predicted value shape {}, label shape {}."
                                   .format(pred.shape, label.shape))
            label = label.reshape((label.size,))
            label_expand = label.astype(int)
            label_expand = np.expand_dims(label_expand, axis=1)
            first_indices = np.arange(label_expand.shape[0])[:, None]
            pred = np.squeeze(pred[first_indices, label_expand])
            if self.ignore_label is not None:
                ignore = (label == self.ignore_label).astype(pred.dtype)
                num -= _np1(np.sum(ignore))
                pred = pred * (1 - ignore) + ignore
            loss -= _np1(np.sum(np.log(np.maximum(1e-10, pred))))
            num += pred.size
        self._sum_metric += loss
        self._num_inst += num

    def eval(self):
        """Returns the current evaluation result."""
        if self._num_inst == 0:
            raise RuntimeError("The 'Perplexity' can not be calculated, because the number of samples is 0, please "
                               "check whether the update method has been called before calling eval method.")

        return math.exp(self._sum_metric / self._num_inst)
