"""``ReduceLROnPlateau``: multiplies the optimizer's learning rate by ``factor`` on a plateau."""

import numpy as np

from .. import _check as Validator
from ._callback import Callback
from .early_stop import _monitor_value, _smaller_better_metrics


class ReduceLROnPlateau(Callback):
    """Lowers a fixed (Parameter) learning rate when ``monitor`` stalls for ``patience`` epochs."""

    def __init__(self, monitor='eval_loss', factor=0.1, patience=10, verbose=False, mode='auto',
                 min_delta=1e-4, cooldown=0, min_lr=0):
        super().__init__()
        self.monitor = Validator.check_value_type('monitor', monitor, str)
        self.factor = Validator.check_float_range(factor, 0.0, 1.0, "factor")
        self.patience = Validator.check_non_negative_int(patience)
        self.verbose = Validator.check_bool(verbose)
        self.mode = Validator.check_value_type('mode', mode, str)
        min_delta = Validator.check_value_type("min_delta", min_delta, [float, int])
        self.min_delta = abs(min_delta)
        self.cooldown = Validator.check_non_negative_int(cooldown)
        self.min_lr = Validator.check_value_type("min_lr", min_lr, [float, int])
        self.cooldown_counter = 0
        self.wait = 0
        if self.mode not in ['auto', 'min', 'max']:
            raise ValueError("mode should be 'auto', 'min' or 'max', but got %s." % self.mode)
        if self._smaller_better():
            self.is_improvement = lambda a, b: np.less(a, b - self.min_delta)
        else:
            self.is_improvement = lambda a, b: np.greater(a, b + self.min_delta)
        self.best = np.inf if self._smaller_better() else -np.inf

    def _smaller_better(self):
        return self.mode == 'min' or (self.mode == 'auto' and self.monitor in _smaller_better_metrics)

    def on_train_begin(self, run_context):
        self.cooldown_counter = 0
        self.wait = 0
        self.best = np.inf if self._smaller_better() else -np.inf

    def on_train_epoch_end(self, run_context):
        from ...common.parameter import Parameter
        from ...common.tensor import Tensor

        cb_params = run_context.original_args()
        cur_lr = cb_params.optimizer.learning_rate
        if not isinstance(cur_lr, Parameter):
            raise ValueError("ReduceLROnPlateau does not support dynamic learning rate and group learning "
                             "rate now.")
        current = _monitor_value(self.monitor, cb_params, "Learning rate reduction")
        if current is None:
            return
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.wait = 0
        if self.is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif self.cooldown_counter <= 0:
            self.wait += 1
            if self.wait >= self.patience:
                lr = cur_lr.asnumpy()
                if lr > np.float32(self.min_lr):
                    scaled = (lr * np.asarray(self.factor, lr.dtype)).astype(lr.dtype)
                    new_lr = Tensor(scaled) if scaled >= self.min_lr else self.min_lr
                    cur_lr.set_data(Tensor(np.asarray(new_lr.asnumpy() if isinstance(new_lr, Tensor)
                                                      else new_lr, lr.dtype)))
                    if self.verbose:
                        print('Epoch %05d: ReduceLROnPlateau reducing learning rate to %s.'
                              % (cb_params.cur_epoch_num, new_lr))
                self.cooldown_counter = self.cooldown
                self.wait = 0
