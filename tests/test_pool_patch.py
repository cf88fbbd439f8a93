"""Pool / patch / box ops (ops/_impl/pool_patch.py, pool_fractional.py, pool_nms.py) against goldens
from MindSpore 2.10 CPU (tools/make_golden_pool_patch.py) and, where MindSpore 2.10 has no CPU kernel
(Dilation2D, DepthwiseConv2dNative, InstanceNorm, NonMaxSuppressionV3), against numpy / the docs."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops
from mindspore_jax.ops._registry import call

_G = os.path.join(os.path.dirname(__file__), "golden", "pool_patch")
G = np.load(_G + ".npz")
M = json.load(open(_G + ".json"))
OSZ = np.array([5, 6], np.int32)


def T(k):
    return Tensor(G[k])


def close(a, b, tol=1e-5):
    a = a.asnumpy() if hasattr(a, "asnumpy") else np.asarray(a)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert a.dtype == b.dtype, (a.dtype, b.dtype)
    np.testing.assert_allclose(a, b, rtol=tol, atol=tol)


MPV2 = {
    "mpv2_a": dict(kernel_size=2),
    "mpv2_b": dict(kernel_size=3, strides=2, pads=1, ceil_mode=True, argmax_type=ms.int32),
    "mpv2_c": dict(kernel_size=(2, 3), strides=(1, 2), pads=(1, 1), dilation=(1, 2)),
    "mpv2_d": dict(kernel_size=3, strides=2, pads=0, ceil_mode=True),
}
MP3 = {
    "mp3_a": dict(ksize=2, strides=1, pads=0),
    "mp3_b": dict(ksize=(2, 3, 2), strides=2, pads=1, ceil_mode=True, argmax_type=ms.int32),
    "mp3_c": dict(ksize=2, strides=(1, 2, 1), pads=(1, 0, 1), dilation=(2, 1, 2)),
}


def _static_cases():
    """(golden key, callable over Tensors, input keys) for every deterministic, static-shape case."""
    osz = Tensor(OSZ)
    cs = [
        ("unfold.y", lambda x: x.unfold(2, 1, 1, 2), ["unfold.x"]),
        ("fold.y", lambda x: x.fold(osz, (2, 3), (1, 2), 0, 1), ["fold.x"]),
        ("col2im.y", lambda x: ops.col2im(x, osz, 2, 1, 1, 2), ["col2im.x"]),
        ("col2im_t.y", lambda x: x.col2im(osz, (2, 2), (1, 1), (1, 1), (2, 2)), ["col2im.x"]),
        (
            "evp_valid.y",
            lambda x: ops.ExtractVolumePatches((1, 1, 2, 2, 3), (1, 1, 1, 2, 2), "VALID")(x),
            ["evp_valid.x"],
        ),
        (
            "evp_same.y",
            lambda x: ops.ExtractVolumePatches((1, 1, 3, 2, 2), (1, 1, 2, 2, 2), "SAME")(x),
            ["evp_valid.x"],
        ),
        ("c3t_a.y", lambda x, w: ops.conv3d_transpose(x, w), ["c3t_a.x", "c3t_a.w"]),
        (
            "c3t_b.y",
            lambda x, w: ops.conv3d_transpose(
                x,
                w,
                pad_mode="pad",
                padding=(1, 0, 1, 1, 0, 1),
                stride=2,
                dilation=(1, 2, 1),
                output_padding=1,
            ),
            ["c3t_a.x", "c3t_a.w"],
        ),
        (
            "c3t_c.y",
            lambda x, w: ops.conv3d_transpose(x, w, pad_mode="same", stride=(1, 2, 1)),
            ["c3t_a.x", "c3t_a.w"],
        ),
        (
            "fmpfk.y",
            lambda x, s: ops.FractionalMaxPoolWithFixedKsize((2, 3), (4, 5))(x, s)[0],
            ["fmpfk.x", "fmpfk.s"],
        ),
        (
            "fmpfk.i",
            lambda x, s: ops.FractionalMaxPoolWithFixedKsize((2, 3), (4, 5))(x, s)[1],
            ["fmpfk.x", "fmpfk.s"],
        ),
        (
            "fmp2d_ratio.i",
            lambda x, s: ops.fractional_max_pool2d(
                x, 3, output_ratio=(0.5, 0.5), return_indices=True, _random_samples=s
            )[1],
            ["fmpfk.x", "fmpfk.s"],
        ),
        (
            "fmp3fk.y",
            lambda x, s: ops.FractionalMaxPool3DWithFixedKsize((2, 3, 2), (3, 4, 5))(x, s)[0],
            ["fmp3fk.x", "fmp3fk.s"],
        ),
        (
            "fmp3fk.i",
            lambda x, s: ops.FractionalMaxPool3DWithFixedKsize((2, 3, 2), (3, 4, 5))(x, s)[1],
            ["fmp3fk.x", "fmp3fk.s"],
        ),
    ]
    for k, kw in MPV2.items():
        for s in ("", "r"):
            cs.append((f"{k}{s}.y", lambda x, kw=kw: ops.MaxPoolWithArgmaxV2(**kw)(x)[0], [f"{k}{s}.x"]))
            cs.append((f"{k}{s}.i", lambda x, kw=kw: ops.MaxPoolWithArgmaxV2(**kw)(x)[1], [f"{k}{s}.x"]))
    for k, kw in MP3.items():
        cs.append((f"{k}.y", lambda x, kw=kw: ops.MaxPool3DWithArgmax(**kw)(x)[0], [f"{k}.x"]))
        cs.append((f"{k}.i", lambda x, kw=kw: ops.MaxPool3DWithArgmax(**kw)(x)[1], [f"{k}.x"]))
    for i in range(2):
        m = M[f"defo{i}"]
        st, pd, ks, dl, dg = tuple(m["st"]), tuple(m["pd"]), tuple(m["ks"]), tuple(m["dl"]), m["dg"]
        cs.append(
            (
                f"defo{i}.y",
                lambda x, o, a=(st, pd, ks, dl, dg): ops.DeformableOffsets(
                    a[0], a[1], a[2], a[3], deformable_groups=a[4]
                )(x, o),
                [f"defo{i}.x", f"defo{i}.off"],
            )
        )
        cs.append(
            (
                f"dconv{i}.y",
                lambda x, w, o, b, a=(st, pd, ks, dl, dg): ops.deformable_conv2d(
                    x, w, o, a[2], a[0], a[1], b, a[3], 1, a[4]
                ),
                [f"defo{i}.x", f"dconv{i}.w", f"defo{i}.off", f"dconv{i}.b"],
            )
        )
    return cs


CASES = _static_cases()


@pytest.mark.parametrize("key,fn,ins", CASES, ids=[c[0] for c in CASES])
def test_golden_pynative(key, fn, ins):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    close(fn(*[T(k) for k in ins]), G[key])


class _All(nn.Cell):
    def __init__(self, cases):
        super().__init__()
        self.cases = cases

    def construct(self, *args):
        outs, pos = [], 0
        for _, fn, ins in self.cases:
            outs.append(fn(*args[pos : pos + len(ins)]))
            pos += len(ins)
        return tuple(outs)


def test_golden_graph():
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        outs = _All(CASES)(*[T(k) for _, _, ins in CASES for k in ins])
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    for (key, _, _), out in zip(CASES, outs):
        close(out, G[key])


def test_argmax_dtypes_and_unbatched_fractional():
    for k in MPV2:
        assert M[k].lower() == str(ops.MaxPoolWithArgmaxV2(**MPV2[k])(T(k + ".x"))[1].dtype).lower()
    o, a = ops.fractional_max_pool2d(
        T("fmpfk.x")[0], (2, 2), output_size=(3, 3), return_indices=True, _random_samples=T("fmpfk.s")[:1]
    )
    close(o, G["fmp2d_unb.y"])
    close(a, G["fmp2d_unb.i"])
    close(
        nn.FractionalMaxPool2d(2, output_size=(5, 4), _random_samples=T("fmpfk.s"))(T("fmpfk.x")),
        G["nn_fmp2d.y"],
    )
    o, a = ops.fractional_max_pool3d(
        T("fmp3fk.x")[0],
        2,
        output_size=(4, 3, 5),
        return_indices=True,
        _random_samples=T("fmp3fk.s")[0][None],
    )
    close(o, G["fmp3d_unb.y"])
    close(a, G["fmp3d_unb.i"])
    close(
        nn.FractionalMaxPool3d(2, output_ratio=(0.5, 0.5, 0.5), _random_samples=T("fmp3fk.s"))(T("fmp3fk.x")),
        G["nn_fmp3d.y"],
    )
    # no samples: random placement, shapes and values drawn from the windows
    y, i = ops.fractional_max_pool2d(T("fmpfk.x"), 2, output_size=(4, 4), return_indices=True)
    assert y.shape == (2, 3, 4, 4) and i.dtype == ms.int64
    flat = G["fmpfk.x"].reshape(2, 3, -1)
    np.testing.assert_array_equal(
        np.take_along_axis(flat, i.asnumpy().reshape(2, 3, -1), 2).reshape(y.shape), y.asnumpy()
    )


def test_grads_against_mindspore():
    osz = Tensor(OSZ)
    g = ms.grad(lambda t: (t.unfold(2, 1, 1, 2) * T("unfold.w")).sum())(T("unfold.x"))
    close(g, G["unfold.g"])
    g = ms.grad(lambda t: (t.fold(osz, (2, 3), (1, 2), 0, 1) * T("fold.w")).sum())(T("fold.x"))
    close(g, G["fold.g"])
    g = ms.grad(lambda t: (ops.MaxPoolWithArgmaxV2(3, 2, 1, ceil_mode=True)(t)[0] * T("mpv2_grad.w")).sum())(
        T("mpv2_br.x")
    )
    close(g, G["mpv2_grad.g"])


@pytest.mark.parametrize("name", ["fmp", "fap"])
def test_tf_fractional_pool_with_mindspore_sequences(name):
    """Given MindSpore's own pooling sequences, the pooled values match (overlapping or not)."""
    for ov in (0, 1):
        for pr in (0, 1):
            k = f"{name}_{ov}{pr}"
            out = call(
                "fractional_pool_seq",
                T(k + ".x"),
                T(k + ".r"),
                T(k + ".c"),
                bool(ov),
                "max" if name == "fmp" else "avg",
            )
            close(out, G[k + ".y"])


