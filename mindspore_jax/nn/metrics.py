"""``mindspore.nn.metrics`` (1.x module path): the same objects as ``mindspore.train.metrics``."""

from ..train.metrics import *  # noqa: F401,F403
from ..train.metrics import __all__, get_metrics  # noqa: F401
