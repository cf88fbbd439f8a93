"""Helpers shared by the nn_* op families (one-op Primitive factory, tensor checks)."""

from __future__ import annotations

from .._registry import call, primitive
from ..primitive import Primitive


# primitive views ----------------------------------------------------------------------------
def _uprim(cname, opname, *arg_names, defaults=()):
    """A primitive whose constructor attributes become trailing op arguments."""

    def __init__(self, *args, **kwargs):
        Primitive.__init__(self, cname)
        vals = dict(zip(arg_names, defaults))
        vals.update(zip(arg_names, args))
        vals.update(kwargs)
        for k, v in vals.items():
            setattr(self, k, v)
            self.attrs[k] = v

    def __call__(self, x):
        return call(opname, x, *[getattr(self, k) for k in arg_names])

    cls = type(
        cname,
        (Primitive,),
        {"__init__": __init__, "__call__": __call__, "__doc__": f"``P.{cname}``: view of op '{opname}'."},
    )
    primitive(cls)
    return cls
