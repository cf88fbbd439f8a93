"""More text loaders: IMDB, SST-2, Amazon Review, Yahoo Answers, Sogou News, CLUE, CoNLL-2000, UDPOS,
WikiText, PennTreebank, EnWik9, Multi30k, SQuAD and IWSLT 2016/2017.

The file-based (non-mappable) ones follow MindSpore's reader order: the files of a usage are taken in
MindSpore's order, a shard is the contiguous range ``[shard_id * ceil(N / num_shards), ...)`` of the
rows of those files read one after the other (wrapping round to the first file when the last shard
needs more rows), each file's part of that range is one block given to the workers in turn
(block ``i`` to worker ``i % num_parallel_workers``), and the output takes one row from each
worker in turn. ``num_parallel_workers`` defaults to ``min(config.get_num_parallel_workers(),
os.cpu_count())`` as MindSpore's (capped) default does; so with 3 files and 2 workers the third file
is read after the first one, on the same worker. ``num_samples`` keeps the first rows of that order.
``shuffle`` (a bool or any ``Shuffle`` level) gives a random order of the shard's rows (not MindSpore's
random order; the shard holds the rows of the unshuffled file order).
Known difference: MindSpore's CSV-based readers (Amazon/Yahoo/Sogou) read a last shard's wrapped-round
block of the *same* file after the first block instead of alternating workers with it.
"""

import csv
import json
import os

import numpy as np

from .core import config as _config
from .engine import samplers as _samplers
from .engine._source_args import _attach_labels, _check_dir, _check_usage, _source_args
from .engine.datasets import MappableDataset, SourceDataset, TextBaseDataset, _check_shard_args, _check_type
from .engine.datasets_files import Shuffle, _find_files, _shuffle_flag

_UINT32_MAX = 4294967295


def _workers(num_parallel_workers):
    if num_parallel_workers is not None:
        if not isinstance(num_parallel_workers, int) or isinstance(num_parallel_workers, bool):
            raise TypeError(
                f"Argument num_parallel_workers with value {num_parallel_workers} is not of type "
                "[<class 'int'>]."
            )
        if num_parallel_workers < 1:
            raise ValueError(f"num_parallel_workers exceeds the boundary between 1 and {os.cpu_count()}!")
        return num_parallel_workers
    return max(1, min(_config.get_num_parallel_workers(), os.cpu_count() or 1))


