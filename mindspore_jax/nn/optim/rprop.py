"""``nn.Rprop`` and ``nn.ASGD`` (MindSpore writes both in Python; ported over arrays)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from .optimizer import Optimizer, _write

__all__ = ["Rprop", "ASGD"]


class Rprop(Optimizer):
    """Resilient backprop: per-element step sizes grow by ``etaplus`` / shrink by ``etaminus`` with
    the sign agreement of successive gradients. State: ``prev.<p>``, ``step_size.<p>``."""

    def __init__(self, params, learning_rate=0.1, etas=(0.5, 1.2), step_sizes=(1e-6, 50.), weight_decay=0.):
        super().__init__(learning_rate, params, weight_decay)
        if not isinstance(etas, tuple):
            raise TypeError(f"For Rprop, etas must be a tuple, but got {type(etas)}.")
        if len(etas) != 2:
            raise ValueError(f"For Rprop, etas must be a tuple with the size of 2, but got {len(etas)}.")
        if not isinstance(step_sizes, tuple):
            raise TypeError(f"For Rprop, step_sizes must be a tuple, but got {type(etas)}.")
        if len(step_sizes) != 2:
            raise ValueError("For Rprop, step_sizes must be a tuple with the size of 2, but got "
                             f"{len(step_sizes)}.")
        if step_sizes[0] > step_sizes[1]:
            raise ValueError("For Rprop, maximal step size should not be less than minimal step size, but "
                             "got "
                             f"{step_sizes[0]} > {step_sizes[1]}.")
        if etas[0] > 1.0 or etas[0] < 0:
            raise ValueError(f"For Rprop, etaminus must be in range [0.0, 1.0], but got {etas[0]}.")
        if etas[1] <= 1.0:
            raise ValueError(f"For Rprop, etaplus must be greater than 1.0, but got etaplus {etas[1]}.")
        self.etaminus, self.etaplus = etas
        self.step_size_min, self.step_size_max = step_sizes
        self.prev = self.parameters.clone(prefix="prev", init="zeros")
        self.step_size = self.parameters.clone(prefix="step_size", init="zeros")

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        first = self.global_step._data.reshape(()) == 1
        for p, prev, ss, g, lr in zip(self.parameters, self.prev, self.step_size, grads, lrs):
            w = p._data
            cdt = w.dtype if w.dtype in (jnp.float16, jnp.bfloat16) else jnp.float32
            step = jnp.where(first, jnp.ones(ss._value.shape, cdt) * lr.astype(cdt), ss._data.astype(cdt))
            g = g.astype(cdt)
            sign = jnp.sign(g * prev._data.astype(cdt))
            sign = jnp.where(sign > 0, jnp.asarray(self.etaplus, cdt), sign)
            sign = jnp.where(sign < 0, jnp.asarray(self.etaminus, cdt), sign)
            sign = jnp.where(sign == 0, jnp.asarray(1.0, cdt), sign)
            step = jnp.clip(step * sign, self.step_size_min, self.step_size_max)
            g_upd = jnp.where(sign == jnp.asarray(self.etaminus, cdt), jnp.zeros_like(g), g)
            _write(p, w.astype(cdt) - jnp.sign(g_upd) * step)
            _write(prev, g_upd)
            _write(ss, step)
        return self._done()


class ASGD(Optimizer):
    """Averaged SGD. State per parameter: ``mu_<p>``, ``eta_<p>`` (scalars), ``ax_.<p>`` (average)."""

    def __init__(self, params, learning_rate=0.1, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        for name, v in (("lambd", lambd), ("alpha", alpha), ("t0", t0)):
            if not isinstance(v, float):
                raise TypeError(f"For 'ASGD', the type of '{name}' must be float, but got "
                                f"{type(v).__name__}.")
        self.lambd, self.alpha, self.t0 = lambd, alpha, t0
        ps = self.parameters
        self.mu = ParameterTuple(Parameter(Tensor(np.float32(1.0)), name="mu_" + p.name) for p in ps)
        self.eta = ParameterTuple(Parameter(Tensor(np.float32(0.0)), name="eta_" + p.name) for p in ps)
        self.ax = self.parameters.clone(prefix="ax_", init="zeros")

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        step = self.global_step._data.reshape(())
        stepf = step.astype(jnp.float32)
        for p, g, mu, eta, ax, lr in zip(self.parameters, grads, self.mu, self.eta, self.ax, lrs):
            lr = lr.astype(jnp.float32)
            eta_v = jnp.where(step == 1, lr, eta._data)
            w = p._data.astype(jnp.float32)
            w = w * (1.0 - self.lambd * eta_v) - eta_v * g.astype(jnp.float32)
            _write(p, w)
            mu_v = mu._data
            ax_new = jnp.where(mu_v != 1, ax._data + ((w - ax._data.astype(jnp.float32)) * mu_v).astype(
                ax._value.dtype), p._data.astype(ax._value.dtype))
            _write(ax, ax_new)
            _write(eta, lr / jnp.power(1.0 + self.lambd * lr * stepf, self.alpha))
            _write(mu, 1.0 / jnp.maximum(1.0, stepf - self.t0))
        return self._done()
