"""Compiling Cells and ``ms.jit`` functions into XLA executables.

``GraphFunction(fn)`` turns a Python function over Tensors into a pure function
``(written_params, read_params, inputs) -> (outputs, new_written_params)`` (frames in
``frame.py`` do the Parameter bookkeeping; the RNG key is a Parameter too), compiles it with
``jax.jit`` and caches one executable per input signature: array shapes and dtypes, the values
of Python scalars and other static arguments, plus an ``extra_key`` the caller supplies (a
Cell's training flags and structure version). A warm call flattens the inputs, looks the
signature up, gathers the Parameter values from a cached list and calls the executable.

Written Parameters' buffers are donated when nothing else references them (a refcount check),
so a training step updates weights in place where the backend allows it.
"""

from __future__ import annotations

import collections
import logging
import sys

import jax
import numpy as np

from ..common._state import ACTIVE
from ..common.parameter import Parameter
from ..common.rng import RNG_STATE
from ..common.tensor import Tensor
from . import errors
from . import control_flow
from .control_flow import maybe_convert
from .frame import Frame

_log = logging.getLogger("mindspore_jax.compile")

STATS = collections.Counter()  # "compiles", "traces", "hits", "retraces"
MAX_CACHE = 64
_DYN = object()  # marks an input slot that holds an array


def _is_tensor_leaf(x):
    return isinstance(x, Tensor)


def _static(x):
    try:
        hash(x)
        return (type(x), x)
    except TypeError:
        return (type(x), id(x))


class _Flat(tuple):
    """The treedef of inputs that are a flat tuple of plain Tensors (the common call): built
    without a pytree walk."""


def split_inputs(args, kwargs):
    """Flattens inputs into arrays (traced) and a hashable static description."""
    if not kwargs:
        for a in args:
            if type(a) is not Tensor:
                break
        else:
            dyn = [a._data for a in args]
            return dyn, _Flat((len(dyn),)), [_DYN] * len(dyn), tuple((d.shape, d.dtype, True) for d in dyn)
    leaves, treedef = jax.tree_util.tree_flatten((args, kwargs), is_leaf=_is_tensor_leaf)
    dyn = []
    static = []
    sig = []
    for leaf in leaves:
        if isinstance(leaf, Parameter):  # bound like the cell's own Parameters: writes survive
            static.append(leaf)
            v = leaf._value
            sig.append(("param", id(leaf), v.shape, v.dtype))
        elif isinstance(leaf, Tensor):
            a = leaf._data
            dyn.append(a)
            static.append(_DYN)
            sig.append((a.shape, a.dtype, True))
        elif isinstance(leaf, (jax.Array, np.ndarray)):
            dyn.append(leaf)
            static.append(_DYN)
            sig.append((leaf.shape, leaf.dtype, False))
        else:
            static.append(leaf)
            sig.append(_static(leaf))
    return dyn, treedef, static, tuple(sig)


def rebuild_inputs(treedef, static, dyn):
    if type(treedef) is _Flat:
        return tuple(Tensor._wrap(d) for d in dyn), {}
    it = iter(dyn)
    leaves = [Tensor._wrap(next(it)) if s is _DYN else s for s in static]
    return jax.tree_util.tree_unflatten(treedef, leaves)


def _split_outputs(out):
    leaves, treedef = jax.tree_util.tree_flatten(out, is_leaf=_is_tensor_leaf)
    arrays, static = [], []
    for leaf in leaves:
        if isinstance(leaf, Tensor):
            arrays.append(leaf._data)
            static.append(_DYN)
        elif isinstance(leaf, jax.Array) or isinstance(leaf, jax.core.Tracer):
            arrays.append(leaf)
            static.append(_DYN)
        else:
            static.append(leaf)
    return arrays, (treedef, static)


class _Retrace(Exception):
    pass


class _Entry:
    __slots__ = ("written", "readonly", "jitted", "jitted_nodonate", "out_desc", "checks")


def _all_owned(vals):
    """True when nothing but the Parameter and ``vals`` references each buffer, so donating it
    cannot invalidate an array a user still holds."""
    for v in vals:
        if sys.getrefcount(v) > _OWNED_REFS:
            return False
    return True


def _calibrate():
    class _P:
        pass

    holder = _P()
    holder.value = object()
    vals = [holder.value]
    for v in vals:
        return sys.getrefcount(v)


_OWNED_REFS = _calibrate()  # refs seen for a buffer held only by its Parameter and the list


