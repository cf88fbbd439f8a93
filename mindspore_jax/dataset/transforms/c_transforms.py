"""MindSpore 1.x spelling ``dataset.transforms.c_transforms``: the same classes."""

from .transforms import *  # noqa: F401,F403
from .transforms import __all__  # noqa: F401
