"""``nn.Optimizer``: parameter groups, learning rates, weight decay, loss scale, state naming.

An optimizer is a Cell whose ``construct(gradients)`` writes new values into Parameters (the
network's weights and its own state: ``moments.<name>``, ``global_step``...). Inside a compiled
train step those writes become outputs of the one XLA executable; called on its own at top level
the optimizer compiles itself, as MindSpore's ``@jit`` on ``construct`` does.

Subclasses of this package implement each update with ``jax.numpy`` on the arrays of the
Parameters (``_arr`` / ``_write``); user subclasses can keep using MindSpore's API
(``decay_weight``, ``scale_grad``, ``get_lr``, ``hyper_map``, ``assignadd``...).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import jax
import jax.numpy as jnp
import numpy as np

from ... import context
from ...common import dtype as mstype
from ...common._state import ACTIVE
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ..._graph.jit import GraphFunction
from ...ops import composite as C
from ...ops import operations as P
from ..cell import Cell
from ..layer.container import CellList
from ..learning_rate_schedule import LearningRateSchedule

__all__ = ["Optimizer"]

_log = logging.getLogger("mindspore_jax")


def _arr(x):
    """Tensor / Parameter / number -> jax array (Parameters read through the active frame)."""
    return x._data if isinstance(x, Tensor) else jnp.asarray(x)


def _write(param, value):
    """Stores ``value`` into ``param`` in the Parameter's own dtype and shape."""
    v = _arr(value)
    old = param._value
    if v.dtype != old.dtype:
        v = v.astype(old.dtype)
    if v.shape != old.shape:
        v = jnp.reshape(v, old.shape)
    param._data = v


def _wrap(a):
    return Tensor._wrap(a)


def opt_init_args_register(fn):
    """Kept for API compatibility (MindSpore records constructor args for ``Model``)."""
    return fn


class _ConvertToCell(LearningRateSchedule):
    """A static (Parameter) learning rate inside a group whose other lrs are dynamic."""

    def __init__(self, learning_rate):
        super().__init__()
        if not isinstance(learning_rate, Parameter):
            raise TypeError(f"For 'Optimizer', the argument 'learning_rate' must be Parameter, but got "
                            f"{type(learning_rate)}.")
        self.learning_rate = learning_rate

    def construct(self, global_step):
        return _wrap(self.learning_rate._data + 1.0 - 1.0)


def _check_index(idx, n):
    bad = np.asarray(idx).reshape(-1)
    if bad.size and (bad.max() >= n or bad.min() < -n):
        raise RuntimeError(f"For 'Gather', the 'input_indices' should be in the range [0, {n}), but got "
                           f"{int(bad.max())}.")


class _IteratorLearningRate(LearningRateSchedule):
    """A list / 1-D Tensor of learning rates indexed by ``global_step``; past the end it raises
    (MindSpore's Gather does), also from inside a compiled step (a host check)."""

    def __init__(self, learning_rate, name):
        super().__init__()
        if not isinstance(learning_rate, Tensor):
            raise TypeError(f"For 'Optimizer', the argument 'learning_rate' must be Tensor, but got "
                            f"{type(learning_rate)}.")
        if learning_rate.ndim != 1:
            raise ValueError(f"For 'Optimizer', the dimension of the argument 'learning_rate' should be 1, "
                             f"but got {learning_rate.ndim}.")
        self.learning_rate = Parameter(learning_rate, name)

    def construct(self, global_step):
        table = self.learning_rate._data
        idx = _arr(global_step)
        n = table.shape[0]
        if isinstance(idx, jax.core.Tracer):
            jax.debug.callback(_check_index, idx, n)
        else:
            _check_index(idx, n)
        return _wrap(jnp.take(table, idx, axis=0, mode="clip"))


