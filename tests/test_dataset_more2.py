"""More mindspore.dataset loaders (IMDB, SST-2, Amazon Review, Yahoo Answers, Sogou News, CLUE, CoNLL-2000,
UDPOS, WikiText, PennTreebank, EnWik9, Multi30k, SQuAD and image sets) against real MindSpore 2.10
(tests/golden/dataset_more2.{json,npz}, made by tools/make_golden_dataset_more2.py from byte-identical
files written by tests/_dataset_more2_files.py)."""

import importlib.util
import json
import os
import sys

import numpy as np
import pytest

import mindspore_jax.dataset as ds

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import _dataset_more2_files as F  # noqa: E402

with open(os.path.join(HERE, "golden", "dataset_more2.json"), encoding="utf-8") as _f:
    GOLD = json.load(_f)
ARR = np.load(os.path.join(HERE, "golden", "dataset_more2.npz"))
_spec = importlib.util.spec_from_file_location(
    "make_golden_dataset_more2", os.path.join(HERE, "..", "tools", "make_golden_dataset_more2.py")
)
MK = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(MK)


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return F.write_all(str(tmp_path_factory.mktemp("more2")))


def _cases(root):
    return {**MK.text_cases(ds, root), **MK.image_cases(ds, root)}


@pytest.mark.parametrize("name", sorted(GOLD["loaders"]))
def test_loader_golden(root, name):
    d = _cases(root)[name]()
    exp = GOLD["loaders"][name]
    assert d.get_col_names() == exp["cols"]
    assert d.get_dataset_size() == exp["size"]
    rows = list(d.create_tuple_iterator(output_numpy=True, num_epochs=1))
    assert len(rows) == len(exp["rows"])
    for r, er in zip(rows, exp["rows"]):
        assert len(r) == len(er)
        for v, e in zip(r, er):
            if e["dtype"] == "str":
                assert v.dtype.kind == "U" and list(v.shape) == e["shape"] and v.tolist() == e["data"]
            else:
                a = ARR[e["npz"]]
                assert v.dtype == a.dtype and v.shape == a.shape
                np.testing.assert_array_equal(v, a)


def test_class_indexing(root):
    exp = GOLD["class_indexing"]
    assert ds.Caltech101Dataset(os.path.join(root, "caltech101")).get_class_indexing() == exp["caltech101"]
    assert ds.Flowers102Dataset(os.path.join(root, "flowers102")).get_class_indexing() == exp["flowers102"]


def test_options_and_errors(root):
    p = lambda n: os.path.join(root, n)  # noqa: E731
    ds.config.set_seed(1)
    base = sorted(
        str(r[0])
        for r in ds.PennTreebankDataset(p("ptb"), shuffle=False).create_tuple_iterator(output_numpy=True)
    )
    shuffled = [
        str(r[0])
        for r in ds.PennTreebankDataset(p("ptb"), shuffle=ds.Shuffle.FILES).create_tuple_iterator(
            output_numpy=True
        )
    ]
    assert sorted(shuffled) == base
    b = next(ds.QMnistDataset(p("qmnist"), usage="train", shuffle=False).batch(2).create_tuple_iterator())
    assert b[0].shape == (2, 28, 28, 1)
    d = ds.LFWDataset(p("lfw"), sampler=ds.SequentialSampler(1, 2))
    assert d.get_dataset_size() == 2
    rows = list(ds.IMDBDataset(p("imdb"), shuffle=True).create_tuple_iterator(output_numpy=True))
    assert len(rows) == 7 and {int(r[1]) for r in rows} == {0, 1}
    with pytest.raises(ValueError):
        ds.WikiTextDataset(p("wikitext"), usage="dev")
    with pytest.raises(ValueError):
        ds.CLUEDataset(p("clue/afqmc/train.json"), task="NOPE")
    with pytest.raises(ValueError):
        ds.SQuADDataset(os.path.join(root, "missing"))
    with pytest.raises(RuntimeError):
        ds.PennTreebankDataset(p("ptb"), num_shards=2)
    with pytest.raises(ValueError):
        ds.DIV2KDataset(p("div2k"), downgrade="mild", scale=2)
    with pytest.raises(RuntimeError):
        ds.QMnistDataset(p("qmnist"), usage="test10k")
