"""Quantization-aware-training primitives (``mindspore.ops.operations._quant_ops``).

MindSpore 2.10 runs these only on GPU (CUDA kernels) or Ascend (TBE kernels); its CPU build
has no kernel for any of them. The formulas here are those of MindSpore's GPU kernels
(``fake_quant_perlayer_impl.cu``, ``fake_quant_perchannel_impl.cu``, ``minmax_update_impl.cu``,
``fake_learned_scale_quant_*_impl.cu``, ``batchnorm_fold*_impl.cu``, ``correction_mul_impl.cu``)
and, for the Ascend-only ones (``ActsULQ``, ``WtsARQ``, the ``...D``/``Reduce`` split kernels),
of their TBE definitions:

- nudging: ``scale = (max - min) / (quant_max - quant_min)``, the zero point
  ``quant_min - min / scale`` clamped to ``[quant_min, quant_max]`` and rounded, then
  ``nudge_min = (quant_min - zp) * scale``, ``nudge_max = (quant_max - zp) * scale``;
  ``quant_min = 0`` (1 with ``narrow_range``), ``quant_max = 2**num_bits - 1``; ``symmetric``
  first widens ``[min, max]`` to ``[-m, m]``.
- fake quant: ``floor((clamp(x, nudge_min, nudge_max) - nudge_min) / scale + 0.5) * scale +
  nudge_min``; the gradients are straight-through: ``dout`` inside ``[nudge_min, nudge_max]``,
  0 outside.
- per channel along ``channel_axis`` (MindSpore's GPU kernels index the channel as the leading
  axis, i.e. ``channel_axis=0``; the documented attribute is honoured here for any axis).
- ``quant_delay`` / ``freeze_bn``: the GPU kernels count their own launches; here a primitive
  with ``quant_delay > 0`` keeps its step in a Parameter (so it also counts in compiled code)
  and passes ``x`` (or ``dout``) through until the step reaches the delay.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .._registry import call, op, primitive, raise_error
from ..primitive import Primitive

_FLOATS = (np.dtype(np.float16), np.dtype(np.float32))


# --- checks (MindSpore's validator messages) ------------------------------------------------------


def _bool(name, v, prim):
    if not isinstance(v, (bool, np.bool_)):
        raise_error(TypeError, prim, f"the '{name}' must be bool, but got {type(v).__name__}.")
    return bool(v)


def _nonneg_int(name, v, prim):
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise_error(
            ValueError,
            prim,
            f"the '{name}' must be int and must >= 0, but got '{v}' with type '{type(v).__name__}'.",
        )
    return v


def _ema_decay(ema, ema_decay, prim):
    if ema and not ema_decay:
        raise_error(ValueError, prim, "attr 'ema' and 'ema_decay' should set together.")
    _bool("ema", ema, prim)
    if not isinstance(ema_decay, (int, float)) or isinstance(ema_decay, bool) or not 0 <= ema_decay <= 1:
        raise_error(ValueError, prim, f"the 'ema_decay' must be in range of [0, 1], but got {ema_decay}.")
    return float(ema_decay)


def _num_bits_qat(num_bits, prim):
    if num_bits not in (4, 7, 8):
        raise_error(ValueError, prim, "attr 'num_bits' is not support.")
    return num_bits


def _num_bits_tf(num_bits, prim):
    if not isinstance(num_bits, int) or isinstance(num_bits, bool) or num_bits <= 0:
        raise_error(ValueError, prim, f"the 'num_bits' must be positive int, but got {num_bits}.")
    if not 2 <= num_bits <= 16:
        raise_error(ValueError, prim, f"the 'num_bits' must be in range of [2, 16], but got {num_bits}.")
    return num_bits


def _float_args(prim, names, arrays):
    for n, a in zip(names, arrays):
        if np.dtype(a.dtype) not in _FLOATS:
            raise_error(
                TypeError,
                prim,
                f"the '{n}' must be a Tensor of float16 or float32, but got {_msname(a.dtype)}.",
            )


def _msname(dt):
    from .._registry import _ms_name

    return _ms_name(np.dtype(dt))


def _arr(x):
    return x._data if isinstance(x, Tensor) else jnp.asarray(x)


def _range(num_bits, narrow_range):
    return (1.0 if narrow_range else 0.0), float(2**num_bits - 1)


def _caxis(x, axis):
    """The channel axis; a 1-D input's channel is axis 0 (as MindSpore's infer_shape)."""
    return 0 if x.ndim == 1 else axis


def _bshape(x, axis):
    """Shape that broadcasts a per-channel (C,) vector against x along ``axis``."""
    s = [1] * x.ndim
    s[axis] = x.shape[axis]
    return s


def _other_axes(x, axis):
    return tuple(i for i in range(x.ndim) if i != axis)


# --- nudge and fake quant -----------------------------------------------------------------------


def _nudge(mn, mx, qmin, qmax, symmetric=False):
    """(nudge_min, nudge_max, scale), elementwise over min/max (GPU ``NudgeMinMaxPer*``)."""
    mn = mn.astype(jnp.float32)
    mx = mx.astype(jnp.float32)
    if symmetric:
        cond = jnp.abs(mn) < mx
        mx, mn = jnp.where(cond, mx, -mn), jnp.where(cond, -mx, mn)
    rng = mx - mn
    zero = rng == 0
    scale = jnp.where(zero, 0.0, rng / (qmax - qmin))
    zp_from_min = jnp.where(zero, 0.0, qmin - mn / jnp.where(zero, 1.0, scale))
    zp = jnp.where(
        zp_from_min <= qmin, qmin, jnp.where(zp_from_min >= qmax, qmax, jnp.floor(zp_from_min + 0.5))
    )
    return (qmin - zp) * scale, (qmax - zp) * scale, scale


def _fake_quant(x, nmin, nmax, scale):
    xf = x.astype(jnp.float32)
    c = jnp.clip(xf, nmin, nmax)
    safe = jnp.where(scale == 0, 1.0, scale)
    q = jnp.floor((c - nmin) / safe + 0.5)
    return jnp.where(scale == 0, nmin, q * scale + nmin).astype(x.dtype)


def _in_range(x, nmin, nmax):
    xf = x.astype(jnp.float32)
    return (xf >= nmin) & (xf <= nmax)


@op("fake_quant_per_layer")
def _fq_per_layer(x, mn, mx, num_bits=8, symmetric=False, narrow_range=False):
    qmin, qmax = _range(num_bits, narrow_range)
    nmin, nmax, scale = _nudge(mn.reshape(-1)[0], mx.reshape(-1)[0], qmin, qmax, symmetric)
    return _fake_quant(x, nmin, nmax, scale)


@op("fake_quant_per_layer_grad")
def _fq_per_layer_grad(dout, x, mn, mx, num_bits=8, symmetric=False, narrow_range=False):
    qmin, qmax = _range(num_bits, narrow_range)
    nmin, nmax, _ = _nudge(mn.reshape(-1)[0], mx.reshape(-1)[0], qmin, qmax, symmetric)
    return jnp.where(_in_range(x, nmin, nmax), dout, jnp.zeros_like(dout))


@op("fake_quant_per_channel")
def _fq_per_channel(x, mn, mx, num_bits=8, symmetric=False, narrow_range=False, channel_axis=1):
    qmin, qmax = _range(num_bits, narrow_range)
    ax = _caxis(x, channel_axis)
    nmin, nmax, scale = _nudge(mn.reshape(-1), mx.reshape(-1), qmin, qmax, symmetric)
    s = _bshape(x, ax)
    return _fake_quant(x, nmin.reshape(s), nmax.reshape(s), scale.reshape(s))


@op("fake_quant_per_channel_grad")
def _fq_per_channel_grad(dout, x, mn, mx, num_bits=8, symmetric=False, narrow_range=False, channel_axis=1):
    qmin, qmax = _range(num_bits, narrow_range)
    ax = _caxis(x, channel_axis)
    nmin, nmax, _ = _nudge(mn.reshape(-1), mx.reshape(-1), qmin, qmax, symmetric)
    s = _bshape(x, ax)
    return jnp.where(_in_range(x, nmin.reshape(s), nmax.reshape(s)), dout, jnp.zeros_like(dout))


# --- step gate (quant_delay) ----------------------------------------------------------------------


class _Delayed(Primitive):
    """A primitive whose kernel counts its launches: quantize once ``step >= quant_delay``."""

    _step = None

    def _gate(self, active=True):
        """None when always on; else a traced bool (this launch's step >= quant_delay)."""
        if not active or self.quant_delay <= 0:
            return None
        if self._step is None:
            self._step = Parameter(
                Tensor(np.zeros((), np.int32)), name=f"_{self.name}_global_step", requires_grad=False
            )
        s = self._step._data
        self._step._data = s + 1
        return s >= self.quant_delay


def _select(gate, on, off):
    if gate is None:
        return on
    if isinstance(on, tuple):
        return tuple(_select(gate, a, b) for a, b in zip(on, off))
    return Tensor._wrap(jnp.where(gate, _arr(on), _arr(off)))


def _check_minmax(prim, mn, mx):
    if tuple(mn.shape) != tuple(mx.shape):
        raise_error(
            ValueError,
            prim,
            f"the 'min shape' must be equal to 'max shape', but got {tuple(mn.shape)} and {tuple(mx.shape)}.",
        )
    if len(mn.shape) != 1:
        raise_error(ValueError, prim, f"the 'min shape' must be 1-D, but got {tuple(mn.shape)}.")


@primitive
class FakeQuantPerLayer(_Delayed):
    """Simulated quantize/dequantize with one (min, max) for the whole tensor."""

    support_quant_bit = [4, 7, 8]

    def __init__(
        self,
        num_bits=8,
        ema=False,
        ema_decay=0.999,
        quant_delay=0,
        symmetric=False,
        narrow_range=False,
        training=True,
    ):
        super().__init__("FakeQuantPerLayer")
        _num_bits_qat(num_bits, self.name)
        self.ema_decay = _ema_decay(ema, ema_decay, self.name)
        self.ema = ema
        self.symmetric = _bool("symmetric", symmetric, self.name)
        self.narrow_range = _bool("narrow_range", narrow_range, self.name)
        self.training = _bool("training", training, self.name)
        self.num_bits = num_bits
        self.quant_delay = _nonneg_int("quant_delay", quant_delay, self.name)

    def __call__(self, x, min, max):
        xa, mn, mx = _arr(x), _arr(min), _arr(max)
        if xa.ndim < 1:
            raise_error(ValueError, self.name, "the 'x rank' must be >= 1, but got 0.")
        _check_minmax(self.name, mn, mx)
        _float_args(self.name, ("x", "min", "max"), (xa, mn, mx))
        out = call("fake_quant_per_layer", x, min, max, self.num_bits, self.symmetric, self.narrow_range)
        return _select(self._gate(self.training), out, x)


@primitive
class FakeQuantPerLayerGrad(_Delayed):
    """Straight-through gradient of FakeQuantPerLayer: ``dout`` where x is inside the nudged range."""

    support_quant_bit = [4, 7, 8]

    def __init__(self, num_bits=8, quant_delay=0, symmetric=False, narrow_range=False):
        super().__init__("FakeQuantPerLayerGrad")
        self.num_bits = _num_bits_qat(num_bits, self.name)
        if not isinstance(quant_delay, int) or isinstance(quant_delay, bool):
            raise_error(
                TypeError, self.name, f"the 'quant_delay' must be int, but got {type(quant_delay).__name__}."
            )
        self.quant_delay = quant_delay
        self.symmetric = _bool("symmetric", symmetric, self.name)
        self.narrow_range = _bool("narrow_range", narrow_range, self.name)

    def __call__(self, dout, x, min, max):
        if tuple(_arr(dout).shape) != tuple(_arr(x).shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'dout shape' must be equal to 'x shape', but got "
                f"{tuple(_arr(dout).shape)} and {tuple(_arr(x).shape)}.",
            )
        _check_minmax(self.name, _arr(min), _arr(max))
        out = call(
            "fake_quant_per_layer_grad", dout, x, min, max, self.num_bits, self.symmetric, self.narrow_range
        )
        return _select(self._gate(), out, dout)


def _check_channel(prim, x, mn, mx, axis):
    ax = _caxis(x, axis)
    if ax >= x.ndim:
        raise_error(ValueError, prim, f"the 'channel_axis' {axis} is out of range for x of rank {x.ndim}.")
    if tuple(mn.shape) != tuple(mx.shape):
        raise_error(
            ValueError,
            prim,
            f"the 'min shape' must be equal to 'max shape', but got {tuple(mn.shape)} and {tuple(mx.shape)}.",
        )
    if mn.shape[0] != x.shape[ax]:
        raise_error(
            ValueError, prim, f"the 'min shape' must be equal to {x.shape[ax]}, but got {mn.shape[0]}."
        )


@primitive
class FakeQuantPerChannel(_Delayed):
    """Simulated quantize/dequantize with one (min, max) per channel along ``channel_axis``."""

    support_quant_bit = [4, 7, 8]

    def __init__(
        self,
        num_bits=8,
        ema=False,
        ema_decay=0.999,
        quant_delay=0,
        symmetric=False,
        narrow_range=False,
        training=True,
        channel_axis=1,
    ):
        super().__init__("FakeQuantPerChannel")
        if num_bits not in (4, 7, 8):
            raise_error(ValueError, self.name, "Attr 'num_bits' is not support.")
        self.ema_decay = _ema_decay(ema, ema_decay, self.name)
        self.ema = ema
        self.symmetric = _bool("symmetric", symmetric, self.name)
        self.narrow_range = _bool("narrow_range", narrow_range, self.name)
        self.training = _bool("training", training, self.name)
        self.num_bits = num_bits
        self.quant_delay = _nonneg_int("quant_delay", quant_delay, self.name)
        self.channel_axis = _nonneg_int("channel_axis", channel_axis, self.name)

    def __call__(self, x, min, max):
        xa, mn, mx = _arr(x), _arr(min), _arr(max)
        if xa.ndim < 1:
            raise_error(ValueError, self.name, "the 'x rank' must be >= 1, but got 0.")
        _check_channel(self.name, xa, mn, mx, self.channel_axis)
        _float_args(self.name, ("x", "min", "max"), (xa, mn, mx))
        out = call(
            "fake_quant_per_channel",
            x,
            min,
            max,
            self.num_bits,
            self.symmetric,
            self.narrow_range,
            self.channel_axis,
        )
        return _select(self._gate(self.training), out, x)


@primitive
class FakeQuantPerChannelGrad(_Delayed):
    support_quant_bit = [4, 7, 8]

    def __init__(self, num_bits=8, quant_delay=0, symmetric=False, narrow_range=False, channel_axis=1):
        super().__init__("FakeQuantPerChannelGrad")
        self.num_bits = _num_bits_qat(num_bits, self.name)
        if not isinstance(quant_delay, int) or isinstance(quant_delay, bool):
            raise_error(
                TypeError, self.name, f"the 'quant_delay' must be int, but got {type(quant_delay).__name__}."
            )
        self.quant_delay = quant_delay
        self.symmetric = _bool("symmetric", symmetric, self.name)
        self.narrow_range = _bool("narrow_range", narrow_range, self.name)
        self.channel_axis = _nonneg_int("channel axis", channel_axis, self.name)

    def __call__(self, dout, x, min, max):
        _check_channel(self.name, _arr(x), _arr(min), _arr(max), self.channel_axis)
        out = call(
            "fake_quant_per_channel_grad",
            dout,
            x,
            min,
            max,
            self.num_bits,
            self.symmetric,
            self.narrow_range,
            self.channel_axis,
        )
        return _select(self._gate(), out, dout)


# --- min/max observers ------------------------------------------------------------------------


@op("minmax_update")
def _minmax_update(x, mn, mx, ema=False, ema_decay=0.999, channel_axis=None):
    """(min_up, max_up): the batch min/max (per channel when channel_axis is given), EMA-blended
    as the GPU kernel does (``decay * batch + (1 - decay) * previous``), then min <= 0 <= max."""
    if channel_axis is None:
        bmin, bmax = jnp.min(x).reshape(1), jnp.max(x).reshape(1)
    else:
        ax = _caxis(x, channel_axis)
        other = _other_axes(x, ax)
        bmin, bmax = jnp.min(x, axis=other), jnp.max(x, axis=other)
    bmin, bmax = bmin.astype(mn.dtype), bmax.astype(mx.dtype)
    if ema:
        bmin = ema_decay * bmin + (1 - ema_decay) * mn
        bmax = ema_decay * bmax + (1 - ema_decay) * mx
    return jnp.minimum(bmin, 0).astype(mn.dtype), jnp.maximum(bmax, 0).astype(mx.dtype)


@primitive
class MinMaxUpdatePerLayer(Primitive):
    support_quant_bit = [4, 7, 8]

    def __init__(self, ema=False, ema_decay=0.999):
        super().__init__("MinMaxUpdatePerLayer")
        self.ema_decay = _ema_decay(ema, ema_decay, self.name)
        self.ema = ema

    def __call__(self, x, min, max):
        xa, mn, mx = _arr(x), _arr(min), _arr(max)
        _check_minmax(self.name, mn, mx)
        _float_args(self.name, ("x", "min", "max"), (xa, mn, mx))
        return call("minmax_update", x, min, max, self.ema, self.ema_decay, None)


@primitive
class MinMaxUpdatePerChannel(Primitive):
    support_quant_bit = [4, 7, 8]
    ascend_support_x_rank = [2, 4]

    def __init__(self, ema=False, ema_decay=0.999, channel_axis=1):
        super().__init__("MinMaxUpdatePerChannel")
        self.ema_decay = _ema_decay(ema, ema_decay, self.name)
        self.ema = ema
        self.channel_axis = _nonneg_int("channel_axis", channel_axis, self.name)

    def __call__(self, x, min, max):
        xa, mn, mx = _arr(x), _arr(min), _arr(max)
        _check_channel(self.name, xa, mn, mx, self.channel_axis)
        _float_args(self.name, ("x", "min", "max"), (xa, mn, mx))
        return call("minmax_update", x, min, max, self.ema, self.ema_decay, self.channel_axis)


# --- TF-style FakeQuantWithMinMaxVars ---------------------------------------------------------------


@op("fake_quant_with_min_max_vars")
def _fq_vars(x, mn, mx, num_bits=8, narrow_range=False, per_channel=False):
    qmin, qmax = _range(num_bits, narrow_range)
    if per_channel:
        nmin, nmax, scale = _nudge(mn.reshape(-1), mx.reshape(-1), qmin, qmax)
    else:
        nmin, nmax, scale = _nudge(mn.reshape(-1)[0], mx.reshape(-1)[0], qmin, qmax)
    return _fake_quant(x, nmin, nmax, scale)


@op("fake_quant_with_min_max_vars_grad")
def _fq_vars_grad(dout, x, mn, mx, num_bits=8, narrow_range=False, per_channel=False):
    qmin, qmax = _range(num_bits, narrow_range)
    if per_channel:
        nmin, nmax, _ = _nudge(mn.reshape(-1), mx.reshape(-1), qmin, qmax)
        red = tuple(range(x.ndim - 1))
    else:
        nmin, nmax, _ = _nudge(mn.reshape(-1)[0], mx.reshape(-1)[0], qmin, qmax)
        red = None
    xf = x.astype(jnp.float32)
    zero = jnp.zeros_like(dout)
    dx = jnp.where((xf >= nmin) & (xf <= nmax), dout, zero)
    dmin = jnp.sum(jnp.where(xf < nmin, dout, zero), axis=red).reshape(mn.shape).astype(mn.dtype)
    dmax = jnp.sum(jnp.where(xf > nmax, dout, zero), axis=red).reshape(mx.shape).astype(mx.dtype)
    return dx, dmin, dmax


class _MinMaxVars(Primitive):
    _per_channel = False

    def __init__(self, num_bits=8, narrow_range=False):
        super().__init__(type(self).__name__)
        self.num_bits = _num_bits_tf(num_bits, self.name)
        self.narrow_range = _bool("narrow_range", narrow_range, self.name)

    def _check(self, x, mn, mx, dout=None):
        if x.ndim < 1:
            raise_error(ValueError, self.name, "the 'x rank' must be >= 1, but got 0.")
        if dout is not None and tuple(dout.shape) != tuple(x.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'dout shape' must be equal to 'x shape', but got "
                f"{tuple(dout.shape)} and {tuple(x.shape)}.",
            )
        _check_minmax(self.name, mn, mx)
        if self._per_channel:
            if mn.shape[0] != x.shape[-1]:
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'min shape' must be equal to 'x shape[-1]' {x.shape[-1]}, but got {mn.shape[0]}.",
                )
        elif mn.shape[0] != 1:
            # MindSpore lets min be (x.size,) through infer but its kernels read min[0]
            if mn.shape[0] != int(np.prod(x.shape)):
                raise_error(ValueError, self.name, "the shape of 'min' cannot broadcast to the shape of 'x'.")
        names = ("dout", "x", "min", "max") if dout is not None else ("x", "min", "max")
        arrs = (dout, x, mn, mx) if dout is not None else (x, mn, mx)
        _float_args(self.name, names, arrs)


