"""Text classification loaders over their CSV files: AG News, DBpedia, Yelp Review.

Every field is a string scalar (MindSpore does not convert the class column). ``usage='all'`` reads
both split files with their rows interleaved one by one, in MindSpore's file order per loader.
``shuffle`` takes a bool or ``Shuffle`` (any Shuffle level means shuffled here).
"""

import csv
import os

import numpy as np

from .engine.datasets import SourceDataset, TextBaseDataset
from .engine.datasets_files import Shuffle, _RowsDataset
from .engine.datasets_vision import _check_dir, _check_usage


class _CsvTextDataset(_RowsDataset, SourceDataset, TextBaseDataset):
    _columns = ()
    _files = {}  # usage -> file names, in MindSpore's order
    _usages = ("train", "test", "all")

    def __init__(
        self, dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, self._usages)
        rows = []
        for name in self._files[self.usage]:
            path = os.path.join(dataset_dir, name)
            if not os.path.isfile(path):
                raise RuntimeError(f"Invalid file, failed to open {type(self).__name__} file: {path}.")
            with open(path, newline="", encoding="utf-8") as f:
                lines = [r for r in csv.reader(f) if r]
            for ln, r in enumerate(lines, 1):
                if len(r) != len(self._columns):
                    raise RuntimeError(
                        f"Invalid csv, csv file: {path} parse failed at line {ln}, the number of "
                        f"columns does not match ({len(self._columns)})."
                    )
            rows.append([[np.array(v) for v in r] for r in lines])
        super().__init__(
            rows, self._columns, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


class AGNewsDataset(_CsvTextDataset):
    """AG News ``train.csv`` / ``test.csv``: columns index, title, description (strings)."""

    _columns = ("index", "title", "description")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}

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
        super().__init__(
            dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


class DBpediaDataset(_CsvTextDataset):
    """DBpedia ``train.csv`` / ``test.csv``: columns class, title, content (strings)."""

    _columns = ("class", "title", "content")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}

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
        super().__init__(
            dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


class YelpReviewDataset(_CsvTextDataset):
    """Yelp Review (polarity or full) ``train.csv`` / ``test.csv``: columns label, text (strings)."""

    _columns = ("label", "text")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["train.csv", "test.csv"]}

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
        super().__init__(
            dataset_dir, usage, num_samples, num_parallel_workers, shuffle, num_shards, shard_id, cache
        )


__all__ = ["AGNewsDataset", "DBpediaDataset", "YelpReviewDataset"]