@pytest.mark.parametrize("prim", [ops.FractionalMaxPool, ops.FractionalAvgPool])
def test_tf_fractional_pool_structure(prim):
    x = G["fmp_00.x"]
    for ov in (False, True):
        for pr in (False, True):
            y, r, c = prim([1.0, 1.5, 2.0, 1.0], pseudo_random=pr, overlapping=ov)(Tensor(x))
            assert y.shape == (2, 6, 5, 3) and r.dtype == ms.int64 and c.dtype == ms.int64
            r, c = r.asnumpy(), c.asnumpy()
            assert r[0] == 0 and r[-1] == 9 and c[0] == 0 and c[-1] == 11
            assert np.all(np.diff(r) >= 1) and np.all(np.diff(c) >= 1)
            if not pr:  # random sequences: every step is floor or ceil of the ratio
                assert set(np.diff(r)) <= {1, 2} and set(np.diff(c)) <= {2, 3}
            red = np.max if prim is ops.FractionalMaxPool else np.mean
            e = int(ov)
            ref = np.stack(
                [
                    np.stack(
                        [
                            red(x[:, r[i] : min(r[i + 1] + e, 9), c[j] : min(c[j + 1] + e, 11)], axis=(1, 2))
                            for j in range(5)
                        ],
                        1,
                    )
                    for i in range(6)
                ],
                1,
            )
            np.testing.assert_allclose(y.asnumpy(), ref, rtol=1e-5, atol=1e-6)
    with pytest.raises(TypeError, match="'pooling_ratio' should be 'list'"):
        prim((1.0, 1.5, 1.5, 1.0))