@primitive
class FakeQuantWithMinMaxVars(_MinMaxVars):
    """TensorFlow's fake_quant_with_min_max_vars: x fake-quantized into the nudged [min, max]."""

    def __call__(self, x, min, max):
        self._check(_arr(x), _arr(min), _arr(max))
        return call("fake_quant_with_min_max_vars", x, min, max, self.num_bits, self.narrow_range, False)


@primitive
class FakeQuantWithMinMaxVarsGradient(_MinMaxVars):
    """(dx, dmin, dmax): ``dout`` inside the nudged range to x, the sums below/above it to min/max."""

    def __call__(self, gradients, x, min, max):
        self._check(_arr(x), _arr(min), _arr(max), _arr(gradients))
        return call(
            "fake_quant_with_min_max_vars_grad",
            gradients,
            x,
            min,
            max,
            self.num_bits,
            self.narrow_range,
            False,
        )


@primitive
class FakeQuantWithMinMaxVarsPerChannel(_MinMaxVars):
    _per_channel = True

    def __call__(self, x, min, max):
        self._check(_arr(x), _arr(min), _arr(max))
        return call("fake_quant_with_min_max_vars", x, min, max, self.num_bits, self.narrow_range, True)


@primitive
class FakeQuantWithMinMaxVarsPerChannelGradient(_MinMaxVars):
    _per_channel = True

    def __call__(self, gradients, x, min, max):
        self._check(_arr(x), _arr(min), _arr(max), _arr(gradients))
        return call(
            "fake_quant_with_min_max_vars_grad",
            gradients,
            x,
            min,
            max,
            self.num_bits,
            self.narrow_range,
            True,
        )


