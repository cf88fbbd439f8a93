"""Gradients: ``jax.vjp`` over functionalized Python functions, the same in both modes.

``vjp_call`` is the one mechanism: it binds the differentiated Parameters in a ``grad`` frame,
runs the function, returns Parameter writes as aux outputs (stored back afterwards, so
BatchNorm statistics and ``ops.assign`` survive a gradient call) and builds the cotangents.
GradOperation, ``ms.grad``, ``ms.value_and_grad``, vjp/jvp, custom ``bprop`` and
recompute sit on it (``ops/composite`` and ``ops/_impl/grad_ops.py`` are the public views).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..common._state import ACTIVE
from ..common.tensor import Tensor
from .control_flow import maybe_convert
from .frame import Frame, apply_writes


def _is_t(x):
    return isinstance(x, Tensor)


def to_arrays(tree):
    return jax.tree_util.tree_map(lambda t: t._data if isinstance(t, Tensor) else t, tree,
                                  is_leaf=_is_t)


def to_tensors(tree):
    return jax.tree_util.tree_map(
        lambda a: Tensor._wrap(a) if isinstance(a, (jax.Array, jax.core.Tracer)) else a, tree)


def _is_float(a):
    return jnp.issubdtype(a.dtype, jnp.inexact)


def _ones_cotangent(a):
    if _is_float(a):
        return jnp.ones_like(a)
    return np.zeros(a.shape, jax.dtypes.float0)


def _fix_cotangent(ct, ref):
    """float0 cotangents (integer inputs) become zeros of the input's dtype, as MindSpore gives."""
    if ct is None or (hasattr(ct, "dtype") and ct.dtype == jax.dtypes.float0):
        return jnp.zeros(ref.shape, ref.dtype)
    return ct


INPUT_HOOKS = [None]  # (tensor, traced value) -> value tapped with its gradient hooks (hook_ops)


def _hooked(t, x):
    return x if INPUT_HOOKS[0] is None else INPUT_HOOKS[0](t, x)


def vjp_call(fn, args, kwargs, positions, weights, sens=None, has_aux=False):
    """Runs ``fn(*args, **kwargs)`` once and differentiates its first output (or all outputs).

    positions: indices into args to differentiate (Tensor args); weights: Parameters; sens: None
    (ones), the cotangent(s), or a callable from the output arrays to the cotangent(s).
    Returns (outputs as Tensors, input grads (tuple, one per position), weight grads (tuple)).
    """
    fn = maybe_convert(fn)
    args = list(args)
    xs = [args[i]._data if isinstance(args[i], Tensor) else jnp.asarray(args[i]) for i in positions]
    weights = list(weights)
    ws = [w._data for w in weights]
    info = {}

    def pure(xs_, ws_):
        frame = Frame("grad", weights, [_hooked(w, v) for w, v in zip(weights, ws_)])
        frame.__enter__()
        try:
            a = list(args)
            for i, x in zip(positions, xs_):
                a[i] = Tensor._wrap(_hooked(args[i], x))
            out = fn(*a, **kwargs)
        except BaseException:
            frame.abort()
            raise
        writes = frame.close()
        out_arr = to_arrays(out)
        if has_aux:
            if not isinstance(out_arr, (tuple, list)):
                diff, aux = out_arr, ()
            else:
                diff, aux = out_arr[0], tuple(out_arr[1:])
        else:
            diff, aux = out_arr, None
        info["writes"] = [p for p, _ in writes.values()]
        return diff, (aux, [v for _, v in writes.values()], out_arr)

    diff, vjp_fn, (aux, write_vals, full_out) = jax.vjp(pure, xs, ws, has_aux=True)
    apply_writes({id(p): (p, v) for p, v in zip(info["writes"], write_vals)})
    if sens is None:
        ct = jax.tree_util.tree_map(_ones_cotangent, diff)
    elif callable(sens):  # sens computed from the outputs (TrainOneStepCell's fill of loss shape)
        ct = sens(diff)
    else:
        sens_arr = to_arrays(sens)
        ct = jax.tree_util.tree_map(
            lambda s, d: jnp.asarray(s, d.dtype) if _is_float(d) else np.zeros(d.shape, jax.dtypes.float0),
            sens_arr, diff)
    gx, gw = vjp_fn(ct)
    gx = tuple(Tensor._wrap(_fix_cotangent(g, x)) for g, x in zip(gx, xs))
    gw = tuple(Tensor._wrap(_fix_cotangent(g, w)) for g, w in zip(gw, ws))
    return to_tensors(full_out), to_tensors(aux), gx, gw


def jit_if_graph(fn):
    """In GRAPH_MODE at top level, run ``fn`` through the compiler; else call it directly."""
    from .. import context
    from .jit import GraphFunction

    cache = {}

    def run(*args, **kwargs):
        if ACTIVE[0] is None and context._ctx["mode"] == context.GRAPH_MODE:
            g = cache.get("g")
            if g is None:
                g = cache["g"] = GraphFunction(fn, name=getattr(fn, "__name__", "grad"))
            return g(*args, **kwargs)
        return fn(*args, **kwargs)

    return run


