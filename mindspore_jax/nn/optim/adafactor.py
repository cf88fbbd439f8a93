"""``nn.AdaFactor``: Adafactor (Shazeer & Stern, 2018) with MindSpore's constructor checks and its
per-parameter update (the ``fused_ada_factor`` op, which ``ops.FusedAdaFactor`` also uses).

State: ``exp_avg.<p>`` (when ``beta1 > 0``), ``exp_avg_sq_row_<p>`` / ``exp_avg_sq_col_<p>``
(factored second moment of a >=2-D parameter) or ``exp_avg_sq_<p>`` (a vector's full second
moment), and the step counter ``afactor_step``. As in MindSpore, the loss scale is not divided out
of the gradients and weight decay applies to every parameter.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops._registry import call
from .optimizer import Optimizer, _arr, _write

__all__ = ["AdaFactor"]


def _type_err(name, v, want):
    return TypeError(
        f"For 'AdaFactor', the type of '{name}' should be {want}, but got type '{type(v).__name__}'."
    )


def _check_float(name, v):
    if not isinstance(v, float):
        raise _type_err(name, v, "'float'")
    if v < 0:
        raise ValueError(f"For 'AdaFactor', the '{name}' must be a non-negative float, but got {v}.")


def _check_bool(name, v):
    if not isinstance(v, bool):
        raise _type_err(name, v, "'bool'")


class AdaFactor(Optimizer):
    """``nn.AdaFactor(params, learning_rate=None, eps=(1e-30, 1e-3), clip_threshold=1.0,
    decay_rate=0.8, beta1=0.9, weight_decay=0.0, scale_parameter=True, relative_step=True,
    warmup_init=False, compression=False, loss_scale=1.0)``."""

    _support_parallel_optimizer = True

    def __init__(
        self,
        params,
        learning_rate=None,
        eps=(1e-30, 1e-3),
        clip_threshold=1.0,
        decay_rate=0.8,
        beta1=0.9,
        weight_decay=0.0,
        scale_parameter=True,
        relative_step=True,
        warmup_init=False,
        compression=False,
        loss_scale=1.0,
    ):
        if learning_rate is not None and relative_step:
            raise ValueError("Cannot combine manual lr and relative_step options", learning_rate)
        if warmup_init and not relative_step:
            raise ValueError("warmup_init requires relative_step=True")
        if learning_rate is None and not relative_step:
            raise ValueError("Cannot learning_rate is None and relative_step=False")
        if learning_rate is None:
            learning_rate = 0.0
        if beta1 is None:
            beta1 = 0.0
        self_scale_lr = isinstance(learning_rate, (float, int)) and not isinstance(learning_rate, bool)
        super().__init__(learning_rate, params, weight_decay, loss_scale)
        self.scale_lr = self_scale_lr
        if not isinstance(eps, (list, tuple)):
            raise _type_err("eps", eps, "['list', 'tuple']")
        if len(eps) != 2:
            raise ValueError("eps must have 2 value: (eps1, eps2).")
        for i, e in enumerate(eps):
            _check_float(f"eps{i}", e)
        _check_float("clip_threshold", clip_threshold)
        if not isinstance(decay_rate, float):
            raise _type_err("decay_rate", decay_rate, "'float'")
        if not 0 < decay_rate < 1:
            raise ValueError(
                f"For 'AdaFactor', the 'decay_rate' must be in range of (0, 1), but got {decay_rate}."
            )
        if not 0 <= weight_decay < 1:
            raise ValueError(
                f"For 'AdaFactor', the 'weight_decay' must be in range of [0, 1), but got {weight_decay}."
            )
        _check_bool("scale_parameter", scale_parameter)
        _check_bool("relative_step", relative_step)
        _check_bool("compression", compression)
        if isinstance(beta1, bool) or not isinstance(beta1, (int, float)):
            raise _type_err("beta1", beta1, "['int', 'float']")
        _check_float("beta1", float(beta1))
        self.eps = Tensor(np.asarray(eps, np.float32))
        self.clip_threshold = Tensor(np.float32(clip_threshold))
        self.decay_rate = Tensor(np.float32(-decay_rate))
        self.beta1 = Tensor(np.float32(beta1))
        self.weight_decay = Tensor(np.float32(weight_decay))
        self.weight_decay_flag = bool(weight_decay)
        self.scale_parameter = scale_parameter if self.scale_lr else False
        self.relative_step = relative_step
        self.warmup_init = warmup_init
        self.compression = compression
        self.use_first_moment = beta1 > 0
        self._init_state()
        self.step = Parameter(Tensor(np.zeros([1], np.float32)), name="afactor_step")

    def _init_state(self):
        ps = self.parameters
        if self.use_first_moment:
            self.exp_avg = ps.clone(prefix="exp_avg", init="zeros")
        else:
            self.exp_avg = ParameterTuple(
                [Parameter(Tensor(np.float32(0.0)), name=f"exp_avg_unused_{i}") for i in range(len(ps))]
            )
        rows, cols, sqs = [], [], []
        for p in ps:
            shape, dt, name = tuple(p.shape), mstype.dtype_to_nptype(p.dtype), p.name
            if len(shape) > 1:
                rows.append(Parameter(Tensor(np.zeros(shape[:-1], dt)), name=f"exp_avg_sq_row_{name}"))
                cols.append(
                    Parameter(Tensor(np.zeros(shape[:-2] + shape[-1:], dt)), name=f"exp_avg_sq_col_{name}")
                )
                sqs.append(Parameter(Tensor(np.zeros((1,), dt)), name=f"exp_avg_sq_{name}"))
            else:
                rows.append(Parameter(Tensor(np.zeros((1,), dt)), name=f"exp_avg_sq_row_{name}"))
                cols.append(Parameter(Tensor(np.zeros((1,), dt)), name=f"exp_avg_sq_col_{name}"))
                sq_dt = np.float16 if self.compression else dt
                sqs.append(Parameter(Tensor(np.zeros(shape, sq_dt)), name=f"exp_avg_sq_{name}"))
        self.exp_avg_sq_row = ParameterTuple(rows)
        self.exp_avg_sq_col = ParameterTuple(cols)
        self.exp_avg_sq = ParameterTuple(sqs)

    @property
    def supports_memory_efficient_fp16(self):
        return True

    @property
    def supports_flat_params(self):
        return False

    def construct(self, gradients):
        lrs = self._lr_arrays()
        self._step_increment()
        step = self.step._data + 1.0
        self.step._data = step
        step = step.reshape(())
        if self.scale_lr and self.relative_step:
            min_step = 1e-6 * step if self.warmup_init else jnp.float32(1e-2)
            lrs = [jnp.minimum(min_step, 1.0 / jnp.sqrt(step))] * self.param_length
        beta2t = 1.0 - jnp.power(step, self.decay_rate._data)
        eps, clip, b1, wd = (t._data for t in (self.eps, self.clip_threshold, self.beta1, self.weight_decay))
        for i, (p, g, lr) in enumerate(zip(self.parameters, gradients, lrs)):
            states = (self.exp_avg[i], self.exp_avg_sq_row[i], self.exp_avg_sq_col[i], self.exp_avg_sq[i])
            outs = call(
                "fused_ada_factor",
                eps,
                clip,
                b1,
                beta2t,
                wd,
                lr,
                _arr(g),
                p._data,
                *(s._data for s in states),
                self.scale_parameter,
                self.use_first_moment,
                self.weight_decay_flag,
                None,
            )
            _write(p, outs[0])
            for s, new in zip(states, outs[1:]):
                s._data = _arr(new)
        return self._done()
