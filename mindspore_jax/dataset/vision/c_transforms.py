"""MindSpore 1.x spelling ``dataset.vision.c_transforms``: the same classes."""

from .transforms import *  # noqa: F401,F403
from .transforms import __all__  # noqa: F401
from ._color import *  # noqa: F401,F403
from ._geometry import *  # noqa: F401,F403
from ._augment import *  # noqa: F401,F403
from .utils import Border, ImageBatchFormat, Inter  # noqa: F401
