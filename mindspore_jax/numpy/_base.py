"""Conversions shared by ``mindspore.numpy``: array-likes in, Tensors out, MindSpore's dtypes.

``mindspore.numpy`` creates Python ints as Int32 and floats as Float32, and its results are
32-bit unless a 64-bit tensor went in. JAX runs in x64 mode here (``Tensor(1)`` is Int64), so
each wrapper casts 64-bit results back to 32 bits when no 64-bit input or ``dtype`` asked for
them.
"""

from __future__ import annotations

import functools

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor

_Tracer = jax.core.Tracer
_DOWN = {np.dtype(np.float64): np.float32, np.dtype(np.int64): np.int32,
         np.dtype(np.complex128): np.complex64, np.dtype(np.uint64): np.uint32}
_WIDE = frozenset(_DOWN)


def np_dtype(dtype):
    """Any dtype spelling (mstype, numpy, Python type, str) -> numpy dtype; None stays None."""
    if dtype is None:
        return None
    return np.dtype(mstype.to_np(dtype))


def _py_leaves(x):
    if isinstance(x, (list, tuple)):
        return all(_py_leaves(i) for i in x)
    return isinstance(x, (bool, int, float, complex))


def _tree_to_np(x):
    if isinstance(x, Tensor):
        return np.asarray(x._data)
    if isinstance(x, (list, tuple)):
        return [_tree_to_np(i) for i in x]
    return x


def asarray(a, dtype=None):
    """Array-like -> jax array with mindspore.numpy's creation rules (int32/float32 defaults)."""
    dt = np_dtype(dtype)
    if isinstance(a, Tensor):
        arr = a._data
    elif isinstance(a, (jax.Array, _Tracer)):
        arr = a
    elif isinstance(a, (np.ndarray, np.generic)):
        if a.dtype.kind in "USO":
            raise TypeError(f"For 'asarray', the input numpy array type {a.dtype} is not supported.")
        arr = jnp.asarray(a)
    elif isinstance(a, (bool, int, float, complex)) or (
            isinstance(a, (list, tuple)) and _py_leaves(a)):
        host = np.asarray(a)
        if host.dtype in _WIDE:
            host = host.astype(_DOWN[host.dtype])
        arr = jnp.asarray(host)
    elif isinstance(a, (list, tuple)):
        if any(isinstance(i, (Tensor, jax.Array, _Tracer)) for i in _flat(a)) and any(
                isinstance(i, _Tracer) or (isinstance(i, Tensor) and isinstance(i._data, _Tracer))
                for i in _flat(a)):
            arr = jnp.stack([asarray(i) for i in a])  # traced elements: stay in the graph
        else:
            host = np.asarray(_tree_to_np(a))
            if host.dtype in _WIDE and not any(
                    isinstance(i, (Tensor, np.ndarray)) and np.dtype(i.dtype) in _WIDE
                    for i in _flat(a)):
                host = host.astype(_DOWN[host.dtype])
            arr = jnp.asarray(host)
    else:
        raise TypeError("input data must be `int`, `float`, `bool`, `Tensor`, `list`, `tuple`, "
                        f"but got {type(a)}")
    if dt is not None and arr.dtype != dt:
        arr = arr.astype(dt)
    return arr


def _flat(seq):
    for i in seq:
        if isinstance(i, (list, tuple)):
            yield from _flat(i)
        else:
            yield i


def arg(a):
    """An array operand: Python scalars stay weakly typed (``x + 2`` keeps ``x``'s dtype)."""
    if isinstance(a, (bool, int, float, complex)) and not isinstance(a, np.generic):
        return a
    return asarray(a)


def is_wide(x):
    return isinstance(x, (jax.Array, _Tracer)) and x.dtype in _WIDE


def narrow(x):
    """64-bit -> 32-bit (recursively through tuples/lists)."""
    if isinstance(x, (jax.Array, _Tracer)):
        return x.astype(_DOWN[x.dtype]) if x.dtype in _WIDE else x
    if isinstance(x, (list, tuple)):
        return type(x)(narrow(i) for i in x)
    return x


def wrap(x):
    if isinstance(x, (jax.Array, _Tracer)):
        return Tensor._wrap(x)
    if isinstance(x, np.ndarray):
        return Tensor._wrap(jnp.asarray(x))
    if isinstance(x, (list, tuple)):
        return type(x)(wrap(i) for i in x)
    return x


def unwrap(x):
    if isinstance(x, Tensor):
        return x._data
    if isinstance(x, mstype.Type):
        return x._np
    if type(x) in (list, tuple):
        return type(x)(unwrap(i) for i in x)
    return x


def finish(out, wide=False, dtype=None):
    """Result -> Tensor(s): cast to ``dtype`` if given, else 64-bit narrowed unless ``wide``."""
    if dtype is not None:
        dt = np_dtype(dtype)
        out = jax.tree_util.tree_map(lambda o: o.astype(dt) if hasattr(o, "astype") else o, out)
    elif not wide:
        out = narrow(out)
    return wrap(out)


def npfunc(jfn, n=1, seq=False, keep64=False, name=None, dtype_kw=True):
    """A mindspore.numpy function from the jnp function ``jfn``: the first ``n`` positional
    arguments are array operands (``seq``: the first one is a sequence of arrays), the rest are
    passed through with Tensors unwrapped; ``dtype=`` casts the result."""

    def f(*args, **kwargs):
        dtype = kwargs.pop("dtype", None) if dtype_kw else None
        args = list(args)
        if seq and args:
            args[0] = [asarray(a) for a in args[0]]
            ops = list(args[0])
        else:
            for i in range(min(n, len(args))):
                args[i] = arg(args[i])
            ops = args[:n]
        args = [a if i < n else unwrap(a) for i, a in enumerate(args)]
        kwargs = {k: unwrap(v) for k, v in kwargs.items()}
        wide = keep64 or any(is_wide(o) for o in ops) or any(is_wide(v) for v in kwargs.values())
        try:
            out = jfn(*args, **kwargs)
        except (TypeError, ValueError) as e:
            raise type(e)(f"For '{f.__name__}', {e}") from None
        return finish(out, wide, dtype)

    f.__name__ = name or getattr(jfn, "__name__", "func")
    f.__qualname__ = f.__name__
    f.__doc__ = f"``mindspore.numpy.{f.__name__}``: ``jax.numpy.{getattr(jfn, '__name__', '')}`` " \
                "on Tensors (32-bit defaults)."
    return f


def tensor_out(fn):
    """Decorator: a function over jax arrays whose results become Tensors (narrowed to 32 bits
    unless a 64-bit array was among its array arguments)."""

    @functools.wraps(fn)
    def f(*args, **kwargs):
        wide = any(is_wide(unwrap(a)) for a in args if isinstance(a, Tensor))
        return finish(fn(*args, **kwargs), wide)

    return f
