"""Text transforms (``mindspore.dataset.text``) over numpy string arrays, as MindSpore's CPU ops."""

import re
import unicodedata

import numpy as np

from ..transforms.transforms import TensorOperation, _np_dtype, _run_error
from .utils import NormalizeForm, Vocab


def _strings(x, op):
    x = np.asarray(x)
    if x.dtype.kind == "S":
        x = np.char.decode(x, "utf8")
    if x.dtype.kind != "U":
        raise _run_error(op, f"{op}: the input should be string tensor, but got type {x.dtype}.")
    return x


class Lookup(TensorOperation):
    """Tokens -> ids through ``vocab``; unknown tokens take ``unknown_token``'s id (else an error)."""

    def __init__(self, vocab, unknown_token=None, data_type=None):
        if not isinstance(vocab, Vocab):
            raise TypeError(f"Argument vocab with value {vocab} is not of type [<class 'Vocab'>].")
        self.vocab, self.unknown_token = vocab, unknown_token
        self._np = np.dtype(np.int32) if data_type is None else _np_dtype(data_type)
        self._unk = None
        if unknown_token is not None:
            self._unk = vocab.vocab().get(unknown_token)
            if self._unk is None:
                raise ValueError(f"Lookup: {unknown_token} doesn't exist in vocab.")

    def __call__(self, x):
        x = _strings(x, "Lookup")
        table = self.vocab.vocab()
        out = []
        for w in x.reshape(-1):
            i = table.get(str(w), self._unk)
            if i is None:
                raise _run_error("Lookup", f"Lookup: '{w}' is not in vocab and no unknown token is "
                                           "specified.")
            out.append(i)
        return np.array(out, dtype=self._np).reshape(x.shape)


class ToNumber(TensorOperation):
    """Numeric strings -> numbers of ``data_type``."""

    def __init__(self, data_type):
        self.data_type = data_type
        self._np = _np_dtype(data_type)
        if self._np.kind not in "iuf":
            raise TypeError(f"data_type: {data_type} is not numeric data type.")

    def __call__(self, x):
        x = _strings(x, "ToNumber")
        try:
            vals = [float(s) if self._np.kind == "f" else int(s) for s in x.reshape(-1)]
        except ValueError as e:
            raise _run_error("ToNumber", f"ToNumber: string can not be converted to {self._np}: {e}") from e
        return np.array(vals, dtype=self._np).reshape(x.shape)


class SlidingWindow(TensorOperation):
    """Windows of ``width`` consecutive elements along ``axis`` (a new leading window axis)."""

    def __init__(self, width, axis=0):
        if width < 1:
            raise ValueError("Input width is not within the required interval of [1, 2147483647].")
        self.width, self.axis = width, axis

    def __call__(self, x):
        x = np.asarray(x)
        if x.ndim != 1:
            raise _run_error("SlidingWindow", "SlidingWindow: SlidingWindow supports 1D input only for now.")
        n = x.shape[0] - self.width + 1
        if n <= 0:
            return np.empty((0, self.width), x.dtype)
        return np.stack([x[i:i + self.width] for i in range(n)])


def _offsets(tokens, text):
    """Byte offsets (start, end) of each token found left to right in ``text``."""
    starts, ends, pos = [], [], 0
    for t in tokens:
        i = text.find(t, pos)
        b0 = len(text[:i].encode())
        starts.append(b0)
        ends.append(b0 + len(t.encode()))
        pos = i + len(t)
    return np.array(starts, np.uint32), np.array(ends, np.uint32)


class _Tokenizer(TensorOperation):
    _name = "Tokenizer"

    def __init__(self, with_offsets=False):
        self.with_offsets = with_offsets

    def _split(self, s):
        raise NotImplementedError

    def __call__(self, x):
        x = _strings(x, self._name)
        if x.ndim != 0:
            raise _run_error(self._name, f"{self._name}: the input should be scalar string tensor.")
        s = str(x)
        toks = self._split(s)
        out = np.array(toks if toks else [""])
        if self.with_offsets:
            return (out,) + _offsets(toks or [""], s)
        return out


# ICU's White_Space property (what MindSpore's WhitespaceTokenizer splits on); Python's
# str.split() also splits on the separators U+001C..U+001F, which ICU does not.
_ICU_WHITESPACE = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


class WhitespaceTokenizer(_Tokenizer):
    """Splits on ICU whitespace (spaces, tabs, newlines)."""

    _name = "WhitespaceTokenizer"

    def _split(self, s):
        return [t for t in _ICU_WHITESPACE.split(s) if t]


class UnicodeCharTokenizer(_Tokenizer):
    """One token per Unicode character."""

    _name = "UnicodeCharTokenizer"

    def _split(self, s):
        return list(s)


