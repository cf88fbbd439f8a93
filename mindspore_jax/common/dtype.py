"""MindSpore dtypes (``mstype``) as thin objects over numpy/JAX dtypes.

A ``Type`` prints as MindSpore prints it (``Float32``) and knows its numpy dtype; the tables
below are the one place where MindSpore names and numpy dtypes meet.
"""

from __future__ import annotations

import builtins

import ml_dtypes
import numpy as np


class Type:
    """A MindSpore type object: ``ms.float32``, ``mstype.int64``, ``mstype.tensor_type``..."""

    __slots__ = ("_name", "_np", "_kind", "_attr")

    def __init__(self, name, np_dtype=None, kind="number", attr=None):
        self._name = name
        self._np = None if np_dtype is None else np.dtype(np_dtype)
        self._kind = kind
        self._attr = attr or name.lower()

    def __str__(self):
        return self._name

    def __repr__(self):  # MindSpore 2.x: repr(ms.int64) == 'mindspore.int64'
        return "mindspore." + self._attr if self._np is not None else self._name

    def __eq__(self, other):
        if isinstance(other, Type):
            return self._name == other._name
        return NotImplemented

    def __hash__(self):
        return hash(self._name)

    def __reduce__(self):
        return (_by_name, (self._name,))

    # MindSpore 2.x API on dtype objects
    def to_numpy(self):
        return self._np

    @property
    def np_dtype(self):
        return self._np

    @property
    def is_floating_point(self):
        return self._np is not None and self._np.kind == "f" or self._name in ("BFloat16", "Float8E4M3FN",
                                                                              "Float8E5M2")

    @property
    def itemsize(self):
        return self._np.itemsize if self._np is not None else None

    def __call__(self, value):  # ms.float32(3) -> numpy scalar like mindspore does
        return self._np.type(value)


def _by_name(name):
    return _ALL_BY_NAME[name]


bool_ = Type("Bool", np.bool_, attr="bool")
int8 = Type("Int8", np.int8)
int16 = Type("Int16", np.int16)
int32 = Type("Int32", np.int32)
int64 = Type("Int64", np.int64)
uint8 = Type("UInt8", np.uint8)
uint16 = Type("UInt16", np.uint16)
uint32 = Type("UInt32", np.uint32)
uint64 = Type("UInt64", np.uint64)
float16 = Type("Float16", np.float16)
bfloat16 = Type("BFloat16", ml_dtypes.bfloat16)
float32 = Type("Float32", np.float32)
float64 = Type("Float64", np.float64)
complex64 = Type("Complex64", np.complex64)
complex128 = Type("Complex128", np.complex128)

# aliases MindSpore exports
half = float16
single = float32
double = float64
short = int16
intc = int32
intp = int64
byte = int8
ubyte = uint8
ushort = uint16
uintc = uint32
uintp = uint64
float_ = float32
int_ = int64
uint = uint64
cfloat = complex64
cdouble = complex128

# abstract / container types (used for type checks and printing only)
number = Type("Number", kind="abstract")
int_type = Type("Int", kind="abstract")
uint_type = Type("UInt", kind="abstract")
float_type = Type("Float", kind="abstract")
complex_type = Type("Complex", kind="abstract")
string = Type("String", kind="abstract")
type_none = Type("NoneType", kind="abstract")
type_type = Type("TypeType", kind="abstract")
tensor_type = Type("TensorType", kind="abstract")
TensorType = tensor_type
list_ = Type("List", kind="abstract")
tuple_ = Type("Tuple", kind="abstract")
dict_ = Type("Dict", kind="abstract")
function = Type("Function", kind="abstract")
none_type = type_none
anything_type = Type("Any", kind="abstract")
slice_type = Type("Slice", kind="abstract")
ellipsis_type = Type("Ellipsis", kind="abstract")
Int = int_type
UInt = uint_type
Float = float_type
Complex = complex_type
Bool = Type("Bool", np.bool_)
Number = number
String = string

_CONCRETE = [
    bool_, int8, int16, int32, int64, uint8, uint16, uint32, uint64,
    float16, bfloat16, float32, float64, complex64, complex128,
]
_ALL_BY_NAME = {t._name: t for t in _CONCRETE}
_NP_TO_MS = {t._np: t for t in _CONCRETE}

