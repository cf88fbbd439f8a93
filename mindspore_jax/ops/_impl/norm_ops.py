"""Normalisation ops: batch/layer/group/instance norm, L2 normalize and LRN.

BatchNorm follows MindSpore: training normalises with the biased batch variance and updates
the running variance with the unbiased one; ``momentum`` of the op is the weight of the NEW
batch statistic (nn.BatchNorm's momentum is the old value's weight and passes 1 - momentum).
Running statistics are written into their Parameters, which the compiler keeps in GRAPH_MODE.
"""

from __future__ import annotations

import math

import numpy as np

import jax.numpy as jnp
from jax import lax

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._promote import to_float


def _ch_shape(x, ch_axis=1):
    s = [1] * x.ndim
    s[ch_axis] = x.shape[ch_axis]
    return tuple(s)


@op("batch_norm")
def _batch_norm(x, mean, var, gamma, beta, training=False, momentum=0.1, eps=1e-5, data_format="NCHW"):
    """Returns (y, new_running_mean, new_running_var, batch_mean, batch_var)."""
    if x.ndim < 2:
        R.raise_error(
            ValueError, "BatchNorm", f"the input must be at least 2-D, but got shape {list(x.shape)}."
        )
    ch = x.ndim - 1 if data_format in ("NHWC", "NDHWC") else 1
    c = x.shape[ch]
    for nm, p in (("scale", gamma), ("bias", beta), ("mean", mean), ("variance", var)):
        if p is not None and tuple(p.shape) != (c,):
            R.raise_error(
                ValueError,
                "BatchNorm",
                f"the shape of '{nm}' {list(p.shape)} must be [{c}] (channels of x {list(x.shape)}).",
            )
    xf = to_float(x)
    bshape = _ch_shape(xf, ch)
    axes = tuple(i for i in range(x.ndim) if i != ch)
    if training:
        bm = jnp.mean(xf, axis=axes)
        bv = jnp.mean(jnp.square(xf - bm.reshape(bshape)), axis=axes)
        n = xf.size // c
        unbiased = bv * (n / max(n - 1, 1))
        use_m, use_v = bm, bv
        new_m = mean * (1 - momentum) + bm.astype(mean.dtype) * momentum if mean is not None else None
        new_v = var * (1 - momentum) + unbiased.astype(var.dtype) * momentum if var is not None else None
    else:
        use_m, use_v = mean.astype(xf.dtype), var.astype(xf.dtype)
        bm, bv, new_m, new_v = use_m, use_v, mean, var
    y = (xf - use_m.reshape(bshape)) * lax.rsqrt(use_v.reshape(bshape) + eps)
    if gamma is not None:
        y = y * gamma.reshape(bshape).astype(y.dtype)
    if beta is not None:
        y = y + beta.reshape(bshape).astype(y.dtype)
    return y.astype(x.dtype) if x.dtype.kind == "f" else y, new_m, new_v, bm, bv


def _write_stats(running_mean, running_var, new_m, new_v):
    if isinstance(running_mean, Tensor):
        running_mean._data = new_m._data
    if isinstance(running_var, Tensor):
        running_var._data = new_v._data


def batch_norm_update(x, mean, var, gamma, beta, training, momentum, eps, data_format="NCHW"):
    """Runs the op and writes the new running statistics (training only); returns all outputs."""
    out = call("batch_norm", x, mean, var, gamma, beta, training, momentum, eps, data_format)
    if training:
        _write_stats(mean, var, out[1], out[2])
    return out


@functional
def batch_norm(input_x, running_mean, running_var, weight, bias, training=False, momentum=0.1, eps=1e-5):
    """``ops.batch_norm``: ``momentum`` weighs the new batch statistic; running stats updated in place."""
    return batch_norm_update(input_x, running_mean, running_var, weight, bias, training, momentum, eps)[0]


@primitive
class BatchNorm(Primitive):
    """``P.BatchNorm(is_training, epsilon, momentum)(x, scale, bias, mean, variance)``
    -> (y, batch_mean, batch_variance, reserve_space_1, reserve_space_2)."""

    def __init__(self, is_training=False, epsilon=1e-5, momentum=0.1, data_format="NCHW"):
        super().__init__("BatchNorm")
        if not 0 <= momentum <= 1:
            R.raise_error(ValueError, "BatchNorm", f"the 'momentum' must be in [0, 1], but got {momentum}.")
        self.is_training, self.epsilon, self.momentum = is_training, epsilon, momentum
        self.data_format = self.format = data_format

    def __call__(self, x, scale, bias, mean, variance):
        y, nm, nv, bm, bv = batch_norm_update(
            x, mean, variance, scale, bias, self.is_training, self.momentum, self.epsilon, self.data_format
        )
        return y, bm, bv, bm, bv


