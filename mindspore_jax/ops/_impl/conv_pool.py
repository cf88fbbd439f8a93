"""Max/avg/LP pooling, adaptive pooling and max-pool argmax, with functional/Primitive views."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _registry as R
from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._conv_common import _check_rank, _pool_geometry, _tup
from ._promote import to_float

# --- pooling ----------------------------------------------------------------------------------


@op("max_pool")
def _max_pool(x, kernel, stride, pad_mode="valid", padding=0, dilation=1, ceil_mode=False):
    nsp = len(kernel)
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    pads, _ = _pool_geometry(x.shape[2:], kernel, stride, dilation, pad_mode, padding, ceil_mode)
    init = -jnp.inf if x.dtype.kind == "f" else jnp.iinfo(x.dtype).min
    return lax.reduce_window(
        x,
        np.array(init, x.dtype),  # concrete init: JAX's differentiable max-pool path
        lax.max,
        (1, 1) + tuple(kernel),
        (1, 1) + stride,
        [(0, 0), (0, 0)] + pads,
        window_dilation=(1, 1) + dilation,
    )


@op("max_pool_argmax")
def _max_pool_argmax(x, kernel, stride, pad_mode="valid", padding=0, dilation=1, ceil_mode=False):
    """Max pooling with the flat (per-channel spatial) index of each maximum."""
    nsp = len(kernel)
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    pads, _ = _pool_geometry(x.shape[2:], kernel, stride, dilation, pad_mode, padding, ceil_mode)
    idx = jnp.arange(int(np.prod(x.shape[2:])), dtype=jnp.int64).reshape(x.shape[2:])
    idx = jnp.broadcast_to(idx, x.shape)
    neg = jnp.asarray(-jnp.inf, x.dtype)

    def red(a, b):
        av, ai = a
        bv, bi = b
        take_b = (bv > av) | ((bv == av) & (bi < ai))
        return jnp.where(take_b, bv, av), jnp.where(take_b, bi, ai)

    vals, inds = lax.reduce_window(
        (x, idx),
        (neg, jnp.asarray(-1, jnp.int64)),
        red,
        (1, 1) + tuple(kernel),
        (1, 1) + stride,
        [(0, 0), (0, 0)] + pads,
        window_dilation=(1, 1) + dilation,
    )
    return vals, inds


@op("avg_pool")
def _avg_pool(
    x,
    kernel,
    stride,
    pad_mode="valid",
    padding=0,
    ceil_mode=False,
    count_include_pad=True,
    divisor_override=None,
):
    """Average pooling; 'same' padding and ceil-mode overhang are never counted in the divisor."""
    nsp = len(kernel)
    stride = _tup(stride, nsp, "stride")
    ones = (1,) * nsp
    x = to_float(x)
    pads, base = _pool_geometry(x.shape[2:], kernel, stride, ones, pad_mode, padding, ceil_mode)
    win, strd = (1, 1) + tuple(kernel), (1, 1) + stride
    allp = [(0, 0), (0, 0)] + pads
    s = lax.reduce_window(x, np.array(0, x.dtype), lax.add, win, strd, allp)
    if divisor_override:
        return s / divisor_override
    # divisor: the cells inside the input (plus explicit padding when count_include_pad)
    sp = x.shape[2:]
    if count_include_pad and pad_mode.lower() == "pad":
        region = [(b, a) for b, a in base]
        mask_shape = tuple(n + b + a for n, (b, a) in zip(sp, region))
        mask = jnp.ones(mask_shape, x.dtype)
        mpads = [(p[0] - r[0], p[1] - r[1]) for p, r in zip(pads, region)]
    else:
        mask = jnp.ones(sp, x.dtype)
        mpads = pads
    cnt = lax.reduce_window(mask, np.array(0, x.dtype), lax.add, tuple(kernel), stride, mpads)
    return s / cnt


def _window_masks(n_in, n_out):
    m = np.zeros((n_out, n_in), bool)
    for i in range(n_out):
        m[i, (i * n_in) // n_out : -((-(i + 1) * n_in) // n_out)] = True
    return m


@op("adaptive_avg_pool")
def _adaptive_avg_pool(x, output_size):
    x = to_float(x)
    nsp = len(output_size)
    for i, o in enumerate(output_size):
        axis = x.ndim - nsp + i
        n = x.shape[axis]
        o = n if o is None else o
        m = _window_masks(n, o).astype(np.float64)
        m = m / m.sum(1, keepdims=True)
        y = jnp.tensordot(x, jnp.asarray(m, x.dtype), axes=([axis], [1]))
        x = jnp.moveaxis(y, -1, axis)
    return x


@op("adaptive_max_pool")
def _adaptive_max_pool(x, output_size, return_indices=False):
    nsp = len(output_size)
    sp = x.shape[x.ndim - nsp :]
    lead = x.shape[: x.ndim - nsp]
    flat_idx = jnp.broadcast_to(jnp.arange(int(np.prod(sp)), dtype=jnp.int64).reshape(sp), x.shape)
    vals, inds = x, flat_idx
    neg = -jnp.inf if x.dtype.kind == "f" else jnp.iinfo(x.dtype).min
    for i, o in enumerate(output_size):
        axis = len(lead) + i
        n = x.shape[axis]
        o = n if o is None else o
        m = jnp.asarray(_window_masks(n, o))  # (o, n)
        v = jnp.moveaxis(vals, axis, -1)[..., None, :]  # (..., 1, n)
        ix = jnp.moveaxis(inds, axis, -1)[..., None, :]
        masked = jnp.where(m, v, neg)
        am = jnp.argmax(masked, axis=-1)
        vals = jnp.moveaxis(jnp.max(masked, axis=-1), -1, axis)
        inds = jnp.moveaxis(
            jnp.take_along_axis(jnp.broadcast_to(ix, masked.shape), am[..., None], axis=-1)[..., 0], -1, axis
        )
    return (vals, inds) if return_indices else vals


def _norm_out_size(output_size, nsp, x):
    if isinstance(output_size, (int, np.integer)) or output_size is None:
        output_size = (output_size,) * nsp
    output_size = tuple(output_size)
    if len(output_size) != nsp:
        R.raise_error(
            ValueError, "AdaptivePool", f"the 'output_size' must have {nsp} elements, but got {output_size}."
        )
    return output_size


def _pool_fn(x, nsp, fn):
    """Runs a channels-first pool on an unbatched input too."""
    if x.ndim == nsp + 1:
        return _squeeze0(fn(_unsqueeze0(x)))
    return fn(x)


def _unsqueeze0(x):
    from ...common.tensor import Tensor

    return Tensor._wrap(x._data[None])


def _squeeze0(y):
    from ...common.tensor import Tensor

    if isinstance(y, tuple):
        return tuple(_squeeze0(i) for i in y)
    return Tensor._wrap(y._data[0])


def _max_pool_view(nsp):
    def f(x, kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False):
        return _max_pool_impl(x, kernel_size, stride, padding, dilation, return_indices, ceil_mode)

    def _max_pool_impl(x, kernel_size, stride, padding, dilation, return_indices, ceil_mode):
        _check_rank(f"max_pool{nsp}d", x, (nsp + 1, nsp + 2))
        k = _tup(kernel_size, nsp)
        s = k if stride is None else _tup(stride, nsp, "stride")
        name = "max_pool_argmax" if return_indices else "max_pool"
        return _pool_fn(x, nsp, lambda t: call(name, t, k, s, "pad", padding, dilation, ceil_mode))

    if nsp == 3:  # MindSpore's max_pool3d takes ceil_mode before return_indices

        def f(x, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
            return _max_pool_impl(x, kernel_size, stride, padding, dilation, return_indices, ceil_mode)

    f.__name__ = f"max_pool{nsp}d"
    return functional(f)


max_pool1d = _max_pool_view(1)
max_pool2d = _max_pool_view(2)
max_pool3d = _max_pool_view(3)


def _avg_pool_view(nsp):
    def f(
        input_x,
        kernel_size=1,
        stride=1,
        padding=0,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=0,
    ):
        _check_rank(f"avg_pool{nsp}d", input_x, (nsp + 1, nsp + 2))
        k = _tup(kernel_size, nsp)
        s = k if stride is None else _tup(stride, nsp, "stride")
        return _pool_fn(
            input_x,
            nsp,
            lambda t: call(
                "avg_pool", t, k, s, "pad", padding, ceil_mode, count_include_pad, divisor_override or None
            ),
        )

    f.__name__ = f"avg_pool{nsp}d"
    return functional(f)


avg_pool1d = _avg_pool_view(1)
avg_pool2d = _avg_pool_view(2)
avg_pool3d = _avg_pool_view(3)


def _adaptive_view(nsp, kind):
    def f(input, output_size, return_indices=False):
        _check_rank(f"adaptive_{kind}_pool{nsp}d", input, (nsp + 1, nsp + 2))
        osz = _norm_out_size(output_size, nsp, input)
        if kind == "avg":
            return call("adaptive_avg_pool", input, osz)
        return call("adaptive_max_pool", input, osz, return_indices)

    f.__name__ = f"adaptive_{kind}_pool{nsp}d"
    return functional(f)


adaptive_avg_pool1d = _adaptive_view(1, "avg")
adaptive_avg_pool2d = _adaptive_view(2, "avg")
adaptive_avg_pool3d = _adaptive_view(3, "avg")
adaptive_max_pool1d = _adaptive_view(1, "max")
adaptive_max_pool2d = _adaptive_view(2, "max")
adaptive_max_pool3d = _adaptive_view(3, "max")


@functional
def lp_pool1d(x, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _lp_pool(x, norm_type, _tup(kernel_size, 1), stride, ceil_mode)


@functional
def lp_pool2d(x, norm_type, kernel_size, stride=None, ceil_mode=False):
    return _lp_pool(x, norm_type, _tup(kernel_size, 2), stride, ceil_mode)


@op("lp_pool")
def _lp_pool_op(x, p, kernel, stride, ceil_mode):
    nsp = len(kernel)
    pads, _ = _pool_geometry(x.shape[2:], kernel, stride, (1,) * nsp, "valid", 0, ceil_mode)
    s = lax.reduce_window(
        jnp.power(x, p),
        np.array(0, x.dtype),
        lax.add,
        (1, 1) + kernel,
        (1, 1) + stride,
        [(0, 0), (0, 0)] + pads,
    )
    return jnp.power(jnp.sign(s) * jnp.maximum(jnp.abs(s), 0), 1.0 / p)


def _lp_pool(x, p, kernel, stride, ceil_mode):
    s = kernel if stride is None else _tup(stride, len(kernel), "stride")
    return _pool_fn(x, len(kernel), lambda t: call("lp_pool", t, float(p), kernel, s, ceil_mode))


# primitive views ----------------------------------------------------------------------------
def _prim_ks(v, nsp):
    if isinstance(v, int):
        return (v,) * nsp
    v = tuple(v)
    return v[-nsp:] if len(v) > nsp else _tup(v, nsp)


@primitive
class MaxPool(Primitive):
    """``P.MaxPool(kernel_size, strides, pad_mode)``: 'VALID' or 'SAME' (TensorFlow placement)."""

    _nsp = 2

    def __init__(self, kernel_size=1, strides=1, pad_mode="valid", data_format="NCHW"):
        super().__init__(type(self).__name__)
        self.kernel_size = _prim_ks(kernel_size, self._nsp)
        self.strides = _prim_ks(strides, self._nsp)
        self.pad_mode = pad_mode.upper()
        if self.pad_mode not in ("VALID", "SAME"):
            R.raise_error(
                ValueError, self.name, f"the 'pad_mode' must be 'VALID' or 'SAME', but got '{pad_mode}'."
            )
        self.data_format = data_format

    def __call__(self, x):
        return call("max_pool", x, self.kernel_size, self.strides, self.pad_mode, 0)


@primitive
class AvgPool(MaxPool):
    def __call__(self, x):
        return call("avg_pool", x, self.kernel_size, self.strides, self.pad_mode, 0)


@primitive
class MaxPoolWithArgmax(MaxPool):
    def __call__(self, x):
        return call("max_pool_argmax", x, self.kernel_size, self.strides, self.pad_mode, 0)


@primitive
class MaxPool3D(Primitive):
    def __init__(
        self, kernel_size=1, strides=1, pad_mode="VALID", pad_list=0, ceil_mode=None, data_format="NCDHW"
    ):
        super().__init__("MaxPool3D")
        self.kernel_size, self.strides = _prim_ks(kernel_size, 3), _prim_ks(strides, 3)
        self.pad_mode, self.pad_list, self.ceil_mode = pad_mode.lower(), pad_list, bool(ceil_mode)

    def __call__(self, x):
        return call(
            "max_pool", x, self.kernel_size, self.strides, self.pad_mode, self.pad_list, 1, self.ceil_mode
        )


@primitive
class AvgPool3D(Primitive):
    def __init__(
        self,
        kernel_size=1,
        strides=1,
        pad_mode="valid",
        pad=0,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=0,
        data_format="NCDHW",
    ):
        super().__init__("AvgPool3D")
        self.kernel_size, self.strides = _prim_ks(kernel_size, 3), _prim_ks(strides, 3)
        self.pad_mode, self.pad, self.ceil_mode = pad_mode.lower(), pad, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def __call__(self, x):
        return call(
            "avg_pool",
            x,
            self.kernel_size,
            self.strides,
            self.pad_mode,
            self.pad,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_override or None,
        )


@primitive
class AdaptiveAvgPool2D(Primitive):
    _nsp = 2

    def __init__(self, output_size):
        super().__init__(type(self).__name__)
        self.output_size = output_size

    def __call__(self, x):
        return call("adaptive_avg_pool", x, _norm_out_size(self.output_size, self._nsp, x))


@primitive
class AdaptiveAvgPool3D(AdaptiveAvgPool2D):
    _nsp = 3


@primitive
class AdaptiveMaxPool2D(AdaptiveAvgPool2D):
    def __call__(self, x):
        return call("adaptive_max_pool", x, _norm_out_size(self.output_size, 2, x), True)
