# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""Error.

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

import numpy as np

from .metric import Metric, rearrange_inputs, _np1


class MAE(Metric):
    """Calculates the mean absolute error(MAE)."""
    def __init__(self):
        super().__init__()
        self.clear()

    def clear(self):
        """Clears the internal evaluation result."""
        self._abs_error_sum = 0
        self._samples_num = 0

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result `y_pred` and `y`."""
        if len(inputs) != 2:
            raise ValueError("For 'MAE.update', it needs 2 inputs (predicted value, true value), "
                             "but got {}.".format(len(inputs)))
        y_pred = self._convert_data(inputs[0])
        y = self._convert_data(inputs[1])
        abs_error_sum = np.abs(y.reshape(y_pred.shape) - y_pred)
        self._abs_error_sum += _np1(abs_error_sum.sum())
        self._samples_num += y.shape[0]

    def eval(self):
        """Computes the mean absolute error(MAE)."""
        if self._samples_num == 0:
            raise RuntimeError("The 'MAE' can not be calculated, because the number of samples is 0, "
                               "please check whether your inputs(predicted value, true value) are empty, "
                               "or has called update method before calling eval method.")
        return self._abs_error_sum / self._samples_num


class MSE(Metric):
    """Measures the mean squared error(MSE)."""
    def __init__(self):
        super().__init__()
        self.clear()

    def clear(self):
        """Clear the internal evaluation result."""
        self._squared_error_sum = 0
        self._samples_num = 0

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result :math:`y_{pred}` and :math:`y`."""
        if len(inputs) != 2:
            raise ValueError("For 'MSE.update', it needs 2 inputs (predicted value, true value), "
                             "but got {}.".format(len(inputs)))

        y_pred = self._convert_data(inputs[0])
        y = self._convert_data(inputs[1])
        squared_error_sum = np.power(y.reshape(y_pred.shape) - y_pred, 2)
        self._squared_error_sum += _np1(squared_error_sum.sum())
        self._samples_num += y.shape[0]

    def eval(self):
        """Computes the mean squared error(MSE)."""
        if self._samples_num == 0:
            raise RuntimeError("The 'MSE' can not be calculated, because the number of samples is 0, "
                               "please check whether your inputs(predicted value, true value) are empty, "
                               "or has called update method before calling eval method.")
        return self._squared_error_sum / self._samples_num
