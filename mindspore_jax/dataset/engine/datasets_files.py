"""Sources over plain file formats: TFRecord (tf.train.Example), CSV and text lines.

Files are parsed at construction into rows (lists of numpy arrays) and then served like any
random-access source, so ``shuffle``/``num_shards``/``num_samples`` behave as for the other loaders.
``shuffle`` takes a bool or :class:`Shuffle` (GLOBAL/FILES/INFILE: all mean "shuffled" here; the
order of a shuffled epoch is not MindSpore's). Files are read in sorted name order and, unshuffled,
their rows interleave one by one, as MindSpore's parallel file readers give them. Sharding splits
rows (MindSpore shards whole files when it can), so shard contents may differ from MindSpore's.
"""

import csv
import glob
import os
from enum import Enum

import numpy as np

from . import _tfrecord
from .datasets import MappableDataset, Schema, SourceDataset, TextBaseDataset, UnionBaseDataset


class Shuffle(str, Enum):
    """Shuffle levels of file-based sources."""

    GLOBAL = "global"
    FILES = "files"
    INFILE = "infile"


def _shuffle_flag(shuffle):
    if shuffle is None or isinstance(shuffle, Shuffle):
        return True
    if not isinstance(shuffle, bool):
        raise TypeError(f"Argument shuffle with value {shuffle} is not of type [<class 'bool'>, "
                        "<enum 'Shuffle'>].")
    return shuffle


def _find_files(dataset_files):
    if isinstance(dataset_files, str):
        files = sorted(glob.glob(dataset_files)) or [dataset_files]
    elif isinstance(dataset_files, (list, tuple)):
        files = list(dataset_files)
    else:
        raise TypeError(f"Argument dataset_files with value {dataset_files} is not of type "
                        "[<class 'list'>, <class 'str'>].")
    if not files:
        raise ValueError("The following patterns did not match any files: " + str(dataset_files))
    for f in files:
        if not os.path.isfile(f):
            raise ValueError(f"The following patterns did not match any files: {f}")
    return sorted(files)


def _interleave(per_file):
    """Rows of several files in MindSpore's unshuffled order: one row of each file in turn."""
    out, its = [], [iter(rows) for rows in per_file]
    while its:
        alive = []
        for it in its:
            row = next(it, None)
            if row is not None:
                out.append(row)
                alive.append(it)
        its = alive
    return out


class _RowsDataset(MappableDataset):
    """A source serving pre-parsed rows (``rows``: one list of rows per file, interleaved)."""

    def __init__(self, rows, column_names, num_samples, num_parallel_workers, shuffle, num_shards, shard_id,
                 cache):
        self._rows = _interleave(rows)
        self.column_names = list(column_names)
        super().__init__(num_parallel_workers, None, num_samples, _shuffle_flag(shuffle), num_shards,
                         shard_id, cache)

    def _col_names(self):
        return list(self.column_names)

    def _length(self):
        return len(self._rows)

    def _read(self, index):
        return [np.array(v, copy=True) if isinstance(v, np.ndarray) else v for v in self._rows[index]]


# ------------------------------------------------------------------ TFRecord
def _schema_columns(schema):
    if schema is None:
        return None, None
    if isinstance(schema, str):
        schema = Schema(schema)
    cols = {c["name"]: c for c in schema.columns}
    return cols, schema.num_rows


def _feature_value(kind, vals):
    if kind == "bytes":
        if len(vals) == 1:
            return np.frombuffer(vals[0], dtype=np.uint8).copy()
        return np.array(vals, dtype=np.bytes_)
    return vals


