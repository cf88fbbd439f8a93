"""``nn.Momentum`` (MindSpore's ApplyMomentum) and ``nn.SGD`` (its SGD kernel with ``stat``)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ... import context
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .optimizer import Optimizer, _write

__all__ = ["Momentum", "SGD"]


def _f32_param(value, name):
    return Parameter(Tensor(np.float32(value)), name=name)


class Momentum(Optimizer):
    """``accum = momentum * accum + grad``; ``w -= lr * accum`` (nesterov:
    ``w -= lr * (grad + momentum * accum)``). State: ``moments.<param>``.

    MindSpore 2.10's CPU ApplyMomentum kernel ignores ``use_nesterov`` (its GPU and Ascend kernels
    honour it); so does this with ``device_target='CPU'``, to give the same numbers."""

    def __init__(self, params, learning_rate, momentum, weight_decay=0.0, loss_scale=1.0, use_nesterov=False):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if not isinstance(momentum, float):
            raise TypeError(f"For 'Momentum', the type of 'momentum' must be float, but got "
                            f"{type(momentum).__name__}.")
        if momentum < 0.0:
            raise ValueError("For 'Momentum', the argument 'momentum' must be at least 0.0, but got "
                             f"{momentum}")
        if not isinstance(use_nesterov, bool):
            raise TypeError(f"For 'Momentum', the type of 'use_nesterov' must be bool, but got "
                            f"{type(use_nesterov).__name__}.")
        self.momentum = _f32_param(momentum, "momentum")
        self.params = self.parameters
        self.use_nesterov = use_nesterov
        self.moments = self.params.clone(prefix="moments", init="zeros")

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        mom = self.momentum._data
        for p, m, g, lr in zip(self.parameters, self.moments, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            lr_, mo = lr.astype(dt), mom.astype(dt)
            acc = m._data * mo + g
            if self.use_nesterov and context.get_context("device_target") != "CPU":
                w = w - (g * lr_ + acc * mo * lr_)
            else:
                w = w - lr_ * acc
            _write(m, acc)
            _write(p, w)
        return self._done()


class SGD(Optimizer):
    """MindSpore's SGD: the first momentum step copies the gradient (``stat`` = 1 -> 0), later
    ``accum = momentum * accum + (1 - dampening) * grad``. State: ``accum.<p>``, ``stat.<p>``."""

    def __init__(self, params, learning_rate=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0,
                 nesterov=False, loss_scale=1.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if isinstance(momentum, int) and not isinstance(momentum, bool):
            momentum = float(momentum)
        if not isinstance(momentum, float):
            raise TypeError("For 'SGD', the argument 'momentum' must be float type, but got "
                            f"{type(momentum)}.")
        if momentum < 0.0:
            raise ValueError(f"For 'SGD', the argument 'momentum' must be at least 0.0, but got {momentum}.")
        if isinstance(dampening, int) and not isinstance(dampening, bool):
            dampening = float(dampening)
        if not isinstance(dampening, float):
            raise TypeError("For 'SGD', the argument 'dampening' must be float type, but got "
                            f"{type(dampening)}.")
        if dampening < 0.0:
            raise ValueError(f"For 'SGD', the argument 'dampening' must be at least 0.0, but got 'dampening' "
                             f"{dampening}")
        if not isinstance(nesterov, bool):
            raise TypeError("For 'SGD', the type of 'nesterov' must be bool, but got "
                            f"{type(nesterov).__name__}.")
        if nesterov and (momentum <= 0.0 or dampening != 0.0):
            raise ValueError("For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and 'dampening' "
                             "must "
                             f"equal to 0.0, but got 'momentum' {momentum}, 'dampening' {dampening}.")
        if self.dynamic_weight_decay:
            raise TypeError("For 'SGD', dynamic weight decay is currently not supported, the argument "
                            "'weight_decay' or 'weight_decay' set in grouped 'params' must be float or int "
                            "type.")
        self.dampening = dampening
        self.nesterov = nesterov
        self.momentum = _f32_param(momentum, "momentum")
        self.accum = self.parameters.clone(prefix="accum", init="zeros")
        self.stat = self.parameters.clone(prefix="stat", init="ones")

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        mom_arr = self.momentum._data
        for p, a, s, g, lr in zip(self.parameters, self.accum, self.stat, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            mo = mom_arr.astype(dt)
            # momentum is a Parameter (a traced value when compiled): select, don't branch
            st = s._data
            acc = jnp.where(st > 0, g, a._data * mo + (1 - self.dampening) * g)
            acc = jnp.where(mo > 0, acc, a._data)
            new_st = jnp.where(mo > 0, jnp.zeros_like(st), st)
            step = g + acc * mo if self.nesterov else jnp.where(mo > 0, acc, g)
            _write(a, acc)
            _write(s, new_st)
            _write(p, w - lr.astype(dt) * step)
        return self._done()

