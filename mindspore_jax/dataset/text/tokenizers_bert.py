"""BasicTokenizer, WordpieceTokenizer and BertTokenizer as MindSpore's C++ (ICU) kernels define them.

MindSpore's ICU regexes are replaced by a direct scanner over the same character classes (Python's
``unicodedata`` gives the general categories; its Unicode version may differ from MindSpore's ICU for
recently assigned characters). Offsets are UTF-8 byte offsets into the *normalized* text, as in MindSpore.
"""

import re
import unicodedata

import numpy as np

from ..transforms.transforms import TensorOperation, _run_error
from .transforms import _strings
from .utils import NormalizeForm, Vocab

# ICU's White_Space property (``\s`` in ICU regexes).
_WHITE_SPACE = frozenset(
    [
        *range(0x09, 0x0E),
        0x20,
        0x85,
        0xA0,
        0x1680,
        *range(0x2000, 0x200B),
        0x2028,
        0x2029,
        0x202F,
        0x205F,
        0x3000,
    ]
)

# Default_Ignorable_Code_Point: removed by ICU's NFKC_Casefold.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_IGNORABLE_RE = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _IGNORABLE_RANGES) + "]")


def nfkc_casefold(s):
    """ICU's NFKC_Casefold normalization (what MindSpore's CaseFold applies)."""
    s = unicodedata.normalize("NFKC", _IGNORABLE_RE.sub("", s))
    for _ in range(2):  # folding can expose new compatibility forms (and back); twice reaches the closure
        s = unicodedata.normalize("NFKC", s.casefold())
    return _IGNORABLE_RE.sub("", s)


def _is_common(c):
    """One character of BasicTokenizer's ``kCommonPattern``: ASCII symbols, \\p{P} and CJK ideographs."""
    o = ord(c)
    if 0x21 <= o <= 0x2F or 0x3A <= o <= 0x40 or 0x5B <= o <= 0x60 or 0x7B <= o <= 0x7E:
        return True
    if unicodedata.category(c).startswith("P"):
        return True
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2A6DF
        or 0x2A700 <= o <= 0x2B73F
        or 0x2B740 <= o <= 0x2B81F
        or 0x2B820 <= o <= 0x2CEAF
        or 0xF900 <= o <= 0xFAFF
        or 0x2F800 <= o <= 0x2FA1F
    )


_UNUSED_RE = re.compile(r"\[CLS\]|\[SEP\]|\[UNK\]|\[PAD\]|\[MASK\]|\[unused\d+\]")
_UNUSED_WORDS = frozenset([b"[CLS]", b"[SEP]", b"[UNK]", b"[PAD]", b"[MASK]"])


def _casefold_keep_unused(text):
    """MindSpore's ``CaseFoldWithoutUnusedWords``, reproduced byte for byte (UTF-8), including its habit of
    restarting every folded piece at the beginning of the text (so text before a preserved word repeats,
    and the whole text is appended once more unless it ends with a preserved word)."""
    b = text.encode()
    spans, start, length = [], -1, 0
    for i, ch in enumerate(b):
        if ch == 0x5B:  # '['
            start, length = i, length + 1
        elif ch == 0x5D and start >= 0:  # ']'
            length += 1
            if b[start : start + length] in _UNUSED_WORDS:
                spans.append((start, start + length - 1))
            start, length = -1, 0
        elif start >= 0:
            length += 1
    fold = lambda part: nfkc_casefold(part.decode("utf-8", "replace")).encode()  # noqa: E731
    out, i = b"", 0
    while i < len(b):
        if spans:
            a, z = spans.pop(0)
            out += fold(b[0:a]) + b[a : z + 1]
            i = z + 1
        else:
            out += fold(b)
            i = len(b)
    return out.decode("utf-8", "replace")


def _byte_len(s):
    return len(s.encode())


