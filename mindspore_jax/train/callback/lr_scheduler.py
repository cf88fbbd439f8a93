"""``LearningRateScheduler``: sets the learning rate from ``fn(lr, cur_step_num)`` after each step."""

import logging
import math

import numpy as np

from ._callback import Callback

_log = logging.getLogger("mindspore_jax")


class LearningRateScheduler(Callback):
    """Changes a Parameter learning rate after every step."""

    def __init__(self, learning_rate_function):
        super().__init__()
        self.learning_rate_function = learning_rate_function

    def step_end(self, run_context):
        from ...common.tensor import Tensor

        cb_params = run_context.original_args()
        lr_param = cb_params.optimizer.learning_rate
        lr = float(np.array2string(lr_param.asnumpy()))
        new_lr = self.learning_rate_function(lr, cb_params.cur_step_num)
        if not math.isclose(lr, new_lr, rel_tol=1e-10):
            lr_param.set_data(Tensor(np.float32(new_lr)))
            _log.info(f'At step {cb_params.cur_step_num}, learning_rate change to {new_lr}')
