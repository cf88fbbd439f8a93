"""Python ``if``/``while``/``for`` on Tensor values, compiled to XLA control flow.

``construct`` methods and ``ms.jit`` functions traced in GRAPH_MODE are converted by
diastatic-malt (AutoGraph as a library) into calls to the operators below. Each operator first
tries plain Python: a condition whose value is known while tracing (a Python value, a shape, a
constant Tensor, or a Tensor under eager differentiation) runs exactly as Python would, which is
how MindSpore folds constant conditions and unrolls loops over CellLists. Only a condition
that depends on traced data becomes ``lax.cond`` / ``lax.while_loop``.

Parameter writes inside a staged branch or loop body are carried through it (a frame collects
them, they become extra outputs or loop carries). A ``while`` loop being differentiated (its
state holds JVP tracers) runs as a bounded ``lax.scan`` with a done flag, which reverse mode can
differentiate; the bound is ``set_max_loop_iterations`` (exceeding it raises at run time).
Conversion is cached per function and never used in PYNATIVE_MODE.
"""

from __future__ import annotations

import functools
import inspect
import logging
import types

import jax
import jax.numpy as jnp
import numpy as np

from ..common._state import ACTIVE
from ..common.tensor import Tensor
from .frame import Frame, apply_writes

_log = logging.getLogger("mindspore_jax.control_flow")

_MAX_LOOP_ITERS = [1000]


def set_max_loop_iterations(n):
    """Bound for differentiated ``while`` loops whose trip count depends on data (default 1000)."""
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"max loop iterations must be a positive int, got {n!r}.")
    _MAX_LOOP_ITERS[0] = n


def get_max_loop_iterations():
    return _MAX_LOOP_ITERS[0]


class ControlFlowError(TypeError):
    """A staged branch or loop whose variables do not agree in type or shape."""


# --- helpers ------------------------------------------------------------------------------------

def _is_tracer(x):
    return isinstance(x, jax.core.Tracer)


def _concrete_bool(cond):
    """Python truth value of ``cond`` if it is known while tracing, else None."""
    if isinstance(cond, Tensor):
        cond = cond._data
    if _is_tracer(cond):
        try:
            return bool(cond)
        except (jax.errors.TracerBoolConversionError, jax.errors.ConcretizationTypeError):
            return None
    return bool(cond)


def _pred(cond):
    a = cond._data if isinstance(cond, Tensor) else jnp.asarray(cond)
    if a.shape != ():
        if a.size != 1:
            raise ValueError(
                f"The condition of an 'if'/'while' must be a single-element Tensor, but got shape "
                f"{list(a.shape)}. Use .any() or .all().")
        a = a.reshape(())
    return a.astype(bool)


class _Undef:
    pass


def _is_undefined(v):
    return type(v).__name__ in ("Undefined", "UndefinedReturnValue")


def _leaf_kind(v):
    if isinstance(v, Tensor):
        return "tensor"
    if isinstance(v, (jax.Array, jax.core.Tracer)):
        return "array"
    if isinstance(v, (bool, int, float, np.number)) and not isinstance(v, np.ndarray):
        return "scalar"
    return "static"


def _describe(v):
    if isinstance(v, Tensor):
        return f"Tensor(shape={list(v.shape)}, dtype={v.dtype})"
    if _is_undefined(v):
        return "undefined"
    return f"{type(v).__name__} {v!r}"


def _flatten_state(state):
    return jax.tree_util.tree_flatten(state, is_leaf=lambda x: isinstance(x, Tensor))


def _as_array(v, like=None):
    if isinstance(v, Tensor):
        a = v._data
    elif isinstance(v, (jax.Array, jax.core.Tracer)):
        a = v
    elif isinstance(v, bool):
        a = jnp.asarray(v)
    elif isinstance(v, int):
        a = jnp.asarray(v, np.int64 if like is None else like.dtype)
    elif isinstance(v, float):
        a = jnp.asarray(v, np.float32 if like is None else like.dtype)
    else:
        a = jnp.asarray(v)
    return a


def _run_in_frame(fn):
    """Runs fn() in a frame; returns (result, writes {id: (param, value)})."""
    frame = Frame("cond")
    frame.__enter__()
    try:
        out = fn()
    except BaseException:
        frame.abort()
        raise
    return out, frame.close()


# --- if -----------------------------------------------------------------------------------------