def _shard_blocks(per_file, num_shards, shard_id, fix=None):
    """The blocks (row lists) of one shard, in the order MindSpore's reader queues them. ``fix(file, start,
    rows)`` adjusts a block that starts after the first row of its file."""
    total = sum(len(rows) for rows in per_file)
    if total == 0:
        return []
    n = 1 if num_shards is None else num_shards
    sid = 0 if shard_id is None else shard_id
    per = -(-total // n)
    start, end = sid * per, (sid + 1) * per
    pre, blocks = 0, []
    while True:
        for f, rows in enumerate(per_file):
            length = len(rows)
            s = e = None
            if pre <= start < pre + length:
                s, e = start - pre, (end - pre if pre < end <= pre + length else length)
            if start <= pre < end:
                s, e = 0, (end - pre if pre + length >= end else length)
            if s is not None:
                blocks.append(fix(f, s, rows[s:e]) if fix is not None and s > 0 and e > s else rows[s:e])
            pre += length
        if pre >= end:
            return blocks


def _worker_order(blocks, n_workers):
    """Block ``i`` goes to worker ``i % n_workers``; rows are then taken from each worker in turn."""
    streams = [[] for _ in range(n_workers)]
    for i, b in enumerate(blocks):
        streams[i % n_workers].extend(b)
    out, k = [], 0
    while True:
        alive = False
        for s in streams:
            if k < len(s):
                out.append(s[k])
                alive = True
        if not alive:
            return out
        k += 1


class _FileTextSource(MappableDataset, SourceDataset, TextBaseDataset):
    """Serves the rows of one shard in MindSpore's unshuffled reader order (see the module doc)."""

    _block_fix = None

    def _setup(self, per_file, columns, args):
        """Serve the rows of ``per_file`` (a row list per file) as ``columns``. ``args``: the loader's
        ``locals()``, holding its standard source arguments (see _source_args; no sampler here)."""
        a = _source_args(args)
        num_samples, num_shards, shard_id = a["num_samples"], a["num_shards"], a["shard_id"]
        self.column_names = list(columns)
        flag = _shuffle_flag(a["shuffle"])
        _samplers._check_num_samples(num_samples)
        MappableDataset.__init__(
            self, a["num_parallel_workers"], None, num_samples, flag, None, None, a["cache"]
        )
        _check_shard_args(num_shards, shard_id)
        self.num_shards, self.shard_id, self.shuffle_flag = num_shards, shard_id, flag
        blocks = _shard_blocks(per_file, num_shards, shard_id, self._block_fix)
        self._rows = _worker_order(blocks, _workers(a["num_parallel_workers"]))

    def _length(self):
        return len(self._rows)

    def _read(self, index):
        return [np.array(v, copy=True) for v in self._rows[index]]

    def is_sharded(self):
        return self.num_shards is not None


def _open_file(path, what):
    if not os.path.isfile(path):
        raise RuntimeError(f"Invalid file, failed to open {what} file: {path}.")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _lines(text):
    """``std::getline`` lines: split on '\\n', no final empty line, a trailing '\\r' kept."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# ------------------------------------------------------------------ CSV classification sets
def _read_csv(path, ncols, what, delimiter=",", skip_header=False):
    """Records of a CSV file, and for each whether its first field starts with a quote."""
    lines = _open_file(path, what).splitlines(keepends=True)
    fed = []

    def feed():
        for ln in lines:
            fed.append(ln)
            yield ln

    reader = csv.reader(feed(), delimiter=delimiter)
    rows, quoted = [], []
    while True:
        k = len(fed)
        r = next(reader, None)
        if r is None:
            break
        if r:
            rows.append(r)
            quoted.append(fed[k].startswith('"') if k < len(fed) else False)
    if skip_header:
        rows, quoted = rows[1:], quoted[1:]
    for ln, r in enumerate(rows, 1 + int(skip_header)):
        if len(r) != ncols:
            raise RuntimeError(
                f"Invalid csv, csv file: {path} parse failed at line {ln}, the number of columns does not "
                f"match ({ncols})."
            )
    return rows, quoted


def _csv_fix(raw, quoted):
    """MindSpore's CSV reader, starting a block after row 0, keeps the last field of the skipped row before
    it and prepends it to the block's first field when that field is quoted."""

    def fix(f, start, rows):
        if not quoted[f][start]:
            return rows
        first = list(rows[0])
        first[0] = np.array(raw[f][start - 1][-1] + str(first[0]))
        return [first] + list(rows[1:])

    return fix


class _CsvSource(_FileTextSource):
    _columns = ()
    _files = {}
    _what = ""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, tuple(self._files))
        parsed = [
            _read_csv(os.path.join(dataset_dir, n), len(self._columns), self._what)
            for n in self._files[self.usage]
        ]
        per_file = [[[np.array(v) for v in r] for r in rows] for rows, _ in parsed]
        self._block_fix = _csv_fix([rows for rows, _ in parsed], [q for _, q in parsed])
        self._setup(per_file, self._columns, locals())


class AmazonReviewDataset(_CsvSource):
    """Amazon Review (Polarity or Full) ``train.csv`` / ``test.csv``: columns label, title, content (strings).
    ``all`` reads test.csv then train.csv."""

    _columns = ("label", "title", "content")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}
    _what = "AmazonReview"