# --- learned scale (LSQ) ----------------------------------------------------------------------------


def _lsq_parts(x, alpha, quant_max, neg_trunc, axis):
    """(x / alpha, quantized x / alpha) of the GPU ``LSQNudgePer*`` kernels."""
    lb = 0.0 if neg_trunc else -1.0
    qmax = quant_max.reshape(-1)[0].astype(jnp.float32)
    a = alpha.astype(jnp.float32)
    a = a.reshape(-1)[0] if axis is None else a.reshape(_bshape(x, axis))
    div = x.astype(jnp.float32) / a
    q = jnp.floor(jnp.clip(div, lb, 1.0) * qmax + 0.5) / qmax
    return div, q, a, lb


@op("fake_learned_scale_quant")
def _lsq(x, alpha, quant_max, neg_trunc=False, channel_axis=None):
    axis = None if channel_axis is None else _caxis(x, channel_axis)
    _, q, a, _ = _lsq_parts(x, alpha, quant_max, neg_trunc, axis)
    return (q * a).astype(x.dtype)


def _lsq_grad_parts(dout, x, alpha, quant_max, neg_trunc, axis):
    div, q, _, lb = _lsq_parts(x, alpha, quant_max, neg_trunc, axis)
    d = dout.astype(jnp.float32)
    above, below = div > 1.0, div < lb
    dx = jnp.where(above | below, 0.0, d)
    dalpha = jnp.where(above, d, jnp.where(below, -d, d * (q - div)))
    return dx.astype(dout.dtype), dalpha


