"""The op registry: every op is implemented once, over jax arrays, and registered by name.

``ops.xxx`` functions, ``ops.operations.Xxx`` primitives and ``Tensor.xxx`` methods are thin views
that map their own argument spellings onto ``call(name, ...)``. ``call`` is the only way in:
it unwraps Tensors, picks the implementation for the current device target (a device plug-in
can override any op per platform), wraps the results and turns low-level failures into
MindSpore-style errors that name the op and the offending shapes and dtypes.

View families register themselves with the decorators below; ``ops/__init__.py``,
``ops/operations`` and ``ops/_tensor_methods.py`` collect them.
"""

from __future__ import annotations

import jax
import numpy as np

from .. import context
from ..common import dtype as mstype
from ..common._amp import AMP
from ..common.tensor import Tensor

_Tracer = jax.core.Tracer


class OpDef:
    __slots__ = ("name", "impl", "overrides", "doc")

    def __init__(self, name, impl):
        self.name = name
        self.impl = impl
        self.overrides = {}
        self.doc = impl.__doc__


REGISTRY: dict[str, OpDef] = {}
FUNCTIONAL: dict[str, object] = {}  # ops.xxx
PRIMITIVES: dict[str, type] = {}  # ops.operations.Xxx
TENSOR_METHODS: dict[str, object] = {}  # Tensor.xxx
MINT: dict[str, object] = {}  # mindspore.mint.xxx (dotted names: "nn.functional.relu")

# Overrides apply for the current device target ("CPU", "GPU", "Ascend", or a plug-in's name).
_ctx = context._ctx


def op(name, platform=None):
    """Registers ``fn`` (over jax arrays / Python values) as op ``name`` (or its platform override)."""

    def deco(fn):
        if platform is None:
            if name in REGISTRY:
                raise RuntimeError(f"op '{name}' registered twice")
            REGISTRY[name] = OpDef(name, fn)
        else:
            REGISTRY[name].overrides[platform] = fn
        return fn

    return deco


def register_override(name, platform, fn):
    """A device plug-in's kernel for ``name`` on ``platform`` (the custom-call bridge uses this)."""
    if name not in REGISTRY:
        raise KeyError(f"No op named '{name}' to override.")
    REGISTRY[name].overrides[platform] = fn


def impl(name):
    """The array-level implementation of ``name`` for the current platform."""
    d = REGISTRY[name]
    if d.overrides:
        return d.overrides.get(_ctx["device_target"], d.impl)
    return d.impl


def functional(fn=None, *, name=None):
    """Exports ``fn`` as ``ops.<name>``."""

    def deco(f):
        FUNCTIONAL[name or f.__name__] = f
        return f

    return deco(fn) if fn is not None else deco


def primitive(cls):
    """Exports a Primitive class as ``ops.operations.<ClassName>`` (and ``ops.<ClassName>``)."""
    PRIMITIVES[cls.__name__] = cls
    return cls


def tensor_method(*names):
    """Attaches ``fn`` as ``Tensor.<name>`` for each name."""

    def deco(f):
        for n in names:
            TENSOR_METHODS[n] = f
        return f

    return deco


def mint(*names):
    def deco(f):
        for n in names:
            MINT[n] = f
        return f

    return deco


# --- unwrap / wrap ---------------------------------------------------------------------------

def unwrap(x):
    if isinstance(x, Tensor):
        return x._data
    if type(x) is tuple or type(x) is list:
        return type(x)(unwrap(i) for i in x)
    if isinstance(x, mstype.Type):
        return x._np
    return x


def wrap(x):
    if isinstance(x, (jax.Array, _Tracer)):
        return Tensor._wrap(x)
    if type(x) is tuple or type(x) is list:
        return type(x)(wrap(i) for i in x)
    if isinstance(x, np.ndarray):
        return Tensor._wrap(jax.numpy.asarray(x))
    return x


def call(name, *args, **kwargs):
    """Runs op ``name`` on Tensors/Python values; the single entry point of every view."""
    if AMP[0] is not None:  # inside a to_float / AMP-O1 cell: cast inputs (common/_amp.py)
        return AMP[0].call(lambda a, k: _call(name, a, k), args, kwargs)
    return _call(name, args, kwargs)


def _call(name, args, kwargs):
    fn = impl(name)
    a = [unwrap(x) for x in args]
    kw = {k: unwrap(v) for k, v in kwargs.items()} if kwargs else kwargs
    try:
        out = fn(*a, **kw)
    except (TypeError, ValueError, IndexError) as e:
        raise _translate(name, e, a) from None
    return wrap(out)


def _describe(args):
    parts = []
    for x in args:
        if isinstance(x, (jax.Array, _Tracer)):
            parts.append(f"Tensor(shape={list(x.shape)}, dtype={_ms_name(x.dtype)})")
        elif isinstance(x, (list, tuple)) and any(isinstance(i, (jax.Array, _Tracer)) for i in x):
            parts.append("[" + ", ".join(_describe(x)) + "]")
        else:
            parts.append(repr(x) if len(repr(x)) < 60 else type(x).__name__)
    return parts


def _ms_name(np_dtype):
    try:
        return str(mstype.from_np(np_dtype))
    except TypeError:
        return str(np_dtype)


def _translate(name, e, args):
    msg = str(e)
    if msg.startswith("For '"):
        return e
    if isinstance(e, jax.errors.JAXTypeError if hasattr(jax.errors, "JAXTypeError") else ()):
        return e
    low = msg.lower()
    cls = type(e)
    if "shape" in low or "broadcast" in low or "dimension" in low or "rank" in low:
        cls = ValueError
    elif "dtype" in low or "type" in low:
        cls = TypeError
    if isinstance(e, IndexError):
        cls = IndexError
    first = (msg.splitlines()[0] if msg else cls.__name__).rstrip(".")
    return cls(f"For '{name}', {first}. Inputs: {', '.join(_describe(args))}.")


def raise_error(cls, op_name, msg):
    """Raises ``cls`` with MindSpore's "For 'Op', ..." phrasing."""
    raise cls(f"For '{op_name}', {msg}")


def ms_dtype(arr):
    """MindSpore dtype name of a jax array (for error messages)."""
    return _ms_name(arr.dtype)
