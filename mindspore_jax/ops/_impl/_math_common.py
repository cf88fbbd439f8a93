"""Helpers shared by the math_* op families (argument checks, one-line functional/Primitive views)."""

from __future__ import annotations

import jax.numpy as jnp

from .. import _registry as R
from .._registry import call, functional, primitive
from ..primitive import Primitive
from ._promote import is_array, scalar_to_array

_F32_64 = "[Float32, Float64]"


def _arr(x):
    return x if is_array(x) else scalar_to_array(x)


def _is_float(x):
    return x.dtype.kind == "f" or x.dtype == jnp.bfloat16


def _need(name, x, ok, allowed, arg="input"):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the '{arg}' must be a Tensor, but got {type(x).__name__}.")
    if not ok(x):
        R.raise_error(TypeError, name, f"the '{arg}' must be a Tensor with dtype in {allowed}, "
                                       f"but got {R.ms_dtype(x)}.")
    return x


def _bcast(name, *xs):
    try:
        return jnp.broadcast_shapes(*[jnp.shape(x) for x in xs])
    except ValueError:
        R.raise_error(ValueError, name, "the shapes of the inputs must be broadcastable, but got "
                      + " and ".join(str(list(jnp.shape(x))) for x in xs) + ".")


def _float_pair(name, a, b, args=("input", "other")):
    _need(name, a, _is_float, _F32_64, args[0])
    if is_array(b):
        _need(name, b, _is_float, _F32_64, args[1])
        if a.dtype != b.dtype:
            R.raise_error(TypeError, name, f"the '{args[0]}' and '{args[1]}' must have the same dtype, "
                                           f"but got {R.ms_dtype(a)} and {R.ms_dtype(b)}.")
    _bcast(name, a, b)
    return a, (b if is_array(b) else jnp.asarray(b, a.dtype))


# ================================ views ========================================================

def _simple(fname, opname, nargs=2):
    if nargs == 1:
        def f(input):
            return call(opname, input)
    else:
        def f(input, other):
            return call(opname, input, other)
    f.__name__ = fname
    functional(f, name=fname)
    return f


def _prim(pname, opname, nargs=2):
    class _P(Primitive):
        def __init__(self):
            super().__init__(pname)

        def __call__(self, *args):
            if len(args) != nargs:
                R.raise_error(TypeError, pname, f"expects {nargs} inputs, but got {len(args)}.")
            return call(opname, *args)

    _P.__name__ = _P.__qualname__ = pname
    primitive(_P)
    return _P
