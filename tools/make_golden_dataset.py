"""Golden outputs of real MindSpore's dataset pipeline for tests/test_dataset.py.

Run with the MindSpore venv:  /work/msvenv/bin/python tools/make_golden_dataset.py
Writes tests/golden/dataset.json. Every case is deterministic (no shuffling: MindSpore's C++ RNG
stream is not reproduced, only the reproducibility of ours is tested).
"""

import json
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
import dataset_files as F  # noqa: E402

import mindspore as ms  # noqa: E402
import mindspore.dataset as ds  # noqa: E402
import mindspore.dataset.transforms as T  # noqa: E402
import mindspore.dataset.vision as V  # noqa: E402


def enc(x):
    if isinstance(x, ms.Tensor):
        x = x.asnumpy()
    if isinstance(x, np.ndarray):
        return {"dtype": str(x.dtype), "shape": list(x.shape), "data": x.tolist()}
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, np.dtype):
        return str(x)
    return x


def rows(d):
    return [list(r) for r in d.create_tuple_iterator(output_numpy=True, num_epochs=1)]


def info(d):
    return {"size": d.get_dataset_size(), "cols": d.get_col_names(), "shapes": d.output_shapes(),
            "types": [str(t) for t in d.output_types()], "rows": rows(d)}


def head(make):
    """Size, columns, types and rows 0-1 and 9999-10000 (files hold 10000 records each)."""
    out = info(make().take(2))
    out["size"] = make().get_dataset_size()
    out["rows_10k"] = rows(make().skip(9999).take(2))
    return out


def slices():
    return ds.NumpySlicesDataset({"a": np.arange(7), "b": np.arange(7) * 0.5}, shuffle=False)


def ragged():
    return ds.GeneratorDataset(lambda: ((np.arange(i, dtype=np.int32) + 1, np.array(i)) for i in range(1, 6)),
                               ["x", "n"])


