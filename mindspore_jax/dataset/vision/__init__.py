"""``mindspore.dataset.vision``: image transforms over HWC numpy images."""

from .transforms import *  # noqa: F401,F403
from .transforms import __all__ as _t_all
from ._color import *  # noqa: F401,F403
from ._color import __all__ as _c_all
from ._geometry import *  # noqa: F401,F403
from ._geometry import __all__ as _g_all
from ._augment import *  # noqa: F401,F403
from ._augment import __all__ as _a_all
from .bbox import *  # noqa: F401,F403
from .bbox import __all__ as _b_all
from .utils import (AutoAugmentPolicy, Border, ConvertMode, ImageBatchFormat, ImageReadMode, Inter,  # noqa: F401
                    SliceMode, get_image_num_channels, get_image_size)
from . import c_transforms, py_transforms  # noqa: F401,E402

__all__ = list(_t_all) + list(_c_all) + list(_g_all) + list(_a_all) + list(_b_all) + [
    "AutoAugmentPolicy", "Border", "ConvertMode", "ImageBatchFormat", "ImageReadMode", "Inter", "SliceMode",
    "get_image_num_channels", "get_image_size"]
