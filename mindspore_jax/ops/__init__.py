"""``mindspore.ops``: functional ops, primitives (``ops.Xxx``) and composite helpers.

Everything here is a view of the one op registry (``ops/_registry.py``).
"""

from . import _families  # noqa: F401  (registers every op family)
from . import _tensor_methods  # noqa: F401
from ._registry import FUNCTIONAL as _FUNCTIONAL
from ._registry import PRIMITIVES as _PRIMITIVES
from .primitive import (Primitive, PrimitiveWithCheck, PrimitiveWithInfer, constexpr,
                        prim_attr_register, primexpr)

globals().update(_PRIMITIVES)
globals().update(_FUNCTIONAL)

from . import composite, functional, operations  # noqa: E402
from .composite import (  # noqa: E402
    GradOperation, HyperMap, Map, MultitypeFuncGraph, Partial, grad, value_and_grad,
)
from ..common.tensor import Tensor  # noqa: E402
from .custom import Custom, CustomRegOp, DataType, custom_info_register, kernel  # noqa: E402,F401

__all__ = sorted(set(_FUNCTIONAL) | set(_PRIMITIVES) | {
    "Primitive", "PrimitiveWithInfer", "PrimitiveWithCheck", "constexpr", "primexpr",
    "prim_attr_register", "GradOperation", "HyperMap", "Map", "MultitypeFuncGraph", "Partial",
    "composite", "functional", "operations", "Custom", "CustomRegOp", "DataType",
    "custom_info_register", "kernel"})
