"""Gradient hooks: ``Tensor.register_hook``, ``ops.HookBackward`` and ``ops.InsertGradientOf``.

Each is an identity with a ``jax.custom_vjp`` whose backward passes the incoming gradient to the
user's function and continues with what it returns (None keeps the gradient). In PYNATIVE_MODE
the backward runs eagerly, so a hook sees concrete values; in GRAPH_MODE it is traced into the
compiled gradient (MindSpore's InsertGradientOf: the callback becomes part of the graph; its
Python control flow on Tensors is converted like ``construct``).

``register_hook`` on a Tensor made inside a differentiated function taps the Tensor's value at
once (later uses see the tapped value; a use *before* the registration is not hooked, unlike
MindSpore, which hooks every use). Hooks of a Tensor or Parameter that is an *input* of a
gradient call (registered before it) are applied by ``_graph.autodiff.vjp_call`` through
``apply_input_hooks``. Hooks run at backward time, so ``handle.remove()`` before the backward
pass disables them (in PYNATIVE_MODE; a compiled gradient keeps what it was traced with).
"""

from __future__ import annotations

import itertools
import weakref

import jax
import jax.numpy as jnp
import numpy as np

from ...common._state import ACTIVE
from ...common.tensor import Tensor
from ..._graph import autodiff as _autodiff
from ..._graph.control_flow import maybe_convert
from .._registry import primitive, raise_error, tensor_method
from ..primitive import Primitive

_ids = itertools.count(1)
_HOOKS = "_ms_grad_hooks"


def _is_t(x):
    return isinstance(x, Tensor)


def _is_tracer(x):
    return isinstance(x, jax.core.Tracer)


def _in_jit():
    f = ACTIVE[0]
    return f is not None and f.root_jit is not None


def _to_tensors(tree):
    return jax.tree_util.tree_map(
        lambda a: Tensor._wrap(a) if isinstance(a, (jax.Array, jax.core.Tracer, np.ndarray)) else a,
        tree)


def _to_arrays(tree):
    return jax.tree_util.tree_map(lambda t: t._data if isinstance(t, Tensor) else t, tree,
                                  is_leaf=_is_t)


def _check_hook(hook):
    if not callable(hook):
        raise TypeError(f"Expected a callable hook function, but got {type(hook).__name__}.")


def _float0_safe(g, ref):
    """A hook's result as the cotangent of ``ref``: same dtype/shape; integer inputs get float0."""
    if not jnp.issubdtype(ref.dtype, jnp.inexact):
        return np.zeros(ref.shape, jax.dtypes.float0)
    return jnp.broadcast_to(jnp.asarray(g, ref.dtype), ref.shape)


def grad_tap(arrays, apply):
    """Identity on a pytree of arrays whose backward maps the cotangent tree through
    ``apply(tree of Tensors) -> tree of Tensors/arrays or None``."""
    leaves, tree = jax.tree_util.tree_flatten(arrays)
    shapes = [(a.shape, a.dtype) for a in leaves]

    @jax.custom_vjp
    def tap(xs):
        return xs

    def fwd(xs):
        return xs, None

    def bwd(_, gs):
        gs = [g if getattr(g, "dtype", None) != jax.dtypes.float0 else jnp.zeros(s, d)
              for g, (s, d) in zip(gs, shapes)]
        r = apply(jax.tree_util.tree_unflatten(tree, [Tensor._wrap(g) for g in gs]))
        if r is None:
            out = gs
        else:
            out = jax.tree_util.tree_leaves(_to_arrays(r))
            if len(out) != len(gs):
                raise ValueError(
                    f"A gradient hook should return {len(gs)} gradient(s) matching its input, "
                    f"but got {len(out)}.")
        return ([_float0_safe(g, ref) for g, ref in zip(out, leaves)],)

    tap.defvjp(fwd, bwd)
    return jax.tree_util.tree_unflatten(tree, tap(leaves))


# --- Tensor.register_hook -------------------------------------------------------------------------

class _TensorHookHandle:
    """What ``Tensor.register_hook`` returns: ``remove()`` takes the hook off the Tensor."""

    def __init__(self, tensor):
        self.id = None
        self.tensor_weakref = weakref.ref(tensor)

    def remove(self):
        t = self.tensor_weakref()
        if t is not None and self.id is not None:
            t.__dict__.get(_HOOKS, {}).pop(self.id, None)


