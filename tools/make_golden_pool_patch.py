"""Goldens for tests/test_pool_patch.py from real MindSpore 2.10 (CPU).

Run from /tmp:  /work/msvenv/bin/python /work/main/tools/make_golden_pool_patch.py
Writes tests/golden/pool_patch.{npz,json} (json: shapes/dtypes/error texts per case).
"""

import json
import os

import numpy as np
import mindspore as ms
from mindspore import Tensor, nn, ops

ms.set_context(mode=ms.PYNATIVE_MODE)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "pool_patch")
rng = np.random.default_rng(0)
arrs, meta = {}, {}


def put(name, **kw):
    for k, v in kw.items():
        if isinstance(v, Tensor):
            v = v.asnumpy()
        arrs[f"{name}.{k}"] = np.asarray(v)


def f32(*shape):
    return rng.standard_normal(shape).astype(np.float32)


# --- unfold / fold / col2im (+ grads) ---
x = f32(2, 3, 5, 6)
y = Tensor(x).unfold(2, 1, 1, 2)
wu = f32(*y.shape)
g = ms.grad(lambda t: (t.unfold(2, 1, 1, 2) * Tensor(wu)).sum())(Tensor(x))
put("unfold", x=x, y=y, w=wu, g=g)

cols = f32(2, 3 * 2 * 3, 4 * 2)
osz = Tensor(np.array([5, 6], np.int32))
yf = Tensor(cols).fold(osz, (2, 3), (1, 2), 0, 1)
wf = f32(*yf.shape)
gf = ms.grad(lambda t: (t.fold(osz, (2, 3), (1, 2), 0, 1) * Tensor(wf)).sum())(Tensor(cols))
put("fold", x=cols, y=yf, w=wf, g=gf)

c4 = f32(2, 3, 4, 12)
put("col2im", x=c4, y=ops.col2im(Tensor(c4), osz, 2, 1, 1, 2))
put("col2im_t", x=c4, y=Tensor(c4).col2im(osz, (2, 2), (1, 1), (1, 1), (2, 2)))

# --- MaxPoolWithArgmaxV2 / MaxPool3DWithArgmax ---
xi = rng.integers(0, 5, (2, 3, 7, 8)).astype(np.float32)  # ties
mp_cases = {
    "mpv2_a": dict(kernel_size=2),
    "mpv2_b": dict(kernel_size=3, strides=2, pads=1, ceil_mode=True, argmax_type=ms.int32),
    "mpv2_c": dict(kernel_size=(2, 3), strides=(1, 2), pads=(1, 1), dilation=(1, 2)),
    "mpv2_d": dict(kernel_size=3, strides=2, pads=0, ceil_mode=True),
}
for k, kw in mp_cases.items():
    for src, xx in (("", xi), ("r", f32(2, 3, 7, 8))):
        o, a = ops.MaxPoolWithArgmaxV2(**kw)(Tensor(xx))
        put(k + src, x=xx, y=o, i=a)
        meta[k + src] = str(a.dtype)
xr = arrs["mpv2_ar.x"]
wm = f32(*arrs["mpv2_br.y"].shape)
gm = ms.grad(lambda t: (ops.MaxPoolWithArgmaxV2(3, 2, 1, ceil_mode=True)(t)[0] * Tensor(wm)).sum())(
    Tensor(arrs["mpv2_br.x"])
)
put("mpv2_grad", w=wm, g=gm)

x5 = rng.integers(0, 4, (1, 2, 5, 6, 7)).astype(np.float32)
mp3 = {
    "mp3_a": dict(ksize=2, strides=1, pads=0),
    "mp3_b": dict(ksize=(2, 3, 2), strides=2, pads=1, ceil_mode=True, argmax_type=ms.int32),
    "mp3_c": dict(ksize=2, strides=(1, 2, 1), pads=(1, 0, 1), dilation=(2, 1, 2)),
}
for k, kw in mp3.items():
    o, a = ops.MaxPool3DWithArgmax(**kw)(Tensor(x5))
    put(k, x=x5, y=o, i=a)
    meta[k] = str(a.dtype)

