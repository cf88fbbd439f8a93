# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""The shared body of Precision and Recall: they differ only in what true positives are divided
by (predicted positives vs actual positives) and in their names.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

import sys

import numpy as np

from .. import _check as validator
from .metric import EvaluationBase, rearrange_inputs, _check_onehot_data, _np1


class _PrecisionRecall(EvaluationBase):
    """Subclasses set ``_NAME``, ``_CLASS_MSG_END`` and ``_count(y_pred, y)`` (the denominator)."""

    _NAME = ""
    _CLASS_MSG_END = ""  # MindSpore's two messages differ by a final period

    @staticmethod
    def _count(y_pred, y):
        raise NotImplementedError

    def __init__(self, eval_type='classification'):
        super().__init__(eval_type)
        self.eps = sys.float_info.min
        self.clear()

    def clear(self):
        """Clears the internal evaluation result."""
        self._class_num = 0
        if self._type == "multilabel":
            self._true_positives = np.empty(0)
            self._denominator = np.empty(0)
            self._true_positives_average = 0
            self._denominator_average = 0
        else:
            self._true_positives = 0
            self._denominator = 0

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result with `y_pred` and `y`."""
        name = self._NAME
        if len(inputs) != 2:
            raise ValueError(f"For '{name}.update', it needs 2 inputs (predicted value, true value), "
                             "but got {}.".format(len(inputs)))
        y_pred = self._convert_data(inputs[0])
        y = self._convert_data(inputs[1])
        if self._type == 'classification' and y_pred.ndim == y.ndim and _check_onehot_data(y):
            y = y.argmax(axis=1)
        self._check_shape(y_pred, y)
        self._check_value(y_pred, y)

        if self._class_num == 0:
            self._class_num = y_pred.shape[1]
        elif y_pred.shape[1] != self._class_num:
            raise ValueError(f"For '{name}.update', class number not match, last input predicted data contain {{}} "
                             "classes, but current predicted data contain {} classes, please check your predicted "
                             "value(inputs[0])".format(self._class_num, y_pred.shape[1]) + self._CLASS_MSG_END)

        class_num = self._class_num
        if self._type == "classification":
            if y.max() + 1 > class_num:
                raise ValueError(f"For '{name}.update', predicted value (input[0]) should have the same classes "
                                 "number as true value (input[1]), but got predicted value classes {}, true value "
                                 "classes {}.".format(class_num, y.max() + 1))
            y = np.eye(class_num)[y.reshape(-1)]
            indices = y_pred.argmax(axis=1).reshape(-1)
            y_pred = np.eye(class_num)[indices]
        elif self._type == "multilabel":
            y_pred = y_pred.swapaxes(1, 0).reshape(class_num, -1)
            y = y.swapaxes(1, 0).reshape(class_num, -1)

        denominator = self._count(y_pred, y)
        true_positives = (y * y_pred).sum(axis=0)

        if self._type == "multilabel":
            self._true_positives_average += _np1(np.sum(true_positives / (denominator + self.eps)))
            self._denominator_average += len(denominator)
            self._true_positives = np.concatenate((self._true_positives, true_positives), axis=0)
            self._denominator = np.concatenate((self._denominator, denominator), axis=0)
        else:
            self._true_positives += true_positives
            self._denominator += denominator

    def eval(self, average=False):
        """Computes the metric."""
        if self._class_num == 0:
            raise RuntimeError(f"The '{self._NAME}' can not be calculated, because the number of samples is 0, "
                               "please check whether your inputs (predicted value, true value) are empty, or "
                               "has called update method before calling eval method.")

        validator.check_value_type("average", average, [bool], self.__class__.__name__)
        result = self._true_positives / (self._denominator + self.eps)

        if average:
            if self._type == "multilabel":
                result = self._true_positives_average / (self._denominator_average + self.eps)
            return result.mean()
        return result
