"""``Primitive``: the base of the ``ops.operations`` (``P.*``) classes.

A primitive instance holds constructor attributes; calling it runs a registry op. MindSpore's
attribute API (``add_prim_attr``, ``shard``, ``set_device``...) is accepted.
"""

from __future__ import annotations

import functools


class Primitive:
    """Base class of primitives: ``P.Xxx(attrs)(inputs)``."""

    const_prim = False

    def __init__(self, name=None):
        self.name = name or type(self).__name__
        self.attrs = {}
        self.init_attrs = {}
        self._recompute = False

    def add_prim_attr(self, name, value):
        self.attrs[name] = value
        return self

    def del_prim_attr(self, name):
        self.attrs.pop(name, None)
        return self

    def set_prim_instance_name(self, name):
        self.instance_name = name
        return self

    def init_prim_io_names(self, inputs, outputs):
        self.input_names, self.output_names = inputs, outputs

    def shard(self, in_strategy=None, out_strategy=None, **kwargs):
        return self

    def set_device(self, device_target):
        return self

    def set_stage(self, stage):
        return self

    def recompute(self, mode=True):
        self._recompute = mode
        return self

    def place(self, role, rank_id):
        return self

    def check_elim(self, *args):
        return (False, None)

    def update_parameter(self):
        return False

    def __repr__(self):
        return f"Prim[{self.name}]"

    def __call__(self, *args):
        raise NotImplementedError(f"Primitive {self.name} has no implementation.")


class PrimitiveWithInfer(Primitive):
    """Primitives defined in user code with ``infer_shape``/``infer_dtype`` and a ``__call__``."""


class PrimitiveWithCheck(Primitive):
    pass


def prim_attr_register(fn):
    """Decorator for ``__init__`` of user primitives: records the call's arguments as attrs."""

    @functools.wraps(fn)
    def deco(self, *args, **kwargs):
        Primitive.__init__(self, type(self).__name__)
        import inspect

        bound = inspect.signature(fn).bind(self, *args, **kwargs)
        bound.apply_defaults()
        for k, v in list(bound.arguments.items())[1:]:
            self.attrs[k] = v
            setattr(self, k, v)
        fn(self, *args, **kwargs)

    return deco


def constexpr(fn=None, get_instance=True, name=None, reuse_result=True, check=True):
    """``ops.constexpr``: functions on Python values run as plain Python while tracing."""
    if fn is None:
        return lambda f: f
    return fn


def _primexpr(fn=None, **kwargs):
    return constexpr(fn)


primexpr = _primexpr
