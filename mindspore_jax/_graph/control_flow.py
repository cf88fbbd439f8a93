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
from .errors import register_source_map, where
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
    """A staged branch or loop whose variables do not agree in type or shape; the message ends
    with the user's source line (file:line)."""

    def __init__(self, msg):
        super().__init__(f"{msg} {where()}")


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


def _fresh(state):
    """``state`` with each plain Tensor re-wrapped, so a body that writes one in place
    (``x[i] = v`` is Tensor.__setitem__) cannot leak a traced value into the caller's object."""
    leaves, tree = _flatten_state(state)
    return jax.tree_util.tree_unflatten(
        tree, [Tensor._wrap(v._data) if type(v) is Tensor else v for v in leaves])


def _placeholder(like):
    """A zero value standing for a variable still undefined on one path (a ``return`` value
    or a variable first assigned inside the branch/loop): it is never read on that path."""
    a = _as_array(like)
    return jnp.zeros(a.shape, a.dtype)


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
    set_state(_fresh(init))
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

    raised = {}
    for which in (True, False):
        try:
            jax.eval_shape(probe_fn(which))
        except Exception as e:  # noqa: BLE001 - only a user's `raise` statement is kept
            if not getattr(e, "_ms_user_raise", False):
                raise
            raised[which] = e
    if raised:
        # MindSpore raises when the graph runs: a run-time check, then only the other branch
        if len(raised) == 2:
            _runtime_check(pred, raised[True])
            _runtime_check(jnp.logical_not(pred), raised[False])
            return
        which = next(iter(raised))
        _runtime_check(pred if which else jnp.logical_not(pred), raised[which])
        (orelse if which else body)()
        return
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
    # 2. decide per leaf: static (identical Python values) or dynamic (an array in both
    # branches, or an array in one and still undefined in the other: a zero placeholder there)
    dyn = {}  # leaf index -> (shape, dtype)
    for i, (a, b) in enumerate(zip(lt, lf)):
        ka, kb = _leaf_kind(a), _leaf_kind(b)
        ua, ub = _is_undefined(a), _is_undefined(b)
        if ua and ub:
            continue
        if ua or ub:
            v = b if ua else a
            if _leaf_kind(v) in ("tensor", "array", "scalar"):
                dyn[i] = _spec(_as_array(v))
                continue
            if ua:  # a Python value on the false path only: unused after (malt drops it)
                lt[i] = v
            continue
        if ka == kb == "static" or ka == kb == "scalar":
            if a is b or (type(a) is type(b) and a == b):
                continue
            if ka == "static":
                raise ControlFlowError(_mismatch(names, i, a, b))
        if "static" in (ka, kb):
            raise ControlFlowError(_mismatch(names, i, a, b))
        aa, bb = _as_array(a), _as_array(b)
        if ka == "scalar":
            aa = _as_array(a, bb)
        if kb == "scalar":
            bb = _as_array(b, aa)
        if aa.shape != bb.shape or aa.dtype != bb.dtype:
            raise ControlFlowError(_mismatch(names, i, a, b))
        dyn[i] = _spec(aa)

    def branch(which):
        fn = body if which else orelse

        def f(_):
            out, writes = _branch_outputs(fn, init, get_state, set_state)
            leaves, _t = _flatten_state(out)
            res = []
            for i, (shape, dtype) in dyn.items():
                v = leaves[i]
                if _is_undefined(v):
                    res.append(jnp.zeros(shape, dtype))
                else:
                    res.append(_as_array(v).astype(dtype) if _leaf_kind(v) == "scalar"
                               else _as_array(v))
            pw = [writes[id(p)][1] if id(p) in writes else p._data for p in param_list]
            return res, pw

        return f

    res, pw = jax.lax.cond(pred, branch(True), branch(False), None)
    final = []
    it = iter(res)
    for i, v in enumerate(lt):
        if i in dyn:
            final.append(Tensor._wrap(next(it)))
        else:
            final.append(v)
    set_state(jax.tree_util.tree_unflatten(tree_t, final))
    apply_writes({id(p): (p, v) for p, v in zip(param_list, pw)})


