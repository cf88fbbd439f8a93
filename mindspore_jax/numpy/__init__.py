"""``mindspore.numpy`` (usually ``import mindspore.numpy as mnp``): NumPy-style functions on
Tensors, each a thin wrapper over ``jax.numpy``.

Dtype rules are MindSpore's, not JAX's x64 ones: Python ints become Int32 and floats Float32,
creation functions default to Float32, and results stay 32-bit unless a 64-bit Tensor (or
``dtype=``) asked for 64 bits. A few results follow MindSpore 2.10 where it differs from NumPy
(``sum`` of Int32 is Int64, ``mean``/``average`` of ints stay ints, ``argmax`` is Int64,
``bincount``/``histogram`` counts are Float32, ``unique`` keeps first-appearance order).
Everything works eagerly and inside compiled Cells, except functions whose output size depends
on values (``unique``, ``setdiff1d``, ``intersect1d``, ``argwhere``, one-argument ``where``),
which need concrete inputs, as in MindSpore's graph mode.
"""

from __future__ import annotations

import math as _math

import jax.numpy as _jnp

from ..common import dtype as _mstype
from . import array_creations, array_ops, fft, logic_ops, math_ops
from .array_creations import *  # noqa: F401,F403
from .array_ops import *  # noqa: F401,F403
from .logic_ops import *  # noqa: F401,F403
from .math_ops import *  # noqa: F401,F403
from ._base import np_dtype as _np_dtype
from .math_ops import unwrap_phase as unwrap  # noqa: F401  (numpy's name; _base has its own)

# dtypes as mindspore.numpy spells them (int_/float_/uint are the 32-bit ones here)
int8, int16, int32, int64 = _mstype.int8, _mstype.int16, _mstype.int32, _mstype.int64
uint8, uint16, uint32, uint64 = _mstype.uint8, _mstype.uint16, _mstype.uint32, _mstype.uint64
float16, float32, float64 = _mstype.float16, _mstype.float32, _mstype.float64
bool_ = _mstype.bool_
int_ = _mstype.int32
float_ = _mstype.float32
uint = _mstype.uint32
numeric_types = ["int_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                 "float_", "float16", "float32", "float64", "bool_"]

pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan
PINF = _math.inf
NINF = -_math.inf
euler_gamma = 0.5772156649015329


def _as_dtype(x):
    from ..common.tensor import Tensor

    if isinstance(x, Tensor):
        return x._data.dtype
    if isinstance(x, (bool, int, float, complex)):
        return {bool: _jnp.bool_, int: _jnp.int32, float: _jnp.float32,
                complex: _jnp.complex64}[type(x)]
    return _np_dtype(x)


def promote_types(type1, type2):
    """The smallest MindSpore dtype both promote to."""
    return _mstype.from_np(_jnp.promote_types(_as_dtype(type1), _as_dtype(type2)))


def result_type(*arrays_and_dtypes):
    """Result dtype of combining the arguments (Python scalars count as weak Int32/Float32)."""
    from ..common.tensor import Tensor

    args = []
    for a in arrays_and_dtypes:
        if isinstance(a, Tensor):
            args.append(a._data)
        elif isinstance(a, (bool, int, float, complex)):
            args.append(a)
        else:
            args.append(_np_dtype(a))
    out = _jnp.dtype(_jnp.result_type(*args))
    wide_in = any(_jnp.dtype(getattr(a, "dtype", a)).itemsize == 8 for a in args
                  if not isinstance(a, (bool, int, float, complex)))
    if out.itemsize == 8 and out.kind in "if" and not wide_in:
        out = _jnp.dtype(out.kind + "4")
    return _mstype.from_np(out)


def array_str(a):
    """The values as numpy prints them (no ``Tensor(...)`` wrapper)."""
    import numpy

    from ._base import asarray

    return numpy.array_str(numpy.asarray(asarray(a)))


__all__ = (array_creations.__all__ + array_ops.__all__ + logic_ops.__all__ + math_ops.__all__
           + ["fft", "unwrap", "promote_types", "result_type", "array_str", "pi", "e", "inf",
              "nan", "PINF", "NINF",
              "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16",
              "float32", "float64", "bool_", "int_", "float_", "uint", "numeric_types"])
