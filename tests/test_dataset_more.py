"""More mindspore.dataset loaders (USPS, Semeion, EMNIST, SVHN, STL10, AG News, DBpedia, Yelp
Review), RandomDataset / FakeImageDataset, DSCallback, sync_wait / sync_update and serialize /
deserialize / compare, against real MindSpore 2.10 (tests/golden/dataset_more.{json,npz}, made by
tools/make_golden_dataset_more.py from byte-identical files written by tests/_dataset_more_files.py)."""

import importlib.util
import json
import os
import sys

import numpy as np
import pytest

import mindspore_jax.dataset as ds
import mindspore_jax.dataset.transforms as T
import mindspore_jax.dataset.vision as vision
from mindspore_jax import dtype as mstype

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import _dataset_more_files as F  # noqa: E402

with open(os.path.join(HERE, "golden", "dataset_more.json")) as _f:
    GOLD = json.load(_f)
ARR = np.load(os.path.join(HERE, "golden", "dataset_more.npz"))
_spec = importlib.util.spec_from_file_location(
    "make_golden_dataset_more", os.path.join(HERE, "..", "tools", "make_golden_dataset_more.py")
)
MK = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(MK)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return F.write_all(str(tmp_path_factory.mktemp("more")))


@pytest.mark.parametrize("name", sorted(GOLD["loaders"]))
def test_loader_golden(root, name):
    d = MK.loader_cases(ds, root)[name]()
    exp = GOLD["loaders"][name]
    assert d.get_col_names() == exp["cols"]
    assert d.get_dataset_size() == exp["size"]
    rows = list(d.create_tuple_iterator(output_numpy=True, num_epochs=1))
    assert len(rows) == len(exp["rows"])
    for r, er in zip(rows, exp["rows"]):
        for v, e in zip(r, er):
            if e["dtype"] == "str":
                assert v.dtype.kind == "U" and v.shape == () and str(v) == e["data"]
            else:
                a = ARR[e["npz"]]
                assert v.dtype == a.dtype and v.shape == a.shape
                np.testing.assert_array_equal(v, a)


def test_loader_options_and_errors(root):
    p = lambda n: os.path.join(root, n)  # noqa: E731
    ds.config.set_seed(3)
    labels = sorted(
        int(r[1])
        for r in ds.SemeionDataset(p("semeion"), shuffle=True).create_tuple_iterator(output_numpy=True)
    )
    assert labels == sorted(
        int(r[1])
        for r in ds.SemeionDataset(p("semeion"), shuffle=False).create_tuple_iterator(output_numpy=True)
    )
    shards = [
        [
            int(r[1])
            for r in ds.STL10Dataset(
                p("stl10"), usage="train", shuffle=False, num_shards=2, shard_id=i
            ).create_tuple_iterator(output_numpy=True)
        ]
        for i in range(2)
    ]
    assert len(shards[0]) == len(shards[1]) == 2  # 3 rows: shards are padded to equal size
    assert set(shards[0] + shards[1]) == set(
        int(r[1]) for r in ds.STL10Dataset(p("stl10"), usage="train").create_tuple_iterator(output_numpy=True)
    )
    d = ds.EMnistDataset(p("emnist"), "balanced", sampler=ds.SequentialSampler(1, 2))
    assert d.get_dataset_size() == 2
    b = next(ds.SVHNDataset(p("svhn"), usage="train", shuffle=False).batch(2).create_tuple_iterator())
    assert b[0].shape == (2, 32, 32, 3)
    with pytest.raises(ValueError):
        ds.EMnistDataset(p("emnist"), "nope")
    with pytest.raises(ValueError):
        ds.STL10Dataset(p("stl10"), usage="valid")
    with pytest.raises(ValueError):
        ds.AGNewsDataset(os.path.join(root, "missing"))
    texts = [
        str(r[1])
        for r in ds.AGNewsDataset(
            p("ag_news"), usage="train", shuffle=False, num_shards=3, shard_id=0
        ).create_tuple_iterator(output_numpy=True)
    ]
    assert len(texts) == 1


