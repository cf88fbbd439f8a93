"""Leftover user-facing names: nn.AdaFactor / ops.FusedAdaFactor*, ops math leftovers (cond,
bidense, adjoint, ...), higher-order AD (derivative, jet, linearize, nn.Jvp, nn.Vjp),
nn.MultiFieldEmbeddingLookup, nn.AdaSum* wrappers, float8 dtypes, storage-ish Tensor methods.

Goldens: tools/make_golden_leftovers.py (real MindSpore 2.10, CPU). Ops without a MindSpore CPU
kernel (baddbmm_ext, adaptive_avg_pool2d_ext, add_layer_norm, add_rms_norm) are checked with numpy.
"""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

from conftest import GOLDEN

_NPZ = np.load(os.path.join(GOLDEN, "leftovers.npz"))
with open(os.path.join(GOLDEN, "leftovers.json")) as _fh:
    _META = json.load(_fh)


def _g(name):
    return _NPZ[name]


def _close(out, name, rtol=1e-5, atol=1e-6):
    got = out.asnumpy() if isinstance(out, Tensor) else np.asarray(out)
    want = _g(name)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=name)


def _close_seq(outs, prefix, **kw):
    for i, o in enumerate(outs):
        if isinstance(o, (tuple, list)):
            _close_seq(o, f"{prefix}.{i}", **kw)
        else:
            _close(o, f"{prefix}.{i}", **kw)


# --- nn.AdaFactor / FusedAdaFactor --------------------------------------------------------------
@pytest.mark.parametrize("i", range(5))
def test_adafactor_trajectory(i):
    kw = dict(_META["ada_cfgs"][i])
    if "eps" in kw:
        kw["eps"] = tuple(kw["eps"])
    ps = [Parameter(Tensor(_g(f"ada.{n}").copy()), name=n.lower()) for n in "WBC"]
    opt = nn.AdaFactor(ps, **kw)
    for s in range(3):
        res = opt(tuple(Tensor(_g(f"ada.g{s}.{n}")) for n in "WBC"))
    assert all(bool(r.asnumpy()) for r in res)
    _close_seq(ps, f"ada.cfg{i}", rtol=2e-5, atol=2e-6)
    _close_seq(
        [opt.exp_avg_sq_row[0], opt.exp_avg_sq_col[0], opt.exp_avg_sq[1]],
        f"ada.cfg{i}.state",
        rtol=2e-5,
        atol=1e-7,
    )
    assert opt.step.asnumpy().tolist() == [3.0]


def test_adafactor_checks():
    p = [Parameter(Tensor(np.ones((2, 2), np.float32)), name="w")]
    with pytest.raises(ValueError, match="Cannot combine manual lr"):
        nn.AdaFactor(p, learning_rate=0.1)
    with pytest.raises(ValueError, match="warmup_init requires relative_step"):
        nn.AdaFactor(p, learning_rate=0.1, relative_step=False, warmup_init=True)
    with pytest.raises(ValueError, match="relative_step=False"):
        nn.AdaFactor(p, relative_step=False)
    with pytest.raises(ValueError, match="eps must have 2 value"):
        nn.AdaFactor(p, eps=(1e-30,))
    with pytest.raises(TypeError, match="decay_rate"):
        nn.AdaFactor(p, decay_rate=1)
    with pytest.raises(ValueError, match="weight_decay"):
        nn.AdaFactor(p, weight_decay=1.5)
    opt = nn.AdaFactor(p, beta1=None)
    assert not opt.use_first_moment and tuple(opt.exp_avg_sq_row[0].shape) == (2,)


class _FNet(nn.Cell):
    def __init__(self, prim, shape):
        super().__init__()
        self.opt = prim
        self.param = Parameter(Tensor(np.ones(shape, np.float32) * 0.5), name="param")
        self.exp_avg = Parameter(Tensor(np.zeros(shape, np.float32)), name="exp_avg")
        self.exp_avg_sq = Parameter(Tensor(np.zeros(shape, np.float32)), name="exp_avg_sq")
        self.row = Parameter(Tensor(np.zeros(shape[:-1], np.float32)), name="row")
        self.col = Parameter(Tensor(np.zeros(shape[:-2] + shape[-1:], np.float32)), name="col")

    def construct(self, *args):
        return self.opt(*args[:7], self.param, self.exp_avg, self.row, self.col, self.exp_avg_sq, *args[7:])


