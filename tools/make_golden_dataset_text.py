"""Golden outputs of real MindSpore 2.10's ``dataset.text`` ops for tests/test_dataset_text.py.

Run with the MindSpore venv from /tmp:  /work/msvenv/bin/python /work/main/tools/make_golden_dataset_text.py
Writes tests/golden/dataset_text.json. ``cases(text, ds, mstype)`` is shared with the test.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden", "dataset_text.json")


def cases(text, ds, mstype):
    """name -> zero-argument callable returning numpy arrays / tuples / plain values."""
    v = text.Vocab.from_list(["a", "b", "c"], special_tokens=["<pad>", "<unk>"], special_first=True)

    def tok_ds():
        return ds.NumpySlicesDataset(["a b b", "c b", "d a b"], ["text"], shuffle=False).map(
            text.WhitespaceTokenizer())

    return {
        "vocab_list": lambda: v.vocab(),
        "vocab_ids": lambda: v.tokens_to_ids(["a", "zz", "<unk>"]),
        "vocab_tokens": lambda: v.ids_to_tokens([0, 3]),
        "vocab_last": lambda: text.Vocab.from_list(["a", "b"], special_tokens=["<unk>"],
                                                   special_first=False).vocab(),
        "vocab_dict": lambda: text.Vocab.from_dict({"x": 3, "y": 7}).tokens_to_ids("y"),
        "vocab_ds": lambda: text.Vocab.from_dataset(tok_ds(), ["text"], special_tokens=["<unk>"]).vocab(),
        "vocab_ds_topk": lambda: text.Vocab.from_dataset(tok_ds(), ["text"], top_k=2).vocab(),
        "vocab_ds_freq": lambda: text.Vocab.from_dataset(tok_ds(), "text", freq_range=(2, 10)).vocab(),
        "lookup": lambda: text.Lookup(v, "<unk>")(np.array(["a", "zz", "c"])),
        "lookup_scalar64": lambda: text.Lookup(v, "<unk>", mstype.int64)("b"),
        "lookup_pipeline": lambda: [r[0] for r in tok_ds().map(text.Lookup(v, "<unk>")).create_tuple_iterator(
            output_numpy=True)],
        "to_number_f": lambda: text.ToNumber(mstype.float32)(np.array(["1.5", "2"])),
        "to_number_i": lambda: text.ToNumber(mstype.int32)(np.array(["1", "-2"])),
        "sliding": lambda: text.SlidingWindow(2, 0)(np.array([1, 2, 3, 4])),
        "sliding3": lambda: text.SlidingWindow(3)(np.array(["a", "b", "c", "d"])),
        "ws": lambda: text.WhitespaceTokenizer()("Hello  world\tfoo"),
        "ws_offsets": lambda: text.WhitespaceTokenizer(True)("Hello  wörld"),
        "unicode_char": lambda: text.UnicodeCharTokenizer()("héy"),
        "unicode_char_off": lambda: text.UnicodeCharTokenizer(True)("héy"),
        "python_tok": lambda: text.PythonTokenizer(lambda s: s.split("-"))(np.array("a-b-c")),
        "ngram2": lambda: text.Ngram(2)(np.array(["a", "b", "c"])),
        "ngram_pad": lambda: text.Ngram([2, 3], left_pad=("_", 1), right_pad=("-", 1), separator="+")(
            np.array(["a", "b", "c"])),
        "ngram_bigpad": lambda: text.Ngram(3, left_pad=("<", 5), right_pad=(">", 5))(np.array(["a", "b"])),
        "trunc_pair": lambda: text.TruncateSequencePair(4)(np.array([1, 2, 3]), np.array([4, 5, 6])),
        "trunc_pair2": lambda: text.TruncateSequencePair(4)(np.array([1, 2, 3, 4, 5]), np.array([4])),
        "casefold": lambda: text.CaseFold()("HeLLo"),
        "regex_replace": lambda: text.RegexReplace("a+", "x")("baaac aa"),
        "regex_replace_first": lambda: text.RegexReplace("a+", "x", False)("baaac aa"),
        "regex_tok": lambda: text.RegexTokenizer("\\s+")("a b  c"),
        "regex_tok_keep": lambda: text.RegexTokenizer("\\s+", "\\s+")("a b  c"),
        "to_str": lambda: text.to_str(np.array([b"ab", b"c"])),
    }


def enc(x):
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, dict):
        return {k: int(v) for k, v in x.items()}
    if isinstance(x, np.ndarray) or isinstance(x, np.generic):
        x = np.asarray(x)
        dtype = "str" if x.dtype.kind == "U" else str(x.dtype)
        return {"dtype": dtype, "shape": list(x.shape), "data": x.tolist()}
    return x


def main():
    import mindspore.dataset as ds
    import mindspore.dataset.text as text
    from mindspore import dtype as mstype

    out = {}
    for name, f in cases(text, ds, mstype).items():
        try:
            out[name] = enc(f())
        except Exception as e:  # noqa: BLE001
            out[name] = {"error": type(e).__name__}
            print("error", name, e)
    with open(OUT, "w") as f:
        json.dump(out, f, ensure_ascii=False)
    print("wrote", OUT, len(out))


if __name__ == "__main__":
    main()
