"""``LambdaCallback``: a callback built from plain functions."""

from ._callback import Callback

_NAMES = ("on_train_epoch_begin", "on_train_epoch_end", "on_train_step_begin", "on_train_step_end",
          "on_train_begin", "on_train_end", "on_eval_epoch_begin", "on_eval_epoch_end",
          "on_eval_step_begin", "on_eval_step_end", "on_eval_begin", "on_eval_end")


def _noop(run_context):
    return None


class LambdaCallback(Callback):
    """Each keyword names a hook; its function receives the run context."""

    def __init__(self, on_train_epoch_begin=None, on_train_epoch_end=None, on_train_step_begin=None,
                 on_train_step_end=None, on_train_begin=None, on_train_end=None,
                 on_eval_epoch_begin=None, on_eval_epoch_end=None, on_eval_step_begin=None,
                 on_eval_step_end=None, on_eval_begin=None, on_eval_end=None):
        super().__init__()
        given = locals()
        for name in _NAMES:
            setattr(self, name, given[name] if given[name] else _noop)
