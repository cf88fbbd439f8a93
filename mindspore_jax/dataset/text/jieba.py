"""``JiebaTokenizer``: a pure-Python port of the cppjieba segmenters MindSpore's C++ op wraps.

Files are cppjieba's: the MP dict has lines ``word freq tag`` (split on single spaces, exactly
three fields); the HMM model (``hmm_model.utf8``) has, skipping blank and ``#`` lines, one line of
4 start log-probs, 4 lines of the 4x4 transition matrix, then the emission lines of states
B, E, M, S as ``char:logprob,char:logprob,...``.
"""

import math
import os
import re

from .transforms import _Tokenizer
from .utils import JiebaMode

_MIN_DOUBLE = -3.14e100
_MAX_WORD_LENGTH = 512
_SEPARATORS = frozenset(" \t\n\uff0c\u3002")
_B, _E, _M, _S = 0, 1, 2, 3
_FLOAT_PREFIX = re.compile(r"\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)",
                           re.I)


def _atof(s):
    """C ``atof``: the longest leading float, 0.0 when there is none."""
    m = _FLOAT_PREFIX.match(s)
    return float(m.group()) if m else 0.0


def _log(x):
    return math.log(x) if x > 0 else -math.inf


def _fail(msg):
    return RuntimeError(f"map operation: [JiebaTokenizer] failed. JiebaTokenizer: {msg}")


def _get_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def _split(src, sep):
    """limonp::Split: no trailing empty field."""
    res, start = [], 0
    while start < len(src):
        end = min((i for i in (src.find(c, start) for c in sep) if i >= 0), default=-1)
        if end < 0:
            res.append(src[start:])
            break
        res.append(src[start:end])
        start = end + 1
    return res


class _HMMModel:
    def __init__(self, path):
        lines = _get_lines(path)
        try:
            start = _split(next(lines), " ")
            if len(start) != 4:
                raise ValueError
            self.start = [_atof(v) for v in start]
            self.trans = []
            for _ in range(4):
                row = _split(next(lines), " ")
                if len(row) != 4:
                    raise ValueError
                self.trans.append([_atof(v) for v in row])
            self.emit = [self._emit(next(lines)) for _ in range(4)]  # B, E, M, S
        except (StopIteration, ValueError) as e:
            raise _fail(f"failed to load the HMM model file {path}.") from e

    @staticmethod
    def _emit(line):
        mp = {}
        for item in _split(line, ","):
            kv = _split(item, ":")
            if len(kv) != 2 or len(kv[0]) != 1:
                raise ValueError
            mp[kv[0]] = _atof(kv[1])
        return mp


