"""``ms.jit`` / ``ms.ms_function``: compile a function or a ``construct`` method."""

from __future__ import annotations

import functools
import weakref

from .jit import GraphFunction


class _JitMethod:
    """``@jit`` on a method: one GraphFunction per instance (a Cell's Parameters are found by
    the retrace-on-missing mechanism, so nothing about the instance must be known up front)."""

    def __init__(self, fn, options):
        self.fn = fn
        self.options = options
        self._per_instance = weakref.WeakKeyDictionary()
        functools.update_wrapper(self, fn)

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            g = self._per_instance.get(obj)
        except TypeError:
            g = None
        if g is None:
            fn = self.fn.__get__(obj, objtype)
            base = getattr(obj, "_param_list", None)
            g = GraphFunction(fn, base_params=base, name=self.fn.__qualname__,
                              extra_key=getattr(obj, "_fingerprint", None))
            try:
                self._per_instance[obj] = g
            except TypeError:
                pass
        return g

    def __call__(self, *args, **kwargs):  # called unbound: first arg is self
        return self.__get__(args[0], type(args[0]))(*args[1:], **kwargs)


def jit(function=None, *, capture_mode="ast", jit_level="O0", dynamic=0, fullgraph=False,
        backend="", input_signature=None, hash_args=None, jit_config=None, compile_once=False,
        **options):
    """``ms.jit``: compiles ``function`` with XLA (in both modes).

    MindSpore options that select its own compiler passes (``capture_mode``, ``jit_level``,
    ``backend``, ``fullgraph``, ``dynamic``, ``jit_config``...) are accepted and ignored: XLA
    does the compilation here. ``input_signature`` is accepted; each concrete shape compiles once.
    """

    def deco(fn):
        if isinstance(fn, (staticmethod, classmethod)):
            raise TypeError("For 'jit', decorate the function before staticmethod/classmethod.")
        params = list(getattr(fn, "__code__", None).co_varnames[:1]) if hasattr(fn, "__code__") else []
        if params and params[0] == "self":
            return _JitMethod(fn, options)
        g = GraphFunction(fn, name=getattr(fn, "__qualname__", "jit"))
        functools.update_wrapper(g, fn)
        return g

    if function is not None:
        return deco(function)
    return deco


ms_function = jit
