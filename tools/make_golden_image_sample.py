"""Goldens for the image sampling / resize / colour ops (tests/test_image_sample.py) from real
MindSpore 2.10 (CPU).

Run from /tmp with the MindSpore venv:  /work/msvenv/bin/python /work/main/tools/make_golden_image_sample.py
Writes tests/golden/image_sample.npz (inputs, outputs, gradients) and image_sample.json (the
case table: how to call each op, output dtypes, error types and messages).

A case calls ``ops.<op>(**init)(*args)`` ("prim") or ``ops.<op>(*args, **kw)`` ("func"); an arg
is {"a": npz key} (a Tensor), {"t": [...]} (a tuple) or a plain JSON value. Gradient cases
("grad": [positions]) differentiate ``sum(op(...) * w)`` with ``w`` a fixed random array.
"""

import json
import os

import numpy as np

import mindspore as ms
from mindspore import Tensor, ops

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")

rng = np.random.RandomState(0)
ARR = {}
CASES = []


def A(x):
    key = f"in{len(ARR)}"
    ARR[key] = np.asarray(x)
    return {"a": key}


def T(*v):
    return {"t": list(v)}


def case(name, kind, op, args, init=None, kw=None, grad=None, tol=1e-5):
    CASES.append(
        dict(name=name, kind=kind, op=op, args=args, init=init or {}, kw=kw or {}, grad=grad, tol=tol)
    )


def decode(a):
    if isinstance(a, dict) and "a" in a:
        return Tensor(ARR[a["a"]])
    if isinstance(a, dict) and "t" in a:
        return tuple(a["t"])
    return a


def build(c):
    args = [decode(a) for a in c["args"]]
    if c["kind"] == "prim":
        prim = getattr(ops, c["op"])(**c["init"])
        return (lambda *xs: prim(*xs, **c["kw"])), args
    fn = getattr(ops, c["op"])
    return (lambda *xs: fn(*xs, **c["kw"])), args


def f32(*shape, lo=0.0, hi=1.0):
    return rng.uniform(lo, hi, shape).astype(np.float32)


# --- CropAndResize ---
img = f32(2, 5, 6, 3, lo=-2, hi=2)
boxes = np.array(
    [[0.1, 0.2, 0.8, 0.9], [0.5, -0.3, 1.2, 0.3], [0.9, 0.7, 0.15, 0.05], [0.3, 0.3, 0.6, 0.5]], np.float32
)
bidx = np.array([1, 0, 0, 1], np.int32)
for m in ("bilinear", "nearest", "bilinear_v2"):
    for cs in ((3, 4), (1, 3), (4, 1)):
        case(
            f"crop_{m}_{cs[0]}x{cs[1]}",
            "prim",
            "CropAndResize",
            [A(img), A(boxes), A(bidx), T(*cs)],
            init={"method": m, "extrapolation_value": 1.5},
        )
case("crop_func", "func", "crop_and_resize", [A(img), A(boxes), A(bidx), T(3, 2)])
case(
    "crop_int_image",
    "func",
    "crop_and_resize",
    [A(rng.randint(-50, 50, (2, 5, 6, 2)).astype(np.int32)), A(boxes), A(bidx), T(3, 3)],
)
case("crop_f64_image", "func", "crop_and_resize", [A(img.astype(np.float64)), A(boxes), A(bidx), T(2, 3)])
gboxes = np.array([[0.1, 0.2, 0.8, 0.9], [0.73, 0.11, 0.23, 0.61], [0.35, 0.3, 0.65, 0.55]], np.float32)
gbidx = np.array([1, 0, 1], np.int32)
case("crop_grad", "func", "crop_and_resize", [A(img), A(gboxes), A(gbidx), T(3, 4)], grad=[0, 1])
case("crop_grad_1x1", "func", "crop_and_resize", [A(img), A(gboxes), A(gbidx), T(1, 1)], grad=[0, 1])
# MindSpore's backward for the other methods: bilinear gradient for boxes, nearest scatter for the image
for m in ("nearest", "bilinear_v2"):
    case(f"crop_grad_{m}", "prim", "CropAndResize", [A(img), A(boxes), A(bidx), T(3, 4)], init={"method": m},
         grad=[0, 1])