# --- ExtractVolumePatches ---
xv = f32(2, 2, 4, 5, 6)
put("evp_valid", x=xv, y=ops.ExtractVolumePatches((1, 1, 2, 2, 3), (1, 1, 1, 2, 2), "VALID")(Tensor(xv)))
put("evp_same", x=xv, y=ops.ExtractVolumePatches((1, 1, 3, 2, 2), (1, 1, 2, 2, 2), "SAME")(Tensor(xv)))

# --- fractional with fixed ksize ---
x2 = f32(2, 3, 9, 10)
rs = rng.random((2, 3, 2)).astype(np.float32)
o, a = ops.FractionalMaxPoolWithFixedKsize((2, 3), (4, 5))(Tensor(x2), Tensor(rs))
put("fmpfk", x=x2, s=rs, y=o, i=a)
o, a = ops.fractional_max_pool2d(
    Tensor(x2), 3, output_ratio=(0.5, 0.5), return_indices=True, _random_samples=Tensor(rs)
)
put("fmp2d_ratio", y=o, i=a)
o, a = ops.fractional_max_pool2d(
    Tensor(x2[0]), (2, 2), output_size=(3, 3), return_indices=True, _random_samples=Tensor(rs[:1])
)
put("fmp2d_unb", y=o, i=a)
o = nn.FractionalMaxPool2d(2, output_size=(5, 4), _random_samples=Tensor(rs))(Tensor(x2))
put("nn_fmp2d", y=o)
x3 = f32(2, 2, 7, 8, 9)
rs3 = rng.random((2, 2, 3)).astype(np.float32)
o, a = ops.FractionalMaxPool3DWithFixedKsize((2, 3, 2), (3, 4, 5))(Tensor(x3), Tensor(rs3))
put("fmp3fk", x=x3, s=rs3, y=o, i=a)
o, a = ops.fractional_max_pool3d(
    Tensor(x3[0]), 2, output_size=(4, 3, 5), return_indices=True, _random_samples=Tensor(rs3[0][None])
)
put("fmp3d_unb", y=o, i=a)
o = nn.FractionalMaxPool3d(2, output_ratio=(0.5, 0.5, 0.5), _random_samples=Tensor(rs3))(Tensor(x3))
put("nn_fmp3d", y=o)

# --- TF-style fractional pools: outputs with their own sequences ---
xt = f32(2, 9, 11, 3)
for nm, P in (("fmp", ops.FractionalMaxPool), ("fap", ops.FractionalAvgPool)):
    for ov in (False, True):
        for pr in (False, True):
            o, r, c = P([1.0, 1.5, 2.0, 1.0], pseudo_random=pr, overlapping=ov)(Tensor(xt))
            put(f"{nm}_{int(ov)}{int(pr)}", x=xt, y=o, r=r, c=c)
            meta[f"{nm}_{int(ov)}{int(pr)}"] = [str(r.dtype)]

# --- NMS ---
ov = rng.random((8, 8)).astype(np.float32)
sc = rng.random(8).astype(np.float32)
for i, (m, t, st) in enumerate(((5, 0.5, 0.1), (8, 0.3, 0.0), (2, 0.9, 0.5), (0, 0.5, 0.0))):
    r = ops.NonMaxSuppressionWithOverlaps()(
        Tensor(ov), Tensor(sc), Tensor(m, ms.int32), Tensor(t, ms.float32), Tensor(st, ms.float32)
    )
    put(f"nmswo{i}", ov=ov, s=sc, m=m, t=t, st=st, y=r)
    meta[f"nmswo{i}"] = str(r.dtype)

for i, (q, ppc, clip, mpc, mt) in enumerate(
    ((1, False, True, 3, 5), (3, True, False, 2, 10), (1, True, True, 4, 3))
):
    bx = (rng.random((2, 6, q, 4)) * 1.4 - 0.2).astype(np.float32)
    bx[..., 2:] = bx[..., :2] + np.abs(bx[..., 2:]) * 0.6
    scs = rng.random((2, 6, 3)).astype(np.float32)
    r = ops.CombinedNonMaxSuppression(ppc, clip)(
        Tensor(bx),
        Tensor(scs),
        Tensor(mpc, ms.int32),
        Tensor(mt, ms.int32),
        Tensor(0.4, ms.float32),
        Tensor(0.2, ms.float32),
    )
    put(f"cnms{i}", b=bx, s=scs, nb=r[0], ns=r[1], nc=r[2], v=r[3])
    meta[f"cnms{i}"] = dict(q=q, ppc=ppc, clip=clip, mpc=mpc, mt=mt, dtypes=[str(t.dtype) for t in r])