def if_stmt(cond, body, orelse, get_state, set_state, symbol_names, nouts):
    c = _concrete_bool(cond)
    if c is not None:
        return body() if c else orelse()
    return _staged_if(_pred(cond), body, orelse, get_state, set_state, symbol_names)


def _branch_outputs(fn, init, get_state, set_state):
    set_state(init)
    _, writes = _run_in_frame(fn)
    out = get_state()
    set_state(init)
    return out, writes


def _staged_if(pred, body, orelse, get_state, set_state, symbol_names):
    init = get_state()
    names = list(symbol_names)
    # 1. trace both branches abstractly: output kinds, and which Parameters each writes
    probe = {}

    def probe_fn(which):
        fn = body if which else orelse

        def f():
            out, writes = _branch_outputs(fn, init, get_state, set_state)
            probe[which] = (out, writes)
            leaves, _ = _flatten_state(out)
            return [_as_array(v) for v in leaves if _leaf_kind(v) in ("tensor", "array")] + [
                v for _, v in writes.values()]

        return f

    jax.eval_shape(probe_fn(True))
    jax.eval_shape(probe_fn(False))
    out_t, w_t = probe[True]
    out_f, w_f = probe[False]
    params = {**{k: p for k, (p, _) in w_t.items()}, **{k: p for k, (p, _) in w_f.items()}}
    param_list = list(params.values())
    lt, tree_t = _flatten_state(out_t)
    lf, tree_f = _flatten_state(out_f)
    if tree_t != tree_f or len(lt) != len(lf):
        raise ControlFlowError(
            f"The branches of an 'if' on a Tensor condition give different structures for "
            f"{names}: {tree_t} vs {tree_f}.")
    # 2. decide per leaf: static (identical Python values) or dynamic (an array in both branches)
    dyn = []
    for i, (a, b) in enumerate(zip(lt, lf)):
        ka, kb = _leaf_kind(a), _leaf_kind(b)
        if ka == kb == "static" or ka == kb == "scalar":
            if a is b or (type(a) is type(b) and a == b):
                continue
            if ka == "static":
                if _is_undefined(a) or _is_undefined(b):
                    continue  # defined in one branch only and unused after: malt drops it
                raise ControlFlowError(_mismatch(names, i, a, b))
        if _is_undefined(a) or _is_undefined(b):
            continue
        aa, bb = _as_array(a), _as_array(b)
        if ka == "scalar":
            aa = _as_array(a, bb)
        if kb == "scalar":
            bb = _as_array(b, aa)
        if aa.shape != bb.shape or aa.dtype != bb.dtype:
            raise ControlFlowError(_mismatch(names, i, a, b))
        dyn.append(i)
    dyn_set = set(dyn)

    def branch(which):
        fn = body if which else orelse

        def f(_):
            out, writes = _branch_outputs(fn, init, get_state, set_state)
            leaves, _t = _flatten_state(out)
            ref = lt if which else lf
            other = lf if which else lt
            res = []
            for i in dyn:
                v = leaves[i]
                res.append(_as_array(v, _as_array(other[i]) if _leaf_kind(v) == "scalar" else None))
            pw = [writes[id(p)][1] if id(p) in writes else p._data for p in param_list]
            del ref
            return res, pw

        return f

    res, pw = jax.lax.cond(pred, branch(True), branch(False), None)
    final = []
    it = iter(res)
    for i, v in enumerate(lt):
        if i in dyn_set:
            a = next(it)
            final.append(Tensor._wrap(a))
        else:
            final.append(v)
    set_state(jax.tree_util.tree_unflatten(tree_t, final))
    apply_writes({id(p): (p, v) for p, v in zip(param_list, pw)})


def _mismatch(names, i, a, b):
    name = names[i] if i < len(names) else f"#{i}"
    return (f"In a graph-mode 'if' on a Tensor condition, the variable '{name}' has different "
            f"types in the two branches: {_describe(a)} in the true branch and {_describe(b)} in "
            f"the false branch. Both branches must give it the same shape and dtype.")


