"""``mindspore.dataset.core``: the global dataset configuration."""

from . import config  # noqa: F401
