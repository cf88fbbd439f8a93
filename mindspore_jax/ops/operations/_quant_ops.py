"""``mindspore.ops.operations._quant_ops``: the quantization primitives (``ops/_impl/quant_ops.py``)."""

from .._impl import quant_ops as _q
from .._impl.quant_ops import FakeQuantParam  # noqa: F401  (also the module's public names below)

__all__ = [
    n
    for n in dir(_q)
    if n[:1].isupper() and isinstance(getattr(_q, n), type) and n not in ("Tensor", "Parameter", "Primitive")
]
globals().update({n: getattr(_q, n) for n in __all__})
