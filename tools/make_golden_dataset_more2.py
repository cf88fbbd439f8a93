"""Golden rows of real MindSpore 2.10 for tests/test_dataset_more2.py: more text and image loaders on
the files written by tests/_dataset_more2_files.py.

Run from /tmp with the MindSpore venv:
    /work/msvenv/bin/python /work/main/tools/make_golden_dataset_more2.py
"""

import json
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))
import _dataset_more2_files as F  # noqa: E402

OUT = os.path.join(HERE, "..", "tests", "golden", "dataset_more2")


def text_cases(ds, root):
    """name -> zero-argument dataset factory (shared with the test). Cases whose unshuffled order
    depends on the worker count pass num_parallel_workers (MindSpore caps its default at the CPU count)."""
    p = lambda n: os.path.join(root, n)  # noqa: E731
    c = {
        "imdb_all": lambda: ds.IMDBDataset(p("imdb"), shuffle=False),
        "imdb_train": lambda: ds.IMDBDataset(p("imdb"), usage="train", shuffle=False),
        "imdb_shard": lambda: ds.IMDBDataset(p("imdb"), usage="all", shuffle=False, num_shards=3, shard_id=1),
        "imdb_n3": lambda: ds.IMDBDataset(p("imdb"), shuffle=False, num_samples=3),
        "sst2_train": lambda: ds.SST2Dataset(p("sst2"), usage="train", shuffle=False),
        "sst2_default": lambda: ds.SST2Dataset(p("sst2"), shuffle=False),
        "sst2_test": lambda: ds.SST2Dataset(p("sst2"), usage="test", shuffle=False),
        "sst2_dev": lambda: ds.SST2Dataset(p("sst2"), usage="dev", shuffle=False),
        "amazon_all": lambda: ds.AmazonReviewDataset(p("amazon"), shuffle=False, num_parallel_workers=2),
        "amazon_test": lambda: ds.AmazonReviewDataset(p("amazon"), usage="test", shuffle=False),
        "amazon_shard1": lambda: ds.AmazonReviewDataset(
            p("amazon"), shuffle=False, num_parallel_workers=2, num_shards=2, shard_id=1
        ),
        "yahoo_all": lambda: ds.YahooAnswersDataset(p("yahoo"), shuffle=False, num_parallel_workers=2),
        "yahoo_train": lambda: ds.YahooAnswersDataset(p("yahoo"), usage="train", shuffle=False),
        "sogou_all": lambda: ds.SogouNewsDataset(p("sogou"), shuffle=False, num_parallel_workers=2),
        "sogou_all_1w": lambda: ds.SogouNewsDataset(p("sogou"), shuffle=False, num_parallel_workers=1),
        "sogou_n3": lambda: ds.SogouNewsDataset(
            p("sogou"), shuffle=False, num_parallel_workers=2, num_samples=3
        ),
        "conll_all": lambda: ds.CoNLL2000Dataset(p("conll2000"), shuffle=False, num_parallel_workers=2),
        "conll_train": lambda: ds.CoNLL2000Dataset(p("conll2000"), usage="train", shuffle=False),
        "udpos_all": lambda: ds.UDPOSDataset(p("udpos"), shuffle=False, num_parallel_workers=2),
        "udpos_valid": lambda: ds.UDPOSDataset(p("udpos"), usage="valid", shuffle=False),
        "wiki_all_2w": lambda: ds.WikiTextDataset(p("wikitext"), shuffle=False, num_parallel_workers=2),
        "wiki_all_1w": lambda: ds.WikiTextDataset(p("wikitext"), shuffle=False, num_parallel_workers=1),
        "wiki_valid": lambda: ds.WikiTextDataset(p("wikitext"), usage="valid", shuffle=False),
        "ptb_all_2w": lambda: ds.PennTreebankDataset(p("ptb"), shuffle=False, num_parallel_workers=2),
        "ptb_test": lambda: ds.PennTreebankDataset(p("ptb"), usage="test", shuffle=False),
        "enwik9": lambda: ds.EnWik9Dataset(p("enwik9"), shuffle=False),
        "enwik9_n2": lambda: ds.EnWik9Dataset(p("enwik9"), shuffle=False, num_samples=2),
        "m30k_all_2w": lambda: ds.Multi30kDataset(p("multi30k"), shuffle=False, num_parallel_workers=2),
        "m30k_test": lambda: ds.Multi30kDataset(p("multi30k"), usage="test", shuffle=False),
        "m30k_de": lambda: ds.Multi30kDataset(
            p("multi30k"), usage="train", language_pair=["de", "en"], shuffle=False
        ),
        "squad_all": lambda: ds.SQuADDataset(p("squad"), shuffle=False, num_parallel_workers=2),
        "squad_dev": lambda: ds.SQuADDataset(p("squad"), usage="dev", shuffle=False),
        "squad2_train": lambda: ds.SQuADDataset(p("squad2"), usage="train", shuffle=False),
    }
    c.update(
        {
            "iw16_train": lambda: ds.IWSLT2016Dataset(p("iwslt2016"), usage="train", shuffle=False),
            "iw16_valid": lambda: ds.IWSLT2016Dataset(p("iwslt2016"), usage="valid", shuffle=False),
            "iw16_test": lambda: ds.IWSLT2016Dataset(
                p("iwslt2016"), usage="test", language_pair=("de", "en"), shuffle=False
            ),
            "iw16_all": lambda: ds.IWSLT2016Dataset(
                p("iwslt2016"),
                usage="all",
                valid_set="dev2010",
                test_set="tst2010",
                shuffle=False,
                num_parallel_workers=2,
            ),
            "iw17_train": lambda: ds.IWSLT2017Dataset(p("iwslt2017"), usage="train", shuffle=False),
            "iw17_valid": lambda: ds.IWSLT2017Dataset(p("iwslt2017"), usage="valid", shuffle=False),
            "iw17_all": lambda: ds.IWSLT2017Dataset(
                p("iwslt2017"), usage="all", shuffle=False, num_parallel_workers=2
            ),
            "iw17_all_shard": lambda: ds.IWSLT2017Dataset(
                p("iwslt2017"), usage="all", shuffle=False, num_parallel_workers=2, num_shards=2, shard_id=1
            ),
        }
    )
    for n in (2, 4):
        for s in range(n):
            c[f"ptb_all_shard{n}_{s}"] = lambda n=n, s=s: ds.PennTreebankDataset(
                p("ptb"), shuffle=False, num_parallel_workers=2, num_shards=n, shard_id=s
            )
    c["ptb_test_shard2_1"] = lambda: ds.PennTreebankDataset(
        p("ptb"), usage="test", shuffle=False, num_shards=2, shard_id=1
    )
    for n in (2, 3, 4):
        for s in range(n):
            if (n, s) == (2, 1):
                continue  # known difference, see text_datasets2's docstring
            c[f"csvq_train_shard{n}_{s}"] = lambda n=n, s=s: ds.AmazonReviewDataset(
                p("csvq"), usage="train", shuffle=False, num_shards=n, shard_id=s
            )
    for s in range(3):
        c[f"agnews_csvq_all_shard3_{s}"] = lambda s=s: ds.AGNewsDataset(
            p("csvq"), shuffle=False, num_parallel_workers=2, num_shards=3, shard_id=s
        )
    c["dbpedia_amazon_all_shard2_1"] = lambda: ds.DBpediaDataset(
        p("amazon"), shuffle=False, num_parallel_workers=2, num_shards=2, shard_id=1
    )
    c["csvq_all_shard3_1"] = lambda: ds.YahooAnswersDataset(
        p("yahoo"), shuffle=False, num_parallel_workers=2, num_shards=2, shard_id=1
    )
    for t in ["afqmc", "tnews", "iflytek", "cmnli", "wsc", "csl"]:
        for u, f in [("train", "train"), ("test", "test"), ("eval", "dev")]:
            c[f"clue_{t}_{u}"] = lambda t=t, u=u, f=f: ds.CLUEDataset(
                p(f"clue/{t}/{f}.json"), task=t.upper(), usage=u, shuffle=False
            )
    c["clue_afqmc_two_files"] = lambda: ds.CLUEDataset(
        [p("clue/afqmc/train.json"), p("clue/afqmc/dev.json")],
        task="AFQMC",
        usage="train",
        shuffle=False,
        num_parallel_workers=2,
    )
    return c


