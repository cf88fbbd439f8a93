"""Goldens for tests/test_leftovers.py from real MindSpore 2.10 (CPU).

Run from /tmp (MindSpore writes rank_0/ into the cwd):
    cd /tmp && /work/msvenv/bin/python /work/main/tools/make_golden_leftovers.py
Writes tests/golden/leftovers.npz (arrays) and tests/golden/leftovers.json (shape/axis results).
"""

import json
import os

import numpy as np
from mindspore import Parameter, Tensor, nn, ops

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "leftovers")
arrs, meta = {}, {}


def put(name, v):
    if isinstance(v, (tuple, list)):
        for i, x in enumerate(v):
            put(f"{name}.{i}", x)
        return
    arrs[name] = v.asnumpy() if isinstance(v, Tensor) else np.asarray(v)


rs = np.random.RandomState(0)
F32 = np.float32

# --- nn.AdaFactor: 3-step trajectories ------------------------------------------------------------
W, B, C = rs.randn(3, 4).astype(F32), rs.randn(4).astype(F32), rs.randn(2, 3, 4).astype(F32)
G = [[rs.randn(*a.shape).astype(F32) for a in (W, B, C)] for _ in range(3)]
arrs.update({"ada.W": W, "ada.B": B, "ada.C": C})
for s, gs in enumerate(G):
    for n, g in zip("WBC", gs):
        arrs[f"ada.g{s}.{n}"] = g
ADA_CFGS = [
    {},
    {"learning_rate": 0.1, "relative_step": False, "scale_parameter": False},
    {"learning_rate": 0.05, "relative_step": False, "beta1": None, "weight_decay": 0.1},
    {"warmup_init": True},
    {
        "learning_rate": 0.02,
        "relative_step": False,
        "clip_threshold": 0.5,
        "decay_rate": 0.5,
        "eps": (1e-20, 1e-2),
    },
]
meta["ada_cfgs"] = ADA_CFGS
for i, kw in enumerate(ADA_CFGS):
    ps = [Parameter(Tensor(a.copy()), name=n) for a, n in zip((W, B, C), "wbc")]
    opt = nn.AdaFactor(ps, **kw)
    for g in G:
        opt(tuple(Tensor(x) for x in g))
    put(f"ada.cfg{i}", [p for p in ps])
    put(f"ada.cfg{i}.state", [opt.exp_avg_sq_row[0], opt.exp_avg_sq_col[0], opt.exp_avg_sq[1]])


# --- ops.FusedAdaFactor(WithGlobalNorm) primitive ---------------------------------------------------
class FNet(nn.Cell):
    def __init__(self, prim, shape):
        super().__init__()
        self.opt = prim
        self.param = Parameter(Tensor(np.ones(shape, F32) * 0.5), name="param")
        self.exp_avg = Parameter(Tensor(np.zeros(shape, F32)), name="exp_avg")
        self.exp_avg_sq = Parameter(Tensor(np.zeros(shape, F32)), name="exp_avg_sq")
        self.row = Parameter(Tensor(np.zeros(shape[:-1], F32)), name="row")
        self.col = Parameter(Tensor(np.zeros(shape[:-2] + shape[-1:], F32)), name="col")

    def construct(self, *args):
        return self.opt(*args[:7], self.param, self.exp_avg, self.row, self.col, self.exp_avg_sq, *args[7:])


FG = rs.randn(2, 3, 2).astype(F32)
arrs["fused.g"] = FG
hp = (
    Tensor(np.array([1e-30, 1e-3], F32)),
    Tensor(F32(1.0)),
    Tensor(F32(0.9)),
    Tensor(F32(0.8)),
    Tensor(F32(1e-2)),
    Tensor(F32(0.03)),
    Tensor(FG),
)
for name, prim, extra in [
    ("plain", ops.FusedAdaFactor(), ()),
    ("all", ops.FusedAdaFactor(True, True, True), ()),
    ("gn2", ops.FusedAdaFactorWithGlobalNorm(True, True, True), (Tensor(F32(2.0)),)),
    ("gn05", ops.FusedAdaFactorWithGlobalNorm(True, True, True), (Tensor(F32(0.5)),)),
]:
    net = FNet(prim, (2, 3, 2))
    net(*hp, *extra)
    put(f"fused.{name}", [net.param, net.exp_avg, net.row, net.col])

