"""``mindspore.mint.optim``: the PyTorch-style optimizers ``Adam``, ``AdamW``, ``FusedAdamW``, ``SGD``.

They are built, as in MindSpore 2.10, on the ``mindspore.experimental.optim.Optimizer`` base
(``param_groups`` dicts with defaults, ``group_start_id``, one ``learning_rate_group_<i>`` Parameter
per group, ``add_param_group``), defined here as :class:`Optimizer`. State Parameters and their
names follow MindSpore: ``exp_avg.<p>``, ``exp_avg_sq.<p>``, ``state_step`` (Adam/AdamW),
``momentum_buf.<p>``, ``step_t`` (SGD), ``max_exp_avg_sq.<p>`` (amsgrad, kept in the group).

The update math is written with ``jax.numpy`` on the Parameters' arrays (``_arr`` / ``_write`` of
``nn.optim``); a top-level call compiles itself like ``nn.Optimizer`` does, and inside a compiled
train step the writes become outputs of the one executable.

Numbers:
- ``Adam`` follows MindSpore's composite (``state_step`` float32 ``[0]``, incremented first; L2
  weight decay added to the gradient). Like MindSpore 2.10, with ``amsgrad=True`` the running
  maximum is computed but not stored back, so it equals plain Adam.
- ``AdamW`` / ``FusedAdamW`` call the ``AdamW`` kernel in MindSpore (Ascend only; no CPU kernel in
  2.10). Implemented from its documented formula (decoupled decay ``p *= 1 - lr * wd``, bias
  correction with t = 1 at the first step: ``state_step`` starts at -1 and the kernel counts t =
  step + 1), which is PyTorch's AdamW.
- ``SGD`` follows MindSpore's composite (first step copies the gradient into ``momentum_buf``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable

import jax.numpy as jnp
import numpy as np

from .. import context
from . import _expose
from .._graph.jit import GraphFunction
from ..common import dtype as mstype
from ..common._state import ACTIVE
from ..common.parameter import Parameter, ParameterTuple
from ..common.tensor import Tensor
from ..nn.cell import Cell
from ..nn.optim.optimizer import _arr, _write

__all__ = ["Adam", "AdamW", "FusedAdamW", "SGD"]

_log = logging.getLogger("mindspore_jax")


def _type_name(t):
    return t.__name__ if isinstance(t, type) else str(t)


def _check_type(name, value, types, prim):
    """MindSpore's ``validator.check_value_type`` (bool is not an int/float unless listed)."""
    ok = isinstance(value, tuple(types))
    if isinstance(value, bool) and bool not in types:
        ok = False
    if not ok:
        names = [_type_name(t) for t in types]
        want = f"'{names[0]}'" if len(names) == 1 else str(names)
        raise TypeError(f"For '{prim}', the type of '{name}' should be {want}, "
                        f"but got type '{type(value).__name__}'.")


def _check_non_negative_float(value, name, prim):
    if value < 0:
        raise ValueError(f"For '{prim}', the '{name}' must be a non-negative float number, "
                         f"but got {value}.")


