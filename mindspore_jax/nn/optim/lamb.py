"""``nn.Lamb`` and ``nn.LARS``: layer-wise trust-ratio optimizers.

MindSpore 2.10 has no CPU kernel for either (its Lamb / LARSUpdate primitives are device
kernels), so these follow the documented formulas; they are checked against numpy, not goldens.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .adam import _check_param_value
from .optimizer import Optimizer, _arr, _write

__all__ = ["Lamb", "LARS"]


class Lamb(Optimizer):
    """Adam moments with bias correction by ``global_step``; the update (plus ``wd * w``) is scaled
    by ``||w|| / ||update||`` clipped to [0, 10]. State: ``lamb_m.<p>``, ``lamb_v.<p>``."""

    _support_parallel_optimizer = True

    def __init__(self, params, learning_rate, beta1=0.9, beta2=0.999, eps=1e-6, weight_decay=0.0):
        super().__init__(learning_rate, params, weight_decay)
        _check_param_value(beta1, beta2, eps, self.cls_name)
        self.beta1 = Tensor(np.array([beta1], np.float32))
        self.beta2 = Tensor(np.array([beta2], np.float32))
        self.eps = Tensor(np.array([eps], np.float32))
        self.params = self.parameters
        self.moments1 = self.parameters.clone(prefix="lamb_m", init="zeros")
        self.moments2 = self.parameters.clone(prefix="lamb_v", init="zeros")

    def construct(self, gradients):
        wd = self.get_weight_decay()
        wds = wd if self.is_group else (wd,) * self.param_length
        lrs = self._lr_arrays()
        self._step_increment()
        gradients = self.gradients_centralization(gradients)
        t = self.global_step._data.reshape(()).astype(jnp.float32)
        b1, b2, eps = (x._data.reshape(()) for x in (self.beta1, self.beta2, self.eps))
        for p, m, v, g, lr, w_d, flag in zip(self.parameters, self.moments1, self.moments2, gradients, lrs,
                                             wds,
                                             self.decay_flags):
            w = p._data.astype(jnp.float32)
            g = _arr(g).astype(jnp.float32)
            m_new = b1 * m._data + (1 - b1) * g
            v_new = b2 * v._data + (1 - b2) * g * g
            m_hat = m_new / (1 - jnp.power(b1, t))
            v_hat = v_new / (1 - jnp.power(b2, t))
            update = m_hat / (jnp.sqrt(v_hat) + eps)
            if flag:
                update = update + _arr(w_d).astype(jnp.float32) * w
            w_norm = jnp.linalg.norm(w)
            u_norm = jnp.linalg.norm(update)
            ratio = jnp.where((w_norm > 0) & (u_norm > 0), w_norm / jnp.where(u_norm > 0, u_norm, 1.0), 1.0)
            ratio = jnp.clip(ratio, 0.0, 10.0)
            _write(m, m_new)
            _write(v, v_new)
            _write(p, w - lr * ratio * update)
        return self._done()


class LARS(Optimizer):
    """Wraps another optimizer: each gradient (plus ``wd * w``) is scaled by
    ``coefficient * ||w|| / (||g|| + wd ||w|| + eps)`` before the inner optimizer runs; the inner
    optimizer's own weight decay is switched off."""

    def __init__(self, optimizer, epsilon=1e-05, coefficient=0.001, use_clip=False,
                 lars_filter=lambda x: "LayerNorm" not in x.name and "bias" not in x.name):
        super().__init__(0.0, [Parameter(Tensor(np.float32(0.0)), name="fake_param")])
        if not isinstance(optimizer, Optimizer):
            raise TypeError("For 'LARS', the argument 'optimizer' must be Optimizer, but got "
                            f"{type(optimizer)}.")
        for name, v in (("epsilon", epsilon), ("coefficient", coefficient)):
            if not isinstance(v, float):
                raise TypeError(f"For 'LARS', the type of '{name}' must be float, but got "
                                f"{type(v).__name__}.")
        self.opt = optimizer
        self.dynamic_decay_flags = optimizer.dynamic_decay_flags
        self.dynamic_weight_decay = optimizer.dynamic_weight_decay
        self.weight_decay = optimizer.weight_decay
        self.global_step = optimizer.global_step
        self.parameters = optimizer.parameters
        self.__dict__["_parameters"] = self.parameters
        self.param_length = len(self.parameters)
        self.use_clip = use_clip
        self.epsilon, self.coefficient = epsilon, coefficient
        self.lars_flag = tuple(lars_filter(x) for x in self.parameters)
        self.is_group = optimizer.is_group
        self.learning_rate = Parameter(Tensor(np.float32(0.0)), name="fake_lr")
        self.decay_flags = optimizer.decay_flags
        self.need_scale = optimizer.need_scale
        self.loss_scale = optimizer.loss_scale
        self.is_group_lr = optimizer.is_group_lr
        self.dynamic_lr = optimizer.dynamic_lr
        if use_clip and self.is_group_lr and self.dynamic_lr:
            raise ValueError("For 'LARS', if the argument 'use_clip' is set to True, then the dynamic "
                             "learning rate "
                             "and group learning rate cannot both be true.")
        no_decay = tuple(False for _ in self.dynamic_decay_flags) if self.is_group else False
        optimizer.dynamic_decay_flags = no_decay
        optimizer.decay_flags = tuple(False for _ in self.decay_flags)
        optimizer.dynamic_weight_decay = False
        optimizer.need_scale = False
        optimizer.exec_weight_decay = False

    def construct(self, gradients):
        if self.use_clip:
            lr = self.opt.get_lr()
            lrs = [_arr(x) for x in lr] if isinstance(lr, tuple) else [_arr(lr)] * self.param_length
        else:
            lrs = [self.learning_rate._data] * self.param_length
        wd = self.get_weight_decay()
        wds = wd if self.is_group else (wd,) * self.param_length
        out = []
        for p, g, lr, w_d, dflag, lflag in zip(self.parameters, gradients, lrs, wds, self.decay_flags,
                                               self.lars_flag):
            g = _arr(g)
            if self.need_scale:
                g = g * jnp.asarray(1.0 / self.loss_scale, g.dtype)
            if lflag:
                w = p._data
                w_d = (_arr(w_d) / self.loss_scale) if dflag else jnp.float32(0.0)
                w_norm = jnp.sqrt(jnp.sum(w * w))
                g_norm = jnp.sqrt(jnp.sum(g * g))
                ratio = jnp.where((w_norm > 0) & (g_norm > 0),
                                  self.coefficient * w_norm / (g_norm + w_d * w_norm + self.epsilon), 1.0)
                if self.use_clip:
                    ratio = jnp.minimum(ratio / lr, 1.0)
                g = (ratio * (g + w_d * w)).astype(g.dtype)
            out.append(Tensor._wrap(g))
        return self.opt(tuple(out))