def test_nms_against_mindspore():
    for i in range(4):
        k = f"nmswo{i}"
        r = ops.NonMaxSuppressionWithOverlaps()(
            T(k + ".ov"),
            T(k + ".s"),
            Tensor(int(G[k + ".m"]), ms.int32),
            Tensor(float(G[k + ".t"]), ms.float32),
            Tensor(float(G[k + ".st"]), ms.float32),
        )
        close(r, G[k + ".y"])
    for i in range(3):
        k, m = f"cnms{i}", M[f"cnms{i}"]
        r = ops.CombinedNonMaxSuppression(m["ppc"], m["clip"])(
            T(k + ".b"),
            T(k + ".s"),
            Tensor(m["mpc"], ms.int32),
            Tensor(m["mt"], ms.int32),
            Tensor(0.4, ms.float32),
            Tensor(0.2, ms.float32),
        )
        for out, n in zip(r, ("nb", "ns", "nc", "v")):
            close(out, G[f"{k}.{n}"])


def test_nms_v3_doc_example_and_graph_mode_error():
    boxes = Tensor(
        np.array([[1, 2, 3, 4], [1, 3, 3, 4], [1, 3, 4, 4], [1, 1, 4, 4], [1, 1, 3, 4]], np.float32)
    )
    scores = Tensor(np.array([0.4, 0.5, 0.72, 0.9, 0.45], np.float32))
    nms = ops.NonMaxSuppressionV3()
    out = nms(boxes, scores, Tensor(5, ms.int32), Tensor(0.5, ms.float32), Tensor(0, ms.float32))
    assert out.dtype == ms.int32 and out.asnumpy().tolist() == [3, 2, 0]
    out = nms(boxes, scores, Tensor(2, ms.int32), Tensor(0.5, ms.float32), Tensor(0.8, ms.float32))
    assert out.asnumpy().tolist() == [3]
    out = nms(boxes, scores, Tensor(-1, ms.int32), Tensor(0.5, ms.float32), Tensor(0.0, ms.float32))
    assert out.shape == (0,)

    class Net(nn.Cell):
        def construct(self, b, s):
            return nms(b, s, Tensor(5, ms.int32), Tensor(0.5, ms.float32), Tensor(0, ms.float32))

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        with pytest.raises(RuntimeError, match="depends on the input values"):
            Net()(boxes, scores)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