def _spec(a):
    return tuple(a.shape), a.dtype


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
        set_state(_fresh(init))
        _, writes = _run_in_frame(body)
        out = get_state()
        set_state(init)
        probe["out"], probe["writes"] = out, writes
        lv, _ = _flatten_state(out)
        return [_as_array(v) for v in lv if _leaf_kind(v) in ("tensor", "array", "scalar")]

    jax.eval_shape(probe_fn)
    leaves1, tree1 = _flatten_state(probe["out"])
    if tree1 != tree0:
        raise ControlFlowError(
            f"A graph-mode 'while' loop changes the structure of {names} (from {tree0} to "
            f"{tree1}), e.g. a list that grows in a loop whose trip count depends on a Tensor. "
            "Preallocate a Tensor and write x[i] = v, or loop over a Python range.")
    params = [p for p, _ in probe["writes"].values()]
    carry_idx = []
    leaves0 = list(leaves0)
    for i, (a, b) in enumerate(zip(leaves0, leaves1)):
        ka, kb = _leaf_kind(a), _leaf_kind(b)
        if _is_undefined(a):
            if _leaf_kind(b) in ("tensor", "array", "scalar"):
                # first assigned inside the loop (e.g. a 'return' value): carried, starting
                # from a placeholder that the loop's own flag keeps unread
                leaves0[i] = Tensor._wrap(_placeholder(b))
                carry_idx.append(i)
            continue
        if ka == kb == "static":
            if a is b or a == b:
                continue
            raise ControlFlowError(
                f"In a graph-mode 'while' loop, the variable '{_name(names, i)}' changes between "
                f"iterations to a non-Tensor value ({_describe(a)} -> {_describe(b)}).")
        if "static" in (ka, kb):
            raise ControlFlowError(
                f"In a graph-mode 'while' loop, the variable '{_name(names, i)}' changes type "
                f"between iterations ({_describe(a)} -> {_describe(b)}).")
        if ka == kb == "scalar" and a is b:
            continue
        carry_idx.append(i)
    for i in carry_idx:
        a, b = leaves0[i], leaves1[i]
        aa = _as_array(a, _as_array(b) if _leaf_kind(a) == "scalar" else None)
        bb = _as_array(b, aa)
        if aa.shape != bb.shape:
            raise ControlFlowError(
                f"In a graph-mode 'while' loop, the variable '{_name(names, i)}' changes shape "
                f"between iterations: {list(aa.shape)} -> {list(bb.shape)}.")

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
        vals = []
        for i, dt in zip(carry_idx, dtypes):
            if _is_undefined(lv[i]):
                raise ControlFlowError(
                    f"In a graph-mode 'while' loop, the variable '{_name(names, i)}' is "
                    "undefined after an iteration.")
            vals.append(_as_array(lv[i]).astype(dt))
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


def _name(names, i):
    return names[i] if i < len(names) else f"#{i}"


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

    item_writes = _item_writes_converter()

    class _PyToMs(api.PyToPy):
        def transform_function(self, fn, user_context):
            new, module, smap = super().transform_function(fn, user_context)
            register_source_map(getattr(module, "__file__", None), smap)
            return new, module, smap

        def transform_ast(self, node, ctx):
            # before malt's passes: `x[k] = v`, `x[k] op= v` and `x.append(v)` on a local name
            # become rebindings of x, so x is carried through staged branches and loops
            node = item_writes(node, ctx)
            return super().transform_ast(node, ctx)

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
                mod.ms_set_item = set_item
                mod.ms_aug_set_item = aug_set_item
                mod.ms_append = append
                mod.ms_raise = raise_
                mod.ms_assert = assert_
                mod.ms_unsupported = unsupported
                self._extra_locals = {"ag__": mod}
            return self._extra_locals

    orig_overload = py_builtins.overload_of

    def overload_of(f):
        if f is range:
            return range_
        return orig_overload(f)

    py_builtins.overload_of = overload_of
    api.py_builtins.overload_of = overload_of
    tr = _PyToMs()
    # functions the converted code calls (helpers, methods, nested functions) are converted by
    # malt's converted_call through its module-level transpiler: make it ours, so they get these
    # operators too (malt is used by nothing else here)
    api._TRANSPILER = tr
    return tr


# --- raise / assert / unsupported statements ------------------------------------------------------

_RAISED = []  # the exception a compiled graph's runtime check raised (read by jit.py)
RUNTIME_CHECKS = [0]  # counts checks staged into traces (jit.py: such graphs sync after a call)


def raise_(exc):
    """``raise exc``: marked so that a staged ``if`` can turn it into a run-time check."""
    if isinstance(exc, type):
        exc = exc()
    try:
        exc._ms_user_raise = True
    except AttributeError:
        pass
    raise exc


def _runtime_check(fail, exc):
    """Raises ``exc`` when the compiled graph runs and traced bool ``fail`` is true."""
    RUNTIME_CHECKS[0] += 1

    def check(f):
        if bool(f) and not _RAISED:
            _RAISED.append(exc)

    jax.debug.callback(check, fail)


