"""The Adagrad family: ``nn.Adagrad``, ``nn.Adadelta``, ``nn.AdaMax``, ``nn.ProximalAdagrad``,
``nn.FTRL`` (MindSpore's Apply* kernels, written out over arrays)."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .adam import _check_param_value as _check_betas
from .optimizer import Optimizer, _write

__all__ = ["Adagrad", "Adadelta", "AdaMax", "ProximalAdagrad", "FTRL"]


def _check_float(v, name, cls, minimum=0.0, strict=False):
    if isinstance(v, int) and not isinstance(v, bool):
        v = float(v)
    if not isinstance(v, float):
        raise TypeError(f"For '{cls}', the type of '{name}' must be float, but got {type(v).__name__}.")
    if v < minimum or (strict and v == minimum):
        raise ValueError(f"For '{cls}', the '{name}' must be {'greater than' if strict else 'at least'} "
                         f"{minimum}, but got {v}.")
    return v


class Adagrad(Optimizer):
    """``accum += g^2``; ``w -= lr * g / sqrt(accum)``. State: ``accum.<p>`` (starts at ``accum``)."""

    def __init__(self, params, accum=0.1, learning_rate=0.001, update_slots=True, loss_scale=1.0,
                 weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        accum = _check_float(accum, "accum", self.cls_name)
        if not isinstance(update_slots, bool):
            raise TypeError(f"For 'Adagrad', the type of 'update_slots' must be bool, but got "
                            f"{type(update_slots).__name__}.")
        self.update_slots = update_slots
        self.accum = self.parameters.clone(prefix="accum", init=accum)

    def construct(self, grads):
        grads, lrs = self._prepare(grads)
        for p, a, g, lr in zip(self.parameters, self.accum, grads, lrs):
            w = p._data
            g = g.astype(w.dtype)
            acc = a._data + g * g if self.update_slots else a._data
            _write(a, acc)
            _write(p, w - lr.astype(w.dtype) * g / jnp.sqrt(acc))
        return self._done()


class Adadelta(Optimizer):
    """``accum = rho accum + (1-rho) g^2``; ``upd = sqrt(accum_update + eps) / sqrt(accum + eps) * g``;
    ``accum_update = rho accum_update + (1-rho) upd^2``; ``w -= lr * upd``."""

    def __init__(self, params, learning_rate=1.0, rho=0.9, epsilon=1e-6, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        rho = _check_float(rho, "rho", self.cls_name)
        if rho > 1.0:
            raise ValueError(f"For 'Adadelta', the 'rho' must be in range [0.0, 1.0], but got {rho}.")
        epsilon = _check_float(epsilon, "epsilon", self.cls_name)
        self.accum = self.parameters.clone(prefix="accum", init=0)
        self.accum_update = self.parameters.clone(prefix="accum_update", init=0)
        self.rho = rho
        self.epsilon = epsilon

    def construct(self, grads):
        if not isinstance(grads, tuple) or not isinstance(grads[0], Tensor):
            raise TypeError("For 'Adadelta', the 'grads' must be a tuple of Tensor.")
        grads, lrs = self._prepare(grads)
        for p, a, au, g, lr in zip(self.parameters, self.accum, self.accum_update, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            rho, eps = jnp.asarray(self.rho, dt), jnp.asarray(self.epsilon, dt)
            acc = a._data * rho + g * g * (1 - rho)
            upd = jnp.sqrt(au._data + eps) * g / jnp.sqrt(acc + eps)
            acc_upd = au._data * rho + upd * upd * (1 - rho)
            _write(a, acc)
            _write(au, acc_upd)
            _write(p, w - lr.astype(dt) * upd)
        return self._done()


class AdaMax(Optimizer):
    """``m = b1 m + (1-b1) g``; ``v = max(b2 v, |g|)``; ``w -= lr / (1 - b1^t) * m / (v + eps)``."""

    def __init__(self, params, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.0,
                 loss_scale=1.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        _check_betas(beta1, beta2, eps, self.cls_name)
        self.beta1 = Tensor(np.float32(beta1))
        self.beta2 = Tensor(np.float32(beta2))
        self.eps = Tensor(np.float32(eps))
        self.beta1_power = Parameter(Tensor(np.ones([1], np.float32)), name="beta1_power")
        self.moment1 = self.parameters.clone(prefix="moment1", init="zeros")
        self.moment2 = self.parameters.clone(prefix="moment2", init="zeros")

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients)
        b1, b2, eps = self.beta1._data, self.beta2._data, self.eps._data
        b1p = self.beta1_power._data * b1
        _write(self.beta1_power, b1p)
        for p, m, v, g, lr in zip(self.parameters, self.moment1, self.moment2, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            m_new = b1.astype(dt) * m._data + (1 - b1).astype(dt) * g
            v_new = jnp.maximum(b2.astype(dt) * v._data, jnp.abs(g))
            step = (lr / (1 - b1p.reshape(()))).astype(dt)
            _write(m, m_new)
            _write(v, v_new)
            _write(p, w - step * m_new / (v_new + eps.astype(dt)))
        return self._done()


def _proximal(prox, lr, l1, l2):
    shrunk = jnp.sign(prox) / (1 + lr * l2) * jnp.maximum(jnp.abs(prox) - lr * l1, 0)
    return jnp.where(l1 > 0, shrunk, prox / (1 + lr * l2))


class ProximalAdagrad(Optimizer):
    """``accum += g^2``; ``a = lr / sqrt(accum)``; ``prox = w - a g``; then the l1/l2 proximal
    step with the adaptive rate ``a`` (what MindSpore 2.10's kernel computes; its docs write
    ``lr`` there)."""

    def __init__(self, params, accum=0.1, learning_rate=0.001, l1=0.0, l2=0.0, use_locking=False,
                 loss_scale=1.0,
                 weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        accum = _check_float(accum, "accum", self.cls_name)
        l1 = _check_float(l1, "l1", self.cls_name)
        l2 = _check_float(l2, "l2", self.cls_name)
        self.accum = self.parameters.clone(prefix="accum", init=accum)
        self.l1 = Tensor(np.float32(l1))
        self.l2 = Tensor(np.float32(l2))
        self.use_locking = use_locking

    def construct(self, grads):
        grads, lrs = self._prepare(grads)
        for p, a, g, lr in zip(self.parameters, self.accum, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            lr = lr.astype(dt)
            acc = a._data + g * g
            alr = lr / jnp.sqrt(acc)
            prox = w - g * alr
            _write(a, acc)
            _write(p, _proximal(prox, alr, self.l1._data.astype(dt), self.l2._data.astype(dt)))
        return self._done()


class FTRL(Optimizer):
    """Follow-the-regularized-leader (ApplyFtrl). State: ``moments.<p>`` (starts at
    ``initial_accum``), ``linear.<p>``. Weight decay applies to every parameter."""

    def __init__(self, params, initial_accum=0.1, learning_rate=0.001, lr_power=-0.5, l1=0.0, l2=0.0,
                 use_locking=False, loss_scale=1.0, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay, loss_scale=loss_scale)
        if self.dynamic_lr or self.is_group_lr:
            raise ValueError(f"For 'FTRL', dynamic learning rate and group learning rate are currently not "
                             f"supported in FTRL, they should all be false, but got dynamic learning rate "
                             f"{self.dynamic_lr} and group learning rate {self.is_group_lr}.")
        initial_accum = _check_float(initial_accum, "initial_accum", self.cls_name)
        if not isinstance(lr_power, float):
            raise TypeError("For 'FTRL', the type of 'lr_power' must be float, but got "
                            f"{type(lr_power).__name__}.")
        if lr_power > 0:
            raise ValueError(f"For 'FTRL', the 'lr_power' must be at most 0.0, but got {lr_power}.")
        l1 = _check_float(l1, "l1", self.cls_name)
        l2 = _check_float(l2, "l2", self.cls_name)
        self.moments = self.parameters.clone(prefix="moments", init=initial_accum)
        self.linear = self.parameters.clone(prefix="linear", init="zeros")
        self.l1, self.l2, self.lr, self.lr_power = l1, l2, learning_rate, lr_power
        if not self.is_group:
            self.decay_flags = tuple(True for _ in self.parameters)
        self.use_locking = use_locking

    def construct(self, grads):
        grads, lrs = self._prepare(grads)
        for p, acc, lin, g, lr in zip(self.parameters, self.moments, self.linear, grads, lrs):
            w = p._data
            dt = w.dtype
            g = g.astype(dt)
            lr = lr.astype(dt)
            p_neg = jnp.asarray(-self.lr_power, dt)
            a_old = acc._data
            a_new = a_old + g * g
            lin_new = lin._data + g - (jnp.power(a_new, p_neg) - jnp.power(a_old, p_neg)) / lr * w
            quad = jnp.power(a_new, p_neg) / lr + 2 * jnp.asarray(self.l2, dt)
            l1 = jnp.asarray(self.l1, dt)
            # MindSpore 2.10's ApplyFtrl kernel computes (l1 - linear) / quad, not the textbook
            # (sign(linear) * l1 - linear) / quad; its numbers are the reference (golden-tested)
            w_new = jnp.where(jnp.abs(lin_new) > l1, (l1 - lin_new) / quad, jnp.zeros_like(w))
            _write(acc, a_new)
            _write(lin, lin_new)
            _write(p, w_new)
        return self._done()
