"""The compiler: per-signature caching, Parameter write-back, RNG threading, nesting, errors."""

import numpy as np

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops
from mindspore_jax._graph import jit as gjit
from mindspore_jax.common import rng


class Counter(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.0, 2.0, 3.0], np.float32)), name="w")
        self.calls = Parameter(Tensor(0, ms.int32), name="calls", requires_grad=False)
        self.last = Parameter(Tensor(np.zeros(3, np.float32)), name="last", requires_grad=False)

    def construct(self, x, scale=1.0):
        ops.assign_add(self.calls, Tensor(1, ms.int32))
        ops.assign(self.last, x)
        y = x * self.w * scale
        # read-after-write in one trace sees the new value
        return y + self.last * 0.0 + self.calls.astype(ms.float32) * 0.0, self.calls * 1


def test_cache_hits_and_misses():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = Counter()
    x = Tensor(np.ones(3, np.float32))
    before = dict(gjit.STATS)
    net(x)
    net(x)
    net(x)
    g = net._graph_fn
    assert g.compiles == 1
    assert gjit.STATS["hits"] - before.get("hits", 0) == 2
    net(Tensor(np.ones(4, np.float32))[:3])  # same shape: hit
    assert g.compiles == 1
    net(x, 2.0)  # a new Python scalar value is a new signature
    assert g.compiles == 2
    net(Tensor(np.ones(3, np.float16)))  # new dtype
    assert g.compiles == 3
    net.set_train(True)  # training flag is part of the key
    net(x)
    assert g.compiles == 4
    net.set_train(False)
    net(x)
    assert g.compiles == 4  # back to a cached signature


def test_state_write_back_equal_in_both_modes(mode):
    net = Counter()
    x = Tensor(np.array([1.0, -2.0, 0.5], np.float32))
    out, calls = net(x)
    out, calls = net(x)
    assert int(net.calls) == 2 and int(calls) == 2
    np.testing.assert_allclose(net.last.asnumpy(), x.asnumpy())
    np.testing.assert_allclose(out.asnumpy(), [1.0, -4.0, 1.5])


class Nested(nn.Cell):
    def __init__(self):
        super().__init__()
        self.inner = Counter()
        self.b = Parameter(Tensor(np.array([0.5], np.float32)), name="b")

    def construct(self, x):
        y, _ = self.inner(x)
        y2, _ = self.inner(y)
        return y2 + self.b


def test_nested_cells_inline(mode):
    net = Nested()
    out = net(Tensor(np.ones(3, np.float32)))
    np.testing.assert_allclose(out.asnumpy(), [1.5, 4.5, 9.5])
    assert int(net.inner.calls) == 2
    assert [p.name for p in net.trainable_params()] == ["b", "inner.w"]  # own params first, as MindSpore


def test_param_update_seen_by_next_compiled_call():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = Counter()
    x = Tensor(np.ones(3, np.float32))
    net(x)
    net.w.set_data(Tensor(np.array([5.0, 5.0, 5.0], np.float32)))
    out, _ = net(x)
    np.testing.assert_allclose(out.asnumpy(), [5.0, 5.0, 5.0])


def test_jit_function_discovers_global_parameters():
    w = Parameter(Tensor(np.array([2.0], np.float32)), name="gw")

    @ms.jit
    def step(x):
        ops.assign(w, w * x)
        return w + 0

    out = step(Tensor(np.array([3.0], np.float32)))
    assert float(out) == 6.0 and float(w) == 6.0
    out = step(Tensor(np.array([3.0], np.float32)))
    assert float(out) == 18.0 and float(w) == 18.0
    assert step.compiles == 1


def test_rng_differs_per_step_and_reproducible():
    class Noise(nn.Cell):
        def construct(self, x):
            key = rng.next_key()
            import jax

            return x + Tensor._wrap(jax.random.uniform(key, x.shape, dtype=x._data.dtype))

    ms.set_context(mode=ms.GRAPH_MODE)
    net = Noise()
    x = Tensor(np.zeros(4, np.float32))
    ms.set_seed(3)
    a, b = net(x).asnumpy(), net(x).asnumpy()
    assert not np.allclose(a, b)
    ms.set_seed(3)
    a2 = net(x).asnumpy()
    np.testing.assert_array_equal(a, a2)
    # the key Parameter holds a concrete array (no tracer leaked)
    assert not isinstance(rng.RNG_STATE._value, __import__("jax").core.Tracer)
    ms.set_context(mode=ms.PYNATIVE_MODE)
    ms.set_seed(3)
    np.testing.assert_array_equal(net(x).asnumpy(), a)


def test_python_if_on_tensor_names_source_line():
    class Bad(nn.Cell):
        def construct(self, x):
            if x[0] > 0:  # noqa: the line the error must name
                return x
            return -x

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        out = Bad()(Tensor(np.ones(2, np.float32)))
    except Exception as e:  # noqa: BLE001
        msg = str(e) + " ".join(getattr(e, "__notes__", []))
        assert "test_graph_engine.py" in msg and "Bad.construct" in msg
    else:  # control-flow conversion handles it: then the value must be right
        np.testing.assert_allclose(out.asnumpy(), [1.0, 1.0])


def test_grad_keeps_state_writes(mode):
    net = Counter()
    x = Tensor(np.array([1.0, 2.0, 3.0], np.float32))

    def loss(x):
        y, _ = net(x)
        return y.sum()

    g = ms.grad(loss, grad_position=None, weights=net.trainable_params())(x)
    np.testing.assert_allclose(g[0].asnumpy(), x.asnumpy())
    assert int(net.calls) == 1
    assert not isinstance(net.calls._value, __import__("jax").core.Tracer)


def test_donated_buffers_do_not_break_user_references():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = Counter()
    x = Tensor(np.ones(3, np.float32))
    held = net.last.value()  # a user keeps a reference to the current value
    net(x)
    net(x)
    assert held.asnumpy().tolist() == [0.0, 0.0, 0.0]


def test_parameter_passed_as_argument_keeps_writes():
    class Bump(nn.Cell):
        def construct(self, p, x):
            ops.assign_add(p, x)
            return p * 2

    ms.set_context(mode=ms.GRAPH_MODE)
    p = Parameter(Tensor(np.array([1.0], np.float32)), name="counter")
    q = Parameter(Tensor(np.array([10.0], np.float32)), name="other")
    net = Bump()
    out = net(p, Tensor(np.array([1.0], np.float32)))
    assert float(p) == 2.0 and float(out) == 4.0
    net(p, Tensor(np.array([1.0], np.float32)))
    net(q, Tensor(np.array([1.0], np.float32)))  # another Parameter: its own signature
    assert float(p) == 3.0 and float(q) == 11.0