# --- custom bprop -------------------------------------------------------------------------------

def call_with_bprop(cell, args, kwargs):
    """A Cell with ``bprop(self, *inputs, out, dout)``: its bprop gives the input gradients.

    The cell's own Parameters enter as explicit (non-differentiated) inputs so the custom_vjp
    closes over no tracer; their writes come out as extra outputs.
    """
    params = list(cell._param_list())
    n_args = len(args)
    arg_arrays = [a._data if isinstance(a, Tensor) else a for a in args]
    tensor_pos = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
    info = {}

    def run(p_vals, t_vals):
        frame = Frame("grad", params, p_vals)
        frame.__enter__()
        try:
            a = list(args)
            for i, v in zip(tensor_pos, t_vals):
                a[i] = Tensor._wrap(v)
            out = cell.construct(*a, **kwargs)
        except BaseException:
            frame.abort()
            raise
        writes = frame.close()
        info["writes"] = [p for p, _ in writes.values()]
        return to_arrays(out), [v for _, v in writes.values()]

    @jax.custom_vjp
    def f(p_vals, t_vals):
        return run(p_vals, t_vals)

    def fwd(p_vals, t_vals):
        out = run(p_vals, t_vals)
        return out, (t_vals, out[0], p_vals)

    def bwd(res, g):
        t_vals, out, p_vals = res
        dout = g[0]
        a = list(arg_arrays)
        for i, v in zip(tensor_pos, t_vals):
            a[i] = v
        grads = cell.bprop(*to_tensors(a), to_tensors(out), to_tensors(dout))
        if not isinstance(grads, (tuple, list)):
            grads = (grads,)
        grads = to_arrays(tuple(grads))
        if len(grads) < n_args:
            raise ValueError(
                f"For '{type(cell).__name__}.bprop', it should return one gradient per input "
                f"({n_args}), but got {len(grads)}.")
        gt = [jnp.asarray(grads[i], t_vals[k].dtype).reshape(t_vals[k].shape)
              if _is_float(t_vals[k]) else np.zeros(t_vals[k].shape, jax.dtypes.float0)
              for k, i in enumerate(tensor_pos)]
        gp = [jnp.zeros_like(v) if _is_float(v) else np.zeros(v.shape, jax.dtypes.float0)
              for v in p_vals]
        return gp, gt

    f.defvjp(fwd, bwd)
    p_vals = [p._data for p in params]
    t_vals = [arg_arrays[i] for i in tensor_pos]
    out, write_vals = f(p_vals, t_vals)
    apply_writes({id(p): (p, v) for p, v in zip(info["writes"], write_vals)})
    return to_tensors(out)


# --- recompute ----------------------------------------------------------------------------------

def call_recomputed(construct, args, kwargs):
    """Runs ``construct`` under ``jax.checkpoint``; Parameter writes come out as outputs."""
    info = {}
    leaves, treedef = jax.tree_util.tree_flatten((args, kwargs), is_leaf=_is_t)
    arr_pos = [i for i, x in enumerate(leaves) if isinstance(x, Tensor)]

    def run(vals):
        frame = Frame("grad")
        frame.__enter__()
        try:
            lv = list(leaves)
            for i, v in zip(arr_pos, vals):
                lv[i] = Tensor._wrap(v)
            a, kw = jax.tree_util.tree_unflatten(treedef, lv)
            out = construct(*a, **kw)
        except BaseException:
            frame.abort()
            raise
        writes = frame.close()
        info["writes"] = [p for p, _ in writes.values()]
        return to_arrays(out), [v for _, v in writes.values()]

    out, write_vals = jax.checkpoint(run)([leaves[i]._data for i in arr_pos])
    apply_writes({id(p): (p, v) for p, v in zip(info["writes"], write_vals)})
    return to_tensors(out)


def register_backward_hook(cell, hook_fn):
    """``Cell.register_backward_hook``: ``hook_fn(cell, grad_input, grad_output)`` sees the
    gradients flowing out of the cell (identity custom_vjp around its output)."""
    from ..nn.cell import _HookHandle

    hooks = cell.__dict__.setdefault("_bwd_hooks", {})
    h = _HookHandle(hooks)
    hooks[h.handle_id] = hook_fn

    def post(c, inputs, out):
        return _grad_tap(c, out, list(hooks.values()))

    if not getattr(cell, "_bwd_hook_installed", False):
        cell.__dict__["_bwd_hook_installed"] = True
        cell.register_forward_hook(post)
    return h


def _grad_tap(cell, out, hooks):
    arrays = to_arrays(out)

    @jax.custom_vjp
    def tap(a):
        return a

    def fwd(a):
        return a, None

    def bwd(_, g):
        gt = to_tensors(g)
        for hk in hooks:
            r = hk(cell, (gt,), (gt,))
            if r is not None:
                gt = r[0] if isinstance(r, tuple) and len(r) == 1 else r
        return (to_arrays(gt),)

    tap.defvjp(fwd, bwd)
    return to_tensors(tap(arrays))
