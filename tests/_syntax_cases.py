# ruff: noqa: F821
"""GRAPH_MODE syntax cases shared by tests/test_graph_syntax.py (mindspore_jax) and
tools/make_golden_syntax.py (real MindSpore 2.10).

The module is loaded with ``load(ms, nn, ops, Tensor, Parameter)`` which injects those names as
globals before the body runs, so the very same source is parsed by both compilers.

``CASES``: name -> (cell factory, input factory). Each Cell's construct returns a Tensor or a
tuple of Tensors (and Python scalars where noted).
"""
import numpy as np


def f32(*v):
    return Tensor(np.array(v, np.float32))


def helper_if(x):
    """Module-level helper with an ``if`` on a Tensor: converted recursively."""
    if x.sum() > 0:
        y = x * 2
    else:
        y = x - 1
    return y


def helper_loop(x, n):
    acc = x * 0
    i = 0
    while i < n:
        acc = acc + x
        i += 1
    return acc


class Scale(nn.Cell):
    def __init__(self, s):
        super().__init__()
        self.s = s

    def construct(self, x):
        return x * self.s


class TupleListDict(nn.Cell):
    def construct(self, x):
        t = (x, x + 1, x * 2)
        lst = [x - 1, x]
        d = {"a": x, "b": t[1]}
        lst.append(d["b"] * 3)
        a, b, c = t
        first = t[0] + t[-1] + lst[2]
        sl = t[1:]
        return first + sl[0] + sl[1], lst[0] + lst[-1] + a + b + c, d["a"] + len(t) + len(lst)


class ListAppendLoop(nn.Cell):
    def construct(self, x):
        outs = []
        for i in range(3):
            outs.append(x * i)
        outs += [x + 10]
        total = outs[0]
        for o in outs[1:]:
            total = total + o
        return total, ops.stack(outs)


class Comprehension(nn.Cell):
    def __init__(self):
        super().__init__()
        self.layers = nn.CellList([Scale(2.0), Scale(3.0), Scale(5.0)])

    def construct(self, x):
        ys = [layer(x) for layer in self.layers]
        zs = [y + i for i, y in enumerate(ys) if i != 1]
        d = {k: v for k, v in zip(("p", "q"), zs)}
        s = sum([y.sum() for y in ys])
        return ops.concat(zs), d["q"], s


class EnumerateZip(nn.Cell):
    def __init__(self):
        super().__init__()
        self.layers = nn.CellList([Scale(2.0), Scale(3.0)])
        self.weights = (0.5, 0.25)

    def construct(self, x):
        out = x * 0
        for i, (layer, w) in enumerate(zip(self.layers, self.weights)):
            out = out + layer(x) * w + i
        for a, b in zip((x, x * 2), [x + 1, x + 2]):
            out = out + a * b
        return out


class Builtins(nn.Cell):
    def construct(self, x, y):
        n = len(x)
        m = max(2, n, 1)
        k = min(x.shape[0], y.shape[1])
        q = abs(-3)
        r = isinstance(x, Tensor) and isinstance(n, int) and not isinstance(q, float)
        s = x.shape[0] * y.shape[1] + y.shape[-1] // 2 - x.ndim
        z = abs(x - 5.0) + max(x.shape) + min(y.shape)
        w = ops.maximum(x, 1.5).sum() + ops.minimum(x, 1.5).sum()
        return z * r + m + k + q + s, w, Tensor(x.shape[0] + sum(y.shape), ms.int32)


class ShapeArith(nn.Cell):
    def construct(self, x):
        b, c = x.shape[0], x.shape[1]
        y = x.reshape((b * c,))
        z = y.reshape((c, -1)).T
        half = c // 2
        return z[:, :half] + float(half), ops.zeros((b + 1, c - 1), ms.float32) + x.size


class TensorIter(nn.Cell):
    def construct(self, x):
        acc = ops.zeros((x.shape[1],), x.dtype)
        for row in x:
            acc = acc + row * 2
        cnt = 0
        for _ in x:
            cnt += 1
        return acc, acc * cnt


class WhileMixed(nn.Cell):
    def construct(self, x, n):
        i = 0
        j = Tensor(0, ms.int32)
        acc = x * 1
        while i < 3 and j < n:
            acc = acc * 2
            i += 1
            j = j + 1
        k = 0
        while k < 2:  # pure Python: unrolled
            acc = acc + 1
            k += 1
        return acc, j


class FlagFold(nn.Cell):
    def __init__(self, flag, mode):
        super().__init__()
        self.flag = flag
        self.mode = mode

    def construct(self, x):
        if self.flag:
            y = x * 2
        else:
            y = x * 3
        if self.mode == "sum":
            out = y.sum()
        elif self.mode == "mean":
            out = (y.mean(), 1)  # different Python types per constant branch: fine
        else:
            out = None
        if out is None:
            return y
        return out


class BreakContinueRange(nn.Cell):
    def construct(self, x, n):
        acc = x * 0
        for i in range(n):
            if i == 1:
                continue
            if i > 3:
                break
            acc = acc + x * i
        return acc


