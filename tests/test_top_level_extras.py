"""Top-level ``mindspore.*`` re-exports and the names in ``_top_extras`` (RNG Generator...)."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import ops


def test_reexports_resolve():
    from mindspore_jax import train

    for n in ("Accuracy", "F1", "EarlyStopping", "History", "auc", "rearrange_inputs", "Metric",
              "SummaryCollector", "TopKCategoricalAccuracy"):
        assert getattr(ms, n) is getattr(train, n)
    assert ms.FileWriter is ms.mindrecord.FileWriter and ms.SUCCESS.value == 0 and ms.FAILED.value == 1
    assert (ms.STRICT, ms.COMPATIBLE, ms.LAX) == (0, 1, 2)
    assert ms.bool is ms.bool_ and ms.int is ms.int32 and ms.float is ms.float32 and ms.long is ms.int64
    assert ms.synchronize is ms.runtime.synchronize
    with pytest.raises(NotImplementedError, match="MindIR"):
        ms.load_mindir("x.mindir")


def test_rng_state_roundtrip():
    ms.manual_seed(5)
    assert ms.initial_seed() == 5
    state = ms.get_rng_state()
    assert state.dtype == ms.uint8 and state.shape == (16,)
    a = ops.uniform((4,), ms.Tensor(0.0), ms.Tensor(1.0)).asnumpy()
    b = ops.uniform((4,), ms.Tensor(0.0), ms.Tensor(1.0)).asnumpy()
    assert not np.array_equal(a, b)
    ms.set_rng_state(state)
    np.testing.assert_array_equal(ops.uniform((4,), ms.Tensor(0.0), ms.Tensor(1.0)).asnumpy(), a)
    ms.manual_seed(5)
    np.testing.assert_array_equal(ops.uniform((4,), ms.Tensor(0.0), ms.Tensor(1.0)).asnumpy(), a)
    g = ms.Generator()
    assert g.initial_seed() == 0
    g.manual_seed(7)
    s = g.get_state()
    assert g.initial_seed() == 7 and s.asnumpy()[0] == 7
    g2 = ms.Generator().set_state(s)
    assert g2.initial_seed() == 7
    with pytest.raises(ValueError):
        g.set_state(ms.Tensor(np.zeros(3, np.float32)))


def test_small_helpers():
    x = ms.Tensor(np.arange(3, dtype=np.float32))
    y = ms.Tensor(np.ones((2, 2), np.int32))
    ms.swap_tensors(x, y)
    assert x.shape == (2, 2) and x.dtype == ms.int32 and y.shape == (3,)
    t = ms.frombuffer(np.arange(4, dtype=np.float32).tobytes(), ms.float32)
    np.testing.assert_array_equal(t.asnumpy(), np.arange(4, dtype=np.float32))
    assert ms.recompute(lambda a, b: a + b, 2, 3) == 5
    assert ms.get_grad(((0, "g0"), (1, "g1")), 1) == "g1"
    with pytest.raises(RuntimeError):
        ms.get_grad(((0, "g0"),), 3)

    @ms.lazy_inline
    def f(a):
        return a * 2

    assert f(3) == 6 and ms.no_inline(f) is f
    d = ms.dataset.NumpySlicesDataset({"a": np.arange(4, dtype=np.float32)}, shuffle=False)
    sink = ms.data_sink(lambda a: a * 10, d, sink_size=2)
    assert float(sink().asnumpy()) == 10.0 and float(sink().asnumpy()) == 30.0
    z = ms.from_dlpack(ms.to_dlpack(ms.Tensor(np.arange(3, dtype=np.float32))))
    np.testing.assert_array_equal(z.asnumpy(), [0, 1, 2])


def test_tensor_extras():
    # expectations from MindSpore 2.10 (CPU) on this tensor
    t = ms.Tensor(np.array([[0, 1, 2], [3, 0, 5]], np.float32))
    assert t.has_init is False and t.init is None and t.const_arg is False and t.init_finished is True
    assert t.set_const_arg() is t and t.const_arg is True
    assert t.storage_offset() == 0 and t.stride() == [3, 1] and t.stride(0) == 3 and t.ndimension() == 2
    assert t.is_floating_point() and t.is_signed() and not t.is_complex()
    assert not ms.Tensor(np.array([1], np.uint8)).is_signed()
    assert t.type() == "Float32" and t.type(ms.int32).dtype == ms.int32
    assert t.type_as(ms.Tensor(1)).dtype == ms.int64
    for name, dt in (("bool", ms.bool_), ("half", ms.float16), ("int", ms.int32), ("long", ms.int64),
                     ("double", ms.float64), ("short", ms.int16), ("byte", ms.uint8)):
        assert getattr(t, name)().dtype == dt
    np.testing.assert_array_equal(t.int().asnumpy(), [[0, 1, 2], [3, 0, 5]])
    assert t.flush_from_cache() is None and t.data_sync() is None
    coo = t.to_coo()  # sparse tensors are real now (common/sparse_tensor.py)
    np.testing.assert_array_equal(coo.indices.asnumpy(), [[0, 1], [0, 2], [1, 0], [1, 2]])
    np.testing.assert_array_equal(coo.to_dense().asnumpy(), t.asnumpy())
