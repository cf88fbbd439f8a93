"""Fractional pooling: FractionalMaxPool / FractionalAvgPool (TensorFlow's, NHWC, random pooling
sequences), FractionalMaxPoolWithFixedKsize / FractionalMaxPool3DWithFixedKsize (PyTorch's, driven by
``random_samples``) and ``ops.fractional_max_pool2d/3d``.

The random draws come from mindspore_jax's RNG, so they cannot equal MindSpore's stream; given the
same ``random_samples`` (or, for the TF ops, the same returned pooling sequences) the outputs match.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive

# --- fixed kernel size (PyTorch's algorithm) -------------------------------------------------------------


def _intervals(sample, n_in, n_out, k):
    """Window starts (..., n_out): int((i + u) * alpha) - int(u * alpha), last = n_in - k."""
    if n_out == 1:
        return jnp.full(sample.shape + (1,), n_in - k, jnp.int32)
    alpha = jnp.asarray((n_in - k) / (n_out - 1), sample.dtype)
    i = jnp.arange(n_out - 1, dtype=sample.dtype)
    s = sample[..., None]
    seq = ((i + s) * alpha).astype(jnp.int32) - (s * alpha).astype(jnp.int32)
    last = jnp.full(sample.shape + (1,), n_in - k, jnp.int32)
    return jnp.concatenate([seq, last], axis=-1)


@op("fractional_max_pool_fixed")
def _fmp_fixed(x, samples, ksize, output_shape, name):
    """x (N, C, *sp); samples (N, C, nsp) with samples[..., 0] driving the LAST spatial axis (w),
    [..., 1] the one before... (PyTorch order: 2-D (w, h), 3-D (t, h, w))."""
    nsp = len(ksize)
    n, c = x.shape[:2]
    sp = x.shape[2:]
    if samples.ndim != 3 or tuple(samples.shape) != (n, c, nsp):
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'random_samples' must be {[n, c, nsp]}, but got {list(samples.shape)}.",
        )
    axes = ("depth", "height", "width")[3 - nsp :]
    for ax, ni, no, k in zip(axes, sp, output_shape, ksize):
        if nsp == 2 and k + no - 1 > ni:
            R.raise_error(
                ValueError,
                name,
                f"ksize {ax} [{k}] + output_shape_{ax[0]} [{no}] too large relative to input {ax} [{ni}], "
                f"conflict with the rule: ksize_{ax[0]} + output_shape_{ax[0]} - 1 <= input_{ax[0]}",
            )
        if nsp == 3 and no + k - 1 >= ni:
            R.raise_error(ValueError, name, f"out(): pool {ax} ,{k}too large relative to input {ax}{ni}.")
    return _fmp_fixed_core(x, samples, tuple(ksize), tuple(output_shape))


@functools.partial(jax.jit, static_argnums=(2, 3))
def _fmp_fixed_core(x, samples, ksize, output_shape):
    """Jitted so eager calls reuse one compiled program."""
    nsp = len(ksize)
    n, c = x.shape[:2]
    sp = x.shape[2:]
    if nsp == 2:
        order = (1, 0)  # sample 0 -> w, sample 1 -> h
    else:
        order = (0, 1, 2)
    starts = [_intervals(samples[..., order[a]], sp[a], output_shape[a], ksize[a]) for a in range(nsp)]
    # absolute positions per axis: (N, C, out_a, k_a)
    pos = [s[..., None] + jnp.arange(k, dtype=jnp.int32) for s, k in zip(starts, ksize)]
    # flat index of each window element: broadcast to (N, C, o0, k0, o1, k1, [o2, k2])
    strides = [int(np.prod(sp[a + 1 :])) for a in range(nsp)]
    flat = 0
    for a in range(nsp):
        shp = [n, c] + [1] * (2 * nsp)
        shp[2 + 2 * a], shp[3 + 2 * a] = output_shape[a], ksize[a]
        flat = flat + (pos[a] * strides[a]).reshape(shp)
    # reorder to (N, C, o0, o1, ..., k0, k1, ...)
    perm = [0, 1] + [2 + 2 * a for a in range(nsp)] + [3 + 2 * a for a in range(nsp)]
    flat = jnp.transpose(flat, perm).reshape((n, c) + tuple(output_shape) + (-1,))
    xf = x.reshape(n, c, -1)
    vals = jnp.take_along_axis(xf, flat.reshape(n, c, -1), axis=2).reshape(flat.shape)
    key = jax.lax.stop_gradient(vals)
    if key.dtype.kind == "f":
        key = jnp.where(jnp.isnan(key), jnp.inf, key)  # a NaN wins (PyTorch's rule)
    am = jnp.argmax(key, axis=-1)
    idx = jnp.take_along_axis(flat, am[..., None], axis=-1)[..., 0]
    out = jnp.take_along_axis(vals, am[..., None], axis=-1)[..., 0]
    return out, idx.astype(jnp.int64)


def _ints(name, argname, v, nsp):
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return (int(v),) * nsp
    v = tuple(v)
    if len(v) == 1:
        v = v * nsp
    if len(v) != nsp or any(not isinstance(i, (int, np.integer)) or isinstance(i, bool) or i <= 0 for i in v):
        raise ValueError(
            f"For '{name}', the '{argname}' must be a positive int or a tuple of {nsp} positive ints, "
            f"but got {v}."
        )
    return tuple(int(i) for i in v)


@primitive
class FractionalMaxPoolWithFixedKsize(Primitive):
    """``ops.FractionalMaxPoolWithFixedKsize(ksize, output_shape, data_format='NCHW')(x, random_samples)``
    -> (y, argmax int64); random_samples (N, C, 2) in [0, 1): [..., 0] places the columns,
    [..., 1] the rows."""

    _nsp = 2
    _fmt = "NCHW"

    def __init__(self, ksize, output_shape, data_format=None):
        super().__init__(type(self).__name__)
        data_format = data_format or self._fmt
        if data_format != self._fmt:
            raise ValueError(
                f"For '{self.name}', the 'data_format' must be '{self._fmt}', but got {data_format}."
            )
        self.ksize = _ints(self.name, "ksize", ksize, self._nsp)
        self.output_shape = _ints(self.name, "output_shape", output_shape, self._nsp)

    def __call__(self, x, random_samples):
        unb = x.ndim == self._nsp + 1
        if x.ndim not in (self._nsp + 1, self._nsp + 2) or (unb and self._nsp == 2):
            raise ValueError(
                f"For '{self.name}', the 'x' must be {self._nsp + 2}-D, but got shape {x.shape}."
            )
        if unb:  # the 3-D op also takes (C, D, H, W) with random_samples (C, 1, 3)
            if random_samples.ndim != 3 or random_samples.shape[0] != x.shape[0]:
                raise ValueError(
                    f"For '{self.name}', if 'x' is 4 dimensional, the first dimension size of 'x' "
                    "and 'random_samples' must be equal."
                )
            x = x.expand_dims(0)
            random_samples = random_samples.transpose(1, 0, 2)
        y, i = call("fractional_max_pool_fixed", x, random_samples, self.ksize, self.output_shape, self.name)
        if unb:
            y, i = y[0], i[0]
        return y, i


@primitive
class FractionalMaxPool3DWithFixedKsize(FractionalMaxPoolWithFixedKsize):
    """``ops.FractionalMaxPool3DWithFixedKsize(ksize, output_shape, data_format='NCDHW')(x, random_samples)``;
    random_samples (N, C, 3): [..., 0] depth, [..., 1] height, [..., 2] width."""

    _nsp = 3
    _fmt = "NCDHW"


def _frac_out(name, x, nsp, output_size, output_ratio):
    if output_size is None and output_ratio is None:
        raise ValueError(
            f"For {name}, 'output_size' and 'output_ratio' can not be None"
            f"at the same time, but got {output_ratio} and {output_size} ."
        )
    if output_size is not None:
        return _ints(name, "output_size", output_size, nsp)
    if isinstance(output_ratio, (float, int)):
        if not isinstance(output_ratio, float):
            raise TypeError(
                f"For '{name}', the type of 'output_ratio' should be 'float', but got "
                f"'{type(output_ratio).__name__}'."
            )
        output_ratio = (output_ratio,) * nsp
    for i, r in enumerate(output_ratio):
        if not 0.0 < r < 1.0:
            raise ValueError(
                f"For '{name}', the 'output_ratio[{i}]' must be in range (0.0, 1.0), but got {r}."
            )
    return tuple(int(s * r) for s, r in zip(x.shape[-nsp:], output_ratio))


def _rand_samples(n, c, nsp, dtype):
    from ...common import dtype as mstype
    from ...common.rng import next_key
    from ...common.tensor import Tensor

    dt = dtype if dtype in (mstype.float16, mstype.float32, mstype.float64) else mstype.float32
    u = jax.random.uniform(next_key(), (n, c, nsp), jnp.float32)
    return Tensor._wrap(u).astype(dt)


@functional
def fractional_max_pool2d(
    input, kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None
):
    """``ops.fractional_max_pool2d``: (N, C, H, W) or (C, H, W)."""
    name = "fractional_max_pool2d"
    osz = _frac_out(name, input, 2, output_size, output_ratio)
    if not isinstance(return_indices, bool):
        raise TypeError(
            f"For '{name}', the type of 'return_indices' should be 'bool', but got "
            f"'{type(return_indices).__name__}'."
        )
    unb = input.ndim == 3
    if unb:
        input = input.expand_dims(0)
    if _random_samples is None:
        _random_samples = _rand_samples(input.shape[0], input.shape[1], 2, input.dtype)
    y, idx = FractionalMaxPoolWithFixedKsize(kernel_size, osz)(input, _random_samples)
    if unb:
        y, idx = y[0], idx[0]
    return (y, idx) if return_indices else y


@functional
def fractional_max_pool3d(
    input, kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None
):
    """``ops.fractional_max_pool3d``: (N, C, D, H, W) or (C, D, H, W)."""
    name = "fractional_max_pool3d"
    osz = _frac_out(name, input, 3, output_size, output_ratio)
    if not isinstance(return_indices, bool):
        raise TypeError(
            f"For '{name}', the type of 'return_indices' should be 'bool', but got "
            f"'{type(return_indices).__name__}'."
        )
    if _random_samples is None:
        n = 1 if input.ndim == 4 else input.shape[0]
        _random_samples = _rand_samples(n, input.shape[-4], 3, input.dtype)
    if input.ndim == 4:
        _random_samples = _random_samples.transpose(1, 0, 2)
    if input.dtype != _random_samples.dtype:
        raise TypeError(
            f"For 'fractional_max_pool3d', 'input' and '_random_samples' must be same dtype, "
            f"but got Tensor[{input.dtype}] and Tensor[{_random_samples.dtype}]."
        )
    y, idx = FractionalMaxPool3DWithFixedKsize(kernel_size, osz)(input, _random_samples)
    return (y, idx) if return_indices else y


# --- TensorFlow's FractionalMaxPool / FractionalAvgPool (NHWC) ---------------------------------------


def _tf_sequence(key, n_in, n_out, pseudo_random):
    """Cumulative pooling sequence of length n_out + 1 (starts at 0, ends at n_in)."""
    if pseudo_random:
        alpha = n_in / n_out
        k = n_in // n_out
        u_max1 = (k + 2) / alpha - 1
        u_max2 = (n_in + 1 - k) / alpha - (n_out - 1)
        u = jax.random.uniform(key, (), jnp.float64 if jax.config.jax_enable_x64 else jnp.float32) * min(
            u_max1, u_max2
        )
        i = jnp.arange(1, n_out)
        mid = (jnp.ceil(alpha * (i + u)) - 1).astype(jnp.int64)
        return jnp.concatenate([jnp.zeros(1, jnp.int64), mid, jnp.full(1, n_in, jnp.int64)])
    k = n_in // n_out
    extra = n_in % n_out
    diff = np.full(n_out, k, np.int64)
    diff[:extra] += 1
    diff = jax.random.permutation(key, jnp.asarray(diff))
    return jnp.concatenate([jnp.zeros(1, jnp.int64), jnp.cumsum(diff)])


def _seq_masks(seq, n_in, overlapping):
    """(n_out, n_in) membership of each input position in each pooling cell."""
    p = jnp.arange(n_in)[None, :]
    lo, hi = seq[:-1, None], seq[1:, None]
    end = jnp.minimum(hi + 1, n_in) if overlapping else hi
    return (p >= lo) & (p < end)


@op("fractional_pool_seq")
def _fractional_pool_seq(x, row_seq, col_seq, overlapping, kind):
    """Pools NHWC ``x`` over the cells given by the cumulative sequences (the op's core, deterministic)."""
    n, h, w, c = x.shape
    mr = _seq_masks(row_seq.astype(jnp.int32), h, overlapping)  # (oh, h)
    mc = _seq_masks(col_seq.astype(jnp.int32), w, overlapping)  # (ow, w)
    if kind == "max":
        low = -jnp.inf if x.dtype.kind == "f" else jnp.iinfo(x.dtype).min
        t = jnp.max(jnp.where(mr[None, :, :, None, None], x[:, None], low), axis=2)  # (n, oh, w, c)
        return jnp.max(jnp.where(mc[None, None, :, :, None], t[:, :, None], low), axis=3)
    xf = x.astype(jnp.float32) if x.dtype.kind != "f" else x
    s = jnp.einsum("ah,bw,nhwc->nabc", mr.astype(xf.dtype), mc.astype(xf.dtype), xf)
    cnt = mr.sum(1)[:, None] * mc.sum(1)[None, :]
    out = s / cnt[None, :, :, None].astype(xf.dtype)
    if x.dtype.kind != "f":
        out = out.astype(x.dtype)
    return out


@op("fractional_pool")
def _fractional_pool(x, key, ratio, pseudo_random, overlapping, kind, name):
    if x.ndim != 4:
        R.raise_error(ValueError, name, f"the 'x' must be 4-D (N, H, W, C), but got shape {list(x.shape)}.")
    oh, ow = int(x.shape[1] / ratio[1]), int(x.shape[2] / ratio[2])
    if oh <= 0 or ow <= 0:
        R.raise_error(
            ValueError,
            name,
            f"the output size must be positive, but got {[oh, ow]} for input {list(x.shape)}.",
        )
    kr, kc = jax.random.split(key)
    rs = _tf_sequence(kr, x.shape[1], oh, pseudo_random)
    cs = _tf_sequence(kc, x.shape[2], ow, pseudo_random)
    return _fractional_pool_seq(x, rs, cs, overlapping, kind), rs, cs


@primitive
class FractionalMaxPool(Primitive):
    """``ops.FractionalMaxPool(pooling_ratio, pseudo_random=False, overlapping=False, deterministic=False,
    seed=0, seed2=0)(x NHWC)`` -> (y, row_pooling_sequence int64, col_pooling_sequence int64)."""

    _kind = "max"

    def __init__(
        self, pooling_ratio, pseudo_random=False, overlapping=False, deterministic=False, seed=0, seed2=0
    ):
        super().__init__(type(self).__name__)
        if not isinstance(pooling_ratio, list):
            raise TypeError(
                f"For '{self.name}', the type of 'pooling_ratio' should be 'list', but got type "
                f"'{type(pooling_ratio).__name__}'."
            )
        if len(pooling_ratio) != 4:
            raise ValueError(
                f"For '{self.name}', the length of 'pooling_ratio' must be 4, but got {len(pooling_ratio)}."
            )
        if pooling_ratio[0] != 1.0 or pooling_ratio[3] != 1.0:
            raise ValueError(
                f"For '{self.name}', the first and last elements of 'pooling_ratio' must be 1.0, "
                f"but got {pooling_ratio}."
            )
        if any(r < 1.0 for r in pooling_ratio):
            raise ValueError(
                f"For '{self.name}', every element of 'pooling_ratio' must be >= 1.0, but got "
                f"{pooling_ratio}."
            )
        self.pooling_ratio = pooling_ratio
        self.pseudo_random, self.overlapping = bool(pseudo_random), bool(overlapping)
        self.deterministic, self.seed, self.seed2 = deterministic, seed, seed2

    def __call__(self, x):
        from ...common.rng import next_key

        key = next_key()  # seeds are accepted; MindSpore's stream cannot be reproduced
        return call(
            "fractional_pool",
            x,
            key,
            tuple(self.pooling_ratio),
            self.pseudo_random,
            self.overlapping,
            self._kind,
            self.name,
        )


@primitive
class FractionalAvgPool(FractionalMaxPool):
    _kind = "avg"
