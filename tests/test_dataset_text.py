"""mindspore_jax.dataset.text against real MindSpore 2.10 (tests/golden/dataset_text.json, made by
tools/make_golden_dataset_text.py from the same case list)."""

import importlib.util
import json
import os

import numpy as np
import pytest

import mindspore_jax.dataset as ds
import mindspore_jax.dataset.text as text
from mindspore_jax import dtype as mstype

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "golden", "dataset_text.json"), encoding="utf-8") as _f:
    GOLD = json.load(_f)
_spec = importlib.util.spec_from_file_location(
    "make_golden_dataset_text", os.path.join(HERE, "..", "tools", "make_golden_dataset_text.py"))
MK = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(MK)
CASES = MK.cases(text, ds, mstype)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_golden(name):
    got = MK.enc(CASES[name]())
    assert json.loads(json.dumps(got, ensure_ascii=False)) == GOLD[name]


def test_vocab_errors_and_lookup_errors():
    with pytest.raises(ValueError):
        text.Vocab.from_list(["a", "a"])
    v = text.Vocab.from_list(["a"])
    with pytest.raises(ValueError):
        text.Lookup(v, "<unk>")
    with pytest.raises(RuntimeError, match="Lookup"):
        text.Lookup(v)(np.array(["b"]))
    with pytest.raises(TypeError):
        text.PythonTokenizer(str.split)("not an array")


def test_vocab_from_file(tmp_path):
    p = tmp_path / "v.txt"
    p.write_text("hello,1\nworld,2\nfoo,3\n")
    v = text.Vocab.from_file(str(p), ",", vocab_size=2, special_tokens=["<pad>"], special_first=True)
    assert v.vocab() == {"<pad>": 0, "hello": 1, "world": 2}


def test_casefold_and_whitespace_follow_icu():
    """Outputs recorded from MindSpore 2.10: CaseFold is ICU's NFKC_Casefold (fullwidth, ligature,
    zero-width space), and WhitespaceTokenizer does not split on U+001C (Python's str.split does)."""
    import numpy as np

    from mindspore_jax.dataset import text

    assert str(text.CaseFold()("ＡＢＣ ﬁ\u200bx ß")) == "abc fix ss"
    toks, begin, end = text.WhitespaceTokenizer(with_offsets=True)(np.array("a b  c\x1cd"))
    assert list(toks) == ["a", "b", "c\x1cd"]
    assert list(begin) == [0, 2, 5] and list(end) == [1, 3, 8]
