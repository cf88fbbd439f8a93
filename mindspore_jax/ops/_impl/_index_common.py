"""Helpers shared by index_* and array_inplace/array_misc/pool_nms (index checks, Parameter writes)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from .. import _registry as R
from ._promote import is_array

# Index results follow MindSpore's dtypes: ``sort``/``argsort``/``topk`` indices are Int32,
# ``nonzero``/``argwhere``/``searchsorted`` Int64. Ops whose output size depends on values
# (``nonzero``, ``masked_select``, ``unique``, ``bincount``...) run eagerly; inside a compiled
# graph JAX needs static shapes, so they raise a clear error there (``unique_with_pad`` and
# ``masked_scatter`` have static shapes and work everywhere). ``Scatter*`` primitives write into
# their Parameter, as in MindSpore.

_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)


def _is_traced(*xs):
    return any(isinstance(x, jax.core.Tracer) for x in xs)


def _need_concrete(name, *xs):
    """Ops with value-dependent output shapes cannot be compiled with static shapes."""
    if _is_traced(*xs):
        R.raise_error(
            RuntimeError,
            name,
            "the output shape depends on the input values, which is not supported inside a compiled "
            "graph (GRAPH_MODE / ms.jit) by mindspore_jax. Run it in PYNATIVE_MODE, or use a static-shape "
            "alternative (e.g. ops.where / ops.masked_fill / ops.unique_with_pad).",
        )


def _check_int_index(name, idx, argname="indices"):
    if not is_array(idx) or idx.dtype.kind not in "iu":
        dt = R.ms_dtype(idx) if is_array(idx) else type(idx).__name__
        R.raise_error(TypeError, name, f"the '{argname}' must be a Tensor of int32 or int64, but got {dt}.")


def _check_bounds(name, idx, n, argname="input_indices"):
    """Eager out-of-range indices raise as on MindSpore's CPU; compiled ones read as 0 (GPU's choice)."""
    if _is_traced(idx) or idx.size == 0:
        return
    a = np.asarray(idx)
    bad = a[(a < -n) | (a >= n)]
    if bad.size:
        R.raise_error(
            RuntimeError,
            name,
            f"the '{argname}' should be in the range [{-n}, {n}), but got {int(bad.flat[0])}.",
        )


def _as_arr(x, like=None):
    if is_array(x):
        return x
    a = jnp.asarray(x)
    return a.astype(like.dtype) if like is not None else a


def _param_write(name, variable, new):
    if not isinstance(variable, Tensor):
        R.raise_error(
            TypeError, name, f"the 'input_x' must be a Parameter, but got {type(variable).__name__}."
        )
    variable._data = new
    return variable