def test_fused_ada_factor_primitives(mode):
    f32 = np.float32
    hp = (
        Tensor(np.array([1e-30, 1e-3], f32)),
        Tensor(f32(1.0)),
        Tensor(f32(0.9)),
        Tensor(f32(0.8)),
        Tensor(f32(1e-2)),
        Tensor(f32(0.03)),
        Tensor(_g("fused.g")),
    )
    for name, prim, extra in [
        ("plain", ops.FusedAdaFactor(), ()),
        ("all", ops.FusedAdaFactor(True, True, True), ()),
        ("gn2", ops.FusedAdaFactorWithGlobalNorm(True, True, True), (Tensor(f32(2.0)),)),
        ("gn05", ops.FusedAdaFactorWithGlobalNorm(True, True, True), (Tensor(f32(0.5)),)),
    ]:
        net = _FNet(prim, (2, 3, 2))
        net(*hp, *extra)
        _close_seq([net.param, net.exp_avg, net.row, net.col], f"fused.{name}")
    with pytest.raises(TypeError, match="enable_first_moment"):
        ops.FusedAdaFactor(enable_first_moment=1)


# --- math leftovers -----------------------------------------------------------------------------
def test_math_leftovers_goldens():
    _close(ops.adjoint(Tensor(_g("adjoint.x"))), "adjoint.y")
    out = ops.approximate_equal(Tensor(_g("approx.x")), Tensor(_g("approx.y")), 0.7)
    assert out.dtype == ms.bool_
    _close(out, "approx.out")
    args = [Tensor(_g(f"bidense.{k}")) for k in ("x1", "x2", "w", "b")]
    _close(ops.bidense(*args), "bidense.out", rtol=1e-5, atol=1e-5)
    _close(ops.bidense(args[0][0], args[1][0], args[2]), "bidense.nobias", rtol=1e-5, atol=1e-5)
    for i, p in enumerate(_META["cond_p"]):
        _close(ops.cond(Tensor(_g("cond.A")), eval(p, {"inf": float("inf")})), f"cond.{i}", rtol=1e-4)
    out = ops.cond(Tensor(_g("cond.AB")), "fro")
    assert out.dtype == ms.float32
    _close(out, "cond.batched", rtol=1e-4)
    _close(ops.accumulate_n([Tensor(_g("approx.x"))]), "accumulate_n.one")
    x, y = Tensor(_g("approx.x")), Tensor(_g("approx.y"))
    np.testing.assert_allclose(
        ops.accumulate_n([x, y, x]).asnumpy(), 2 * _g("approx.x") + _g("approx.y"), rtol=1e-6
    )
    for a, b, want in _META["bga"]:
        got = ops.broadcast_gradient_args(tuple(a), tuple(b))
        assert [list(r) for r in got] == want, (a, b)
    with pytest.raises(RuntimeError, match="Not compatible shape"):
        ops.broadcast_gradient_args((2, 3), (3, 3))
    assert ops.tail((1, 2, 3)) == (2, 3)


class _GraphMath(nn.Cell):
    def construct(self, cx, x1, x2, w, b, a, g):
        y, rstd, s = ops.add_rms_norm(x1, x1, g)
        return (
            ops.adjoint(cx),
            ops.bidense(x1, x2, w, b),
            ops.cond(a, "nuc"),
            ops.cond(a),
            y,
            rstd,
            s,
            ops.approximate_equal(x1, x1 * 1.1, 0.5),
        )


def test_math_leftovers_graph():
    ms.set_context(mode=ms.GRAPH_MODE)
    g = Tensor(np.ones(4, np.float32))
    outs = _GraphMath()(
        Tensor(_g("adjoint.x")),
        *[Tensor(_g(f"bidense.{k}")) for k in ("x1", "x2", "w", "b")],
        Tensor(_g("cond.A")),
        g,
    )
    _close(outs[0], "adjoint.y")
    _close(outs[1], "bidense.out", atol=1e-5)
    _close(outs[2], f"cond.{_META['cond_p'].index(repr('nuc'))}", rtol=1e-4)
    _close(outs[3], "cond.0", rtol=1e-4)
    x = 2 * _g("bidense.x1")
    np.testing.assert_allclose(
        outs[4].asnumpy(), x / np.sqrt((x * x).mean(-1, keepdims=True) + 1e-6), rtol=1e-5, atol=1e-6
    )
    assert outs[5].shape == (2, 3, 1) and outs[6].asnumpy().tolist() == x.tolist()


