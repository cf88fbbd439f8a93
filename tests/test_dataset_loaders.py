"""TFRecordDataset / CSVDataset / TextFileDataset against real MindSpore 2.10
(tests/golden/dataset_loaders.json, made by tools/make_golden_dataset_loaders.py from byte-identical
input files)."""

import importlib.util
import json
import os

import numpy as np
import pytest

import mindspore_jax.dataset as ds
from mindspore_jax import dtype as mstype
from mindspore_jax.dataset.engine import _tfrecord

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "golden", "dataset_loaders.json")) as _f:
    GOLD = json.load(_f)
_spec = importlib.util.spec_from_file_location(
    "make_golden_dataset_loaders", os.path.join(HERE, "..", "tools", "make_golden_dataset_loaders.py"))
MK = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(MK)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return MK.write_files(str(tmp_path_factory.mktemp("loaders")))


@pytest.mark.parametrize("name", sorted(GOLD))
def test_golden(files, name):
    d = MK.cases(ds, mstype, files)[name]()
    exp = GOLD[name]
    assert d.get_col_names() == exp["cols"]
    assert d.get_dataset_size() == exp["size"]
    rows = [[MK.enc(v) for v in r] for r in d.create_tuple_iterator(output_numpy=True, num_epochs=1)]
    assert rows == exp["rows"]


def test_shuffle_shard_and_pipeline(files):
    p = os.path.join(files, "b.tfrecord")
    ds.config.set_seed(1)
    labels = sorted(int(r["label"][0]) for r in ds.TFRecordDataset(p).create_dict_iterator(output_numpy=True))
    assert labels == [2, 3, 4]
    shards = []
    for i in range(2):
        d = ds.TFRecordDataset(p, columns_list=["label"], shuffle=False, num_shards=2, shard_id=i)
        shards.append([int(r[0][0]) for r in d.create_tuple_iterator(output_numpy=True)])
    assert shards[0] and shards[1] and set(shards[0] + shards[1]) == {2, 3, 4}
    d = ds.TFRecordDataset(p, columns_list=["feat"], shuffle=ds.Shuffle.FILES).batch(3)
    (batch,) = next(d.create_tuple_iterator())
    assert batch.shape == (3, 3)
    text = ds.TextFileDataset(os.path.join(files, "t*.txt"), shuffle=False)
    assert [str(r[0]) for r in text.create_tuple_iterator(output_numpy=True)] == \
        ["line one", "second file", "line three"]


def test_tfrecord_roundtrip_and_errors(tmp_path):
    ex = {"a": [1, 2, -3], "b": np.array([0.25, 1.5], np.float32), "c": [b"x", b"yz"]}
    dec = _tfrecord.decode_example(_tfrecord.encode_example(ex))
    assert dec["a"][0] == "int64" and dec["a"][1].tolist() == [1, 2, -3]
    assert dec["b"][1].tolist() == [0.25, 1.5] and dec["c"] == ("bytes", [b"x", b"yz"])
    path = str(tmp_path / "bad.tfrecord")
    _tfrecord.write_records(path, [_tfrecord.encode_example({"a": [1]})])
    raw = bytearray(open(path, "rb").read())
    raw[14] ^= 0xFF
    open(path, "wb").write(bytes(raw))
    with pytest.raises(RuntimeError, match="corrupted"):
        ds.TFRecordDataset(path)
    with pytest.raises(ValueError):
        ds.TFRecordDataset(str(tmp_path / "missing.tfrecord"))
    with pytest.raises(ValueError):
        ds.TFRecordDataset(path, compression_type="LZ4")
    bad_csv = tmp_path / "x.csv"
    bad_csv.write_text("1,a\n")
    with pytest.raises(RuntimeError, match="type does not match"):
        ds.CSVDataset(str(bad_csv), column_defaults=[0, 0], column_names=["p", "q"])