def if_exp(cond, if_true, if_false, expr_repr):
    c = _concrete_bool(cond)
    if c is not None:
        return if_true() if c else if_false()
    t, f = if_true(), if_false()
    ta, fa = _as_array(t), _as_array(f)
    if isinstance(t, (int, float)) and not isinstance(t, bool):
        ta = _as_array(t, fa)
    if isinstance(f, (int, float)) and not isinstance(f, bool):
        fa = _as_array(f, ta)
    if ta.dtype != fa.dtype:
        dt = jnp.promote_types(ta.dtype, fa.dtype)
        ta, fa = ta.astype(dt), fa.astype(dt)
    return Tensor._wrap(jnp.where(_pred(cond), ta, fa))


# --- while --------------------------------------------------------------------------------------

def while_stmt(test, body, get_state, set_state, symbol_names, opts):
    while True:
        t = test()
        c = _concrete_bool(t)
        if c is None:
            return _staged_while(test, body, get_state, set_state, symbol_names)
        if not c:
            return
        body()


def _loop_signature(state, names):
    leaves, tree = _flatten_state(state)
    return leaves, tree


def _staged_while(test, body, get_state, set_state, symbol_names):
    names = list(symbol_names)
    init = get_state()
    leaves0, tree0 = _flatten_state(init)
    # probe one iteration: which leaves change, and which Parameters the body writes
    probe = {}

    def probe_fn():
        set_state(init)
        _, writes = _run_in_frame(body)
        out = get_state()
        set_state(init)
        probe["out"], probe["writes"] = out, writes
        lv, _ = _flatten_state(out)
        return [_as_array(v) for v in lv if _leaf_kind(v) in ("tensor", "array", "scalar")]

    jax.eval_shape(probe_fn)
    leaves1, tree1 = _flatten_state(probe["out"])
    if tree1 != tree0:
        raise ControlFlowError(f"A graph-mode 'while' loop changes the structure of {names}.")
    params = [p for p, _ in probe["writes"].values()]
    carry_idx = []
    for i, (a, b) in enumerate(zip(leaves0, leaves1)):
        ka, kb = _leaf_kind(a), _leaf_kind(b)
        if ka == kb == "static":
            if a is b or a == b:
                continue
            if _is_undefined(a):
                continue
            raise ControlFlowError(
                f"In a graph-mode 'while' loop, the variable '{names[i] if i < len(names) else i}' "
                f"changes between iterations to a non-Tensor value ({_describe(a)} -> {_describe(b)}).")
        if _is_undefined(a):
            continue  # loop-local
        if ka == kb == "scalar" and a is b:
            continue
        carry_idx.append(i)
    for i in carry_idx:
        a, b = leaves0[i], leaves1[i]
        aa = _as_array(a, _as_array(b) if _leaf_kind(a) == "scalar" else None)
        bb = _as_array(b, aa)
        if aa.shape != bb.shape:
            raise ControlFlowError(
                f"In a graph-mode 'while' loop, the variable '{names[i] if i < len(names) else i}' "
                f"changes shape between iterations: {list(aa.shape)} -> {list(bb.shape)}.")

    def init_carry():
        c = []
        for i in carry_idx:
            a, b = leaves0[i], leaves1[i]
            c.append(_as_array(a, _as_array(b) if _leaf_kind(a) == "scalar" else None))
        return c, [p._data for p in params]

    carry0 = init_carry()
    dtypes = [x.dtype for x in carry0[0]]

    def load(carry):
        vals, pvals = carry
        lv = list(leaves0)
        for i, v in zip(carry_idx, vals):
            lv[i] = Tensor._wrap(v)
        set_state(jax.tree_util.tree_unflatten(tree0, lv))
        for p, v in zip(params, pvals):
            p._value = v

    def store():
        out = get_state()
        lv, _ = _flatten_state(out)
        vals = [_as_array(lv[i]).astype(dt) for i, dt in zip(carry_idx, dtypes)]
        return vals, [p._value for p in params]

    saved_params = [p._value for p in params]

    def cond_fn(carry):
        load(carry)
        return _pred(test())

    def body_fn(carry):
        load(carry)
        body()
        return store()

    differentiated = _under_autodiff(carry0, params)
    frame = Frame("cond")
    frame.__enter__()
    try:
        if differentiated:
            final = _bounded_while(cond_fn, body_fn, carry0)
        else:
            final = jax.lax.while_loop(cond_fn, body_fn, carry0)
    except BaseException:
        frame.abort()
        for p, v in zip(params, saved_params):
            p._value = v
        raise
    frame.close()
    for p, v in zip(params, saved_params):
        p._value = v
    load_vals, pvals = final
    lv = list(leaves0)
    for i, v in zip(carry_idx, load_vals):
        lv[i] = Tensor._wrap(v)
    set_state(jax.tree_util.tree_unflatten(tree0, lv))
    apply_writes({id(p): (p, v) for p, v in zip(params, pvals)})


