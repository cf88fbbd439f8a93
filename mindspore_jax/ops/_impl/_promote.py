"""MindSpore's type promotion for binary ops on jax arrays and Python scalars.

Two tensors: JAX's lattice (int32 + float32 -> Float32, float16 + float32 -> Float32, int + int ->
wider int) matches MindSpore. A Python scalar never widens a tensor: int32 + 2 -> Int32,
float16 + 1.0 -> Float16; but a Python float with an integer or bool tensor gives Float32, and a
Python int with a bool tensor gives Int64.
"""

from __future__ import annotations

import numbers

import jax
import jax.numpy as jnp
import numpy as np

_F32 = np.dtype(np.float32)


def is_array(x):
    return isinstance(x, (jax.Array, jax.core.Tracer, np.ndarray))


def scalar_to_array(x):
    """A lone Python scalar as a tensor (Tensor creation rules)."""
    if isinstance(x, bool):
        return jnp.asarray(x)
    if isinstance(x, numbers.Integral):
        return jnp.asarray(x, np.int64)
    if isinstance(x, float):
        return jnp.asarray(x, np.float32)
    if isinstance(x, complex):
        return jnp.asarray(x, np.complex64)
    return jnp.asarray(x)


def _scalar_vs(arr, s):
    """Casts ``arr`` as MindSpore does when combined with Python scalar ``s``."""
    k = arr.dtype.kind
    if isinstance(s, bool):
        return arr
    if isinstance(s, numbers.Integral):
        return arr.astype(np.int64) if k == "b" else arr
    if isinstance(s, float):
        return arr if k in "fcV" or arr.dtype == jnp.bfloat16 else arr.astype(_F32)
    if isinstance(s, complex):
        return arr if k == "c" else arr.astype(np.complex64)
    return arr


def _is_float(dt):
    return dt.kind in "fc" or dt == jnp.bfloat16


def binary(a, b):
    """Returns (a, b) ready for a jnp binary op with MindSpore's result dtype."""
    a_arr, b_arr = is_array(a), is_array(b)
    if a_arr and b_arr:
        if a.dtype != b.dtype:
            dt = jnp.promote_types(a.dtype, b.dtype)
            a, b = a.astype(dt), b.astype(dt)
        return a, b
    if a_arr:
        return _scalar_vs(a, b), b
    if b_arr:
        return a, _scalar_vs(b, a)
    return scalar_to_array(a), scalar_to_array(b)


def result_dtype(*xs):
    dts = [x.dtype for x in xs if is_array(x)]
    return jnp.result_type(*dts) if dts else None


def to_float(x):
    """Integer/bool -> Float32 (what MindSpore's float-only ops and true division do)."""
    if not is_array(x):
        x = scalar_to_array(x)
    return x if _is_float(x.dtype) else x.astype(_F32)
