"""Ops with side effects: Parameter writes (assign family), ordering (depend) and printing.

A write replaces the Parameter's value; inside a compiled function the frame records it and
the compiler returns it as an output, so writes survive compilation in program order.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import functional, primitive, tensor_method
from ..primitive import Primitive


def _target(name, variable):
    if not isinstance(variable, Tensor):
        R.raise_error(TypeError, name, f"the 'variable' must be a Parameter, but got "
                                        f"{type(variable).__name__}.")
    return variable


def _value(name, variable, value):
    v = value._data if isinstance(value, Tensor) else jnp.asarray(value)
    target = variable._data
    if v.shape != target.shape:
        try:
            v = jnp.broadcast_to(v, target.shape)
        except ValueError:
            R.raise_error(ValueError, name, f"the shape of 'value' {list(v.shape)} must be the same "
                                             f"as 'variable' {list(target.shape)}.")
    return v.astype(target.dtype)


def _write(variable, arr):
    variable._data = arr
    return variable if isinstance(variable, Parameter) else Tensor._wrap(arr)


@functional
def assign(variable, value):
    """``ops.assign(variable, value)``: writes ``value`` into the Parameter."""
    _target("Assign", variable)
    return _write(variable, _value("Assign", variable, value))


@functional
def assign_add(variable, value):
    _target("AssignAdd", variable)
    return _write(variable, variable._data + _value("AssignAdd", variable, value))


@functional
def assign_sub(variable, value):
    _target("AssignSub", variable)
    return _write(variable, variable._data - _value("AssignSub", variable, value))


@primitive
class Assign(Primitive):
    def __init__(self):
        super().__init__("Assign")

    def __call__(self, variable, value):
        return assign(variable, value)


@primitive
class AssignAdd(Primitive):
    def __init__(self):
        super().__init__("AssignAdd")

    def __call__(self, variable, value):
        return assign_add(variable, value)


@primitive
class AssignSub(Primitive):
    def __init__(self):
        super().__init__("AssignSub")

    def __call__(self, variable, value):
        return assign_sub(variable, value)


tensor_method("assign_value")(lambda self, value: assign(self, value) if isinstance(self, Parameter)
                               else Tensor.assign_value(self, value))


@functional
def depend(value, expr):
    """``ops.depend(value, expr)``: returns ``value``; program order already holds here."""
    return value


@primitive
class Depend(Primitive):
    def __init__(self):
        super().__init__("Depend")

    def __call__(self, value, expr):
        return value


def _is_traced(x):
    return isinstance(x, Tensor) and isinstance(x._data, jax.core.Tracer)


def _print(*inputs):
    if any(_is_traced(x) for x in inputs):
        fmt = []
        arrays = []
        for x in inputs:
            if isinstance(x, Tensor):
                fmt.append("{}")
                arrays.append(x._data)
            else:
                fmt.append(str(x).replace("{", "{{").replace("}", "}}"))
        jax.debug.print("\n".join(fmt), *arrays, ordered=True)
    else:
        print(*[str(x) for x in inputs], sep="\n")


@functional
def print_(*input_x):
    """``ops.print_``: prints Tensors and strings; inside compiled code via jax.debug.print."""
    _print(*input_x)


@primitive
class Print(Primitive):
    def __init__(self):
        super().__init__("Print")

    def __call__(self, *inputs):
        _print(*inputs)