def test_ascend_only_numpy():
    rs = np.random.RandomState(3)
    inp, b1, b2 = rs.randn(2, 2, 4), rs.randn(2, 2, 3), rs.randn(2, 3, 4)
    out = ops.baddbmm_ext(*(Tensor(v.astype(np.float32)) for v in (inp, b1, b2)), beta=0.5, alpha=2)
    np.testing.assert_allclose(out.asnumpy(), 0.5 * inp + 2 * b1 @ b2, rtol=1e-5, atol=1e-5)

    x = rs.rand(1, 2, 6, 4).astype(np.float32)
    out = ops.adaptive_avg_pool2d_ext(Tensor(x), (3, None))
    assert out.shape == (1, 2, 3, 4)
    np.testing.assert_allclose(out.asnumpy(), x.reshape(1, 2, 3, 2, 4).mean(3), rtol=1e-6)
    np.testing.assert_allclose(
        ops.adaptive_avg_pool2d_ext(Tensor(x), 2).asnumpy(),
        x.reshape(1, 2, 2, 3, 2, 2).mean((3, 5)),
        rtol=1e-6,
    )
    with pytest.raises(ValueError, match="length of 'output_size' must be 2"):
        ops.adaptive_avg_pool2d_ext(Tensor(x), (1, 2, 3))

    x1, x2 = rs.randn(2, 5).astype(np.float32), rs.randn(2, 5).astype(np.float32)
    gm, bt = rs.randn(5).astype(np.float32), rs.randn(5).astype(np.float32)
    y, mean, rstd, s = ops.add_layer_norm(*(Tensor(v) for v in (x1, x2, gm, bt)), 1e-5)
    xs = x1 + x2
    m, v = xs.mean(-1, keepdims=True), xs.var(-1, keepdims=True)
    np.testing.assert_allclose(y.asnumpy(), (xs - m) / np.sqrt(v + 1e-5) * gm + bt, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(mean.asnumpy(), m, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(rstd.asnumpy(), 1 / np.sqrt(v + 1e-5), rtol=1e-5)
    np.testing.assert_allclose(s.asnumpy(), xs, rtol=1e-6)
    with pytest.raises(TypeError, match="epsilon"):
        ops.add_layer_norm(*(Tensor(v) for v in (x1, x2, gm, bt)), 1)

    # the documented example of ops.add_rms_norm
    h = Tensor(np.array([[0.5, 1.0, 1.5], [0.5, 1.0, 1.5]], np.float32))
    y, rstd, s = ops.add_rms_norm(h, h, Tensor(np.ones(3, np.float32)))
    np.testing.assert_allclose(y.asnumpy()[0], [0.46290997, 0.92581993, 1.3887299], rtol=1e-6)
    np.testing.assert_allclose(rstd.asnumpy(), [[0.46290997], [0.46290997]], rtol=1e-6)
    assert rstd.dtype == ms.float32

    z = Tensor(np.array([0.0, 2.0], np.float32))
    r = ops.inplace_sigmoid(z)
    assert r is z
    np.testing.assert_allclose(z.asnumpy(), 1 / (1 + np.exp(-np.array([0.0, 2.0]))), rtol=1e-6)


# --- higher-order AD ----------------------------------------------------------------------------
def _f_es(x):
    return ops.exp(ops.sin(x))


def _f_g(a, b):
    return a * ops.sin(b)


def _f_two(a):
    return ops.sin(a), a * a


def _f_mm(a, b):
    return ops.matmul(a, b) * a


def test_derivative_jet_linearize():
    x, s = Tensor(_g("ad.x")), Tensor(_g("ad.s"))
    _close_seq(ops.derivative(_f_es, x, 3), "der.o3", rtol=1e-5)
    _close_seq(ops.derivative(_f_es, x, 1), "der.o1", rtol=1e-5)
    out = ops.derivative(_f_es, Tensor(np.array([1, 2], np.int32)), 2)
    assert out[0].dtype == ms.float32
    _close_seq(out, "der.int", rtol=1e-5)
    _close_seq(ops.derivative(_f_g, (x, x * 2), 2), "der.tuple", rtol=1e-5)
    out = ops.derivative(_f_two, x, 2)
    assert isinstance(out[0], list) and isinstance(out[1], list)
    _close_seq(out, "der.multi", rtol=1e-5)
    _close_seq(ops.jet(_f_es, x, s), "jet.one", rtol=1e-5, atol=1e-5)
    _close_seq(ops.jet(_f_es, x, x), "jet.same", rtol=1e-5)
    _close_seq(ops.jet(_f_g, (x, x), (s, s * 2)), "jet.tuple", rtol=1e-5, atol=1e-5)
    out, jf = ops.linearize(_f_mm, (x, x))
    _close_seq([out, jf((x, x * 0.5))], "lin.two")
    out, jf = ops.linearize(ops.sin, x)
    _close_seq([out, jf(x)], "lin.one")
    with pytest.raises(ValueError, match="order should not be less than 1"):
        ops.derivative(_f_es, x, 0)
    with pytest.raises(ValueError, match="shape of each element"):
        ops.jet(_f_es, x, Tensor(np.ones((2, 3), np.float32)))
    with pytest.raises(TypeError, match="both Tensor or tuple"):
        ops.jet(_f_es, x, (s,))


def test_jet_fallback_matches_jet():
    import jax.numpy as jnp

    from mindspore_jax.ops._impl.ad_ops import _nested_taylor

    s = _g("ad.s")
    _, terms = _nested_taylor(lambda v: jnp.exp(jnp.sin(v)), [jnp.asarray(_g("ad.x"))], [list(s)])
    np.testing.assert_allclose(np.stack(terms), _g("jet.one.1"), rtol=1e-5, atol=1e-5)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_jvp_vjp_cells(mode):
    x = Tensor(_g("ad.x"))
    with pytest.warns(DeprecationWarning):
        jv = nn.Jvp(_f_mm)
    _close_seq(jv(x, x, (x, x)), "Jvp.two")
    _close_seq(nn.Jvp(ops.sin)(x, x), "Jvp.one")
    _close_seq(nn.Vjp(_f_mm)(x, x, x), "Vjp.two")
    _close_seq(nn.Vjp(_f_two)(x, (x, x)), "Vjp.multiout")


# --- nn layers / wrappers -----------------------------------------------------------------------
def test_multi_field_embedding_lookup(mode):
    args = [Tensor(_g(f"mf.{k}")) for k in ("idx", "val", "fid")]
    for opn in ("SUM", "MAX", "MEAN"):
        net = nn.MultiFieldEmbeddingLookup(10, 3, field_size=3, operator=opn)
        net.embedding_table.set_data(Tensor(_g("mf.tab")))
        _close(net(*args), f"mf.{opn}")
    with pytest.raises(ValueError, match="operator"):
        nn.MultiFieldEmbeddingLookup(10, 3, 3, operator="PROD")


def test_adasum_wrappers():
    p = Parameter(Tensor(np.ones(3, np.float32)), name="w")
    with pytest.raises(RuntimeError, match="Stand alone mode"):
        nn.AdaSumByGradWrapCell(nn.SGD([p], 0.1))
    try:
        ms.set_auto_parallel_context(parallel_mode="semi_auto_parallel", device_num=8)
        with pytest.raises(RuntimeError, match="at least 16"):
            nn.AdaSumByDeltaWeightWrapCell(nn.SGD([p], 0.1))
        ms.set_auto_parallel_context(device_num=16)
        g = (Tensor(np.full(3, 2.0, np.float32)),)
        nn.AdaSumByGradWrapCell(nn.SGD([p], 0.1))(g)
        np.testing.assert_allclose(p.asnumpy(), [0.8] * 3, rtol=1e-6)
        out = nn.AdaSumByDeltaWeightWrapCell(nn.SGD([p], 0.1))(g)
        np.testing.assert_allclose(out[0].asnumpy(), [0.6] * 3, rtol=1e-6)
    finally:
        ms.reset_auto_parallel_context()


# --- dtypes and Tensor methods ------------------------------------------------------------------
def test_float8_dtypes():
    x = Tensor(np.array([1.5, 300.0, -0.1], np.float32))
    y = x.astype(ms.float8_e4m3fn)
    assert y.dtype == ms.float8_e4m3fn and str(ms.float8_e4m3fn) == "Float8E4M3FN"
    assert repr(ms.float8_e5m2) == "mindspore.float8_e5m2"
    assert ms.float8_e5m2.is_floating_point and ms.float8_e4m3fn.itemsize == 1
    np.testing.assert_allclose(y.astype(ms.float32).asnumpy(), [1.5, 288.0, -0.1015625])
    assert Tensor(np.array([3.0], np.float32), ms.float8_e5m2).dtype == ms.float8_e5m2


def test_tensor_storage_methods():
    x = Tensor(np.arange(4, dtype=np.float32))
    assert x.is_meta is False
    assert x.pin_memory().asnumpy().tolist() == [0, 1, 2, 3]
    assert x.get_bytes() == np.arange(4, dtype=np.float32).tobytes()
    assert x.wait_pipeline() is None
    assert Tensor.from_dlpack(x.to_dlpack()).asnumpy().tolist() == [0, 1, 2, 3]