def test_random_and_fake_structure():
    s = ds.Schema()
    s.add_column("image", de_type=mstype.uint8, shape=[2])
    s.add_column("label", de_type=mstype.int32, shape=[1])
    s.add_column("f", de_type=mstype.float32)
    g = GOLD["random"]
    ds.config.set_seed(0)
    rd = ds.RandomDataset(schema=s, total_rows=5)
    rows = list(rd.create_tuple_iterator(output_numpy=True))
    assert rd.get_col_names() == g["cols"] and rd.get_dataset_size() == g["size"] == len(rows)
    assert [str(v.dtype) for v in rows[0]] == g["types"] and [list(v.shape) for v in rows[0]] == g["shapes"]
    assert g["constant_fill"] and all(np.all(v == v.ravel()[0]) for r in rows for v in r)
    rd2 = ds.RandomDataset(schema=s, total_rows=4, columns_list=["label"], num_samples=2)
    assert rd2.get_col_names() == g["cols2"] and rd2.get_dataset_size() == g["size2"]
    assert len(list(rd2.create_tuple_iterator(output_numpy=True))) == g["rows2"]
    assert ds.RandomDataset(total_rows=7, num_samples=3).get_dataset_size() == g["nosched_rows"]
    free = ds.RandomDataset(total_rows=2)
    r = list(free.create_tuple_iterator(output_numpy=True))
    assert len(r) == 2 and 1 <= len(r[0]) <= 4 and [v.shape for v in r[0]] == [v.shape for v in r[1]]
    assert free.get_col_names() == [f"c{i}" for i in range(len(r[0]))]
    with pytest.raises(TypeError):
        ds.RandomDataset(total_rows="a")
    bad = ds.Schema()
    bad.add_column("s", de_type=np.str_)  # (this Schema cannot take mstype.string yet)
    with pytest.raises(RuntimeError, match="string"):
        list(ds.RandomDataset(total_rows=1, schema=bad))

    g = GOLD["fake"]
    fk = ds.FakeImageDataset(
        num_images=6, image_size=(4, 5, 3), num_classes=3, shuffle=False, num_shards=2, shard_id=1
    )
    rows = list(fk.create_tuple_iterator(output_numpy=True))
    assert fk.get_col_names() == g["cols"] and fk.get_dataset_size() == g["size"] == len(rows) == g["rows"]
    assert [str(v.dtype) for v in rows[0]] == g["types"] and [list(v.shape) for v in rows[0]] == g["shapes"]
    assert all(0 <= int(r[1]) < 3 for r in rows) and fk.num_classes == 3
    again = list(
        ds.FakeImageDataset(6, (4, 5, 3), 3, shuffle=False, num_shards=2, shard_id=1).create_tuple_iterator(
            output_numpy=True
        )
    )
    np.testing.assert_array_equal(rows[0][0], again[0][0])
    for kw, err in (
        (dict(num_images=0), ValueError),
        (dict(image_size=(1, 2)), ValueError),
        (dict(num_classes=0), ValueError),
    ):
        with pytest.raises(err):
            ds.FakeImageDataset(**kw)


class _CB(ds.DSCallback):
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


@pytest.mark.parametrize("step_size", [1, 2, 3])
def test_ds_callback_events(step_size):
    cb = _CB(step_size)
    d = ds.NumpySlicesDataset(np.arange(5), shuffle=False).map(lambda x: x, callbacks=cb)
    it = d.create_tuple_iterator(num_epochs=2)
    for _ in range(2):
        for _ in it:
            pass
    exp = GOLD["callbacks"][str(step_size)]
    for kind in (
        "begin",
        "epoch_begin",
        "epoch_end",
        "step_begin",
        "step_end",
    ):  # MindSpore interleaves kinds
        assert [e for e in cb.ev if e[0] == kind] == [e for e in exp if e[0] == kind]
    # here each step ends before the next begins
    steps = [e for e in cb.ev if e[0].startswith("step")]
    assert all(
        a[0] == "step_begin" and b[0] == "step_end" and a[1:] == b[1:]
        for a, b in zip(steps[::2], steps[1::2])
    )


