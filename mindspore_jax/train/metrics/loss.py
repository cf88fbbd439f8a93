# ruff: noqa: E501  (ported from MindSpore, whose lines are 120 wide)
"""Loss for evaluation

Adapted from MindSpore 2.10 (Apache License 2.0), same formulas and messages.
"""

from .metric import Metric, rearrange_inputs, _np1


class Loss(Metric):
    """Calculates the average of the loss."""
    def __init__(self):
        super().__init__()
        self.clear()

    def clear(self):
        """Clears the internal evaluation result."""
        self._sum_loss = 0
        self._total_num = 0

    @rearrange_inputs
    def update(self, *inputs):
        """Updates the internal evaluation result."""
        if len(inputs) != 1:
            raise ValueError("For 'Loss.update', it needs 1 input (loss), but got {}".format(len(inputs)))

        loss = self._convert_data(inputs[0])

        if loss.ndim == 0:
            loss = loss.reshape(1)

        if loss.ndim != 1:
            raise ValueError("For 'Loss.update', the dimension of your input (loss) must be 1, "
                             "but got {}.".format(loss.ndim))

        loss = loss.mean(-1)
        self._sum_loss += _np1(loss)
        self._total_num += 1

    def eval(self):
        """Calculates the average of the loss."""
        if self._total_num == 0:
            raise RuntimeError("The 'Loss' can not be calculated, because the number of samples is 0, please "
                               "check whether has called update method before calling eval method.")
        return self._sum_loss / self._total_num
