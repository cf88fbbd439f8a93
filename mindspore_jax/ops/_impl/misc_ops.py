"""Frequently used names that no other op family covers: ``ops.partial``, ``F.make_range``,
``Tensor.value``/``Tensor.float``, single-process collectives (``AllReduce`` & co. are
identities on one rank), the float-status primitives of 1.x loss-scale code, and Ascend's
``DynamicRNN`` LSTM written out with ``lax.scan``."""

from __future__ import annotations

import logging

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from .._registry import call, functional, op, primitive, raise_error, tensor_method
from ..primitive import Primitive

_log = logging.getLogger("mindspore_jax")


@functional
def partial(func, *args):
    """``ops.partial(func, *args)``: ``func`` with its first arguments bound."""
    from ..composite.base import Partial

    return Partial(func, *args)


@functional
def make_range(start, limit=None, delta=1):
    """``F.make_range``: a tuple of ints like ``range`` (a compile-time constant)."""
    if limit is None:
        start, limit = 0, start
    for name, v in (("start", start), ("limit", limit), ("delta", delta)):
        if not isinstance(v, int) or isinstance(v, bool):
            raise_error(TypeError, "make_range", f"the '{name}' must be int, but got {type(v).__name__}.")
    if delta == 0:
        raise_error(ValueError, "make_range", "the 'delta' can not be 0.")
    return tuple(range(start, limit, delta))


tensor_method("value")(lambda self: self)  # Tensor.value(): the tensor itself


@tensor_method("float")
def _tensor_float(self, memory_format=None):
    """``Tensor.float()``: cast to Float32."""
    return call("cast", self, mstype.float32)


# --- collectives on one rank ----------------------------------------------------------------

@primitive  # exported as ops.ReduceOp / P.ReduceOp (a constants class, not an op)
class ReduceOp:
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    PROD = "prod"


def _world():
    from ...communication.management import GlobalComm

    return GlobalComm.WORLD_COMM_GROUP


class _Collective(Primitive):
    """One process is the whole group: the collective of one rank returns its input."""

    def __init__(self, name, group=None):
        super().__init__(name)
        self.group = _world() if group is None else group
        if not isinstance(self.group, str):
            raise_error(TypeError, name, f"the 'group' must be str, but got {type(self.group)}.")
        self.rank_size = 1

    def __call__(self, x):
        return x


@primitive
class AllReduce(_Collective):
    def __init__(self, op=ReduceOp.SUM, group=None):
        super().__init__("AllReduce", group)
        if op not in (ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.PROD):
            raise_error(TypeError, "AllReduce", f"the 'op' must be one of sum, max, min, prod, but got {op}.")
        self.op = op


@primitive
class AllGather(_Collective):
    def __init__(self, group=None):
        super().__init__("AllGather", group)


@primitive
class ReduceScatter(_Collective):
    def __init__(self, op=ReduceOp.SUM, group=None):
        super().__init__("ReduceScatter", group)
        self.op = op


@primitive
class Broadcast(_Collective):
    def __init__(self, root_rank, group=None):
        super().__init__("Broadcast", group)
        if root_rank != 0:
            raise_error(ValueError, "Broadcast",
                        f"the 'root_rank' must be 0 with one process, but got {root_rank}.")
        self.root_rank = root_rank

    def __call__(self, x):
        return tuple(x) if isinstance(x, (list, tuple)) else (x,)


@primitive
class AlltoAll(_Collective):
    def __init__(self, split_count, split_dim, concat_dim, group=None):
        super().__init__("AlltoAll", group)
        self.split_count, self.split_dim, self.concat_dim = split_count, split_dim, concat_dim


# --- float status (1.x loss-scale code) ---------------------------------------------------------

@op("float_status")
def _float_status(x):
    return jnp.where(jnp.all(jnp.isfinite(x)), 0, 1).astype(x.dtype).reshape(1)


@primitive
class FloatStatus(Primitive):
    """GPU overflow check: ``[0.]`` when every element is finite, else ``[1.]`` (x's dtype)."""

    def __init__(self):
        super().__init__("FloatStatus")

    def __call__(self, x):
        return call("float_status", x)


_NPU_NOTE = [False]


def _npu_note():
    if not _NPU_NOTE[0]:
        _NPU_NOTE[0] = True
        _log.warning("NPUAllocFloatStatus/NPUGetFloatStatus/NPUClearFloatStatus read an Ascend "
                     "hardware register that XLA does not have: the status stays 0 (no overflow "
                     "reported). Check gradients with ops.FloatStatus or amp.all_finite instead.")


@primitive
class NPUAllocFloatStatus(Primitive):
    """Ascend's 8-float overflow status buffer: zeros here (see the logged note)."""

    def __init__(self):
        super().__init__("NPUAllocFloatStatus")

    def __call__(self):
        _npu_note()
        return _wrap(jnp.zeros((8,), np.float32))


