"""``TimeMonitor``: prints epoch time and per-step time (MindSpore's format)."""

import time

from .. import _check as Validator
from ._callback import Callback


class TimeMonitor(Callback):
    """``Train epoch time: 12.345 ms, per step time: 1.234 ms`` after every epoch."""

    def __init__(self, data_size=None, data_time=False):
        super().__init__()
        self.data_size = data_size
        self.epoch_time = time.time()
        self.data_time = data_time
        self.data_time_sum = 0.0
        self.data_time_start = 0.0
        self.data_sink = lambda c: c.original_args()["dataset_sink_mode"]
        Validator.check_bool(data_time, "data_time")

    def on_train_step_begin(self, run_context):
        if self.data_time and not self.data_sink(run_context):
            self.data_time_sum += time.time() - self.data_time_start

    def on_train_step_end(self, run_context):
        if self.data_time and not self.data_sink(run_context):
            self.data_time_start = time.time()

    def epoch_begin(self, run_context):
        self.epoch_time = time.time()
        if self.data_time and not self.data_sink(run_context):
            self.data_time_sum = 0.0
            self.data_time_start = time.time()

    def epoch_end(self, run_context):
        epoch_seconds = (time.time() - self.epoch_time) * 1000
        step_size = self.data_size
        cb_params = run_context.original_args()
        mode = cb_params.get("mode", "")
        batch_num = cb_params.get("batch_num")
        if isinstance(batch_num, int) and batch_num > 0:
            step_size = batch_num
        Validator.check_positive_int(step_size)
        step_seconds = epoch_seconds / step_size
        train_log = "{} epoch time: {:5.3f} ms, per step time: {:5.3f} ms".format(
            mode.title(), epoch_seconds, step_seconds)
        if self.data_time and not self.data_sink(run_context):
            train_log += " (data time: {:5.3f} ms)".format(self.data_time_sum * 1000 / step_size)
        print(train_log, flush=True)
