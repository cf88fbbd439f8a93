"""AddToken, Truncate and FilterWikipediaXML as MindSpore's C++ kernels define them."""

import re

import numpy as np

from ..transforms.transforms import TensorOperation, _run_error


def _nonempty(x, name):
    if x.size == 0:
        raise _run_error(name, "Input Tensor has no data.")


class AddToken(TensorOperation):
    """Adds ``token`` at the beginning (``begin=True``) or end of each 1-D / 2-D row of strings."""

    def __init__(self, token, begin=True):
        if not isinstance(token, str):
            raise TypeError(
                f"Argument token with value {token} is not of type [<class 'str'>], but got {type(token)}."
            )
        if not isinstance(begin, bool):
            raise TypeError(
                f"Argument begin with value {begin} is not of type [<class 'bool'>], but got {type(begin)}."
            )
        self.token, self.begin = token, begin

    def __call__(self, x):
        x = np.asarray(x)
        _nonempty(x, "AddToken")
        if not self.token:
            raise _run_error("AddToken", "Parameter token is not provided.")
        if x.dtype.kind == "S":
            x = np.char.decode(x, "utf8")
        if x.dtype.kind != "U":
            raise _run_error("AddToken", "input tensor type should be string.")
        if x.ndim not in (1, 2):
            raise _run_error("AddToken", "input tensor rank should be 1 or 2.")
        tok = np.full(x.shape[:-1] + (1,), self.token)
        return np.concatenate([tok, x] if self.begin else [x, tok], axis=-1)


class Truncate(TensorOperation):
    """Keeps the first ``max_seq_len`` elements of the last axis of a 1-D / 2-D tensor."""

    def __init__(self, max_seq_len):
        if not isinstance(max_seq_len, int) or isinstance(max_seq_len, bool):
            raise TypeError(
                f"Argument max_seq_len with value {max_seq_len} is not of type [<class 'int'>], "
                f"but got {type(max_seq_len)}."
            )
        if max_seq_len < 1:
            raise ValueError("Input max_seq_len is not within the required interval of [1, 2147483647].")
        self.max_seq_len = max_seq_len

    def __call__(self, x):
        x = np.asarray(x)
        _nonempty(x, "Truncate")
        if x.dtype.kind == "S":
            x = np.char.decode(x, "utf8")
        if x.ndim not in (1, 2):
            raise _run_error("Truncate", "the input tensor should be of dimension 1 or 2.")
        return x[..., : self.max_seq_len].copy()


# MindSpore keeps these in a std::map keyed by the ICU pattern string, so they run in the patterns'
# UTF-16 order, not in the order written; ICU replacement text quotes with "\" ("\n" means "n").
_WIKI = {
    r"<.*>": "",
    r"&amp;": "&",
    "&lt;": "<",
    "&gt;": ">",
    r"<ef[^<]*<\/ef>": "",
    "<[^>]*>": "",
    r"\[http:[^] ]*": "[",
    r"\|thumb": "",
    r"\|left": "",
    r"\|right": "",
    r"\|\d+px": "",
    r"\[\[image:[^\[\]]*\|": "",
    r"\[\[category:([^|\]]*)[^]]*\]\]": r"[[\1]]",
    r"\[\[[a-z\-]*:[^\]]*\]\]": "",
    r"\[\[[^\|\]]*\|": "[[",
    r"\{\{[^\}]*\}\}": "",
    r"\{[^\}]*\}": "",
    r"\[": "",
    r"\]": "",
    "&[^;]*;": " ",
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    "R": "",
    **{
        str(i): f" {w} "
        for i, w in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        )
    },
    r"[^a-z\n]+": " ",
    r"\n ": "",
    r"\s+": " ",
    r"\n\s*\n": "n",
}
_WIKI_STEPS = [(re.compile(p), r) for p, r in sorted(_WIKI.items(), key=lambda kv: kv[0].encode("utf-16-be"))]


def _filter_wiki(s):
    if "#redirect" in s or "#REDIRECT" in s:
        return ""
    for pat, rep in _WIKI_STEPS:
        s = pat.sub(rep, s).strip()
    return s


class FilterWikipediaXML(TensorOperation):
    """Cleans Wikipedia XML dump text (MindSpore's fixed list of regex rewrites, lower-cased letters,
    digits spelled out); text containing ``#redirect`` becomes empty."""

    def __call__(self, x):
        x = np.asarray(x)
        if x.dtype.kind == "S":
            x = np.char.decode(x, "utf8")
        if x.dtype.kind != "U":
            raise _run_error("FilterWikipediaXML", "input is not of type string.")
        _nonempty(x, "FilterWikipediaXML")
        out = [""] * x.size
        out[0] = _filter_wiki(str(x.reshape(-1)[0]))  # MindSpore filters the first element only
        return np.array(out).reshape(x.shape)


__all__ = ["AddToken", "FilterWikipediaXML", "Truncate"]
