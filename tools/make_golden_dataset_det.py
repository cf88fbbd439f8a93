"""Golden outputs of real MindSpore 2.10's VOC / COCO / WIDERFace / CelebA / Manifest loaders and the
vision bounding-box transforms, for tests/test_dataset_det.py.

Run with the MindSpore venv from /tmp:
    /work/msvenv/bin/python /work/main/tools/make_golden_dataset_det.py
The input files are written by tests/_dataset_det_files.py (loaded by path; shared with the test).
Writes tests/golden/dataset_det.json (column names, sizes, dtypes, shapes, strings, errors) and
tests/golden/dataset_det.npz (the numeric values).
"""

import importlib.util
import json
import os
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "..", "tests", "golden")


def _files():
    spec = importlib.util.spec_from_file_location(
        "_dataset_det_files", os.path.join(HERE, "..", "tests", "_dataset_det_files.py")
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def bbox_cases(vision):
    """name -> (transform factory, image, bboxes) for the deterministic bbox transforms."""
    img = (np.arange(6 * 8 * 3) % 251).astype(np.uint8).reshape(6, 8, 3)
    b = np.array([[1, 1, 3, 2], [0, 2, 8, 4]], np.float32)
    b5 = np.array([[1, 1, 3, 2, 7], [0, 2, 8, 4, 9], [2.5, 0.5, 1.5, 1.25, 3]], np.float32)
    sep = np.array([[0, 0, 3, 2], [4, 3, 4, 3]], np.float32)
    return {
        "resize_hw": (lambda: vision.ResizeWithBBox((12, 10)), img, b),
        "resize_int": (lambda: vision.ResizeWithBBox(3), img, b5),
        "resize_nearest": (lambda: vision.ResizeWithBBox((5, 7), vision.Inter.NEAREST), img, b5),
        "hflip": (lambda: vision.RandomHorizontalFlipWithBBox(1.0), img, b5),
        "vflip": (lambda: vision.RandomVerticalFlipWithBBox(1.0), img, b5),
        "hflip0": (lambda: vision.RandomHorizontalFlipWithBBox(0.0), img, b),
        "bba_hflip": (lambda: vision.BoundingBoxAugment(vision.HorizontalFlip(), 1.0), img, sep),
        "bba_vflip": (lambda: vision.BoundingBoxAugment(vision.RandomVerticalFlip(1.0), 1.0), img, sep),
        "bba_zero": (lambda: vision.BoundingBoxAugment(vision.HorizontalFlip(), 0.0), img, sep),
        "err_oob": (
            lambda: vision.RandomHorizontalFlipWithBBox(1.0),
            img,
            np.array([[1, 1, 9, 2]], np.float32),
        ),
        "err_neg": (lambda: vision.ResizeWithBBox(4), img, np.array([[-1, 1, 2, 2]], np.float32)),
        "err_cols": (lambda: vision.RandomVerticalFlipWithBBox(1.0), img, np.array([[1, 1, 2]], np.float32)),
        "err_rank": (lambda: vision.RandomVerticalFlipWithBBox(1.0), img, np.array([1, 1, 2, 2], np.float32)),
    }


def _err_text(e):
    msg = str(e)
    if "[ERROR] " in msg:
        msg = msg.split("[ERROR] ", 1)[1].split("\n")[0]
    return msg.strip()


def main():
    import mindspore.dataset as ds
    import mindspore.dataset.vision as vision

    files = _files()
    meta, arrays = {"loaders": {}, "bbox": {}, "utils": {}}, {}
    with tempfile.TemporaryDirectory() as d:
        files.write_files(d)
        for name, make in files.cases(ds, d).items():
            entry = {}
            try:
                dset = make()
                entry["columns"] = dset.get_col_names()
                entry["size"] = dset.get_dataset_size()
                rows = []
                for r, row in enumerate(dset.create_tuple_iterator(output_numpy=True, num_epochs=1)):
                    cols = []
                    for c, a in enumerate(row):
                        info = {"dtype": str(a.dtype), "shape": list(a.shape)}
                        if a.dtype.kind == "U":
                            info["value"] = a.tolist()
                        else:
                            arrays[f"{name}/{r}/{c}"] = a
                        cols.append(info)
                    rows.append(cols)
                entry["rows"] = rows
            except Exception as e:  # noqa: BLE001 - the golden records MindSpore's failure
                entry["error"] = [type(e).__name__, _err_text(e)]
            meta["loaders"][name] = entry
            print(name, entry.get("size"), entry.get("error"))
        for name, (make, img, boxes) in bbox_cases(vision).items():
            try:
                out_img, out_box = make()(img.copy(), boxes.copy())
                arrays[f"bbox/{name}/img"] = out_img
                arrays[f"bbox/{name}/box"] = out_box
                meta["bbox"][name] = {"box_dtype": str(out_box.dtype)}
            except Exception as e:  # noqa: BLE001
                meta["bbox"][name] = {"error": [type(e).__name__, _err_text(e)]}
            print(name, meta["bbox"][name])
        # image utils: decoded round trips and read_image modes
        img = files._img(3, 7, 9)
        enc = vision.encode_png(img)
        arrays["utils/png_roundtrip"] = vision.decode(enc) if hasattr(vision, "decode") else img
        p = os.path.join(d, "u.png")
        vision.write_png(p, img)
        for mode in ("UNCHANGED", "GRAYSCALE", "COLOR"):
            arrays[f"utils/read_png_{mode}"] = vision.read_image(p, getattr(vision.ImageReadMode, mode))
        gray = img[..., 0]
        vision.write_png(p, gray[..., None])
        arrays["utils/read_gray_UNCHANGED"] = vision.read_image(p)
        arrays["utils/read_gray_COLOR"] = vision.read_image(p, vision.ImageReadMode.COLOR)
        pj = os.path.join(d, "u.jpg")
        vision.write_jpeg(pj, img, 90)
        arrays["utils/jpeg_q90"] = vision.read_image(pj)
        for q in (75, 100):
            arrays[f"utils/encode_jpeg_{q}"] = vision.encode_jpeg(img, q)
        for name, fn in (
            ("encode_jpeg_bad_q", lambda: vision.encode_jpeg(img, 0)),
            ("encode_png_bad_level", lambda: vision.encode_png(img, 10)),
            ("encode_jpeg_float", lambda: vision.encode_jpeg(img.astype(np.float32))),
            ("encode_png_4ch", lambda: vision.encode_png(np.zeros((2, 2, 4), np.uint8))),
        ):
            try:
                fn()
                meta["utils"][name] = None
            except Exception as e:  # noqa: BLE001
                meta["utils"][name] = [type(e).__name__, _err_text(e)]
    with open(os.path.join(GOLD, "dataset_det.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    np.savez_compressed(os.path.join(GOLD, "dataset_det.npz"), **arrays)


if __name__ == "__main__":
    main()
