"""``LossMonitor``: prints ``epoch: E step: S, loss is L`` as MindSpore does."""

import numpy as np

from .. import _check as Validator
from ._callback import Callback, _handle_loss


class LossMonitor(Callback):
    """Prints the loss every ``per_print_times`` steps (0 disables) and eval metrics after epochs."""

    def __init__(self, per_print_times=1):
        super().__init__()
        Validator.check_non_negative_int(per_print_times)
        self._per_print_times = per_print_times
        self._last_print_time = 0

    def step_end(self, run_context):
        cb_params = run_context.original_args()
        cur_epoch_num = cb_params.get("cur_epoch_num", 1)
        loss = _handle_loss(cb_params.net_outputs)
        cur_step_in_epoch = (cb_params.cur_step_num - 1) % cb_params.batch_num + 1

        if isinstance(loss, float) and (np.isnan(loss) or np.isinf(loss)):
            raise ValueError("In epoch: {} step: {}, loss is NAN or INF, training process cannot continue, "
                             "terminating training.".format(cur_epoch_num, cur_step_in_epoch))

        if self._per_print_times != 0 and (cb_params.cur_step_num <= self._last_print_time):
            while cb_params.cur_step_num <= self._last_print_time:
                self._last_print_time -= \
                    max(self._per_print_times, cb_params.batch_num if cb_params.dataset_sink_mode else 1)

        since = cb_params.cur_step_num - self._last_print_time
        if self._per_print_times != 0 and since >= self._per_print_times:
            self._last_print_time = cb_params.cur_step_num
            print("epoch: %s step: %s, loss is %s" % (cur_epoch_num, cur_step_in_epoch, loss), flush=True)

    def on_train_epoch_end(self, run_context):
        cb_params = run_context.original_args()
        metrics = cb_params.get("metrics")
        if metrics:
            with np.printoptions(legacy="1.25"):  # numpy scalars print as MindSpore's NumPy 1 does
                print("Eval result: epoch %d, metrics: %s" % (cb_params.cur_epoch_num, metrics))
