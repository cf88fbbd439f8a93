"""Clipping by a global norm (``ops.clip_by_global_norm``, also ``C.clip_by_global_norm``)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .._registry import call, functional, op, raise_error


@op("clip_by_global_norm")
def _clip_by_global_norm(xs, clip_norm=1.0):
    """MindSpore's formula: squares summed in each tensor's dtype then cast to float32,
    ``g = sqrt(sum)``; each ``x * clip / max(g, clip)`` cast back to ``x``'s dtype (the clip
    norm is a Float32 ``[1]`` tensor, so the results broadcast against shape ``[1]``)."""
    clip = jnp.asarray([clip_norm], np.float32)
    sq = [jnp.sum(jnp.square(x)).astype(np.float32).reshape(1) for x in xs]
    g = jnp.sqrt(sum(sq[1:], sq[0]))
    g = jnp.where(g >= clip, g, clip)
    return tuple((x * clip / g).astype(x.dtype) for x in xs)


@functional
def clip_by_global_norm(x, clip_norm=1.0, use_norm=None):
    """``ops.clip_by_global_norm(x, clip_norm=1.0, use_norm=None)``: ``x`` a tuple/list of
    Tensors, scaled together so that their global L2 norm is at most ``clip_norm``."""
    if use_norm is not None:
        raise_error(ValueError, "_ClipByGlobalNorm", "input 'use_norm' only supports None "
                    f"currently, but got 'use_norm': {use_norm}")
    if isinstance(clip_norm, bool) or not isinstance(clip_norm, (int, float)) or clip_norm <= 0:
        raise_error(ValueError, "_ClipByGlobalNorm",
                    f"the argument 'clip_norm' must > 0.0, but got {clip_norm}.")
    if not isinstance(x, (list, tuple)) or not x:
        raise_error(TypeError, "clip_by_global_norm",
                    f"the input 'x' must be a non-empty tuple or list of Tensors, but got {type(x)}.")
    return call("clip_by_global_norm", tuple(x), float(clip_norm))
