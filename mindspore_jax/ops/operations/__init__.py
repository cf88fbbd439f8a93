"""``mindspore.ops.operations`` (``P``): the primitive classes, views of the op registry."""

from .. import _families  # noqa: F401
from .._registry import PRIMITIVES as _P
from ..primitive import Primitive, PrimitiveWithCheck, PrimitiveWithInfer, prim_attr_register  # noqa: F401

globals().update(_P)
