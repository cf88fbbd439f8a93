"""Goldens for tests/test_flow_hooks_summary.py from real MindSpore (CPU).

Run from /tmp (MindSpore writes rank_0/ into the cwd):
    cd /tmp && /work/msvenv/bin/python /work/main/tools/make_golden_flow_hooks.py
Writes tests/golden/flow_hooks.json: WhileLoop/ForiLoop/Scan results and gradients, gradient
hook results, and the decoded events of a summary file written by SummaryRecord.
"""

import glob
import io
import json
import os
import shutil
import tempfile

import mindspore as ms
import numpy as np
from mindspore import Tensor, nn, ops
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden",
                   "flow_hooks.json")
G = {}


def arr(x):
    if isinstance(x, (tuple, list)):
        return [arr(v) for v in x]
    if isinstance(x, Tensor):
        return x.asnumpy().tolist()
    return x


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


class ScanPair(nn.Cell):
    def construct(self, x):
        def sbody(c, e):
            c = c * e + 1
            return c, c * 2

        return (ops.Scan()(sbody, x, [x, x + 1, x * 3]),
                ops.Scan()(sbody, x, [x, x + 1, x * 3], None, False))


class ScanGrad(nn.Cell):
    def __init__(self):
        super().__init__()
        self.s = ScanPair()

    def construct(self, x):
        a, b = self.s(x)
        return a[0].sum() + a[1][2].sum() + b[0].sum()


def flow():
    x = Tensor(np.array([1.0, 2.0], np.float32))
    n = Tensor(3)
    for mode, name in ((ms.GRAPH_MODE, "graph"), (ms.PYNATIVE_MODE, "pynative")):
        ms.set_context(mode=mode)
        out = FlowNet()(x, n)
        G[f"flow_{name}"] = arr(out)
        G[f"fori_grad_{name}"] = arr(ms.grad(ForiGrad())(x))
        G[f"scan_grad_{name}"] = arr(ms.grad(ScanGrad())(x))
    ms.set_context(mode=ms.PYNATIVE_MODE)
    G["eager"] = {
        "while": ops.WhileLoop()(lambda v: v < 100, lambda v: v + 1, 10),
        "fori": ops.ForiLoop()(0, 4, lambda i, r: i + r, 0),
        "scan": arr(ops.Scan()(lambda r, e: (r + e, r + e), 0, [1, 2, 3, 4])),
    }


def hooks():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    seen = []

    def h2(g):
        seen.append(g.asnumpy().tolist())
        return g * 2

    def hnone(g):
        seen.append(g.asnumpy().tolist())

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

    def times3(g):
        return (g[0] * 3,)

    def pair(g):
        return g[0] * 2, g[1] + 1

    def clip(dx):
        return ops.clip_by_value(dx, Tensor(0.2), Tensor(1.0))

    hb = ops.HookBackward(times3)

    def f4(x, y):
        a, b = ops.HookBackward(pair)(x * y, x + y)
        return hb(a * b) * y

    ig = ops.InsertGradientOf(clip)

    def f5(x, y):
        return ig(x) * ig(y)

    one, two = Tensor(1, ms.float32), Tensor(2, ms.float32)
    res = {}
    for name, f in (("f1", f1), ("f2", f2), ("f3", f3), ("f4", f4)):
        seen.clear()
        res[name] = arr(ms.grad(f, grad_position=(0, 1))(one, two))
        res[name + "_seen"] = list(seen)
    xa, ya = Tensor([1.1, 0.5], ms.float32), Tensor([0.1, 3.0], ms.float32)
    res["f5"] = arr(ms.grad(f5, grad_position=(0, 1))(xa, ya))
    res["f5_jit"] = arr(ms.jit(ms.grad(f5, grad_position=(0, 1)))(xa, ya))
    x = Tensor([1.0, 2.0], ms.float32)
    hx = x.register_hook(h2)
    res["leaf"] = arr(ms.grad(lambda a: (a * a).sum())(x))
    hx.remove()
    res["leaf_removed"] = arr(ms.grad(lambda a: (a * a).sum())(x))
    net = nn.Dense(2, 1, weight_init="ones", bias_init="zeros")
    hw = net.weight.register_hook(h2)
    res["param"] = arr(ms.grad(net, grad_position=None, weights=net.trainable_params())(
        Tensor([[1.0, 2.0]], ms.float32)))
    hw.remove()

    ms.set_context(mode=ms.GRAPH_MODE)

    class N(nn.Cell):
        def __init__(self):
            super().__init__()
            self.ig = ops.InsertGradientOf(g_times3)

        def construct(self, x, y):
            z = x * y
            z = z.register_hook(g_times2)
            return self.ig(z) * y

    res["graph"] = arr(ms.grad(N(), grad_position=(0, 1))(one, two))
    ms.set_context(mode=ms.PYNATIVE_MODE)
    G["hooks"] = res


