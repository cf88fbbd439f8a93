"""``mindspore.dataset.transforms``: general (non-image) data transforms."""

from .transforms import *  # noqa: F401,F403
from .transforms import TensorOperation, PyTensorOperation  # noqa: F401
from .transforms import __all__  # noqa: F401
from . import c_transforms, py_transforms  # noqa: F401,E402
