"""``nn.Adam`` (+ amsgrad, nesterov, lazy), ``nn.AdamWeightDecay``, ``nn.AdamOffload``, ``nn.LazyAdam``.

Formulas are MindSpore's kernels: Adam keeps ``beta1_power``/``beta2_power`` Parameters and folds
the bias correction into the step size; AdamWeightDecay has no bias correction and adds
``weight_decay * w`` to the update (not to the gradient).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .optimizer import Optimizer, _arr, _write

__all__ = ["Adam", "AdamWeightDecay", "AdamOffload", "LazyAdam"]


def _check_param_value(beta1, beta2, eps, prim_name):
    for name, v in (("beta1", beta1), ("beta2", beta2), ("eps", eps)):
        if not isinstance(v, float):
            raise TypeError(f"For '{prim_name}', the type of '{name}' must be float, but got "
                            f"{type(v).__name__}.")
    for name, v in (("beta1", beta1), ("beta2", beta2)):
        if not 0.0 < v < 1.0:
            raise ValueError(f"For '{prim_name}', the '{name}' must be in range of (0.0, 1.0), but got {v}.")
    if eps <= 0:
        raise ValueError(f"For '{prim_name}', the 'eps' must be positive float, but got {eps}.")


def _check_bool(v, name, cls):
    if not isinstance(v, bool):
        raise TypeError(f"For '{cls}', the type of '{name}' must be bool, but got {type(v).__name__}.")


def _power(name, shape=()):
    return Parameter(Tensor(np.ones(shape, np.float32)), name=name)


def adam_step(w, m, v, g, lr, b1, b2, eps, b1p, b2p, nesterov=False, vhat=None):
    """One Adam step (MindSpore's Adam / ApplyAdamWithAmsgradV2 kernels) over arrays."""
    dt = w.dtype
    g = g.astype(dt)
    lr_t = (lr * jnp.sqrt(1.0 - b2p) / (1.0 - b1p)).astype(dt)
    m = m + (g - m) * (1.0 - b1).astype(dt)
    v = v + (g * g - v) * (1.0 - b2).astype(dt)
    if vhat is not None:
        vhat = jnp.maximum(vhat, v)
        w = w - lr_t * m / (jnp.sqrt(vhat) + eps.astype(dt))
        return w, m, v, vhat
    if nesterov:
        w = w - lr_t * (m * b1.astype(dt) + (1.0 - b1).astype(dt) * g) / (jnp.sqrt(v) + eps.astype(dt))
    else:
        w = w - lr_t * m / (jnp.sqrt(v) + eps.astype(dt))
    return w, m, v, None


class Adam(Optimizer):
    """State: ``beta1_power``, ``beta2_power``, ``moment1.<p>``, ``moment2.<p>`` (+ ``vhat.<p>``)."""

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0, use_amsgrad=False, **kwargs):
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        if set(kwargs) - {"use_lazy", "use_offload"}:
            raise KeyError(f"For 'Adam', invalid keys are passed as kwargs, supported keys are 'use_lazy' and"
                           f"'use_offload', but got {kwargs.keys()}.")
        use_lazy = kwargs.get("use_lazy", False)
        use_offload = kwargs.get("use_offload", False)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        for n, v in (("use_locking", use_locking), ("use_nesterov", use_nesterov),
                     ("use_amsgrad", use_amsgrad),
                     ("use_lazy", use_lazy), ("use_offload", use_offload)):
            _check_bool(v, n, self.cls_name)
        if use_lazy and use_offload:
            raise ValueError(f"For 'Adam', 'use_lazy' and 'use_offload' can not both be True.But got "
                             f"use_lazy={use_lazy}, use_offload={use_offload}.")
        if use_amsgrad and (use_lazy or use_offload):
            raise ValueError("For lazy Adam and Adam with offload, there is no parameter named "
                             "'use_amsgrad'."
                             f"but got 'use_amsgrad'={use_amsgrad}.")
        self.beta1 = Tensor(np.float32(beta1))
        self.beta2 = Tensor(np.float32(beta2))
        self.eps = Tensor(np.float32(eps))
        self.beta1_power = _power("beta1_power")
        self.beta2_power = _power("beta2_power")
        self.use_nesterov, self.use_locking = use_nesterov, use_locking
        self.use_amsgrad, self.use_lazy, self.use_offload = use_amsgrad, use_lazy, use_offload
        self.moment1 = self.parameters.clone(prefix="moment1", init="zeros")
        self.moment2 = self.parameters.clone(prefix="moment2", init="zeros")
        if use_amsgrad:
            self.vhat = self.parameters.clone(prefix="vhat", init="zeros")

    def _powers(self):
        b1p = self.beta1_power._data * self.beta1._data
        b2p = self.beta2_power._data * self.beta2._data
        _write(self.beta1_power, b1p)
        _write(self.beta2_power, b2p)
        return b1p, b2p

    def construct(self, gradients):
        grads, lrs = self._prepare(gradients, centralize=not self.use_offload)
        b1p, b2p = self._powers()
        b1, b2, eps = self.beta1._data, self.beta2._data, self.eps._data
        vhats = self.vhat if self.use_amsgrad else [None] * self.param_length
        nesterov = self.use_nesterov and not self.use_amsgrad
        for p, m, v, vh, g, lr in zip(self.parameters, self.moment1, self.moment2, vhats, grads, lrs):
            w, m_new, v_new, vh_new = adam_step(p._data, m._data, v._data, g, lr, b1, b2, eps, b1p, b2p,
                                                nesterov, None if vh is None else vh._data)
            _write(p, w)
            _write(m, m_new)
            _write(v, v_new)
            if vh is not None:
                _write(vh, vh_new)
        return self._done()