class RegexTokenizer(_Tokenizer):
    """Splits on ``delim_pattern``; matches of ``keep_delim_pattern`` are kept as tokens."""

    _name = "RegexTokenizer"

    def __init__(self, delim_pattern, keep_delim_pattern="", with_offsets=False):
        super().__init__(with_offsets)
        self.delim_pattern, self.keep_delim_pattern = delim_pattern, keep_delim_pattern

    def _split(self, s):
        toks, pos = [], 0
        keep = re.compile(self.keep_delim_pattern) if self.keep_delim_pattern else None
        for m in re.finditer(self.delim_pattern, s):
            if m.start() > pos:
                toks.append(s[pos:m.start()])
            if keep is not None and keep.fullmatch(m.group()):
                toks.append(m.group())
            pos = m.end()
        if pos < len(s):
            toks.append(s[pos:])
        return toks


class PythonTokenizer(TensorOperation):
    """Tokenizes a string scalar with a Python function returning a list of strings."""

    def __init__(self, tokenizer):
        if not callable(tokenizer):
            raise TypeError("tokenizer is not a callable Python function.")
        self.tokenizer = tokenizer

    def __call__(self, x):
        if not isinstance(x, np.ndarray):
            raise TypeError(f"input should be a NumPy array. Got {type(x)}.")
        x = _strings(x, "PythonTokenizer")
        return np.array(self.tokenizer(str(x)), dtype=str)


class Ngram(TensorOperation):
    """n-grams (each n of ``n`` in turn) of a 1-D string tensor, joined by ``separator``, with up to
    n-1 pads of ``left_pad`` / ``right_pad`` (token, width)."""

    def __init__(self, n, left_pad=("", 0), right_pad=("", 0), separator=" "):
        self.n = [n] if isinstance(n, int) else list(n)
        if any(k <= 0 for k in self.n):
            raise ValueError("gram in gram list should be greater than 0.")
        self.left_pad, self.right_pad, self.separator = tuple(left_pad), tuple(right_pad), separator

    def __call__(self, x):
        x = _strings(x, "Ngram")
        if x.ndim != 1:
            raise _run_error("Ngram", "Ngram: input must be a 1-D tensor.")
        words = [str(w) for w in x]
        out = []
        for k in self.n:
            seq = [self.left_pad[0]] * min(self.left_pad[1], k - 1) + words + \
                [self.right_pad[0]] * min(self.right_pad[1], k - 1)
            out += [self.separator.join(seq[i:i + k]) for i in range(len(seq) - k + 1)]
        return np.array(out if out else [""])


class TruncateSequencePair(TensorOperation):
    """Trims the longer of two 1-D tensors (ties: the second) until their total length is ``max_length``."""

    def __init__(self, max_length):
        self.max_length = max_length

    def __call__(self, a, b):
        a, b = np.asarray(a), np.asarray(b)
        la, lb = len(a), len(b)
        while la + lb > self.max_length:
            if la > lb:
                la -= 1
            else:
                lb -= 1
        return a[:la].copy(), b[:lb].copy()


class CaseFold(TensorOperation):
    """ICU's NFKC_Casefold (normalize, fold case, drop default-ignorables), as MindSpore's."""

    def __call__(self, x):
        from .tokenizers_bert import nfkc_casefold

        x = _strings(x, "CaseFold")
        if not x.ndim:
            return np.array(nfkc_casefold(str(x)))
        return np.vectorize(nfkc_casefold, otypes=[str])(x)


class RegexReplace(TensorOperation):
    """Replaces matches of ``pattern`` with ``replace`` (all of them, or only the first)."""

    def __init__(self, pattern, replace, replace_all=True):
        self.pattern, self.replace, self.replace_all = pattern, replace, replace_all

    def __call__(self, x):
        x = _strings(x, "RegexReplace")
        f = lambda s: re.sub(self.pattern, self.replace, s, count=0 if self.replace_all else 1)  # noqa: E731
        return np.vectorize(f, otypes=[str])(x) if x.ndim else np.array(f(str(x)))


class NormalizeUTF8(TensorOperation):
    """Unicode normalization (``NormalizeForm``)."""

    def __init__(self, normalize_form=NormalizeForm.NFKC):
        self.normalize_form = NormalizeForm(normalize_form)

    def __call__(self, x):
        x = _strings(x, "NormalizeUTF8")
        if self.normalize_form == NormalizeForm.NONE:
            return x
        form = self.normalize_form.name
        f = lambda s: unicodedata.normalize(form, s)  # noqa: E731
        return np.vectorize(f, otypes=[str])(x) if x.ndim else np.array(f(str(x)))


__all__ = ["CaseFold", "Lookup", "Ngram", "NormalizeUTF8", "PythonTokenizer", "RegexReplace",
           "RegexTokenizer", "SlidingWindow", "ToNumber", "TruncateSequencePair", "UnicodeCharTokenizer",
           "WhitespaceTokenizer"]
