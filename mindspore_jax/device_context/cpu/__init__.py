"""``mindspore.device_context.cpu``."""

from . import op_tuning  # noqa: F401
from .._common import device_count as _count, is_available as _avail
from .op_tuning import threads_num  # noqa: F401

__all__ = ["device_count", "is_available", "threads_num"]


def is_available():
    """Whether the CPU backend is available (always, with JAX)."""
    return _avail("CPU")


def device_count():
    """1, as MindSpore reports for CPU hardware."""
    _count("CPU", "Device CPU not exist.")
    return 1
