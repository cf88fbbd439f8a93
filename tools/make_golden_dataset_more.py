"""Golden rows of real MindSpore 2.10 for tests/test_dataset_more.py: the extra loaders (USPS,
Semeion, EMNIST, SVHN, STL10, AG News, DBpedia, Yelp Review) on the files written by
tests/_dataset_more_files.py, DSCallback event sequences, RandomDataset/FakeImageDataset structure and
the serialized form of a pipeline.

Run from /tmp with the MindSpore venv:
    /work/msvenv/bin/python /work/main/tools/make_golden_dataset_more.py
"""

import json
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
import _dataset_more_files as F  # noqa: E402

OUT = os.path.join(HERE, "..", "tests", "golden", "dataset_more")


def loader_cases(ds, root):
    """name -> zero-argument dataset factory (shared with the test)."""
    p = lambda n: os.path.join(root, n)  # noqa: E731
    return {
        "usps_all": lambda: ds.USPSDataset(p("usps"), shuffle=False),
        "usps_test": lambda: ds.USPSDataset(p("usps"), usage="test", shuffle=False),
        "usps_n2": lambda: ds.USPSDataset(p("usps"), usage="train", shuffle=False, num_samples=2),
        "semeion": lambda: ds.SemeionDataset(p("semeion"), shuffle=False),
        "semeion_shard": lambda: ds.SemeionDataset(p("semeion"), shuffle=False, num_shards=2, shard_id=1),
        "emnist_all": lambda: ds.EMnistDataset(p("emnist"), "balanced", shuffle=False),
        "emnist_train": lambda: ds.EMnistDataset(p("emnist"), "balanced", usage="train", shuffle=False),
        "svhn_all": lambda: ds.SVHNDataset(p("svhn"), shuffle=False),
        "svhn_test": lambda: ds.SVHNDataset(p("svhn"), usage="test", shuffle=False),
        "stl10_all": lambda: ds.STL10Dataset(p("stl10"), shuffle=False),
        "stl10_train_unlabeled": lambda: ds.STL10Dataset(p("stl10"), usage="train+unlabeled", shuffle=False),
        "stl10_unlabeled": lambda: ds.STL10Dataset(p("stl10"), usage="unlabeled", shuffle=False),
        "ag_news_all": lambda: ds.AGNewsDataset(p("ag_news"), shuffle=False),
        "ag_news_train": lambda: ds.AGNewsDataset(p("ag_news"), usage="train", shuffle=False),
        "dbpedia_all": lambda: ds.DBpediaDataset(p("dbpedia"), shuffle=False),
        "dbpedia_test": lambda: ds.DBpediaDataset(p("dbpedia"), usage="test", shuffle=False),
        "yelp_all": lambda: ds.YelpReviewDataset(p("yelp"), shuffle=False),
        "yelp_train": lambda: ds.YelpReviewDataset(p("yelp"), usage="train", shuffle=False, num_samples=1),
    }


def describe(d, name, arrays):
    rows = []
    for i, r in enumerate(d.create_tuple_iterator(output_numpy=True, num_epochs=1)):
        row = []
        for j, v in enumerate(r):
            v = np.asarray(v)
            if v.dtype.kind == "U":
                row.append({"dtype": "str", "shape": list(v.shape), "data": v.tolist()})
            else:
                key = f"{name}/{i}/{j}"
                arrays[key] = v
                row.append({"dtype": str(v.dtype), "shape": list(v.shape), "npz": key})
        rows.append(row)
    return {"cols": d.get_col_names(), "size": d.get_dataset_size(), "rows": rows}


