"""Attaches the registry's Tensor-method views to ``Tensor`` (``Tensor.sum``, ``__add__``...).

Methods defined on the class itself (creation, conversion, printing, indexing) win.
"""

from ..common.parameter import Parameter
from ..common.tensor import Tensor
from . import _families  # noqa: F401
from ._registry import TENSOR_METHODS

_CORE = set(Tensor.__dict__)

for _name, _fn in TENSOR_METHODS.items():
    if _name not in _CORE:
        setattr(Tensor, _name, _fn)

# Parameter keeps identity hashing although __eq__ is elementwise (dict keys, sets)
Parameter.__hash__ = Tensor.__hash__
