"""Axis/dtype helpers shared by the reduce_* op families (None/()/[] mean every axis, as in MindSpore)."""

from __future__ import annotations

import builtins
import numbers

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from ._promote import is_array

# Axis handling is shared: ``None``, ``()`` and ``[]`` mean every axis; an axis outside
# ``[-ndim, ndim)`` raises ValueError and a non-integer axis TypeError, as in MindSpore.

_I64 = np.dtype(np.int64)
_I32 = np.dtype(np.int32)


def _is_floatish(dt):
    return dt.kind in "fc" or dt == jnp.bfloat16


def _axes(name, x, axis):
    """Normalises ``axis`` to a sorted tuple of non-negative ints (all axes for None/())."""
    nd = x.ndim
    if axis is None or (isinstance(axis, (tuple, list)) and len(axis) == 0):
        return tuple(range(nd))
    if is_array(axis):
        axis = np.asarray(axis).reshape(-1).tolist()
        if not axis:
            return tuple(range(nd))
    items = axis if isinstance(axis, (tuple, list)) else (axis,)
    out = []
    lim = builtins.max(nd, 1)
    for a in items:
        if isinstance(a, bool) or not isinstance(a, (numbers.Integral, np.integer)):
            R.raise_error(TypeError, name, f"the 'axis' must be an int or a tuple/list of ints, but "
                                           f"got {type(a).__name__}.")
        a = int(a)
        if not -lim <= a < lim:
            R.raise_error(ValueError, name, f"the axis value must be in [{-lim},{lim}), but got {a}.")
        out.append(a % lim)
    if len(set(out)) != len(out):
        R.raise_error(RuntimeError, name, f"dim={out[0]} appears multiple times in the list of dims.")
    if nd == 0:
        return ()
    return tuple(sorted(out))


def _one_axis(name, x, axis):
    (a,) = _axes(name, x, axis) or (0,)
    return a


def _float_in(name, x):
    if not _is_floatish(x.dtype):
        R.raise_error(TypeError, name, f"the input must be a Tensor with float dtype, but got "
                                       f"{R.ms_dtype(x)}.")
    return x


# --- Tensor methods ---------------------------------------------------------------------------

def _kw(kwargs, *pairs):
    """Accepts MindSpore 2.x's torch-style keyword spellings (dim/keepdim) beside axis/keepdims."""
    for new, old in pairs:
        if new in kwargs:
            kwargs[old] = kwargs.pop(new)
    return kwargs