def take_raised():
    """The exception a run-time check recorded during the last compiled call, if any (the
    compiled call of a graph holding checks waits for its outputs, then raises this)."""
    exc = _RAISED[-1] if _RAISED else None
    _RAISED.clear()
    return exc


def assert_(test, msg):
    c = _concrete_bool(test)
    if c is None:
        m = msg()
        _runtime_check(jnp.logical_not(_pred(test)),
                       AssertionError(m) if m is not None else AssertionError())
        return
    if not c:
        m = msg()
        raise AssertionError(m) if m is not None else AssertionError()


def unsupported(what, filename, line):
    from .errors import GraphSyntaxError

    raise GraphSyntaxError(what, filename, line)


# --- in-place writes ------------------------------------------------------------------------------

def set_item(target, key, value):
    """``target[key] = value`` (Tensor.__setitem__, list, dict...), returning target."""
    target[key] = value
    return target


def aug_set_item(target, key, op, value):
    """``target[key] op= value``."""
    import operator

    target[key] = getattr(operator, op)(target[key], value)
    return target


def append(target, value):
    target.append(value)
    return target


_AUG_OPS = {"Add": "iadd", "Sub": "isub", "Mult": "imul", "Div": "itruediv", "FloorDiv":
            "ifloordiv", "Mod": "imod", "Pow": "ipow", "MatMult": "imatmul", "BitAnd": "iand",
            "BitOr": "ior", "BitXor": "ixor", "LShift": "ilshift", "RShift": "irshift"}


def _orig_line(ctx, node):
    from malt.pyct import anno

    origin = anno.getanno(node, anno.Basic.ORIGIN, default=None)
    if origin is not None:
        return origin.loc.filename, origin.loc.lineno
    return ctx.info.source_file, getattr(node, "lineno", 0)


def _item_writes_converter():
    import ast
    from malt.core import converter
    from malt.pyct import templates

    def key_expr(s):
        if isinstance(s, ast.Slice):
            parts = [p if p is not None else ast.Constant(value=None)
                     for p in (s.lower, s.upper, s.step)]
            return ast.Call(func=ast.Name(id="slice", ctx=ast.Load()), args=parts, keywords=[])
        if isinstance(s, ast.Tuple):
            return ast.Tuple(elts=[key_expr(e) for e in s.elts], ctx=ast.Load())
        return s

    def local_subscript(t):
        return isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)

    class ItemWrites(converter.Base):
        def visit_Assign(self, node):
            node = self.generic_visit(node)
            if len(node.targets) == 1 and local_subscript(node.targets[0]):
                t = node.targets[0]
                return templates.replace("target = ag__.ms_set_item(target, key, value)",
                                         target=t.value, key=key_expr(t.slice), value=node.value)
            return node

        def visit_AugAssign(self, node):
            node = self.generic_visit(node)
            op = _AUG_OPS.get(type(node.op).__name__)
            if op is not None and local_subscript(node.target):
                t = node.target
                return templates.replace(
                    "target = ag__.ms_aug_set_item(target, key, op, value)", target=t.value,
                    key=key_expr(t.slice), op=ast.Constant(value=op),
                    value=node.value)
            return node

        def visit_Raise(self, node):
            node = self.generic_visit(node)
            if node.exc is None or node.cause is not None:
                return node
            return templates.replace("ag__.ms_raise(exc)", exc=node.exc)

        def visit_Assert(self, node):
            node = self.generic_visit(node)
            msg = node.msg if node.msg is not None else ast.Constant(value=None)
            return templates.replace("ag__.ms_assert(test, lambda: msg)", test=node.test, msg=msg)

        def _unsupported(self, node, what):
            fn, line = _orig_line(self.ctx, node)
            return templates.replace("ag__.ms_unsupported(what, fn, line)",
                                     what=ast.Constant(value=what), fn=ast.Constant(value=fn),
                                     line=ast.Constant(value=line))

        def visit_Try(self, node):
            return self._unsupported(node, "Try")

        def visit_TryStar(self, node):
            return self._unsupported(node, "Try")

        def visit_Expr(self, node):
            node = self.generic_visit(node)
            c = node.value
            if (isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                    and c.func.attr == "append" and isinstance(c.func.value, ast.Name)
                    and len(c.args) == 1 and not c.keywords):
                return templates.replace("target = ag__.ms_append(target, value)",
                                         target=c.func.value, value=c.args[0])
            return node

    def run(node, ctx):
        return ItemWrites(ctx).visit(node)

    return run


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