@op("fake_learned_scale_quant_grad")
def _lsq_grad(dout, x, alpha, quant_max, neg_trunc=False, channel_axis=None):
    axis = None if channel_axis is None else _caxis(x, channel_axis)
    dx, da = _lsq_grad_parts(dout, x, alpha, quant_max, neg_trunc, axis)
    da = jnp.sum(da) if axis is None else jnp.sum(da, axis=_other_axes(x, axis))
    return dx, da.reshape(alpha.shape).astype(alpha.dtype)


@op("fake_learned_scale_quant_grad_d")
def _lsq_grad_d(dout, x, alpha, quant_max, neg_trunc=False, channel_axis=None):
    axis = None if channel_axis is None else _caxis(x, channel_axis)
    dx, da = _lsq_grad_parts(dout, x, alpha, quant_max, neg_trunc, axis)
    return dx, da.astype(dout.dtype)


@op("fake_learned_scale_quant_grad_d_reduce")
def _lsq_grad_d_reduce(dout_alpha, channel_axis=None):
    if channel_axis is None:
        return jnp.sum(dout_alpha).reshape(1)
    return jnp.sum(dout_alpha, axis=_other_axes(dout_alpha, channel_axis))


class _LSQ(_Delayed):
    _per_channel = False

    def _check(self, x, alpha, quant_max, dout=None):
        if x.ndim < 1:
            raise_error(ValueError, self.name, "the 'input_x rank' must be >= 1, but got 0.")
        if dout is not None and tuple(dout.shape) != tuple(x.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'dout shape' must be equal to 'x_shape', but got "
                f"{tuple(dout.shape)} and {tuple(x.shape)}.",
            )
        if self._per_channel:
            ax = _caxis(x, self.channel_axis)
            if alpha.ndim < 1 or alpha.shape[0] != x.shape[ax]:
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'alpha rank' must be equal to {x.shape[ax]}, but got "
                    f"{alpha.shape[0] if alpha.ndim else alpha.shape}.",
                )
        elif alpha.ndim < 1:
            raise_error(ValueError, self.name, "the 'alpha rank' must be >= 1, but got 0.")
        if quant_max.ndim < 1:
            raise_error(ValueError, self.name, "the 'quant max rank' must be >= 1, but got 0.")
        arrs = (x, alpha, quant_max) if dout is None else (dout, x, alpha, quant_max)
        names = ("input_x", "alpha", "quant_max") if dout is None else ("dout", "x", "alpha", "quant_max")
        _float_args(self.name, names, arrs)

    def _axis(self):
        return self.channel_axis if self._per_channel else None


@primitive
class FakeLearnedScaleQuantPerLayer(_LSQ):
    """LSQ fake quant: ``floor(clip(x / alpha, -1 or 0, 1) * quant_max + 0.5) / quant_max * alpha``."""

    def __init__(self, quant_delay=0, neg_trunc=False, training=True):
        super().__init__("FakeLearnedScaleQuantPerLayer")
        self.quant_delay = _nonneg_int("quant_delay", quant_delay, self.name)
        self.neg_trunc = _bool("neg_trunc", neg_trunc, self.name)
        self.training = _bool("training", training, self.name)

    def __call__(self, input_x, alpha, quant_max):
        self._check(_arr(input_x), _arr(alpha), _arr(quant_max))
        out = call("fake_learned_scale_quant", input_x, alpha, quant_max, self.neg_trunc, self._axis())
        return _select(self._gate(self.training), out, input_x)


@primitive
class FakeLearnedScaleQuantPerChannel(FakeLearnedScaleQuantPerLayer):
    _per_channel = True

    def __init__(self, quant_delay=0, neg_trunc=False, training=True, channel_axis=1):
        super().__init__(quant_delay, neg_trunc, training)
        self.name = "FakeLearnedScaleQuantPerChannel"
        self.channel_axis = _nonneg_int("channel_axis", channel_axis, self.name)


@primitive
class FakeLearnedScaleQuantPerLayerGrad(_LSQ):
    """(dx, dalpha) of the LSQ fake quant: dx is ``dout`` inside the clip range; dalpha sums
    ``dout * (q - x/alpha)`` inside, ``+dout`` above and ``-dout`` below it."""

    def __init__(self, quant_delay=0, neg_trunc=False):
        super().__init__("FakeLearnedScaleQuantPerLayerGrad")
        self.quant_delay = _nonneg_int("quant_delay", quant_delay, self.name)
        self.neg_trunc = _bool("neg_trunc", neg_trunc, self.name)

    def __call__(self, dout, x, alpha, quant_max):
        self._check(_arr(x), _arr(alpha), _arr(quant_max), _arr(dout))
        dx, da = call(
            "fake_learned_scale_quant_grad", dout, x, alpha, quant_max, self.neg_trunc, self._axis()
        )
        gate = self._gate()
        if gate is None:
            return dx, da
        return _select(gate, (dx, da), (dout, Tensor._wrap(jnp.zeros_like(_arr(alpha)))))


@primitive
class FakeLearnedScaleQuantPerChannelGrad(FakeLearnedScaleQuantPerLayerGrad):
    _per_channel = True

    def __init__(self, quant_delay=0, neg_trunc=False, channel_axis=1):
        super().__init__(quant_delay, neg_trunc)
        self.name = "FakeLearnedScaleQuantPerChannelGrad"
        self.channel_axis = _nonneg_int("channel axis", channel_axis, self.name)


@primitive
class FakeLearnedScaleQuantPerLayerGradD(_LSQ):
    """Ascend split of the LSQ gradient: (dx, per-element dalpha), both of dout's shape."""

    quant_delay = 0

    def __init__(self, neg_trunc=False):
        super().__init__("FakeLearnedScaleQuantPerLayerGradD")
        self.neg_trunc = _bool("neg_trunc", neg_trunc, self.name)

    def __call__(self, dout, x, alpha, quant_max):
        self._check(_arr(x), _arr(alpha), _arr(quant_max), _arr(dout))
        return call(
            "fake_learned_scale_quant_grad_d", dout, x, alpha, quant_max, self.neg_trunc, self._axis()
        )