class Optimizer(Cell):
    """``mindspore.experimental.optim.Optimizer(params, defaults)``: the base of ``mint.optim``."""

    def __init__(self, params, defaults):
        super().__init__(auto_prefix=False)
        param_groups = self._parameters_base_check(params, "params")
        self.defaults = defaults
        self.state = defaultdict(dict)
        self.param_groups = []
        self.parameters = []
        self.lrs = []
        self.group_start_id = [0]
        if not isinstance(param_groups[0], dict):
            param_groups = [{"params": param_groups}]
        for param_group in param_groups:
            self.add_param_group(param_group)
        self.parameters = ParameterTuple(self.parameters)
        self.enable_tuple_broaden = True

    def __repr__(self):
        s = self.__class__.__name__ + " ("
        for i, group in enumerate(self.param_groups):
            s += "\n" + f"Parameter Group {i}\n"
            for key in sorted(group.keys()):
                if key != "params":
                    v = group[key]
                    s += f"    {key}: {v.value() if key == 'lr' and isinstance(v, Parameter) else v}\n"
        return s + ")"

    def add_param_group(self, param_group):
        """Adds a parameter group (a dict with ``params`` and optional group options)."""
        group_id = len(self.param_groups)
        param_group = self._preprocess_param_group(param_group)
        self.parameters = list(self.parameters) + list(param_group.get("params"))
        for name, default in self.defaults.items():
            param_group.setdefault(name, default)
        lr = self._build_single_lr(param_group.get("lr"), "learning_rate_group_" + str(group_id))
        weight_decay = self._preprocess_weight_decay(param_group.get("weight_decay", 0.0))
        self.lrs.append(lr)
        param_group["lr"] = lr
        param_group["weight_decay"] = weight_decay
        if param_group.get("amsgrad") and hasattr(self, "max_v_group"):
            items = ParameterTuple(tuple(param_group.get("params")))
            param_group["max_exp_avg_sq"] = items.clone(prefix="max_exp_avg_sq", init="zeros")
        self.param_groups.append(param_group)
        self.group_start_id.append(self.group_start_id[-1] + len(param_group.get("params")))
        if group_id or len(self.param_groups) > 1 or hasattr(self, "enable_tuple_broaden"):
            self.parameters = ParameterTuple(self.parameters)

    @staticmethod
    def _parameters_base_check(parameters, param_info):
        if parameters is None:
            raise ValueError(f"For 'Optimizer', the argument {param_info} can not be None.")
        if not isinstance(parameters, Iterable):
            raise TypeError(f"For 'Optimizer', the argument {param_info} must be Iterable type, "
                            f"but got {type(parameters)}.")
        parameters = list(parameters)
        if not parameters:
            raise ValueError(f"For 'Optimizer', the argument {param_info} must not be empty.")
        return parameters

    def _preprocess_param_group(self, param_group):
        if not isinstance(param_group, dict):
            raise TypeError("Param group must be a dict.")
        params = param_group["params"]
        if isinstance(params, Parameter):
            param_group["params"] = [params]
        elif isinstance(params, set):
            raise TypeError("Optimizer parameters need to be organized in ordered collections, but "
                            "the ordering of tensors in sets will change between runs. "
                            "Please use a list instead.")
        else:
            param_group["params"] = list(params)
        for param in param_group["params"]:
            if not isinstance(param, Parameter):
                raise TypeError("Optimizer can only optimize Parameters, but one of the params is "
                                + str(type(param)))
        ids = [id(p) for p in param_group["params"]]
        if len(ids) != len(set(ids)):
            _log.warning("Optimizer contains a parameter group with duplicate parameters.")
        seen = {id(p) for g in self.param_groups for p in g["params"]}
        if seen.intersection(ids):
            raise ValueError("some parameters appear in more than one parameter group.")
        return param_group

    def _build_single_lr(self, learning_rate, name):
        if isinstance(learning_rate, (float, int)):
            learning_rate = float(learning_rate)
            _check_non_negative_float(learning_rate, "learning rate", self.cls_name)
            return Parameter(Tensor(np.float32(learning_rate)), name)
        if isinstance(learning_rate, Tensor):
            if learning_rate.ndim == 0:
                return Parameter(learning_rate.astype(mstype.float32), name)
            raise ValueError("For 'Optimizer', if 'learning_rate' is a Tensor, "
                             "then it should be scalar Tensor")
        raise TypeError("For 'Optimizer', the argument 'learning_rate' must be int, float or Tensor, "
                        f"but got {type(learning_rate)}.")

    def _preprocess_weight_decay(self, weight_decay):
        if isinstance(weight_decay, (float, int)):
            weight_decay = float(weight_decay)
            _check_non_negative_float(weight_decay, "weight_decay", self.cls_name)
        else:
            raise TypeError("For 'Optimizer', the argument 'Weight_decay' must be int or "
                            f"float.but got {type(weight_decay)}")
        return weight_decay

    def _decay_weight(self, weight_decay, params, gradients):
        """``grad + weight_decay * param`` (L2 penalty) when ``weight_decay`` is not 0."""
        if weight_decay != 0.0:
            return tuple(_arr(g) + _arr(p) * jnp.asarray(weight_decay, jnp.float32).astype(_arr(p).dtype)
                         for p, g in zip(params, gradients))
        return tuple(_arr(g) for g in gradients)

    def _check_grads(self, gradients):
        if not isinstance(gradients, (tuple, list)):
            raise TypeError(f"For '{self.cls_name}', the 'gradients' must be a tuple of Tensor, "
                            f"but got {type(gradients).__name__}.")
        if len(gradients) != len(self.parameters):
            raise ValueError(f"For '{self.cls_name}', the number of gradients ({len(gradients)}) "
                             f"must equal the number of parameters ({len(self.parameters)}).")

    # --- calling: like nn.Optimizer, a top-level PYNATIVE call is compiled ------------------------
    def _hyper_key(self):
        items = []
        for g in self.param_groups:
            items.append(tuple(sorted((k, repr(v)) for k, v in g.items()
                                      if k not in ("params", "lr", "max_exp_avg_sq"))))
        return (self._fingerprint(), tuple(items))

    def __call__(self, *args, **kwargs):
        if ACTIVE[0] is None and type(self).__module__.startswith("mindspore_jax."):
            g = self.__dict__.get("_mint_graph_fn")
            if g is None:
                g = GraphFunction(self._run_entry, base_params=self._param_list,
                                  name=f"{type(self).__name__}.construct", extra_key=self._hyper_key)
                self.__dict__["_mint_graph_fn"] = g
            return g(*args, **kwargs)
        if ACTIVE[0] is None and context._ctx["mode"] == context.GRAPH_MODE:
            return super().__call__(*args, **kwargs)
        return self._run(args, kwargs)

    def construct(self, *hyper_params):
        raise NotImplementedError