# --- deformable ---
xd = f32(2, 4, 6, 7)
for i, (st, pd, ks, dl, dg) in enumerate(
    (
        ((1, 1, 1, 1), (0, 0, 0, 0), (2, 2), (1, 1, 1, 1), 1),
        ((1, 1, 2, 1), (1, 0, 1, 2), (3, 2), (1, 1, 1, 2), 2),
    )
):
    oh = (6 + pd[0] + pd[1] - (ks[0] - 1) * dl[2] - 1) // st[2] + 1
    ow = (7 + pd[2] + pd[3] - (ks[1] - 1) * dl[3] - 1) // st[3] + 1
    off = (rng.standard_normal((2, 3 * dg * ks[0] * ks[1], oh, ow)) * 1.5).astype(np.float32)
    r = ops.DeformableOffsets(st, pd, ks, dl, deformable_groups=dg)(Tensor(xd), Tensor(off))
    put(f"defo{i}", x=xd, off=off, y=r)
    meta[f"defo{i}"] = dict(st=st, pd=pd, ks=ks, dl=dl, dg=dg)
    wdc = f32(5, 4, *ks)
    bdc = f32(5)
    r = ops.deformable_conv2d(Tensor(xd), Tensor(wdc), Tensor(off), ks, st, pd, Tensor(bdc), dl, 1, dg)
    put(f"dconv{i}", w=wdc, b=bdc, y=r)

# --- conv3d_transpose ---
xc = f32(1, 2, 3, 4, 3)
wc = f32(2, 3, 2, 3, 2)
put("c3t_a", x=xc, w=wc, y=ops.conv3d_transpose(Tensor(xc), Tensor(wc)))
put(
    "c3t_b",
    y=ops.conv3d_transpose(
        Tensor(xc),
        Tensor(wc),
        pad_mode="pad",
        padding=(1, 0, 1, 1, 0, 1),
        stride=2,
        dilation=(1, 2, 1),
        output_padding=1,
    ),
)
put("c3t_c", y=ops.conv3d_transpose(Tensor(xc), Tensor(wc), pad_mode="same", stride=(1, 2, 1)))

# --- error texts ---
errs = {}


def err(name, f):
    try:
        f()
        errs[name] = None
    except Exception as e:  # noqa: BLE001
        errs[name] = [type(e).__name__, str(e).split("\n")[0]]


err("mpv2_bigpad", lambda: ops.MaxPoolWithArgmaxV2(2, 1, 2)(Tensor(x)))
err("fmp_tuple", lambda: ops.FractionalMaxPool((1.0, 1.5, 1.5, 1.0)))
err(
    "fmp3fk_big",
    lambda: ops.FractionalMaxPool3DWithFixedKsize(2, 3)(
        Tensor(f32(1, 1, 4, 4, 4)), Tensor(rng.random((1, 1, 3)).astype(np.float32))
    ),
)
err(
    "fmpfk_big",
    lambda: ops.FractionalMaxPoolWithFixedKsize(2, 4)(
        Tensor(f32(1, 1, 4, 4)), Tensor(rng.random((1, 1, 2)).astype(np.float32))
    ),
)
err("fmp2d_none", lambda: ops.fractional_max_pool2d(Tensor(x), 2))
err("evp_negpad", lambda: ops.ExtractVolumePatches((1, 1, 3, 2, 2), (1, 1, 2, 2, 3), "SAME")(Tensor(xv)))
err("mp3_argmax_type", lambda: ops.MaxPool3DWithArgmax(2, 1, 0, argmax_type=ms.float32))
meta["errors"] = errs

os.makedirs(os.path.dirname(OUT), exist_ok=True)
np.savez(OUT + ".npz", **arrs)
with open(OUT + ".json", "w") as fh:
    json.dump(meta, fh, indent=1, default=str)
print(len(arrs), "arrays;", json.dumps(errs, indent=1))