def image_cases(ds, root):
    p = lambda n: os.path.join(root, n)  # noqa: E731
    return {
        "c101": lambda: ds.Caltech101Dataset(p("caltech101"), shuffle=False),
        "c101_all": lambda: ds.Caltech101Dataset(p("caltech101"), target_type="all", shuffle=False),
        "c101_ann_n2": lambda: ds.Caltech101Dataset(
            p("caltech101"), target_type="annotation", shuffle=False, num_samples=2
        ),
        "c256": lambda: ds.Caltech256Dataset(p("caltech256"), shuffle=False),
        "c256_decode_shard": lambda: ds.Caltech256Dataset(
            p("caltech256"), shuffle=False, decode=True, num_shards=2, shard_id=1
        ),
        "qm_all": lambda: ds.QMnistDataset(p("qmnist"), shuffle=False),
        "qm_train_nc": lambda: ds.QMnistDataset(p("qmnist"), usage="train", compat=False, shuffle=False),
        "qm_nist": lambda: ds.QMnistDataset(p("qmnist"), usage="nist", shuffle=False),
        "fl_all": lambda: ds.Flowers102Dataset(p("flowers102"), shuffle=False),
        "fl_seg": lambda: ds.Flowers102Dataset(
            p("flowers102"), task="Segmentation", usage="test", shuffle=False
        ),
        "fl_valid": lambda: ds.Flowers102Dataset(p("flowers102"), usage="valid", shuffle=False),
        "food_all": lambda: ds.Food101Dataset(p("food101"), shuffle=False),
        "food_test": lambda: ds.Food101Dataset(p("food101"), usage="test", shuffle=False),
        "sbu": lambda: ds.SBUDataset(p("sbu"), shuffle=False),
        "pl_std": lambda: ds.Places365Dataset(p("places365"), usage="train-standard", shuffle=False),
        "pl_val": lambda: ds.Places365Dataset(p("places365"), usage="val", shuffle=False),
        "pl_large": lambda: ds.Places365Dataset(
            p("places365"), usage="train-standard", small=False, decode=True, shuffle=False
        ),
        "pl_ch": lambda: ds.Places365Dataset(p("places365"), usage="train-challenge", shuffle=False),
        "om": lambda: ds.OmniglotDataset(p("omniglot"), shuffle=False),
        "om_eval": lambda: ds.OmniglotDataset(p("omniglot"), background=False, shuffle=False),
        "rs_all": lambda: ds.RenderedSST2Dataset(p("rendered_sst2"), shuffle=False),
        "rs_train": lambda: ds.RenderedSST2Dataset(p("rendered_sst2"), usage="train", shuffle=False),
        "rs_decode": lambda: ds.RenderedSST2Dataset(
            p("rendered_sst2"), usage="val", decode=True, shuffle=False
        ),
        "sun": lambda: ds.SUN397Dataset(p("sun397"), shuffle=False),
        "div": lambda: ds.DIV2KDataset(p("div2k"), shuffle=False),
        "div_all": lambda: ds.DIV2KDataset(
            p("div2k"), usage="all", downgrade="unknown", scale=3, shuffle=False
        ),
        "div_mild": lambda: ds.DIV2KDataset(
            p("div2k"), usage="valid", downgrade="mild", scale=4, shuffle=False
        ),
        "div_x8": lambda: ds.DIV2KDataset(
            p("div2k"), usage="train", downgrade="bicubic", scale=8, shuffle=False
        ),
        "fk": lambda: ds.FlickrDataset(
            p("flickr/Flickr8k_Dataset"), p("flickr/Flickr8k.token.txt"), shuffle=False
        ),
        "kitti": lambda: ds.KITTIDataset(p("kitti"), shuffle=False),
        "kitti_test": lambda: ds.KITTIDataset(p("kitti"), usage="test", shuffle=False),
        "lfw_people": lambda: ds.LFWDataset(p("lfw"), task="people", usage="all", shuffle=False),
        "lfw_people_train": lambda: ds.LFWDataset(p("lfw"), task="people", usage="train", shuffle=False),
        "lfw_people_10": lambda: ds.LFWDataset(p("lfw"), task="people", usage="10fold", shuffle=False),
        "lfw_pairs": lambda: ds.LFWDataset(p("lfw"), task="pairs", usage="all", shuffle=False),
        "lfw_pairs_orig": lambda: ds.LFWDataset(
            p("lfw"), task="pairs", usage="test", image_set="original", shuffle=False
        ),
        "lfw_default": lambda: ds.LFWDataset(p("lfw"), shuffle=False),
        "sbd_b": lambda: ds.SBDataset(p("sbd"), shuffle=False),
        "sbd_s": lambda: ds.SBDataset(
            p("sbd"), task="Segmentation", usage="train", shuffle=False, decode=True
        ),
        "sbd_nv": lambda: ds.SBDataset(p("sbd"), task="Segmentation", usage="train_noval", shuffle=False),
        "cs_inst": lambda: ds.CityscapesDataset(p("cityscapes"), shuffle=False),
        "cs_all_sem": lambda: ds.CityscapesDataset(
            p("cityscapes"), usage="all", task="semantic", shuffle=False
        ),
        "cs_val_color": lambda: ds.CityscapesDataset(
            p("cityscapes"), usage="val", task="color", shuffle=False
        ),
        "cs_poly": lambda: ds.CityscapesDataset(p("cityscapes"), usage="test", task="polygon", shuffle=False),
        "cs_coarse": lambda: ds.CityscapesDataset(
            p("cityscapes"), usage="train_extra", quality_mode="coarse", shuffle=False
        ),
        "cs_coarse_all_decode": lambda: ds.CityscapesDataset(
            p("cityscapes"), usage="all", quality_mode="coarse", shuffle=False, decode=True
        ),
        "pt_train": lambda: ds.PhotoTourDataset(p("phototour"), "liberty", usage="train", shuffle=False),
        "pt_test": lambda: ds.PhotoTourDataset(p("phototour"), "liberty", usage="test", shuffle=False),
        "pt_test_shard": lambda: ds.PhotoTourDataset(
            p("phototour"), "liberty", usage="test", shuffle=False, num_shards=2, shard_id=1
        ),
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


def main():
    import mindspore.dataset as ds

    root = F.write_all(tempfile.mkdtemp())
    arrays, gold = {}, {"loaders": {}}
    for name, make in {**text_cases(ds, root), **image_cases(ds, root)}.items():
        gold["loaders"][name] = describe(make(), name, arrays)
    gold["class_indexing"] = {
        "caltech101": ds.Caltech101Dataset(os.path.join(root, "caltech101")).get_class_indexing(),
        "flowers102": ds.Flowers102Dataset(os.path.join(root, "flowers102")).get_class_indexing(),
    }
    with open(OUT + ".json", "w") as f:
        json.dump(gold, f, ensure_ascii=False, indent=0)
    np.savez_compressed(OUT + ".npz", **arrays)
    print("wrote", OUT, len(gold["loaders"]), "cases", len(arrays), "arrays")


if __name__ == "__main__":
    main()
