"""ops.WhileLoop/ForiLoop/Scan, gradient hooks (Tensor.register_hook, HookBackward,
InsertGradientOf) and summary ops + SummaryRecord/SummaryCollector, against goldens from real
MindSpore (tools/make_golden_flow_hooks.py -> tests/golden/flow_hooks.json)."""

import glob
import io
import json
import os

import numpy as np
import pytest
from PIL import Image

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops
from mindspore_jax.train.summary_record import SummaryRecord, read_events

G = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "flow_hooks.json")))


def arr(x):
    if isinstance(x, (tuple, list)):
        return [arr(v) for v in x]
    if isinstance(x, Tensor):
        return x.asnumpy().tolist()
    return x


def close(a, b):
    if isinstance(b, list):
        assert isinstance(a, list) and len(a) == len(b), (a, b)
        for u, v in zip(a, b):
            close(u, v)
    else:
        assert type(a) is type(b) or isinstance(b, float), (a, b)
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


@pytest.fixture
def restore_mode():
    yield
    ms.set_context(mode=ms.PYNATIVE_MODE)


# --- loops -------------------------------------------------------------------------------------


class FlowNet(nn.Cell):
    def construct(self, x, n):
        w = (ops.WhileLoop()(lambda v: v[1] < 4, lambda v: (v[0] * 2, v[1] + 1), (x, 0)),
             ops.WhileLoop()(lambda v: v.sum() < 30, lambda v: v * 2, x))

        def body(i, v):
            return v * 2 + i

        f1 = ops.ForiLoop()(0, 3, body, x)
        f2 = ops.ForiLoop()(0, 3, body, x, unroll=False)
        f3 = ops.ForiLoop()(0, n, body, x)

        def sbody(c, e):
            c = c * e + 1
            return c, c * 2

        s1 = ops.Scan()(sbody, x, [x, x + 1, x * 3])
        s2 = ops.Scan()(sbody, x, [x, x + 1, x * 3], None, False)
        return w, f1, f2, f3, s1, s2


class ForiGrad(nn.Cell):
    def construct(self, x):
        def body(i, v):
            return v * 2 + i

        return ops.ForiLoop()(0, 3, body, x), ops.ForiLoop()(0, 3, body, x, unroll=False)


class ScanGrad(nn.Cell):
    def construct(self, x):
        def sbody(c, e):
            c = c * e + 1
            return c, c * 2

        a = ops.Scan()(sbody, x, [x, x + 1, x * 3])
        b = ops.Scan()(sbody, x, [x, x + 1, x * 3], None, False)
        return a[0].sum() + a[1][2].sum() + b[0].sum()


@pytest.mark.parametrize("name", ["graph", "pynative"])
def test_loops_golden(name, restore_mode):
    ms.set_context(mode=ms.GRAPH_MODE if name == "graph" else ms.PYNATIVE_MODE)
    x, n = Tensor(np.array([1.0, 2.0], np.float32)), Tensor(3)
    close(arr(FlowNet()(x, n)), G[f"flow_{name}"])
    close(arr(ms.grad(ForiGrad())(x)), G[f"fori_grad_{name}"])
    close(arr(ms.grad(ScanGrad())(x)), G[f"scan_grad_{name}"])


def test_loops_eager_python_values():
    g = G["eager"]
    assert ops.WhileLoop()(lambda v: v < 100, lambda v: v + 1, 10) == g["while"]
    assert ops.ForiLoop()(0, 4, lambda i, r: i + r, 0) == g["fori"]
    assert ops.ForiLoop()(Tensor(0), Tensor(4), lambda i, r: i + r, 0) == g["fori"]
    assert arr(ops.Scan()(lambda r, e: (r + e, r + e), 0, [1, 2, 3, 4])) == g["scan"]
    assert ops.Scan()(lambda r, e: (r + 1, e), 0, None, 3) == (3, [None, None, None])
    assert ops.Scan()(lambda r, e: (r, e), 5, []) == (5, [])


def test_loops_traced_bounds_and_grad(restore_mode):
    ms.set_context(mode=ms.GRAPH_MODE)

    class W(nn.Cell):
        def construct(self, x, n):
            a = ops.WhileLoop()(lambda v: v[0].sum() < 30, lambda v: (v[0] * 2, v[1] + 1), (x, 0))
            b = ops.ForiLoop()(0, n, lambda i, v: v * 2 + i, x, unroll=False)
            return a[0].sum() + a[1] + b.sum()

    x = Tensor(np.array([1.0, 2.0], np.float32))
    # while: [1,2] -> [8,16] after 3 doublings (sum 24 < 30) -> [16,32]; counter 4
    np.testing.assert_allclose(W()(x, Tensor(3)).asnumpy(), 48 + 4 + 12 + 20)
    # d/dx: 16 * 2 (while) + 8 * 2 (fori)
    np.testing.assert_allclose(ms.grad(W())(x, Tensor(3)).asnumpy(), [24.0, 24.0])


