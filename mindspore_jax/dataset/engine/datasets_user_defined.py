"""Sources built from Python objects: GeneratorDataset, NumpySlicesDataset, PaddedDataset."""

import numpy as np

from .datasets import MappableDataset, _as_row, _check_columns, _user_error
from . import samplers as _samplers


def _is_random_access(source):
    return hasattr(source, "__getitem__") and hasattr(source, "__len__")


def _np_types(column_types):
    if column_types is None:
        return None
    from ...common import dtype as mstype

    out = []
    for t in column_types:
        out.append(np.dtype(mstype.dtype_to_nptype(t)) if isinstance(t, mstype.Type) else np.dtype(t))
    return out


class GeneratorDataset(MappableDataset):
    """Rows from a Python source: a generator function, an iterable, or a random-access object.

    A random-access source (``__getitem__`` + ``__len__``) is read through a sampler (shuffled by
    default, shardable); an iterable or generator is read in order.
    """

    def __init__(self, source, column_names=None, column_types=None, schema=None, num_samples=None,
                 num_parallel_workers=1, shuffle=None, sampler=None, num_shards=None, shard_id=None,
                 python_multiprocessing=True, max_rowsize=None, batch_sampler=None, collate_fn=None):
        if not (callable(source) or hasattr(source, "__iter__") or _is_random_access(source)):
            raise TypeError("Input `source` function of GeneratorDataset should be callable, iterable or "
                            "random accessible, commonly it should implement one of the method like yield, "
                            "__getitem__ or __next__(__iter__).")
        if schema is not None:
            from .datasets import Schema

            if isinstance(schema, str):
                schema = Schema(schema)
            column_names = schema.get_col_names()
            column_types = [c["type"] for c in schema.columns]
        if column_names is None:
            raise ValueError("Neither columns_names nor schema are provided.")
        self.column_names = _check_columns("column_names", column_names)
        self.column_types = _np_types(column_types)
        if self.column_types is not None and len(self.column_types) != len(self.column_names):
            raise ValueError("The number of column_types should be equal to the number of column_names.")
        self.source = source
        self.random_access = _is_random_access(source)
        if not self.random_access:
            if sampler is not None:
                raise ValueError("sampler is not supported if 'source' is not random accessible.")
            if shuffle:
                raise ValueError("shuffle is not supported if 'source' is not random accessible.")
            if num_shards is not None:
                raise ValueError("num_shards is not supported if 'source' is not random accessible.")
            shuffle = False
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id)
        self.python_multiprocessing = python_multiprocessing
        self.max_rowsize = max_rowsize
        self.batch_sampler, self.collate_fn = batch_sampler, collate_fn

    def _length(self):
        return len(self.source)

    def _convert(self, item):
        try:
            row = _as_row(item, "the input")
        except TypeError as e:
            raise _user_error("GeneratorDataset", e) from e
        if len(row) != len(self.column_names):
            raise RuntimeError(
                "Exception thrown from user defined Python function in dataset. Invalid Python function, the "
                "'source' of 'GeneratorDataset' should return same number of NumPy arrays as specified in "
                f"column_names, the size of column_names is:{len(self.column_names)} and number of returned "
                f"NumPy array is:{len(row)}")
        if self.column_types is not None:
            for v, t in zip(row, self.column_types):
                if isinstance(v, np.ndarray) and v.dtype != t:
                    raise RuntimeError(
                        "Exception thrown from user defined Python function in dataset. Invalid "
                        "Python function, "
                        "type of returned data in 'GeneratorDataset' should be same with "
                        "specified column_types, "
                        f"but the type of returned data: {v.dtype}, specified column type: {t}")
        return row

    def _read(self, index):
        try:
            item = self.source[index]
        except Exception as e:
            raise _user_error("GeneratorDataset source __getitem__", e) from e
        return self._convert(item)

    def _epoch(self, ctx):
        if self.random_access:
            yield from super()._epoch(ctx)
            return
        src = self.source() if callable(self.source) and not hasattr(self.source, "__iter__") else self.source
        it = iter(src)
        k = 0
        while self.num_samples is None or self.num_samples == 0 or k < self.num_samples:
            try:
                item = next(it)
            except StopIteration:
                return
            except Exception as e:
                raise _user_error("GeneratorDataset source", e) from e
            yield self._convert(item)
            k += 1

    def _size(self):
        if self.random_access:
            return super()._size()
        return None


def _slices_columns(data, column_names):
    if isinstance(data, dict):
        names = list(data.keys())
        cols = [np.asarray(v) for v in data.values()]
    elif isinstance(data, tuple):
        cols = [np.asarray(v) for v in data]
        names = [f"column_{i}" for i in range(len(cols))]
    else:
        cols = [np.asarray(data)]
        names = ["column_0"]
    if column_names is not None:
        column_names = _check_columns("column_names", column_names)
        if len(column_names) != len(cols):
            raise ValueError(f"The number of column_names: {len(column_names)} should be equal "
                             "to the number of "
                             f"columns in data: {len(cols)}.")
        names = column_names
    for c in cols:
        if c.ndim == 0:
            raise ValueError("Input data should be a list, tuple, dict or numpy.ndarray with at "
                             "least 1 dimension.")
        if c.dtype == object:
            raise TypeError("Data type of the input or its converted Numpy array is expected to "
                            "be int or float or "
                            f"str, but got {c.dtype}.")
    n = len(cols[0])
    if any(len(c) != n for c in cols):
        raise ValueError("Inconsistent data: all columns should have the same number of rows.")
    return names, cols


class NumpySlicesDataset(GeneratorDataset):
    """Rows are the slices along the first axis of in-memory data (dict / list / tuple / array)."""

    def __init__(self, data, column_names=None, num_samples=None, num_parallel_workers=1, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None):
        names, cols = _slices_columns(data, column_names)
        self._columns = cols
        super().__init__(_Slices(cols), column_names=names, num_samples=num_samples,
                         num_parallel_workers=num_parallel_workers, shuffle=shuffle, sampler=sampler,
                         num_shards=num_shards, shard_id=shard_id)

    def _read(self, index):
        return [np.asarray(c[index]) for c in self._columns]


class _Slices:
    def __init__(self, cols):
        self.cols = cols

    def __getitem__(self, i):
        return tuple(c[i] for c in self.cols)

    def __len__(self):
        return len(self.cols[0])


class PaddedDataset(MappableDataset):
    """Rows given as a list of dicts (used to pad a sharded dataset to equal shard sizes)."""

    def __init__(self, padded_samples):
        if not isinstance(padded_samples, list) or not padded_samples:
            raise ValueError("padded_samples should be a non-empty list of dict.")
        if not all(isinstance(s, dict) for s in padded_samples):
            raise TypeError("padded_samples should be a list of dict.")
        self.column_names = list(padded_samples[0].keys())
        for s in padded_samples:
            if list(s.keys()) != self.column_names:
                raise ValueError("Every sample of padded_samples must have the same columns.")
        self.padded_samples = [[np.asarray(s[c]) for c in self.column_names] for s in padded_samples]
        super().__init__(sampler=_samplers.SequentialSampler())

    def _length(self):
        return len(self.padded_samples)

    def _read(self, index):
        return list(self.padded_samples[index])


__all__ = ["GeneratorDataset", "NumpySlicesDataset", "PaddedDataset"]
