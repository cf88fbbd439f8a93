"""Convolution, transposed convolution, pooling, adaptive pooling and im2col (unfold/fold).

Channels-first layouts (NCW, NCHW, NCDHW). ``pad_mode='same'`` pads like TensorFlow (the
smaller half before, the extra cell after); explicit padding is per spatial dim (before, after).
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _registry as R
from ...context import conv_precision
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive
from ._promote import to_float

_DN = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}


def _tup(v, n, name="kernel_size"):
    if isinstance(v, (int, np.integer)):
        return (int(v),) * n
    v = tuple(int(i) for i in v)
    if len(v) == 1:
        return v * n
    if len(v) != n:
        R.raise_error(ValueError, "Conv", f"the '{name}' must be an int or a tuple of {n} ints, but got {v}.")
    return v


def same_pads(sizes, kernel, stride, dilation):
    """TensorFlow 'SAME': total = max((ceil(n/s)-1)*s + (k-1)*d + 1 - n, 0), extra cell after."""
    pads = []
    for n, k, s, d in zip(sizes, kernel, stride, dilation):
        total = max((-(-n // s) - 1) * s + (k - 1) * d + 1 - n, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def explicit_pads(padding, nsp):
    """int -> symmetric; nsp ints -> per-dim symmetric; 2*nsp ints -> (before, after) per dim."""
    if isinstance(padding, (int, np.integer)):
        return [(int(padding), int(padding))] * nsp
    p = tuple(int(i) for i in padding)
    if len(p) == 1:
        return [(p[0], p[0])] * nsp
    if len(p) == nsp:
        return [(i, i) for i in p]
    if len(p) == 2 * nsp:
        return [(p[2 * i], p[2 * i + 1]) for i in range(nsp)]
    R.raise_error(
        ValueError,
        "Conv",
        f"the 'padding' must be an int or a tuple of {nsp} or {2 * nsp} ints, but got {p}.",
    )


def _resolve_pads(x_sp, kernel, stride, dilation, pad_mode, padding):
    nsp = len(kernel)
    mode = pad_mode.lower() if isinstance(pad_mode, str) else pad_mode
    if isinstance(padding, str):
        mode = padding.lower()
    if mode == "same":
        return same_pads(x_sp, kernel, stride, dilation)
    if mode == "valid":
        return [(0, 0)] * nsp
    if mode == "pad":
        return explicit_pads(padding, nsp)
    R.raise_error(
        ValueError, "Conv", f"the 'pad_mode' must be 'same', 'valid' or 'pad', but got '{pad_mode}'."
    )


# --- convolution ------------------------------------------------------------------------------


@op("conv")
def _conv(x, w, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):
    """N-d convolution; weight (out, in/groups, *kernel)."""
    nsp = w.ndim - 2
    name = f"Conv{nsp}D"
    if x.ndim != nsp + 2:
        R.raise_error(ValueError, name, f"the input must be {nsp + 2}-D, but got shape {list(x.shape)}.")
    if x.shape[1] != w.shape[1] * groups:
        R.raise_error(
            ValueError,
            name,
            f"the input channel {x.shape[1]} of x {list(x.shape)} must equal "
            f"weight {list(w.shape)} dim 1 ({w.shape[1]}) * groups ({groups}).",
        )
    if w.shape[0] % groups:
        R.raise_error(ValueError, name, f"the out channel {w.shape[0]} must be divisible by groups {groups}.")
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    kernel = w.shape[2:]
    pads = _resolve_pads(x.shape[2:], kernel, stride, dilation, pad_mode, padding)
    for n, (b, a), k, d in zip(x.shape[2:], pads, kernel, dilation):
        if n + b + a < (k - 1) * d + 1:
            R.raise_error(
                ValueError,
                name,
                f"the padded input size {n + b + a} is smaller than the "
                f"dilated kernel size {(k - 1) * d + 1}: x {list(x.shape)}, "
                f"weight {list(w.shape)}.",
            )
    if x.dtype != w.dtype:
        dt = jnp.promote_types(x.dtype, w.dtype)
        x, w = x.astype(dt), w.astype(dt)
    out = lax.conv_general_dilated(
        x, w, stride, pads, rhs_dilation=dilation, dimension_numbers=_DN[nsp], feature_group_count=groups,
        precision=conv_precision(),
    )
    if bias is not None:
        out = out + bias.reshape((-1,) + (1,) * nsp).astype(out.dtype)
    return out


@op("conv_transpose")
def _conv_transpose(
    x,
    w,
    bias=None,
    stride=1,
    pad_mode="valid",
    padding=0,
    dilation=1,
    groups=1,
    output_padding=0,
    output_size=None,
):
    """Transposed conv (gradient of conv w.r.t. its input); weight (in, out/groups, *kernel)."""
    nsp = w.ndim - 2
    name = f"Conv{nsp}DTranspose"
    if x.ndim != nsp + 2 or x.shape[1] != w.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the input channel of x {list(x.shape)} must equal weight {list(w.shape)} dim 0.",
        )
    stride, dilation = _tup(stride, nsp, "stride"), _tup(dilation, nsp, "dilation")
    opad = _tup(output_padding, nsp, "output_padding")
    kernel = w.shape[2:]
    in_sp = x.shape[2:]
    mode = pad_mode.lower()
    if output_size is not None:
        n_out = tuple(output_size)[-nsp:]
    elif mode == "same":
        n_out = tuple(n * s for n, s in zip(in_sp, stride))
    else:
        pp = [(0, 0)] * nsp if mode == "valid" else explicit_pads(padding, nsp)
        n_out = tuple(
            (n - 1) * s + (k - 1) * d + 1 - b - a + op_
            for n, s, k, d, (b, a), op_ in zip(in_sp, stride, kernel, dilation, pp, opad)
        )
    if mode == "same":
        pp = same_pads(n_out, kernel, stride, dilation)
    elif mode == "valid":
        pp = [(0, 0)] * nsp
    else:
        pp = explicit_pads(padding, nsp)
    lax_pads = []
    for n, s, k, d, (b, a), no in zip(in_sp, stride, kernel, dilation, pp, n_out):
        natural = (n - 1) * s + (k - 1) * d + 1 - b - a
        lax_pads.append(((k - 1) * d - b, (k - 1) * d - a + (no - natural)))
    cin, cout_g = w.shape[0], w.shape[1]
    wk = w.reshape((groups, cin // groups, cout_g) + kernel)
    wk = jnp.swapaxes(wk, 1, 2).reshape((groups * cout_g, cin // groups) + kernel)
    wk = jnp.flip(wk, axis=tuple(range(2, 2 + nsp)))
    if x.dtype != wk.dtype:
        dt = jnp.promote_types(x.dtype, wk.dtype)
        x, wk = x.astype(dt), wk.astype(dt)
    out = lax.conv_general_dilated(
        x,
        wk,
        (1,) * nsp,
        lax_pads,
        lhs_dilation=stride,
        rhs_dilation=dilation,
        dimension_numbers=_DN[nsp],
        feature_group_count=groups,
        precision=conv_precision(),
    )
    if bias is not None:
        out = out + bias.reshape((-1,) + (1,) * nsp).astype(out.dtype)
    return out


def _conv_view(nsp):
    def f(input, weight, bias=None, stride=1, pad_mode="valid", padding=0, dilation=1, groups=1):
        if isinstance(padding, str):
            pad_mode, padding = padding, 0
        return call("conv", input, weight, bias, stride, pad_mode, padding, dilation, groups)

    f.__name__ = f"conv{nsp}d"
    f.__doc__ = f"``ops.conv{nsp}d``: weight (out, in/groups, *kernel); pad_mode 'valid'/'same'/'pad'."
    return functional(f)


conv1d = _conv_view(1)
conv2d = _conv_view(2)
conv3d = _conv_view(3)


def _convt_view(nsp):
    def f(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
        return call(
            "conv_transpose", input, weight, bias, stride, "pad", padding, dilation, groups, output_padding
        )

    f.__name__ = f"conv_transpose{nsp}d"
    return functional(f)


conv_transpose1d = _convt_view(1)
conv_transpose2d = _convt_view(2)
conv_transpose3d = _convt_view(3)

for _i, _f in ((1, conv1d), (2, conv2d), (3, conv3d)):
    mint(f"nn.functional.conv{_i}d")(
        (
            lambda nsp: (
                lambda input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1: call(
                    "conv",
                    input,
                    weight,
                    bias,
                    stride,
                    padding if isinstance(padding, str) else "pad",
                    0 if isinstance(padding, str) else padding,
                    dilation,
                    groups,
                )
            )
        )(_i)
    )


def _conv_prim_pad(pad_mode, pad):
    mode = pad_mode.lower()
    return mode, pad


@primitive
class Conv2D(Primitive):
    """``P.Conv2D(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group)``;
    ``pad`` is an int or (top, bottom, left, right)."""

    _nsp = 2

    def __init__(
        self,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCHW",
    ):
        super().__init__(type(self).__name__)
        self.out_channel, self.kernel_size = out_channel, _tup(kernel_size, self._nsp)
        self.mode, self.pad_mode, self.pad = mode, pad_mode.lower(), pad
        self.stride = _strides(stride, self._nsp)
        self.dilation = _strides(dilation, self._nsp)
        self.group, self.data_format = group, data_format
        if self.pad_mode != "pad" and pad not in (0, (0, 0, 0, 0)):
            R.raise_error(
                ValueError, self.name, f"the 'pad' must be 0 when 'pad_mode' is not 'pad', but got {pad}."
            )

    def __call__(self, x, w):
        if w.shape[0] != self.out_channel:
            R.raise_error(
                ValueError,
                self.name,
                f"the weight dim 0 {w.shape[0]} must equal out_channel {self.out_channel}.",
            )
        return call("conv", x, w, None, self.stride, self.pad_mode, self.pad, self.dilation, self.group)


def _strides(v, nsp):
    """Primitive attribute spellings: int, (h, w) or (1, 1, h, w)."""
    if isinstance(v, int):
        return (v,) * nsp
    v = tuple(v)
    return v[-nsp:] if len(v) > nsp else _tup(v, nsp)


@primitive
class Conv3D(Conv2D):
    _nsp = 3

    def __init__(
        self,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCDHW",
    ):
        super().__init__(out_channel, kernel_size, mode, pad_mode, pad, stride, dilation, group, data_format)


@primitive
class Conv2DBackpropInput(Primitive):
    """``P.Conv2DBackpropInput(out_channel, kernel_size, ...)(dout, weight, input_size)``."""

    def __init__(
        self,
        out_channel,
        kernel_size,
        pad_mode="valid",
        pad=0,
        pad_list=None,
        mode=1,
        stride=1,
        dilation=1,
        group=1,
        data_format="NCHW",
    ):
        super().__init__(type(self).__name__)
        self.out_channel, self.kernel_size = out_channel, _tup(kernel_size, 2)
        self.pad_mode, self.pad = pad_mode.lower(), pad
        self.stride, self.dilation, self.group = _strides(stride, 2), _strides(dilation, 2), group

    def __call__(self, dout, w, input_size):
        size = tuple(int(s) for s in (input_size.asnumpy() if hasattr(input_size, "asnumpy") else input_size))
        return call(
            "conv_transpose",
            dout,
            w,
            None,
            self.stride,
            self.pad_mode,
            self.pad,
            self.dilation,
            self.group,
            0,
            size,
        )


@primitive
class Conv2DTranspose(Conv2DBackpropInput):
    pass


@primitive
class Conv3DTranspose(Primitive):
    def __init__(
        self,
        in_channel,
        out_channel,
        kernel_size,
        mode=1,
        pad_mode="valid",
        pad=0,
        stride=1,
        dilation=1,
        group=1,
        output_padding=0,
        data_format="NCDHW",
    ):
        super().__init__("Conv3DTranspose")
        self.pad_mode, self.pad = pad_mode.lower(), pad
        self.stride, self.dilation, self.group = _strides(stride, 3), _strides(dilation, 3), group
        self.output_padding = _strides(output_padding, 3)

    def __call__(self, x, w):
        return call(
            "conv_transpose",
            x,
            w,
            None,
            self.stride,
            self.pad_mode,
            self.pad,
            self.dilation,
            self.group,
            self.output_padding,
        )


# --- pooling ----------------------------------------------------------------------------------


def _pool_geometry(sp, kernel, stride, dilation, pad_mode, padding, ceil_mode):
    """(pads as (before, after), count_region pads) for each spatial dim."""
    mode = pad_mode.lower()
    if mode == "same":
        return same_pads(sp, kernel, stride, dilation), [(0, 0)] * len(sp)
    if mode == "valid":
        base = [(0, 0)] * len(sp)
    else:
        base = explicit_pads(padding, len(sp))
    pads = []
    for n, k, s, d, (b, a) in zip(sp, kernel, stride, dilation, base):
        eff = (k - 1) * d + 1
        if ceil_mode:
            out = -(-(n + b + a - eff) // s) + 1
            if (out - 1) * s >= n + b:  # last window must start inside the input or left pad
                out -= 1
        else:
            out = (n + b + a - eff) // s + 1
        pads.append((b, max((out - 1) * s + eff - n - b, a)))
    return pads, base


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


# functional views ---------------------------------------------------------------------------
def _check_rank(name, x, ranks):
    if x.ndim not in ranks:
        R.raise_error(
            ValueError,
            name,
            f"the input must be {' or '.join(str(r) for r in ranks)}-D, but got shape {list(x.shape)}.",
        )


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


# --- unfold / fold (im2col) -------------------------------------------------------------------


@op("im2col")
def _im2col(x, kernel, dilation, pads, stride):
    """(N, C, H, W) -> (N, C*kh*kw, L), channel-major then kernel row-major (PyTorch order)."""
    patches = lax.conv_general_dilated_patches(
        x, kernel, stride, pads, rhs_dilation=dilation, dimension_numbers=_DN[2]
    )
    n = x.shape[0]
    return patches.reshape(n, patches.shape[1], -1)


@op("col2im")
def _col2im(cols, output_size, kernel, dilation, pads, stride):
    n, ckk, _ = cols.shape
    c = ckk // (kernel[0] * kernel[1])
    oh, ow = output_size
    ph, pw = oh + pads[0][0] + pads[0][1], ow + pads[1][0] + pads[1][1]
    lh = (ph - (kernel[0] - 1) * dilation[0] - 1) // stride[0] + 1
    lw = (pw - (kernel[1] - 1) * dilation[1] - 1) // stride[1] + 1
    cols = cols.reshape(n, c, kernel[0], kernel[1], lh, lw)
    out = jnp.zeros((n, c, ph, pw), cols.dtype)
    for i in range(kernel[0]):
        for j in range(kernel[1]):
            hi, wj = i * dilation[0], j * dilation[1]
            out = out.at[
                :,
                :,
                hi : hi + stride[0] * (lh - 1) + 1 : stride[0],
                wj : wj + stride[1] * (lw - 1) + 1 : stride[1],
            ].add(cols[:, :, i, j])
    return out[:, :, pads[0][0] : pads[0][0] + oh, pads[1][0] : pads[1][0] + ow]


@functional
def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """``ops.unfold``: im2col of a 4-D input -> (N, C*kh*kw, L)."""
    _check_rank("unfold", input, (4,))
    return call(
        "im2col",
        input,
        _tup(kernel_size, 2),
        _tup(dilation, 2, "dilation"),
        explicit_pads(padding, 2),
        _tup(stride, 2, "stride"),
    )


@functional
def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """``ops.fold``: col2im, summing overlapping values."""
    osz = output_size
    if hasattr(osz, "asnumpy"):
        osz = osz.asnumpy().tolist()
    return call(
        "col2im",
        input,
        _tup(osz, 2),
        _tup(kernel_size, 2),
        _tup(dilation, 2, "dilation"),
        explicit_pads(padding, 2),
        _tup(stride, 2, "stride"),
    )


@op("extract_patches")
def _extract_patches(x, ksizes, strides, rates, padding):
    """TensorFlow extract_image_patches on NCHW: output (N, kh*kw*C, oh, ow) in (kh, kw, C) order."""
    n, c = x.shape[:2]
    pads = same_pads(x.shape[2:], ksizes, strides, rates) if padding.lower() == "same" else [(0, 0)] * 2
    p = lax.conv_general_dilated_patches(
        x, ksizes, strides, pads, rhs_dilation=rates, dimension_numbers=_DN[2]
    )
    oh, ow = p.shape[2:]
    p = p.reshape(n, c, ksizes[0] * ksizes[1], oh, ow).transpose(0, 2, 1, 3, 4)
    return p.reshape(n, -1, oh, ow)


@primitive
class ExtractImagePatches(Primitive):
    """``P.ExtractImagePatches(ksizes, strides, rates, padding)``, each [1, row, col, 1]."""

    def __init__(self, ksizes, strides, rates, padding="valid"):
        super().__init__("ExtractImagePatches")
        self.ksizes, self.strides, self.rates, self.padding = ksizes, strides, rates, padding

    def __call__(self, x):
        def hw(v):
            return tuple(v)[1:3] if not isinstance(v, int) and len(v) == 4 else _tup(v, 2)

        return call("extract_patches", x, hw(self.ksizes), hw(self.strides), hw(self.rates), self.padding)


@primitive
class Im2Col(Primitive):
    def __init__(self, ksizes, strides=1, dilations=1, pads=0):
        super().__init__("Im2Col")
        self.ksizes, self.strides, self.dilations, self.pads = ksizes, strides, dilations, pads

    def __call__(self, x):
        return unfold(x, self.ksizes, self.dilations, self.pads, self.strides)


@primitive
class Col2Im(Primitive):
    def __init__(self, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__("Col2Im")
        self.kernel_size, self.dilation, self.padding, self.stride = kernel_size, dilation, padding, stride

    def __call__(self, x, output_size):
        return fold(x, output_size, self.kernel_size, self.dilation, self.padding, self.stride)


del math