# --- grid_sample / GridSampler2D / GridSampler3D ---
x4 = f32(2, 3, 4, 5, lo=-1, hi=1)
g4 = f32(2, 3, 4, 2, lo=-1.4, hi=1.4)
g4[0, 0, 0] = [0.25, -0.5]  # exact half-pixel positions for nearest rounding
g4[0, 0, 1] = [-0.6, 0.75]
x5 = f32(1, 2, 3, 4, 3, lo=-1, hi=1)
g5 = f32(1, 2, 3, 2, 3, lo=-1.3, hi=1.3)
for mode in ("bilinear", "nearest"):
    for pad in ("zeros", "border", "reflection"):
        for ac in (False, True):
            sfx = f"{mode}_{pad}_{int(ac)}"
            case(
                f"gs2d_{sfx}",
                "func",
                "grid_sample",
                [A(x4), A(g4)],
                kw={"mode": mode, "padding_mode": pad, "align_corners": ac},
            )
            case(
                f"gs3d_{sfx}",
                "prim",
                "GridSampler3D",
                [A(x5), A(g5)],
                init={"interpolation_mode": mode, "padding_mode": pad, "align_corners": ac},
            )
case("gs2d_prim", "prim", "GridSampler2D", [A(x4), A(g4)], init={"padding_mode": "border"})
case("gs2d_f64", "func", "grid_sample", [A(x4.astype(np.float64)), A(g4.astype(np.float64))])
for pad in ("zeros", "border", "reflection"):
    for ac in (False, True):
        case(
            f"gs2d_grad_{pad}_{int(ac)}",
            "func",
            "grid_sample",
            [A(x4), A(g4)],
            kw={"padding_mode": pad, "align_corners": ac},
            grad=[0, 1],
            tol=1e-4,
        )
case(
    "gs3d_grad",
    "func",
    "grid_sample",
    [A(x5), A(g5)],
    kw={"padding_mode": "reflection"},
    grad=[0, 1],
    tol=1e-4,
)
# (no exact .5 source positions: MindSpore's nearest backward rounds halves to even, its forward away)
case(
    "gs2d_grad_nearest",
    "func",
    "grid_sample",
    [A(x4), A(f32(2, 3, 4, 2, lo=-1.2, hi=1.2))],
    kw={"mode": "nearest"},
    grad=[0, 1],
)

# --- affine_grid ---
th2 = f32(2, 2, 3, lo=-1, hi=1)
th3 = f32(1, 3, 4, lo=-1, hi=1)
for ac in (False, True):
    case(f"affine2d_{int(ac)}", "func", "affine_grid", [A(th2), T(2, 3, 4, 5), ac])
    case(f"affine3d_{int(ac)}", "prim", "AffineGrid", [A(th3), T(1, 2, 3, 2, 4)], init={"align_corners": ac})
case("affine2d_one", "func", "affine_grid", [A(th2), T(2, 1, 1, 3)])

# --- resizes ---
ra = f32(2, 5, 7, 2, lo=-3, hi=3)
for ac in (False, True):
    for sz in ((3, 4), (8, 10), (1, 1), (5, 3)):
        case(
            f"area_{int(ac)}_{sz[0]}x{sz[1]}",
            "prim",
            "ResizeArea",
            [A(ra), A(np.array(sz, np.int32))],
            init={"align_corners": ac},
        )
case(
    "area_int",
    "prim",
    "ResizeArea",
    [A(rng.randint(0, 9, (1, 3, 4, 1)).astype(np.int32)), A(np.array([2, 3], np.int32))],
)
r1 = f32(2, 3, 6, lo=-2, hi=2)
for m in ("align_corners", "half_pixel"):
    for n in (4, 9, 1):
        case(
            f"lin1d_{m}_{n}",
            "prim",
            "ResizeLinear1D",
            [A(r1), A(np.array([n], np.int32))],
            init={"coordinate_transformation_mode": m},
        )
rn = f32(1, 2, 5, 7, lo=-2, hi=2)
for ac, hp in ((False, False), (True, False), (False, True)):
    for sz in ((3, 4), (8, 11), (1, 1), (10, 14)):
        case(
            f"nnv2_{int(ac)}{int(hp)}_{sz[0]}x{sz[1]}",
            "prim",
            "ResizeNearestNeighborV2",
            [A(rn), A(np.array(sz, np.int32))],
            init={"align_corners": ac, "half_pixel_centers": hp},
        )
case(
    "nnv2_u8",
    "prim",
    "ResizeNearestNeighborV2",
    [A(rng.randint(0, 255, (1, 1, 3, 4)).astype(np.uint8)), A(np.array([5, 7], np.int32))],
)
u5 = f32(1, 2, 3, 4, 5, lo=-2, hi=2)
for sz in ((5, 7, 9), (2, 3, 2), (6, 8, 15)):
    case(f"up_nn3d_{sz[0]}{sz[1]}{sz[2]}", "prim", "UpsampleNearest3D", [A(u5), list(sz), None])
    for ac in (False, True):
        case(
            f"up_tri3d_{int(ac)}_{sz[0]}{sz[1]}{sz[2]}",
            "prim",
            "UpsampleTrilinear3D",
            [A(u5), list(sz), None],
            init={"align_corners": ac},
        )