@primitive
class FakeLearnedScaleQuantPerChannelGradD(FakeLearnedScaleQuantPerLayerGradD):
    _per_channel = True

    def __init__(self, neg_trunc=False, channel_axis=1):
        super().__init__(neg_trunc)
        self.name = "FakeLearnedScaleQuantPerChannelGradD"
        self.channel_axis = _nonneg_int("channel axis", channel_axis, self.name)


@primitive
class FakeLearnedScaleQuantPerLayerGradDReduce(Primitive):
    """Sum of the per-element dalpha of FakeLearnedScaleQuantPerLayerGradD, shape (1,)."""

    def __init__(self):
        super().__init__("FakeLearnedScaleQuantPerLayerGradDReduce")

    def __call__(self, dout_alpha):
        _float_args(self.name, ("dout_alpha",), (_arr(dout_alpha),))
        return call("fake_learned_scale_quant_grad_d_reduce", dout_alpha, None)


@primitive
class FakeLearnedScaleQuantPerChannelGradDReduce(Primitive):
    """Per-channel sum of the per-element dalpha, shape ``(dout_alpha.shape[channel_axis],)``."""

    def __init__(self, channel_axis=1):
        super().__init__("FakeLearnedScaleQuantPerChannelGradDReduce")
        self.channel_axis = _nonneg_int("channel axis", channel_axis, self.name)

    def __call__(self, dout_alpha):
        _float_args(self.name, ("dout_alpha",), (_arr(dout_alpha),))
        return call("fake_learned_scale_quant_grad_d_reduce", dout_alpha, self.channel_axis)


# --- batch-norm folding -------------------------------------------------------------------------------


def _step_lt(global_step, freeze_bn):
    return global_step.reshape(-1)[0] < freeze_bn


@op("batch_norm_fold")
def _bn_fold(x, mean, variance, global_step, momentum=0.9, epsilon=1e-5, is_training=True, freeze_bn=0):
    """(batch_mean, batch_std, running_mean, running_std, new_mean, new_variance) of the GPU kernel:
    running_* from the moving statistics; batch_* from x over all axes but 1 (0 and 1 once frozen
    or not training); the moving statistics blended with momentum (unbiased batch variance)."""
    red = _other_axes(x, 1)
    xf = x.astype(jnp.float32)
    bm = jnp.mean(xf, axis=red)
    bv = jnp.var(xf, axis=red)
    n = int(np.prod([x.shape[i] for i in red]))
    running_std = jnp.sqrt(variance.astype(jnp.float32) + epsilon).astype(x.dtype)
    active = _step_lt(global_step, freeze_bn) if is_training else jnp.asarray(False)
    batch_mean = jnp.where(active, bm, 0.0).astype(x.dtype)
    batch_std = jnp.where(active, jnp.sqrt(bv + epsilon), 1.0).astype(x.dtype)
    unbiased = bv * n / max(n - 1, 1)
    new_mean = jnp.where(active, momentum * mean + (1 - momentum) * bm, mean).astype(mean.dtype)
    new_var = jnp.where(active, momentum * variance + (1 - momentum) * unbiased, variance).astype(
        variance.dtype
    )
    return batch_mean, batch_std, mean, running_std, new_mean, new_var


def _check_same_float(prim, names, arrs):
    dts = {np.dtype(a.dtype) for a in arrs}
    if len(dts) != 1:
        raise_error(
            TypeError,
            prim,
            "the dtypes of "
            + ", ".join(f"'{n}'" for n in names)
            + f" must be the same, but got {[_msname(a.dtype) for a in arrs]}.",
        )
    _float_args(prim, names, arrs)


def _check_step(prim, step):
    if step.ndim != 1:
        raise_error(ValueError, prim, f"the 'global step shape len' must be 1, but got {step.ndim}.")
    if np.dtype(step.dtype) != np.int32:
        raise_error(
            TypeError, prim, f"the 'global_step' must be a Tensor of int32, but got {_msname(step.dtype)}."
        )


def _check_c(prim, name, vec, x, axis):
    if vec.shape[0] != x.shape[axis]:
        raise_error(
            ValueError,
            prim,
            f"the '{name}[0]' must be equal to 'input channel' {x.shape[axis]}, but got {vec.shape[0]}.",
        )


@primitive
class BatchNormFold(Primitive):
    """(batch_mean, batch_std, running_mean, running_std) for folding BN into a conv's weights.
    As the GPU kernel, ``mean``/``variance`` given as Parameters are also updated in place with the
    batch statistics (``momentum``) while training and ``global_step < freeze_bn``."""

    channel_axis = 1

    def __init__(self, momentum=0.9, epsilon=1e-5, is_training=True, freeze_bn=0):
        super().__init__("BatchNormFold")
        if not isinstance(momentum, (int, float)) or isinstance(momentum, bool) or not 0 <= momentum <= 1:
            raise_error(
                ValueError, self.name, f"the 'momentum' must be in range of [0, 1], but got {momentum}."
            )
        if not isinstance(epsilon, float) or epsilon <= 0:
            raise_error(ValueError, self.name, f"the 'epsilon' must be positive float, but got {epsilon}.")
        self.momentum, self.epsilon = float(momentum), epsilon
        self.is_training = _bool("is_training", is_training, self.name)
        if not isinstance(freeze_bn, int) or isinstance(freeze_bn, bool):
            raise_error(
                TypeError, self.name, f"the 'freeze_bn' must be int, but got {type(freeze_bn).__name__}."
            )
        self.freeze_bn = freeze_bn

    def __call__(self, x, mean, variance, global_step):
        xa, m, v, s = _arr(x), _arr(mean), _arr(variance), _arr(global_step)
        if tuple(m.shape) != tuple(v.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'mean shape' must be equal to 'gamma_shape', but got "
                f"{tuple(m.shape)} and {tuple(v.shape)}.",
            )
        _check_c(self.name, "mean_shape", m, xa, 1)
        _check_step(self.name, s)
        _check_same_float(self.name, ("x", "mean", "variance"), (xa, m, v))
        outs = call(
            "batch_norm_fold",
            x,
            mean,
            variance,
            global_step,
            self.momentum,
            self.epsilon,
            self.is_training,
            self.freeze_bn,
        )
        for p, new in ((mean, outs[4]), (variance, outs[5])):
            if isinstance(p, Parameter):
                p._data = new._data
        return tuple(outs[:4])


@op("batch_norm_fold_grad")
def _bn_fold_grad(d_batch_mean, d_batch_std, x, batch_mean, batch_std, active):
    red = _other_axes(x, 1)
    n = int(np.prod([x.shape[i] for i in red]))
    s = _bshape(x, 1)
    dx = (
        d_batch_mean.reshape(s) / n
        + d_batch_std.reshape(s) * (x - batch_mean.reshape(s)) / batch_std.reshape(s) / n
    )
    return jnp.where(active, dx, 0.0).astype(x.dtype)