def test_loop_errors():
    with pytest.raises(TypeError, match="For 'WhileLoop', the type of 'cond_func'"):
        ops.WhileLoop()(1, lambda x: x, 1)
    with pytest.raises(TypeError, match="For 'ForiLoop', the type of 'lower'"):
        ops.ForiLoop()(0.5, 3, lambda i, x: x, 1)
    with pytest.raises(TypeError, match="For 'Scan', the type of 'xs'"):
        ops.Scan()(lambda c, e: (c, e), 0, Tensor([1, 2]))
    with pytest.raises(ValueError, match="Invalid loop_func"):
        ops.WhileLoop()(lambda x: x < 3, lambda x: x + "a", 1)
    with pytest.raises(ValueError, match="Invalid loop_func"):
        ops.Scan()(lambda c, e: c, 0, [1, 2])


def test_staged_loop_shape_change_raises(restore_mode):
    ms.set_context(mode=ms.GRAPH_MODE)

    class Bad(nn.Cell):
        def construct(self, x):
            return ops.WhileLoop()(lambda v: v.sum() < 10, lambda v: ops.concat((v, v)), x)

    with pytest.raises(ValueError, match="keep the type and shape"):
        Bad()(Tensor(np.ones(2, np.float32)))


# --- hooks -------------------------------------------------------------------------------------

def test_hooks_golden(restore_mode):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    g = G["hooks"]
    seen = []

    def h2(grad):
        seen.append(grad.asnumpy().tolist())
        return grad * 2

    def hnone(grad):
        seen.append(grad.asnumpy().tolist())

    def f1(x, y):
        z = x * y
        z.register_hook(h2)
        return z * y

    def f2(x, y):
        z = x * y
        h = z.register_hook(h2)
        h.remove()
        return z * y

    def f3(x, y):
        z = x * y
        z.register_hook(hnone)
        z.register_hook(h2)
        return z * y + z

    hb = ops.HookBackward(lambda gr: (gr[0] * 3,))

    def f4(x, y):
        a, b = ops.HookBackward(lambda gr: (gr[0] * 2, gr[1] + 1))(x * y, x + y)
        return hb(a * b) * y

    ig = ops.InsertGradientOf(lambda dx: ops.clip_by_value(dx, Tensor(0.2), Tensor(1.0)))

    def f5(x, y):
        return ig(x) * ig(y)

    one, two = Tensor(1, ms.float32), Tensor(2, ms.float32)
    for name, f in (("f1", f1), ("f2", f2), ("f3", f3), ("f4", f4)):
        seen.clear()
        close(arr(ms.grad(f, grad_position=(0, 1))(one, two)), g[name])
        assert seen == g[name + "_seen"], name
    xa, ya = Tensor([1.1, 0.5], ms.float32), Tensor([0.1, 3.0], ms.float32)
    close(arr(ms.grad(f5, grad_position=(0, 1))(xa, ya)), g["f5"])
    close(arr(ms.jit(ms.grad(f5, grad_position=(0, 1)))(xa, ya)), g["f5_jit"])
    x = Tensor([1.0, 2.0], ms.float32)
    hx = x.register_hook(h2)
    assert x.hooks() == [h2]
    close(arr(ms.grad(lambda a: (a * a).sum())(x)), g["leaf"])
    hx.remove()
    assert x.hooks() == []
    close(arr(ms.grad(lambda a: (a * a).sum())(x)), g["leaf_removed"])
    net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
    hw = net.weight.register_hook(h2)
    close(arr(ms.grad(net, grad_position=None, weights=net.trainable_params())(
        Tensor([[1.0, 2.0]], ms.float32))), g["param"])
    hw.remove()

    ms.set_context(mode=ms.GRAPH_MODE)

    class N(nn.Cell):
        def __init__(self):
            super().__init__()
            self.ig = ops.InsertGradientOf(lambda gr: gr * 3)

        def construct(self, x, y):
            z = x * y
            z = z.register_hook(lambda gr: gr * 2)
            return self.ig(z) * y

    close(arr(ms.grad(N(), grad_position=(0, 1))(one, two)), g["graph"])


def test_hook_errors():
    with pytest.raises(TypeError, match="callable hook"):
        Tensor(1.0).register_hook(3)
    with pytest.raises(TypeError, match="callable hook"):
        ops.HookBackward(3)
    with pytest.raises(TypeError, match="For 'HookBackward'"):
        ops.HookBackward(print)(3)
    x = Tensor(1.0)
    assert ops.HookBackward(print)(x) is not x
    assert float(ops.HookBackward(print)(x).asnumpy()) == 1.0


# --- summary -----------------------------------------------------------------------------------

class SumNet(nn.Cell):
    def __init__(self):
        super().__init__()
        self.s = ops.ScalarSummary()
        self.t = ops.TensorSummary()
        self.h = ops.HistogramSummary()
        self.i = ops.ImageSummary()

    def construct(self, x):
        y = x * 2
        self.s("sx", y.sum())
        self.t("tx", y)
        self.h("hx", y)
        self.i("ix", y.reshape(1, 3, 2, 3))
        return y