# 8-bit floats (ml_dtypes storage; MindSpore 2.10 has no CPU kernels for them). hifloat8 (Huawei's
# format) has no numpy counterpart and is not provided.
float8_e4m3fn = Type("Float8E4M3FN", ml_dtypes.float8_e4m3fn, attr="float8_e4m3fn")
float8_e5m2 = Type("Float8E5M2", ml_dtypes.float8_e5m2, attr="float8_e5m2")
for _t in (float8_e4m3fn, float8_e5m2):
    _ALL_BY_NAME[_t._name] = _t
    _NP_TO_MS[_t._np] = _t

int_type_tuple = (int8, int16, int32, int64)
uint_type_tuple = (uint8, uint16, uint32, uint64)
float_type_tuple = (float16, bfloat16, float32, float64)
complex_type_tuple = (complex64, complex128)
all_types = tuple(_CONCRETE)
number_type = tuple(t for t in _CONCRETE if t is not bool_)
signed_type = int_type_tuple + float_type_tuple + complex_type_tuple
unsigned_type = uint_type_tuple
implicit_conversion_seq = {t: i for i, t in enumerate(_CONCRETE)}


def dtype_to_nptype(type_):
    """``mstype.float32`` -> ``numpy.float32`` (the scalar type, as MindSpore returns it)."""
    return to_np(type_).type


def to_np(type_):
    """Any dtype spelling (Type, numpy dtype/type, str, Python type) -> numpy dtype."""
    if isinstance(type_, Type):
        if type_._np is None:
            raise TypeError(f"The dtype {type_} has no numpy counterpart.")
        return type_._np
    if type_ is builtins.bool:
        return np.dtype(np.bool_)
    if type_ is builtins.int:
        return np.dtype(np.int64)
    if type_ is builtins.float:
        return np.dtype(np.float32)
    if type_ is builtins.complex:
        return np.dtype(np.complex64)
    if isinstance(type_, str):
        key = type_.lower().replace("mindspore.", "")
        for t in _CONCRETE:
            if t._name.lower() == key or str(t._np) == key:
                return t._np
        if key == "bool":
            return np.dtype(np.bool_)
    return np.dtype(type_)


def from_np(np_dtype):
    """numpy dtype -> MindSpore Type."""
    try:
        return _NP_TO_MS[np.dtype(np_dtype)]
    except (KeyError, TypeError):
        raise TypeError(f"The dtype {np_dtype} is not supported by MindSpore.") from None


def as_dtype(type_):
    """Normalise any dtype spelling to a MindSpore Type."""
    if isinstance(type_, Type):
        return type_
    return from_np(to_np(type_))


def dtype_to_pytype(type_):
    t = as_dtype(type_)
    if t is bool_:
        return builtins.bool
    if t in int_type_tuple or t in uint_type_tuple:
        return builtins.int
    if t in float_type_tuple:
        return builtins.float
    if t in complex_type_tuple:
        return builtins.complex
    raise NotImplementedError(f"Unsupported convert mindspore type {t} to python type.")


def pytype_to_dtype(obj):
    """Python/numpy type -> MindSpore type (``int`` -> Int64, ``float`` -> Float64 as MindSpore)."""
    if isinstance(obj, Type):
        return obj
    if obj is builtins.bool:
        return bool_
    if obj is builtins.int:
        return int64
    if obj is builtins.float:
        return float64
    if obj is builtins.complex:
        return complex128
    if obj is list:
        return list_
    if obj is tuple:
        return tuple_
    if obj is dict:
        return dict_
    if obj is None or obj is type(None):
        return type_none
    return from_np(obj)


def get_py_obj_dtype(obj):
    """The MindSpore type of a Python object (a Tensor's dtype, a Python scalar's type)."""
    dt = getattr(obj, "dtype", None)
    if isinstance(dt, Type):
        return tensor_type
    if isinstance(obj, type):
        return pytype_to_dtype(obj)
    if isinstance(obj, builtins.bool):
        return bool_
    if isinstance(obj, builtins.int):
        return int64
    if isinstance(obj, builtins.float):
        return float64
    if isinstance(obj, (list, tuple, dict)):
        return pytype_to_dtype(type(obj))
    if obj is None:
        return type_none
    return pytype_to_dtype(type(obj))


def is_float(t):
    return as_dtype(t) in float_type_tuple


def is_int(t):
    t = as_dtype(t)
    return t in int_type_tuple or t in uint_type_tuple


QuantDtype = None  # placeholder name some scripts import; quantisation is not supported