class YahooAnswersDataset(_CsvSource):
    """Yahoo Answers ``train.csv`` / ``test.csv``: columns class, title, content, answer (strings).
    ``all`` reads test.csv then train.csv."""

    _columns = ("class", "title", "content", "answer")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}
    _what = "YahooAnswers"


class SogouNewsDataset(_CsvSource):
    """Sogou News ``train.csv`` / ``test.csv``: columns index, title, content (strings).
    ``all`` reads train.csv then test.csv."""

    _columns = ("index", "title", "content")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["train.csv", "test.csv"]}
    _what = "SogouNews"

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        num_parallel_workers=None,
        cache=None,
    ):
        super().__init__(
            dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


class SST2Dataset(_FileTextSource):
    """SST-2 ``train.tsv`` / ``dev.tsv`` (header, then ``sentence<TAB>label``: columns sentence, label) and
    ``test.tsv`` (header, then ``index<TAB>sentence``: column sentence). Strings; quoted fields are
    unquoted."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = "train" if usage is None else usage
        _check_usage(self.usage, ("train", "test", "dev"))
        path = os.path.join(dataset_dir, f"{self.usage}.tsv")
        raw, quoted = _read_csv(path, 2, "SST2", delimiter="\t", skip_header=True)
        if self.usage == "test":
            cols, rows = ["sentence"], [[np.array(r[1])] for r in raw]
        else:
            cols, rows = ["sentence", "label"], [[np.array(r[0]), np.array(r[1])] for r in raw]
        self._setup([rows], cols, locals())


# ------------------------------------------------------------------ line-per-row sets
class _LineSource(_FileTextSource):
    _files = {}
    _what = ""
    _keep_empty = False

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, tuple(self._files))
        per_file = [
            [
                [np.array(ln)]
                for ln in _lines(_open_file(os.path.join(dataset_dir, n), self._what))
                if ln or self._keep_empty
            ]
            for n in self._files[self.usage]
        ]
        self._setup(per_file, ["text"], locals())


_TVT = {"train": ["train"], "valid": ["valid"], "test": ["test"], "all": ["test", "train", "valid"]}


class WikiTextDataset(_LineSource):
    """WikiText-2 / WikiText-103 ``wiki.{train,valid,test}.tokens``: one row per line (column text, string,
    empty lines skipped). ``all`` reads test, train, valid."""

    _files = {u: [f"wiki.{f}.tokens" for f in fs] for u, fs in _TVT.items()}
    _what = "WikiText"


class PennTreebankDataset(_LineSource):
    """Penn Treebank ``ptb.{train,valid,test}.txt``: one row per non-empty line (column text, string).
    ``all`` reads test, train, valid."""

    _files = {u: [f"ptb.{f}.txt" for f in fs] for u, fs in _TVT.items()}
    _what = "PennTreebank"


class EnWik9Dataset(_LineSource):
    """EnWik9 ``enwik9``: one row per line (column text, string; empty lines give empty strings)."""

    _files = {"all": ["enwik9"]}
    _what = "EnWik9"
    _keep_empty = True

    def __init__(
        self,
        dataset_dir,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=True,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        super().__init__(
            dataset_dir, None, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


class Multi30kDataset(_FileTextSource):
    """Multi30k ``training/train.{de,en}``, ``validation/val.{de,en}``, ``mmt16_task1_test/test.{de,en}``:
    line ``i`` of the two files makes one row (empty lines skipped; columns text, translation: the
    ``language_pair``
    languages, default ``['en', 'de']``). ``all`` reads test, train, valid."""

    _dirs = {
        "train": ("training", "train"),
        "valid": ("validation", "val"),
        "test": ("mmt16_task1_test", "test"),
    }

    def __init__(
        self,
        dataset_dir,
        usage=None,
        language_pair=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "valid", "test", "all"))
        if language_pair is None:
            language_pair = ["en", "de"]
        if not isinstance(language_pair, (list, tuple)):
            raise TypeError("language_pair should be a type list or tuple of length 2.")
        if len(language_pair) != 2 or sorted(language_pair) != ["de", "en"]:
            raise ValueError(
                f"language_pair should be {['en', 'de']} or {['de', 'en']}, but got {language_pair}."
            )
        self.language_pair = list(language_pair)
        per_file = []
        for u in _TVT[self.usage]:
            sub, stem = self._dirs[u]
            src, tgt = (
                _lines(_open_file(os.path.join(dataset_dir, sub, f"{stem}.{lang}"), "Multi30k"))
                for lang in self.language_pair
            )
            if len(src) != len(tgt):
                raise RuntimeError(
                    f"Invalid data, the number of lines in {stem}.{self.language_pair[0]} and "
                    f"{stem}.{self.language_pair[1]} should be equal."
                )
            per_file.append([[np.array(a), np.array(b)] for a, b in zip(src, tgt) if a or b])
        shuffle = True if shuffle is None else shuffle
        self._setup(per_file, ["text", "translation"], locals())


# ------------------------------------------------------------------ token-per-line sentence sets
def _read_sentences(path, what, sep, names):
    sents, cur = [], []
    for ln in _lines(_open_file(path, what)):
        ln = ln.rstrip("\r")
        if not ln.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        parts = ln.split(sep) if sep else ln.split()
        if len(parts) != 3:
            raise RuntimeError(
                f"Invalid file content, each line should contain three columns, representing {names}."
            )
        cur.append(parts)
    if cur:
        sents.append(cur)
    return [[np.array([t[k] for t in s]) for k in range(3)] for s in sents]


class CoNLL2000Dataset(_FileTextSource):
    """CoNLL-2000 chunking ``train.txt`` / ``test.txt`` (``word pos chunk`` lines, blank line between
    sentences): one row per sentence, columns word, pos_tag, chunk_tag (1-D string arrays).
    ``all`` reads test then train."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        num_parallel_workers=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "test", "all"))
        files = {"train": ["train"], "test": ["test"], "all": ["test", "train"]}[self.usage]
        per_file = [
            _read_sentences(
                os.path.join(dataset_dir, f"{f}.txt"), "CoNLL2000", " ", "word, pos_tag and chunk_tag"
            )
            for f in files
        ]
        self._setup(per_file, ["word", "pos_tag", "chunk_tag"], locals())


class UDPOSDataset(_FileTextSource):
    """UDPOS ``en-ud-tag.v2.{train,dev,test}.txt`` (``word<TAB>universal<TAB>stanford`` lines, blank line
    between sentences): one row per sentence, columns word, universal, stanford (1-D string arrays).
    ``usage``: train, valid (the dev file), test or all (files in name order: dev, test, train)."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        num_parallel_workers=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "valid", "test", "all"))
        per_file = [
            _read_sentences(
                os.path.join(dataset_dir, f"en-ud-tag.v2.{'dev' if f == 'valid' else f}.txt"),
                "UDPOS",
                "\t",
                "word, universal and stanford",
            )
            for f in {"all": ["valid", "test", "train"]}.get(self.usage, [self.usage])
        ]
        self._setup(per_file, ["word", "universal", "stanford"], locals())


# ------------------------------------------------------------------ JSON sets
class SQuADDataset(_FileTextSource):
    """SQuAD 1.1 / 2.0 ``{train,dev}-v{1.1,2.0}.json``: one row per question, columns context, question
    (strings), text (1-D strings) and answer_start (1-D uint32). An unanswerable question (no answers)
    gives text ``['']`` and answer_start ``[4294967295]``. ``usage``: train, dev or all (train, dev)."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "dev", "all"))
        names = sorted(os.listdir(dataset_dir))
        per_file = []
        for u in {"train": ["train"], "dev": ["dev"], "all": ["train", "dev"]}[self.usage]:
            found = [n for n in names if n in (f"{u}-v1.1.json", f"{u}-v2.0.json")]
            if not found:
                raise RuntimeError(f"Invalid file, failed to find SQuAD {u} file in {dataset_dir}.")
            with open(os.path.join(dataset_dir, found[0]), encoding="utf-8") as f:
                data = json.load(f)
            rows = []
            for article in data.get("data", []):
                for para in article["paragraphs"]:
                    for qa in para["qas"]:
                        ans = qa.get("answers") or []
                        texts = [a["text"] for a in ans] or [""]
                        starts = [a["answer_start"] for a in ans] or [_UINT32_MAX]
                        rows.append(
                            [
                                np.array(para["context"]),
                                np.array(qa["question"]),
                                np.array(texts),
                                np.array(starts, dtype=np.uint32),
                            ]
                        )
            per_file.append(rows)
        self._setup(per_file, ["context", "question", "text", "answer_start"], locals())


_CLUE_KEYS = {
    ("AFQMC", "train"): ["sentence1", "sentence2", "label"],
    ("AFQMC", "test"): ["id", "sentence1", "sentence2"],
    ("TNEWS", "train"): ["label", "label_desc", "sentence", "keywords"],
    ("TNEWS", "test"): ["id", "sentence", "keywords"],
    ("IFLYTEK", "train"): ["label", "label_des", "sentence"],
    ("IFLYTEK", "test"): ["id", "sentence"],
    ("CMNLI", "train"): ["sentence1", "sentence2", "label"],
    ("CMNLI", "test"): ["id", "sentence1", "sentence2"],
    ("WSC", "train"): ["span1_index", "span2_index", "span1_text", "span2_text", "idx", "text", "label"],
    ("WSC", "test"): ["span1_index", "span2_index", "span1_text", "span2_text", "idx", "text"],
    ("CSL", "train"): ["id", "abst", "keyword", "label"],
    ("CSL", "test"): ["id", "abst", "keyword"],
}
_CLUE_UINT = {"id", "idx", "span1_index", "span2_index"}


class CLUEDataset(_FileTextSource):
    """CLUE classification tasks (AFQMC, TNEWS, IFLYTEK, CMNLI, WSC, CSL) from JSON-lines files. The columns
    are the task's fields for ``usage`` (train/eval: with the label; test: with ``id`` instead), in sorted
    name order as MindSpore gives them: ids and indices uint32 scalars, CSL's ``keyword`` a 1-D string
    array, everything else a string scalar (WSC's span fields come from its ``target`` object)."""

    def __init__(
        self,
        dataset_files,
        task="AFQMC",
        usage="train",
        num_samples=None,
        num_parallel_workers=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        self.dataset_files = _find_files(dataset_files)
        self.task = "AFQMC" if task is None else task
        self.usage = "train" if usage is None else usage
        _check_type("task", self.task, str)
        if self.task not in ("AFQMC", "TNEWS", "IFLYTEK", "CMNLI", "WSC", "CSL"):
            raise ValueError("task should be 'AFQMC', 'TNEWS', 'IFLYTEK', 'CMNLI', 'WSC' or 'CSL'.")
        _check_type("usage", self.usage, str)
        if self.usage not in ("train", "test", "eval"):
            raise ValueError("usage should be 'train', 'test' or 'eval'.")
        keys = _CLUE_KEYS[(self.task, "test" if self.usage == "test" else "train")]
        cols = sorted(keys)
        per_file = []
        for path in self.dataset_files:
            rows = []
            for ln in _lines(_open_file(path, "CLUE")):
                if not ln.strip():
                    continue
                obj = json.loads(ln)
                if self.task == "WSC":
                    obj = {**obj, **obj.get("target", {})}
                row = []
                for c in cols:
                    if c not in obj:
                        raise RuntimeError(f"Invalid data, failed to find key '{c}' in CLUE file: {path}.")
                    v = obj[c]
                    if c in _CLUE_UINT:
                        row.append(np.array(int(v), dtype=np.uint32))
                    elif isinstance(v, list):
                        row.append(np.array([str(x) for x in v]))
                    else:
                        row.append(np.array(v if isinstance(v, str) else json.dumps(v)))
                rows.append(row)
            per_file.append(rows)
        self._setup(per_file, cols, locals())


# ------------------------------------------------------------------ IWSLT
_IWSLT_TAGS = (
    "<url",
    "<keywords",
    "<talkid",
    "<description",
    "<reviewer",
    "<translator",
    "<title",
    "<speaker",
    "<doc",
    "</doc",
)


def _iwslt_lines(path):
    """Sentences of a ``train.tags`` file (tag lines dropped, stripped) or of a TED ``.xml`` file (its
    ``<seg>`` texts)."""
    if not os.path.isfile(path):
        raise RuntimeError(f"Invalid file, failed to open IWSLT file: {path}.")
    if path.endswith(".xml"):
        import xml.etree.ElementTree as ET

        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            raise RuntimeError(f"Invalid file, failed to load xml file: {path}") from e
        out = [(seg.text or "").strip() for seg in root.iter("seg")]
    else:
        out = [
            ln.strip() for ln in _lines(_open_file(path, "IWSLT")) if not any(t in ln for t in _IWSLT_TAGS)
        ]
    if any(not x for x in out):
        raise RuntimeError("Invalid file, read an empty line.")
    return out


def _check_pair(language_pair, allowed, default):
    if language_pair is None:
        return list(default)
    if not isinstance(language_pair, (list, tuple)):
        raise TypeError("language_pair should be a type list or tuple of length 2.")
    if [*language_pair] not in [list(a) for a in allowed]:
        raise ValueError(
            f"language_pair {language_pair} is not within the valid set of {[list(a) for a in allowed]}."
        )
    return list(language_pair)


class _IWSLTBase(_FileTextSource):
    def _load(self, folder, year, sets, args):
        """Rows of the ``sets`` files in ``folder``; ``args``: the loader's ``locals()`` (see _setup)."""
        src, tgt = self.language_pair
        per_file = []
        for s in sets:
            if s == "train":
                names = [f"train.tags.{src}-{tgt}.{lang}" for lang in (src, tgt)]
            else:
                names = [f"IWSLT{year}.TED.{s}.{src}-{tgt}.{lang}.xml" for lang in (src, tgt)]
            a, b = (_iwslt_lines(os.path.join(folder, n)) for n in names)
            per_file.append([[np.array(x), np.array(y)] for x, y in zip(a, b)])
        self._setup(per_file, ["text", "translation"], args)


_IWSLT16_PAIRS = (
    ("en", "ar"),
    ("en", "de"),
    ("en", "fr"),
    ("en", "cs"),
    ("ar", "en"),
    ("fr", "en"),
    ("de", "en"),
    ("cs", "en"),
)
_IWSLT16_SETS = ("dev2010", "tst2010", "tst2011", "tst2012", "tst2013", "tst2014")
_IWSLT17_LANGS = ("en", "nl", "de", "it", "ro")


class IWSLT2016Dataset(_IWSLTBase):
    """IWSLT 2016 TED translations from ``texts/<src>/<tgt>/<src>-<tgt>/``: ``train.tags.<pair>.<lang>``
    (tag lines dropped) for train, ``IWSLT16.TED.<set>.<pair>.<lang>.xml`` (``<seg>`` texts) for valid
    (``valid_set``, default tst2013) and test (``test_set``, default tst2014). Columns text (source
    language) and translation (strings). ``all`` reads train, valid, test. MindSpore also writes the cleaned
    sentence files next to the originals; this reader does not."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        language_pair=None,
        valid_set=None,
        test_set=None,
        num_samples=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        num_parallel_workers=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "valid", "test", "all"))
        self.language_pair = _check_pair(language_pair, _IWSLT16_PAIRS, ("de", "en"))
        self.valid_set = "tst2013" if valid_set is None else valid_set
        self.test_set = "tst2014" if test_set is None else test_set
        for name, v in (("valid_set", self.valid_set), ("test_set", self.test_set)):
            _check_type(name, v, str)
            if v not in _IWSLT16_SETS:
                raise ValueError(f"Input {name} is not within the valid set of {list(_IWSLT16_SETS)}.")
        src, tgt = self.language_pair
        folder = os.path.join(dataset_dir, "texts", src, tgt, f"{src}-{tgt}")
        sets = {
            "train": ["train"],
            "valid": [self.valid_set],
            "test": [self.test_set],
            "all": ["train", self.valid_set, self.test_set],
        }[self.usage]
        self._load(folder, 16, sets, locals())


class IWSLT2017Dataset(_IWSLTBase):
    """IWSLT 2017 multilingual TED translations from ``texts/DeEnItNlRo/DeEnItNlRo/DeEnItNlRo-DeEnItNlRo/``:
    train from ``train.tags.<pair>.<lang>``, valid from dev2010 and test from tst2010
    ``IWSLT17.TED.<set>.<pair>.<lang>.xml``. Columns text and translation (strings); ``all`` reads train,
    valid, test."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        language_pair=None,
        num_samples=None,
        shuffle=Shuffle.GLOBAL,
        num_shards=None,
        shard_id=None,
        num_parallel_workers=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "valid", "test", "all"))
        pairs = [(a, b) for a in _IWSLT17_LANGS for b in _IWSLT17_LANGS if a != b]
        self.language_pair = _check_pair(language_pair, pairs, ("de", "en"))
        folder = os.path.join(dataset_dir, "texts", "DeEnItNlRo", "DeEnItNlRo", "DeEnItNlRo-DeEnItNlRo")
        sets = {
            "train": ["train"],
            "valid": ["dev2010"],
            "test": ["tst2010"],
            "all": ["train", "dev2010", "tst2010"],
        }[self.usage]
        self._load(folder, 17, sets, locals())


