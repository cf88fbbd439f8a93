"""Image sampling / resize / colour ops against real MindSpore 2.10 goldens
(tools/make_golden_image_sample.py -> tests/golden/image_sample.{npz,json})."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "golden", "image_sample.json")) as _f:
    _G = json.load(_f)
_A = np.load(os.path.join(HERE, "golden", "image_sample.npz"))
CASES = {c["name"]: c for c in _G["cases"]}
ERRS = {e["name"]: e for e in _G["errors"]}


def _decode(a):
    if isinstance(a, dict) and "a" in a:
        return Tensor(_A[a["a"]])
    if isinstance(a, dict) and "t" in a:
        return tuple(a["t"])
    return a


def _build(c):
    args = [_decode(a) for a in c["args"]]
    if c["kind"] == "prim":
        prim = getattr(ops, c["op"])(**c["init"])
        return (lambda *xs: prim(*xs, **c["kw"])), args
    fn = getattr(ops, c["op"])
    return (lambda *xs: fn(*xs, **c["kw"])), args


def _check(name, got, c, i):
    want = _A[f"{name}_out{i}"]
    assert got.shape == want.shape, (name, i, got.shape, want.shape)
    tol = c["tol"]
    np.testing.assert_allclose(
        got.astype(np.float64), want.astype(np.float64), rtol=tol, atol=tol, err_msg=f"{name}[{i}]"
    )


FWD = [n for n, c in CASES.items() if c["grad"] is None]
GRAD = [n for n, c in CASES.items() if c["grad"] is not None]


@pytest.mark.parametrize("name", FWD)
def test_forward(name):
    c = CASES[name]
    fn, args = _build(c)
    out = fn(*args)
    assert str(out.dtype) == c["dtype"], (name, out.dtype, c["dtype"])
    _check(name, out.asnumpy(), c, 0)


@pytest.mark.parametrize("name", GRAD)
def test_grad(name):
    c = CASES[name]
    fn, args = _build(c)
    w = Tensor(_A[name + "_w"])
    out = fn(*args)
    _check(name, out.asnumpy(), c, 0)
    grads = ms.grad(lambda *xs: (fn(*xs) * w).sum(), grad_position=tuple(c["grad"]))(*args)
    for i, g in enumerate(grads):
        _check(name, g.asnumpy(), c, i + 1)


@pytest.mark.parametrize("name", sorted(ERRS))
def test_errors(name):
    e = ERRS[name]
    exc = {"ValueError": ValueError, "TypeError": TypeError, "RuntimeError": RuntimeError}[e["error"]]
    with pytest.raises(exc) as info:
        fn, args = _build(e)
        fn(*args).asnumpy()
    msg = str(info.value).split("\n")[0]
    if "primitive[" not in e["msg"]:  # those name the op as "For primitive[X]"; ours say "For 'X'"
        assert msg == e["msg"], (msg, e["msg"])


def test_graph_mode():
    """A handful of the ops compiled together in one GRAPH_MODE Cell."""
    names = [
        "crop_bilinear_3x4",
        "gs2d_bilinear_reflection_0",
        "gs3d_nearest_border_1",
        "area_0_3x4",
        "nnv2_10_8x11",
        "up_tri3d_0_579",
        "sat_lanczos3_1_down",
        "hue_0.2",
        "sat_0.5",
        "rgb2hsv",
        "affine2d_1",
        "lin1d_half_pixel_9",
    ]
    built = [_build(CASES[n]) for n in names]

    class Net(nn.Cell):
        def construct(self):
            return tuple(fn(*args) for fn, args in built)

    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        outs = Net()()
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    for n, o in zip(names, outs):
        _check(n, o.asnumpy(), CASES[n], 0)


def test_mint_grid_sample_and_glimpse_noise():
    c = CASES["gs2d_bilinear_zeros_1"]
    x, g = (_decode(a) for a in c["args"])
    out = ms.mint.nn.functional.grid_sample(x, g, align_corners=True)
    _check("gs2d_bilinear_zeros_1", out.asnumpy(), c, 0)
    # uniform noise fills the outside of the window with values in [-1, 1)
    img = Tensor(np.full((1, 3, 3, 1), 7.0, np.float32))
    y = ops.ExtractGlimpse(centered=False, normalized=False)(
        img, Tensor(np.array([4, 4], np.int32)), Tensor(np.array([[3.0, 3.0]], np.float32))
    ).asnumpy()
    assert y.shape == (1, 4, 4, 1)
    np.testing.assert_array_equal(y[0, :2, :2, 0], 7.0)
    rest = np.concatenate([y[0, 2:, :, 0].ravel(), y[0, :2, 2:, 0].ravel()])
    assert ((rest >= -1) & (rest < 1)).all()


def test_graph_mode_traced_inputs():
    """Scale/translation and grids as Cell inputs (traced values) under GRAPH_MODE."""
    sat, gs, crop = CASES["sat_lanczos3_1_down"], CASES["gs2d_bilinear_border_1"], CASES["crop_grad_nearest"]
    st_prim = ops.ScaleAndTranslate(kernel_type="lanczos3")
    crop_prim = ops.CropAndResize(method="nearest")

    class Net(nn.Cell):
        def construct(self, img, scale, trans, x, grid, cimg, boxes, bidx):
            return (
                st_prim(img, size, scale, trans),  # size must stay a constant (it sets the shape)
                ops.grid_sample(x, grid, padding_mode="border", align_corners=True),
                crop_prim(cimg, boxes, bidx, (3, 4)),
            )

    img, size, scale, trans = (_decode(a) for a in sat["args"])
    args = [img, scale, trans] + [_decode(a) for a in gs["args"]] + [_decode(a) for a in crop["args"][:3]]
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        outs = Net()(*args)
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    for n, o in zip(["sat_lanczos3_1_down", "gs2d_bilinear_border_1", "crop_grad_nearest"], outs):
        _check(n, o.asnumpy(), CASES[n], 0)