def g_times3(g):
    return g * 3


def g_times2(g):
    return g * 2


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


def _records(path):
    import struct

    with open(path, "rb") as f:
        buf = f.read()
    pos, out = 0, []
    while pos < len(buf):
        (n,) = struct.unpack("<Q", buf[pos:pos + 8])
        out.append(buf[pos + 12:pos + 12 + n])
        pos += 16 + n
    return out


def _event_dict(data):
    from mindspore.train.summary_pb2 import Event

    e = Event()
    e.ParseFromString(data)
    d = {"step": e.step}
    if e.HasField("version"):
        d["version"] = e.version
    vals = []
    for v in e.summary.value:
        item = {"tag": v.tag}
        kind = v.WhichOneof("value")
        if kind == "scalar_value":
            item["scalar_value"] = v.scalar_value
        elif kind == "tensor":
            item["tensor"] = {"dims": list(v.tensor.dims), "data_type": v.tensor.data_type,
                              "float_data": list(v.tensor.float_data)}
        elif kind == "histogram":
            h = v.histogram
            item["histogram"] = {"buckets": [{"left": b.left, "width": b.width, "count": b.count}
                                             for b in h.buckets],
                                 "nan_count": h.nan_count, "pos_inf_count": h.pos_inf_count,
                                 "neg_inf_count": h.neg_inf_count, "max": h.max, "min": h.min,
                                 "sum": h.sum, "count": h.count}
        elif kind == "image":
            im = v.image
            px = np.asarray(Image.open(io.BytesIO(im.encoded_image))).tolist()
            item["image"] = {"height": im.height, "width": im.width,
                             "colorspace": im.colorspace, "pixels": px}
        vals.append(item)
    if vals:
        d["values"] = vals
    return d


def summary():
    ms.set_context(mode=ms.GRAPH_MODE)
    d = tempfile.mkdtemp()
    try:
        with ms.SummaryRecord(d) as sr:
            net = SumNet()
            x = np.arange(18, dtype=np.float32) / 40
            net(Tensor(x))
            sr.add_value("scalar", "loss", Tensor(0.5))
            sr.add_value("histogram", "hist_nan",
                         Tensor(np.array([1.0, np.nan, np.inf, -2.0, 5.0, 5.0, 3.0], np.float32)))
            sr.add_value("tensor", "int_t", Tensor(np.arange(6, dtype=np.int32).reshape(2, 3)))
            sr.record(1)
            net(Tensor(x * 100 - 3))
            sr.record(2)
            sr.record(3)
        files = glob.glob(os.path.join(d, "*"))
        G["summary_files"] = [os.path.basename(f).split(".")[:4] for f in files]
        G["summary_events"] = [_event_dict(r) for r in _records(files[0])]
    finally:
        shutil.rmtree(d, ignore_errors=True)


flow()
hooks()
summary()
with open(OUT, "w") as f:
    json.dump(G, f, indent=1)
print("wrote", OUT)