class GraphFunction:
    """Compiles ``fn`` per input signature; call it like ``fn``."""

    def __init__(self, fn, base_params=None, name=None, donate=True, extra_key=None):
        self.fn = fn
        self.base_params = base_params  # callable -> list of Parameters bound up front
        self.name = name or getattr(fn, "__qualname__", repr(fn))
        self.donate = donate
        self.extra_key = extra_key  # callable -> hashable (training flags, structure version)
        self.discovered = []  # Parameters found by retracing (globals used by ms.jit functions)
        self.cache = collections.OrderedDict()
        self.compiles = 0

    def __call__(self, *args, **kwargs):
        if ACTIVE[0] is not None:  # inside another trace: inline
            return self.fn(*args, **kwargs)
        dyn, treedef, static, sig = split_inputs(args, kwargs)
        key = (treedef, sig, self.extra_key() if self.extra_key is not None else None)
        entry = self.cache.get(key)
        if entry is None:
            arg_params = [s for s in static if isinstance(s, Parameter)]
            entry = self._build(key, treedef, static, dyn, arg_params)
        else:
            STATS["hits"] += 1
        w_vals = [p._value for p in entry.written]
        r_vals = [p._value for p in entry.readonly]
        fn = entry.jitted
        if entry.checks or (self.donate and entry.written and not _all_owned(w_vals)):
            fn = entry.jitted_nodonate
        if entry.checks:
            control_flow.take_raised()
        outs, new_w = fn(w_vals, r_vals, dyn)
        if entry.checks:  # `raise`/`assert` under a Tensor condition: raise as MindSpore does
            jax.block_until_ready((outs, new_w))
            exc = control_flow.take_raised()
            if exc is not None:
                raise exc
        for p, v in zip(entry.written, new_w):
            p._value = v
        treedef_o, static_o = entry.out_desc
        it = iter(outs)
        leaves = [Tensor._wrap(next(it)) if s is _DYN else s for s in static_o]
        return jax.tree_util.tree_unflatten(treedef_o, leaves)

    # --- building an entry
    def _params(self, arg_params=()):
        base = list(self.base_params()) if self.base_params is not None else []
        seen = {id(p) for p in base}
        for p in list(self.discovered) + list(arg_params):
            if id(p) not in seen:
                seen.add(id(p))
                base.append(p)
        if id(RNG_STATE) not in seen:
            base.append(RNG_STATE)
        return base

    def _discover(self, params, treedef, static, dyn):
        """Abstract trace: which Parameters are written, and which were missing."""
        info = {}

        def probe(vals, dyn_):
            frame = Frame("jit", params, vals)
            frame.__enter__()
            try:
                args, kwargs = rebuild_inputs(treedef, static, dyn_)
                out = maybe_convert(self.fn)(*args, **kwargs)
            except BaseException:
                frame.abort()
                raise
            writes = frame.close()
            info["missing"] = list(frame.missing.values())
            info["written"] = {pid for pid in writes}
            arrays, _ = _split_outputs(out)
            return arrays

        STATS["traces"] += 1
        checks = control_flow.RUNTIME_CHECKS[0]
        with errors.trace_context(self.name):
            jax.eval_shape(probe, [p._value for p in params], dyn)
        info["checks"] = control_flow.RUNTIME_CHECKS[0] != checks
        return info

    def _build(self, key, treedef, static, dyn, arg_params=()):
        params = self._params(arg_params)
        for _ in range(8):
            info = self._discover(params, treedef, static, dyn)
            if not info["missing"]:
                break
            STATS["retraces"] += 1
            self.discovered += info["missing"]
            params = self._params(arg_params)
        written_ids = info["written"]
        entry = _Entry()
        entry.written = [p for p in params if id(p) in written_ids]
        entry.readonly = [p for p in params if id(p) not in written_ids]
        entry.out_desc = None
        entry.checks = info["checks"]
        fn = self.fn
        name = self.name

        def pure(w_vals, r_vals, dyn_):
            frame = Frame("jit", entry.written + entry.readonly, list(w_vals) + list(r_vals))
            frame.__enter__()
            try:
                args, kwargs = rebuild_inputs(treedef, static, dyn_)
                out = maybe_convert(fn)(*args, **kwargs)
            except BaseException:
                frame.abort()
                raise
            writes = frame.close()
            new_w = [writes[id(p)][1] if id(p) in writes else v
                     for p, v in zip(entry.written, w_vals)]
            arrays, entry.out_desc = _split_outputs(out)
            STATS["traces"] += 1
            return arrays, new_w

        def logged(*a):
            with errors.trace_context(name):
                return pure(*a)

        entry.jitted = jax.jit(logged, donate_argnums=(0,) if self.donate else ())
        entry.jitted_nodonate = jax.jit(logged) if self.donate else entry.jitted
        self.cache[key] = entry
        if len(self.cache) > MAX_CACHE:
            self.cache.popitem(last=False)
        self.compiles += 1
        STATS["compiles"] += 1
        _log.debug("compiling %s for input signature %s (%d cached)", self.name, key[1],
                   len(self.cache))
        return entry

    def clear(self):
        self.cache.clear()


def compile_stats():
    """Counters tests and users can read: compiles, traces, hits, retraces."""
    return dict(STATS)
