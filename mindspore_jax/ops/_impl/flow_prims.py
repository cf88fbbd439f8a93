"""Functional loop primitives: ``ops.WhileLoop``, ``ops.ForiLoop`` and ``ops.Scan``.

MindSpore runs them as plain Python loops in PYNATIVE_MODE and compiles them in GRAPH_MODE.
Here a loop whose trip count is known while tracing (Python values, concrete Tensors, eager
differentiation) runs as Python too, which unrolls it in a compiled trace (MindSpore's
``unroll=True``). A loop that depends on traced data, and ``unroll=False`` with known bounds,
becomes ``lax.while_loop`` / ``lax.scan``: the loop state is the Tensors and the numbers of
``init_val`` that the body changes; strings, None and unchanged numbers stay Python values.
``ForiLoop`` with known bounds and ``Scan`` stay reverse-differentiable (``lax.scan``); a
``WhileLoop`` or a ``ForiLoop`` with traced bounds under a gradient runs as the compiler's
bounded loop (``_graph.control_flow.set_max_loop_iterations``).

As MindSpore documents, the loop function must not write Parameters, and its result must keep
the type and shape of ``init_val`` (else ValueError).
"""

from __future__ import annotations

import types

import jax
import jax.numpy as jnp
import numpy as np

from ...common._state import ACTIVE
from ...common.tensor import Tensor
from ..._graph.control_flow import (_as_array, _bounded_while, _concrete_bool,
                                    _concrete_bool_int, _pred, _run_in_frame, _under_autodiff,
                                    maybe_convert)
from .._registry import primitive, raise_error
from ..primitive import Primitive

_FUNC_TYPES = (types.FunctionType, types.MethodType)


def _type_name(v):
    return "Tensor" if isinstance(v, Tensor) else type(v).__name__


def _check_type(op_name, arg, value, valid, names):
    if not isinstance(value, valid):
        raise_error(TypeError, op_name,
                    f"the type of '{arg}' should be one of '{names}', but got type "
                    f"'{_type_name(value)}'.")


def _check_func(op_name, arg, f):
    _check_type(op_name, arg, f, _FUNC_TYPES, "['function', 'method']")


def _LoopFuncError(msg):  # noqa: N802 - our own checks: ValueError, not wrapped again
    e = ValueError(msg)
    e._ms_loop_checked = True
    return e


def _invalid(e):
    if getattr(e, "_ms_loop_checked", False):
        return e
    return _LoopFuncError(
        f"Invalid loop_func, please check input arguments and return value, error info: {e}")


def _in_jit():
    f = ACTIVE[0]
    return f is not None and f.root_jit is not None


def _is_leaf(x):
    return isinstance(x, Tensor)


def _is_num(v):
    return isinstance(v, (bool, int, float, np.number)) and not isinstance(v, np.ndarray)


def _is_arr(v):
    return isinstance(v, (Tensor, jax.Array, jax.core.Tracer))


def _arr(v):
    return v._data if isinstance(v, Tensor) else v


# --- the loop state --------------------------------------------------------------------------------