def _basic_split(s, keep_whitespace, preserve_unused):
    """``RegexTokenizer(delim, keep_delim)`` with BasicTokenizer's patterns: tokens and UTF-8 byte offsets."""
    toks, starts, ends = [], [], []
    pos, tok_start, n = 0, 0, len(s)
    byte_pos = 0  # byte offset of s[tok_start]

    def emit(a, z, keep):
        nonlocal byte_pos
        piece = s[a:z]
        bl = _byte_len(piece)
        if keep:
            toks.append(piece)
            starts.append(byte_pos)
            ends.append(byte_pos + bl)
        byte_pos += bl

    while pos < n:
        m_end, keep = None, False
        if preserve_unused and s[pos] == "[":
            m = _UNUSED_RE.match(s, pos)
            if m:
                m_end, keep = m.end(), True
        if m_end is None and ord(s[pos]) in _WHITE_SPACE:
            m_end = pos + 1
            while m_end < n and ord(s[m_end]) in _WHITE_SPACE:
                m_end += 1
            keep = keep_whitespace
        if m_end is None and _is_common(s[pos]):
            m_end, keep = pos + 1, True
        if m_end is None:
            pos += 1
            continue
        if pos > tok_start:
            emit(tok_start, pos, True)
        emit(pos, m_end, keep)
        pos = tok_start = m_end
    if tok_start < n:
        emit(tok_start, n, True)
    return toks, starts, ends


def _check_bool(name, value):
    if not isinstance(value, bool):
        raise TypeError(
            f"Argument {name} with value {value} is not of type [<class 'bool'>], but got {type(value)}."
        )


def _check_nonempty(x, name):
    if x.size == 0:
        raise _run_error(name, "Input Tensor has no data.")


def _finish(toks, starts, ends, with_offsets):
    if not toks:
        toks, starts, ends = [""], [0], [0]
    out = np.array(toks)
    if with_offsets:
        return out, np.array(starts, np.uint32), np.array(ends, np.uint32)
    return out


class BasicTokenizer(TensorOperation):
    """Splits text on whitespace, punctuation and CJK ideographs (BERT's basic tokenizer).

    ``lower_case`` applies NFKC case folding, NFD and drops nonspacing marks (accents); otherwise
    ``normalization_form`` is applied. Control and format characters become spaces. With
    ``preserve_unused_token``, ``[CLS] [SEP] [UNK] [PAD] [MASK] [unusedN]`` stay whole.
    """

    _name = "BasicTokenizer"

    def __init__(
        self,
        lower_case=False,
        keep_whitespace=False,
        normalization_form=NormalizeForm.NONE,
        preserve_unused_token=True,
        with_offsets=False,
    ):
        for k, v in (
            ("lower_case", lower_case),
            ("keep_whitespace", keep_whitespace),
            ("preserve_unused_token", preserve_unused_token),
            ("with_offsets", with_offsets),
        ):
            _check_bool(k, v)
        if not isinstance(normalization_form, NormalizeForm):
            raise TypeError(
                f"Argument normalization_form with value {normalization_form} is not of type "
                f"[<enum 'NormalizeForm'>], but got {type(normalization_form)}."
            )
        self.lower_case, self.keep_whitespace = lower_case, keep_whitespace
        self.normalization_form, self.preserve_unused_token = normalization_form, preserve_unused_token
        self.with_offsets = with_offsets

    def _normalize(self, s):
        if self.lower_case:
            s = _casefold_keep_unused(s) if self.preserve_unused_token else nfkc_casefold(s)
            s = unicodedata.normalize("NFD", s)
            s = "".join(c for c in s if unicodedata.category(c) != "Mn")
        elif self.normalization_form != NormalizeForm.NONE:
            s = unicodedata.normalize(self.normalization_form.name, s)
        return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in s)

    def _tokenize(self, x):
        x = _strings(x, self._name)
        _check_nonempty(x, self._name)
        if x.ndim != 0:
            raise _run_error(
                self._name, f"the input should be a scalar, but got a tensor with rank: {x.ndim}"
            )
        return _basic_split(self._normalize(str(x)), self.keep_whitespace, self.preserve_unused_token)

    def __call__(self, x):
        return _finish(*self._tokenize(x), self.with_offsets)


def _wordpiece(token, basic_start, table, suffix, max_bytes, unk, toks, starts, ends):
    """MindSpore's ``WordpieceTokenizerOp::GetTokens`` for one token (byte offsets; its quirks included:
    an unknown word after partial matches keeps those matches' offsets, and a lone suffix indicator in
    the vocab ends in an 'Out of range' error)."""
    b = token.encode()
    if len(b) > max_bytes:
        starts.append(basic_start)
        if unk:
            ends.append(basic_start + len(unk.encode()))
            toks.append(unk)
        else:
            toks.append(token)
            ends.append(basic_start + len(b))
        return
    rune_ends, acc = [], 0
    for c in token:
        acc += len(c.encode())
        rune_ends.append(acc)
    sb = suffix.encode()
    out, start = [], 0
    while start < len(b):
        found, end = False, 0
        for end in reversed(rune_ends):
            ln = end - start
            word = b[start:] if ln < 0 else b[start : start + ln]
            if start > 0:
                word = sb + word
            if word.decode("utf-8", "replace") in table:
                found = True
                break
        if not found:
            starts.append(basic_start)
            ends.append(basic_start + len(b))
            toks.append(unk if unk else token)  # partial matches are dropped
            return
        if not end > start:
            raise _run_error("WordpieceTokenizer", "Out of range")
        piece = b[start:end]
        out.append((sb + piece if start > 0 else piece).decode("utf-8", "replace"))
        starts.append(basic_start + start)
        ends.append(basic_start + end)
        start = end
    toks.extend(out)