class TFRecordDataset(_RowsDataset, SourceDataset, UnionBaseDataset):
    """Rows of ``tf.train.Example`` records: int64_list -> int64, float_list -> float32 and a single
    bytes value -> uint8 array (1-D). Without a schema, columns are every feature of the first record in
    sorted name order; a :class:`Schema` (or its JSON file) selects, casts and reshapes columns."""

    def __init__(self, dataset_files, schema=None, columns_list=None, num_samples=None,
                 num_parallel_workers=None, shuffle=Shuffle.GLOBAL, num_shards=None, shard_id=None,
                 shard_equal_rows=False, cache=None, compression_type=None):
        self.dataset_files = _find_files(dataset_files)
        compression_type = compression_type or ""
        if compression_type not in ("", "GZIP", "ZLIB"):
            raise ValueError("Input compression_type can only be either '' (no compression), 'ZLIB', "
                             "or 'GZIP'.")
        self.compression_type, self.shard_equal_rows = compression_type, shard_equal_rows
        self.schema = schema
        scols, num_rows = _schema_columns(schema)
        if num_samples in (None, 0) and num_rows:
            num_samples = num_rows
        rows, names = [], None
        for path in self.dataset_files:
            rows.append([])
            for rec in _tfrecord.read_records(path, compression_type):
                ex = _tfrecord.decode_example(rec)
                if names is None:
                    if columns_list:
                        names = list(columns_list)
                    elif scols is not None:
                        names = list(scols)
                    else:
                        names = sorted(ex)
                row = []
                for n in names:
                    if n not in ex:
                        raise RuntimeError(f"Invalid columns_list, column name: {n} does not exist in "
                                           f"the TFRecord file {path}.")
                    v = _feature_value(*ex[n])
                    if scols is not None and n in scols:
                        c = scols[n]
                        v = np.asarray(v).astype(c["type"]) if c["type"].kind != "S" else v
                        if c["shape"]:
                            v = v.reshape(c["shape"])
                    row.append(v)
                rows[-1].append(row)
        self.columns_list = columns_list
        super().__init__(rows, names or [], num_samples, num_parallel_workers, shuffle, num_shards, shard_id,
                         cache)


# ------------------------------------------------------------------ CSV
def _csv_value(text, default, line, path):
    if isinstance(default, str) or default is None:
        return np.array(text)
    if text == "":
        return np.array(default, dtype=np.int32 if isinstance(default, int) else np.float32)
    try:
        if isinstance(default, int) and not isinstance(default, bool):
            return np.array(int(text), dtype=np.int32)
        return np.array(float(text), dtype=np.float32)
    except ValueError:
        raise RuntimeError(f"Invalid csv, csv file: {path} parse failed at line {line}, type does not "
                           "match.") from None


class CSVDataset(_RowsDataset, SourceDataset, UnionBaseDataset):
    """Rows of CSV files: each field a scalar, typed by ``column_defaults`` (int -> int32, float ->
    float32, str/none -> string); without ``column_names`` the first line of the first file names them."""

    def __init__(self, dataset_files, field_delim=",", column_defaults=None, column_names=None,
                 num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL, num_shards=None,
                 shard_id=None, cache=None):
        self.dataset_files = _find_files(dataset_files)
        if field_delim in ('"', "\r", "\n") or len(field_delim) != 1:
            raise ValueError("field_delim is invalid.")
        self.field_delim, self.column_defaults = field_delim, column_defaults
        rows, names = [], list(column_names) if column_names else None
        for path in self.dataset_files:
            rows.append([])
            with open(path, newline="") as f:
                lines = list(csv.reader(f, delimiter=field_delim))
            start = 0
            if column_names is None:
                if names is None and lines:
                    names = lines[0]
                start = 1  # every file has the header line then
            for ln, fields in enumerate(lines[start:], start=start + 1):
                if not fields:
                    continue
                if len(fields) != len(names):
                    raise RuntimeError(f"Invalid csv, csv file: {path} parse failed at line {ln}, the number "
                                       f"of columns does not match the number of column_names "
                                       f"({len(names)}).")
                defaults = column_defaults or [None] * len(names)
                rows[-1].append([_csv_value(t, d, ln, path) for t, d in zip(fields, defaults)])
        self.column_names = names or []
        super().__init__(rows, self.column_names, num_samples, num_parallel_workers, shuffle, num_shards,
                         shard_id, cache)


# ------------------------------------------------------------------ text lines
class TextFileDataset(_RowsDataset, SourceDataset, TextBaseDataset):
    """One row per non-empty line of the text files (column ``text``, a string scalar)."""

    def __init__(self, dataset_files, num_samples=None, num_parallel_workers=None, shuffle=Shuffle.GLOBAL,
                 num_shards=None, shard_id=None, cache=None):
        self.dataset_files = _find_files(dataset_files)
        rows = []
        for path in self.dataset_files:
            with open(path, encoding="utf-8") as f:
                rows.append([[np.array(line)] for line in f.read().splitlines() if line])
        super().__init__(rows, ["text"], num_samples, num_parallel_workers, shuffle, num_shards, shard_id,
                         cache)


__all__ = ["CSVDataset", "Shuffle", "TFRecordDataset", "TextFileDataset"]
