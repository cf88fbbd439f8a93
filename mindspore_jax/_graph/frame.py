"""Functionalization frames: how Parameters become inputs and outputs of pure functions.

A frame binds some Parameters to new values (tracers) for the duration of a trace, sees every
read and write of every Parameter (``Parameter._data`` reports to ``ACTIVE[0]``), restores all
touched Parameters when it closes and hands back what was written, in a dict. The caller decides
where writes go: ``jit`` returns them as outputs of the compiled function, ``grad`` as aux
outputs of ``jax.vjp``; both then store them back. So no tracer ever leaks into a Parameter and
read-after-write inside one trace sees the new value.

A ``jit`` frame that reads a Parameter nobody bound (a global Parameter used by an ``ms.jit``
function, say) records it as *missing*: its value would otherwise be baked in as a constant. The
jit machinery then retraces with it bound.
"""

from __future__ import annotations

import jax

from ..common._state import ACTIVE


def _is_tracer(x):
    return isinstance(x, jax.core.Tracer)


class Frame:
    __slots__ = ("kind", "parent", "bound", "saved", "written", "missing", "root_jit")

    def __init__(self, kind, params=(), values=()):
        self.kind = kind  # "jit" | "grad" | "vmap"
        self.parent = None
        self.bound = {}
        for p, v in zip(params, values):
            self.bound[id(p)] = (p, v)
        self.saved = {}  # id -> (param, value before this frame)
        self.written = {}  # id -> param
        self.missing = {}  # id -> param (jit frames only)
        self.root_jit = None

    def __enter__(self):
        self.parent = ACTIVE[0]
        if self.kind == "jit":
            self.root_jit = self
        elif self.parent is not None:
            self.root_jit = self.parent.root_jit
        for pid, (p, v) in self.bound.items():
            self.saved[pid] = (p, p._value)
            p._value = v
        ACTIVE[0] = self
        return self

    def close(self):
        """Restores every touched Parameter; returns {id: (param, value written in this frame)}."""
        ACTIVE[0] = self.parent
        writes = {}
        for pid, p in self.written.items():
            writes[pid] = (p, p._value)
        for p, old in self.saved.values():
            p._value = old
        return writes

    def abort(self):
        ACTIVE[0] = self.parent
        for p, old in self.saved.values():
            p._value = old

    # --- called by Parameter._data
    def _known(self, pid):
        f = self
        while f is not None:
            if pid in f.bound or pid in f.written:
                return True
            f = f.parent
        return False

    def on_read(self, p):
        pid = id(p)
        if pid in self.bound or pid in self.saved:
            return
        if self.root_jit is not None and not _is_tracer(p._value) and not self._known(pid):
            self.root_jit.missing[pid] = p

    def on_write(self, p):
        pid = id(p)
        if pid not in self.saved:
            self.saved[pid] = (p, p._value)
            self.on_read(p)
        self.written[pid] = p


def apply_writes(writes):
    """Stores written values back (into the enclosing frame's view, or for real when eager)."""
    for p, v in writes.values():
        p._data = v