# ------------------------------------------------------------------ IMDB (random access)
class IMDBDataset(MappableDataset, TextBaseDataset):
    """IMDb reviews ``{train,test}/{pos,neg}/*.txt``: columns text (string: the file's last non-empty
    line, as MindSpore's reader keeps) and label (int32: pos 1, neg 0). Rows: train then test, pos then
    neg, files in sorted name order."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "test", "all"))
        self.column_names = ["text", "label"]
        self._files, labels = [], []
        for u in ["train", "test"] if self.usage == "all" else [self.usage]:
            for lab, val in (("pos", 1), ("neg", 0)):
                folder = os.path.join(dataset_dir, u, lab)
                if not os.path.isdir(folder):
                    raise RuntimeError(
                        f"Invalid parameter, dataset dir may not exist or is not a directory: {folder}"
                    )
                for f in sorted(os.listdir(folder)):
                    p = os.path.join(folder, f)
                    if os.path.isfile(p):
                        self._files.append(p)
                        labels.append(val)
        self._labels = np.asarray(labels, dtype=np.int32)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._files)

    def _read(self, index):
        with open(self._files[index], encoding="utf-8", newline="") as f:
            lines = [ln for ln in _lines(f.read()) if ln]
        return [np.array(lines[-1] if lines else ""), np.array(self._labels[index], dtype=np.int32)]


__all__ = [
    "IMDBDataset",
    "SST2Dataset",
    "AmazonReviewDataset",
    "YahooAnswersDataset",
    "SogouNewsDataset",
    "CLUEDataset",
    "CoNLL2000Dataset",
    "UDPOSDataset",
    "WikiTextDataset",
    "PennTreebankDataset",
    "EnWik9Dataset",
    "Multi30kDataset",
    "SQuADDataset",
    "IWSLT2016Dataset",
    "IWSLT2017Dataset",
]
