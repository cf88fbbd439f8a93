"""Quantization-aware-training primitives (numpy references of MindSpore's GPU/TBE kernel
formulas: MindSpore 2.10 has no CPU kernel for them), the misc primitives (goldens from real
MindSpore where it has a CPU kernel: tools/make_golden_quant_misc.py) and the single-process
communication primitives."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops
from mindspore_jax.ops import operations as P

from conftest import GOLDEN

_NPZ = np.load(os.path.join(GOLDEN, "quant_misc.npz"))
with open(os.path.join(GOLDEN, "quant_misc.json")) as _f:
    _META = json.load(_f)

RNG = np.random.default_rng(3)
T = Tensor


def f32(*shape, lo=-2.0, hi=2.0):
    return RNG.uniform(lo, hi, shape).astype(np.float32)


# --- numpy references of the GPU kernels ------------------------------------------------------------


def np_nudge(mn, mx, num_bits, narrow, symmetric=False):
    mn, mx = np.float32(mn), np.float32(mx)
    qmin, qmax = np.float32(1 if narrow else 0), np.float32(2**num_bits - 1)
    if symmetric:
        mx, mn = (mx, -mx) if abs(mn) < mx else (-mn, mn)
    if mx - mn == 0:
        return np.float32(0), np.float32(0), np.float32(0)
    scale = np.float32((mx - mn) / (qmax - qmin))
    zp = np.float32(qmin - mn / scale)
    nzp = qmin if zp <= qmin else qmax if zp >= qmax else np.floor(zp + np.float32(0.5))
    return np.float32((qmin - nzp) * scale), np.float32((qmax - nzp) * scale), scale


def np_fq(x, nmin, nmax, scale):
    c = np.clip(x, nmin, nmax)
    return (np.floor((c - nmin) / scale + np.float32(0.5)) * scale + nmin).astype(np.float32)


def np_fq_channel(x, mn, mx, axis, num_bits=8, narrow=False, symmetric=False):
    out = np.empty_like(x)
    mask = np.empty(x.shape, bool)
    for c in range(x.shape[axis]):
        idx = [slice(None)] * x.ndim
        idx[axis] = c
        nmin, nmax, s = np_nudge(mn[c], mx[c], num_bits, narrow, symmetric)
        out[tuple(idx)] = np_fq(x[tuple(idx)], nmin, nmax, s)
        mask[tuple(idx)] = (x[tuple(idx)] >= nmin) & (x[tuple(idx)] <= nmax)
    return out, mask


@pytest.mark.parametrize("num_bits,narrow,symmetric", [(8, False, False), (4, True, False), (7, False, True)])
def test_fake_quant_per_layer_and_grad(num_bits, narrow, symmetric):
    x, dout = f32(2, 3, 4), f32(2, 3, 4)
    mn, mx = np.array([-1.1], np.float32), np.array([1.3], np.float32)
    nmin, nmax, s = np_nudge(mn[0], mx[0], num_bits, narrow, symmetric)
    out = P.FakeQuantPerLayer(num_bits=num_bits, narrow_range=narrow, symmetric=symmetric)(T(x), T(mn), T(mx))
    np.testing.assert_allclose(out.asnumpy(), np_fq(x, nmin, nmax, s), rtol=1e-6, atol=1e-6)
    dx = P.FakeQuantPerLayerGrad(num_bits=num_bits, narrow_range=narrow, symmetric=symmetric)(
        T(dout), T(x), T(mn), T(mx)
    )
    np.testing.assert_array_equal(dx.asnumpy(), np.where((x >= nmin) & (x <= nmax), dout, 0))


def test_fake_quant_per_channel_and_grad():
    x, dout = f32(3, 4, 5), f32(3, 4, 5)
    for axis in (0, 1):
        c = x.shape[axis]
        mn, mx = f32(c, lo=-1.5, hi=-0.1), f32(c, lo=0.2, hi=1.5)
        ref, mask = np_fq_channel(x, mn, mx, axis)
        out = P.FakeQuantPerChannel(channel_axis=axis)(T(x), T(mn), T(mx))
        np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-6, atol=1e-6)
        dx = P.FakeQuantPerChannelGrad(channel_axis=axis)(T(dout), T(x), T(mn), T(mx))
        np.testing.assert_array_equal(dx.asnumpy(), np.where(mask, dout, 0))
    with pytest.raises(ValueError, match="FakeQuantPerChannel"):
        P.FakeQuantPerChannel()(T(x), T(np.zeros(3, np.float32)), T(np.ones(3, np.float32)))
    with pytest.raises(ValueError, match="num_bits"):
        P.FakeQuantPerChannel(num_bits=5)


def test_quant_delay_counts_launches():
    x = f32(4)
    mn, mx = T(np.array([-1.0], np.float32)), T(np.array([1.0], np.float32))
    fq = P.FakeQuantPerLayer(quant_delay=2)
    q = P.FakeQuantPerLayer()(T(x), mn, mx).asnumpy()
    outs = [fq(T(x), mn, mx).asnumpy() for _ in range(3)]
    np.testing.assert_array_equal(outs[0], x)
    np.testing.assert_array_equal(outs[1], x)
    np.testing.assert_array_equal(outs[2], q)
    # not training: always quantized
    np.testing.assert_array_equal(
        P.FakeQuantPerLayer(quant_delay=5, training=False)(T(x), mn, mx).asnumpy(), q
    )


def test_minmax_update():
    x = f32(2, 3, 4, lo=0.1, hi=2.0)  # all positive: min clamps to 0
    mn, mx = np.array([-1.0], np.float32), np.array([3.0], np.float32)
    lo, hi = P.MinMaxUpdatePerLayer()(T(x), T(mn), T(mx))
    assert lo.asnumpy().tolist() == [0.0] and np.isclose(hi.asnumpy()[0], x.max())
    lo, hi = P.MinMaxUpdatePerLayer(ema=True, ema_decay=0.9)(T(x), T(mn), T(mx))
    np.testing.assert_allclose(lo.asnumpy(), [min(0.9 * x.min() - 0.1, 0)], rtol=1e-6)
    np.testing.assert_allclose(hi.asnumpy(), [0.9 * x.max() + 0.1 * 3.0], rtol=1e-6)
    y = f32(2, 3, 4)
    cmn, cmx = np.zeros(3, np.float32), np.ones(3, np.float32)
    lo, hi = P.MinMaxUpdatePerChannel(channel_axis=1)(T(y), T(cmn), T(cmx))
    np.testing.assert_allclose(lo.asnumpy(), np.minimum(y.min(axis=(0, 2)), 0))
    np.testing.assert_allclose(hi.asnumpy(), np.maximum(y.max(axis=(0, 2)), 0))


def test_fake_quant_with_min_max_vars():
    x, dout = f32(2, 3, 4, lo=-3, hi=3), f32(2, 3, 4)
    mn, mx = np.array([-1.7], np.float32), np.array([2.2], np.float32)
    nmin, nmax, s = np_nudge(mn[0], mx[0], 8, True)
    out = P.FakeQuantWithMinMaxVars(num_bits=8, narrow_range=True)(T(x), T(mn), T(mx))
    np.testing.assert_allclose(out.asnumpy(), np_fq(x, nmin, nmax, s), rtol=1e-6, atol=1e-6)
    dx, dmin, dmax = P.FakeQuantWithMinMaxVarsGradient(narrow_range=True)(T(dout), T(x), T(mn), T(mx))
    np.testing.assert_array_equal(dx.asnumpy(), np.where((x >= nmin) & (x <= nmax), dout, 0))
    np.testing.assert_allclose(dmin.asnumpy(), [dout[x < nmin].sum()], rtol=1e-5)
    np.testing.assert_allclose(dmax.asnumpy(), [dout[x > nmax].sum()], rtol=1e-5)
    cmn, cmx = f32(4, lo=-2, hi=-0.5), f32(4, lo=0.5, hi=2)
    ref, mask = np_fq_channel(x, cmn, cmx, 2)
    out = P.FakeQuantWithMinMaxVarsPerChannel()(T(x), T(cmn), T(cmx))
    np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-6, atol=1e-6)
    dx, dmin, dmax = P.FakeQuantWithMinMaxVarsPerChannelGradient()(T(dout), T(x), T(cmn), T(cmx))
    np.testing.assert_array_equal(dx.asnumpy(), np.where(mask, dout, 0))
    below = np.stack([x[..., c] < np_nudge(cmn[c], cmx[c], 8, False)[0] for c in range(4)], -1)
    np.testing.assert_allclose(
        dmin.asnumpy(), np.where(below, dout, 0).sum(axis=(0, 1)), rtol=1e-5, atol=1e-6
    )
    with pytest.raises(ValueError, match="num_bits"):
        P.FakeQuantWithMinMaxVars(num_bits=1)


def test_learned_scale_quant():
    x, dout = f32(2, 3, 4, lo=-8, hi=8), f32(2, 3, 4)
    alpha, qmax = np.array([5.0], np.float32), np.array([127.0], np.float32)
    for neg_trunc in (False, True):
        lb = 0.0 if neg_trunc else -1.0
        div = x / alpha[0]
        q = np.floor(np.clip(div, lb, 1) * qmax[0] + np.float32(0.5)) / qmax[0]
        out = P.FakeLearnedScaleQuantPerLayer(neg_trunc=neg_trunc)(T(x), T(alpha), T(qmax))
        np.testing.assert_allclose(out.asnumpy(), q * alpha[0], rtol=1e-6, atol=1e-6)
        dx, da = P.FakeLearnedScaleQuantPerLayerGrad(neg_trunc=neg_trunc)(T(dout), T(x), T(alpha), T(qmax))
        inside = (div >= lb) & (div <= 1)
        np.testing.assert_array_equal(dx.asnumpy(), np.where(inside, dout, 0))
        ref_da = np.where(div > 1, dout, np.where(div < lb, -dout, dout * (q - div))).sum()
        np.testing.assert_allclose(da.asnumpy(), [ref_da], rtol=1e-5, atol=1e-5)
        dxd, dad = P.FakeLearnedScaleQuantPerLayerGradD(neg_trunc=neg_trunc)(T(dout), T(x), T(alpha), T(qmax))
        np.testing.assert_allclose(
            P.FakeLearnedScaleQuantPerLayerGradDReduce()(dad).asnumpy(), [ref_da], rtol=1e-5, atol=1e-5
        )
    calpha = np.array([2.0, 4.0, 6.0], np.float32)
    out = P.FakeLearnedScaleQuantPerChannel(channel_axis=1)(T(x), T(calpha), T(qmax))
    a = calpha.reshape(1, 3, 1)
    q = np.floor(np.clip(x / a, -1, 1) * 127 + np.float32(0.5)) / 127
    np.testing.assert_allclose(out.asnumpy(), q * a, rtol=1e-6, atol=1e-6)
    dx, da = P.FakeLearnedScaleQuantPerChannelGrad(channel_axis=1)(T(dout), T(x), T(calpha), T(qmax))
    assert da.shape == (3,)
    div = x / a
    ref = np.where(div > 1, dout, np.where(div < -1, -dout, dout * (q - div))).sum(axis=(0, 2))
    np.testing.assert_allclose(da.asnumpy(), ref, rtol=1e-5, atol=1e-5)


def test_batch_norm_fold_family():
    x = f32(4, 3, 2, 2)
    mean, var = f32(3, lo=-0.5, hi=0.5), f32(3, lo=0.5, hi=1.5)
    step0, step9 = T(np.array([0], np.int32)), T(np.array([9], np.int32))
    bm, bs, rm, rs = P.BatchNormFold(freeze_bn=5)(T(x), T(mean), T(var), step0)
    np.testing.assert_allclose(bm.asnumpy(), x.mean(axis=(0, 2, 3)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(bs.asnumpy(), np.sqrt(x.var(axis=(0, 2, 3)) + 1e-5), rtol=1e-5)
    np.testing.assert_allclose(rm.asnumpy(), mean)
    np.testing.assert_allclose(rs.asnumpy(), np.sqrt(var + 1e-5), rtol=1e-6)
    bm, bs, _, _ = P.BatchNormFold(freeze_bn=5)(T(x), T(mean), T(var), step9)  # frozen: 0 and 1
    assert bm.asnumpy().tolist() == [0, 0, 0] and bs.asnumpy().tolist() == [1, 1, 1]
    pm, pv = Parameter(T(mean), name="m"), Parameter(T(var), name="v")
    P.BatchNormFold(momentum=0.9, freeze_bn=5)(T(x), pm, pv, step0)
    np.testing.assert_allclose(pm.asnumpy(), 0.9 * mean + 0.1 * x.mean(axis=(0, 2, 3)), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(pv.asnumpy(), 0.9 * var + 0.1 * x.var(axis=(0, 2, 3), ddof=1), rtol=1e-5)

    dbm, dbs = f32(3), f32(3)
    bmean, bstd = x.mean(axis=(0, 2, 3)), np.sqrt(x.var(axis=(0, 2, 3)) + 1e-5)
    dx = P.BatchNormFoldGrad(freeze_bn=5)(T(dbm), T(dbs), T(x), T(bmean), T(bstd), step0)
    s = (1, 3, 1, 1)
    ref = (dbm.reshape(s) + dbs.reshape(s) * (x - bmean.reshape(s)) / bstd.reshape(s)) / 16
    np.testing.assert_allclose(dx.asnumpy(), ref, rtol=1e-5, atol=1e-6)
    assert (
        not P.BatchNormFoldGrad(freeze_bn=5)(T(dbm), T(dbs), T(x), T(bmean), T(bstd), step9).asnumpy().any()
    )

    beta, gamma, rstd, rmean = f32(3), f32(3), f32(3, lo=0.5, hi=1.5), f32(3)
    bn2 = P.BatchNormFold2(freeze_bn=5)
    v = {k: a.reshape(s) for k, a in dict(b=beta, g=gamma, bs=bstd, bm=bmean, rs=rstd, rm=rmean).items()}
    y = bn2(T(x), T(beta), T(gamma), T(bstd), T(bmean), T(rstd), T(rmean), step0)
    np.testing.assert_allclose(
        y.asnumpy(), x * v["rs"] / v["bs"] + v["b"] - v["g"] * v["bm"] / v["bs"], rtol=1e-5, atol=1e-5
    )
    y = bn2(T(x), T(beta), T(gamma), T(bstd), T(bmean), T(rstd), T(rmean), step9)
    np.testing.assert_allclose(y.asnumpy(), x + v["b"] - v["g"] * v["rm"] / v["rs"], rtol=1e-5, atol=1e-5)
    dout = f32(4, 3, 2, 2)
    d_bs, d_bm, d_beta, d_gamma, dx = P.BatchNormFold2Grad(freeze_bn=5)(
        T(dout), T(x), T(gamma), T(bstd), T(bmean), T(rstd), T(rmean), step0
    )
    db = dout.sum(axis=(0, 2, 3))
    rx = (dout * x).sum(axis=(0, 2, 3))
    np.testing.assert_allclose(d_beta.asnumpy(), db, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(d_gamma.asnumpy(), -db * bmean / bstd, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(d_bm.asnumpy(), -db * gamma / bstd, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(
        d_bs.asnumpy(), (db * gamma * bmean - rx * rstd) / bstd**2, rtol=1e-4, atol=1e-4
    )
    np.testing.assert_allclose(dx.asnumpy(), dout * v["rs"] / v["bs"], rtol=1e-5, atol=1e-6)
    r1, r2 = P.BatchNormFold2GradReduce()(T(dout), T(x))
    np.testing.assert_allclose(r1.asnumpy(), db, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(r2.asnumpy(), rx, rtol=1e-5, atol=1e-5)

    w = f32(3, 2, 2, 2)
    out = P.CorrectionMul()(T(w), T(bstd), T(rstd))
    np.testing.assert_allclose(out.asnumpy(), w * (bstd / rstd).reshape(3, 1, 1, 1), rtol=1e-6)
    dw = f32(3, 2, 2, 2)
    dx, dg = P.CorrectionMulGrad()(T(dw), T(w), T(bstd), T(rstd))
    np.testing.assert_allclose(dx.asnumpy(), dw * (bstd / rstd).reshape(3, 1, 1, 1), rtol=1e-6)
    np.testing.assert_allclose(dg.asnumpy(), (dw * w).sum(axis=(1, 2, 3)) / rstd, rtol=1e-5, atol=1e-6)


def test_acts_ulq_and_wts_arq():
    x = f32(4, 6, lo=-10, hi=10)
    cmin, cmax = np.array([[0.7 * x.min()]], np.float32), np.array([[0.7 * x.max()]], np.float32)
    y, lo_mask, hi_mask, loss = P.ActsULQ(fixed_min=False, num_bits=8)(T(x), T(cmin), T(cmax))
    scale = (cmax - cmin) / 255
    off = np.round(cmin / scale)
    qmin, qmax = scale * off, (off + 255) * scale
    np.testing.assert_array_equal(lo_mask.asnumpy(), x >= qmin)
    np.testing.assert_array_equal(hi_mask.asnumpy(), x <= qmax)
    np.testing.assert_allclose(
        y.asnumpy(), np.round(np.clip(x, qmin, qmax) / scale) * scale, rtol=1e-5, atol=1e-5
    )
    assert loss.shape == x.shape and np.abs(loss.asnumpy()).max() <= 0.5 / 255 + 1e-6
    with pytest.raises(ValueError, match="ActsULQ"):
        P.ActsULQ()(T(x), T(np.array([-1.0], np.float32)), T(np.array([1.0], np.float32)))
    w = f32(3, 4)
    wmin, wmax = w.min(axis=1, keepdims=True), w.max(axis=1, keepdims=True)
    out = P.WtsARQ(8, False)(T(w), T(wmin), T(wmax))
    s = np.maximum(np.abs(np.minimum(wmin, 0)) / 128, np.maximum(wmax, 0) / 127)
    np.testing.assert_allclose(out.asnumpy(), np.clip(np.round(w / s), -128, 127) * s, rtol=1e-5, atol=1e-6)
    assert np.abs(P.WtsARQ(8, True)(T(w), T(wmin), T(wmax)).asnumpy() - w).max() < 0.02


def test_fake_quant_param():
    p = P.FakeQuantParam.linear_quant_param(None, 0.5, 1)
    x = T(f32(2, 3))
    assert p(x) is x
    assert p.attrs["linear_quant_scale"] == [0.5] and p.attrs["linear_quant_zero_point"] == [1]
    assert p.attrs["quant_algo_name"] == "linear_quant_algo"


class _QuantGraph(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fq = P.FakeQuantPerLayer(quant_delay=1)
        self.fqc = P.FakeQuantPerChannel(channel_axis=0)
        self.lsq = P.FakeLearnedScaleQuantPerLayer()
        self.bn2 = P.BatchNormFold2(freeze_bn=3)

    def construct(self, x, mn, mx, cmn, cmx, alpha, qmax, vec, step):
        return (
            self.fq(x, mn, mx),
            self.fqc(x, cmn, cmx),
            self.lsq(x, alpha, qmax),
            self.bn2(x, vec, vec, vec + 2, vec, vec + 2, vec, step),
        )


def test_quant_graph_mode():
    ms.set_context(mode=ms.GRAPH_MODE)
    x = f32(2, 3, 2, 2)
    mn, mx = np.array([-1.0], np.float32), np.array([1.0], np.float32)
    cmn, cmx = np.array([-1.0, -0.5], np.float32), np.array([1.0, 1.5], np.float32)
    alpha, qmax, vec = np.array([1.5], np.float32), np.array([15.0], np.float32), f32(3)
    net = _QuantGraph()
    args = [T(a) for a in (x, mn, mx, cmn, cmx, alpha, qmax, vec)] + [T(np.array([0], np.int32))]
    first = net(*args)
    second = net(*args)
    np.testing.assert_array_equal(first[0].asnumpy(), x)  # quant_delay=1: the step counts in graph mode too
    np.testing.assert_allclose(
        second[0].asnumpy(), np_fq(x, *np_nudge(-1, 1, 8, False)), rtol=1e-6, atol=1e-6
    )
    np.testing.assert_allclose(first[1].asnumpy(), np_fq_channel(x, cmn, cmx, 0)[0], rtol=1e-6, atol=1e-6)
    q = np.floor(np.clip(x / 1.5, -1, 1) * 15 + np.float32(0.5)) / 15 * 1.5
    np.testing.assert_allclose(first[2].asnumpy(), q, rtol=1e-6, atol=1e-6)
    v = vec.reshape(1, 3, 1, 1)
    np.testing.assert_allclose(first[3].asnumpy(), x + v - v * v / (v + 2), rtol=1e-5, atol=1e-5)


# --- misc (goldens) ---------------------------------------------------------------------------------


def test_adaptive_max_pool3d_golden(mode):
    y, i = ops.AdaptiveMaxPool3D()(T(_NPZ["amp3_x"]), T(np.array([2, 3, 2], np.int32)))
    np.testing.assert_array_equal(y.asnumpy(), _NPZ["amp3_y"])
    np.testing.assert_array_equal(i.asnumpy(), _NPZ["amp3_i"])
    assert str(i.dtype) == _META["amp3_i_dtype"]


def test_compare_and_bitpack_golden():
    out = ops.CompareAndBitpack()(T(_NPZ["cb_x"]), T(np.float32(0.1)))
    assert out.dtype == ms.uint8
    np.testing.assert_array_equal(out.asnumpy(), _NPZ["cb_y"])
    np.testing.assert_array_equal(ops.CompareAndBitpack()(T(_NPZ["cbb_x"]), T(True)).asnumpy(), _NPZ["cbb_y"])
    with pytest.raises(ValueError, match="CompareAndBitpack"):
        ops.CompareAndBitpack()(T(np.zeros((2, 6), np.float32)), T(np.float32(0)))


def test_fft_with_size_golden():
    for k, (args, src, kw) in enumerate(_META["fft_cases"]):
        kw = {a: tuple(b) if isinstance(b, list) else b for a, b in kw.items()}
        out = ops.FFTWithSize(*args, **kw)(T(_NPZ["fft_" + src]))
        ref = _NPZ[f"fft_out{k}"]
        assert out.asnumpy().dtype == ref.dtype and out.shape == ref.shape, (args, kw)
        np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="signal_sizes"):
        ops.FFTWithSize(2, True, True, signal_sizes=(3, 5))(T(_NPZ["fft_c"]))


def test_small_golden_prims():
    assert list(ops.TensorToTuple()(T(np.array([1.5, 2.0], np.float32)))) == _META["tensor_to_tuple"]
    d = P.DtypeToEnum()
    for name, v in _META["dtype_to_enum"].items():
        assert d("Op", "dtype", getattr(ms, name.lower().replace("bool", "bool_"))) == v
    with pytest.raises(TypeError, match="should be mindspore dtype"):
        d("Op", "dtype", 3)
    pf = ops.PyFunc(
        lambda a, b: (a * 2 + b, b - 1), [ms.float32] * 2, [(3,), (3,)], [ms.float32] * 2, [(3,), (3,)]
    )
    outs = pf(T(np.arange(3, dtype=np.float32)), T(np.ones(3, np.float32)))
    assert len(outs) == _META["pyfunc_n"]
    np.testing.assert_array_equal(outs[0].asnumpy(), _NPZ["pyfunc_0"])
    np.testing.assert_array_equal(outs[1].asnumpy(), _NPZ["pyfunc_1"])


class _PyFuncNet(nn.Cell):
    def __init__(self):
        super().__init__()
        self.pf = ops.PyFunc(lambda a: np.sort(a)[::-1].copy(), [ms.float32], [(4,)], [ms.float32], [(4,)])

    def construct(self, x):
        return self.pf(x * 2)[0] + 1


def test_pyfunc_graph_mode():
    ms.set_context(mode=ms.GRAPH_MODE)
    out = _PyFuncNet()(T(np.array([3, 1, 4, 2], np.float32)))
    assert out.asnumpy().tolist() == [9, 7, 5, 3]


def test_confusion_matrix():
    labels, preds = np.array([0, 1, 1, 3, 2], np.int32), np.array([1, 2, 1, 3, 2], np.int32)
    out = ops.ConfusionMatrix(4)(T(labels), T(preds))
    ref = np.zeros((4, 4), np.int32)
    np.add.at(ref, (labels, preds), 1)
    assert out.dtype == ms.int32 and out.asnumpy().tolist() == ref.tolist()
    w = np.array([0.5, 1, 2, 3, 4], np.float32)
    out = ops.ConfusionMatrix(4, "float32")(T(labels), T(preds), T(w))
    ref = np.zeros((4, 4), np.float32)
    np.add.at(ref, (labels, preds), w)
    np.testing.assert_array_equal(out.asnumpy(), ref)


def test_cholesky_trsm():
    a = RNG.standard_normal((5, 5)).astype(np.float32)
    a = a @ a.T + 5 * np.eye(5, dtype=np.float32)
    out = P.CholeskyTrsm()(T(a)).asnumpy()
    np.testing.assert_allclose(out.T @ out, np.linalg.inv(a), rtol=1e-3, atol=1e-4)
    assert np.allclose(np.triu(out, 1), 0)
    blocks = P.CholeskyTrsm(split_dim=2)(T(a)).asnumpy()
    assert blocks.shape == (3, 2, 2)
    np.testing.assert_allclose(blocks[1].T @ blocks[1], np.linalg.inv(a[2:4, 2:4]), rtol=1e-3, atol=1e-4)
    np.testing.assert_allclose(blocks[2].T @ blocks[2], np.diag([1 / a[4, 4], 1.0]), rtol=1e-3, atol=1e-4)


def test_sample_distorted_bounding_box_v2():
    op_ = ops.SampleDistortedBoundingBoxV2(
        seed=1, seed2=2, aspect_ratio_range=(0.5, 2.0), area_range=(0.1, 0.9), max_attempts=50
    )
    size = T(np.array([40, 60, 3], np.int32))
    boxes = T(np.array([[[0.1, 0.1, 0.5, 0.6]]], np.float32))
    for _ in range(3):
        begin, sz, bbox = op_(size, boxes, T(np.array([0.1], np.float32)))
        b, s = begin.asnumpy(), sz.asnumpy()
        assert begin.dtype == ms.int32 and b[2] == 0 and s[2] == -1 and bbox.shape == (1, 1, 4)
        assert 0 <= b[0] and b[0] + s[0] <= 40 and 0 <= b[1] and b[1] + s[1] <= 60
        np.testing.assert_allclose(
            bbox.asnumpy().ravel(), [b[0] / 40, b[1] / 60, (b[0] + s[0]) / 40, (b[1] + s[1]) / 60], rtol=1e-6
        )
    with pytest.raises(ValueError, match="min_object_covered"):
        op_(size, boxes, T(np.zeros((0,), np.float32)))


class _MorphNet(nn.Cell):
    def __init__(self, bprop=None):
        super().__init__()
        self.w0 = Parameter(T(np.array([1.0, 2.0, 3.0], np.float32)), name="w0")
        self.w1 = Parameter(T(np.array([4.0, 5.0, 6.0], np.float32)), name="w1")
        self.mul = ops.Morph(lambda x: 100 * x, lambda a: a, lambda a: a, bprop)

    def construct(self, x):
        return self.mul(x * self.w0) * self.w1


def test_morph_graph_mode_and_grad():
    x = T(np.array([7.0, 8.0, 9.0], np.float32))
    with pytest.raises(RuntimeError, match="GRAPH_MODE"):
        ops.Morph(lambda a: a, None, None)(x)
    ms.set_context(mode=ms.GRAPH_MODE)
    net = _MorphNet()
    grads = ops.GradOperation(get_all=True, get_by_list=True)(net, net.trainable_params())(x)
    assert grads[0][0].asnumpy().tolist() == [400, 1000, 1800]
    assert grads[1][0].asnumpy().tolist() == [2800, 4000, 5400]
    assert grads[1][1].asnumpy().tolist() == [700, 1600, 2700]
    net = _MorphNet(bprop=lambda x, out, dout: (dout * 3,))  # a user bprop replaces fn's gradient
    grads = ops.GradOperation(get_all=True)(net)(x)
    assert grads[0].asnumpy().tolist() == [12, 30, 54]


# --- communication --------------------------------------------------------------------------------


def test_comm_prims_single_process():
    x = T(np.arange(6, dtype=np.float32))
    assert ops.Barrier()().shape == (1,)
    assert ops.Reduce(0)(x) is x
    assert ops.AllGatherV()(x, [6]).asnumpy().tolist() == list(range(6))
    assert ops.ReduceScatterV()(x, T(np.array([6], np.int64))).shape == (6,)
    assert ops.AlltoAllV(block_size=2)(x, [3], [3]).shape == (6,)
    assert ops.AlltoAllVC()(x, [6]).shape == (6,)
    assert ops.CollectiveGather(0)(x) is x and ops.CollectiveScatter()(x) is x
    with pytest.raises(ValueError, match="does not exist"):
        ops.Reduce(1)(x)
    with pytest.raises(ValueError, match="output_split_sizes"):
        ops.AllGatherV()(x, [3, 3])
    with pytest.raises(ValueError, match="not a peer"):
        ops.Send(0, 0)(x)
    with pytest.raises(ValueError, match="not a peer"):
        ops.Receive(0, 0, (6,), ms.float32)()
    with pytest.raises(TypeError, match="dtype"):
        ops.Receive(0, 0, (6,), ms.bool_)
    from mindspore_jax.communication import management

    # the default group is the world group: hccl_world_group before init(), the backend's after
    # (another test in the same worker may have called init() on the CPU target: mccl)
    assert ops.AllGatherV().attrs == {
        "group": management.GlobalComm.WORLD_COMM_GROUP,
        "rank_size": 1,
        "mean_flag": False,
        "rank_id": 0,
    }
    ne = ops.NeighborExchange([0], [0], ([6],), ([6],), ms.float16)((x,))
    assert ne[0].dtype == ms.float16 and ne[0].asnumpy().tolist() == list(range(6))
    with pytest.raises(ValueError, match="rank_id in send_rank_ids"):
        ops.NeighborExchangeV2([1] + [-1] * 7, [0] * 4, [-1] * 8, [0] * 4, "NCHW")
    img = np.arange(12, dtype=np.float32).reshape(1, 1, 3, 4)
    out = ops.NeighborExchangeV2([0] * 8, [1] * 4, [0, -1, 0, -1, 0, -1, 0, -1], [1] * 4, "NCHW")(T(img))
    ref = np.pad(img, ((0, 0), (0, 0), (1, 1), (1, 1)), mode="wrap")
    for r, c in ((0, 0), (0, -1), (-1, 0), (-1, -1)):
        ref[0, 0, r, c] = 0
    np.testing.assert_array_equal(out.asnumpy(), ref)
