"""``mindspore.common``: dtypes, Tensor, Parameter, initialisers, seeds."""

from . import _jaxcfg  # noqa: F401
from . import dtype
from .dtype import *  # noqa: F401,F403
from .parameter import Parameter, ParameterTuple
from .seed import get_seed, set_seed
from .tensor import COOTensor, CSRTensor, RowTensor, Tensor, from_numpy, is_tensor, tensor
from . import initializer

__all__ = ["dtype", "Tensor", "Parameter", "ParameterTuple", "set_seed", "get_seed", "tensor",
           "from_numpy", "initializer", "is_tensor"]