def callback_events(ds):
    from mindspore.dataset import DSCallback

    class CB(DSCallback):
        def __init__(self, step_size=1):
            super().__init__(step_size)
            self.ev = []

        def _add(self, kind, c):
            self.ev.append([kind, c.cur_epoch_num, c.cur_step_num_in_epoch, c.cur_step_num])

        def ds_begin(self, c):
            self._add("begin", c)

        def ds_epoch_begin(self, c):
            self._add("epoch_begin", c)

        def ds_epoch_end(self, c):
            self._add("epoch_end", c)

        def ds_step_begin(self, c):
            self._add("step_begin", c)

        def ds_step_end(self, c):
            self._add("step_end", c)

    out = {}
    for ss in (1, 2, 3):
        cb = CB(ss)
        d = ds.NumpySlicesDataset(np.arange(5), shuffle=False).map(
            lambda x: x, callbacks=cb, num_parallel_workers=1
        )
        it = d.create_tuple_iterator(num_epochs=2)
        for _ in range(2):
            for _ in it:
                pass
        import time

        time.sleep(0.3)
        # MindSpore's worker threads interleave begin/end calls: the test compares per-kind sequences
        out[str(ss)] = cb.ev
    return out


def main():
    import mindspore.dataset as ds
    import mindspore.dataset.transforms as T
    import mindspore.dataset.vision as vision
    from mindspore import dtype as mstype

    root = F.write_all(tempfile.mkdtemp())
    arrays, gold = {}, {"loaders": {}}
    for name, make in loader_cases(ds, root).items():
        gold["loaders"][name] = describe(make(), name, arrays)
    gold["callbacks"] = callback_events(ds)

    s = ds.Schema()
    s.add_column("image", de_type=mstype.uint8, shape=[2])
    s.add_column("label", de_type=mstype.int32, shape=[1])
    s.add_column("f", de_type=mstype.float32)
    rd = ds.RandomDataset(schema=s, total_rows=5)
    rows = list(rd.create_tuple_iterator(output_numpy=True))
    rd2 = ds.RandomDataset(schema=s, total_rows=4, columns_list=["label"], num_samples=2)
    fk = ds.FakeImageDataset(
        num_images=6, image_size=(4, 5, 3), num_classes=3, shuffle=False, num_shards=2, shard_id=1
    )
    fk_rows = list(fk.create_tuple_iterator(output_numpy=True))
    gold["random"] = {
        "cols": rd.get_col_names(),
        "size": rd.get_dataset_size(),
        "types": [str(v.dtype) for v in rows[0]],
        "shapes": [list(v.shape) for v in rows[0]],
        "constant_fill": all(bool(np.all(v == v.ravel()[0])) for r in rows for v in r),
        "cols2": rd2.get_col_names(),
        "size2": rd2.get_dataset_size(),
        "rows2": len(list(rd2.create_tuple_iterator(output_numpy=True))),
        "nosched_rows": ds.RandomDataset(total_rows=7, num_samples=3).get_dataset_size(),
    }
    gold["fake"] = {
        "cols": fk.get_col_names(),
        "size": fk.get_dataset_size(),
        "rows": len(fk_rows),
        "types": [str(v.dtype) for v in fk_rows[0]],
        "shapes": [list(v.shape) for v in fk_rows[0]],
        "labels_in_range": all(0 <= int(r[1]) < 3 for r in fk_rows),
    }

    mn = F.write_mnist_like(os.path.join(root, "mnist"))
    d = ds.MnistDataset(mn, usage="train", num_samples=3, shuffle=False)
    d = (
        d.map([vision.Rescale(1 / 255.0, 0)], input_columns=["image"])
        .map([T.TypeCast(mstype.int32)], input_columns=["label"])
        .batch(2, drop_remainder=True)
        .repeat(2)
    )
    d = d.shuffle(4).skip(1).take(3).project(["image", "label"]).rename(["image"], ["img"])
    gold["serialized"] = ds.serialize(d)

    with open(OUT + ".json", "w") as f:
        json.dump(gold, f)
    np.savez_compressed(OUT + ".npz", **arrays)
    print("wrote", OUT, len(arrays), "arrays")


if __name__ == "__main__":
    main()