def _check_adam_args(betas, eps, weight_decay, lr, amsgrad, maximize, prim, beta_types=(tuple,)):
    _check_type("betas", betas, beta_types, prim)
    if len(betas) != 2:
        raise ValueError(f"For '{prim}', the 'betas size' should be in [2], but got {len(betas)}.")
    _check_type("betas[0]", betas[0], [float], prim)
    _check_type("betas[1]", betas[1], [float], prim)
    _check_type("eps", eps, [float], prim)
    _check_type("weight_decay", weight_decay, [float], prim)
    _check_type("lr", lr, [float], prim)
    _check_type("amsgrad", amsgrad, [bool], prim)
    _check_type("maximize", maximize, [bool], prim)
    if lr < 0.0:
        raise ValueError(f"Invalid learning rate: {lr}")
    if eps < 0.0:
        raise ValueError(f"Invalid epsilon value: {eps}")
    if not 0.0 <= betas[0] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 0: {betas[0]}")
    if not 0.0 <= betas[1] < 1.0:
        raise ValueError(f"Invalid beta parameter at index 1: {betas[1]}")
    if weight_decay < 0.0:
        raise ValueError(f"Invalid weight_decay value: {weight_decay}")


class Adam(Optimizer):
    """``mint.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
    amsgrad=False, *, maximize=False)``."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                 amsgrad=False, *, maximize=False):
        _check_adam_args(betas, eps, weight_decay, lr, amsgrad, maximize, type(self).__name__)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "amsgrad": amsgrad, "maximize": maximize}
        self.max_v_group = True
        super().__init__(params, defaults)
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.state_step = Parameter(Tensor(np.zeros([1], np.float32)), "state_step")
        self.increase_tensor = Tensor(np.float32(1))

    def construct(self, gradients):
        self._check_grads(gradients)
        step = self.state_step._data + jnp.float32(1)
        self.state_step._data = step
        for gid, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            s, e = self.group_start_id[gid], self.group_start_id[gid + 1]
            lr = _arr(group["lr"]).astype(jnp.float32)
            grads = [(-_arr(g) if group.get("maximize") else _arr(g)) for g in gradients[s:e]]
            bc1 = 1 - jnp.power(jnp.float32(beta1), step)
            bc2 = 1 - jnp.power(jnp.float32(beta2), step)
            neg_step = -(lr / bc1)
            sqrt_bc2 = jnp.sqrt(bc2)
            grads = self._decay_weight(group.get("weight_decay"), self.parameters[s:e], grads)
            eps = group.get("eps")
            for p, g, m, v in zip(self.parameters[s:e], grads, self.exp_avg[s:e], self.exp_avg_sq[s:e]):
                m_new = _arr(m) * beta1 + g * (1 - beta1)
                v_new = _arr(v) * beta2 + g * g * (1 - beta2)
                # amsgrad: MindSpore 2.10 takes max(max_exp_avg_sq, v_new) without storing it back
                vv = jnp.maximum(jnp.zeros_like(v_new), v_new) if group.get("amsgrad") else v_new
                denom = (jnp.sqrt(vv) / sqrt_bc2).astype(vv.dtype) + eps
                delta = neg_step.astype(vv.dtype) * (m_new / denom)
                _write(m, m_new)
                _write(v, v_new)
                _write(p, _arr(p) + delta)
        return True


def _adamw_update(p, g, m, v, max_v, t, lr, beta1, beta2, wd, eps, amsgrad, maximize):
    """MindSpore's ``AdamW`` kernel (PyTorch AdamW); ``t`` is the 1-based step."""
    pa = _arr(p)
    g = -g if maximize else g
    dt = pa.dtype
    new_p = pa * (1 - lr * wd).astype(dt)
    m_new = _arr(m) * beta1 + g * (1 - beta1)
    v_new = _arr(v) * beta2 + g * g * (1 - beta2)
    bc1 = 1 - jnp.power(jnp.float32(beta1), t)
    bc2 = 1 - jnp.power(jnp.float32(beta2), t)
    if amsgrad:
        mv = jnp.maximum(_arr(max_v), v_new)
        _write(max_v, mv)
        vv = mv
    else:
        vv = v_new
    denom = (jnp.sqrt(vv) / jnp.sqrt(bc2)).astype(vv.dtype) + eps
    new_p = new_p - (lr / bc1).astype(dt) * (m_new / denom)
    _write(m, m_new)
    _write(v, v_new)
    _write(p, new_p)