class NestedLoops(nn.Cell):
    def construct(self, x, n):
        acc = x * 0
        for i in range(3):
            for j in range(2):
                acc = acc + x * (i + j)
        k = Tensor(0, ms.int32)
        while k < n:
            m = Tensor(0, ms.int32)
            while m < k:
                acc = acc + 1
                m = m + 1
            k = k + 1
        return acc


class TupleCarry(nn.Cell):
    def construct(self, x, n):
        state = (x, x * 0)
        i = Tensor(0, ms.int32)
        while i < n:
            a, b = state
            state = (a * 0.5, b + a)
            i = i + 1
        return state


class InplaceOps(nn.Cell):
    def construct(self, x):
        y = x * 1
        y += 1
        y *= 2
        y -= x
        y /= 2
        lst = [x]
        lst += [y]
        lst *= 2
        t = (x,)
        t += (y,)
        return y, len(lst) + len(t) + x, t[1] + lst[3]


class SetItemLoop(nn.Cell):
    def construct(self, x, n):
        y = x * 1
        for i in range(3):
            y[i] = y[i] * 10 + i
        z = ops.zeros((4,), ms.float32)
        for i in range(n):
            z[i] = x[i] + 1
        y[1:3] = 0.5
        return y, z


class BreakContinueConst(nn.Cell):
    """break/continue under Tensor conditions in a for over a Python range."""

    def construct(self, x):
        acc = x * 0
        for i in range(5):
            if acc.sum() > 8:
                break
            if x[0] > i:
                continue
            acc = acc + x * i
        return acc


class SetItemConst(nn.Cell):
    def construct(self, x):
        y = x * 1
        for i in range(3):
            y[i] = y[i] * 10 + i
        y[1:3] = 0.5
        y[-1] += 2.0
        return y


class CountAccTensor(nn.Cell):
    """The MindSpore-compilable spelling: both carries are Tensors from the start."""

    def construct(self, x, thr):
        count = Tensor(0, ms.int32)
        acc = Tensor(0.0, ms.float32)
        i = Tensor(0, ms.int32)
        while i < x.shape[0]:
            if x[i] > thr:
                count = count + 1
                acc = acc + x[i]
            i = i + 1
        return count, acc


class WhileTensorPy(nn.Cell):
    def construct(self, x, n):
        i = Tensor(0, ms.int32)
        acc = x * 1
        while i < 3 and i < n:
            acc = acc * 2
            i = i + 1
        k = 0
        while k < 2:  # pure Python: unrolled
            acc = acc + 1
            k += 1
        return acc, i


class CountAcc(nn.Cell):
    """An int count and a float accumulator carried together (dtypes must stay)."""

    def construct(self, x, thr):
        count = 0
        acc = 0.0
        i = Tensor(0, ms.int32)
        while i < x.shape[0]:
            if x[i] > thr:
                count = count + 1
                acc = acc + x[i]
            i = i + 1
        return Tensor(count) + 0, acc


class EarlyReturnLoop(nn.Cell):
    def construct(self, x):
        for i in range(4):
            if x[i] > 2:
                return x * i
        return x * 100


class Nested(nn.Cell):
    def construct(self, x):
        scale = 3.0

        def inner(v):
            return v * scale

        def twice(fn, v):
            return fn(fn(v))

        add = lambda a, b: a + b  # noqa: E731
        return add(twice(inner, x), helper_if(x)), helper_loop(x, 3)


class Methods(nn.Cell):
    def __init__(self):
        super().__init__()
        self.factor = 2.0

    @staticmethod
    def sm(x):
        return x + 1

    def helper(self, x):
        if x.sum() > 0:
            return x * self.factor
        return x - self.factor

    def construct(self, x):
        return self.helper(x) + self.sm(x) + Methods.sm(x * 4) + self.helper(-x)


class ClassMethod(Methods):
    @classmethod
    def cm(cls, x):
        return x * cls.k

    k = 4.0

    def construct(self, x):
        return self.cm(x) + ClassMethod.cm(x) + self.helper(x)


class Base(nn.Cell):
    def __init__(self):
        super().__init__()
        self.b = 1.5

    def construct(self, x):
        return x * self.b


class Derived(Base):
    def construct(self, x):
        y = super().construct(x)
        return y + 1


class GetSetAttr(nn.Cell):
    def __init__(self):
        super().__init__()
        self.alpha = 2.0
        self.use_bias = True

    def construct(self, x):
        a = getattr(self, "alpha")
        b = getattr(self, "beta", 0.5)
        ok = hasattr(self, "alpha") and not hasattr(self, "gamma")
        y = x * a + b
        if getattr(self, "use_bias"):
            y = y + 1
        return y * ok


class PrintInLoop(nn.Cell):
    def __init__(self):
        super().__init__()
        self.print = ops.Print()

    def construct(self, x):
        for i in range(2):
            self.print("step", i, x)
        print("x is", x)
        s = "shape={}".format(x.shape)
        print(s, f"n={x.shape[0]}")
        return x + 1


