"""``mindspore.mint``: the PyTorch-flavoured op namespace of MindSpore 2.x (views of the registry).

Note: as in MindSpore 2.10, ``from mindspore.mint import *`` is not meant to be used.
"""

from ._expose import names as _names

globals().update(_names(""))

from . import nn, optim, linalg, special, distributed  # noqa: E402,F401
from . import _extras  # noqa: E402

_extras.install()