class _State:
    """Splits a pytree loop value into carried arrays and fixed Python leaves.

    ``probe(leaves_in -> leaves_out)`` runs the body once abstractly to see which numbers change
    and to check that the body keeps the structure, shapes and dtypes.
    """

    def __init__(self, op_name, value):
        self.op_name = op_name
        self.leaves, self.tree = jax.tree_util.tree_flatten(value, is_leaf=_is_leaf)
        self.carried = [i for i, v in enumerate(self.leaves) if _is_arr(v)]

    def probe(self, body_out_leaves):
        """``body_out_leaves(value) -> (out leaves info)``: decides the carried leaves."""
        info = {}

        def run(arrs):
            lv = list(self.leaves)
            for i, a in zip(self.carried, arrs):
                lv[i] = Tensor._wrap(a)
            out = body_out_leaves(jax.tree_util.tree_unflatten(self.tree, lv))
            ol, otree = jax.tree_util.tree_flatten(out, is_leaf=_is_leaf)
            info["tree"] = otree
            info["leaves"] = [("arr", tuple(_arr(v).shape), _arr(v).dtype) if _is_arr(v)
                              else ("py", v) for v in ol]
            return 0

        _, writes = _run_in_frame(lambda: jax.eval_shape(run, [_arr(self.leaves[i])
                                                               for i in self.carried]))
        if writes:
            raise _LoopFuncError(
                f"For '{self.op_name}', a 'loop_func' that writes Parameters (a side effect) is "
                "not supported.")
        if info["tree"] != self.tree:
            raise _LoopFuncError(
                f"For '{self.op_name}', the 'loop_func' should return a value of the same type as "
                f"the initial value, but the structure changed from {self.tree} to {info['tree']}.")
        carried = []
        self.dtypes = []
        for i, (v, o) in enumerate(zip(self.leaves, info["leaves"])):
            if _is_arr(v):
                a = _arr(v)
                if o[0] != "arr" or o[1] != tuple(a.shape) or o[2] != a.dtype:
                    got = (f"Tensor(shape={list(o[1])}, dtype={o[2]})" if o[0] == "arr"
                           else type(o[1]).__name__)
                    raise _LoopFuncError(
                        f"For '{self.op_name}', the 'loop_func' should keep the type and shape of "
                        f"the initial value, but element {i} changed from Tensor(shape="
                        f"{list(a.shape)}, dtype={a.dtype}) to {got}.")
                carried.append(i)
                self.dtypes.append(a.dtype)
            elif _is_num(v):
                if o[0] == "py" and type(o[1]) is type(v) and o[1] == v:
                    continue  # unchanged number: stays a Python value
                if o[0] == "arr" and o[1] != ():
                    raise _LoopFuncError(
                        f"For '{self.op_name}', the 'loop_func' should keep the type and shape "
                        f"of the initial value, but element {i} changed from a number to a "
                        f"Tensor of shape {list(o[1])}.")
                carried.append(i)
                self.dtypes.append(o[2] if o[0] == "arr" else _as_array(v).dtype)
            elif o[0] != "py" or not (o[1] is v or o[1] == v):
                raise _LoopFuncError(
                    f"For '{self.op_name}', the 'loop_func' changes the non-Tensor element {i} "
                    f"({v!r}), which is not supported when the loop is compiled.")
        self.carried = carried

    def init(self):
        return [jnp.asarray(_arr(self.leaves[i]), dt) for i, dt in zip(self.carried, self.dtypes)]

    def build(self, carry):
        lv = list(self.leaves)
        for i, a in zip(self.carried, carry):
            lv[i] = Tensor._wrap(a)
        return jax.tree_util.tree_unflatten(self.tree, lv)

    def unbuild(self, value):
        lv = jax.tree_util.tree_leaves(value, is_leaf=_is_leaf)
        return [_as_array(lv[i]).astype(dt) for i, dt in zip(self.carried, self.dtypes)]


def _run_loop(fn):
    """Runs a staged loop with Parameter writes forbidden (checked by the probe)."""
    out, writes = _run_in_frame(fn)
    if writes:
        raise _LoopFuncError("A 'loop_func' that writes Parameters (a side effect) is not supported.")
    return out


def _while(cond_fn, body_fn, carry0):
    if _under_autodiff(carry0, []):
        return _bounded_while(cond_fn, body_fn, carry0)
    return jax.lax.while_loop(cond_fn, body_fn, carry0)


# --- WhileLoop -------------------------------------------------------------------------------------

def _staged_while(cond_func, loop_func, val):
    st = _State("WhileLoop", val)
    st.probe(loop_func)
    carry0 = st.init()

    def cond_fn(c):
        return _pred(cond_func(st.build(c)))

    def body_fn(c):
        return st.unbuild(loop_func(st.build(c)))

    return st.build(_run_loop(lambda: _while(cond_fn, body_fn, carry0)))


@primitive
class WhileLoop(Primitive):
    """``ops.WhileLoop()(cond_func, loop_func, init_val)``: ``while cond_func(v): v = loop_func(v)``."""

    def __init__(self):
        super().__init__("WhileLoop")

    def __call__(self, cond_func, loop_func, init_val):
        _check_func("WhileLoop", "cond_func", cond_func)
        _check_func("WhileLoop", "loop_func", loop_func)
        cond_func, loop_func = maybe_convert(cond_func), maybe_convert(loop_func)
        val = init_val
        try:
            while True:
                c = _concrete_bool(cond_func(val))
                if c is None:
                    return _staged_while(cond_func, loop_func, val)
                if not c:
                    return val
                val = loop_func(val)
        except Exception as e:  # noqa: BLE001 - MindSpore reports any failure as ValueError
            raise _invalid(e) from e


# --- ForiLoop --------------------------------------------------------------------------------------

def _staged_fori(lower, upper, loop_func, val, static):
    st = _State("ForiLoop", val)
    st.probe(lambda v: loop_func(Tensor._wrap(jnp.asarray(0, jnp.int64)), v))
    carry0 = st.init()

    def step(i, c):
        return st.unbuild(loop_func(Tensor._wrap(jnp.asarray(i, jnp.int64)), st.build(c)))

    if static:
        lo, hi = lower, upper

        def run():
            if hi <= lo:
                return carry0

            def f(c, i):
                return step(i, c), None

            return jax.lax.scan(f, carry0, jnp.arange(lo, hi, dtype=jnp.int64))[0]
    else:
        lo = jnp.asarray(_arr(lower)).astype(jnp.int64).reshape(())
        hi = jnp.asarray(_arr(upper)).astype(jnp.int64).reshape(())

        def cond_fn(ic):
            return ic[0] < hi

        def body_fn(ic):
            return ic[0] + 1, step(ic[0], ic[1])

        def run():
            if _under_autodiff(carry0, []):
                return _bounded_while(cond_fn, body_fn, (lo, carry0))[1]
            return jax.lax.while_loop(cond_fn, body_fn, (lo, carry0))[1]

    return st.build(_run_loop(run))