class _WrappedWeightDecay(Cell):
    def __init__(self, weight_decay, loss_scale=1.0):
        super().__init__()
        self.weight_decay = weight_decay
        self.loss_scale = loss_scale

    def construct(self, global_step):
        return _wrap(_arr(self.weight_decay(global_step)) * jnp.float32(self.loss_scale))


def _centralize(g):
    """Gradient centralization: subtract the mean over all but the first axis (dims >= 2 whose
    second dim is a multiple of 16, as MindSpore applies it)."""
    if g.ndim < 2 or g.shape[1] % 16 != 0:
        return g
    return g - jnp.mean(g, axis=tuple(range(1, g.ndim)), keepdims=True)


class Optimizer(Cell):
    """``nn.Optimizer(learning_rate, parameters, weight_decay=0.0, loss_scale=1.0)``."""

    _support_parallel_optimizer = False

    def __init__(self, learning_rate, parameters, weight_decay=0.0, loss_scale=1.0):
        super().__init__(auto_prefix=False)
        parameters = self._parameters_base_check(parameters, "parameters")
        if not all(isinstance(x, Parameter) for x in parameters) and not all(isinstance(x, dict)
                                                                             for x in parameters):
            raise TypeError("For 'Optimizer', all elements of the argument 'parameters' must be 'Parameter' "
                            "or "
                            "'dict', please check the 'parameters'.")
        if isinstance(loss_scale, int) and not isinstance(loss_scale, bool):
            loss_scale = float(loss_scale)
        if not isinstance(loss_scale, float):
            raise TypeError(f"For '{self.cls_name}', the type of 'loss_scale' must be float, but got "
                            f"{type(loss_scale).__name__}.")
        if loss_scale <= 0:
            raise ValueError(f"For '{self.cls_name}', the 'loss_scale' must be positive float, but got "
                             f"{loss_scale}.")
        self.loss_scale = loss_scale
        self.dynamic_weight_decay = False
        self.grad_centralization = False
        self._unique = True
        self._target = context.get_context("device_target")
        self.dynamic_lr = False
        self.assignadd = P.AssignAdd()
        self.global_step = Parameter(Tensor(np.zeros([1], np.int32)), name="global_step")
        self.is_group = False
        self.is_group_lr = False
        self.is_group_params_ordered = False
        self.param_rank = None
        self.optim_filter = None
        self._user_parameters = []
        learning_rate = self._preprocess_single_lr(learning_rate)
        if isinstance(parameters[0], dict):
            self.is_group = True
            self.group_params = []
            self.group_lr = []
            self.group_weight_decay = []
            self.group_grad_centralization = []
            self._init_group_params(parameters, learning_rate, weight_decay, self.grad_centralization)
        self._init_opt_attrs(learning_rate, parameters, weight_decay)

    # --- construction (MindSpore's rules) ---------------------------------------------------------
    def _init_opt_attrs(self, learning_rate, parameters, weight_decay):
        weight_decay = self._preprocess_weight_decay(weight_decay)
        if self.is_group_lr:
            if self.dynamic_lr:
                self.learning_rate = CellList(self.group_lr, auto_prefix=False)
            else:
                self.learning_rate = ParameterTuple(self.group_lr)
        else:
            self.learning_rate = self._build_single_lr(learning_rate, "learning_rate")
        if self.is_group:
            self.parameters = ParameterTuple(self.group_params)
            self.decay_flags = tuple(isinstance(x, Cell) or x > 0 for x in self.group_weight_decay)
            self.dynamic_decay_flags = tuple(isinstance(x, Cell) for x in self.group_weight_decay)
            self.weight_decay = tuple(x if flag else Tensor(x, mstype.float32)
                                      for x, flag in zip(self.group_weight_decay, self.dynamic_decay_flags))
            self.exec_weight_decay = any(self.decay_flags)
            self.grad_centralization_flags = tuple(self.group_grad_centralization)
        else:
            self.parameters = ParameterTuple(parameters)
            self.decay_flags = tuple("beta" not in x.name and "gamma" not in x.name for x in self.parameters)
            self.dynamic_decay_flags = isinstance(weight_decay, Cell)
            self.exec_weight_decay = isinstance(weight_decay, Cell) or weight_decay > 0
            self.weight_decay = weight_decay if self.dynamic_decay_flags else Tensor(weight_decay,
                                                                                     mstype.float32)
        self.__dict__["_parameters"] = self.parameters
        self._user_parameters += [p.name for p in self.parameters]
        self.reciprocal_scale = Tensor(1.0 / self.loss_scale, mstype.float32)
        self.need_scale = self.loss_scale != 1.0
        self.global_step_increase_tensor = Tensor(np.ones([1], np.int32))
        self.param_length = len(self.parameters)
        self.map_ = C.Map()
        self.map_reverse = C.Map(None, True)
        self.hyper_map = C.HyperMap()
        self.hyper_map_reverse = C.HyperMap(None, True)
        self.use_parallel = False
        self.optim_filter = (True,) * self.param_length
        self.enable_tuple_broaden = True

    @staticmethod
    def _parameters_base_check(parameters, param_info):
        if parameters is None:
            raise ValueError(f"For 'Optimizer', the argument {param_info} can not be None.")
        if not isinstance(parameters, Iterable):
            raise TypeError(f"For 'Optimizer', the argument {param_info} must be Iterable type, but got "
                            f"{type(parameters)}.")
        parameters = list(parameters)
        if not parameters:
            raise ValueError(f"For 'Optimizer', the argument {param_info} must not be empty.")
        return parameters

    def _preprocess_weight_decay(self, weight_decay):
        if isinstance(weight_decay, (float, int)) and not isinstance(weight_decay, bool):
            weight_decay = float(weight_decay)
            if weight_decay < 0:
                raise ValueError(f"For '{self.cls_name}', the 'weight_decay' must be non-negative float, "
                                 "but got "
                                 f"{weight_decay}.")
            return weight_decay * self.loss_scale
        if isinstance(weight_decay, Cell):
            self.dynamic_weight_decay = True
            return _WrappedWeightDecay(weight_decay, self.loss_scale)
        raise TypeError(f"For 'Optimizer', the argument 'Weight_decay' must be int, float or Cell.but got "
                        f"{type(weight_decay)}")

    def _preprocess_single_lr(self, learning_rate):
        if isinstance(learning_rate, (float, int)) and not isinstance(learning_rate, bool):
            learning_rate = float(learning_rate)
            if learning_rate < 0:
                raise ValueError(f"For '{self.cls_name}', the 'learning rate' must be non-negative float, "
                                 "but got "
                                 f"{learning_rate}.")
            return learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 0:
            return Tensor(np.asarray(learning_rate.asnumpy(), np.float32))
        self.dynamic_lr = True
        if isinstance(learning_rate, LearningRateSchedule):
            return learning_rate
        if isinstance(learning_rate, Tensor):
            if learning_rate.ndim > 1:
                raise ValueError("For 'Optimizer', if 'learning_rate' is Tensor type, then the dimension "
                                 "of it "
                                 f"should be 0 or 1, but got {learning_rate.ndim}.")
            if learning_rate.size < 2:
                _log.warning("For 'Optimizer', if use 'Tensor' type dynamic learning rate, please make sure "
                             "that the number of elements in the tensor is greater than 1, but got %d.",
                             learning_rate.size)
            return Tensor(np.asarray(learning_rate.asnumpy(), np.float32))
        if isinstance(learning_rate, Iterable):
            return Tensor(np.array(list(learning_rate)).astype(np.float32))
        raise TypeError("For 'Optimizer', the argument 'learning_rate' must be int, float, Tensor, "
                        "Iterable or "
                        f"LearningRateSchedule, but got {type(learning_rate)}.")

    def _build_single_lr(self, learning_rate, name):
        if isinstance(learning_rate, float):
            learning_rate = Parameter(Tensor(np.float32(learning_rate)), name)
            if self.is_group_lr and self.dynamic_lr:
                learning_rate = _ConvertToCell(learning_rate)
            return learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 0:
            learning_rate = Parameter(learning_rate, name)
            if self.is_group_lr and self.dynamic_lr:
                learning_rate = _ConvertToCell(learning_rate)
            return learning_rate
        if isinstance(learning_rate, Tensor) and learning_rate.ndim == 1:
            return _IteratorLearningRate(learning_rate, name)
        return learning_rate

    def _check_group_params(self, parameters):
        parse_keys = ["params", "lr", "weight_decay", "order_params", "grad_centralization"]
        for group_param in parameters:
            invalid_key = [k for k in group_param.keys() if k not in parse_keys]
            if invalid_key:
                raise KeyError(f"For 'Optimizer', the key in group params must be one of in {parse_keys}, "
                               "but got "
                               f"{invalid_key}.")
            if "order_params" in group_param:
                if len(group_param) > 1:
                    raise ValueError("For 'Optimizer', the order params dict in group parameters should "
                                     "only "
                                     f"include the 'order_params' key, but got {group_param.keys()}.")
                if not isinstance(group_param["order_params"], Iterable):
                    raise TypeError("For 'Optimizer', the value of 'order_params' in group parameters "
                                    "should be "
                                    f"Iterable type, but got {type(group_param['order_params'])}.")
                continue
            params = self._parameters_base_check(group_param["params"], "group `params`")
            for index, param in enumerate(params):
                if not isinstance(param, Parameter):
                    raise TypeError("For 'Optimizer', the element in group parameters must be Parameter "
                                    "type, "
                                    f"but got {type(param)} at index {index}.")

    def _parse_group_params(self, parameters, learning_rate):
        self._check_group_params(parameters)
        is_list = isinstance(learning_rate, Tensor) and learning_rate.ndim == 1
        tensor_lr_length = learning_rate.size if is_list else 0
        for group_param in parameters:
            if "order_params" in group_param:
                self.is_group_params_ordered = True
                continue
            if "lr" in group_param:
                self.is_group_lr = True
                group_lr = self._preprocess_single_lr(group_param["lr"])
                if isinstance(group_lr, Tensor) and group_lr.ndim == 1:
                    if tensor_lr_length == 0:
                        tensor_lr_length = group_lr.size
                    elif group_lr.size != tensor_lr_length:
                        raise ValueError("For 'Optimizer', the Tensor type dynamic learning rate in group "
                                         "must be "
                                         "the same size as the argument 'learning_rate'.")

    def _init_group_params(self, parameters, learning_rate, weight_decay, grad_centralization):
        self._parse_group_params(parameters, learning_rate)
        default_lr = self._build_single_lr(learning_rate, "learning_rate")
        params_store = []
        ordered_parameters = []
        for group_num, group_param in enumerate(parameters):
            if "order_params" in group_param:
                ordered_parameters = group_param["order_params"]
                continue
            group_params = list(group_param["params"])
            self.group_params += group_params
            if "lr" in group_param:
                lr = self._preprocess_single_lr(group_param["lr"])
                lr = self._build_single_lr(lr, "learning_rate_group_" + str(group_num))
            else:
                lr = default_lr
            wd = self._preprocess_weight_decay(group_param.get("weight_decay", weight_decay))
            if "grad_centralization" in group_param:
                gc = group_param["grad_centralization"]
                if not isinstance(gc, bool):
                    raise TypeError("For 'Optimizer', the 'gradients_centralization' must be bool type, but "
                                    "got "
                                    f"{type(gc)}.")
                self.grad_centralization = gc
            else:
                gc = grad_centralization
            for param in group_params:
                if param.name in params_store:
                    raise RuntimeError(f"For 'Optimizer', the {param.name} parameter already exists, it "
                                       "does not "
                                       "support repeated setting. Please check whether the optimizer "
                                       "parameter "
                                       f"has been set multiple times.")
                params_store.append(param.name)
                self.group_lr.append(lr)
                self.group_weight_decay.append(wd)
                self.group_grad_centralization.append(gc)
        if self.is_group_params_ordered and ordered_parameters:
            self._order_and_adjust_group_params(list(ordered_parameters))

    def _order_and_adjust_group_params(self, ordered_parameters):
        n = len(self.group_params)
        if len(ordered_parameters) != n:
            raise ValueError("For 'Optimizer',the length of order parameters must be the same as the "
                             "length of "
                             f"group parameters, but got order parameters' length {len(ordered_parameters)}, "
                             f"group parameters' length {n}.")
        names = [p.name for p in ordered_parameters]
        out = [[None] * n for _ in range(4)]
        for param, lr, wd, gc in zip(self.group_params, self.group_lr, self.group_weight_decay,
                                     self.group_grad_centralization):
            i = names.index(param.name)
            out[0][i], out[1][i], out[2][i], out[3][i] = param, lr, wd, gc
        self.group_params, self.group_lr, self.group_weight_decay, self.group_grad_centralization = out

    # --- properties -------------------------------------------------------------------------------
    @property
    def unique(self):
        return self._unique

    @unique.setter
    def unique(self, value):
        if not isinstance(value, bool):
            raise TypeError(f"For 'Optimizer', the property 'unique' must be bool, but got {type(value)}")
        self.__dict__["_unique"] = value

    @property
    def target(self):
        return self._target

    @target.setter
    def target(self, value):
        self._set_base_target(value)

    def _set_base_target(self, value):
        if not isinstance(value, str):
            raise TypeError(f"For 'Optimizer', the property 'target' must be string, but got {type(value)}")
        if value not in ("CPU", "Ascend", "GPU"):
            raise ValueError("For 'Optimizer', the property 'target' must be one of ['CPU', 'Ascend' "
                             ",'GPU'], "
                             f"but got {value}")
        self.__dict__["_target"] = value

    # --- gradient preprocessing (public MindSpore API, Tensor in / Tensor out) --------------------
    def flatten_gradients(self, gradients):
        return gradients

    def decay_weight(self, gradients):
        """``grad + weight_decay * weight`` for parameters whose decay flag is set."""
        if not self.exec_weight_decay:
            return gradients
        wd = self.get_weight_decay()
        wds = wd if self.is_group else (wd,) * len(gradients)
        out = []
        for flag, w, p, g in zip(self.decay_flags, wds, self.parameters, gradients):
            if flag:
                pa = p._data
                g = _wrap(_arr(g) + pa * _arr(w).astype(pa.dtype))
            out.append(g)
        return tuple(out)

    def gradients_centralization(self, gradients):
        if not self.is_group:
            return gradients
        return tuple(_wrap(_centralize(_arr(g))) if f else g
                     for f, g in zip(self.grad_centralization_flags, gradients))

    def scale_grad(self, gradients):
        if not self.need_scale:
            return gradients
        r = 1.0 / self.loss_scale
        return tuple(_wrap(_arr(g) * jnp.asarray(r, _arr(g).dtype)) for g in gradients)

    def _grad_sparse_indices_deduplicate(self, gradients):
        return gradients

    def get_weight_decay(self):
        if self.dynamic_weight_decay:
            if self.is_group:
                return tuple(w(self.global_step) if f else w
                             for w, f in zip(self.weight_decay, self.dynamic_decay_flags))
            return self.weight_decay(self.global_step)
        return self.weight_decay

    def get_lr(self):
        """The learning rate of this step (a tuple, one per parameter, with group lrs)."""
        lr = self.learning_rate
        if self.dynamic_lr:
            if self.is_group_lr:
                return tuple(_wrap(_arr(c(self.global_step)).reshape(())) for c in self.learning_rate)
            return _wrap(_arr(self.learning_rate(self.global_step)).reshape(()))
        if self.is_group_lr:
            return tuple(lr)
        return lr

    def get_lr_parameter(self, param):
        def value(lr):
            if isinstance(lr, (_ConvertToCell, _IteratorLearningRate)):
                return lr.learning_rate
            return lr

        if isinstance(param, Parameter):
            plist = [param]
        elif isinstance(param, list):
            plist = param
        else:
            raise TypeError("For 'get_lr_parameter', the 'param' must be 'Parameter' or 'list' type, but "
                            "got "
                            f"{type(param)}.")
        ids = [id(p) for p in self.parameters]
        lrs = list(self.learning_rate) if self.is_group_lr else None
        out = []
        for p in plist:
            if not isinstance(p, Parameter):
                raise TypeError(f"For '{self.cls_name}', the 'parameter' must be Parameter, but got "
                                f"{type(p)}.")
            if id(p) not in ids:
                raise ValueError(f"For 'get_lr_parameter', the parameter {p.name} is not in optimizer, "
                                 "please check "
                                 f"whether the argument 'param' is correct.")
            out.append(value(lrs[ids.index(id(p))] if self.is_group_lr else self.learning_rate))
        return out if isinstance(param, list) else out[0]

    def _is_dynamic_lr_or_weight_decay(self):
        return self.dynamic_lr or self.dynamic_weight_decay

    def broadcast_params(self, optim_result):
        return optim_result

    # --- helpers for the built-in optimizers ------------------------------------------------------
    def _prepare(self, gradients, decay=True, centralize=True, scale=True):
        """decay -> centralize -> scale, then this step's lr (one array per parameter) and the
        global_step increment; returns (grad arrays, lr arrays)."""
        if not isinstance(gradients, (tuple, list)):
            raise TypeError(f"For '{self.cls_name}', the 'gradients' must be a tuple of Tensor, but got "
                            f"{type(gradients).__name__}.")
        if len(gradients) != self.param_length:
            raise ValueError(f"For '{self.cls_name}', the number of gradients ({len(gradients)}) must equal "
                             "the "
                             f"number of parameters ({self.param_length}).")
        if decay:
            gradients = self.decay_weight(gradients)
        if centralize:
            gradients = self.gradients_centralization(gradients)
        if scale:
            gradients = self.scale_grad(gradients)
        lr = self._lr_arrays()
        self._step_increment()
        return [_arr(g) for g in gradients], lr

    def _lr_arrays(self):
        lr = self.get_lr()
        if isinstance(lr, tuple):
            return [_arr(x).reshape(()) for x in lr]
        return [_arr(lr).reshape(())] * self.param_length

    def _step_increment(self):
        self.global_step._data = self.global_step._data + jnp.ones((1,), jnp.int32)

    def _done(self):
        return tuple(_wrap(jnp.asarray(True)) for _ in range(self.param_length))

    # --- calling ----------------------------------------------------------------------------------
    def __call__(self, *args, **kwargs):
        # MindSpore decorates optimizers' construct with @jit: a top-level call is compiled in
        # PYNATIVE_MODE too (one executable per step instead of one dispatch per op).
        if ACTIVE[0] is None and context._ctx["mode"] != context.GRAPH_MODE and self._jit_eligible():
            g = self.__dict__["_graph_fn"]  # the same object Cell.__call__ builds in GRAPH_MODE
            if g is None:
                g = GraphFunction(self._run_entry, base_params=self._param_list,
                                  name=f"{type(self).__name__}.construct", extra_key=self._fingerprint)
                self.__dict__["_graph_fn"] = g
            return g(*args, **kwargs)
        return super().__call__(*args, **kwargs)

    def _jit_eligible(self):
        return type(self).__module__.startswith("mindspore_jax.")

    def construct(self, *hyper_params):
        raise NotImplementedError
