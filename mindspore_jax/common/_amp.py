"""Mixed-precision casting at op level: the one hook behind ``Cell.to_float`` and AMP O1.

``AMP[0]`` is the innermost active ``Scope`` (set by ``Cell._run`` for cells marked with
``to_float`` / O1, and by O1-wrapped Primitives) or None. The op registry's ``call`` hands every
op to ``Scope.call`` while one is active; it casts the op's Tensor inputs the way MindSpore does:

- ``to_float(dtype)`` cells (O2/O3), compiled (GRAPH_MODE / ``jit``): MindSpore casts the cell's
  inputs (``Cell._run`` does that) and every Parameter read inside its construct; Tensors made
  inside construct keep their dtype (an fp32 constant promotes an fp16 result back to fp32).
- ``to_float(dtype)`` cells, PYNATIVE: every float input of every op run inside the cell is cast.
- O1 (white-listed cells and Primitives, what MindSpore's rewrite pass inserts): every float input
  (Parameters too) is cast to ``dtype`` and every float output back to float32.

Parameters keep their dtype: while a scope is active a write of a float value of another dtype
into a float Parameter (e.g. BatchNorm's running statistics computed in float16) is cast back
(``Parameter._data`` setter), as MindSpore keeps float32 master weights and statistics.
"""

from __future__ import annotations

import numpy as np

from ._state import ACTIVE

AMP = [None]

_F32 = np.dtype("float32")


def _is_float(dt):
    return dt.kind == "f" or dt.name == "bfloat16"


def compiled():
    """True while tracing for a compiled graph (GRAPH_MODE / ``jit``): MindSpore's graph rules."""
    f = ACTIVE[0]
    return f is not None and f.root_jit is not None


class Scope:
    __slots__ = ("dtype", "o1")

    def __init__(self, dtype, o1=False):
        self.dtype = np.dtype(dtype)
        self.o1 = o1

    def call(self, run, args, kwargs):
        """Runs ``run(args, kwargs)`` (the registry's op call over Tensors) with AMP casts."""
        from .parameter import Parameter
        from .tensor import Tensor

        dst = self.dtype
        only_params = not self.o1 and compiled()

        def cast(x):
            if isinstance(x, Tensor):
                if only_params and not isinstance(x, Parameter):
                    return x
                a = x._data
                if _is_float(a.dtype) and a.dtype != dst:
                    return Tensor._wrap(a.astype(dst))
                return x
            if type(x) is tuple or type(x) is list:
                return type(x)(cast(i) for i in x)
            return x

        args = tuple(cast(a) for a in args)
        if kwargs:
            kwargs = {k: cast(v) for k, v in kwargs.items()}
        out = run(args, kwargs)
        if self.o1:
            out = to_f32(out)
        return out


def to_f32(out):
    """Casts float Tensors (also inside tuples/lists) to float32."""
    from .tensor import Tensor

    if isinstance(out, Tensor):
        a = out._data
        if _is_float(a.dtype) and a.dtype != _F32:
            return Tensor._wrap(a.astype(_F32))
        return out
    if type(out) is tuple or type(out) is list:
        return type(out)(to_f32(o) for o in out)
    return out


_SCOPES: dict = {}


def scope_for(mp_type):
    """The Scope for a cell's ``_mp_type``: an mstype (``to_float``) or ``("O1", mstype)``."""
    s = _SCOPES.get(mp_type)
    if s is None:
        if isinstance(mp_type, tuple):
            s = Scope(mp_type[1].np_dtype, o1=True)
        else:
            s = Scope(mp_type.np_dtype)
        _SCOPES[mp_type] = s
    return s


class active:
    """``with active(scope):`` makes ``scope`` the innermost AMP scope."""

    __slots__ = ("scope", "prev")

    def __init__(self, scope):
        self.scope = scope

    def __enter__(self):
        self.prev = AMP[0]
        AMP[0] = self.scope

    def __exit__(self, *exc):
        AMP[0] = self.prev
        return False


def keep_dtype(old, new):
    """``new`` cast to ``old``'s dtype when both are float arrays of different dtypes."""
    od, nd = getattr(old, "dtype", None), getattr(new, "dtype", None)
    if od is not None and nd is not None and od != nd and _is_float(od) and _is_float(nd):
        return new.astype(od)
    return new