def _is_ad_tracer(x):
    return _is_tracer(x) and type(x).__module__.endswith("interpreters.ad")


def _under_autodiff(carry0, params):
    """True when the loop runs under jvp/vjp (some input or closed-over Parameter is an AD
    tracer), so it must be reverse-differentiable."""
    if any(_is_ad_tracer(x) for x in jax.tree_util.tree_leaves(carry0)):
        return True
    f = ACTIVE[0]
    while f is not None:
        if f.kind == "grad" and any(_is_ad_tracer(v) for _, v in f.bound.values()):
            return True
        f = f.parent
    return False


def _bounded_while(cond_fn, body_fn, carry0):
    """A while loop reverse mode can differentiate: a scan of fixed length with a done flag."""
    bound = _MAX_LOOP_ITERS[0]

    def step(state, _):
        carry, done = state
        go = jnp.logical_and(jnp.logical_not(done), cond_fn(carry))
        new = jax.lax.cond(go, body_fn, lambda c: c, carry)
        return (new, jnp.logical_not(go)), None

    (final, done), _ = jax.lax.scan(step, (carry0, jnp.asarray(False)), None, length=bound)
    still = jnp.logical_and(jnp.logical_not(done), cond_fn(final))

    def check(s):
        if bool(s):
            raise RuntimeError(
                f"A differentiated graph-mode 'while' loop ran past {bound} iterations. Raise the "
                "bound with mindspore_jax._graph.control_flow.set_max_loop_iterations(n).")

    jax.debug.callback(check, still)
    return final


# --- for ----------------------------------------------------------------------------------------

class _TracedRange:
    """``range(start, stop, step)`` with traced bounds (from ``range(tensor)``)."""

    def __init__(self, *args):
        vals = [a._data if isinstance(a, Tensor) else a for a in args]
        if len(vals) == 1:
            vals = [0, vals[0], 1]
        elif len(vals) == 2:
            vals = [vals[0], vals[1], 1]
        self.start, self.stop, self.step = vals


def range_(*args):
    if any(isinstance(a, Tensor) and _concrete_bool_int(a) is None for a in args):
        return _TracedRange(*args)
    return range(*[int(a) if isinstance(a, Tensor) else a for a in args])


def _concrete_bool_int(t):
    try:
        return int(t._data if isinstance(t, Tensor) else t)
    except (jax.errors.TracerIntegerConversionError, jax.errors.ConcretizationTypeError, TypeError):
        return None


def for_stmt(iter_, extra_test, body, get_state, set_state, symbol_names, opts):
    if isinstance(iter_, _TracedRange):
        return _staged_range_for(iter_, extra_test, body, get_state, set_state, symbol_names)
    if isinstance(iter_, range) and extra_test is not None:
        it = iter(iter_)
        for target in it:
            c = _concrete_bool(extra_test())
            if c is None:
                start = target
                rest = _TracedRange(start, iter_.stop, iter_.step)
                return _staged_range_for(rest, extra_test, body, get_state, set_state,
                                         symbol_names)
            if not c:
                return
            body(target)
        return
    if extra_test is not None:
        for target in iter_:
            c = _concrete_bool(extra_test())
            if c is None:
                raise ControlFlowError(
                    "A 'break' that depends on a Tensor value inside a 'for' loop over a Python "
                    "sequence cannot be compiled; loop over range(...) instead.")
            if not c:
                return
            body(target)
        return
    for target in iter_:
        body(target)


def _staged_range_for(rng, extra_test, body, get_state, set_state, symbol_names):
    """``for i in range(traced)``: a while loop over the index."""
    holder = {"i": _as_array(rng.start).astype(np.int64)}
    stop = _as_array(rng.stop).astype(np.int64)
    step = _as_array(rng.step).astype(np.int64)

    def g():
        return (Tensor._wrap(holder["i"]), get_state())

    def s(state):
        holder["i"] = state[0]._data if isinstance(state[0], Tensor) else state[0]
        set_state(state[1])

    def test():
        i = holder["i"]
        cont = jnp.where(step > 0, i < stop, i > stop)
        if extra_test is not None:
            cont = jnp.logical_and(cont, _pred(extra_test()))
        return Tensor._wrap(cont)

    def b():
        i = holder["i"]
        body(Tensor._wrap(i))
        holder["i"] = i + step

    _staged_while(test, b, g, s, ("<index>",) + tuple(symbol_names))


