"""Argument checks for train/ with MindSpore's ``_checkparam`` messages (the few that train uses)."""

from collections.abc import Iterable


def _prefix(prim_name):
    return f"For '{prim_name}', the" if prim_name else "The"


def check_value_type(arg_name, arg_value, valid_types, prim_name=None):
    valid_types = tuple(valid_types) if isinstance(valid_types, Iterable) else (valid_types,)

    def fail():
        names = [t.__name__ if hasattr(t, "__name__") else str(t) for t in valid_types]
        many = len(valid_types) > 1
        raise TypeError(f"{_prefix(prim_name)} type of '{arg_name}' should be {'one of ' if many else ''}"
                        f"'{names if many else names[0]}', but got type '{type(arg_value).__name__}'.")

    if isinstance(arg_value, bool) and bool not in valid_types:
        fail()
    if isinstance(arg_value, float) and float not in valid_types:
        arg_value = round(arg_value, 6)
    if not isinstance(arg_value, valid_types):
        fail()
    return arg_value


def check_string(arg_value, valid_values, arg_name=None, prim_name=None):
    arg_name = arg_name if arg_name else "parameter"
    if not (isinstance(arg_value, str) and arg_value in valid_values):
        raise ValueError(f"{_prefix(prim_name)} '{arg_name}' must be str and must be in '{valid_values}',"
                         f" but got '{arg_value}'.")
    return arg_value


def _number(arg_value, value, cmp, rel_str, typ, arg_name, prim_name):
    name = f"'{arg_name}'" if arg_name else "input value"
    if isinstance(arg_value, bool) or not isinstance(arg_value, typ) or (
            typ is float and not isinstance(arg_value, (int, float))):
        raise TypeError(f"{_prefix(prim_name)} {name} must be {typ.__name__}, but got "
                        f"'{type(arg_value).__name__}'.")
    if not cmp(arg_value, value):
        raise ValueError(f"{_prefix(prim_name)} {name} must be {rel_str} {value}, but got {arg_value}.")
    return arg_value


def check_positive_int(arg_value, arg_name=None, prim_name=None):
    return _number(arg_value, 0, lambda a, b: a > b, ">", int, arg_name, prim_name)


def check_non_negative_int(arg_value, arg_name=None, prim_name=None):
    return _number(arg_value, 0, lambda a, b: a >= b, ">=", int, arg_name, prim_name)


def check_is_int(arg_value, arg_name=None, prim_name=None):
    if isinstance(arg_value, bool) or not isinstance(arg_value, int):
        name = f"'{arg_name}'" if arg_name else "input value"
        raise TypeError(f"{_prefix(prim_name)} {name} must be int, but got '{type(arg_value).__name__}'.")
    return arg_value


def check_positive_float(arg_value, arg_name=None, prim_name=None):
    return _number(arg_value, 0, lambda a, b: a > b, ">", float, arg_name, prim_name)


def check_bool(arg_value, arg_name=None, prim_name=None):
    if not isinstance(arg_value, bool):
        name = f"'{arg_name}'" if arg_name else "input value"
        raise TypeError(f"{_prefix(prim_name)} {name} must be a bool, but got {type(arg_value).__name__}.")
    return arg_value


def check_float_range(arg_value, lower, upper, arg_name=None, prim_name=None):
    """Open interval (lower, upper), MindSpore's INC_NEITHER."""
    name = f"'{arg_name}'" if arg_name else "input value"
    if isinstance(arg_value, bool) or not isinstance(arg_value, (int, float)):
        raise TypeError(f"{_prefix(prim_name)} {name} must be float, but got '{type(arg_value).__name__}'.")
    if not lower < arg_value < upper:
        raise ValueError(f"{_prefix(prim_name)} {name} must be in range of ({lower}, {upper}), "
                         f"but got {arg_value}.")
    return arg_value


def check(arg_name, arg_value, value_name, value, prim_name=None, excp_cls=ValueError):
    """Equality check of two values (shapes)."""
    if arg_value != value:
        pre = _prefix(prim_name)
        subject = f"{pre} '{arg_name}'" if " " not in arg_name else f"{pre} {arg_name}"
        raise excp_cls(f"{subject} should be = {value_name}: {value}, but got {arg_value}.")
    return arg_value
