"""``mindspore.dataset.text`` utilities: Vocab and string/bytes conversions."""

from collections import Counter
from enum import IntEnum

import numpy as np


class JiebaMode(IntEnum):
    MIX = 0
    MP = 1
    HMM = 2


class NormalizeForm(IntEnum):
    NONE = 0
    NFC = 1
    NFKC = 2
    NFD = 3
    NFKD = 4


class SentencePieceModel(IntEnum):
    UNIGRAM = 0
    BPE = 1
    CHAR = 2
    WORD = 3


class SPieceTokenizerOutType(IntEnum):
    STRING = 0
    INT = 1


class SPieceTokenizerLoadType(IntEnum):
    FILE = 0
    MODEL = 1


def _check_specials(special_tokens, words):
    special_tokens = list(special_tokens or [])
    if len(set(special_tokens)) != len(special_tokens):
        raise ValueError("special_tokens contains duplicate tokens.")
    return special_tokens


class Vocab:
    """A word -> id table (``Lookup`` maps tokens through it)."""

    def __init__(self):
        self._w2i = {}

    @classmethod
    def _build(cls, words, special_tokens, special_first):
        v = cls()
        special_tokens = _check_specials(special_tokens, words)
        order = (special_tokens + [w for w in words if w not in special_tokens]) if special_first else \
            ([w for w in words if w not in special_tokens] + special_tokens)
        for w in order:
            if w not in v._w2i:
                v._w2i[w] = len(v._w2i)
        return v

    @classmethod
    def from_list(cls, word_list, special_tokens=None, special_first=True):
        """Ids in list order (specials first or last); duplicates are an error."""
        if len(set(word_list)) != len(word_list):
            raise ValueError("word_list contains duplicate word: " +
                             next(w for w in word_list if word_list.count(w) > 1) + ".")
        return cls._build(list(word_list), special_tokens, special_first)

    @classmethod
    def from_dict(cls, word_dict):
        """Ids as given."""
        v = cls()
        for w, i in word_dict.items():
            if not isinstance(i, int) or i < 0:
                raise ValueError(f"index of word '{w}' should be a non-negative integer, but got {i}.")
        v._w2i = dict(word_dict)
        return v

    @classmethod
    def from_file(cls, file_path, delimiter="", vocab_size=None, special_tokens=None, special_first=True):
        """One word per line (the part before ``delimiter``), the first ``vocab_size`` lines."""
        words = []
        with open(file_path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\r\n")
                w = line.split(delimiter)[0] if delimiter else line
                if w in words:
                    raise RuntimeError(f"from_file: word_list contains duplicate word: {w}.")
                words.append(w)
                if vocab_size is not None and len(words) >= vocab_size:
                    break
        return cls._build(words, special_tokens, special_first)

    @classmethod
    def from_dataset(cls, dataset, columns=None, freq_range=None, top_k=None, special_tokens=None,
                     special_first=True):
        """Words of ``columns`` by descending frequency (ties: first appearance), limited by
        ``freq_range`` (min, max counts) and ``top_k``."""
        counts = Counter()
        first = {}
        cols = [columns] if isinstance(columns, str) else columns
        for row in dataset.create_dict_iterator(output_numpy=True, num_epochs=1):
            for c in (cols or list(row)):
                for w in np.asarray(row[c]).reshape(-1):
                    w = w.decode() if isinstance(w, bytes) else str(w)
                    counts[w] += 1
                    first.setdefault(w, len(first))
        lo, hi = (0, None) if freq_range is None else freq_range
        lo = 0 if lo is None else lo
        words = [w for w in counts if counts[w] >= lo and (hi is None or counts[w] <= hi)]
        words.sort(key=lambda w: (-counts[w], first[w]))
        if top_k is not None:
            words = words[:top_k]
        return cls._build(words, special_tokens, special_first)

    def vocab(self):
        return dict(self._w2i)

    def tokens_to_ids(self, tokens):
        if isinstance(tokens, str):
            return self._w2i.get(tokens, -1)
        return [self._w2i.get(t, -1) for t in tokens]

    def ids_to_tokens(self, ids):
        inv = {i: w for w, i in self._w2i.items()}
        if isinstance(ids, int):
            return inv.get(ids, "")
        return [inv.get(int(i), "") for i in ids]


def to_str(array, encoding="utf8"):
    """bytes array -> str array."""
    array = np.asarray(array)
    if array.dtype.kind != "S":
        raise TypeError(f"input should be a NumPy array of bytes, but got {array.dtype}.")
    return np.char.decode(array, encoding)


def to_bytes(array, encoding="utf8"):
    """str array -> bytes array."""
    array = np.asarray(array)
    if array.dtype.kind != "U":
        raise TypeError(f"input should be a NumPy array of str, but got {array.dtype}.")
    return np.char.encode(array, encoding)


__all__ = ["JiebaMode", "NormalizeForm", "SPieceTokenizerLoadType", "SPieceTokenizerOutType",
           "SentencePieceModel", "Vocab", "to_bytes", "to_str"]