case("up_nn3d_scales", "prim", "UpsampleNearest3D", [A(u5), None, [1.5, 2.0, 1.7]])
case("up_tri3d_scales", "prim", "UpsampleTrilinear3D", [A(u5), None, [1.5, 2.0, 0.7]])
case(
    "up_tri3d_scales_ac",
    "prim",
    "UpsampleTrilinear3D",
    [A(u5), None, [2.5, 1.0, 1.3]],
    init={"align_corners": True},
)
st = f32(2, 5, 6, 2, lo=0, hi=5)
for kt in ("lanczos1", "lanczos3", "lanczos5", "gaussian", "box", "triangle", "keyscubic", "mitchellcubic"):
    for aa in (True, False):
        case(
            f"sat_{kt}_{int(aa)}_down",
            "prim",
            "ScaleAndTranslate",
            [
                A(st),
                A(np.array([3, 4], np.int32)),
                A(np.array([0.6, 0.7], np.float32)),
                A(np.array([0.3, -0.4], np.float32)),
            ],
            init={"kernel_type": kt, "antialias": aa},
        )
    case(
        f"sat_{kt}_up",
        "prim",
        "ScaleAndTranslate",
        [
            A(st),
            A(np.array([9, 7], np.int32)),
            A(np.array([1.8, 1.2], np.float32)),
            A(np.array([-0.5, 1.0], np.float32)),
        ],
        init={"kernel_type": kt},
    )
case(
    "sat_doc",
    "prim",
    "ScaleAndTranslate",
    [
        A(np.array([[[[9.0], [5.0], [2.0], [1.0]], [[6.0], [1.0], [9.0], [7.0]]]], np.float32)),
        A(np.array([2, 2], np.int32)),
        A(np.array([1, 1], np.float32)),
        A(np.array([1, 1], np.float32)),
    ],
)

# --- colour ---
rgb = f32(2, 3, 4, 3)
rgb[0, 0, 0] = [0.5, 0.5, 0.5]  # grey
rgb[0, 0, 1] = [0.2, 0.7, 0.7]  # ties
rgb[0, 0, 2] = [0.9, 0.1, 0.9]
rgb[0, 0, 3] = [0.0, 0.0, 0.0]
rgb[0, 1, 0] = [0.3, 0.3, 0.8]
rgb[0, 1, 1] = [0.8, 0.3, 0.3]
hsv = f32(2, 3, 4, 3)
hsv[0, 0, 0] = [0.0, 0.5, 0.5]
hsv[0, 0, 1] = [1.0, 0.5, 0.5]
hsv[0, 0, 2] = [0.5, 0.0, 0.7]
case("rgb2hsv", "prim", "RGBToHSV", [A(rgb)])
case("rgb2hsv_1d", "prim", "RGBToHSV", [A(np.array([0.25, 0.5, 0.5], np.float64))])
case("hsv2rgb", "prim", "HSVToRGB", [A(hsv)])
case("hsv2rgb_f64", "prim", "HSVToRGB", [A(hsv.astype(np.float64))])
for d in (0.2, -0.45, 0.9, 0.0, 1.3):
    case(f"hue_{d}", "prim", "AdjustHue", [A(rgb), A(np.array(d, np.float32))])
case(
    "hue_doc",
    "prim",
    "AdjustHue",
    [A(np.arange(1, 19, dtype=np.float32).reshape(3, 2, 3)), A(np.array(0.2, np.float32))],
)
case("hue_f16", "prim", "AdjustHue", [A(rgb.astype(np.float16)), A(np.array(0.3, np.float32))], tol=2e-3)
for sc in (0.5, 2.0, 0.0, 5.0):
    case(f"sat_{sc}", "prim", "AdjustSaturation", [A(rgb), A(np.array(sc, np.float32))])
case(
    "satur_doc",
    "prim",
    "AdjustSaturation",
    [A(np.arange(1, 13, dtype=np.float32).reshape(2, 2, 3)), A(np.array(0.5, np.float32))],
)

# --- ExtractGlimpse (noise='zero' is deterministic) ---
eg = f32(2, 5, 6, 2, lo=-1, hi=1)
for cen in (False, True):
    for nor in (False, True):
        offs = (
            np.array([[1.0, 2.7], [-1.2, 4.0]], np.float32)
            if not nor
            else np.array([[0.3, -0.5], [-0.9, 0.45]], np.float32)
        )
        case(
            f"glimpse_{int(cen)}{int(nor)}",
            "prim",
            "ExtractGlimpse",
            [A(eg), A(np.array([3, 4], np.int32)), A(offs)],
            init={"centered": cen, "normalized": nor, "uniform_noise": False, "noise": "zero"},
        )

