"""Small nn-area ops: EmbeddingLookup (P), channel_shuffle, and the kernels behind the math
Cells of ``mindspore.nn`` (MatrixDiag, MatrixDiagPart, MatrixSetDiag, IGamma)."""

from __future__ import annotations

import jax.numpy as jnp
import jax.scipy.special as jsp

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._promote import to_float


@op("embedding_lookup")
def _embedding_lookup(params, indices, offset=0):
    """Rows ``indices - offset`` of ``params``; rows out of [0, len) are zeros (MindSpore CPU kernel)."""
    if indices.dtype.kind not in "iu":
        R.raise_error(
            TypeError,
            "EmbeddingLookup",
            f"the 'input_indices' must be int32 or int64, but got {indices.dtype}.",
        )
    idx = indices.astype(jnp.int32) - offset
    n = params.shape[0]
    ok = (idx >= 0) & (idx < n)
    rows = jnp.take(params, jnp.where(ok, idx, 0), axis=0)
    return jnp.where(ok.reshape(ok.shape + (1,) * (params.ndim - 1)), rows, jnp.zeros((), params.dtype))


@primitive
class EmbeddingLookup(Primitive):
    """``ops.EmbeddingLookup()(input_params, input_indices, offset)``."""

    def __init__(self):
        super().__init__("EmbeddingLookup")

    def __call__(self, input_params, input_indices, offset):
        return call("embedding_lookup", input_params, input_indices, offset)


@op("channel_shuffle")
def _channel_shuffle(x, groups):
    if not isinstance(groups, int) or groups < 1:
        R.raise_error(ValueError, "ChannelShuffle", f"the 'group' must be a positive int, but got {groups}.")
    if x.ndim < 4:
        raise TypeError(f"For ChannelShuffle, expect input with > 3 dims, but got {x.ndim}.")
    n, c = x.shape[:2]
    if c % groups:
        R.raise_error(
            ValueError,
            "ChannelShuffle",
            f"the number of channels {c} must be divisible by 'group' {groups}.",
        )
    y = x.reshape((n, groups, c // groups, -1)).transpose(0, 2, 1, 3)
    return y.reshape(x.shape)


@functional
def channel_shuffle(x, groups):
    """``ops.channel_shuffle(x, groups)``: (N, g*k, ...) -> channels interleaved across groups."""
    return call("channel_shuffle", x, groups)


@primitive
class ChannelShuffle(Primitive):
    """``ops.ChannelShuffle(group)``."""

    def __init__(self, group):
        super().__init__("ChannelShuffle")
        self.group = group

    def __call__(self, x):
        return call("channel_shuffle", x, self.group)


@op("nn_matrix_diag")
def _matrix_diag(x):
    n = x.shape[-1]
    return x[..., :, None] * jnp.eye(n, dtype=x.dtype)


@op("nn_matrix_diag_part")
def _matrix_diag_part(x):
    return jnp.diagonal(x, axis1=-2, axis2=-1)


@op("nn_matrix_set_diag")
def _matrix_set_diag(x, diagonal):
    m, n = x.shape[-2:]
    k = min(m, n)
    if tuple(diagonal.shape) != tuple(x.shape[:-2]) + (k,):
        R.raise_error(
            ValueError,
            "MatrixSetDiag",
            f"the shape of 'diagonal' must be {list(x.shape[:-2]) + [k]}, but got {list(diagonal.shape)}.",
        )
    i = jnp.arange(k)
    return x.at[..., i, i].set(diagonal.astype(x.dtype))


@op("nn_igamma")
def _igamma(a, x):
    a, x = jnp.broadcast_arrays(to_float(a), to_float(x))
    return jsp.gammainc(a, x)