@primitive
class BatchNormFoldGrad(Primitive):
    """dx of BatchNormFold: ``(d_mean + d_std * (x - mean) / std) / N`` (N: elements per
    channel) while training and ``global_step < freeze_bn``, else zeros."""

    channel_axis = 1

    def __init__(self, epsilon=1e-5, is_training=True, freeze_bn=0):
        super().__init__("BatchNormFoldGrad")
        self.is_training = _bool("is_training", is_training, self.name)
        if not isinstance(freeze_bn, int) or isinstance(freeze_bn, bool):
            raise_error(
                TypeError, self.name, f"the 'freeze_bn' must be int, but got {type(freeze_bn).__name__}."
            )
        self.freeze_bn = freeze_bn
        if not isinstance(epsilon, float) or epsilon <= 0:
            raise_error(ValueError, self.name, f"the 'epsilon' must be positive float, but got {epsilon}.")
        self.epsilon = epsilon

    def __call__(self, d_batch_mean, d_batch_std, x, batch_mean, batch_std, global_step):
        arrs = [_arr(a) for a in (d_batch_mean, d_batch_std, x, batch_mean, batch_std)]
        for n, a in zip(("d_batch_std", "batch_mean", "batch_std"), (arrs[1], arrs[3], arrs[4])):
            if tuple(a.shape) != tuple(arrs[0].shape):
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'd_batch_mean shape' must be equal to '{n} shape', "
                    f"but got {tuple(arrs[0].shape)} and {tuple(a.shape)}.",
                )
        _check_c(self.name, "d_batch_mean_shape", arrs[0], arrs[2], 1)
        s = _arr(global_step)
        _check_step(self.name, s)
        _check_same_float(
            self.name,
            ("input", "d_batch_mean", "d_batch_std", "batch_mean", "batch_std"),
            [arrs[2], arrs[0], arrs[1], arrs[3], arrs[4]],
        )
        active = (s.reshape(-1)[0] < self.freeze_bn) if self.is_training else False
        return call("batch_norm_fold_grad", d_batch_mean, d_batch_std, x, batch_mean, batch_std, active)


@primitive
class BatchNormFoldGradD(Primitive):
    """Ascend split of BatchNormFoldGrad (no global_step): the dx formula, always active."""

    def __init__(self, epsilon=1e-5, is_training=True, freeze_bn=0):
        super().__init__("BatchNormFoldGradD")
        self.epsilon, self.is_training, self.freeze_bn = epsilon, is_training, freeze_bn

    def __call__(self, d_batch_mean, d_batch_std, x, batch_mean, batch_std):
        _check_c(self.name, "d_batch_mean_shape", _arr(d_batch_mean), _arr(x), 1)
        return call("batch_norm_fold_grad", d_batch_mean, d_batch_std, x, batch_mean, batch_std, True)


@op("batch_norm_fold2")
def _bn_fold2(x, beta, gamma, batch_std, batch_mean, running_std, running_mean, active):
    s = _bshape(x, 1)
    b, g, bs, bm, rs, rm = (
        a.reshape(s) for a in (beta, gamma, batch_std, batch_mean, running_std, running_mean)
    )
    y_train = x * rs / bs + b - g * bm / bs
    y_frozen = x + b - g * rm / rs
    return jnp.where(active, y_train, y_frozen).astype(x.dtype)


@op("batch_norm_fold2_grad")
def _bn_fold2_grad(dout, x, gamma, batch_std, batch_mean, running_std, running_mean, active):
    red = _other_axes(dout, 1)
    d_beta = jnp.sum(dout, axis=red)
    reduce_x = jnp.sum(dout * x, axis=red)
    dg_t = -d_beta * batch_mean / batch_std
    dbm_t = -d_beta * gamma / batch_std
    dbs_t = (d_beta * gamma * batch_mean - reduce_x * running_std) / batch_std / batch_std
    s = _bshape(dout, 1)
    dx_t = dout * running_std.reshape(s) / batch_std.reshape(s)
    dg_f = -d_beta * running_mean / running_std
    zero = jnp.zeros_like(d_beta)
    return (
        jnp.where(active, dbs_t, zero),
        jnp.where(active, dbm_t, zero),
        d_beta,
        jnp.where(active, dg_t, dg_f),
        jnp.where(active, dx_t, dout),
    )


def _check_vecs(prim, names, arrs, x):
    for n, a in zip(names[1:], arrs[1:]):
        if tuple(a.shape) != tuple(arrs[0].shape):
            raise_error(
                ValueError,
                prim,
                f"the '{names[0]} shape' must be equal to '{n} shape', but got "
                f"{tuple(arrs[0].shape)} and {tuple(a.shape)}.",
            )
    _check_c(prim, names[0] + "_shape", arrs[0], x, 1)


@primitive
class BatchNormFold2(Primitive):
    """``y = x * running_std / batch_std + beta - gamma * batch_mean / batch_std`` while
    ``global_step < freeze_bn``, then ``x + beta - gamma * running_mean / running_std``."""

    channel_axis = 1

    def __init__(self, freeze_bn=0):
        super().__init__("BatchNormFold2")
        if not isinstance(freeze_bn, int) or isinstance(freeze_bn, bool):
            raise_error(
                TypeError, self.name, f"the 'freeze_bn' must be int, but got {type(freeze_bn).__name__}."
            )
        self.freeze_bn = freeze_bn

    def __call__(self, x, beta, gamma, batch_std, batch_mean, running_std, running_mean, global_step):
        vecs = [_arr(a) for a in (batch_std, running_std, batch_mean, beta, running_mean, gamma)]
        _check_vecs(
            self.name,
            ("batch_std", "running_std", "batch_mean", "beta", "running_mean", "gamma"),
            vecs,
            _arr(x),
        )
        s = _arr(global_step)
        _check_step(self.name, s)
        _check_same_float(
            self.name,
            ("x", "beta", "gamma", "batch_std", "batch_mean", "running_std", "running_mean"),
            [_arr(x), vecs[3], vecs[5], vecs[0], vecs[2], vecs[1], vecs[4]],
        )
        active = s.reshape(-1)[0] < self.freeze_bn
        return call(
            "batch_norm_fold2", x, beta, gamma, batch_std, batch_mean, running_std, running_mean, active
        )


@primitive
class BatchNormFold2Grad(Primitive):
    """(d_batch_std, d_batch_mean, d_beta, d_gamma, dx) of BatchNormFold2 (GPU formulas)."""

    channel_axis = 1

    def __init__(self, freeze_bn=0):
        super().__init__("BatchNormFold2Grad")
        self.freeze_bn = freeze_bn

    def __call__(self, dout, x, gamma, batch_std, batch_mean, running_std, running_mean, global_step):
        vecs = [_arr(a) for a in (batch_std, batch_mean, running_std, running_mean, gamma)]
        _check_vecs(
            self.name, ("batch_std", "batch_mean", "running_std", "running_mean", "gamma"), vecs, _arr(dout)
        )
        s = _arr(global_step)
        _check_step(self.name, s)
        _check_same_float(
            self.name,
            ("batch_std", "batch_mean", "gamma", "running_std", "running_mean", "dout"),
            [vecs[0], vecs[1], vecs[4], vecs[2], vecs[3], _arr(dout)],
        )
        active = s.reshape(-1)[0] < self.freeze_bn
        return call(
            "batch_norm_fold2_grad", dout, x, gamma, batch_std, batch_mean, running_std, running_mean, active
        )


@primitive
class BatchNormFold2D(Primitive):
    """Ascend split of BatchNormFold2 (no global_step): the not-frozen formula."""

    channel_axis = 1

    def __init__(self, freeze_bn=0):
        super().__init__("BatchNormFold2D")
        self.freeze_bn = freeze_bn

    def __call__(self, x, beta, gamma, batch_std, batch_mean, running_std):
        vecs = [_arr(a) for a in (batch_std, running_std, batch_mean, beta, gamma)]
        _check_vecs(self.name, ("batch_std", "running_std", "batch_mean", "beta", "gamma"), vecs, _arr(x))
        return call("batch_norm_fold2", x, beta, gamma, batch_std, batch_mean, running_std, running_std, True)


@op("batch_norm_fold2_grad_reduce")
def _bn_fold2_grad_reduce(dout, x):
    red = _other_axes(dout, 1)
    return jnp.sum(dout, axis=red), jnp.sum(dout * x, axis=red)


