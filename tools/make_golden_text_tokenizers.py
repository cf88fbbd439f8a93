"""Goldens for mindspore.dataset.text tokenizers from real MindSpore 2.10.

Run from a scratch directory with MindSpore's venv:
    cd /tmp && /work/msvenv/bin/python /work/main/tools/make_golden_text_tokenizers.py
Writes tests/golden/text_tokenizers.json (and the small dict/model files the cases need are rebuilt by
the tests themselves from the texts stored here).
"""

import base64
import json
import os
import sys
import tempfile
import zlib

import numpy as np

import mindspore.dataset as ds
import mindspore.dataset.text as text

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "text_tokenizers.json")

VOCAB = [
    "book",
    "cholera",
    "era",
    "favor",
    "##ite",
    "my",
    "is",
    "love",
    "dur",
    "##ing",
    "the",
    "[UNK]",
    "[CLS]",
    "[SEP]",
    "un",
    "##aff",
    "##able",
    "床",
    "前",
    "明",
    "月",
    "光",
    "i",
    "am",
    "mak",
    "##make",
    "##e",
    "##s",
    "a",
    "##é",
    "caf",
    "#",
    ",",
    ".",
    "!",
    "hello",
    "world",
    "é",
    "e",
    "straße",
    "stras",
    "##se",
    "ǆ",
    "[MASK]",
    "[unused1]",
    "hi",
    "x",
    "##x",
    "small",
    "mis",
    "##take",
    "hour",
]

STRINGS = [
    "Hello, World!  Ünïcödé café",
    "我爱北京天安门。",
    "[CLS] Hi [SEP] [unused12] [UNUSED3] [MASK]x",
    "tab\tnew\nline\x00ctrl\u200bzw\u00adsoft",
    "",
    "   ",
    "ＡＢＣ ﬁ ß İ ǅ",
    "Straße émoji 😀 x",
    "a-b_c'd\"e",
    "[[CLS]] [cls] [PAD]",
    "I am making small mistakes during working hours",
    "unaffable favorite Book",
    "x\u3000y\u00a0z\u2028w\u0085v",
    "Ǆemo ΣΑΣ ﬀ ㎏ ①",
    "caféx aé ##a x" * 3,
    "¿Qué? «Sí» — ok… 「日本」",
    "𠀀𪜀 𫝀 丽",
    "  lead trail  ",
    "[unused0][UNK]",
]

WORDPIECE_INPUTS = [
    [
        "my",
        "favorite",
        "book",
        "is",
        "love",
        "during",
        "the",
        "cholera",
        "era",
        "what",
        "unaffable",
        "",
        "café",
        "caféz",
        "#",
        "x" * 5,
        "aé",
        "xxxxxxxxxx",
        "straße",
        "ǆ",
    ],
    ["床前", "明"],
    [""],
    [],
    "favorite",
    ["mistakes"],
]
WORDPIECE_KW = [
    {},
    {"unknown_token": ""},
    {"max_bytes_per_token": 4},
    {"max_bytes_per_token": 4, "unknown_token": ""},
    {"suffix_indicator": "@@"},
    {"unknown_token": "<oov>"},
    {"max_bytes_per_token": 0},
]

BASIC_KW = [
    {},
    {"lower_case": True},
    {"keep_whitespace": True},
    {"lower_case": True, "preserve_unused_token": False},
    {"normalization_form": "NFKC"},
    {"normalization_form": "NFD", "keep_whitespace": True},
    {"lower_case": True, "keep_whitespace": True, "normalization_form": "NFKD"},
    {"preserve_unused_token": False},
]


def _kw(kw):
    kw = dict(kw)
    if "normalization_form" in kw:
        kw["normalization_form"] = getattr(text.NormalizeForm, kw["normalization_form"])
    return kw


def _out(r):
    if isinstance(r, (tuple, list)):
        return [_out(x) for x in r]
    r = np.asarray(r)
    return {"dtype": str(r.dtype), "shape": list(r.shape), "data": r.tolist()}


def _err(e):
    msg = str(e)
    if "Dataset Pipeline Error Message" in msg:
        msg = msg.split("[ERROR] ")[-1].split("\n")[0].strip()
    return {"error": type(e).__name__, "msg": msg[:300]}


def run(fn):
    try:
        return _out(fn())
    except Exception as e:  # noqa: BLE001
        return _err(e)


def bert_cases():
    vocab = text.Vocab.from_list(VOCAB)
    cases = []
    for kw in BASIC_KW:
        for wo in (False, True):
            op = text.BasicTokenizer(with_offsets=wo, **_kw(kw))
            for s in STRINGS:
                cases.append(
                    {
                        "op": "BasicTokenizer",
                        "kw": dict(kw, with_offsets=wo),
                        "input": s,
                        "out": run(lambda: op(s)),
                    }
                )
    for kw in WORDPIECE_KW:
        for wo in (False, True):
            op = text.WordpieceTokenizer(vocab, with_offsets=wo, **kw)
            for x in WORDPIECE_INPUTS:
                cases.append(
                    {
                        "op": "WordpieceTokenizer",
                        "kw": dict(kw, with_offsets=wo),
                        "input": x,
                        "out": run(lambda: op(np.array(x, dtype=str))),
                    }
                )
    for kw in [
        {},
        {"lower_case": True},
        {"lower_case": True, "unknown_token": ""},
        {"keep_whitespace": True, "max_bytes_per_token": 5},
        {"normalization_form": "NFKC", "preserve_unused_token": False},
    ]:
        for wo in (False, True):
            op = text.BertTokenizer(vocab, with_offsets=wo, **_kw(kw))
            for s in STRINGS:
                cases.append(
                    {
                        "op": "BertTokenizer",
                        "kw": dict(kw, with_offsets=wo),
                        "input": s,
                        "out": run(lambda: op(s)),
                    }
                )
    return cases