class LazyAdam(Adam):
    """Dense gradients: the same update as Adam (sparse row updates are not modelled)."""

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0):
        super().__init__(params, learning_rate, beta1, beta2, eps, use_locking, use_nesterov, weight_decay,
                         loss_scale)


class AdamOffload(Adam):
    """Offloading to the host is an Ascend memory feature; numerically this is Adam."""

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, use_locking=False,
                 use_nesterov=False, weight_decay=0.0, loss_scale=1.0):
        super().__init__(params, learning_rate, beta1, beta2, eps, use_locking, use_nesterov, weight_decay,
                         loss_scale)


class AdamWeightDecay(Optimizer):
    """``update = m / (sqrt(v) + eps) + weight_decay * w``; ``w -= lr * update`` (no bias
    correction). State: ``adam_m.<p>``, ``adam_v.<p>``."""

    _support_parallel_optimizer = True

    def __init__(self, params, learning_rate=1e-3, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        self.beta1 = Tensor(np.array([beta1], np.float32))
        self.beta2 = Tensor(np.array([beta2], np.float32))
        self.eps = Tensor(np.array([eps], np.float32))
        self.moments1 = self.parameters.clone(prefix="adam_m", init="zeros")
        self.moments2 = self.parameters.clone(prefix="adam_v", init="zeros")
        self.use_fused_opt = True

    def construct(self, gradients):
        wd = self.get_weight_decay()
        wds = wd if self.is_group else (wd,) * self.param_length
        lrs = self._lr_arrays()
        self._step_increment()
        b1, b2, eps = (self.beta1._data.reshape(()), self.beta2._data.reshape(()), self.eps._data.reshape(()))
        for p, m, v, g, lr, w_d, flag in zip(self.parameters, self.moments1, self.moments2, gradients, lrs,
                                             wds,
                                             self.decay_flags):
            w = p._data
            dt = w.dtype
            g = _arr(g).astype(dt)
            m_new = m._data + (g - m._data) * (1.0 - b1).astype(dt)
            v_new = v._data + (g * g - v._data) * (1.0 - b2).astype(dt)
            update = m_new / (jnp.sqrt(v_new) + eps.astype(dt))
            if flag:
                update = update + _arr(w_d).astype(dt) * w
            _write(p, w - lr.astype(dt) * update)
            _write(m, m_new)
            _write(v, v_new)
        return self._done()
