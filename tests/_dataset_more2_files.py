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
}

WRITERS = dict(TEXT_WRITERS)


def write_all(root):
    for name, w in WRITERS.items():
        w(os.path.join(root, name))
    return root
