"""``nn.RMSProp`` (ApplyRMSProp / ApplyCenteredRMSProp). State: ``mean_square.<p>`` (ones),
``moment.<p>``, and ``mean_grad.<p>`` when centered."""

from __future__ import annotations

import jax.numpy as jnp

from .optimizer import Optimizer, _write

__all__ = ["RMSProp"]


class RMSProp(Optimizer):
    def __init__(self, params, learning_rate=0.1, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        for name, v in (("decay", decay), ("momentum", momentum), ("epsilon", epsilon)):
            if not isinstance(v, float):
                raise TypeError(f"For 'RMSProp', the type of '{name}' must be float, but got "
                                f"{type(v).__name__}.")
        if decay < 0.0:
            raise ValueError(f"For 'RMSProp', the 'decay' must be at least 0.0, but got {decay}.")
        if momentum < 0.0:
            raise ValueError(f"For 'RMSProp', the 'momentum' must be at least 0.0, but got {momentum}.")
        if epsilon <= 0.0:
            raise ValueError(f"For 'RMSProp', the 'epsilon' must be greater than 0.0, but got {epsilon}.")
        for name, v in (("use_locking", use_locking), ("centered", centered)):
            if not isinstance(v, bool):
                raise TypeError(f"For 'RMSProp', the type of '{name}' must be bool, but got "
                                f"{type(v).__name__}.")
        self.centered = centered
        if centered:
            self.mg = self.parameters.clone(prefix="mean_grad", init="zeros")
        self.momentum = momentum
        self.ms = self.parameters.clone(prefix="mean_square", init="ones")
        self.moment = self.parameters.clone(prefix="moment", init="zeros")
        self.epsilon = epsilon
        self.decay = decay

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        mgs = self.mg if self.centered else [None] * self.param_length
        for p, mg, ms, mom, g, lr in zip(self.parameters, mgs, self.ms, self.moment, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            lr = lr.astype(dt)
            decay, momentum, eps = (jnp.asarray(x, dt) for x in (self.decay, self.momentum, self.epsilon))
            ms_new = ms._data * decay + (1 - decay) * g * g
            if mg is not None:
                mg_new = mg._data * decay + (1 - decay) * g
                denom = ms_new - mg_new * mg_new + eps
                _write(mg, mg_new)
            else:
                denom = ms_new + eps
            mom_new = mom._data * momentum + lr * g / jnp.sqrt(denom)
            _write(ms, ms_new)
            _write(mom, mom_new)
            _write(p, w - mom_new)
        return self._done()
