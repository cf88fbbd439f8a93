"""``mindspore.ops.functional`` (``F``): the functional ops plus 1.x helper spellings."""

from . import _families  # noqa: F401
from ._registry import FUNCTIONAL as _F

globals().update(_F)

from .composite import Partial, partial  # noqa: E402,F401
