"""Gradient APIs: GradOperation, grad, value_and_grad, vjp, jvp, jacfwd, jacrev, vmap.

All are views of ``_graph.autodiff.vjp_call`` (reverse mode) or of jax's forward-mode and vmap
transforms over functionalized callables. In GRAPH_MODE a top-level gradient call is compiled.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..._graph.autodiff import jit_if_graph, to_arrays, to_tensors, vjp_call
from ..._graph.frame import Frame
from .._registry import functional


def _weights_list(weights):
    if weights is None:
        return None, False
    if isinstance(weights, Parameter):
        return [weights], True
    if isinstance(weights, dict):
        weights = list(weights.values())
    ws = list(weights)
    for w in ws:
        if not isinstance(w, Parameter):
            raise TypeError(
                f"For 'grad', the 'weights' must be a Parameter, ParameterTuple or a list of "
                f"Parameters, but got an element of type {type(w).__name__}.")
    return ws, False


class GradOperation:
    """``C.GradOperation(get_all=False, get_by_list=False, sens_param=False)``."""

    def __init__(self, get_all=False, get_by_list=False, sens_param=False):
        for n, v in (("get_all", get_all), ("get_by_list", get_by_list), ("sens_param", sens_param)):
            if not isinstance(v, bool):
                raise TypeError(f"For 'GradOperation', the '{n}' must be bool, but got {type(v).__name__}.")
        self.get_all = get_all
        self.get_by_list = get_by_list
        self.sens_param = sens_param
        self._cache = {}

    def __call__(self, fn, weights=None):
        if self.get_by_list and weights is None:
            raise TypeError("For 'GradOperation', 'weights' must be given when get_by_list=True.")
        key = (id(fn), id(weights))
        hit = self._cache.get(key)
        if hit is not None and hit[0] is fn and hit[1] is weights:
            return hit[2]
        ws, _single = _weights_list(weights) if self.get_by_list else ([], False)

        def after_grad(*args, **kwargs):
            sens = None
            if self.sens_param:
                if "sens" in kwargs:
                    sens = kwargs.pop("sens")
                else:
                    args, sens = args[:-1], args[-1]
            if self.get_all:
                positions = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
            elif not self.get_by_list:
                if not args:
                    raise ValueError("For 'GradOperation', the function has no input to differentiate.")
                positions = [0]
            else:
                positions = []
            _, _, gx, gw = vjp_call(fn, args, kwargs, positions, ws, sens=sens)
            if self.get_all and self.get_by_list:
                return gx, gw
            if self.get_by_list:
                return gw
            if self.get_all:
                return gx
            return gx[0]

        compiled = jit_if_graph(after_grad)
        self._cache[key] = (fn, weights, compiled)
        return compiled


def _positions(grad_position, nargs):
    if grad_position is None:
        return None
    if isinstance(grad_position, int) and not isinstance(grad_position, bool):
        pos = (grad_position,)
    elif isinstance(grad_position, (tuple, list)) and all(isinstance(p, int) for p in grad_position):
        pos = tuple(grad_position)
    else:
        raise TypeError(
            f"For 'grad', the 'grad_position' must be int, tuple of int or None, but got "
            f"{type(grad_position).__name__}.")
    for p in pos:
        if not -nargs <= p < nargs:
            raise ValueError(
                f"For 'grad', the 'grad_position' {p} is out of range for a function called with "
                f"{nargs} inputs.")
    return tuple(p % nargs for p in pos)


def _make_grad(fn, grad_position, weights, has_aux, return_ids, with_value):
    if grad_position is None and weights is None:
        raise ValueError("For 'grad', 'grad_position' and 'weights' can not both be None.")
    ws, single_w = _weights_list(weights)

    def run(*args, **kwargs):
        pos = _positions(grad_position, len(args))
        out, aux, gx, gw = vjp_call(fn, args, kwargs, pos or (), ws or [], has_aux=has_aux)
        if return_ids:
            gx = tuple((p, g) for p, g in zip(pos or (), gx))
            gw = tuple((w.name, g) for w, g in zip(ws or [], gw))
        in_g = None
        if pos is not None:
            in_g = gx[0] if isinstance(grad_position, int) else tuple(gx)
        w_g = None
        if ws is not None:
            w_g = gw[0] if single_w else tuple(gw)
        if in_g is not None and w_g is not None:
            grads = (in_g, w_g)
        else:
            grads = in_g if in_g is not None else w_g
        if with_value:
            return out, grads
        if has_aux:
            return grads, aux
        return grads

    return jit_if_graph(run)


@functional
def grad(fn, grad_position=0, weights=None, has_aux=False, return_ids=False):
    """``ms.grad``: a function returning the gradients of ``fn``'s (first) output."""
    return _make_grad(fn, grad_position, weights, has_aux, return_ids, with_value=False)


