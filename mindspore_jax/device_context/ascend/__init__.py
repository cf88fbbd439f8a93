"""``mindspore.device_context.ascend``: answered from the Ascend device plug-in, if one is
installed (see mindspore_jax.device); without one, no Ascend device exists."""

from .._common import device_count as _count, is_available as _avail

__all__ = ["device_count", "is_available"]


def is_available():
    return _avail("Ascend")


def device_count():
    return _count("Ascend", "Device Ascend not exist.")