def test_callback_errors_and_waited():
    class Empty(ds.DSCallback):
        pass

    with pytest.raises(AttributeError, match="without overriding"):
        list(ds.NumpySlicesDataset(np.arange(3)).map(lambda x: x, callbacks=Empty()))
    with pytest.raises(ValueError):
        _CB(0)
    with pytest.raises(TypeError):
        _CB(1.5)

    class W(ds.WaitedDSCallback):
        def __init__(self):
            super().__init__(step_size=2)
            self.seen = []

        def sync_step_begin(self, train_run_context, ds_run_context):
            self.seen.append((train_run_context, ds_run_context.cur_step_num))

        def sync_epoch_begin(self, train_run_context, ds_run_context):
            self.seen.append(("epoch", train_run_context, ds_run_context.cur_epoch_num))

    w = W()
    d = ds.NumpySlicesDataset(np.arange(6), shuffle=False).map(lambda x: x, callbacks=w).batch(2)
    it = d.create_tuple_iterator(num_epochs=2)
    for epoch in range(2):
        for step, _ in enumerate(it):
            w.step_end(f"run{epoch}.{step}")  # what Model.train does after each step
        w.epoch_end(f"epoch{epoch}")
    assert w.seen[:2] == [("run0.0", 3), ("run0.1", 5)]
    assert ("epoch", "epoch0", 2) in w.seen


def test_sync_wait_update():
    seen = []
    d = (
        ds.NumpySlicesDataset(np.arange(8), shuffle=False)
        .sync_wait("policy", num_batch=1, callback=seen.append)
        .batch(2)
    )
    assert isinstance(d.children[0], ds.SyncWaitDataset)
    out = []
    for i, (b,) in enumerate(d.create_tuple_iterator(output_numpy=True)):
        out.append(b.tolist())
        d.sync_update("policy", data=i)
    assert out == [[0, 1], [2, 3], [4, 5], [6, 7]] and seen == [0, 1, 2, 3]
    pair = d.children[0]._pair
    assert pair.default_rows == 2 and not pair.disable
    # without sync_update MindSpore would block; here the lock is disabled (MindSpore's timeout path)
    assert len(list(d.create_tuple_iterator())) == 4 and pair.disable
    with pytest.raises(RuntimeError, match="Condition name not found"):
        d.sync_update("other")
    with pytest.raises(RuntimeError, match="positive integer"):
        d.sync_update("policy", num_batch=0)
    with pytest.raises(RuntimeError, match="already in use"):
        d.sync_wait("policy")
    with pytest.raises(ValueError):
        ds.NumpySlicesDataset(np.arange(3)).sync_wait("c", num_batch=0)


def _strip(d):
    """The MindSpore-comparable part of a serialized node: op types, counts, columns, sampler."""
    keep = (
        "op_type",
        "count",
        "buffer_size",
        "batch_size",
        "drop_remainder",
        "columns",
        "input_columns",
        "output_columns",
        "usage",
        "reset_each_epoch",
    )
    out = {k: v for k, v in d.items() if k in keep}
    if "sampler" in d:
        out["sampler"] = {k: d["sampler"][k] for k in ("sampler_name", "num_samples")}
    if "operations" in d:
        out["operations"] = [o["tensor_op_name"] for o in d["operations"]]
    out["children"] = [_strip(c) for c in d["children"]]
    return out


def test_serialize_roundtrip(tmp_path):
    mn = F.write_mnist_like(str(tmp_path / "mnist"))

    def pipeline(shuffle=True):
        d = ds.MnistDataset(mn, usage="train", num_samples=3, shuffle=False)
        d = (
            d.map([vision.Rescale(1 / 255.0, 0)], input_columns=["image"])
            .map([T.TypeCast(mstype.int32)], input_columns=["label"])
            .batch(2, drop_remainder=True)
            .repeat(2)
        )
        if shuffle:
            d = d.shuffle(4)
        return d.skip(1).take(3).project(["image", "label"]).rename(["image"], ["img"])

    s = ds.serialize(pipeline())
    assert _strip(s) == _strip(GOLD["serialized"])
    path = str(tmp_path / "p.json")
    ds.serialize(pipeline(), json_filepath=path)
    d2 = ds.deserialize(json_filepath=path)
    assert ds.compare(pipeline(), d2) and not ds.compare(pipeline(), pipeline(False))
    a = list(pipeline(False).create_tuple_iterator(output_numpy=True))
    b = list(
        ds.deserialize(input_dict=ds.serialize(pipeline(False))).create_tuple_iterator(output_numpy=True)
    )
    assert len(a) == len(b) == 1
    for r1, r2 in zip(a, b):
        for x, y in zip(r1, r2):
            assert x.dtype == y.dtype
            np.testing.assert_array_equal(x, y)
    ds.show(pipeline())
    with pytest.raises(TypeError):
        ds.serialize(ds.NumpySlicesDataset(np.arange(3)).map(lambda x: x))
