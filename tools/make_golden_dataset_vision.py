"""Golden outputs of real MindSpore 2.10's deterministic vision ops for tests/test_dataset_vision.py.

Run with the MindSpore venv from /tmp:  /work/msvenv/bin/python /work/main/tools/make_golden_dataset_vision.py
Writes tests/golden/dataset_vision.npz: inputs ("in_*") and one output per case name.
Random ops are probed with degenerate ranges / prob=1 so their outputs are deterministic.
"""

import os

import numpy as np

import mindspore.dataset.vision as V
from mindspore.dataset.vision import ConvertMode, Inter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "dataset_vision.npz")


def inputs():
    rs = np.random.RandomState(7)
    img = rs.randint(0, 256, size=(9, 11, 3)).astype(np.uint8)
    # a smoother image too (gradients), where rounding and interpolation differences show
    yy, xx = np.mgrid[0:12, 0:14]
    smooth = np.stack([(xx * 17 + yy * 5) % 256, (yy * 19) % 256, (xx * yy * 3) % 256], -1).astype(np.uint8)
    gray = rs.randint(0, 256, size=(9, 11)).astype(np.uint8)
    flt = rs.rand(9, 11, 3).astype(np.float32)
    chw = rs.rand(3, 4, 5).astype(np.float32)
    return {"img": img, "smooth": smooth, "gray": gray, "flt": flt, "chw": chw}


