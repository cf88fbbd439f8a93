"""Text classification loaders over their CSV files: AG News, DBpedia, Yelp Review.

Every field is a string scalar (MindSpore does not convert the class column). ``usage='all'`` reads
both split files in MindSpore's file order per loader; file order, worker interleaving and sharding
follow MindSpore's CSV readers (see text_datasets2). ``shuffle`` takes a bool or ``Shuffle`` (any
Shuffle level means shuffled here).
"""

from .text_datasets2 import _CsvSource


class _CsvTextDataset(_CsvSource):
    """Shared CSV reader (text_datasets2._CsvSource): MindSpore's file/worker order and sharding."""

    _columns = ()
    _files = {}  # usage -> file names, in MindSpore's order

    @property
    def _what(self):
        return type(self).__name__.replace("Dataset", "")


class AGNewsDataset(_CsvTextDataset):
    """AG News ``train.csv`` / ``test.csv``: columns index, title, description (strings)."""

    _columns = ("index", "title", "description")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}


class DBpediaDataset(_CsvTextDataset):
    """DBpedia ``train.csv`` / ``test.csv``: columns class, title, content (strings)."""

    _columns = ("class", "title", "content")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["test.csv", "train.csv"]}


class YelpReviewDataset(_CsvTextDataset):
    """Yelp Review (polarity or full) ``train.csv`` / ``test.csv``: columns label, text (strings)."""

    _columns = ("label", "text")
    _files = {"train": ["train.csv"], "test": ["test.csv"], "all": ["train.csv", "test.csv"]}


__all__ = ["AGNewsDataset", "DBpediaDataset", "YelpReviewDataset"]
