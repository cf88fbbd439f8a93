"""A tqdm progress bar over training steps, shown only when stdout is a terminal.

``Model`` adds it by itself when stdout and stderr are terminals (set the environment variable
``MINDSPORE_JAX_PROGRESS=0`` to turn it off); piped or captured output never sees it, so
scripts print exactly what MindSpore prints.
"""

import os
import sys

from ._callback import Callback


def progress_wanted():
    if os.environ.get("MINDSPORE_JAX_PROGRESS", "1") == "0":
        return False
    try:
        return sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar(Callback):
    """One bar per epoch on stderr (``leave=False``), advancing by the steps each call ran."""

    def __init__(self):
        super().__init__()
        self._bar = None
        self._last = 0

    def on_train_epoch_begin(self, run_context):
        if not progress_wanted():
            return
        try:
            from tqdm import tqdm
        except ImportError:  # pragma: no cover
            return
        cb = run_context.original_args()
        self._bar = tqdm(total=cb.get("batch_num"), leave=False, file=sys.stderr,
                         desc=f"epoch {cb.get('cur_epoch_num')}/{cb.get('epoch_num')}")
        self._last = cb.get("cur_step_num", 0)

    def on_train_step_end(self, run_context):
        if self._bar is None:
            return
        cur = run_context.original_args().get("cur_step_num", 0)
        self._bar.update(cur - self._last)
        self._last = cur

    def on_train_epoch_end(self, run_context):
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def on_train_end(self, run_context):
        self.on_train_epoch_end(run_context)