# --- errors ---
ERRS = []


def err(name, kind, op, args, init=None, kw=None):
    ERRS.append(dict(name=name, kind=kind, op=op, args=args, init=init or {}, kw=kw or {}))


err(
    "crop_bad_index",
    "func",
    "crop_and_resize",
    [A(img), A(boxes), A(np.array([2, 0, 0, 1], np.int32)), T(3, 4)],
)
err("crop_list_size", "func", "crop_and_resize", [A(img), A(boxes), A(bidx), [3, 4]])
err("crop_zero_size", "func", "crop_and_resize", [A(img), A(boxes), A(bidx), T(0, 4)])
err("crop_i64_index", "func", "crop_and_resize", [A(img), A(boxes), A(bidx.astype(np.int64)), T(3, 4)])
err("crop_3d", "func", "crop_and_resize", [A(img[0]), A(boxes), A(bidx), T(3, 4)])
err("crop_int_extrap", "prim", "CropAndResize", [], init={"extrapolation_value": 1})
err("crop_bad_method", "prim", "CropAndResize", [], init={"method": "bicubic"})
err("gs_bad_mode", "func", "grid_sample", [A(x4), A(g4)], kw={"mode": "bicubic"})
err("gs_bad_pad", "func", "grid_sample", [A(x4), A(g4)], kw={"padding_mode": "abc"})
err("gs_dtype", "func", "grid_sample", [A(x4), A(g4.astype(np.float64))])
err("gs_batch", "func", "grid_sample", [A(x4[:1]), A(g4)])
err("affine_batch", "func", "affine_grid", [A(th2), T(3, 1, 2, 2)])
err("affine_rank", "func", "affine_grid", [A(th2), T(2, 1, 2, 2, 2)])
err("affine_f64", "func", "affine_grid", [A(th2.astype(np.float64)), T(2, 1, 2, 2)])
err("area_zero", "prim", "ResizeArea", [A(ra), A(np.array([3, 0], np.int32))])
err(
    "nnv2_both",
    "prim",
    "ResizeNearestNeighborV2",
    [A(rn), A(np.array([3, 3], np.int32))],
    init={"align_corners": True, "half_pixel_centers": True},
)
err(
    "lin1d_mode",
    "prim",
    "ResizeLinear1D",
    [A(r1), A(np.array([4], np.int32))],
    init={"coordinate_transformation_mode": "asymmetric"},
)
err("up_none", "prim", "UpsampleNearest3D", [A(u5), None, None])
err("up_size2", "prim", "UpsampleTrilinear3D", [A(u5), [2, 2], None])
err("hue_rank2", "prim", "AdjustHue", [A(rgb[0, 0]), A(np.array(0.1, np.float32))])
err("satur_last4", "prim", "AdjustSaturation", [A(f32(2, 2, 4)), A(np.array(0.1, np.float32))])
err("hsv_rank2", "prim", "HSVToRGB", [A(hsv[0, 0])])
err("sat_kernel", "prim", "ScaleAndTranslate", [], init={"kernel_type": "cubic"})
err("glimpse_noise", "prim", "ExtractGlimpse", [], init={"uniform_noise": True, "noise": "zero"})


def run_case(c):
    fn, args = build(c)
    if c["grad"] is None:
        out = fn(*args)
        return [out.asnumpy()], str(out.dtype)
    out = fn(*args)
    w = Tensor(rng.uniform(-1, 1, out.shape).astype(np.float32)).astype(out.dtype)
    ARR[c["name"] + "_w"] = w.asnumpy()
    grads = ms.grad(lambda *xs: (fn(*xs) * w).sum(), grad_position=tuple(c["grad"]))(*args)
    return [out.asnumpy()] + [g.asnumpy() for g in grads], str(out.dtype)


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
    res = {}
    for c in CASES:
        outs, dt = run_case(c)
        for i, o in enumerate(outs):
            res[f"{c['name']}_out{i}"] = o
        c["dtype"] = dt
        c["n_out"] = len(outs)
    for e in ERRS:
        try:
            fn, args = build(e)
            out = fn(*args)
            out.asnumpy()
            e["error"] = None
        except Exception as ex:  # noqa: BLE001
            e["error"] = type(ex).__name__
            e["msg"] = str(ex).split("\n")[0][:300]
    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "image_sample.npz"), **ARR, **res)
    with open(os.path.join(OUT, "image_sample.json"), "w") as f:
        json.dump({"cases": CASES, "errors": ERRS}, f, indent=1)
    print(len(CASES), "cases,", len(ERRS), "errors")
    for e in ERRS:
        print(e["name"], e["error"], e.get("msg"))


if __name__ == "__main__":
    main()