@primitive
class ForiLoop(Primitive):
    """``ops.ForiLoop()(lower, upper, loop_func, init_val, unroll=True)``:
    ``for i in range(lower, upper): v = loop_func(i, v)``."""

    def __init__(self):
        super().__init__("ForiLoop")

    def __call__(self, lower, upper, loop_func, init_val, unroll=True):
        _check_type("ForiLoop", "lower", lower, (int, Tensor), "['int', 'Tensor']")
        _check_type("ForiLoop", "upper", upper, (int, Tensor), "['int', 'Tensor']")
        _check_func("ForiLoop", "loop_func", loop_func)
        loop_func = maybe_convert(loop_func)
        lo, hi = _concrete_bool_int(lower), _concrete_bool_int(upper)
        try:
            if lo is not None and hi is not None and (unroll or not _in_jit()):
                val = init_val
                for i in range(lo, hi):
                    val = loop_func(i, val)
                return val
            static = lo is not None and hi is not None
            return _staged_fori(lo if static else lower, hi if static else upper, loop_func,
                                init_val, static)
        except Exception as e:  # noqa: BLE001
            raise _invalid(e) from e


# --- Scan ------------------------------------------------------------------------------------------

def _split_carry(op_name, out):
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise _invalid(TypeError(
            f"the 'loop_func' should return a tuple of two elements (carry, y), but got "
            f"{type(out).__name__}."))
    return out


def _stackable(xs):
    if all(x is None for x in xs):
        return True
    if not all(isinstance(x, Tensor) for x in xs):
        return False
    s, d = xs[0].shape, xs[0]._data.dtype
    return all(x.shape == s and x._data.dtype == d for x in xs)


def _staged_scan(loop_func, init, xs):
    n = len(xs)
    stacked = None if xs[0] is None else jnp.stack([x._data for x in xs])
    st = _State("Scan", init)
    x0 = None if stacked is None else Tensor._wrap(stacked[0])
    st.probe(lambda c: _split_carry("Scan", loop_func(c, x0))[0])
    carry0 = st.init()
    ytree = {}

    def f(c, x):
        new, y = _split_carry("Scan", loop_func(st.build(c), None if x is None else Tensor._wrap(x)))
        yl, ytree["t"] = jax.tree_util.tree_flatten(y, is_leaf=_is_leaf)
        ytree["py"] = [None if _is_arr(v) or _is_num(v) else v for v in yl]
        return st.unbuild(new), [_as_array(v) if (_is_arr(v) or _is_num(v)) else jnp.zeros(())
                                 for v in yl]

    carry, ys = _run_loop(lambda: jax.lax.scan(f, carry0, stacked, length=n))
    ys_list = []
    for k in range(n):
        lv = [Tensor._wrap(a[k]) if p is None else p for a, p in zip(ys, ytree["py"])]
        ys_list.append(jax.tree_util.tree_unflatten(ytree["t"], lv))
    return st.build(carry), ys_list


@primitive
class Scan(Primitive):
    """``ops.Scan()(loop_func, init, xs, length=None, unroll=True)``: returns ``(carry, ys)``, ys a
    list with one ``y`` per element of ``xs`` (``xs=None``: ``length`` steps with x None)."""

    def __init__(self):
        super().__init__("Scan")

    def __call__(self, loop_func, init, xs, length=None, unroll=True):
        _check_func("Scan", "loop_func", loop_func)
        _check_type("Scan", "xs", xs, (list, tuple, type(None)), "['list', 'tuple', 'NoneType']")
        if xs is None:
            if not isinstance(length, int) or isinstance(length, bool):
                raise_error(TypeError, "Scan", f"the type of 'length' should be one of '['int']', "
                            f"but got type '{_type_name(length)}'.")
            xs = [None] * length
        elif length is not None and (not isinstance(length, int) or isinstance(length, bool)):
            raise_error(TypeError, "Scan", f"the type of 'length' should be one of '['int', "
                        f"'NoneType']', but got type '{_type_name(length)}'.")
        if not isinstance(unroll, bool):
            raise_error(TypeError, "Scan", f"the type of 'unroll' should be one of '['bool']', "
                        f"but got type '{_type_name(unroll)}'.")
        loop_func = maybe_convert(loop_func)
        if not xs:
            return init, []
        try:
            if not unroll and _in_jit() and _stackable(xs):
                return _staged_scan(loop_func, init, list(xs))
            carry, ys = init, []
            for x in xs:
                carry, y = _split_carry("Scan", loop_func(carry, x))
                ys.append(y)
            return carry, ys
        except Exception as e:  # noqa: BLE001
            raise _invalid(e) from e