def sp_corpus():
    words = [
        "the",
        "quick",
        "brown",
        "fox",
        "jumps",
        "over",
        "lazy",
        "dog",
        "today",
        "is",
        "friday",
        "mindspore",
        "tokenizer",
        "piece",
        "sentence",
        "unigram",
        "model",
        "learning",
        "deep",
        "net",
        "work",
        "ing",
        "ed",
    ]
    rng = np.random.RandomState(0)
    return [
        " ".join(words[i] for i in rng.randint(0, len(words), size=rng.randint(3, 12))) + "."
        for _ in range(300)
    ]


SP_TEXTS = [
    "Today is Friday.",
    "the quick brown fox jumps over the lazy dog",
    "",
    "  spaced   out  ",
    "unseen words xyz QWERTY",
    "Ünïcödé ﬁ 日本",
    "mindspore tokenizer pieces",
]
SP_CONFIGS = [
    (45, 1.0, "UNIGRAM", {}),
    (50, 0.9995, "BPE", {}),
    (30, 1.0, "CHAR", {}),
    (20, 1.0, "WORD", {}),
    (40, 1.0, "UNIGRAM", {"normalization_rule_name": "identity", "add_dummy_prefix": "false"}),
    (45, 1.0, "BPE", {"split_by_whitespace": "false"}),
]


def sp_cases(tmp):
    corpus = sp_corpus()
    path = os.path.join(tmp, "corpus.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(corpus) + "\n")
    cases = []
    for vs, cov, mt, params in SP_CONFIGS:
        for src in ("file", "dataset"):
            model = getattr(text.SentencePieceModel, mt)
            if src == "file":
                vocab = text.SentencePieceVocab.from_file([path], vs, cov, model, params)
            else:
                d = ds.TextFileDataset(path, shuffle=False)
                vocab = text.SentencePieceVocab.from_dataset(d, ["text"], vs, cov, model, params)
            text.SentencePieceVocab.save_model(vocab, tmp, "m.model")
            outs = {}
            for ot in ("STRING", "INT"):
                for mode in ("vocab", "file"):
                    op = text.SentencePieceTokenizer(
                        vocab if mode == "vocab" else os.path.join(tmp, "m.model"),
                        getattr(text.SPieceTokenizerOutType, ot),
                    )
                    outs[f"{ot}_{mode}"] = [run(lambda: op(t)) for t in SP_TEXTS]
            assert outs["STRING_vocab"] == outs["STRING_file"] and outs["INT_vocab"] == outs["INT_file"]
            with open(os.path.join(tmp, "m.model"), "rb") as f:
                blob = base64.b64encode(zlib.compress(f.read(), 9)).decode()
            cases.append(
                {
                    "model_zb64": blob if not cases else None,
                    "src": src,
                    "vocab_size": vs,
                    "coverage": cov,
                    "model_type": mt,
                    "params": params,
                    "STRING": outs["STRING_vocab"],
                    "INT": outs["INT_vocab"],
                }
            )
    return {"corpus": corpus, "texts": SP_TEXTS, "cases": cases}


WIKI = [
    "Hello <b>World</b> &amp; [[Category:Foo|bar]] [[image:x.png|thumb|left]] {{tmpl}} "
    "[http://a.b c] 123 R2D2"
    "\n\n  x",
    "#redirect foo",
    "[[en:Link]] text\nmore\n \n line Rabbit ABC xyz_9",
    "&lt;ref&gt; a&nbsp;b [[category:Cats|x]] [[Page|shown]] {x} |200px ok\n\n\nEnd",
    "",
    "  MiXeD 42  ",
]
MISC = [
    ("AddToken", {"token": "TOK", "begin": True}, [["a", "b"], [["a", "b"], ["c", "d"]], "a", [1, 2], []]),
    ("AddToken", {"token": "", "begin": False}, [["a", "b"], [["a", "b"], ["c", "d"]]]),
    (
        "Truncate",
        {"max_seq_len": 2},
        [
            ["a", "b", "c"],
            [["a", "b", "c"], ["d", "e", "f"]],
            [1, 2, 3],
            "a",
            [[[1, 2, 3]]],
            [1.5, 2.5],
            ["x"],
        ],
    ),
    ("FilterWikipediaXML", {}, WIKI),
]


def misc_cases():
    cases = []
    for name, kw, inputs in MISC:
        op = getattr(text, name)(**kw)
        for x in inputs:
            a = np.array(x) if x != [] else np.array([], dtype=str)
            cases.append(
                {
                    "op": name,
                    "kw": kw,
                    "input": {"data": a.tolist(), "dtype": str(a.dtype)},
                    "out": run(lambda: op(a)),
                }
            )
    return cases


def main():
    golden = {"vocab": VOCAB, "cases": bert_cases() + misc_cases()}
    with tempfile.TemporaryDirectory() as tmp:
        golden["sentencepiece"] = sp_cases(tmp)
    for name in sys.argv[1:]:
        print(name)
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=0)
    print("wrote", OUT, len(golden["cases"]), "cases")


if __name__ == "__main__":
    tempfile.tempdir = None
    _ = ds
    main()