def _np_dilation(x, f, s, d, same):
    n, c, h, w = x.shape
    _, kh, kw = f.shape
    if same:
        pads = []
        for L, k, st, dd in ((h, kh, s[0], d[0]), (w, kw, s[1], d[1])):
            tot = max((-(-L // st) - 1) * st + (k - 1) * dd + 1 - L, 0)
            pads.append((tot // 2, tot - tot // 2))
    else:
        pads = [(0, 0), (0, 0)]
    xp = np.pad(x, [(0, 0), (0, 0)] + pads, constant_values=-np.inf)
    oh = (xp.shape[2] - (kh - 1) * d[0] - 1) // s[0] + 1
    ow = (xp.shape[3] - (kw - 1) * d[1] - 1) // s[1] + 1
    out = np.full((n, c, oh, ow), -np.inf, x.dtype)
    for a in range(oh):
        for b in range(ow):
            for i in range(kh):
                for j in range(kw):
                    v = xp[:, :, a * s[0] + i * d[0], b * s[1] + j * d[1]] + f[:, i, j]
                    out[:, :, a, b] = np.maximum(out[:, :, a, b], v)
    return out


def test_dilation2d_numpy_and_grad():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 6, 7)).astype(np.float32)
    f = rng.standard_normal((3, 2, 3)).astype(np.float32)
    for stride, dil, pm in ((1, 1, "SAME"), ((1, 1, 2, 1), (1, 1, 1, 2), "VALID"), (2, (2, 1), "same")):
        op_ = ops.Dilation2D(stride, dil, pm)
        y = op_(Tensor(x), Tensor(f))
        s = (stride, stride) if isinstance(stride, int) else tuple(stride)[-2:]
        d = (dil, dil) if isinstance(dil, int) else tuple(dil)[-2:]
        np.testing.assert_allclose(y.asnumpy(), _np_dilation(x, f, s, d, pm.upper() == "SAME"), rtol=1e-6)
    # gradient: each output sends its cotangent to the argmax input cell and filter tap
    op_ = ops.Dilation2D(1, 1, "VALID")
    gx, gf = ms.grad(lambda a, b: op_(a, b).sum(), grad_position=(0, 1))(Tensor(x), Tensor(f))
    assert gx.asnumpy().sum() == pytest.approx(2 * 3 * 5 * 5) and gf.asnumpy().sum() == pytest.approx(
        2 * 3 * 5 * 5
    )
    eps = 1e-3
    xp = x.copy()
    xp[0, 1, 2, 3] += eps
    num = (
        _np_dilation(xp, f, (1, 1), (1, 1), False).sum() - _np_dilation(x, f, (1, 1), (1, 1), False).sum()
    ) / eps
    assert gx.asnumpy()[0, 1, 2, 3] == pytest.approx(num, abs=1e-2)
    with pytest.raises(ValueError, match="NHWC format is not supported"):
        ops.Dilation2D(1, 1, data_format="NHWC")
    with pytest.raises(ValueError, match="should be \\[1, 1, stride_height"):
        ops.Dilation2D((2, 1, 1, 1), 1)


def test_depthwise_conv2d_native_and_instance_norm():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 3, 6, 6)).astype(np.float32)
    w = rng.standard_normal((1, 3, 3, 3)).astype(np.float32)
    y = ops.DepthwiseConv2dNative(2, 3, pad_mode="pad", pad=1, stride=2)(Tensor(x), Tensor(w))
    ref = ops.conv2d(Tensor(x), Tensor(np.repeat(w.transpose(1, 0, 2, 3), 2, 0)), None, 2, "pad", 1, 1, 3)
    assert y.shape == (2, 6, 3, 3)
    np.testing.assert_allclose(y.asnumpy(), ref.asnumpy(), rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="the batch of 'weight' must be 1"):
        ops.DepthwiseConv2dNative(2, 3)(Tensor(x), Tensor(np.zeros((2, 3, 3, 3), np.float32)))

    g, b = rng.random(3).astype(np.float32), rng.random(3).astype(np.float32)
    mean, var = np.zeros(3, np.float32), np.ones(3, np.float32)
    y, m, v = ops.operations.InstanceNorm(1e-5, 0.1)(
        Tensor(x), Tensor(g), Tensor(b), Tensor(mean), Tensor(var)
    )
    mu = x.mean((2, 3), keepdims=True)
    sd = np.sqrt(x.var((2, 3), keepdims=True) + 1e-5)
    np.testing.assert_allclose(
        y.asnumpy(), (x - mu) / sd * g[:, None, None] + b[:, None, None], rtol=1e-4, atol=1e-5
    )
    assert m.shape == (6,) and v.shape == (6,)
    np.testing.assert_allclose(m.asnumpy(), 0.9 * mu.reshape(-1), rtol=1e-5, atol=1e-6)


def test_errors_match_mindspore():
    e = M["errors"]
    x = T("unfold.x")
    with pytest.raises(ValueError) as r:
        ops.MaxPoolWithArgmaxV2(2, 1, 2)(x)
    assert str(r.value) == e["mpv2_bigpad"][1]
    with pytest.raises(ValueError) as r:
        ops.FractionalMaxPoolWithFixedKsize(2, 4)(
            Tensor(np.zeros((1, 1, 4, 4), np.float32)), Tensor(np.zeros((1, 1, 2), np.float32))
        )
    assert e["fmpfk_big"][1].split(", ", 1)[1] in str(r.value)
    with pytest.raises(ValueError) as r:
        ops.FractionalMaxPool3DWithFixedKsize(2, 3)(
            Tensor(np.zeros((1, 1, 4, 4, 4), np.float32)), Tensor(np.zeros((1, 1, 3), np.float32))
        )
    assert str(r.value) == e["fmp3fk_big"][1]
    with pytest.raises(ValueError) as r:
        ops.fractional_max_pool2d(x, 2)
    assert str(r.value) == e["fmp2d_none"][1]
    with pytest.raises(ValueError) as r:
        ops.ExtractVolumePatches((1, 1, 3, 2, 2), (1, 1, 2, 2, 3), "SAME")(T("evp_valid.x"))
    assert str(r.value) == e["evp_negpad"][1]
    with pytest.raises(TypeError, match="argmax_type"):
        ops.MaxPool3DWithArgmax(2, 1, 0, argmax_type=ms.float32)