@op("layer_norm")
def _layer_norm(x, gamma, beta, begin_norm_axis=-1, begin_params_axis=-1, eps=1e-7):
    """Returns (y, mean, rstd-free variance) with mean/var keeping dims, as P.LayerNorm."""
    nd = x.ndim
    bna = begin_norm_axis % nd if nd else 0
    bpa = begin_params_axis % nd if nd else 0
    axes = tuple(range(bna, nd))
    xf = to_float(x)
    m = jnp.mean(xf, axis=axes, keepdims=True)
    v = jnp.mean(jnp.square(xf - m), axis=axes, keepdims=True)
    y = (xf - m) * lax.rsqrt(v + eps)
    pshape = tuple(x.shape[bpa:])
    if gamma is not None:
        if tuple(gamma.shape) != pshape:
            R.raise_error(
                ValueError,
                "LayerNorm",
                f"the shape of 'gamma' {list(gamma.shape)} must be "
                f"{list(pshape)} for x {list(x.shape)} and "
                f"begin_params_axis {begin_params_axis}.",
            )
        y = y * gamma.astype(y.dtype)
    if beta is not None:
        y = y + beta.astype(y.dtype)
    return y, m, v


@functional
def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    ns = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if tuple(input.shape[input.ndim - len(ns) :]) != ns:
        R.raise_error(
            ValueError,
            "layer_norm",
            f"the 'normalized_shape' {list(ns)} must match the trailing dims of input {list(input.shape)}.",
        )
    b = input.ndim - len(ns)
    return call("layer_norm", input, weight, bias, b, b, eps)[0]


@primitive
class LayerNorm(Primitive):
    """``P.LayerNorm(begin_norm_axis=1, begin_params_axis=1, epsilon=1e-7)(x, gamma, beta)``
    -> (y, mean, variance)."""

    def __init__(self, begin_norm_axis=1, begin_params_axis=1, epsilon=1e-7):
        super().__init__("LayerNorm")
        self.begin_norm_axis, self.begin_params_axis, self.epsilon = (
            begin_norm_axis,
            begin_params_axis,
            epsilon,
        )

    def __call__(self, x, gamma, beta):
        return tuple(
            call("layer_norm", x, gamma, beta, self.begin_norm_axis, self.begin_params_axis, self.epsilon)
        )


@op("group_norm")
def _group_norm(x, num_groups, gamma=None, beta=None, eps=1e-5):
    n, c = x.shape[:2]
    if c % num_groups:
        R.raise_error(
            ValueError, "GroupNorm", f"the channels {c} must be divisible by num_groups {num_groups}."
        )
    xf = to_float(x)
    g = xf.reshape(n, num_groups, -1)
    m = jnp.mean(g, axis=-1, keepdims=True)
    v = jnp.mean(jnp.square(g - m), axis=-1, keepdims=True)
    y = ((g - m) * lax.rsqrt(v + eps)).reshape(x.shape)
    bshape = _ch_shape(y)
    if gamma is not None:
        y = y * gamma.reshape(bshape)
    if beta is not None:
        y = y + beta.reshape(bshape)
    return y


@functional
def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    return call("group_norm", input, num_groups, weight, bias, eps)


@op("instance_norm")
def _instance_norm(
    x, gamma=None, beta=None, mean=None, var=None, use_input_stats=True, momentum=0.1, eps=1e-5
):
    """Per-sample, per-channel normalisation; returns (y, new_mean, new_var)."""
    xf = to_float(x)
    axes = tuple(range(2, x.ndim))
    bshape = _ch_shape(xf)
    if use_input_stats:
        m = jnp.mean(xf, axis=axes, keepdims=True)
        v = jnp.mean(jnp.square(xf - m), axis=axes, keepdims=True)
        cnt = max(math.prod(x.shape[2:]), 2)
        new_m = new_v = None
        if mean is not None:
            new_m = mean * (1 - momentum) + jnp.mean(m, axis=(0,) + axes) * momentum
            new_v = var * (1 - momentum) + jnp.mean(v * cnt / (cnt - 1), axis=(0,) + axes) * momentum
    else:
        m, v = mean.reshape(bshape), var.reshape(bshape)
        new_m, new_v = mean, var
    y = (xf - m) * lax.rsqrt(v + eps)
    if gamma is not None:
        y = y * gamma.reshape(bshape)
    if beta is not None:
        y = y + beta.reshape(bshape)
    return y, new_m, new_v