def cases():
    """name -> (input name, transform); shared with the test (same names)."""
    return {
        "adjust_brightness": ("img", V.AdjustBrightness(0.7)),
        "adjust_brightness_up": ("smooth", V.AdjustBrightness(1.3)),
        "adjust_contrast": ("img", V.AdjustContrast(1.6)),
        "adjust_contrast_low": ("smooth", V.AdjustContrast(0.3)),
        "adjust_saturation": ("img", V.AdjustSaturation(0.4)),
        "adjust_saturation_up": ("smooth", V.AdjustSaturation(1.7)),
        "adjust_hue": ("img", V.AdjustHue(0.2)),
        "adjust_hue_neg": ("smooth", V.AdjustHue(-0.35)),
        "adjust_gamma": ("img", V.AdjustGamma(0.5, 1.0)),
        "adjust_gamma2": ("smooth", V.AdjustGamma(2.2, 0.9)),
        "adjust_sharpness": ("img", V.AdjustSharpness(2.0)),
        "adjust_sharpness_blur": ("smooth", V.AdjustSharpness(0.2)),
        "auto_contrast": ("img", V.AutoContrast()),
        "auto_contrast_cut": ("smooth", V.AutoContrast(cutoff=10.0)),
        "auto_contrast_ignore": ("smooth", V.AutoContrast(cutoff=0.0, ignore=[0, 255])),
        "equalize": ("img", V.Equalize()),
        "equalize_smooth": ("smooth", V.Equalize()),
        "equalize_gray": ("gray", V.Equalize()),
        "invert": ("img", V.Invert()),
        "posterize": ("img", V.Posterize(3)),
        "solarize": ("img", V.Solarize(100.0)),
        "solarize_range": ("smooth", V.Solarize((50.0, 150.0))),
        "gray2": ("img", V.ConvertColor(ConvertMode.COLOR_RGB2GRAY)),
        "bgr": ("img", V.ConvertColor(ConvertMode.COLOR_RGB2BGR)),
        "rgba": ("img", V.ConvertColor(ConvertMode.COLOR_RGB2RGBA)),
        "gray2rgb": ("gray", V.ConvertColor(ConvertMode.COLOR_GRAY2RGB)),
        "grayscale": ("pil:smooth", V.Grayscale(1)),
        "gaussian_blur": ("img", V.GaussianBlur(3, 1.0)),
        "gaussian_blur_53": ("smooth", V.GaussianBlur((5, 3), (1.5, 0.8))),
        "gaussian_blur_f": ("flt", V.GaussianBlur(3)),
        "affine_rot": ("smooth", V.Affine(30.0, [0, 0], 1.0, [0.0, 0.0])),
        "affine_all": ("smooth", V.Affine(15.0, [0.1, 0.2], 1.1, [5.0, 3.0], Inter.BILINEAR, 9)),
        "affine_nearest": ("img", V.Affine(-20.0, [0.2, -0.1], 0.9, [0.0, 4.0], Inter.NEAREST)),
        "perspective": ("smooth", V.Perspective([[0, 0], [13, 0], [13, 11], [0, 11]],
                                                [[1, 2], [12, 0], [13, 10], [2, 11]], Inter.BILINEAR)),
        "perspective_nn": ("img", V.Perspective([[0, 0], [10, 0], [10, 8], [0, 8]],
                                                [[1, 1], [9, 0], [10, 8], [0, 7]], Inter.NEAREST)),
        "erase": ("img", V.Erase(1, 2, 3, 4, value=7)),
        "erase_rgb": ("img", V.Erase(2, 1, 4, 3, value=(1, 2, 3))),
        "pad_to_size": ("img", V.PadToSize([12, 15], offset=[1, 2], fill_value=3)),
        "pad_to_size_center": ("img", V.PadToSize(13)),
        "rgb_to_hsv": ("chw", V.RgbToHsv(is_hwc=False)),
        "hsv_to_rgb": ("chw", V.HsvToRgb(is_hwc=False)),
        "linear_transformation": ("chw", V.LinearTransformation(
            np.eye(60, dtype=np.float32)[::-1] * 0.5, np.arange(60, dtype=np.float32) / 60)),
        "rand_color_adjust_b": ("img", V.RandomColorAdjust(brightness=(0.7, 0.7))),
        "rand_color_adjust_c": ("img", V.RandomColorAdjust(contrast=(1.6, 1.6))),
        "rand_color_adjust_s": ("img", V.RandomColorAdjust(saturation=(0.4, 0.4))),
        "rand_color_adjust_h": ("img", V.RandomColorAdjust(hue=(0.2, 0.2))),
        "rand_sharpness": ("img", V.RandomSharpness((2.0, 2.0))),
        "rand_color": ("smooth", V.RandomColor((0.4, 0.4))),
        "rand_posterize": ("img", V.RandomPosterize((3, 3))),
        "rand_solarize": ("img", V.RandomSolarize((100, 100))),
        "rand_invert": ("img", V.RandomInvert(1.0)),
        "rand_equalize": ("img", V.RandomEqualize(1.0)),
        "rand_autocontrast": ("img", V.RandomAutoContrast(prob=1.0)),
        "rand_adjust_sharpness": ("img", V.RandomAdjustSharpness(2.0, 1.0)),
        "rand_grayscale": ("pil:img", V.RandomGrayscale(1.0)),
        "rand_lighting0": ("img", V.RandomLighting(0.0)),
        "rand_affine_id": ("img", V.RandomAffine(0.0)),
        "rand_crop_decode_resize": ("jpeg", V.RandomCropDecodeResize((6, 8), scale=(1.0, 1.0),
                                                                      ratio=(14 / 12, 14 / 12))),
        "decode": ("jpeg", V.Decode()),
        "slice_patches": ("img", V.SlicePatches(2, 3)),
        "slice_patches_drop": ("img", V.SlicePatches(2, 3, V.SliceMode.DROP)),
        "five_crop": ("pil:img", V.FiveCrop(4)),
        "ten_crop": ("pil:img", V.TenCrop((4, 5))),
        "ten_crop_v": ("pil:img", V.TenCrop(3, use_vertical_flip=True)),
        "resize_area": ("smooth", V.Resize((5, 6), Inter.AREA)),
        "resize_cubic": ("smooth", V.Resize((17, 9), Inter.CUBIC)),
        "resize_nearest": ("smooth", V.Resize((17, 9), Inter.NEAREST)),
    }


def jpeg_bytes(smooth):
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(smooth).save(buf, format="JPEG", quality=95)
    return np.frombuffer(buf.getvalue(), dtype=np.uint8).copy()


def main():
    ins = inputs()
    ins["jpeg"] = jpeg_bytes(ins["smooth"])
    out = {"in_" + k: v for k, v in ins.items()}
    for name, (src, op) in cases().items():
        try:
            x = ins[src.replace("pil:", "")]
            if src.startswith("pil:"):  # these ops are PIL-only in MindSpore
                from PIL import Image

                x = Image.fromarray(x)
            r = op(x)
        except Exception as e:  # record the failure so the test knows MindSpore rejects it
            print("FAIL", name, type(e).__name__, str(e)[:200])
            continue
        if isinstance(r, (list, tuple)):
            for i, v in enumerate(r):
                out[f"{name}__{i}"] = np.asarray(v)
            out[f"{name}__n"] = np.array(len(r))
        else:
            out[name] = np.asarray(r)
    np.savez_compressed(OUT, **out)
    print("wrote", OUT, len(out))


if __name__ == "__main__":
    main()
