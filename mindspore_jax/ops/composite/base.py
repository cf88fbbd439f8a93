"""HyperMap, Map, MultitypeFuncGraph and Partial: MindSpore's composite function helpers.

They run as plain Python while tracing, so they cost nothing in compiled code.
"""

from __future__ import annotations

import functools
import numbers

from ...common import dtype as mstype
from ...common.parameter import Parameter
from ...common.tensor import Tensor


class Partial(functools.partial):
    """``F.partial(fn, *args)``."""


def partial(fn, *args, **kwargs):
    return Partial(fn, *args, **kwargs)


def _type_name(x):
    if isinstance(x, Parameter) or isinstance(x, Tensor):
        return "Tensor"
    if isinstance(x, bool):
        return "Bool"
    if isinstance(x, numbers.Number):
        return "Number"
    if isinstance(x, str):
        return "String"
    if isinstance(x, tuple):
        return "Tuple"
    if isinstance(x, list):
        return "List"
    if isinstance(x, dict):
        return "Dictionary"
    if x is None:
        return "None"
    if isinstance(x, mstype.Type):
        return "TypeType"
    if callable(x):
        return "Function"
    return type(x).__name__


_ALIASES = {"Tensor": {"Tensor", "RowTensor", "COOTensor", "CSRTensor"},
            "Number": {"Number", "Bool", "Int", "Float"}, "Bool": {"Bool"},
            "Function": {"Function", "Func"}, "Tuple": {"Tuple"}, "List": {"List"},
            "String": {"String", "Str"}, "None": {"None"}, "Dictionary": {"Dictionary", "Dict"}}


def _matches(sig_name, x):
    t = _type_name(x)
    if sig_name in ("", "Any", "object"):
        return True
    if sig_name == t:
        return True
    if t == "Bool" and sig_name in ("Number", "Bool"):
        return True
    return sig_name in _ALIASES.get(t, set())


class MultitypeFuncGraph:
    """``C.MultitypeFuncGraph(name)``: functions registered per input type signature."""

    def __init__(self, name, read_value=False, doc_url=""):
        self.name = name
        self.entries = []

    def register(self, *type_names):
        def deco(fn):
            names = tuple(t if isinstance(t, str) else _type_name(t) for t in type_names)
            self.entries.append((names, fn))
            return fn

        return deco

    def __call__(self, *args):
        for names, fn in self.entries:
            if len(names) == len(args) and all(_matches(n, a) for n, a in zip(names, args)):
                return fn(*args)
        raise TypeError(
            f"For 'MultitypeFuncGraph' '{self.name}', no registered function matches the input "
            f"types ({', '.join(_type_name(a) for a in args)}). Registered: "
            f"{[n for n, _ in self.entries]}.")


def _map(fn, seqs, leaf_fn):
    first = seqs[0]
    if isinstance(first, (tuple, list)) and not isinstance(first, Tensor):
        for s in seqs[1:]:
            if not isinstance(s, (tuple, list)) or len(s) != len(first):
                raise ValueError("For 'HyperMap', the sequences must have the same length.")
        out = [_map(fn, [s[i] for s in seqs], leaf_fn) for i in range(len(first))]
        return tuple(out) if isinstance(first, tuple) else out
    return leaf_fn(*seqs)


class HyperMap:
    """``C.HyperMap(ops=None)``: applies ``ops`` leafwise over (nested) tuples and lists."""

    def __init__(self, ops=None, reverse=False):
        self.ops = ops
        self.reverse = reverse

    def __call__(self, *args):
        if self.ops is not None:
            fn, seqs = self.ops, args
        else:
            fn, seqs = args[0], args[1:]
        if not seqs:
            return fn()
        # leading non-sequence args (e.g. a scalar 'scale') are broadcast
        seq_idx = [i for i, s in enumerate(seqs) if isinstance(s, (tuple, list))]
        if not seq_idx:
            return fn(*seqs)
        n = len(seqs[seq_idx[0]])
        expanded = [s if isinstance(s, (tuple, list)) else (s,) * n for s in seqs]
        return _map(fn, expanded, fn)


class Map(HyperMap):
    """``ops.Map``: like HyperMap, one level deep."""

    def __call__(self, *args):
        if self.ops is not None:
            fn, seqs = self.ops, args
        else:
            fn, seqs = args[0], args[1:]
        n = len(seqs[0])
        out = [fn(*[s[i] for s in seqs]) for i in range(n)]
        return tuple(out) if isinstance(seqs[0], tuple) else out