@functional
def value_and_grad(fn, grad_position=0, weights=None, has_aux=False, return_ids=False):
    """``ms.value_and_grad``: returns ``(outputs, grads)``."""
    return _make_grad(fn, grad_position, weights, has_aux, return_ids, with_value=True)


def _pure(fn):
    """fn over Tensors -> fn over arrays; Parameter writes inside are dropped (restored)."""

    def f(*arrays):
        frame = Frame("grad")
        frame.__enter__()
        try:
            out = fn(*to_tensors(arrays))
        finally:
            frame.abort()
        return to_arrays(out)

    return f


def _tensors_tuple(x):
    return x if isinstance(x, (tuple, list)) else (x,)


@functional
def vjp(fn, *inputs, weights=None, has_aux=False):
    """``ops.vjp(fn, *inputs)`` -> ``(outputs, vjp_fn)``; ``vjp_fn(v)`` gives input grads."""
    arrays = to_arrays(inputs)
    if has_aux:
        def f(*a):
            o = _pure(fn)(*a)
            return o[0], o[1:]

        out, vf, aux = jax.vjp(f, *arrays, has_aux=True)
    else:
        out, vf = jax.vjp(_pure(fn), *arrays)

    def vjp_fn(*v):
        v = to_arrays(v[0] if len(v) == 1 else v)
        g = vf(v)
        return to_tensors(tuple(g))

    if has_aux:
        return to_tensors(out), vjp_fn, to_tensors(aux)
    return to_tensors(out), vjp_fn


@functional
def jvp(fn, inputs, v, has_aux=False):
    """``ops.jvp(fn, inputs, v)`` -> ``(outputs, jvp)``."""
    single = not isinstance(inputs, (tuple, list))
    prim = to_arrays(tuple(_tensors_tuple(inputs)))
    tang = to_arrays(tuple(_tensors_tuple(v)))
    tang = tuple(jnp.asarray(t, p.dtype) for t, p in zip(tang, prim))
    del single
    if has_aux:
        def f(*a):
            o = _pure(fn)(*a)
            return o[0], o[1:]

        out, t_out, aux = jax.jvp(f, prim, tang, has_aux=True)
        return to_tensors(out), to_tensors(t_out), to_tensors(aux)
    out, t_out = jax.jvp(_pure(fn), prim, tang)
    return to_tensors(out), to_tensors(t_out)


def _jac(kind, fn, grad_position, has_aux):
    pos = grad_position if isinstance(grad_position, tuple) else (grad_position,)
    tr = jax.jacrev if kind == "rev" else jax.jacfwd

    def run(*args):
        arrays = to_arrays(args)
        argnums = pos if isinstance(grad_position, tuple) else pos[0]
        if has_aux:
            def f(*a):
                o = _pure(fn)(*a)
                return o[0], o[1:]

            j, aux = tr(f, argnums=argnums, has_aux=True)(*arrays)
            return to_tensors(j), to_tensors(aux)
        return to_tensors(tr(_pure(fn), argnums=argnums)(*arrays))

    return run


@functional
def jacrev(fn, grad_position=0, has_aux=False):
    return _jac("rev", fn, grad_position, has_aux)


@functional
def jacfwd(fn, grad_position=0, has_aux=False):
    return _jac("fwd", fn, grad_position, has_aux)


@functional
def vmap(fn, in_axes=0, out_axes=0, randomness="error"):
    """``ops.vmap(fn, in_axes, out_axes)`` over functions and Cells (Parameters are shared)."""

    def run(*args):
        arrays = to_arrays(args)
        axes = in_axes
        if isinstance(axes, list):
            axes = tuple(axes)
        out = jax.vmap(_pure(fn), in_axes=axes, out_axes=out_axes)(*arrays)
        return to_tensors(out)

    return run


@functional
def stop_gradient(value):
    """Blocks gradients (works on Tensors and nested tuples of them)."""
    return to_tensors(jax.lax.stop_gradient(to_arrays(value)))