@primitive
class BatchNormFold2GradReduce(Primitive):
    """(sum of dout, sum of dout * x) over every axis but the channel axis 1."""

    channel_axis = 1

    def __init__(self, freeze_bn=False):
        super().__init__("BatchNormFold2GradReduce")
        self.freeze_bn = freeze_bn

    def __call__(self, dout, x):
        if tuple(_arr(dout).shape) != tuple(_arr(x).shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'dout shape' must be equal to 'x shape', but got "
                f"{tuple(_arr(dout).shape)} and {tuple(_arr(x).shape)}.",
            )
        return call("batch_norm_fold2_grad_reduce", dout, x)


@op("batch_norm_fold2_grad_d")
def _bn_fold2_grad_d(dout, dout_reduce, dout_x_reduce, gamma, batch_std, batch_mean, running_std):
    d_gamma = -dout_reduce * batch_mean / batch_std
    d_bm = -dout_reduce * gamma / batch_std
    d_bs = (dout_reduce * gamma * batch_mean - dout_x_reduce * running_std) / batch_std / batch_std
    s = _bshape(dout, 1)
    dx = dout * running_std.reshape(s) / batch_std.reshape(s)
    return d_bs, d_bm, d_gamma, dx


@primitive
class BatchNormFold2GradD(Primitive):
    """(d_batch_std, d_batch_mean, d_gamma, dx) from BatchNormFold2GradReduce's sums."""

    channel_axis = 1

    def __init__(self, freeze_bn=False):
        super().__init__("BatchNormFold2GradD")
        self.freeze_bn = freeze_bn

    def __call__(self, dout, dout_reduce, dout_x_reduce, gamma, batch_std, batch_mean, running_std):
        vecs = [_arr(a) for a in (batch_std, batch_mean, running_std, gamma)]
        _check_vecs(self.name, ("batch_std", "batch_mean", "running_std", "gamma"), vecs, _arr(dout))
        return call(
            "batch_norm_fold2_grad_d",
            dout,
            dout_reduce,
            dout_x_reduce,
            gamma,
            batch_std,
            batch_mean,
            running_std,
        )


# --- correction mul ----------------------------------------------------------------------------------


@op("correction_mul")
def _correction_mul(x, batch_std, running_std, channel_axis=0):
    s = _bshape(x, channel_axis)
    return (x * batch_std.reshape(s) / running_std.reshape(s)).astype(x.dtype)


@op("correction_mul_grad")
def _correction_mul_grad(dout, x, gamma, running_std, channel_axis=0, reduce=True):
    s = _bshape(dout, channel_axis)
    dx = dout * gamma.reshape(s) / running_std.reshape(s)
    mul_dx = dout * x / running_std.reshape(s)
    if reduce:
        mul_dx = jnp.sum(mul_dx, axis=_other_axes(dout, channel_axis))
    return dx.astype(dout.dtype), mul_dx.astype(gamma.dtype)


@op("correction_mul_grad_reduce")
def _correction_mul_grad_reduce(mul_dx, channel_axis=0):
    return jnp.sum(mul_dx, axis=_other_axes(mul_dx, channel_axis))


class _Correction(Primitive):
    def __init__(self, name, channel_axis=0):
        super().__init__(name)
        self.channel_axis = channel_axis


@primitive
class CorrectionMul(_Correction):
    """``x * batch_std / running_std`` per channel along ``channel_axis`` (default 0)."""

    def __init__(self, channel_axis=0):
        super().__init__("CorrectionMul", channel_axis)

    def __call__(self, x, batch_std, running_std):
        xa, b, r = _arr(x), _arr(batch_std), _arr(running_std)
        if tuple(b.shape) != tuple(r.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'batch_std shape' must be equal to 'running_std shape', "
                f"but got {tuple(b.shape)} and {tuple(r.shape)}.",
            )
        if b.shape[0] != xa.shape[self.channel_axis]:
            raise_error(
                ValueError,
                self.name,
                f"the 'batch_std_shape[0]' must be equal to 'x_shape channel "
                f"size' {xa.shape[self.channel_axis]}, but got {b.shape[0]}.",
            )
        _check_same_float(self.name, ("x", "batch_std", "running_std"), (xa, b, r))
        return call("correction_mul", x, batch_std, running_std, self.channel_axis)


@primitive
class CorrectionMulGrad(_Correction):
    """(dx, d_gamma): ``dout * gamma / running_std`` and the per-channel sum of
    ``dout * x / running_std`` (GPU outputs; the gamma input is the batch std)."""

    def __init__(self, channel_axis=0):
        super().__init__("CorrectionMulGrad", channel_axis)

    def __call__(self, dout, x, gamma, running_std):
        d, xa = _arr(dout), _arr(x)
        if tuple(d.shape) != tuple(xa.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'dout shape' must be equal to 'x_shape x', but got "
                f"{tuple(d.shape)} and {tuple(xa.shape)}.",
            )
        for n, a in (("gamma_shape[0]", _arr(gamma)), ("running_std_shape[0]", _arr(running_std))):
            if a.shape[0] != d.shape[self.channel_axis]:
                raise_error(
                    ValueError,
                    self.name,
                    f"the '{n}' must be equal to 'dout channel size' "
                    f"{d.shape[self.channel_axis]}, but got {a.shape[0]}.",
                )
        return call("correction_mul_grad", dout, x, gamma, running_std, self.channel_axis, True)


@primitive
class CorrectionMulGradReduce(_Correction):
    """Per-channel sum of an elementwise ``mul_dx`` (Ascend's split of CorrectionMulGrad)."""

    def __init__(self, channel_axis=0):
        super().__init__("CorrectionMulGradReduce", channel_axis)

    def __call__(self, mul_dx):
        return call("correction_mul_grad_reduce", mul_dx, self.channel_axis)


# --- Ascend universal learnable quantization -------------------------------------------------------

_EPS = 1.192092896e-07


@op("acts_ulq")
def _acts_ulq(x, clamp_min, clamp_max, fixed_min=False, num_bits=8):
    """TBE ``acts_ulq``: (y, clamp_min_mask, clamp_max_mask, x_clamped_loss)."""
    step = float(2**num_bits - 1)
    dt = x.dtype
    cmin = jnp.zeros_like(clamp_min) if fixed_min else jnp.minimum(clamp_min, 0)
    cmax = jnp.maximum(clamp_max, step * _EPS)
    scale = (cmax - cmin) / step
    offset = jnp.round(cmin / scale)
    qmin = scale * offset
    qmax = (offset + step) * scale
    clamped = jnp.minimum(jnp.maximum(x, qmin), qmax)
    min_mask = x >= qmin
    max_mask = x <= qmax
    raw = clamped / scale
    rx = jnp.round(raw)
    loss = (rx - raw) / step
    raw_m = cmin / scale
    loss_m = jnp.broadcast_to((jnp.round(raw_m) - raw_m) / step, x.shape)
    loss = jnp.where(min_mask, loss, loss_m)
    loss = jnp.where(max_mask, loss, loss_m)
    return (rx * scale).astype(dt), min_mask, max_mask, loss.astype(dt)


