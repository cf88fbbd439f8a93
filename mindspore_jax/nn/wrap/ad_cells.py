"""``nn.Jvp`` / ``nn.Vjp``: the deprecated Cell spellings of ``ops.jvp`` / ``ops.vjp``.

``Jvp(fn)(*inputs, v)`` -> ``(fn(*inputs), jvp)``; ``Vjp(fn)(*inputs, v)`` -> ``(fn(*inputs),
grads)`` with ``grads`` one Tensor for one input, else a tuple.
"""

from __future__ import annotations

import warnings

from ..cell import Cell
from ...ops._impl.grad_ops import jvp as _jvp, vjp as _vjp

__all__ = ["Jvp", "Vjp"]


def _deprecated(name, new):
    warnings.warn(
        f"'{name}' is deprecated from version 1.9 and will be removed in a future version, "
        f"use '{new}' instead.",
        DeprecationWarning,
        stacklevel=3,
    )


class Jvp(Cell):
    def __init__(self, fn):
        super().__init__()
        _deprecated("Jvp", "ops.jvp")
        self.fn = fn

    def construct(self, *args):
        inputs, v = args[:-1], args[-1]
        if len(inputs) == 1:
            return _jvp(self.fn, inputs[0], v)
        return _jvp(self.fn, tuple(inputs), tuple(v))


class Vjp(Cell):
    def __init__(self, fn):
        super().__init__()
        _deprecated("Vjp", "ops.vjp")
        self.fn = fn

    def construct(self, *args):
        inputs, v = args[:-1], args[-1]
        out, vjp_fn = _vjp(self.fn, *inputs)
        grads = vjp_fn(v)
        if len(inputs) == 1:
            grads = grads[0]
        return out, grads