# --- math leftovers ---------------------------------------------------------------------------------
cx = (rs.randn(2, 3, 2) + 1j * rs.randn(2, 3, 2)).astype(np.complex64)
arrs["adjoint.x"] = cx
put("adjoint.y", ops.adjoint(Tensor(cx)))
ax, ay = rs.randn(3, 4).astype(F32), rs.randn(3, 4).astype(F32)
arrs["approx.x"], arrs["approx.y"] = ax, ay
put("approx.out", ops.approximate_equal(Tensor(ax), Tensor(ay), 0.7))
b1, b2 = rs.randn(2, 3, 4).astype(F32), rs.randn(2, 3, 5).astype(F32)
bw, bb = rs.randn(6, 4, 5).astype(F32), rs.randn(6).astype(F32)
arrs.update({"bidense.x1": b1, "bidense.x2": b2, "bidense.w": bw, "bidense.b": bb})
put("bidense.out", ops.bidense(Tensor(b1), Tensor(b2), Tensor(bw), Tensor(bb)))
put("bidense.nobias", ops.bidense(Tensor(b1[0]), Tensor(b2[0]), Tensor(bw)))
A = rs.randn(3, 3).astype(F32) + 3 * np.eye(3, dtype=F32)
AB = rs.randn(2, 2, 3, 3).astype(F32) + 3 * np.eye(3, dtype=F32)
arrs["cond.A"], arrs["cond.AB"] = A, AB
COND_P = [None, 1, -1, 2, -2, "fro", "nuc", float("inf"), float("-inf")]
meta["cond_p"] = [repr(p) for p in COND_P]
for i, p in enumerate(COND_P):
    put(f"cond.{i}", ops.cond(Tensor(A), p))
put("cond.batched", ops.cond(Tensor(AB), "fro"))
put("accumulate_n.one", ops.accumulate_n([Tensor(ax)]))
BGA = [
    ((2, 1, 3), (4, 3)),
    ((1, 1), (1, 1)),
    ((5, 1, 1), (1, 4, 1)),
    ((), (2, 3)),
    ((4, 1), (4, 1)),
    ((3, 1, 5), (2, 1, 1, 5)),
]
meta["bga"] = [[list(a), list(b), [list(r) for r in ops.broadcast_gradient_args(a, b)]] for a, b in BGA]

# --- AD: derivative / jet / linearize / nn.Jvp / nn.Vjp -----------------------------------------------
X = np.array([[1, 2], [3, 4]], F32)
S = np.array([[[1, 1], [1, 1]], [[0.5, 0], [0, 0]], [[0, 0], [0.3, 0]]], F32)
arrs["ad.x"], arrs["ad.s"] = X, S


def f_es(x):
    return ops.exp(ops.sin(x))


def f_g(a, b):
    return a * ops.sin(b)


def f_two(a):
    return ops.sin(a), a * a


def f_mm(a, b):
    return ops.matmul(a, b) * a


x = Tensor(X)
put("der.o3", ops.derivative(f_es, x, 3))
put("der.o1", ops.derivative(f_es, x, 1))
put("der.int", ops.derivative(f_es, Tensor(np.array([1, 2], np.int32)), 2))
put("der.tuple", ops.derivative(f_g, (x, x * 2), 2))
put("der.multi", ops.derivative(f_two, x, 2))
put("jet.one", ops.jet(f_es, x, Tensor(S)))
put("jet.same", ops.jet(f_es, x, x))
put("jet.tuple", ops.jet(f_g, (x, x), (Tensor(S), Tensor(S * 2))))
out, jf = ops.linearize(f_mm, (x, x))
put("lin.two", [out, jf((x, x * 0.5))])
out, jf = ops.linearize(ops.sin, x)
put("lin.one", [out, jf(x)])
put("Jvp.two", nn.Jvp(f_mm)(x, x, (x, x)))
put("Jvp.one", nn.Jvp(ops.sin)(x, x))
put("Vjp.two", nn.Vjp(f_mm)(x, x, x))
put("Vjp.multiout", nn.Vjp(f_two)(x, (x, x)))

# --- nn.MultiFieldEmbeddingLookup ------------------------------------------------------------------
tab = rs.randn(10, 3).astype(F32)
idx = np.array([[1, 3, 5, 9], [0, 2, 2, 7]], np.int32)
val = np.array([[1, 0.5, 0, 2], [-1, 1, 0, 0.5]], F32)
fid = np.array([[0, 1, 1, 2], [1, 1, 0, 0]], np.int32)
arrs.update({"mf.tab": tab, "mf.idx": idx, "mf.val": val, "mf.fid": fid})
for opn in ["SUM", "MAX", "MEAN"]:
    net = nn.MultiFieldEmbeddingLookup(10, 3, field_size=3, operator=opn)
    net.embedding_table.set_data(Tensor(tab))
    put(f"mf.{opn}", net(Tensor(idx), Tensor(val), Tensor(fid)))

np.savez(OUT + ".npz", **arrs)
with open(OUT + ".json", "w") as fh:
    json.dump(meta, fh, indent=1)
print(len(arrs), "arrays")
