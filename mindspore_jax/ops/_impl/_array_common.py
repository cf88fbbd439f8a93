"""Argument helpers shared by the array, index, random and segment ops (static shapes, axes, dtypes)."""

from __future__ import annotations

import builtins
import numbers

import jax
import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import primitive
from ..primitive import Primitive
from ._promote import is_array

_F32 = np.dtype(np.float32)
_I64 = np.dtype(np.int64)


# --- argument helpers (shared with index_* / random_ops) -----------------------------------


def static_value(name, argname, v):
    """A concrete Python value of ``v`` (Tensors must be known, not traced)."""
    if isinstance(v, jax.core.Tracer):
        R.raise_error(
            ValueError,
            name,
            f"the '{argname}' must be a constant while the network is "
            f"being compiled, but got a variable Tensor.",
        )
    if is_array(v):
        a = np.asarray(v)
        return a.item() if a.ndim == 0 else a.tolist()
    return v


def static_int(name, argname, v):
    v = static_value(name, argname, v)
    if isinstance(v, bool) or not isinstance(v, (numbers.Integral, np.integer)):
        R.raise_error(TypeError, name, f"the '{argname}' must be an int, but got {type(v).__name__}.")
    return int(v)


def shape_arg(name, shape, argname="shape", allow_neg=False):
    """Normalises an int / tuple / list / Tensor shape to a tuple of ints."""
    shape = static_value(name, argname, shape)
    if isinstance(shape, (numbers.Integral, np.integer)) and not isinstance(shape, bool):
        shape = (int(shape),)
    if not isinstance(shape, (tuple, list)):
        R.raise_error(
            TypeError, name, f"the '{argname}' must be a tuple, list or int, but got {type(shape).__name__}."
        )
    out = []
    for i, s in enumerate(shape):
        s = static_value(name, argname, s)
        if isinstance(s, bool) or not isinstance(s, (numbers.Integral, np.integer)):
            R.raise_error(
                TypeError,
                name,
                f"the elements of '{argname}' must be int, but got {type(s).__name__} at index {i}.",
            )
        if s < 0 and not (allow_neg and s == -1):
            R.raise_error(
                ValueError,
                name,
                f"the {i}th dimension of '{argname}' must be greater than or equal to 0, but got {s}.",
            )
        out.append(int(s))
    return tuple(out)


def norm_axis(name, axis, ndim, argname="axis"):
    """Checks ``axis`` in [-ndim, ndim) and returns it non-negative."""
    axis = static_value(name, argname, axis)
    if isinstance(axis, bool) or not isinstance(axis, (numbers.Integral, np.integer)):
        R.raise_error(TypeError, name, f"the '{argname}' must be an int, but got {type(axis).__name__}.")
    lo, hi = -builtins.max(ndim, 1), builtins.max(ndim, 1)
    if not lo <= axis < hi:
        R.raise_error(ValueError, name, f"the '{argname}' must be in range [{lo}, {hi}), but got {axis}.")
    return int(axis) % builtins.max(ndim, 1)


def norm_axes(name, axes, ndim, argname="axis"):
    axes = static_value(name, argname, axes)
    if isinstance(axes, (numbers.Integral, np.integer)):
        axes = (axes,)
    return tuple(norm_axis(name, a, ndim, argname) for a in axes)


def np_dtype(dtype, default=None):
    if dtype is None:
        return default
    return mstype.to_np(dtype) if isinstance(dtype, mstype.Type) else np.dtype(dtype)


def _simple_prim(name, fn, doc=None):
    cls = type(
        name,
        (Primitive,),
        {
            "__init__": lambda self: Primitive.__init__(self, name),
            "__call__": lambda self, *a: fn(*a),
            "__doc__": doc or f"``P.{name}()``",
        },
    )
    primitive(cls)
    return cls


def _init_attrs(name, **attrs):
    def __init__(self, *args, **kwargs):
        Primitive.__init__(self, name)
        keys = list(attrs)
        vals = dict(attrs)
        for k, v in zip(keys, args):
            vals[k] = v
        vals.update(kwargs)
        for k, v in vals.items():
            setattr(self, k, v)
            self.attrs[k] = v

    return __init__


def _attr_prim(name, attrs, fn, doc=None):
    cls = type(
        name,
        (Primitive,),
        {"__init__": _init_attrs(name, **attrs), "__call__": fn, "__doc__": doc or f"``P.{name}``"},
    )
    primitive(cls)
    return cls
