"""Higher-order and forward-mode AD functionals: ``ops.jet``, ``ops.derivative`` (Taylor-mode
derivatives) and ``ops.linearize``.

MindSpore's series are derivatives, not Taylor coefficients: input ``x(t)`` has ``x^(k)(0) =
series[k-1]`` and ``out_series[k-1] = d^k/dt^k fn(x(t))`` at 0 -- the convention of
``jax.experimental.jet``, which computes them. Where jet has no rule for a primitive, the same
numbers come from nested ``jax.jvp`` of ``t -> fn(x + sum_k series[k] t^(k+1) / (k+1)!)``.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
from jax.experimental import jet as _jet

from ...common.tensor import Tensor
from ..._graph.autodiff import to_arrays, to_tensors
from .._registry import functional
from .grad_ops import _pure

_DT = (np.int32, np.int64, np.float32, np.float64)


def _nested_taylor(f, primals, series):
    order = len(series[0])

    def g(t):
        xs = [
            p + sum(s[k] * (t ** (k + 1) / math.factorial(k + 1)) for k in range(order))
            for p, s in zip(primals, series)
        ]
        return f(*xs)

    fns = [g]
    for _ in range(order):
        prev = fns[-1]
        fns.append(lambda t, prev=prev: jax.jvp(prev, (t,), (jnp.ones_like(t),))[1])
    t0 = jnp.zeros((), primals[0].dtype)
    out = g(t0)
    terms = [h(t0) for h in fns[1:]]
    if isinstance(out, tuple):
        return out, tuple([term[i] for term in terms] for i in range(len(out)))
    return out, terms


def _taylor(fn, primals, series):
    """primals: list of arrays; series: list of (order, *shape) arrays -> (out, out_series) where
    out_series holds, per output, the list of its ``order`` derivative terms."""
    f = _pure(fn)
    ser = [[s[k] for k in range(s.shape[0])] for s in series]
    try:
        out, out_ser = _jet.jet(f, tuple(primals), tuple(ser))
    except NotImplementedError:
        out, out_ser = _nested_taylor(f, primals, ser)
    return out, out_ser


def _to_float(name, x):
    dt = np.dtype(x.dtype)
    if dt not in _DT:
        raise TypeError(
            f"For `F.{name}`, the elements of primals must belong to `mstype.int32, mstype.int64, "
            "mstype.float32, mstype.float64`, but got other dtype."
        )
    return x.astype(jnp.float32) if dt.kind == "i" else x


def _split(out, out_ser, pick):
    if isinstance(out, (tuple, list)) and len(out) > 1:
        return ([to_tensors(o) for o in out], [to_tensors(pick(s)) for s in out_ser])
    if isinstance(out, (tuple, list)):
        out, out_ser = out[0], out_ser[0]
    return to_tensors(out), to_tensors(pick(out_ser))


@functional
def jet(fn, primals, series):
    """``ops.jet(fn, primals, series)`` -> ``(out_primals, out_series)``; ``series[k]`` is the
    (k+1)-th derivative of the input, ``out_series[k]`` that of the output."""
    if isinstance(primals, Tensor) and isinstance(series, Tensor):
        p, s = to_arrays(primals), to_arrays(series)
        if tuple(p.shape) == tuple(s.shape[1:]):
            pass
        elif tuple(p.shape) == tuple(s.shape):
            s = s[None]
        else:
            raise ValueError("In series, the shape of each element must be the same as the primals.")
        ps, ss = [p], [s]
    elif isinstance(primals, tuple) and isinstance(series, tuple):
        if len(primals) != len(series):
            raise ValueError("The lengths of primals and series must be the same.")
        ps, ss = [to_arrays(x) for x in primals], [to_arrays(x) for x in series]
    else:
        raise TypeError("For 'F.jet', the 'primals' and `series` must be both Tensor or tuple.")
    for p, s in zip(ps, ss):
        if np.dtype(p.dtype) not in _DT or p.dtype != s.dtype:
            raise TypeError(
                "For `F.jet`, the elements' types of primals and series must be the same and belong "
                "to `mstype.int32, mstype.int64, mstype.float32, mstype.float64`, but got other dtype."
            )
    ps = [_to_float("jet", p) for p in ps]
    ss = [s.astype(p.dtype) for p, s in zip(ps, ss)]
    out, out_ser = _taylor(fn, ps, ss)
    return _split(out, out_ser, lambda terms: jnp.stack([jnp.asarray(t) for t in terms]))


@functional
def derivative(fn, primals, order):
    """``ops.derivative(fn, primals, order)`` -> ``(out_primals, out_series)``: the ``order``-th
    derivative of ``fn`` along the all-ones direction of every input."""
    if isinstance(order, bool) or not isinstance(order, int):
        raise TypeError("For `F.derivative`, the type of order must be int.")
    if order < 1:
        raise ValueError(f"For `F.derivative`, value of order should not be less than 1, but got {order}.")
    items = primals if isinstance(primals, tuple) else (primals,)
    ps = [_to_float("derivative", to_arrays(x)) for x in items]
    ss = [
        jnp.concatenate([jnp.ones((1,) + p.shape, p.dtype), jnp.zeros((order - 1,) + p.shape, p.dtype)])
        for p in ps
    ]
    out, out_ser = _taylor(fn, ps, ss)
    return _split(out, out_ser, lambda terms: terms[-1])


@functional
def linearize(fn, inputs):
    """``ops.linearize(fn, inputs)`` -> ``(output, jvp_fn)``; ``jvp_fn(v)`` is the
    Jacobian-vector product at ``inputs`` (``v`` one Tensor per input)."""
    if not isinstance(inputs, (Tensor, tuple, list)):
        raise TypeError("The inputs type must be Tensor.")
    if isinstance(inputs, Tensor):
        inputs = (inputs,)
    prim = tuple(to_arrays(tuple(inputs)))
    out, lin = jax.linearize(_pure(fn), *prim)

    def jvp_fn(v):
        vs = tuple(v) if isinstance(v, (tuple, list)) else (v,)
        if len(vs) != len(prim):
            raise ValueError(f"v has invalid length: should be {len(prim)}, but got {len(vs)}")
        tang = tuple(jnp.asarray(t, p.dtype) for t, p in zip(to_arrays(vs), prim))
        return to_tensors(lin(*tang))

    return to_tensors(out), jvp_fn
