"""``mindspore.train``: checkpoints (serialization); Model, callbacks, metrics join from their modules."""

from . import serialization  # noqa: F401
from .serialization import *  # noqa: F401,F403