# --- logical operators ----------------------------------------------------------------------------

def and_(a, b):
    av = a()
    c = _concrete_bool(av)
    if c is not None:
        return b() if c else av
    return Tensor._wrap(jnp.logical_and(_pred(av), _pred(b())))


def or_(a, b):
    av = a()
    c = _concrete_bool(av)
    if c is not None:
        return av if c else b()
    return Tensor._wrap(jnp.logical_or(_pred(av), _pred(b())))


def not_(a):
    c = _concrete_bool(a)
    if c is not None:
        return not c
    return Tensor._wrap(jnp.logical_not(_pred(a)))


# --- conversion -----------------------------------------------------------------------------------

_transpiler = None
_converted = {}
_failed = set()


def _make_transpiler():
    from malt.core import config, config_lib
    from malt.impl import api
    from malt.operators import py_builtins

    extra = tuple(config_lib.DoNotConvert(m) for m in (
        "mindspore_jax", "jax", "jaxlib", "numpy", "optax", "flax", "scipy", "mindspore"))
    if not any(getattr(r, "_prefix", None) == "mindspore_jax" for r in config.CONVERSION_RULES):
        config.CONVERSION_RULES = extra + tuple(config.CONVERSION_RULES)

    class _PyToMs(api.PyToPy):
        def get_extra_locals(self):
            if self._extra_locals is None:
                base = super().get_extra_locals()["ag__"]
                mod = types.ModuleType("mindspore_jax_ag")
                mod.__dict__.update(base.__dict__)
                mod.if_stmt = if_stmt
                mod.while_stmt = while_stmt
                mod.for_stmt = for_stmt
                mod.if_exp = if_exp
                mod.and_ = and_
                mod.or_ = or_
                mod.not_ = not_
                self._extra_locals = {"ag__": mod}
            return self._extra_locals

    orig_overload = py_builtins.overload_of

    def overload_of(f):
        if f is range:
            return range_
        return orig_overload(f)

    py_builtins.overload_of = overload_of
    api.py_builtins.overload_of = overload_of
    return _PyToMs()


def convert(fn):
    """The converted version of plain function ``fn`` (cached), or ``fn`` if it cannot be."""
    global _transpiler
    key = fn
    hit = _converted.get(key)
    if hit is not None:
        return hit
    if key in _failed:
        return fn
    try:
        inspect.getsource(fn)
    except (OSError, TypeError):
        _failed.add(key)
        return fn
    try:
        if _transpiler is None:
            _transpiler = _make_transpiler()
        from malt.core import converter

        ctx = converter.ProgramContext(options=converter.ConversionOptions(
            recursive=True, user_requested=True, optional_features=None))
        new, _module, _smap = _transpiler.transform(fn, ctx)
    except Exception as e:  # noqa: BLE001 - fall back to the original; errors show when it runs
        _log.debug("control-flow conversion of %s failed: %s", getattr(fn, "__qualname__", fn), e)
        _failed.add(key)
        return fn
    _converted[key] = new
    return new


def converted_callable(fn):
    """``fn`` (function, bound method or callable) with its control flow converted."""
    if isinstance(fn, functools.partial):
        return functools.partial(converted_callable(fn.func), *fn.args, **(fn.keywords or {}))
    if inspect.ismethod(fn):
        return types.MethodType(convert(fn.__func__), fn.__self__)
    if inspect.isfunction(fn):
        return convert(fn)
    return fn


def maybe_convert(fn):
    """Converts user code called while a jit trace is active; library code and eager runs
    (PYNATIVE_MODE, eager gradients) are left alone."""
    f = ACTIVE[0]
    if f is None or f.root_jit is None:
        return fn
    target = fn.__func__ if inspect.ismethod(fn) else fn
    mod = getattr(target, "__module__", None) or ""
    if mod.startswith("mindspore_jax") or not (inspect.isfunction(target) or
                                                isinstance(fn, functools.partial)):
        return fn
    return converted_callable(fn)


def to_code(fn):
    """The converted source of ``fn``, for debugging."""
    from malt import to_code as _to_code

    return _to_code(fn)