@primitive
class ActsULQ(Primitive):
    """Activation universal learnable quantization (Ascend TBE ``acts_ulq``)."""

    def __init__(self, fixed_min=False, num_bits=8):
        super().__init__("ActsULQ")
        if not isinstance(fixed_min, bool):
            raise_error(
                TypeError, self.name, f"the 'fixed_min' must be bool, but got {type(fixed_min).__name__}."
            )
        if not isinstance(num_bits, int) or isinstance(num_bits, bool):
            raise_error(
                TypeError, self.name, f"the 'num_bits' must be int, but got {type(num_bits).__name__}."
            )
        if num_bits != 8:
            raise_error(
                ValueError,
                self.name,
                f"the 'value of num_bits' must be int and must = 8, but got '{num_bits}' with type 'int'.",
            )
        self.fixed_min, self.num_bits = fixed_min, num_bits

    def __call__(self, x, clamp_min, clamp_max):
        xa = _arr(x)
        for n, c in (("clamp_min", _arr(clamp_min)), ("clamp_max", _arr(clamp_max))):
            if c.ndim != xa.ndim:
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'dims of {n}' must be int and must = {xa.ndim}, but got "
                    f"'{c.ndim}' with type 'int'.",
                )
            if any(d != 1 for d in c.shape):
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'dims of {n}' must be int and must = 1, but got '{max(c.shape)}' with type 'int'.",
                )
        _float_args(self.name, ("x", "clamp_min", "clamp_max"), (xa, _arr(clamp_min), _arr(clamp_max)))
        return call("acts_ulq", x, clamp_min, clamp_max, self.fixed_min, self.num_bits)


@primitive
class ActsULQInputGrad(Primitive):
    """``y_grad`` where both ActsULQ masks are set, else 0."""

    def __init__(self):
        super().__init__("ActsULQInputGrad")

    def __call__(self, y_grad, clamp_min_mask, clamp_max_mask):
        return call("acts_ulq_input_grad", y_grad, clamp_min_mask, clamp_max_mask)


@op("acts_ulq_input_grad")
def _acts_ulq_input_grad(y_grad, min_mask, max_mask):
    keep = min_mask.astype(bool) & max_mask.astype(bool)
    return jnp.where(keep, y_grad, jnp.zeros_like(y_grad))


@op("act_ulq_clamp_grad")
def _act_ulq_clamp_grad(y_grad, mask, loss, is_min):
    """TBE ``act_ulq_clamp_min_grad`` / ``..._max_grad``: ``sum(y_grad * (1[not mask] - loss))`` for
    the min, ``sum(y_grad * (1[not mask] + loss))`` for the max; float32 of shape (1,)*rank."""
    signal = jnp.where(mask.astype(bool), 0.0, 1.0)
    lf = loss.astype(jnp.float32)
    g = signal - lf if is_min else signal + lf
    out = jnp.sum(y_grad.astype(jnp.float32) * g)
    return out.reshape((1,) * y_grad.ndim)


@primitive
class ActULQClampMinGrad(Primitive):
    def __init__(self):
        super().__init__("ActULQClampMinGrad")

    def __call__(self, y_grad, clamp_min_mask, x_clamped_loss):
        return call("act_ulq_clamp_grad", y_grad, clamp_min_mask, x_clamped_loss, True)


@primitive
class ActULQClampMaxGrad(Primitive):
    def __init__(self):
        super().__init__("ActULQClampMaxGrad")

    def __call__(self, y_grad, clamp_max_mask, x_clamped_loss):
        return call("act_ulq_clamp_grad", y_grad, clamp_max_mask, x_clamped_loss, False)


@op("wts_arq")
def _wts_arq(w, w_min, w_max, num_bits=8, offset_flag=False):
    """TBE ``wts_arq``: weights fake-quantized to int8 with a scale (and offset) from [w_min, w_max]."""
    dt = w.dtype
    wmin = jnp.minimum(w_min, 0)
    wmax = jnp.maximum(w_max, 0)
    one = jnp.ones_like(wmin)
    if offset_flag:
        r = 1.0 / (2**num_bits - 1)
        scale = wmax * r - wmin * r
        scale = jnp.where(scale < _EPS, one, scale)
        offset = -jnp.round(wmin / scale) - 2 ** (num_bits - 1)
    else:
        scale = jnp.maximum(jnp.abs(wmin) / 2 ** (num_bits - 1), wmax / (2 ** (num_bits - 1) - 1))
        scale = jnp.where(scale < _EPS, one, scale)
        offset = None
    y = jnp.round(w / scale)
    if offset_flag:
        y = y + offset
    y = jnp.clip(y, -(2 ** (num_bits - 1)), 2 ** (num_bits - 1) - 1)
    if offset_flag:
        y = y - offset
    return (y * scale).astype(dt)


@primitive
class WtsARQ(Primitive):
    """Weights adaptive range quantization (Ascend TBE ``wts_arq``): the fake-quantized weights."""

    def __init__(self, num_bits, offset_flag):
        super().__init__("WtsARQ")
        if not isinstance(num_bits, int) or isinstance(num_bits, bool):
            raise_error(
                TypeError, self.name, f"the 'num_bits' must be int, but got {type(num_bits).__name__}."
            )
        if num_bits != 8:
            raise_error(
                ValueError,
                self.name,
                f"the 'value of num_bits' must be int and must = 8, but got '{num_bits}' with type 'int'.",
            )
        if not isinstance(offset_flag, bool):
            raise_error(
                TypeError, self.name, f"the 'offset_flag' must be bool, but got {type(offset_flag).__name__}."
            )
        self.num_bits, self.offset_flag = num_bits, offset_flag

    def __call__(self, w, w_min, w_max):
        wa = _arr(w)
        for n, c in (("w_min", _arr(w_min)), ("w_max", _arr(w_max))):
            if c.ndim != wa.ndim:
                raise_error(
                    ValueError,
                    self.name,
                    f"the 'dims of {n}' must be int and must = {wa.ndim}, but got "
                    f"'{c.ndim}' with type 'int'.",
                )
        _float_args(self.name, ("w", "w_min", "w_max"), (wa, _arr(w_min), _arr(w_max)))
        return call("wts_arq", w, w_min, w_max, self.num_bits, self.offset_flag)


# --- FakeQuantParam --------------------------------------------------------------------------------


@primitive
class FakeQuantParam(Primitive):
    """Carries quantization parameters as attributes; passes its input through unchanged."""

    attr_key_linear_quant_scale = "linear_quant_scale"
    attr_key_linear_quant_zero_point = "linear_quant_zero_point"
    attr_value_linear_quant_algo_name = "linear_quant_algo"

    def __init__(self, quant_dtype, quant_algo_name, is_per_channel, **kwargs):
        super().__init__("FakeQuantParam")
        self.quant_dtype, self.quant_algo_name, self.is_per_channel = (
            quant_dtype,
            quant_algo_name,
            is_per_channel,
        )
        self.add_prim_attr("quant_algo_name", quant_algo_name)
        self.add_prim_attr("is_per_channel", is_per_channel)
        value = getattr(quant_dtype, "value", quant_dtype)
        self.add_prim_attr("quant_dtype", value() if callable(value) else value)
        for key, v in kwargs.items():
            self.add_prim_attr(key, v)

    @classmethod
    def linear_quant_param(cls, quant_dtype, scale, zp, is_per_channel=False, **kwargs):
        if not isinstance(scale, (float, tuple, list)):
            raise TypeError(
                f"For 'FakeQuantParam', the type of 'scale' should be one of '[float, tuple, list]', "
                f"but got '{type(scale).__name__}'."
            )
        if not isinstance(zp, (int, tuple, list)) or isinstance(zp, bool):
            raise TypeError(
                f"For 'FakeQuantParam', the type of 'zero_point' should be one of '[int, tuple, "
                f"list]', but got '{type(zp).__name__}'."
            )
        if not isinstance(is_per_channel, bool):
            raise TypeError(
                f"For 'FakeQuantParam', the type of 'is_per_channel' should be 'bool', but got "
                f"'{type(is_per_channel).__name__}'."
            )
        kwargs[cls.attr_key_linear_quant_scale] = [scale] if isinstance(scale, float) else scale
        kwargs[cls.attr_key_linear_quant_zero_point] = [zp] if isinstance(zp, int) else zp
        return cls(quant_dtype, cls.attr_value_linear_quant_algo_name, is_per_channel, **kwargs)

    def __call__(self, x):
        return x