@functional
def instance_norm(
    input,
    running_mean=None,
    running_var=None,
    weight=None,
    bias=None,
    use_input_stats=True,
    momentum=0.1,
    eps=1e-5,
):
    y, nm, nv = call(
        "instance_norm", input, weight, bias, running_mean, running_var, use_input_stats, momentum, eps
    )
    if use_input_stats and isinstance(running_mean, Parameter):
        _write_stats(running_mean, running_var, nm, nv)
    return y


@op("l2_normalize")
def _l2_normalize(x, axis=0, epsilon=1e-4):
    xf = to_float(x)
    s = jnp.sum(jnp.square(xf), axis=axis, keepdims=True)
    return xf * lax.rsqrt(jnp.maximum(s, epsilon))


@primitive
class L2Normalize(Primitive):
    def __init__(self, axis=0, epsilon=1e-4):
        super().__init__("L2Normalize")
        self.axis = axis if isinstance(axis, int) else tuple(axis)
        self.epsilon = epsilon

    def __call__(self, x):
        return call("l2_normalize", x, self.axis, self.epsilon)


@op("normalize")
def _normalize(x, p=2.0, dim=1, eps=1e-12):
    xf = to_float(x)
    n = jnp.sum(jnp.abs(xf) ** p, axis=dim, keepdims=True) ** (1.0 / p)
    return xf / jnp.maximum(n, eps)


@op("lrn")
def _lrn(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5):
    """TensorFlow LRN across channels (NCHW): x / (bias + alpha * sum_{c-r..c+r} x^2) ** beta."""
    xf = to_float(x)
    sq = jnp.square(xf)
    r = depth_radius
    s = lax.reduce_window(
        sq,
        np.array(0, xf.dtype),
        lax.add,
        (1, 2 * r + 1) + (1,) * (x.ndim - 2),
        (1,) * x.ndim,
        [(0, 0), (r, r)] + [(0, 0)] * (x.ndim - 2),
    )
    return xf / jnp.power(bias + alpha * s, beta)


@functional
def lrn(x, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
    return call("lrn", x, depth_radius, bias, alpha, beta)


@primitive
class LRN(Primitive):
    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
        super().__init__("LRN")
        self.depth_radius, self.bias, self.alpha, self.beta = depth_radius, bias, alpha, beta

    def __call__(self, x):
        return call("lrn", x, self.depth_radius, self.bias, self.alpha, self.beta)


@op("clip_by_norm")
def _clip_by_norm(x, max_norm, norm_type=2.0, axis=None):
    xf = to_float(x)
    n = jnp.sum(jnp.abs(xf) ** norm_type, axis=axis, keepdims=axis is not None) ** (1.0 / norm_type)
    scale = jnp.minimum(1.0, max_norm / (n + 1e-6))
    return xf * scale


@functional
def clip_by_norm(x, max_norm, norm_type=2.0, error_if_nonfinite=False):
    """``ops.clip_by_norm``: a Tensor, or a list/tuple clipped by their total norm."""
    if isinstance(x, (list, tuple)):
        from ...common.tensor import Tensor as _T

        norms = [jnp.sum(jnp.abs(t._data.astype(jnp.float32)) ** norm_type) for t in x]
        total = sum(norms) ** (1.0 / norm_type)
        mn = max_norm._data if isinstance(max_norm, _T) else max_norm
        scale = jnp.minimum(1.0, mn / (total + 1e-6))
        return type(x)(_T._wrap((t._data * scale).astype(t._data.dtype)) for t in x)
    return call("clip_by_norm", x, max_norm, norm_type)


@op("clip_by_norm_axis")
def _clip_by_norm_axis(x, clip_norm, axis=()):
    """nn.ClipByNorm: x * clip_norm / max(l2norm(x, axis), clip_norm)."""
    xf = to_float(x)
    ax = None if axis in ((), None) else axis
    n = jnp.sqrt(jnp.sum(jnp.square(xf), axis=ax, keepdims=True))
    cn = jnp.asarray(clip_norm, xf.dtype)
    return xf * cn / jnp.maximum(n, cn)