class AdamW(Optimizer):
    """``mint.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
    amsgrad=False, *, maximize=False)``."""

    _beta_types = (tuple,)

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False):
        _check_adam_args(betas, eps, weight_decay, lr, amsgrad, maximize, type(self).__name__,
                         self._beta_types)
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay,
                    "amsgrad": amsgrad, "maximize": maximize}
        self.max_v_group = True
        super().__init__(params, defaults)
        self.exp_avg = self.parameters.clone(prefix="exp_avg", init="zeros")
        self.exp_avg_sq = self.parameters.clone(prefix="exp_avg_sq", init="zeros")
        self.state_step = Parameter(Tensor(np.full([1], -1, np.float32)), "state_step")
        self.increase_tensor = Tensor(np.float32(1))

    def _group_max_v(self, gid, group, s, e):
        return group.get("max_exp_avg_sq") if group.get("amsgrad") else self.exp_avg_sq[s:e]

    def construct(self, gradients):
        self._check_grads(gradients)
        step = self.state_step._data + jnp.float32(1)
        self.state_step._data = step
        t = step.reshape(()) + 1
        for gid, group in enumerate(self.param_groups):
            beta1, beta2 = group["betas"]
            s, e = self.group_start_id[gid], self.group_start_id[gid + 1]
            lr = _arr(group["lr"]).astype(jnp.float32).reshape(())
            wd = jnp.float32(group.get("weight_decay"))
            max_v = self._group_max_v(gid, group, s, e)
            for p, g, m, v, mv in zip(self.parameters[s:e], gradients[s:e], self.exp_avg[s:e],
                                      self.exp_avg_sq[s:e], max_v):
                _adamw_update(p, _arr(g), m, v, mv, t, lr, beta1, beta2, wd, group.get("eps"),
                              bool(group.get("amsgrad")), bool(group.get("maximize")))
        return True