class Assert(nn.Cell):
    def construct(self, x):
        assert x.shape[0] == 3, "need 3"
        assert len(x.shape) == 1
        return x + 1


class GradCase(nn.Cell):
    """Several syntax features at once, differentiated."""

    def __init__(self):
        super().__init__()
        self.w = Parameter(f32(0.5, -1.0, 2.0), name="w")
        self.layers = nn.CellList([Scale(2.0), Scale(0.5)])

    def construct(self, x):
        y = x * self.w
        outs = []
        for layer in self.layers:
            outs.append(layer(y))
        y = outs[0] + outs[1]
        for i in range(4):
            if y.sum() > 4:
                break
            y = y * 1.5
        if y[0] > 0:
            y = y * y
        else:
            y = ops.sin(y)
        state = (y, y * 0)
        k = 0
        while k < 2:
            a, b = state
            state = (a, b + a)
            k += 1
        return state[1].sum()


def _x3():
    return (f32(1.0, 2.0, 3.0),)


CASES = {
    "tuple_list_dict": (TupleListDict, _x3),
    "list_append_loop": (ListAppendLoop, _x3),
    "comprehension": (Comprehension, _x3),
    "enumerate_zip": (EnumerateZip, _x3),
    "builtins": (Builtins, lambda: (f32(1.0, 4.0, 9.0), Tensor(np.ones((2, 5), np.float32)))),
    "shape_arith": (ShapeArith, lambda: (Tensor(np.arange(6, dtype=np.float32).reshape(2, 3)),)),
    "tensor_iter": (TensorIter, lambda: (Tensor(np.arange(6, dtype=np.float32).reshape(3, 2)),)),
    "while_tensor_py_n2": (WhileTensorPy, lambda: (f32(1.0, 2.0), Tensor(2, ms.int32))),
    "while_tensor_py_n5": (WhileTensorPy, lambda: (f32(1.0, 2.0), Tensor(5, ms.int32))),
    "break_continue_const": (BreakContinueConst, lambda: (f32(1.0, 2.0),)),
    "break_continue_const_b": (BreakContinueConst, lambda: (f32(3.0, 0.5),)),
    "setitem_const": (SetItemConst, lambda: (f32(1.0, 2.0, 3.0, 4.0),)),
    "count_acc_tensor": (CountAccTensor, lambda: (f32(1.0, 5.0, 2.0, 7.0), Tensor(1.5, ms.float32))),
    "flag_true_sum": (lambda: FlagFold(True, "sum"), _x3),
    "flag_false_mean": (lambda: FlagFold(False, "mean"), _x3),
    "flag_none": (lambda: FlagFold(False, "none"), _x3),
    "nested_loops": (NestedLoops, lambda: (f32(1.0, 2.0), Tensor(3, ms.int32))),
    "tuple_carry": (TupleCarry, lambda: (f32(1.0, 2.0), Tensor(3, ms.int32))),
    "inplace_ops": (InplaceOps, _x3),
    "early_return_loop": (EarlyReturnLoop, lambda: (f32(1.0, 2.0, 3.0, 4.0),)),
    "early_return_loop_none": (EarlyReturnLoop, lambda: (f32(1.0, 2.0, 0.0, 1.0),)),
    "nested_closures": (Nested, _x3),
    "methods": (Methods, _x3),
    "super_construct": (Derived, _x3),
    "getsetattr": (GetSetAttr, _x3),
    "print_in_loop": (PrintInLoop, _x3),
    "assert": (Assert, _x3),
}

GRAD_CASES = {
    "grad_mixed": (GradCase, lambda: (f32(1.0, 2.0, 3.0),)),
    "grad_mixed_neg": (GradCase, lambda: (f32(-1.0, 0.2, 0.1),)),
}

# Beyond MindSpore 2.10's graph syntax (it rejects range(Tensor) and a Python int that becomes a
# Tensor inside a Tensor-conditioned loop); mindspore_jax compiles them: compared with PYNATIVE.
EXTRA_CASES = {
    "while_mixed_n2": (WhileMixed, lambda: (f32(1.0, 2.0), Tensor(2, ms.int32))),
    "while_mixed_n5": (WhileMixed, lambda: (f32(1.0, 2.0), Tensor(5, ms.int32))),
    "break_continue_range": (BreakContinueRange, lambda: (f32(1.0, 2.0), Tensor(6, ms.int32))),
    "break_continue_range_n2": (BreakContinueRange, lambda: (f32(1.0, 2.0), Tensor(2, ms.int32))),
    "setitem_loop": (SetItemLoop, lambda: (f32(1.0, 2.0, 3.0, 4.0), Tensor(3, ms.int32))),
    "count_acc": (CountAcc, lambda: (f32(1.0, 5.0, 2.0, 7.0), Tensor(1.5, ms.float32))),
    "classmethod": (ClassMethod, _x3),  # MindSpore 2.10: "parameters number ... is 2" TypeError
}
