"""bias_add/dense, dropout (1-D/2-D/3-D) and embedding lookup, with their views."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.rng import next_key
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive

# --- bias_add / dense ------------------------------------------------------------------------


@op("bias_add")
def _bias_add(x, b, data_format="NCHW"):
    if b.ndim != 1:
        R.raise_error(ValueError, "BiasAdd", f"the dimension of 'bias' must be 1, but got {b.ndim}.")
    ch = -1 if data_format == "NHWC" or x.ndim < 2 else 1
    if x.shape[ch] != b.shape[0]:
        R.raise_error(
            ValueError,
            "BiasAdd",
            f"the channel of 'input_x' {list(x.shape)} must equal the size of 'bias' {list(b.shape)}.",
        )
    if ch == 1:
        b = b.reshape((-1,) + (1,) * (x.ndim - 2))
    return x + b.astype(x.dtype)


@op("dense")
def _dense(x, w, b=None):
    if x.shape[-1] != w.shape[-1]:
        R.raise_error(
            ValueError,
            "Dense",
            f"the last dimension of 'input' {list(x.shape)} must equal "
            f"the last dimension of 'weight' {list(w.shape)}.",
        )
    out = jnp.matmul(x, w.T if w.ndim == 2 else w)
    return out if b is None else out + b


@functional
def bias_add(input_x, bias):
    return call("bias_add", input_x, bias)


@functional
def dense(input, weight, bias=None):
    return call("dense", input, weight, bias)


mint("nn.functional.linear")(lambda input, weight, bias=None: call("dense", input, weight, bias))


@primitive
class BiasAdd(Primitive):
    def __init__(self, data_format="NCHW"):
        super().__init__("BiasAdd")
        self.data_format = self.format = data_format

    def __call__(self, x, b):
        return call("bias_add", x, b, self.data_format)


@primitive
class Dense(Primitive):
    def __init__(self):
        super().__init__("Dense")

    def __call__(self, x, w, b=None):
        return call("dense", x, w, b)


# --- dropout ----------------------------------------------------------------------------------


@op("dropout")
def _dropout(x, key, p=0.5, channel_dims=0):
    """Zeroes elements (whole channels when channel_dims > 0) with probability p, scales the rest
    by 1/(1-p); returns (output, keep mask)."""
    if not 0 <= p <= 1:
        R.raise_error(ValueError, "Dropout", f"the 'p' must be in range [0, 1], but got {p}.")
    shape = x.shape if not channel_dims else x.shape[: x.ndim - channel_dims] + (1,) * channel_dims
    if p == 1:
        keep = jnp.zeros(shape, bool)
    else:
        keep = jax.random.bernoulli(key, 1 - p, shape)
    out = jnp.where(keep, x / (1 - p) if p < 1 else x, 0).astype(x.dtype)
    return out, keep


def _drop(name, input, p, training, channel_dims, ranks=None):
    if ranks is not None and input.ndim not in ranks:
        R.raise_error(
            ValueError,
            name,
            f"the input must be {' or '.join(f'{r}-D' for r in ranks)}, but got shape {list(input.shape)}.",
        )
    if not training or p == 0:
        return input
    return call("dropout", input, next_key(), p, channel_dims)[0]


@functional
def dropout(input, p=0.5, training=True, seed=None):
    """``ops.dropout``: the identity when not training or ``p`` is 0."""
    return _drop("dropout", input, p, training, 0)


@functional
def dropout1d(input, p=0.5, training=True):
    """``ops.dropout1d``: zeroes whole channels of an (N, C, L) or (C, L) input."""
    return _drop("dropout1d", input, p, training, 1, (2, 3))


@functional
def dropout2d(input, p=0.5, training=True):
    return _drop("dropout2d", input, p, training, 2, (4,))


@functional
def dropout3d(input, p=0.5, training=True):
    return _drop("dropout3d", input, p, training, 3, (5,))


mint("nn.functional.dropout")(
    lambda input, p=0.5, training=True, inplace=False: _drop("dropout", input, p, training, 0)
)


class _DropoutPrim(Primitive):
    _channel_dims = 0

    def __init__(self, keep_prob=0.5, Seed0=0, Seed1=0):
        super().__init__(type(self).__name__)
        if not 0 < keep_prob <= 1:
            R.raise_error(
                ValueError, self.name, f"the 'keep_prob' must be in range (0, 1], but got {keep_prob}."
            )
        self.keep_prob = keep_prob
        self.seed0, self.seed1 = Seed0, Seed1

    def __call__(self, x):
        nd = self._channel_dims
        if nd and x.ndim != nd + 2:
            R.raise_error(
                ValueError, self.name, f"the input must be {nd + 2}-D, but got shape {list(x.shape)}."
            )
        out, keep = call("dropout", x, next_key(), 1.0 - self.keep_prob, nd)
        if nd:
            return out, call("broadcast_to", keep, tuple(x.shape))
        return out, call("cast", keep, x.dtype)


@primitive
class Dropout(_DropoutPrim):
    """``P.Dropout(keep_prob)(x) -> (output, mask)``; the mask has x's dtype."""


@primitive
class Dropout2D(_DropoutPrim):
    """``P.Dropout2D(keep_prob)(x) -> (output, mask)``; Bool mask of x's shape."""

    _channel_dims = 2

    def __init__(self, keep_prob=0.5):
        super().__init__(keep_prob)


@primitive
class Dropout3D(Dropout2D):
    _channel_dims = 3


# --- embedding --------------------------------------------------------------------------------


@op("embedding")
def _embedding(ids, table, padding_idx=None, max_norm=None, norm_type=2.0):
    if ids.dtype.kind not in "iu":
        R.raise_error(
            TypeError, "embedding", f"the 'input' must be an integer Tensor, but got {R.ms_dtype(ids)}."
        )
    out = jnp.take(table, ids, axis=0)
    if max_norm is not None:
        n = jnp.linalg.norm(out, ord=norm_type, axis=-1, keepdims=True)
        out = jnp.where(n > max_norm, out * (max_norm / (n + 1e-7)), out)
    return out


@functional
def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False):
    return call("embedding", input, weight, padding_idx, max_norm, norm_type)
