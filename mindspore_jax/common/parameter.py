"""``Parameter`` and ``ParameterTuple``: the named, mutable state of a network.

A Parameter is a Tensor whose ``_data`` the compiler may swap for a tracer while it builds a pure
function, and writes back afterwards (see ``_graph/functionalize.py``).
"""

from __future__ import annotations

import copy as _copy

import jax

from ._state import ACTIVE
from . import _amp
from .initializer import Initializer, _materialize
from .tensor import Tensor, _to_jax

PARAMETER_NAME_DEFAULT = "Parameter"
_PREFIX_BASE = "Parameter"


class Parameter(Tensor):
    """``Parameter(default_input, name=None, requires_grad=True, layerwise_parallel=False)``."""

    def __init__(self, default_input, name=None, requires_grad=True, layerwise_parallel=False,
                 parallel_optimizer=True, storage_format="", device=None):
        if isinstance(default_input, Initializer):
            raise ValueError("For 'Parameter', an Initializer needs a shape: use initializer(...).")
        if isinstance(default_input, Parameter):
            arr = default_input._data
        elif isinstance(default_input, (int, float, bool)) and not isinstance(default_input, Tensor):
            arr = _to_jax(default_input)
            if isinstance(default_input, float):
                arr = arr.astype("float32")
        else:
            arr = _to_jax(default_input)
        self._value = arr
        self._name = PARAMETER_NAME_DEFAULT if name is None else name
        if not isinstance(self._name, str):
            raise TypeError(f"For 'Parameter', the name must be str, but got {type(name).__name__}.")
        self.requires_grad = bool(requires_grad)
        self.layerwise_parallel = layerwise_parallel
        self.parallel_optimizer = parallel_optimizer
        self.is_init = False
        self.init_mode = None
        self.param_info = self
        self._cast_type = None

    # ``_data`` is routed through the active frame so the compiler sees every read and write.
    @property
    def _data(self):
        f = ACTIVE[0]
        if f is not None:
            f.on_read(self)
        return self._value

    @_data.setter
    def _data(self, value):
        f = ACTIVE[0]
        if f is not None:
            f.on_write(self)
        if _amp.AMP[0] is not None:  # mixed precision keeps float Parameters' dtype
            value = _amp.keep_dtype(self._value, value)
        self._value = value

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        if value is None:
            value = PARAMETER_NAME_DEFAULT
        if not isinstance(value, str):
            raise TypeError(f"The type of the Parameter's name should be str, but got {type(value)}.")
        self._name = value

    @property
    def inited_param(self):
        return None

    @property
    def data(self):
        return self

    @property
    def unique(self):
        return False

    def value(self):
        """The current value as a plain Tensor (read inside construct it sees pending writes)."""
        return Tensor._wrap(self._data)

    def set_data(self, data, slice_shape=False):
        """Replaces the value in place; keeps this Parameter's dtype (MindSpore casts too)."""
        if isinstance(data, Initializer):
            arr = _materialize(data, self.shape, self.dtype)
        else:
            arr = _to_jax(data)
        if arr.dtype != self._data.dtype:
            arr = arr.astype(self._data.dtype)
        self._data = arr
        return self

    def init_data(self, layout=None, set_sliced=False):
        return self

    def clone(self, init="same"):
        p = object.__new__(Parameter)  # not copy.copy: Tensor.__copy__ returns a plain Tensor
        p.__dict__ = dict(self.__dict__)
        p.param_info = p
        if init != "same":
            p._data = _materialize(init, self.shape, self.dtype)
        return p

    def copy(self):
        return Tensor._wrap(self._data)

    def __repr__(self):
        return (f"Parameter (name={self._name}, shape={tuple(self.shape)}, dtype={self.dtype}, "
                f"requires_grad={self.requires_grad})")

    def __str__(self):
        return self.__repr__()

    def __deepcopy__(self, memo):
        p = object.__new__(Parameter)
        memo[id(self)] = p
        p.__dict__ = {k: _copy.deepcopy(v, memo) for k, v in self.__dict__.items() if k != "_value"}
        p._value = self._value
        p.param_info = p
        return p

    def __reduce__(self):
        import numpy as np

        return (Parameter, (Tensor(np.asarray(self._data)), self._name, self.requires_grad))

    def set_param_ps(self, *args, **kwargs):
        return self

    def add_pipeline_stage(self, stage):
        return self

    @property
    def sliced(self):
        return False

    @property
    def comm_fusion(self):
        return 1

    @comm_fusion.setter
    def comm_fusion(self, v):
        pass

    @property
    def parallel_optimizer_comm_recompute(self):
        return False


jax.tree_util.register_pytree_node(
    Parameter, lambda p: ((p._data,), None), lambda _, ch: Tensor._wrap(ch[0]))


class ParameterTuple(tuple):
    """A tuple of Parameters (``ParameterTuple(net.trainable_params())``)."""

    def __new__(cls, iterable):
        items = tuple(iterable)
        names = set()
        for x in items:
            if not isinstance(x, Parameter):
                raise TypeError(
                    f"For 'ParameterTuple', all elements must be Parameter, but got {type(x).__name__}.")
            names.add(id(x))
        return tuple.__new__(cls, items)

    def clone(self, prefix, init="same"):
        out = []
        for p in self:
            c = p.clone(init)
            c.name = prefix + "." + p.name
            out.append(c)
        return ParameterTuple(out)

    def __parameter_tuple__(self):
        return True