class WordpieceTokenizer(TensorOperation):
    """Greedy longest-match-first subword split of each token of a 1-D string tensor over ``vocab``."""

    _name = "WordpieceTokenizer"

    def __init__(
        self, vocab, suffix_indicator="##", max_bytes_per_token=100, unknown_token="[UNK]", with_offsets=False
    ):
        if not isinstance(vocab, Vocab):
            raise TypeError(
                f"Argument vocab with value {vocab} is not of type [<class 'Vocab'>], but got {type(vocab)}."
            )
        if not isinstance(max_bytes_per_token, int) or isinstance(max_bytes_per_token, bool):
            raise TypeError(
                f"Argument max_bytes_per_token with value {max_bytes_per_token} is not of type "
                f"[<class 'int'>], but got {type(max_bytes_per_token)}."
            )
        if max_bytes_per_token < 0:
            raise ValueError(
                "Input max_bytes_per_token is not within the required interval of [0, 2147483647]."
            )
        for k, v in (("suffix_indicator", suffix_indicator), ("unknown_token", unknown_token)):
            if not isinstance(v, str):
                raise TypeError(
                    f"Argument {k} with value {v} is not of type [<class 'str'>], but got {type(v)}."
                )
        _check_bool("with_offsets", with_offsets)
        self.vocab, self.suffix_indicator = vocab, suffix_indicator
        self.max_bytes_per_token, self.unknown_token = max_bytes_per_token, unknown_token
        self.with_offsets = with_offsets

    def _run(self, x, basic_starts=None):
        x = _strings(x, self._name)
        _check_nonempty(x, self._name)
        if x.ndim > 1:
            raise _run_error(
                self._name, "The input shape should be 1D scalar the input datatype should be string."
            )
        table = self.vocab.vocab()
        toks, starts, ends = [], [], []
        for i, w in enumerate(x.reshape(-1)):
            base = int(basic_starts[i]) if basic_starts is not None else 0
            _wordpiece(
                str(w),
                base,
                table,
                self.suffix_indicator,
                self.max_bytes_per_token,
                self.unknown_token,
                toks,
                starts,
                ends,
            )
        if not toks:
            toks, starts, ends = [""], starts + [0], ends + [0]
        out = np.array(toks)
        if self.with_offsets:
            return out, np.array(starts, np.uint32), np.array(ends, np.uint32)
        return out

    def __call__(self, x):
        return self._run(x)


class BertTokenizer(TensorOperation):
    """``BasicTokenizer`` followed by ``WordpieceTokenizer`` (offsets refer to the normalized text)."""

    _name = "BertTokenizer"

    def __init__(
        self,
        vocab,
        suffix_indicator="##",
        max_bytes_per_token=100,
        unknown_token="[UNK]",
        lower_case=False,
        keep_whitespace=False,
        normalization_form=NormalizeForm.NONE,
        preserve_unused_token=True,
        with_offsets=False,
    ):
        self._wp = WordpieceTokenizer(
            vocab, suffix_indicator, max_bytes_per_token, unknown_token, with_offsets
        )
        self._basic = BasicTokenizer(
            lower_case, keep_whitespace, normalization_form, preserve_unused_token, with_offsets
        )
        self.vocab, self.suffix_indicator = vocab, suffix_indicator
        self.max_bytes_per_token, self.unknown_token = max_bytes_per_token, unknown_token
        self.lower_case, self.keep_whitespace = lower_case, keep_whitespace
        self.normalization_form, self.preserve_unused_token = normalization_form, preserve_unused_token
        self.with_offsets = with_offsets

    def __call__(self, x):
        toks, starts, _ = self._basic._tokenize(x)
        if not toks:
            toks, starts = [""], [0]
        return self._wp._run(np.array(toks), starts if self.with_offsets else None)


__all__ = ["BasicTokenizer", "BertTokenizer", "WordpieceTokenizer"]