class FusedAdamW(AdamW):
    """``mint.optim.FusedAdamW``: AdamW's math (MindSpore fuses each group's buffers into one
    contiguous block; XLA fuses the update itself). ``amsgrad`` must agree across groups."""

    _beta_types = (tuple, list)

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False):
        name = type(self).__name__
        if isinstance(params, (list, tuple)) and params and isinstance(params[0], dict):
            flags = [bool(g.get("amsgrad", bool(amsgrad))) for g in params]
            if len(set(flags)) != 1:
                raise ValueError(f"{name} does not support mixed amsgrad across param_groups. "
                                 f"Found amsgrad flags per group: {flags}. Please keep amsgrad "
                                 "consistent.")
        self.global_amsgrad = bool(amsgrad)
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
        self.max_exp_avg_sq = None
        if self.global_amsgrad:
            self.max_exp_avg_sq = self.parameters.clone(prefix="max_exp_avg_sq", init="zeros")
        for gid, group in enumerate(self.param_groups):
            group["amsgrad"] = self.global_amsgrad
            group.pop("max_exp_avg_sq", None)
            if self.global_amsgrad:
                s, e = self.group_start_id[gid], self.group_start_id[gid + 1]
                group["max_exp_avg_sq"] = ParameterTuple(tuple(self.max_exp_avg_sq[s:e]))

    def add_param_group(self, param_group):
        if not hasattr(self, "exp_avg"):
            had = self.__dict__.pop("max_v_group", None)
            try:
                super().add_param_group(param_group)
            finally:
                if had is not None:
                    self.max_v_group = had
            return
        need = bool(param_group.get("amsgrad", self.global_amsgrad))
        if need != self.global_amsgrad:
            raise ValueError(f"{type(self).__name__} does not support mixed amsgrad across "
                             f"param_groups. Init amsgrad={self.global_amsgrad}, but new group "
                             f"amsgrad={need}. Please keep amsgrad consistent for all groups.")
        had = self.__dict__.pop("max_v_group", None)
        try:
            super().add_param_group(param_group)
        finally:
            if had is not None:
                self.max_v_group = had
        s, e = self.group_start_id[-2], self.group_start_id[-1]
        new = ParameterTuple(param_group.get("params"))
        self.exp_avg = ParameterTuple(tuple(self.exp_avg) + tuple(new.clone(prefix="exp_avg", init="zeros")))
        self.exp_avg_sq = ParameterTuple(tuple(self.exp_avg_sq)
                                         + tuple(new.clone(prefix="exp_avg_sq", init="zeros")))
        param_group.pop("max_exp_avg_sq", None)
        if self.global_amsgrad:
            self.max_exp_avg_sq = ParameterTuple(tuple(self.max_exp_avg_sq)
                                                 + tuple(new.clone(prefix="max_exp_avg_sq", init="zeros")))
            param_group["amsgrad"] = True
            param_group["max_exp_avg_sq"] = ParameterTuple(tuple(self.max_exp_avg_sq[s:e]))


class SGD(Optimizer):
    """``mint.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
    maximize=False)``."""

    def __init__(self, params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, *,
                 maximize=False):
        name = type(self).__name__
        _check_type("lr", lr, [float, int, bool, Tensor], name)
        _check_type("momentum", momentum, [float, int, bool], name)
        _check_type("weight_decay", weight_decay, [float, int, bool], name)
        _check_type("dampening", dampening, [float, int, bool], name)
        _check_type("nesterov", nesterov, [bool], name)
        _check_type("maximize", maximize, [bool], name)
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0.0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0.0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        defaults = {"lr": lr, "momentum": momentum, "weight_decay": weight_decay,
                    "dampening": dampening, "nesterov": nesterov, "maximize": maximize,
                    "lr_float": lr}
        for param in params:
            if isinstance(param, dict) and param.get("lr", None):
                param["lr_float"] = param["lr"]
        super().__init__(params, defaults)
        if nesterov and (momentum <= 0.0 or dampening != 0.0):
            raise ValueError("For 'SGD', if 'nesterov' is true, 'momentum' must be > 0.0 and "
                             f"'dampening' must equal to 0.0, but got 'momentum' {momentum}, "
                             f"'dampening' {dampening}")
        self.momentum_buf = self.parameters.clone(prefix="momentum_buf", init="zeros")
        self.step_t = Parameter(Tensor(np.int32(0)), "step_t")
        self.increase_tensor = Tensor(np.int32(1))

    def construct(self, gradients):
        self._check_grads(gradients)
        first = self.step_t._data == 0
        for gid, group in enumerate(self.param_groups):
            s, e = self.group_start_id[gid], self.group_start_id[gid + 1]
            grads = [(-_arr(g) if group.get("maximize") else _arr(g)) for g in gradients[s:e]]
            wd = group.get("weight_decay")
            if wd != 0.0:
                grads = [g + _arr(p) * jnp.asarray(wd, _arr(p).dtype)
                         for p, g in zip(self.parameters[s:e], grads)]
            lr = _arr(group.get("lr_float")).astype(jnp.float32)
            momentum, dampening = group.get("momentum"), group.get("dampening")
            for p, buf, d_p in zip(self.parameters[s:e], self.momentum_buf[s:e], grads):
                if momentum != 0:
                    nb = jnp.where(first, d_p, _arr(buf) * momentum + d_p * (1 - dampening))
                    _write(buf, nb)
                    d_p = d_p + nb * momentum if group.get("nesterov") else nb
                pa = _arr(p)
                _write(p, pa + d_p * (-lr).astype(pa.dtype))
        self.step_t._data = self.step_t._data + jnp.int32(1)
        return True


globals().update(_expose.names("optim"))