def _wrap(a):
    from ...common.tensor import Tensor

    return Tensor._wrap(a)


@primitive
class NPUGetFloatStatus(Primitive):
    def __init__(self):
        super().__init__("NPUGetFloatStatus")

    def __call__(self, x):
        _npu_note()
        return x


@primitive
class NPUClearFloatStatus(Primitive):
    def __init__(self):
        super().__init__("NPUClearFloatStatus")

    def __call__(self, x):
        return x


# --- DynamicRNN (Ascend LSTM primitive) ---------------------------------------------------------

@op("dynamic_rnn")
def _dynamic_rnn(x, w, b, init_h, init_c, forget_bias=0.0, cell_clip=-1.0):
    """Time-major LSTM with gates packed i, j, f, o in ``w: (input+hidden, 4*hidden)``:
    ``c' = sig(f + forget_bias) * c + sig(i) * tanh(j)``, ``h' = sig(o) * tanh(c')``.
    Returns (y, h, c, i, j, f, o, tanhc), each ``(num_step, batch, hidden)``."""
    hidden = w.shape[1] // 4

    def step(carry, xt):
        h, c = carry
        g = jnp.concatenate([xt, h], axis=-1) @ w + b
        i, j, f, o = (g[:, k * hidden:(k + 1) * hidden] for k in range(4))
        i, j, f, o = jax.nn.sigmoid(i), jnp.tanh(j), jax.nn.sigmoid(f + forget_bias), jax.nn.sigmoid(o)
        c2 = f * c + i * j
        if cell_clip > 0:
            c2 = jnp.clip(c2, -cell_clip, cell_clip)
        tc = jnp.tanh(c2)
        h2 = o * tc
        return (h2, c2), (h2, c2, i, j, f, o, tc)

    (_, _), (hs, cs, i, j, f, o, tc) = jax.lax.scan(step, (init_h[0], init_c[0]), x)
    return hs, hs, cs, i, j, f, o, tc


@primitive
class DynamicRNN(Primitive):
    """``P.DynamicRNN``: a one-layer unidirectional LSTM over ``x (num_step, batch, input)``."""

    def __init__(self, cell_type="LSTM", direction="UNIDIRECTIONAL", cell_depth=1,
                 use_peephole=False, keep_prob=1.0, cell_clip=-1.0, num_proj=0, time_major=True,
                 activation="tanh", forget_bias=0.0, is_training=True):
        super().__init__("DynamicRNN")
        for name, v, ok in (("cell_type", cell_type, "LSTM"), ("direction", direction, "UNIDIRECTIONAL"),
                            ("activation", activation, "tanh")):
            if v != ok:
                raise_error(ValueError, "DynamicRNN", f"the '{name}' must be '{ok}', but got '{v}'.")
        if not time_major or use_peephole or num_proj or cell_depth != 1:
            raise_error(ValueError, "DynamicRNN", "only time_major=True, use_peephole=False, "
                        "num_proj=0 and cell_depth=1 are supported (as on Ascend).")
        self.forget_bias, self.cell_clip, self.keep_prob = forget_bias, cell_clip, keep_prob

    def __call__(self, x, w, b, seq_length=None, init_h=None, init_c=None):
        if seq_length is not None:
            raise_error(ValueError, "DynamicRNN", "the 'seq_length' must be None.")
        if len(x.shape) != 3:
            raise_error(ValueError, "DynamicRNN", f"the 'x' must be 3-D, but got shape {x.shape}.")
        hidden = w.shape[1] // 4
        if w.shape[0] != x.shape[2] + hidden or w.shape[1] != 4 * hidden:
            raise_error(ValueError, "DynamicRNN", f"the 'w' shape must be ({x.shape[2]} + hidden, "
                        f"4 * hidden), but got {w.shape}.")
        if init_h is None or init_c is None:
            z = _wrap(jnp.zeros((1, x.shape[1], hidden), np.dtype(mstype.to_np(x.dtype))))
            init_h = z if init_h is None else init_h
            init_c = z if init_c is None else init_c
        return call("dynamic_rnn", x, w, b, init_h, init_c, self.forget_bias, self.cell_clip)


@functional
def tuple_len(data):
    """``F.tuple_len``: length of a tuple (a compile-time constant)."""
    return len(data)


@functional
def add_flags(fn=None, **flags):
    """``F.add_flags(fn, **flags)``: sets compiler flags on ``fn`` (recorded, not needed by XLA)."""
    def deco(f):
        try:
            f._mindspore_flags = {**getattr(f, "_mindspore_flags", {}), **flags}
        except AttributeError:
            pass
        return f
    return deco(fn) if fn is not None else deco
