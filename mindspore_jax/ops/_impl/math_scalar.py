"""Python-number arithmetic ops (ops.scalar_add...), ScalarCast, shape_mul and tuple_div."""

from __future__ import annotations

import numpy as np

from ...common import dtype as mstype
from .. import _registry as R
from .._registry import functional, primitive
from ..primitive import Primitive
from ._promote import is_array

# --- scalar (Python number) arithmetic: ops.scalar_add ... --------------------------------------

def _num(name, *xs):
    for x in xs:
        if not isinstance(x, (int, float, bool, np.number)) and not is_array(x):
            R.raise_error(TypeError, name, f"the input must be a number, but got {type(x).__name__}.")


def _scalar_fn(name, fn):
    def f(*args):
        _num(name, *[R.unwrap(a) for a in args])
        return fn(*args)
    f.__name__ = name
    functional(f, name=name)


_SCALAR = {
    "scalar_add": lambda x, y: x + y, "scalar_sub": lambda x, y: x - y, "scalar_mul": lambda x, y: x * y,
    "scalar_div": lambda x, y: x / y, "scalar_floordiv": lambda x, y: x // y,
    "scalar_mod": lambda x, y: x % y, "scalar_pow": lambda x, y: x ** y,
    "scalar_eq": lambda x, y: x == y, "scalar_ne": lambda x, y: x != y, "scalar_lt": lambda x, y: x < y,
    "scalar_le": lambda x, y: x <= y, "scalar_gt": lambda x, y: x > y, "scalar_ge": lambda x, y: x >= y,
    "scalar_max": lambda x, y: max(x, y), "scalar_min": lambda x, y: min(x, y),
    "scalar_uadd": lambda x: +x, "scalar_usub": lambda x: -x,
    "scalar_log": lambda x: float(np.log(x)),
    "bool_and": lambda x, y: bool(x and y), "bool_or": lambda x, y: bool(x or y),
    "bool_eq": lambda x, y: x == y, "bool_not": lambda x: not x,
}
for _n, _f in _SCALAR.items():
    _scalar_fn(_n, _f)


def _scalar_cast(input_x, input_y):
    """``scalar_cast(x, mstype.int32)`` -> a Python int/float/bool."""
    dt = np.dtype(R.unwrap(input_y))
    if dt not in (np.dtype(np.int64), np.dtype(np.float64), np.dtype(np.bool_)):
        R.raise_error(ValueError, "ScalarCast", f"the supported type is in the list: [mindspore.int64, "
                                                f"mindspore.float64, mindspore.bool], but got "
                                                f"{mstype.from_np(dt)}.")
    return bool(input_x) if dt == np.bool_ else (int(input_x) if dt.kind in "iu" else float(input_x))


functional(_scalar_cast, name="scalar_cast")


@primitive
class ScalarCast(Primitive):
    def __init__(self):
        super().__init__("ScalarCast")

    def __call__(self, input_x, input_y):
        return _scalar_cast(input_x, input_y)


@functional
def shape_mul(input_data):
    out = 1
    for s in input_data:
        out *= s
    return out


@functional
def tuple_div(x, y):
    if len(x) != len(y):
        R.raise_error(ValueError, "tuple_div", f"the two tuples must have the same length, but got "
                                               f"{x} and {y}.")
    return tuple(a // b for a, b in zip(x, y))
