"""``mindspore._checkparam``: the argument checks model-zoo code imports.

MindSpore 2.x has module-level ``check_*`` functions and relation constants (``EQ``...``NOT_IN``);
1.x scripts use ``Validator.check_*`` and ``Rel.XX``. Both spellings are here with MindSpore's
error types and messages ("For 'Prim', the 'x' must be int and must > 0, but got ...").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import reduce

import numpy as np

EQ, NE, LT, LE, GT, GE = 1, 2, 3, 4, 5, 6
INC_NEITHER, INC_LEFT, INC_RIGHT, INC_BOTH = 7, 8, 9, 10
IN, NOT_IN = 11, 12


class Rel:
    """1.x relation names (same values as the 2.x module constants)."""

    EQ, NE, LT, LE, GT, GE = EQ, NE, LT, LE, GT, GE
    INC_NEITHER, INC_LEFT, INC_RIGHT, INC_BOTH = INC_NEITHER, INC_LEFT, INC_RIGHT, INC_BOTH
    IN, NOT_IN = IN, NOT_IN

    @staticmethod
    def get_strs(rel):
        return _format_str_one_value("{}", rel) or _format_str_two_value("{}", "{}", rel)


def _format_str_one_value(value, rel):
    return {EQ: f"= {value}", NE: f"!= {value}", LT: f"< {value}", LE: f"<= {value}",
            GT: f"> {value}", GE: f">= {value}", IN: f"in {value}",
            NOT_IN: f"not in {value}"}.get(rel, "")


def _format_str_two_value(val1, val2, rel):
    return {INC_NEITHER: f"({val1}, {val2})", INC_LEFT: f"[{val1}, {val2})",
            INC_RIGHT: f"({val1}, {val2}]", INC_BOTH: f"[{val1}, {val2}]"}.get(rel, "")


def _check_binary_rel(val1, val2, rel):
    ops = {EQ: lambda: val1 == val2, NE: lambda: val1 != val2, LT: lambda: val1 < val2,
           LE: lambda: val1 <= val2, GT: lambda: val1 > val2, GE: lambda: val1 >= val2,
           IN: lambda: val1 in val2, NOT_IN: lambda: val1 not in val2}
    f = ops.get(rel)
    return bool(f()) if f else False


def _check_inc_rel(val, lower, upper, rel):
    if rel == INC_NEITHER:
        return not (val <= lower or val >= upper)
    if rel == INC_LEFT:
        return not (val < lower or val >= upper)
    if rel == INC_RIGHT:
        return not (val <= lower or val > upper)
    if rel == INC_BOTH:
        return not (val < lower or val > upper)
    return False


def _prefix(prim_name, sep=" "):
    return f"For '{prim_name}', the{sep}" if prim_name else f"The{sep}"


def _argn(arg_name):
    return f"'{arg_name}'" if arg_name else "input value"


def _check_number(arg_value, value, rel, arg_type=int, arg_name=None, prim_name=None):
    info = _prefix(prim_name) + _argn(arg_name)
    if isinstance(arg_value, arg_type):
        if math.isinf(arg_value) or math.isnan(arg_value):
            raise ValueError(f"{info} must be a legal value, but got '{arg_value}'.")
    else:
        raise TypeError(f"{info} must be {arg_type.__name__}, but got '{type(arg_value).__name__}'")
    type_mismatch = isinstance(arg_value, bool)
    if type_mismatch or not _check_binary_rel(arg_value, value, rel):
        msg = (f"{info} must be {arg_type.__name__} and must {_format_str_one_value(value, rel)}, "
               f"but got '{arg_value}' with type '{type(arg_value).__name__}'.")
        raise (TypeError if type_mismatch else ValueError)(msg)
    return arg_value


def check_int(arg_value, value, rel, arg_name=None, prim_name=None):
    return _check_number(arg_value, value, rel, int, arg_name, prim_name)


def check_float(arg_value, value, rel, arg_name=None, prim_name=None):
    return _check_number(arg_value, value, rel, float, arg_name, prim_name)


def check_equal_int(arg_value, value, arg_name=None, prim_name=None):
    return _check_number(arg_value, value, EQ, int, arg_name, prim_name)


def check_positive_int(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, GT, int, arg_name, prim_name)


def check_negative_int(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, LT, int, arg_name, prim_name)


def check_non_positive_int(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, LE, int, arg_name, prim_name)


def check_non_negative_int(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, GE, int, arg_name, prim_name)


def check_positive_float(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, GT, float, arg_name, prim_name)


def check_negative_float(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, LT, float, arg_name, prim_name)


def check_non_positive_float(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, LE, float, arg_name, prim_name)


def check_non_negative_float(arg_value, arg_name=None, prim_name=None):
    return _check_number(arg_value, 0, GE, float, arg_name, prim_name)


def check_number(arg_name, arg_value, value, rel, prim_name):
    if not _check_binary_rel(arg_value, value, rel):
        raise ValueError(f"For '{prim_name}', the argument '{arg_name}' must "
                         f"{_format_str_one_value(value, rel)}, but got {arg_value}.")
    return arg_value


def check_is_number(arg_value, arg_type, arg_name=None, prim_name=None):
    p, a = _prefix(prim_name).rstrip(), _argn(arg_name)
    if isinstance(arg_value, arg_type) and not isinstance(arg_value, bool):
        if math.isinf(arg_value) or math.isnan(arg_value):
            raise ValueError(f"{p} {a} must be a legal float, but got '{arg_value}'.")
    else:
        raise TypeError(f"{p} type of {a} must be '{arg_type.__name__}', "
                        f"but got '{type(arg_value).__name__}'.")
    return arg_value


def check_is_int(arg_value, arg_name=None, prim_name=None):
    return check_is_number(arg_value, int, arg_name, prim_name)


def check_is_float(arg_value, arg_name=None, prim_name=None):
    return check_is_number(arg_value, float, arg_name, prim_name)


def check_number_range(arg_value, lower_limit, upper_limit, rel, value_type, arg_name=None,
                       prim_name=None):
    p, a = _prefix(prim_name).rstrip(), _argn(arg_name)
    if not isinstance(arg_value, (np.ndarray, np.generic, value_type)) or isinstance(arg_value, bool):
        raise TypeError(f"{p} {a} must be '{value_type.__name__}',  "
                        f"but got '{type(arg_value).__name__}'.")
    if not _check_inc_rel(arg_value, lower_limit, upper_limit, rel):
        raise ValueError(f"{p} {a} must be in range of "
                         f"{_format_str_two_value(lower_limit, upper_limit, rel)}, "
                         f"but got {arg_value} with type '{type(arg_value).__name__}'.")
    return arg_value


def check_int_range(arg_value, lower_limit, upper_limit, rel, arg_name=None, prim_name=None):
    return check_number_range(arg_value, lower_limit, upper_limit, rel, int, arg_name, prim_name)


def check_float_range(arg_value, lower_limit, upper_limit, rel, arg_name=None, prim_name=None):
    return check_number_range(arg_value, lower_limit, upper_limit, rel, float, arg_name, prim_name)


def check_bool(arg_value, arg_name=None, prim_name=None):
    if not isinstance(arg_value, bool):
        raise TypeError(f"{_prefix(prim_name).rstrip()} {_argn(arg_name)} must be a bool, "
                        f"but got {type(arg_value).__name__}.")
    return arg_value


def check_string(arg_value, valid_values, arg_name=None, prim_name=None):
    arg_name = arg_name or "parameter"
    if not (isinstance(arg_value, str) and arg_value in valid_values):
        raise ValueError(f"{_prefix(prim_name).rstrip()} '{arg_name}' must be str and must be in "
                         f"'{valid_values}', but got '{arg_value}'.")
    return arg_value


def check_value_type(arg_name, arg_value, valid_types, prim_name=None):
    valid_types = tuple(valid_types) if isinstance(valid_types, Iterable) else (valid_types,)

    def fail():
        names = [t.__name__ if hasattr(t, "__name__") else str(t) for t in valid_types]
        many = len(valid_types) > 1
        raise TypeError(f"{_prefix(prim_name).rstrip()} type of '{arg_name}' should be "
                        f"{'one of ' if many else ''}'{names if many else names[0]}', "
                        f"but got type '{type(arg_value).__name__}'.")

    if isinstance(arg_value, bool) and bool not in valid_types:
        fail()
    if isinstance(arg_value, float) and float not in valid_types:
        arg_value = round(arg_value, 6)
    if not isinstance(arg_value, valid_types):
        fail()
    return arg_value


def check_valid_input(arg_name, arg_value, prim_name):
    if arg_value is None:
        raise ValueError(f"For '{prim_name}', the argument '{arg_name}'"
                         f"can not be None, but got {arg_value}.")
    return arg_value


def check_isinstance(arg_name, arg_value, classes):
    if not isinstance(arg_value, classes):
        raise ValueError(f"The parameter '{arg_name}' must be isinstance of {classes}, "
                         f"but got {arg_value}.")
    return arg_value


def check_subclass(arg_name, type_, template_types, prim_name, addition_error_info=None):
    """``type_`` (a dtype) must be one of ``template_types`` (dtypes or abstract kinds)."""
    if not isinstance(template_types, Iterable):
        template_types = (template_types,)
    template_types = tuple(template_types)
    if not any(type_ == t or _is_kind(type_, t) for t in template_types):
        extra = f" {addition_error_info}" if addition_error_info else ""
        type_str = f"type '{type(type_).__name__}'" if isinstance(type_, (tuple, list)) else str(type_)
        raise TypeError(f"For '{prim_name}', the element of '{arg_name}' must be "
                        f"{'one of ' if len(template_types) > 1 else ''}"
                        f"{', '.join(str(x) for x in template_types)}, but got {type_str}{extra}.")


def _is_kind(type_, kind):
    from .common import dtype as mstype

    groups = {"Int": mstype.int_type_tuple, "UInt": mstype.uint_type_tuple,
              "Float": mstype.float_type_tuple, "Complex": mstype.complex_type_tuple,
              "Number": mstype.number_type}
    return type_ in groups.get(str(kind), ())


def check_type_name(arg_name, arg_type, valid_types, prim_name):
    valid_types = tuple(valid_types) if isinstance(valid_types, Iterable) else (valid_types,)
    if arg_type not in valid_types:
        names = [t.__name__ if hasattr(t, "__name__") else t for t in valid_types]
        many = len(valid_types) > 1
        raise TypeError(f"{_prefix(prim_name).rstrip()} '{arg_name}' should be "
                        f"{'one of ' if many else ''}{names if many else names[0]}, but got "
                        f"'{getattr(arg_type, '__name__', repr(arg_type))}'.")
    return arg_type


def check_tensor_dtype_valid(arg_name, arg_type, valid_dtypes, prim_name):
    valid = valid_dtypes if isinstance(valid_dtypes, Iterable) else [valid_dtypes]
    check_subclass(arg_name, arg_type, valid, prim_name)


def check_types_same_and_valid(args, valid_values, prim_name):
    def valid(arg):
        check_subclass(arg[0], arg[1], valid_values, prim_name)
        return arg

    def same(a, b):
        if a[1] != b[1]:
            raise TypeError(f"For '{prim_name}', the type of '{b[0]}' should be same as '{a[0]}',"
                            f" but got '{a[0]}' with type {a[1]} and '{b[0]}' with type {b[1]}.")
        return a

    reduce(same, map(valid, args.items()))


def check_element_type_of_iterable(arg_name, arg_value, valid_types, prim_name=None):
    check_value_type(arg_name, arg_value, [list, tuple], prim_name)
    names = [t.__name__ if hasattr(t, "__name__") else str(t) for t in valid_types]
    many = len(valid_types) > 1
    for element in arg_value:
        if not isinstance(element, tuple(valid_types)):
            raise TypeError(f"{_prefix(prim_name).rstrip()} type of '{arg_name}' should be "
                            f"{'one of ' if many else ''}{names if many else names[0]}, "
                            f"but got '{element}' with type '{type(element).__name__}'.")


def check_element_type_of_dict(arg_name, arg_value, key_types, value_types, prim_name=None):
    check_value_type(arg_name, arg_value, [dict], prim_name)
    for k, v in arg_value.items():
        check_value_type(f"{arg_name} key", k, key_types, prim_name)
        check_value_type(f"{arg_name} value", v, value_types, prim_name)


def _seq(sequence, arg_name, prim_name, value, rel, typ):
    for idx, element in enumerate(sequence):
        _check_number(element, value, rel, typ, f"{arg_name or 'arg_name'}[{idx}]", prim_name)
    return sequence


def check_positive_int_sequence(sequence, arg_name=None, prim_name=None):
    return _seq(sequence, arg_name, prim_name, 0, GT, int)


def check_non_negative_int_sequence(sequence, arg_name=None, prim_name=None):
    return _seq(sequence, arg_name, prim_name, 0, GE, int)


def check_positive_float_sequence(sequence, arg_name=None, prim_name=None):
    return _seq(sequence, arg_name, prim_name, 0, GT, float)


def check_axis_in_range(axis, ndim):
    if not isinstance(axis, int):
        raise TypeError(f"The axes must be integers, but got {type(axis)}")
    if axis >= ndim or axis < -ndim:
        raise ValueError(f"The 'axis' must be in the range of [-{ndim}, {ndim}), but got {axis}.")
    return (axis + ndim) % ndim


def check_and_canonicalize_axes(axes, ndim):
    axes = axes if isinstance(axes, tuple) else (axes,)
    out = tuple(check_axis_in_range(ax, ndim) for ax in axes)
    if len(set(out)) != len(out):
        raise ValueError(f"The axis {axes} has duplicate elements.")
    return out


def check_input_format(input_param):
    if input_param == "NCHW":
        return input_param
    raise ValueError(f"The data format must be NCHW, but got {input_param}.")


def check_str_by_regular(target, reg=None, flag=re.ASCII, prim_name=None):
    reg = reg or r"^\w+[0-9a-zA-Z\_\.]*$"
    if re.match(reg, target, flag) is None:
        raise ValueError(f"{_prefix(prim_name).rstrip()} '{target}' is illegal, it must be match "
                         f"regular'{reg}' by flags'{flag}.'")
    return True


def check_file_name_by_regular(target, reg=None, prim_name=None):
    p = _prefix(prim_name).rstrip()
    if not isinstance(target, str):
        raise TypeError(f"{p} '{target}' must be string, but got {type(target)}.")
    if target.endswith(("\\", "/")):
        raise ValueError(f"{p} '{target}' cannot be a directory path.")
    reg = reg or r"^[0-9a-zA-Z@\_\-\.\:\/\\]+$"
    if re.match(reg, target) is None:
        raise ValueError(f"{p} '{target}' is illegal, it must be match regular '{reg}'.")
    return True


def check_pad_value_by_mode(mode, padding_value, prim_name):
    if mode != "pad" and padding_value != 0:
        raise ValueError(f"For '{prim_name}', padding value must be 0 when pad mode is '{mode}', "
                         f"but got {padding_value}.")
    return padding_value


def check_input_data(*data, data_class):
    for item in data:
        if isinstance(item, (list, tuple)):
            check_input_data(*item, data_class=data_class)
        elif isinstance(item, dict):
            check_input_data(*item.values(), data_class=data_class)
        elif not isinstance(item, data_class) and item is not None:
            raise TypeError(f"The type of input data must be in the Union({data_class}, tuple, "
                            f"list, dict, None), but got type {type(item)}.")


def args_type_check(*type_args, **type_kwargs):
    """Decorator checking argument types by name (MindSpore's context setters use it)."""
    import inspect
    from functools import wraps

    def deco(func):
        sig = inspect.signature(func)
        bound_types = sig.bind_partial(*type_args, **type_kwargs).arguments

        @wraps(func)
        def wrapper(*args, **kwargs):
            for name, value in sig.bind(*args, **kwargs).arguments.items():
                if name in bound_types and value is not None and not isinstance(value, bound_types[name]):
                    raise TypeError(f"The argument '{name}' must be {bound_types[name]}, "
                                    f"but got {type(value)}")
            return func(*args, **kwargs)

        return wrapper

    return deco


class Validator:
    """1.x ``Validator``: the module's check functions as static methods."""


for _n, _f in list(globals().items()):
    if _n.startswith("check_") and callable(_f):
        setattr(Validator, _n, staticmethod(_f))
del _n, _f
