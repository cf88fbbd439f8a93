"""``mindspore.ops.composite`` (``C``): GradOperation, HyperMap, MultitypeFuncGraph, Map..."""

from .._impl.grad_ops import (  # noqa: F401
    GradOperation, grad, jacfwd, jacrev, jvp, stop_gradient, value_and_grad, vjp, vmap,
)
from .base import HyperMap, Map, MultitypeFuncGraph, Partial, partial  # noqa: F401
from .. import _families  # noqa: F401
from .._registry import FUNCTIONAL as _F

for _k, _v in _F.items():
    globals().setdefault(_k, _v)
