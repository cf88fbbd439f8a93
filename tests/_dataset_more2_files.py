"""Writes tiny datasets in the on-disk layouts MindSpore's loaders expect (IMDB, SST-2, Amazon Review,
Yahoo Answers, Sogou News, CLUE, CoNLL-2000, UDPOS, WikiText, PennTreebank, EnWik9, Multi30k, SQuAD,
and image sets). Shared by tests/test_dataset_more2.py and tools/make_golden_dataset_more2.py (run by
real MindSpore), so both read byte-identical files."""

import json
import os

import numpy as np


def _rs(seed):
    return np.random.RandomState(seed)


def _w(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        f.write(text)


def write_imdb(d):
    for usage, files in (
        ("train", {"pos": ["2_9.txt", "10_7.txt", "1_8.txt"], "neg": ["0_3.txt"]}),
        ("test", {"pos": ["0_10.txt"], "neg": ["0_2.txt", "1_1.txt"]}),
    ):
        for lab, names in files.items():
            for n in names:
                _w(
                    os.path.join(d, usage, lab, n),
                    f"{usage} {lab} review<br />{n}\nlast {usage} {lab} {n}\n\n",
                )
    _w(os.path.join(d, "train", "unsup", "0_0.txt"), "unsup")
    return d


def write_sst2(d):
    _w(
        os.path.join(d, "train.tsv"),
        'sentence\tlabel\nhide new secretions \t0\n"contains no wit , only ""labored"" gags "\t0\n'
        "that loves its characters \t1\n",
    )
    _w(os.path.join(d, "dev.tsv"), "sentence\tlabel\nit 's a charming journey . \t1\n")
    _w(
        os.path.join(d, "test.tsv"),
        "index\tsentence\n0\tuneasy mishmash of styles\n1\tthis film 's relationship\n",
    )
    return d


def write_amazon(d):
    _w(
        os.path.join(d, "train.csv"),
        '"2","Stuning even","This ""sound"" track, was\\nbeautiful"\n"1","Bad","meh"\n"2","ok","fine"\n',
    )
    _w(os.path.join(d, "test.csv"), '"1","T","C, with comma"\n"2","T2","C2"\n')
    return d


def write_yahoo(d):
    _w(os.path.join(d, "train.csv"), '"5","why?","body ""q""","answer\\nline"\n"6","t2","","a2"\n')
    _w(os.path.join(d, "test.csv"), '"1","t","c","a"\n')
    return d


def write_sogou(d):
    _w(os.path.join(d, "train.csv"), '"1","title a","content, ""a"""\n"3","title b","b\\nb"\n')
    _w(os.path.join(d, "test.csv"), '"2","t","c"\n"4","t4","c4"\n"5","t5","c5"\n')
    return d


def write_csv_quotes(d):
    """Quoted and unquoted fields: MindSpore's CSV reader leaks a skipped row's last field into a quoted
    first field of a shard that starts inside the file."""
    _w(os.path.join(d, "train.csv"), '"1","a","b"\n2,c,d\n"3","e","f"\n4,g,"h"\n5,i,j\n')
    _w(os.path.join(d, "test.csv"), '"6","k","l"\n')
    return d


def _jl(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def write_clue(d):
    t = {
        "afqmc": {
            "train": [
                {"sentence1": "s1", "sentence2": "s2", "label": "0"},
                {"sentence1": "a", "sentence2": "b", "label": "1"},
            ],
            "test": [
                {"id": 0, "sentence1": "t1", "sentence2": "t2"},
                {"id": 5, "sentence1": "x", "sentence2": "y"},
            ],
            "dev": [{"sentence1": "d1", "sentence2": "d2", "label": "1"}],
        },
        "tnews": {
            "train": [
                {"label": "102", "label_desc": "news_entertainment", "sentence": "句子", "keywords": "k1,k2"}
            ],
            "test": [{"id": 3, "sentence": "测试", "keywords": ""}],
            "dev": [{"label": "110", "label_desc": "news_military", "sentence": "s", "keywords": "kw"}],
        },
        "iflytek": {
            "train": [{"label": "11", "label_des": "app", "sentence": "s"}],
            "test": [{"id": 7, "sentence": "t"}],
            "dev": [{"label": "2", "label_des": "d", "sentence": "e"}],
        },
        "cmnli": {
            "train": [{"sentence1": "a", "sentence2": "b", "label": "neutral"}],
            "test": [{"id": 1, "sentence1": "c", "sentence2": "d"}],
            "dev": [{"sentence1": "e", "sentence2": "f", "label": "contradiction"}],
        },
        "wsc": {
            "train": [
                {
                    "target": {"span2_index": 37, "span1_index": 5, "span1_text": "床", "span2_text": "它"},
                    "idx": 0,
                    "label": "false",
                    "text": "text0",
                }
            ],
            "test": [
                {
                    "target": {"span2_index": 3, "span1_index": 1, "span1_text": "a", "span2_text": "b"},
                    "idx": 4,
                    "text": "text4",
                }
            ],
            "dev": [
                {
                    "target": {"span2_index": 9, "span1_index": 8, "span1_text": "c", "span2_text": "d"},
                    "idx": 2,
                    "label": "true",
                    "text": "text2",
                }
            ],
        },
        "csl": {
            "train": [{"id": 1, "abst": "abstract", "keyword": ["k1", "k2"], "label": "1"}],
            "test": [{"id": 2, "abst": "abs2", "keyword": ["k3"]}],
            "dev": [{"id": 3, "abst": "abs3", "keyword": ["a", "b", "c"], "label": "0"}],
        },
    }
    for task, parts in t.items():
        for name, rows in parts.items():
            _w(os.path.join(d, task, name + ".json"), _jl(rows))
    return d


def write_conll2000(d):
    _w(
        os.path.join(d, "train.txt"),
        "Confidence NN B-NP\nin IN B-PP\nthe DT B-NP\n\nChancellor NNP O\n. . O\n\n",
    )
    _w(os.path.join(d, "test.txt"), "Rockwell NNP B-NP\nsaid VBD B-VP\n\n")
    return d


def write_udpos(d):
    _w(
        os.path.join(d, "en-ud-tag.v2.train.txt"),
        "Al\tPROPN\tNNP\n-\tPUNCT\tHYPH\nZaman\tPROPN\tNNP\n\nThe\tDET\tDT\nend\tNOUN\tNN\n\n",
    )
    _w(os.path.join(d, "en-ud-tag.v2.dev.txt"), "From\tADP\tIN\nthe\tDET\tDT\n\n")
    _w(os.path.join(d, "en-ud-tag.v2.test.txt"), "What\tPRON\tWP\n\nif\tSCONJ\tIN\n\n")
    return d


def write_wikitext(d):
    _w(os.path.join(d, "wiki.train.tokens"), " \n = Valkyria = \n \n Senjō no Valkyria 3 : <unk> \n")
    _w(os.path.join(d, "wiki.valid.tokens"), " \n = Homarus = \n")
    _w(os.path.join(d, "wiki.test.tokens"), " = Robert = \n \n Robert is an actor \n")
    return d


def write_ptb(d):
    _w(os.path.join(d, "ptb.train.txt"), " aer banknote berlitz \n pierre <unk> N years old \n")
    _w(os.path.join(d, "ptb.valid.txt"), " consumers may want \n\n next \n")
    _w(os.path.join(d, "ptb.test.txt"), " no it was n't black monday \n but while \n the end \n")
    return d


def write_enwik9(d):
    _w(os.path.join(d, "enwik9"), "<mediawiki>\n  <page>\n\n    <title>AaA</title>\n</mediawiki>\n")
    return d


def write_multi30k(d):
    _w(os.path.join(d, "training", "train.de"), "Zwei junge Männer.\n\nEin Mann\n")
    _w(os.path.join(d, "training", "train.en"), "Two young men.\n\nA man\n")
    _w(os.path.join(d, "validation", "val.de"), "Eine Gruppe\n")
    _w(os.path.join(d, "validation", "val.en"), "A group\n")
    _w(os.path.join(d, "mmt16_task1_test", "test.de"), "Ein Hund\nZwei\nDrei\n")
    _w(os.path.join(d, "mmt16_task1_test", "test.en"), "A dog\nTwo\nThree\n")
    return d


def write_squad(d):
    def doc(ctx, qas):
        return {"title": "T", "paragraphs": [{"context": ctx, "qas": qas}]}

    train = {
        "version": "1.1",
        "data": [
            doc(
                "Architecturally, the school has a Catholic character.",
                [
                    {
                        "id": "a1",
                        "question": "What character?",
                        "answers": [{"text": "Catholic", "answer_start": 33}],
                    },
                    {
                        "id": "a2",
                        "question": "What has?",
                        "answers": [{"text": "the school", "answer_start": 17}],
                    },
                ],
            ),
            doc(
                "Second context.",
                [{"id": "b1", "question": "Which?", "answers": [{"text": "Second", "answer_start": 0}]}],
            ),
        ],
    }
    dev = {
        "version": "1.1",
        "data": [
            doc(
                "Dev context here.",
                [
                    {
                        "id": "c1",
                        "question": "Q multi?",
                        "answers": [
                            {"text": "Dev", "answer_start": 0},
                            {"text": "Dev context", "answer_start": 0},
                            {"text": "here", "answer_start": 12},
                        ],
                    },
                ],
            ),
        ],
    }
    _w(os.path.join(d, "train-v1.1.json"), json.dumps(train))
    _w(os.path.join(d, "dev-v1.1.json"), json.dumps(dev))
    return d


def write_squad2(d):
    train = {
        "version": "v2.0",
        "data": [
            {
                "title": "T",
                "paragraphs": [
                    {
                        "context": "Beyonce sings.",
                        "qas": [
                            {
                                "id": "x1",
                                "question": "Who?",
                                "answers": [{"text": "Beyonce", "answer_start": 0}],
                                "is_impossible": False,
                            },
                            {
                                "id": "x2",
                                "question": "Why?",
                                "answers": [],
                                "plausible_answers": [{"text": "sings", "answer_start": 8}],
                                "is_impossible": True,
                            },
                        ],
                    }
                ],
            }
        ],
    }
    _w(os.path.join(d, "train-v2.0.json"), json.dumps(train))
    _w(os.path.join(d, "dev-v2.0.json"), json.dumps({"version": "v2.0", "data": []}))
    return d


_IWSLT_TRAIN = {
    "de": "<url>http://www.ted.com/talks/a.html</url>\n<keywords>talks, a</keywords>\n<speaker>S</speaker>\n"
    "<talkid>1</talkid>\n<title>Titel eins</title>\n<description>Beschreibung</description>\nErster Satz.\n"
    '  Zweiter Satz mit Leerzeichen.  \n<reviewer></reviewer>\n<translator href="x">T</translator>\n'
    "  <b>x</b> mitten\nDritter.\n",
    "en": "<url>http://www.ted.com/talks/a.html</url>\n<keywords>talks, a</keywords>\n<speaker>S</speaker>\n"
    "<talkid>1</talkid>\n<title>Title one</title>\n<description>Description</description>\nFirst sentence.\n"
    '  Second sentence with spaces.  \n<reviewer></reviewer>\n<translator href="x">T</translator>\n'
    "mid\nThird.\nextra\n",
}
_IWSLT_SETS = {
    "dev2010": {"de": ["Hallo Welt", "Zwei &amp; drei"], "en": ["Hello world", "Two &amp; three"]},
    "tst2010": {"de": ["Test eins"], "en": ["Test one"]},
    "tst2013": {"de": ["V13"], "en": ["v13"]},
    "tst2014": {"de": ["T14a", "T14b"], "en": ["t14a", "t14b"]},
}


def _iwslt_xml(lang, segs):
    s = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<mteval>\n<srcset setid="x" srclang="{lang}">\n'
        '<doc docid="1" genre="lectures">\n<url>u</url>\n<description>d</description>\n<talkid>1</talkid>\n'
        "<title>t</title>\n"
    )
    s += "".join(f'<seg id="{i}"> {x} </seg>\n' for i, x in enumerate(segs, 1))
    return s + "</doc>\n</srcset>\n</mteval>\n"


def _write_iwslt(folder, year):
    for lang, text in _IWSLT_TRAIN.items():
        _w(os.path.join(folder, f"train.tags.de-en.{lang}"), text)
    for sset, langs in _IWSLT_SETS.items():
        for lang, segs in langs.items():
            _w(os.path.join(folder, f"IWSLT{year}.TED.{sset}.de-en.{lang}.xml"), _iwslt_xml(lang, segs))


def write_iwslt2016(d):
    _write_iwslt(os.path.join(d, "texts", "de", "en", "de-en"), 16)
    return d


def write_iwslt2017(d):
    _write_iwslt(os.path.join(d, "texts", "DeEnItNlRo", "DeEnItNlRo", "DeEnItNlRo-DeEnItNlRo"), 17)
    return d


TEXT_WRITERS = {
    "imdb": write_imdb,
    "sst2": write_sst2,
    "amazon": write_amazon,
    "csvq": write_csv_quotes,
    "yahoo": write_yahoo,
    "sogou": write_sogou,
    "clue": write_clue,
    "conll2000": write_conll2000,
    "udpos": write_udpos,
    "wikitext": write_wikitext,
    "ptb": write_ptb,
    "enwik9": write_enwik9,
    "multi30k": write_multi30k,
    "squad": write_squad,
    "squad2": write_squad2,
    "iwslt2016": write_iwslt2016,
    "iwslt2017": write_iwslt2017,
}

WRITERS = dict(TEXT_WRITERS)


# ------------------------------------------------------------------ image sets
def _img(path, seed, size=(6, 5), fmt=None, mode="RGB"):
    """A tiny deterministic image file (PNG unless the name ends in .jpg/.bmp)."""
    from PIL import Image

    rs = _rs(seed)
    ch = {"RGB": 3, "L": 1}[mode]
    arr = rs.randint(0, 256, size=(size[1], size[0], ch)).astype(np.uint8)
    im = Image.fromarray(arr[..., 0] if ch == 1 else arr, mode)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ext = os.path.splitext(path)[1].lower()
    im.save(path, format=fmt or {".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP"}.get(ext, "PNG"))
    return path


def write_caltech101(d):
    import scipy.io

    cats = {"Faces": 2, "BACKGROUND_Google": 1, "accordion": 1, "airplanes": 2}
    seed = 100
    for c, n in cats.items():
        for i in range(1, n + 1):
            seed += 1
            _img(os.path.join(d, "101_ObjectCategories", c, f"image_{i:04d}.jpg"), seed)
            ann = {"Faces": "Faces_2", "airplanes": "Airplanes_Side_2"}.get(c, c)
            if c != "BACKGROUND_Google":
                os.makedirs(os.path.join(d, "Annotations", ann), exist_ok=True)
                contour = _rs(seed).rand(2, 3 + i) * 10
                scipy.io.savemat(
                    os.path.join(d, "Annotations", ann, f"annotation_{i:04d}.mat"),
                    {"obj_contour": contour, "box_coord": np.array([[1, 2, 3, 4]])},
                )
    return d


def write_caltech256(d):
    seed = 200
    for c, n in (("001.ak47", 2), ("002.american-flag", 1), ("257.clutter", 1)):
        for i in range(1, n + 1):
            seed += 1
            _img(os.path.join(d, c, f"{c[:3]}_{i:04d}.jpg"), seed)
    _w(os.path.join(d, "001.ak47", "notes.txt"), "not an image")
    return d


def write_qmnist(d):
    import struct

    rs = _rs(300)
    for prefix, n in (("qmnist-train", 3), ("qmnist-test", 2), ("xnist", 2)):
        images = rs.randint(0, 256, size=(n, 28, 28)).astype(np.uint8)
        labels = rs.randint(0, 1000, size=(n, 8)).astype(">i4")
        with open(os.path.join(_mk(d), f"{prefix}-images-idx3-ubyte"), "wb") as f:
            f.write(struct.pack(">IIII", 2051, n, 28, 28) + images.tobytes())
        with open(os.path.join(d, f"{prefix}-labels-idx2-int"), "wb") as f:
            f.write(struct.pack(">III", 3074, n, 8) + labels.tobytes())
    return d


def _mk(d):
    os.makedirs(d, exist_ok=True)
    return d


def write_flowers102(d):
    import scipy.io

    _mk(d)
    for i in range(1, 7):
        _img(os.path.join(d, "jpg", f"image_{i:05d}.jpg"), 400 + i)
        _img(os.path.join(d, "segmim", f"segmim_{i:05d}.jpg"), 450 + i)
    scipy.io.savemat(os.path.join(d, "imagelabels.mat"), {"labels": np.array([[77, 3, 102, 1, 5, 9]])})
    scipy.io.savemat(
        os.path.join(d, "setid.mat"),
        {"trnid": np.array([[4, 1]]), "tstid": np.array([[2, 6, 3]]), "valid": np.array([[5]])},
    )
    return d


def write_food101(d):
    seed = 500
    for c, ids in (("apple_pie", ["1005649", "101"]), ("baby_back_ribs", ["77"])):
        for i in ids:
            seed += 1
            _img(os.path.join(d, "images", c, f"{i}.jpg"), seed)
    _w(os.path.join(d, "meta", "train.txt"), "baby_back_ribs/77\napple_pie/1005649\n")
    _w(os.path.join(d, "meta", "test.txt"), "apple_pie/101\n")
    _w(os.path.join(d, "meta", "classes.txt"), "apple_pie\nbaby_back_ribs\n")
    return d


def write_sbu(d):
    urls = [
        "http://static.flickr.com/2723/4385058960_b0f291553e.jpg",
        "http://static.flickr.com/3341/3325637453_b1f2a54ef6.jpg",
        "http://static.flickr.com/1/missing_0000000000.jpg",
    ]
    caps = ["Man sits in a rusted car .", "a lovely sunset ", "gone"]
    _w(os.path.join(d, "SBU_captioned_photo_dataset_urls.txt"), "".join(u + "\n" for u in urls))
    _w(os.path.join(d, "SBU_captioned_photo_dataset_captions.txt"), "".join(c + "\n" for c in caps))
    for k, u in enumerate(urls[:2]):
        _img(os.path.join(d, "sbu_images", u[23:].replace("/", "_")), 600 + k)
    return d


def write_places365(d):
    _w(os.path.join(d, "categories_places365.txt"), "/a/airfield 0\n/a/alley 1\n/b/bar 2\n")
    _w(
        os.path.join(d, "places365_train_standard.txt"),
        "/a/airfield/00000001.jpg 0\n/b/bar/00000001.jpg 2\n/a/alley/00000001.jpg 1\n",
    )
    _w(os.path.join(d, "places365_train_challenge.txt"), "/a/alley/00000002.jpg 1\n")
    _w(os.path.join(d, "places365_val.txt"), "Places365_val_00000001.jpg 2\nPlaces365_val_00000002.jpg 0\n")
    for k, p in enumerate(["a/airfield/00000001.jpg", "b/bar/00000001.jpg", "a/alley/00000001.jpg"]):
        _img(os.path.join(d, "data_256_standard", p), 700 + k)
        _img(os.path.join(d, "data_large_standard", p), 710 + k, size=(8, 7))
    _img(os.path.join(d, "data_256_challenge", "a/alley/00000002.jpg"), 720)
    for k in (1, 2):
        _img(os.path.join(d, "val_256", f"Places365_val_{k:08d}.jpg"), 730 + k)
    return d


def write_omniglot(d):
    seed = 800
    for part, alphas in (
        ("images_background", {"Latin": ["character01", "character02"], "Greek": ["character01"]}),
        ("images_evaluation", {"Atlantean": ["character01"]}),
    ):
        for a, chars in alphas.items():
            for c in chars:
                for k in (1, 2):
                    seed += 1
                    _img(os.path.join(d, part, a, c, f"0{k}_{seed}.png"), seed, mode="L")
    return d


def write_rendered_sst2(d):
    seed = 900
    for u, n in (("train", 2), ("test", 1), ("valid", 1)):
        for lab in ("negative", "positive"):
            for k in range(n):
                seed += 1
                _img(os.path.join(d, u, lab, f"{k:04d}.png"), seed)
    return d


def write_sun397(d):
    _w(os.path.join(d, "ClassName.txt"), "/a/abbey\n/a/apartment_building/outdoor\n/b/badlands\n")
    seed = 1000
    for c, names in (
        ("a/abbey", ["sun_b.jpg", "sun_a.jpg"]),
        ("a/apartment_building/outdoor", ["sun_c.jpg"]),
        ("b/badlands", ["sun_d.jpg"]),
    ):
        for n in names:
            seed += 1
            _img(os.path.join(d, c, n), seed)
    return d


def write_div2k(d):
    seed = 1100
    for u, ids in (("train", ["0001", "0002"]), ("valid", ["0801"])):
        for i in ids:
            seed += 1
            _img(os.path.join(d, f"DIV2K_{u}_HR", f"{i}.png"), seed, size=(8, 8))
            _img(os.path.join(d, f"DIV2K_{u}_LR_bicubic", "X2", f"{i}x2.png"), seed + 50, size=(4, 4))
            _img(os.path.join(d, f"DIV2K_{u}_LR_unknown", "X3", f"{i}x3.png"), seed + 60, size=(3, 3))
            _img(os.path.join(d, f"DIV2K_{u}_LR_mild", f"{i}x4m.png"), seed + 70, size=(2, 2))
            _img(os.path.join(d, f"DIV2K_{u}_LR_x8", f"{i}x8.png"), seed + 80, size=(1, 1))
    return d


def write_flickr(d):
    names = ["1000268201_693b08cb0e.jpg", "1001773457_577c3a7d70.jpg"]
    for k, n in enumerate(names):
        _img(os.path.join(d, "Flickr8k_Dataset", n), 1200 + k)
    lines = []
    for n in names[::-1]:
        for j in range(5):
            lines.append(f"{n}#{j}\tA caption {j} for {n[:4]} .")
    _w(os.path.join(d, "Flickr8k.token.txt"), "\n".join(lines) + "\n")
    return d


def write_kitti(d):
    for k in range(2):
        _img(os.path.join(d, "data_object_image_2", "training", "image_2", f"{k:06d}.png"), 1300 + k)
    _img(os.path.join(d, "data_object_image_2", "testing", "image_2", "000000.png"), 1310)
    _w(
        os.path.join(d, "data_object_label_2", "training", "label_2", "000000.txt"),
        "Pedestrian 0.00 0 -0.20 712.40 143.00 810.73 307.92 1.89 0.48 1.20 1.84 1.47 8.41 0.01\n"
        "Van 0.25 1 0.5 1 2 3 4 5 6 7 8 9 10 0.7\n",
    )
    _w(
        os.path.join(d, "data_object_label_2", "training", "label_2", "000001.txt"),
        "Car 0.50 2 1.85 387.63 181.54 423.81 203.12 1.67 1.87 3.69 -16.53 2.39 58.49 1.57\n"
        "DontCare -1 -1 -10 800.38 163.67 825.45 184.07 -1 -1 -1 -1000 -1000 -1000 -10\n",
    )
    return d


def write_lfw(d):
    seed = 1400
    people = {"Aaron_Eckhart": 1, "Abbas_Kiarostami": 2, "Abdullah": 1}
    for folder in ("lfw", "lfw_funneled"):
        for p, n in people.items():
            for k in range(1, n + 1):
                seed += 1
                _img(os.path.join(d, folder, p, f"{p}_{k:04d}.jpg"), seed)
    _w(os.path.join(d, "lfw-names.txt"), "Abdullah\t1\nAaron_Eckhart\t1\nAbbas_Kiarostami\t2\n")
    _w(os.path.join(d, "people.txt"), "2\n1\nAaron_Eckhart\t1\n1\nAbbas_Kiarostami\t2\n")
    _w(os.path.join(d, "peopleDevTrain.txt"), "2\nAbbas_Kiarostami\t2\nAbdullah\t1\n")
    _w(os.path.join(d, "peopleDevTest.txt"), "1\nAaron_Eckhart\t1\n")
    _w(os.path.join(d, "pairs.txt"), "1\t1\nAbbas_Kiarostami\t1\t2\nAaron_Eckhart\t1\tAbdullah\t1\n")
    _w(os.path.join(d, "pairsDevTrain.txt"), "1\nAbbas_Kiarostami\t1\t2\nAaron_Eckhart\t1\tAbdullah\t1\n")
    _w(os.path.join(d, "pairsDevTest.txt"), "1\nAbbas_Kiarostami\t2\t1\nAbdullah\t1\tAaron_Eckhart\t1\n")
    return d


def write_sbd(d):
    import scipy.io
    import scipy.sparse

    names = {"train": ["2008_000002", "2008_000003"], "val": ["2008_000007"]}
    for u, ns in names.items():
        _w(os.path.join(d, f"{u}.txt"), "".join(n + "\n" for n in ns))
    _w(os.path.join(d, "train_noval.txt"), "2008_000003\n")
    seed = 1500
    for n in names["train"] + names["val"]:
        seed += 1
        _img(os.path.join(d, "img", n + ".jpg"), seed, size=(5, 4))
        rs = _rs(seed)
        cells = np.empty((20, 1), dtype=object)
        for i in range(20):
            cells[i, 0] = scipy.sparse.csc_matrix((rs.rand(4, 5) > 0.8).astype(np.float64))
        gt = {
            "Boundaries": cells,
            "Segmentation": rs.randint(0, 21, size=(4, 5)).astype(np.uint8),
            "CategoriesPresent": np.array([[1]], dtype=np.uint8),
        }
        os.makedirs(os.path.join(d, "cls"), exist_ok=True)
        scipy.io.savemat(os.path.join(d, "cls", n + ".mat"), {"GTcls": gt})
    return d


def write_cityscapes(d):
    seed = 1600
    for quality, usages in (
        ("gtFine", ("train", "val", "test")),
        ("gtCoarse", ("train", "train_extra", "val")),
    ):
        for u in usages:
            for city, ids in (("aachen", ["000001_000019", "000000_000019"]), ("bochum", ["000000_000313"])):
                for i in ids[: 1 if u != "train" else 2]:
                    seed += 1
                    stem = f"{city}_{i}"
                    img = os.path.join(d, "leftImg8bit", u, city, f"{stem}_leftImg8bit.png")
                    if not os.path.exists(img):
                        _img(img, seed)
                    base = os.path.join(d, quality, u, city, f"{stem}_{quality}")
                    _img(base + "_color.png", seed + 1, mode="RGB")
                    _img(base + "_instanceIds.png", seed + 2, mode="L")
                    _img(base + "_labelIds.png", seed + 3, mode="L")
                    _w(
                        base + "_polygons.json",
                        json.dumps(
                            {
                                "imgHeight": 5,
                                "imgWidth": 6,
                                "objects": [{"label": "road", "polygon": [[0, 0], [5, 0], [5, 4]]}],
                            }
                        ),
                    )
    return d


def write_phototour(d):
    from PIL import Image

    rs = _rs(1700)
    for name in ("liberty",):
        folder = _mk(os.path.join(d, name))
        Image.fromarray(rs.randint(0, 256, size=(1024, 1024)).astype(np.uint8), "L").save(
            os.path.join(folder, "patches0000.bmp")
        )
        _w(os.path.join(folder, "info.txt"), "0 0\n0 0\n1 0\n2 0\n2 0\n")
        _w(os.path.join(folder, "m50_100000_100000_0.txt"), "0 0 0 1 0 0 0\n2 1 0 3 2 0 0\n4 2 0 3 2 0 0\n")
    return d


IMAGE_WRITERS = {
    "caltech101": write_caltech101,
    "caltech256": write_caltech256,
    "qmnist": write_qmnist,
    "flowers102": write_flowers102,
    "food101": write_food101,
    "sbu": write_sbu,
    "places365": write_places365,
    "omniglot": write_omniglot,
    "rendered_sst2": write_rendered_sst2,
    "sun397": write_sun397,
    "div2k": write_div2k,
    "flickr": write_flickr,
    "kitti": write_kitti,
    "lfw": write_lfw,
    "sbd": write_sbd,
    "cityscapes": write_cityscapes,
    "phototour": write_phototour,
}
WRITERS.update(IMAGE_WRITERS)


def write_all(root):
    for name, w in WRITERS.items():
        w(os.path.join(root, name))
    return root
