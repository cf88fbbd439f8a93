"""``SummaryCollector`` / ``SummaryLandscape``: accepted so scripts run; they record nothing.

MindSpore writes MindInsight summary files; mindspore_jax has no summary writer, so these
callbacks take MindSpore's arguments, warn once, and do nothing.
"""

import logging
import os

from ._callback import Callback

_log = logging.getLogger("mindspore_jax")
_warned = set()


def _warn(name):
    if name not in _warned:
        _warned.add(name)
        _log.warning("%s is accepted but records nothing in mindspore_jax (no summary writer).", name)


class SummaryCollector(Callback):
    """No-op stand-in for MindSpore's SummaryCollector (summary files are not written)."""

    def __init__(self, summary_dir, collect_freq=10, num_process=32, collect_specified_data=None,
                 keep_default_action=True, custom_lineage_data=None, collect_tensor_freq=None,
                 max_file_size=None, export_options=None):
        super().__init__()
        self._summary_dir = os.path.realpath(summary_dir) if isinstance(summary_dir, str) else summary_dir
        self._collect_freq = collect_freq
        _warn("SummaryCollector")


class SummaryLandscape:
    """No-op stand-in for MindSpore's SummaryLandscape."""

    def __init__(self, summary_dir):
        self._summary_dir = summary_dir
        _warn("SummaryLandscape")

    def gen_landscapes_with_multi_process(self, *args, **kwargs):
        _warn("SummaryLandscape")

    def clean_ckpt(self):
        pass