class _DictTrie:
    def __init__(self, path):
        words = []
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines and not lines[-1]:
            lines.pop()  # std::getline: no empty record after the final newline
        for line in lines:
            buf = _split(line, " ")
            if len(buf) != 3:
                raise _fail(f"split result illegal, line: {line}")
            words.append((buf[0], _atof(buf[1])))
        if not words:
            raise _fail(f"the MP dict file {path} is empty.")
        self.freq_sum = sum(w for _, w in words)
        self.trie = {}
        weights = []
        for word, freq in words:
            wt = _log(freq / self.freq_sum)
            weights.append(wt)
            if word:
                self.trie[word] = wt
        weights.sort()
        self.min_weight = weights[0]
        self.default_weight = weights[len(weights) // 2]  # cppjieba WordWeightMedian
        self.max_len = max(len(w) for w in self.trie) if self.trie else 0
        self.prefixes = {w[:i] for w in self.trie for i in range(1, len(w) + 1)}
        self.user_single = set()  # (unused by MindSpore: see insert_user_word)

    def insert_user_word(self, word, freq):
        if not word:
            return False
        self.trie[word] = _log(freq / self.freq_sum) if freq else self.default_weight
        self.prefixes.update(word[:i] for i in range(1, len(word) + 1))
        self.max_len = max(self.max_len, len(word))
        # cppjieba's user_dict_single_chinese_word_ is only filled from a user dict *file*, which
        # MindSpore never passes: added single characters still go to the HMM in MIX mode
        return True


def _mp_cut(trie, s, b, e):
    """MPSegment: max-probability path over the DAG of dict words in s[b:e]; [(start, end)]."""
    n = e - b
    dags = []
    for i in range(n):
        nexts = [(i, trie.trie.get(s[b + i]))]
        if s[b + i] in trie.prefixes:
            for j in range(i + 1, min(n, i + _MAX_WORD_LENGTH)):
                frag = s[b + i:b + j + 1]
                if frag not in trie.prefixes:
                    break
                wt = trie.trie.get(frag)
                if wt is not None:
                    nexts.append((j, wt))
        dags.append(nexts)
    best = [0.0] * (n + 1)
    choice = [None] * n
    for i in range(n - 1, -1, -1):
        bw, bp = _MIN_DOUBLE, None
        for j, wt in dags[i]:
            val = (best[j + 1] if j + 1 < n else 0.0) + (wt if wt is not None else trie.min_weight)
            if val > bw:
                bw, bp = val, (j if wt is not None else None)
        best[i], choice[i] = bw, bp
    out, i = [], 0
    while i < n:
        j = choice[i] if choice[i] is not None else i
        out.append((b + i, b + j + 1))
        i = j + 1
    return out


def _letters(s, i, e):
    c = s[i]
    if not ("a" <= c <= "z" or "A" <= c <= "Z"):
        return i
    i += 1
    while i < e and ("a" <= s[i] <= "z" or "A" <= s[i] <= "Z" or "0" <= s[i] <= "9"):
        i += 1
    return i


def _numbers(s, i, e):
    if not "0" <= s[i] <= "9":
        return i
    i += 1
    while i < e and ("0" <= s[i] <= "9" or s[i] == "."):
        i += 1
    return i


def _viterbi(model, s, b, e):
    x_len = e - b
    weight = [[model.start[y] + model.emit[y].get(s[b], _MIN_DOUBLE) for y in range(4)]]
    path = [[-1] * 4]
    for x in range(1, x_len):
        prev, w_row, p_row = weight[-1], [], []
        for y in range(4):
            emit = model.emit[y].get(s[b + x], _MIN_DOUBLE)
            bw, bp = _MIN_DOUBLE, _E
            for py in range(4):
                t = prev[py] + model.trans[py][y] + emit
                if t > bw:
                    bw, bp = t, py
            w_row.append(bw)
            p_row.append(bp)
        weight.append(w_row)
        path.append(p_row)
    stat = _E if weight[-1][_E] >= weight[-1][_S] else _S
    status = [0] * x_len
    for x in range(x_len - 1, -1, -1):
        status[x] = stat
        stat = path[x][stat]
    return status


def _hmm_internal(model, s, b, e, out):
    left = b
    for i, st in enumerate(_viterbi(model, s, b, e)):
        if st % 2:  # E or S ends a word
            out.append((left, b + i + 1))
            left = b + i + 1


def _hmm_cut(model, s, b, e):
    """HMMSegment: ASCII letter/number runs by rule, other runs by Viterbi over B/E/M/S."""
    out, left, right = [], b, b
    while right < e:
        if ord(s[right]) < 0x80:
            if left != right:
                _hmm_internal(model, s, left, right, out)
            left = right
            right = _letters(s, left, e)
            if right == left:
                right = _numbers(s, left, e)
                if right == left:
                    right += 1
            out.append((left, right))
            left = right
        else:
            right += 1
    if left != right:
        _hmm_internal(model, s, left, right, out)
    return out


def _mix_cut(trie, model, s, b, e):
    words = _mp_cut(trie, s, b, e)
    out, i = [], 0

    def lone(w):
        return w[1] - w[0] == 1 and s[w[0]] not in trie.user_single

    while i < len(words):
        if not lone(words[i]):
            out.append(words[i])
            i += 1
            continue
        j = i
        while j < len(words) and lone(words[j]):
            j += 1
        out.extend(_hmm_cut(model, s, words[i][0], words[j - 1][1]))
        i = j
    return out


def _pre_filter(s):
    """cppjieba PreFilter: ranges split at (and around) the separators space/tab/newline/'，'/'。'."""
    i, n = 0, len(s)
    while i < n:
        b = i
        while i < n:
            if s[i] in _SEPARATORS:
                if b == i:
                    i += 1
                break
            i += 1
        yield b, i


class JiebaTokenizer(_Tokenizer):
    """Chinese segmentation with cppjieba's MP / HMM / MIX algorithms over cppjieba dict files."""

    _name = "JiebaTokenizer"

    def __init__(self, hmm_path, mp_path, mode=JiebaMode.MIX, with_offsets=False):
        if hmm_path is None:
            raise ValueError("The dict of HMMSegment in cppjieba is not provided.")
        if not isinstance(hmm_path, str):
            raise TypeError("Wrong input type for hmm_path, should be string.")
        if mp_path is None:
            raise ValueError("The dict of MPSegment in cppjieba is not provided.")
        if not isinstance(mp_path, str):
            raise TypeError("Wrong input type for mp_path, should be string.")
        if not isinstance(with_offsets, bool):
            raise TypeError("Wrong input type for with_offsets, should be boolean.")
        if not isinstance(mode, JiebaMode):
            raise TypeError("Wrong input type for mode, should be JiebaMode.")
        for p in (hmm_path, mp_path):
            if not os.path.exists(os.path.realpath(p)):
                raise ValueError(f" jieba mode file {p} is not exist.")
        super().__init__(with_offsets)
        self.mode, self.hmm_path, self.mp_path = mode, hmm_path, mp_path
        self.words = []
        self._seg = None

    def add_word(self, word, freq=None):
        """Adds ``word`` (``freq`` None/0: the dict's median weight)."""
        if word is None:
            raise ValueError("word is not provided.")
        if freq is not None:
            if not isinstance(freq, int) or isinstance(freq, bool):
                raise TypeError(f"Argument  with value {freq} is not of type [<class 'int'>], but got "
                                f"{type(freq)}.")
            if not 0 <= freq <= 4294967295:
                raise ValueError("Input is not within the required interval of [0, 4294967295].")
        self.words.append((word, 0 if freq is None else freq))
        self._seg = None

    def add_dict(self, user_dict):
        """Adds words from a ``{word: freq}`` dict or a file of ``word [freq]`` lines."""
        if isinstance(user_dict, str):
            if not os.path.exists(user_dict):
                raise ValueError(f"user dict file {user_dict} is not exist.")
            pat = re.compile(r"^\s*([^\s*]+?)\s*([0-9]+)?\s*$", re.U)
            with open(os.path.realpath(user_dict), encoding="UTF-8") as f:
                for item in f:
                    m = pat.match(item.strip())
                    if m:
                        w, fr = m.groups()
                        self.add_word(w, 0 if fr is None else int(fr))
        elif isinstance(user_dict, dict):
            for k, v in user_dict.items():
                self.add_word(k, v)
        else:
            raise TypeError("The type of user_dict must str or dict.")

    def _build(self):
        if self._seg is None:
            trie, model = _DictTrie(self.mp_path), _HMMModel(self.hmm_path)
            for w, f in self.words:
                if not trie.insert_user_word(w, f):
                    raise _fail("AddWord: add word failed.")
            self._seg = trie, model
        return self._seg

    def __call__(self, x):
        out = super().__call__(x)
        if self.with_offsets and not str(out[0][0]):  # MindSpore: [""] but empty offset arrays
            return out[0], out[1][:0], out[2][:0]
        return out

    def _split(self, s):
        trie, model = self._build()
        ranges = []
        for b, e in _pre_filter(s):
            if self.mode == JiebaMode.MP:
                ranges.extend(_mp_cut(trie, s, b, e))
            elif self.mode == JiebaMode.HMM:
                ranges.extend(_hmm_cut(model, s, b, e))
            else:
                ranges.extend(_mix_cut(trie, model, s, b, e))
        return [s[b:e] for b, e in ranges]


__all__ = ["JiebaTokenizer"]