def _norm(events):
    out = []
    for e in events:
        d = {"step": e["step"]}
        if "version" in e:
            d["version"] = e["version"]
        if "values" in e:
            vals = []
            for v in e["values"]:
                v = dict(v)
                if "image" in v:
                    im = dict(v["image"])
                    im["pixels"] = np.asarray(Image.open(io.BytesIO(im.pop("encoded_image")))).tolist()
                    v["image"] = im
                vals.append(v)
            d["values"] = vals
        out.append(d)
    return out


def _close_tree(a, b, path=""):
    if isinstance(b, dict):
        assert set(a) == set(b), (path, set(a), set(b))
        for k in b:
            _close_tree(a[k], b[k], f"{path}.{k}")
    elif isinstance(b, list):
        assert len(a) == len(b), (path, a, b)
        for i, (u, v) in enumerate(zip(a, b)):
            _close_tree(u, v, f"{path}[{i}]")
    elif isinstance(b, str):
        assert a == b, path
    else:
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6, err_msg=path)


@pytest.mark.parametrize("mode", ["graph", "pynative"])
def test_summary_record_golden(mode, tmp_path, restore_mode):
    ms.set_context(mode=ms.GRAPH_MODE if mode == "graph" else ms.PYNATIVE_MODE)
    with ms.SummaryRecord(str(tmp_path)) as sr:
        net = SumNet()
        x = np.arange(18, dtype=np.float32) / 40
        net(Tensor(x))
        sr.add_value("scalar", "loss", Tensor(0.5))
        sr.add_value("histogram", "hist_nan",
                     Tensor(np.array([1.0, np.nan, np.inf, -2.0, 5.0, 5.0, 3.0], np.float32)))
        sr.add_value("tensor", "int_t", Tensor(np.arange(6, dtype=np.int32).reshape(2, 3)))
        assert sr.record(1)
        net(Tensor(x * 100 - 3))
        sr.record(2)
        sr.record(3)
        path = sr.log_dir
    files = glob.glob(os.path.join(str(tmp_path), "*"))
    assert [os.path.basename(f).split(".")[:4] for f in files] == G["summary_files"]
    assert files[0] == path and path.endswith("_MS")
    _close_tree(_norm(read_events(path)), G["summary_events"])


def test_summary_record_api(tmp_path):
    with pytest.raises(TypeError, match="max_file_size"):
        SummaryRecord(str(tmp_path), max_file_size="1")
    with SummaryRecord(str(tmp_path / "a")) as sr:
        with pytest.raises(RuntimeError, match="only one instance"):
            SummaryRecord(str(tmp_path / "b"))
        with pytest.raises(ValueError, match="no such \"plugin\""):
            sr.add_value("bogus", "x", Tensor(1.0))
        with pytest.raises(TypeError, match="expect to be Tensor"):
            sr.add_value("scalar", "x", 1.0)
        with pytest.raises(ValueError, match="valid image"):
            sr.add_value("image", "x", Tensor(np.ones((2, 2), np.float32)))
        with pytest.raises(TypeError):
            sr.record(1.5)
        sr.set_mode("eval")
        ops.ScalarSummary()("ignored", Tensor(1.0))
        sr.record(1)  # eval mode: summary-op values dropped, nothing to write
        sr.flush()
    assert glob.glob(str(tmp_path / "a" / "*")) == []
    assert not sr.record(2)  # closed
    with pytest.raises(ValueError, match="must be 0 or 1"):
        ops.ScalarSummary()("s", Tensor(np.ones((2, 2), np.float32)))
    with pytest.raises(TypeError):
        ops.TensorSummary()(3, Tensor(np.ones(2, np.float32)))


def test_summary_collector_model(tmp_path, restore_mode):
    from mindspore_jax import dataset as ds

    ms.set_context(mode=ms.GRAPH_MODE)

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.fc = nn.Dense(3, 1)
            self.s = ops.ScalarSummary()

        def construct(self, x):
            y = self.fc(x)
            self.s("mean_out", y.mean())
            return y

    rng = np.random.RandomState(0)
    data = ds.NumpySlicesDataset({"x": rng.rand(12, 3).astype(np.float32),
                                  "y": rng.rand(12, 1).astype(np.float32)}, shuffle=False).batch(2)
    net = Net()
    model = ms.Model(net, nn.MSELoss(), nn.SGD(net.trainable_params(), 0.01))
    cb = ms.SummaryCollector(str(tmp_path), collect_freq=2,
                             collect_specified_data={"histogram_regular": "fc.weight"})
    model.train(2, data, callbacks=[cb], dataset_sink_mode=False)
    files = glob.glob(os.path.join(str(tmp_path), "*summary*"))
    assert len(files) == 1
    events = read_events(files[0])
    assert events[0]["version"] == "MindSpore.Event:1"
    steps = [e["step"] for e in events[1:]]
    assert steps == [1, 2, 4, 6, 8, 10, 12]
    tags = {v["tag"] for v in events[1]["values"]}
    assert {"loss/auto", "mean_out", "fc.weight/auto"} <= tags
    for e in events[1:]:
        loss = [v for v in e["values"] if v["tag"] == "loss/auto"][0]["scalar_value"]
        assert np.isfinite(loss) and loss > 0
