"""JiebaTokenizer (cppjieba MP/HMM/MIX) and UnicodeScriptTokenizer against MindSpore 2.10 goldens
(tools/make_golden_jieba.py -> tests/golden/jieba.json)."""

import json
import os

import numpy as np
import pytest

import mindspore_jax.dataset as ds
from mindspore_jax.dataset import text
from mindspore_jax.dataset.text import JiebaMode

G = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "jieba.json"), encoding="utf-8"))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("jieba")
    out = []
    for name, key in (("hmm_model.utf8", "hmm"), ("jieba.dict.utf8", "mp"), ("user.dict", "user_dict")):
        p = d / name
        p.write_text(G[key], encoding="utf-8")
        out.append(str(p))
    return out


def _check(got, exp):
    tok, st, lim = got
    assert tok.dtype.kind == "U" and st.dtype == np.uint32 and lim.dtype == np.uint32
    assert [[str(t) for t in tok], st.tolist(), lim.tolist()] == exp


@pytest.mark.parametrize("key", sorted(k for k in G["results"] if k != "user_file"))
def test_jieba_golden(files, key):
    hmm, mp, _ = files
    mode, user = key.split("_")
    op = text.JiebaTokenizer(hmm, mp, mode=JiebaMode[mode], with_offsets=True)
    if user == "1":
        for w, f in G["user_words"]:
            op.add_word(w, f)
        op.add_dict({"门广": 5})
    for s, exp in zip(G["sentences"], G["results"][key]):
        _check(op(s), exp)


def test_jieba_fuzz(files):
    hmm, mp, _ = files
    fz = G["fuzz"]
    for mode, exps in fz["results"].items():
        op = text.JiebaTokenizer(hmm, mp, JiebaMode[mode], True)
        op.add_word("乡思", 1000)
        op.add_word("明", 0)  # a single character added by add_word still goes to the HMM in MIX
        for s, exp in zip(fz["sentences"], exps):
            _check(op(s), exp)


def test_jieba_user_dict_file_and_plain_output(files):
    hmm, mp, user = files
    op = text.JiebaTokenizer(hmm, mp)
    op.add_dict(user)
    for s, exp in zip(G["sentences"], G["results"]["user_file"]):
        out = op(s)
        assert isinstance(out, np.ndarray) and out.tolist() == exp


def test_jieba_pipeline(files):
    hmm, mp, _ = files
    data = ds.NumpySlicesDataset(data=["床前明月光"], column_names=["text"], shuffle=False)
    data = data.map(operations=text.JiebaTokenizer(hmm, mp, JiebaMode.MP, with_offsets=True),
                    input_columns=["text"], output_columns=["token", "start", "limit"])
    row = next(data.create_dict_iterator(num_epochs=1, output_numpy=True))
    _check((row["token"], row["start"], row["limit"]), G["results"]["MP_0"][0])


def test_jieba_errors(files):
    hmm, mp, _ = files
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
    for k, f in cases.items():
        etype, msg = G["errors"][k]
        with pytest.raises({"ValueError": ValueError, "TypeError": TypeError}[etype]) as e:
            f()
        assert str(e.value) == msg, k
    with pytest.raises(RuntimeError, match="scalar string"):
        text.JiebaTokenizer(hmm, mp)(np.array(["a", "b"]))


def test_jieba_bad_dict_file(tmp_path, files):
    hmm = files[0]
    bad = tmp_path / "bad.dict"
    bad.write_text("word 3\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="split result illegal"):
        text.JiebaTokenizer(hmm, str(bad))("词")


@pytest.mark.parametrize("keep", ["0", "1"])
def test_unicode_script_golden(keep):
    pytest.importorskip("regex")
    op = text.UnicodeScriptTokenizer(keep_whitespace=keep == "1", with_offsets=True)
    for s, exp in zip(G["script_strings"], G["script"][keep]):
        _check(op(s), exp)
    plain = text.UnicodeScriptTokenizer(keep == "1")
    assert plain(G["script_strings"][0]).tolist() == G["script"][keep][0][0]


def test_unicode_script_errors():
    with pytest.raises(TypeError, match="keep_whitespace, should be boolean"):
        text.UnicodeScriptTokenizer(1)
    with pytest.raises(TypeError, match="with_offsets, should be boolean"):
        text.UnicodeScriptTokenizer(False, "x")


def test_unicode_script_missing_regex(monkeypatch):
    import sys

    from mindspore_jax.dataset.text import unicode_script
    monkeypatch.setattr(unicode_script, "_PATTERN", None)
    monkeypatch.setitem(sys.modules, "regex", None)
    with pytest.raises(ImportError, match=r"mindspore_jax\[text\]"):
        text.UnicodeScriptTokenizer()