def _run_hooks(hooks):
    def apply(g):
        for hk in list(hooks.values()):
            r = maybe_convert(hk)(g)
            if r is not None:
                g = r if isinstance(r, Tensor) else Tensor(r) if not _is_tracer(r) else Tensor._wrap(r)
        return g

    return apply


def register_hook(tensor, hook):
    """``Tensor.register_hook(hook)``: ``hook(grad) -> new grad or None`` sees the gradient of
    this Tensor. Returns a handle (PYNATIVE) or, inside a compiled construct, the Tensor itself."""
    _check_hook(hook)
    hooks = tensor.__dict__.get(_HOOKS)
    if hooks is None:
        hooks = tensor.__dict__[_HOOKS] = {}
    h = _TensorHookHandle(tensor)
    h.id = next(_ids)
    hooks[h.id] = hook
    from ...common.parameter import Parameter

    if not isinstance(tensor, Parameter) and _is_tracer(tensor._data) \
            and not tensor.__dict__.get("_ms_hook_tapped"):
        # made inside a traced/differentiated function: tap its value now
        tensor._data = grad_tap(tensor._data, _run_hooks(hooks))
        tensor.__dict__["_ms_hook_tapped"] = True
    if _in_jit():
        return tensor
    return h


def tensor_hooks(tensor):
    """``Tensor.hooks()``: the registered hook functions."""
    return list(tensor.__dict__.get(_HOOKS, {}).values())


def remove_hook(tensor, handle_id=None):
    """``Tensor.remove_hook(handle_id)``: removes one hook (all of them when no id is given)."""
    hooks = tensor.__dict__.get(_HOOKS, {})
    if handle_id is None:
        hooks.clear()
    else:
        hooks.pop(getattr(handle_id, "id", handle_id), None)


def apply_input_hooks(tensor, array):
    """Used by ``vjp_call`` for the inputs and weights of a gradient call: ``array`` (the traced
    value standing for ``tensor``) tapped with ``tensor``'s hooks, or unchanged."""
    hooks = getattr(tensor, "__dict__", {}).get(_HOOKS)
    if not hooks:
        return array
    return grad_tap(array, _run_hooks(hooks))


# --- HookBackward / InsertGradientOf ----------------------------------------------------------------

@primitive
class HookBackward(Primitive):
    """``ops.HookBackward(hook_fn)(*inputs)``: identity; ``hook_fn(grads)`` gets the tuple of the
    inputs' gradients and may return new ones (a tuple, or one Tensor for one input)."""

    def __init__(self, hook_fn, cell_id=""):
        super().__init__("HookBackward")
        _check_hook(hook_fn)
        self.cell_id = cell_id
        self.add_prim_attr("cell_id", cell_id)
        self.init_attrs["cell_id"] = cell_id
        self._hook_fn = hook_fn

    def __call__(self, *inputs):
        for x in inputs:
            if not isinstance(x, Tensor):
                raise_error(TypeError, "HookBackward",
                            f"the element of 'input' must be Tensor, but got {type(x).__name__}.")
        hook = self._hook_fn

        def apply(gs):
            r = maybe_convert(hook)(tuple(gs))
            if r is None:
                return None
            return r if isinstance(r, (tuple, list)) else (r,)

        out = grad_tap([x._data for x in inputs], apply)
        out = [Tensor._wrap(a) for a in out]
        return out[0] if len(out) == 1 else tuple(out)


@primitive
class InsertGradientOf(Primitive):
    """``ops.InsertGradientOf(f)(x)``: identity whose gradient is ``f(gradient)``."""

    def __init__(self, f):
        super().__init__("InsertGradientOf")
        self.add_prim_attr("side_effect_backprop", True)
        self.add_prim_attr("side_effect_backprop_mem", True)
        self.f = f

    def __call__(self, input_x):
        f = self.f

        def apply(g):
            r = maybe_convert(f)(g)
            if r is None:
                raise TypeError("For 'InsertGradientOf', the callback should return the new "
                                "gradient, but it returned None.")
            return r

        arrays = _to_arrays(input_x)
        if not jax.tree_util.tree_leaves(arrays):
            return input_x
        return _to_tensors(grad_tap(arrays, apply))


tensor_method("register_hook")(register_hook)
tensor_method("hooks")(tensor_hooks)
tensor_method("remove_hook")(remove_hook)
_autodiff.INPUT_HOOKS[0] = apply_input_hooks
