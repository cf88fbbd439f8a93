"""Golden outputs of mindspore.dataset.text.JiebaTokenizer / UnicodeScriptTokenizer (MindSpore 2.10).

Run from /tmp with /work/msvenv/bin/python: writes tests/golden/jieba.json holding the small
cppjieba dict / HMM model files used (tests write them again into tmp_path) and the outputs.
"""

import json
import os
import random
import tempfile

import mindspore.dataset.text as text
from mindspore.dataset.text import JiebaMode

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "jieba.json")

CHARS = "床前明月光疑是地上霜举头望低思故乡我们在北京天安门广场今来到清华大学研究生命起源"
DICT = [("床前", 3, "n"), ("明月", 40, "n"), ("明月光", 20, "n"), ("月光", 60, "n"), ("地上", 30, "n"),
        ("上霜", 2, "v"), ("故乡", 80, "n"), ("我们", 300, "r"), ("北京", 200, "ns"),
        ("天安门", 100, "ns"), ("广场", 90, "n"), ("清华", 50, "nz"), ("清华大学", 70, "nt"),
        ("大学", 150, "n"), ("大学生", 40, "n"), ("研究", 120, "v"), ("研究生", 60, "n"),
        ("生命", 80, "n"), ("起源", 30, "n"), ("头", 10, "n"), ("望", 5, "v"), ("是", 900, "v"),
        ("在", 800, "p"), ("来到", 70, "v"), ("今", 4, "t"), ("思", 1, "v"), ("光", 8, "n")]


def hmm_text(seed=0):
    rng = random.Random(seed)
    lines = ["# start prob B E M S", "-0.26 -3.14e+100 -3.14e+100 -1.46", "#trans",
             "-3.14e+100 -0.51 -0.91 -3.14e+100", "-0.59 -3.14e+100 -3.14e+100 -0.81",
             "-3.14e+100 -0.33 -1.26 -3.14e+100", "-0.72 -3.14e+100 -3.14e+100 -0.67", ""]
    for state in "BEMS":
        lines.append(f"#{state}")
        lines.append(",".join(f"{c}:{-rng.uniform(2, 12):.6f}" for c in CHARS if rng.random() < 0.85))
    return "\n".join(lines) + "\n"


SENTENCES = ["床前明月光", "疑是地上霜", "举头望明月，低头思故乡。", "我们在北京天安门广场",
             "今天来到清华大学研究生命起源", "abc123 x1.5y 45.6.7 中文ok", "明月 光\t地上\n霜",
             "", "  ", "生命起源的研究生", "Hello世界！乡思故"]
USER_WORDS = [("思故乡", None), ("乡思", 1000), ("明", 0), ("月", 500)]


def run_all(hmm, mp):
    out = {}
    for mode in (JiebaMode.MIX, JiebaMode.MP, JiebaMode.HMM):
        for user in (False, True):
            op = text.JiebaTokenizer(hmm, mp, mode=mode, with_offsets=True)
            if user:
                for w, f in USER_WORDS:
                    op.add_word(w, f)
                op.add_dict({"门广": 5})
            res = []
            for s in SENTENCES:
                tok, st, lim = op(s)
                res.append([[str(t) for t in tok], st.tolist(), lim.tolist()])
            out[f"{mode.name}_{int(user)}"] = res
    return out


def fuzz(hmm, mp, n=80):
    """Random sentences over the dict/HMM characters, ASCII and separators (single-char add_word)."""
    rng = random.Random(1)
    alpha = CHARS + "ab1.2 ，。xyz9乡思月明\t"
    sents = ["".join(rng.choice(alpha) for _ in range(rng.randint(1, 25))) for _ in range(n)]
    res = {}
    for mode in (JiebaMode.MIX, JiebaMode.MP, JiebaMode.HMM):
        op = text.JiebaTokenizer(hmm, mp, mode, True)
        op.add_word("乡思", 1000)
        op.add_word("明", 0)
        outs = (op(s) for s in sents)
        res[mode.name] = [[[str(x) for x in r[0]], r[1].tolist(), r[2].tolist()] for r in outs]
    return {"sentences": sents, "results": res}


def errors(hmm, mp):
    cases = {"hmm_none": lambda: text.JiebaTokenizer(None, mp),
             "hmm_int": lambda: text.JiebaTokenizer(1, mp),
             "mp_none": lambda: text.JiebaTokenizer(hmm, None),
             "mp_int": lambda: text.JiebaTokenizer(hmm, 2),
             "missing": lambda: text.JiebaTokenizer("/nonexistent_jieba", mp),
             "mode": lambda: text.JiebaTokenizer(hmm, mp, 1),
             "offsets": lambda: text.JiebaTokenizer(hmm, mp, JiebaMode.MP, 1),
             "freq_neg": lambda: text.JiebaTokenizer(hmm, mp).add_word("x", -1),
             "freq_float": lambda: text.JiebaTokenizer(hmm, mp).add_word("x", 1.5),
             "word_none": lambda: text.JiebaTokenizer(hmm, mp).add_word(None),
             "dict_int": lambda: text.JiebaTokenizer(hmm, mp).add_dict(3),
             "dict_missing": lambda: text.JiebaTokenizer(hmm, mp).add_dict("/nonexistent_jieba")}
    out = {}
    for k, f in cases.items():
        try:
            f()
            out[k] = None
        except Exception as e:  # noqa: BLE001
            out[k] = [type(e).__name__, str(e)]
    return out


SCRIPT_STRINGS = ["Hello, world! 123 北京abc Привет мир 😀😀 x.y", "Chinese中国  ", "a\u0301b \u0301x",
                  "ab12cd -- αβγ ٣٤ عربي", " ", "", "日本語のテキスト カタカナー", "tab\there\u3000全角 ",
                  "한국어text ไทย123", "ＡＢＣ１２３ｘ", "$100€ #tag @me", "x\u200by\u00a0z"]


def script_all():
    out = {}
    for kw in (False, True):
        op = text.UnicodeScriptTokenizer(kw, True)
        out[str(int(kw))] = [[[str(t) for t in r[0]], r[1].tolist(), r[2].tolist()]
                             for r in (op(s) for s in SCRIPT_STRINGS)]
    return out


def main():
    hmm = hmm_text()
    mp = "".join(f"{w} {f} {t}\n" for w, f, t in DICT)
    user = "思故乡\n乡思 7\n# bad line\n门 广 3\n"
    with tempfile.TemporaryDirectory() as d:
        hp, mpp, up = (os.path.join(d, n) for n in ("hmm_model.utf8", "jieba.dict.utf8", "user.dict"))
        for p, t in ((hp, hmm), (mpp, mp), (up, user)):
            with open(p, "w", encoding="utf-8") as f:
                f.write(t)
        res = run_all(hp, mpp)
        op = text.JiebaTokenizer(hp, mpp, JiebaMode.MIX)
        op.add_dict(up)
        res["user_file"] = [[str(t) for t in op(s)] for s in SENTENCES]
        errs = errors(hp, mpp)
        fz = fuzz(hp, mpp)
    golden = {"hmm": hmm, "mp": mp, "user_dict": user, "sentences": SENTENCES,
              "user_words": USER_WORDS, "results": res, "errors": errs, "fuzz": fz,
              "script_strings": SCRIPT_STRINGS, "script": script_all()}
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=0)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