def main():
    g = {}
    tmp = tempfile.mkdtemp()
    mn = F.write_mnist(os.path.join(tmp, "mnist"))
    for usage in ("train", "test", "all"):
        g[f"mnist_{usage}"] = info(ds.MnistDataset(mn, usage=usage, shuffle=False))
    g["mnist_shard"] = info(ds.MnistDataset(mn, usage="all", num_shards=3, shard_id=2, shuffle=False))
    g["mnist_num_samples"] = info(ds.MnistDataset(mn, num_samples=3, shuffle=False))
    c10 = F.write_cifar10(os.path.join(tmp, "c10"))
    for usage in ("train", "test", "all"):
        g[f"cifar10_{usage}"] = head(lambda: ds.Cifar10Dataset(c10, usage=usage, shuffle=False))
    g["cifar10_sampler"] = rows(ds.Cifar10Dataset(c10, sampler=ds.SubsetSampler([10001, 3, 19999])))
    c100 = F.write_cifar100(os.path.join(tmp, "c100"))
    g["cifar100_test"] = head(lambda: ds.Cifar100Dataset(c100, usage="test", shuffle=False))
    imf = F.write_image_folder(os.path.join(tmp, "imf"))
    d = ds.ImageFolderDataset(imf, shuffle=False)
    g["imagefolder_raw"] = {"size": d.get_dataset_size(), "cols": d.get_col_names(),
                            "types": [str(t) for t in d.output_types()], "num_classes": d.num_classes(),
                            "class_indexing": d.get_class_indexing(),
                            "labels": [int(r[1]) for r in rows(d)], "nbytes": [len(r[0]) for r in rows(d)]}
    d = None
    g["imagefolder_decode"] = info(ds.ImageFolderDataset(imf, shuffle=False, decode=True,
                                                         extensions=[".png"]))
    g["imagefolder_class_indexing"] = info(ds.ImageFolderDataset(imf, shuffle=False, decode=True,
                                                                 extensions=[".png"],
                                                                 class_indexing={"dog": 5, "eel": 1}))
    g["imagefolder_decode_map"] = info(ds.ImageFolderDataset(imf, shuffle=False, extensions=[".png"])
                                     .map(V.Decode(), ["image"]))

    # pipeline operations
    g["map_place_1to1"] = info(slices().map(lambda x: x * 2, ["b"], ["z"]))
    g["map_place_1to2"] = info(slices().map(lambda x: (x, x + 1), ["b"], ["p", "q"]))
    g["map_place_2to1"] = info(slices().map(lambda x, y: x + y, ["a", "b"], ["s"]))
    g["map_chain"] = info(slices().map([lambda x: x + 1, T.TypeCast(ms.float16)], ["a"]))
    g["map_default_col"] = info(slices().map(lambda x: x * 3))
    g["batch_3"] = info(slices().batch(3))
    g["batch_3_drop"] = info(slices().batch(3, drop_remainder=True))
    g["batch_callable"] = info(slices().batch(lambda bi: bi.get_batch_num() + 1))
    g["per_batch_map"] = info(slices().batch(
        3, per_batch_map=lambda a, b, bi: ([x * 10 for x in a], [y + bi.get_batch_num() for y in b]),
        input_columns=["a", "b"]))
    g["per_batch_map_out"] = info(slices().batch(
        2, per_batch_map=lambda a, bi: (a, [x * 2 for x in a]), input_columns=["a"],
        output_columns=["p", "q"]))
    g["padded_batch"] = info(ragged().padded_batch(2, pad_info={"x": ([6], -1)}))
    g["padded_batch_none"] = info(ragged().padded_batch(3, pad_info={"x": None}))
    g["bucket"] = info(ragged().bucket_batch_by_length(["x"], [3, 5], [2, 2, 2], pad_info={"x": None}))
    g["bucket_boundary"] = info(ragged().bucket_batch_by_length(["x"], [3, 5], [2, 1, 1],
                                                                pad_info={"x": None},
                                                                pad_to_bucket_boundary=True))
    g["repeat_batch"] = info(slices().repeat(2).batch(4))
    g["batch_repeat"] = {**info(slices().batch(4).repeat(3)), "batch_size": slices().batch(4).repeat(3)
                         .get_batch_size(), "repeat_count": slices().batch(4).repeat(3).get_repeat_count()}
    g["take_skip"] = info(slices().skip(2).take(3))
    g["take_more"] = info(slices().take(100))
    g["concat"] = info(slices().take(2) + slices().skip(5))
    g["zip"] = info(ds.zip((slices(), slices().rename(["a", "b"], ["c", "d"]).skip(3))))
    g["filter"] = info(slices().filter(lambda a: a % 3 != 0, ["a"]))
    g["project"] = info(slices().project(["b", "a"]))
    g["rename"] = info(slices().rename("a", "alpha"))
    g["split_int"] = [info(s) for s in slices().split([2, 5], randomize=False)]
    g["split_frac"] = [info(s) for s in slices().split([0.3, 0.3, 0.4], randomize=False)]
    g["tuple_iter_columns"] = [list(r) for r in slices().create_tuple_iterator(columns=["b"],
                                                                                 output_numpy=True)]

    src = [(np.array(i, dtype=np.int32),) for i in range(7)]
    g["gen_distributed"] = info(ds.GeneratorDataset(src, ["x"],
                                                    sampler=ds.DistributedSampler(3, 1, shuffle=False)))
    g["gen_shard_args"] = info(ds.GeneratorDataset(src, ["x"], num_shards=2, shard_id=1, shuffle=False))
    g["gen_sequential"] = info(ds.GeneratorDataset(src, ["x"], sampler=ds.SequentialSampler(2, 3)))
    g["gen_subset"] = info(ds.GeneratorDataset(src, ["x"], sampler=ds.SubsetSampler([5, 1, 3])))
    g["gen_num_samples"] = info(ds.GeneratorDataset(src, ["x"], shuffle=False, num_samples=4))
    g["gen_pytypes"] = info(ds.GeneratorDataset(
        lambda: ((i, i * 0.5, [i, i + 1], [1.5, i], True, np.float32(i)) for i in range(3)),
        ["i", "f", "li", "lf", "b", "f32"]))
    g["slices_list"] = info(ds.NumpySlicesDataset([[1, 2], [3, 4], [5, 6]], shuffle=False))
    g["slices_tuple"] = info(ds.NumpySlicesDataset(([1, 2, 3], [0.5, 1.5, 2.5]), shuffle=False))
    g["slices_names"] = info(ds.NumpySlicesDataset(np.ones((2, 3), np.float32), column_names=["v"],
                                                   shuffle=False))
    g["padded"] = info(ds.PaddedDataset([{"image": np.zeros(3, np.uint8), "label": np.array(1, np.int32)},
                                         {"image": np.ones(3, np.uint8), "label": np.array(2, np.int32)}]))

    # transforms
    t = {}
    t["typecast_f2i"] = T.TypeCast(ms.int32)(np.array([1.7, -2.5, 3.2]))
    t["typecast_i2f16"] = T.TypeCast(ms.float16)(np.array([1, 2]))
    t["onehot"] = T.OneHot(4)(np.array([1, 3, 0]))
    t["onehot_smooth"] = T.OneHot(4, smoothing_rate=0.2)(np.array([2, 0]))
    t["fill"] = T.Fill(3)(np.array([1.5, 2.0]))
    t["fill_int"] = T.Fill(7)(np.array([[1, 2]], dtype=np.int32))
    t["duplicate"] = list(T.Duplicate()(np.array([1.5, 2])))
    t["concatenate"] = T.Concatenate(0, np.array([9]), np.array([8, 7]))(np.array([1, 2]))
    t["mask_ge"] = T.Mask(T.Relational.GE, 2)(np.array([1, 2, 3]))
    t["mask_int"] = T.Mask(T.Relational.NE, 2, ms.int32)(np.array([1, 2, 3]))
    t["padend"] = T.PadEnd([5], 9)(np.array([1, 2, 3]))
    t["padend_2d"] = T.PadEnd([2, 3])(np.array([[1, 2]]))
    t["padend_crop"] = T.PadEnd([2])(np.array([1, 2, 3]))
    t["slice_step"] = T.Slice(slice(0, 3, 2))(np.array([1, 2, 3, 4]))
    t["slice_int_list"] = T.Slice(1, [0, 2])(np.array([[1, 2, 3], [4, 5, 6]]))
    t["slice_none"] = T.Slice(None, 1)(np.array([[1, 2, 3], [4, 5, 6]]))
    t["compose"] = T.Compose([lambda x: x + 1, T.TypeCast(ms.float32)])(np.array([1, 5]))
    t["unique"] = rows(ds.NumpySlicesDataset({"x": [np.array([[3, 1, 3], [2, 1, 4]])]}, shuffle=False).map(
        T.Unique(), ["x"], ["u", "i", "c"]))
    img = F.sample_image()
    img_f = img.astype(np.float32) / 7.0
    t["resize_down"] = V.Resize((3, 4))(img)
    t["resize_up"] = V.Resize((9, 11))(img)
    t["resize_int"] = V.Resize(4)(img)
    t["resize_nearest"] = V.Resize((4, 13), V.Inter.NEAREST)(img)
    t["resize_cubic_f"] = V.Resize((5, 5), V.Inter.CUBIC)(img_f)
    t["resize_linear_f_up"] = V.Resize((9, 11))(img_f)
    t["resize_linear_f_down"] = V.Resize((3, 5))(img_f)
    t["resize_area"] = V.Resize((3, 4), V.Inter.AREA)(img)
    t["resize_gray"] = V.Resize((3, 4))(img[:, :, 0])
    big = F.sample_image(seed=5, shape=(13, 17, 3))
    t["resize_big_down"] = V.Resize((7, 5))(big)
    t["resize_big_up"] = V.Resize((20, 30))(big)
    t["resize_big_nearest"] = V.Resize((5, 9), V.Inter.NEAREST)(big)
    t["resize_big_area"] = V.Resize((5, 8), V.Inter.AREA)(big)
    t["resize_cubic_u8"] = V.Resize((5, 5), V.Inter.CUBIC)(img)
    t["center_crop"] = V.CenterCrop((3, 5))(img)
    t["center_crop_pad"] = V.CenterCrop((9, 9))(img)
    for mode in ("CONSTANT", "EDGE", "REFLECT", "SYMMETRIC"):
        t[f"pad_{mode}"] = V.Pad([1, 2, 3, 1], fill_value=7, padding_mode=getattr(V.Border, mode))(img)
    t["pad_fill_tuple"] = V.Pad(1, fill_value=(1, 2, 3))(img)
    t["normalize"] = V.Normalize([10.0, 20.0, 30.0], [2.0, 3.0, 4.0])(img)
    t["normalize_chw"] = V.Normalize([10.0, 20.0, 30.0], [2.0, 3.0, 4.0], is_hwc=False)(
        np.ascontiguousarray(img.transpose(2, 0, 1)))
    t["rescale"] = V.Rescale(1.0 / 255.0, -0.5)(img)
    t["hwc2chw"] = V.HWC2CHW()(img)
    t["to_tensor"] = V.ToTensor()(img)
    t["to_type"] = V.ToType(np.int16)(img)
    t["hflip"] = V.RandomHorizontalFlip(1.0)(img)
    t["vflip"] = V.RandomVerticalFlip(1.0)(img)
    t["crop"] = V.Crop((1, 2), (3, 4))(img)
    t["rotate90"] = V.Rotate(90)(img)
    t["rotate90_expand"] = V.Rotate(90, expand=True)(img)
    t["random_rotation_0"] = V.RandomRotation((0, 0))(img)
    t["decode_png"] = V.Decode()(np.fromfile(os.path.join(imf, "dog", "x.png"), dtype=np.uint8))
    g["transforms"] = t

    out = os.path.join(HERE, "..", "tests", "golden", "dataset.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(enc(g), f)
    print("wrote", out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
