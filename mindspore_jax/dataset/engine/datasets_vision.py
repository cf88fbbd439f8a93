"""Loaders for standard image datasets stored on disk in their original formats.

MNIST (idx-ubyte, plain or .gz), CIFAR-10/100 (binary batches) and ImageFolder (one folder per
class). Files are indexed at construction and read lazily row by row through the sampler.
"""

import gzip
import os

import numpy as np

from ._source_args import _attach_labels, _check_dir, _check_usage
from .datasets import MappableDataset, VisionBaseDataset


def _read_bytes(path):
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
        return f.read()


def _find(dataset_dir, name):
    for cand in (name, name + ".gz"):
        p = os.path.join(dataset_dir, cand)
        if os.path.isfile(p):
            return p
    return None


def _read_idx(path, magic, what):
    raw = _read_bytes(path)
    if len(raw) < 8 or int.from_bytes(raw[:4], "big") != magic:
        raise RuntimeError(f"Invalid file, this file {path} is not a MNIST {what} file (bad magic number).")
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise RuntimeError(f"Invalid file, {path} is truncated: expected {int(np.prod(dims))} bytes of data.")
    return data.reshape(dims)


def _read_idx_pairs(dataset_dir, stems, skip_missing, api, missing):
    """Images (n, H, W, 1) uint8 and labels uint32 of the ``<stem>-{images-idx3,labels-idx1}-ubyte`` file
    pairs (plain or .gz), in ``stems`` order. A missing pair is skipped when ``skip_missing``, else an error
    naming ``missing(stem)``; no pair at all is an error naming the dataset ``api``."""
    images, labels = [], []
    for stem in stems:
        ip = _find(dataset_dir, f"{stem}-images-idx3-ubyte")
        lp = _find(dataset_dir, f"{stem}-labels-idx1-ubyte")
        if ip is None or lp is None:
            if skip_missing:
                continue
            raise RuntimeError(f"Invalid file, failed to find {missing(stem)} in {dataset_dir}.")
        im = _read_idx(ip, 2051, "image")
        lb = _read_idx(lp, 2049, "label")
        if len(im) != len(lb):
            raise RuntimeError(f"Invalid data, num of images: {len(im)} is not equal to num of labels: "
                               f"{len(lb)}.")
        images.append(im)
        labels.append(lb)
    if not images:
        raise RuntimeError(f"Invalid data, no valid data matching the dataset API {api}. "
                           f"Please check dataset API or file path: {dataset_dir}.")
    return np.concatenate(images)[..., None], np.concatenate(labels).astype(np.uint32)


class MnistDataset(MappableDataset, VisionBaseDataset):
    """MNIST from ``{train,t10k}-{images-idx3,labels-idx1}-ubyte``: image uint8 (28,28,1), label uint32."""

    # "all" reads the files in sorted-name order (t10k before train), as MindSpore does
    _prefixes = {"train": ["train"], "test": ["t10k"], "all": ["t10k", "train"]}

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "test", "all"))
        self.column_names = ["image", "label"]
        self._images, self._labels = _read_idx_pairs(
            dataset_dir, self._prefixes[self.usage], self.usage == "all", "MnistDataset",
            lambda stem: f"{stem}-images-idx3-ubyte / {stem}-labels-idx1-ubyte")
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        return [self._images[index], np.array(self._labels[index], dtype=np.uint32)]

    def num_classes(self):
        return None


class FashionMnistDataset(MnistDataset):
    """Fashion-MNIST: same files and layout as MNIST."""


class KMnistDataset(MnistDataset):
    """KMNIST: same files and layout as MNIST."""


class _CifarBase(MappableDataset, VisionBaseDataset):
    _label_bytes = 1

    def __init__(self, dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler,
                 num_shards, shard_id, cache):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "test", "all"))
        files = sorted(f for f in os.listdir(dataset_dir) if f.endswith(".bin"))
        chosen = [f for f in files if self._is_usage(f)]
        if not chosen:
            raise RuntimeError(f"Invalid file, failed to find {self.__class__.__name__} files for usage "
                               f"'{self.usage}' in {dataset_dir}.")
        rec = self._label_bytes + 3072
        self._records = []  # memory-mapped: rows are read (and transposed) on demand
        for f in chosen:
            path = os.path.join(dataset_dir, f)
            size = os.path.getsize(path)
            if size % rec:
                raise RuntimeError(f"Invalid file, {f} has a size that is not a multiple of the record "
                                   f"size {rec}.")
            if size:
                self._records.append(np.memmap(path, dtype=np.uint8, mode="r").reshape(-1, rec))
        self._starts = np.cumsum([0] + [len(r) for r in self._records])
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        if hasattr(self.sampler, "_labels"):
            self.sampler._labels = np.concatenate([r[:, self._label_bytes - 1] for r in self._records])

    def _length(self):
        return int(self._starts[-1])

    def _read(self, index):
        f = int(np.searchsorted(self._starts, index, side="right")) - 1
        rec = self._records[f][index - self._starts[f]]
        image = np.ascontiguousarray(rec[self._label_bytes:].reshape(3, 32, 32).transpose(1, 2, 0))
        return [image] + [np.array(v, dtype=np.uint32) for v in rec[: self._label_bytes]]


class Cifar10Dataset(_CifarBase):
    """CIFAR-10 binary version (``data_batch_*.bin``, ``test_batch.bin``): image uint8 HWC, label uint32."""

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.column_names = ["image", "label"]
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id, cache)

    def _is_usage(self, f):
        train, test = f.startswith("data_batch"), f.startswith("test_batch")
        return {"train": train, "test": test, "all": train or test}[self.usage]


class Cifar100Dataset(_CifarBase):
    """CIFAR-100 binary version (``train.bin``, ``test.bin``): image, coarse_label, fine_label."""

    _label_bytes = 2

    def __init__(self, dataset_dir, usage=None, num_samples=None, num_parallel_workers=None, shuffle=None,
                 sampler=None, num_shards=None, shard_id=None, cache=None):
        self.column_names = ["image", "coarse_label", "fine_label"]
        super().__init__(dataset_dir, usage, num_samples, num_parallel_workers, shuffle, sampler, num_shards,
                         shard_id, cache)

    def _is_usage(self, f):
        train, test = f.startswith("train"), f.startswith("test")
        return {"train": train, "test": test, "all": train or test}[self.usage]


class ImageFolderDataset(MappableDataset, VisionBaseDataset):
    """Images in ``dataset_dir/<class>/<file>``; label int32 is the class's index in sorted order.

    ``image`` is the raw file bytes (uint8, 1-D) unless ``decode=True`` (then RGB HWC uint8, via PIL).
    """

    def __init__(self, dataset_dir, num_samples=None, num_parallel_workers=None, shuffle=None, sampler=None,
                 extensions=None, class_indexing=None, decode=False, num_shards=None, shard_id=None,
                 cache=None, decrypt=None):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.column_names = ["image", "label"]
        self.decode = decode
        self.decrypt = decrypt
        exts = tuple(extensions) if extensions else None  # None: every file; matched case-sensitively
        classes = sorted(d for d in os.listdir(dataset_dir) if os.path.isdir(os.path.join(dataset_dir, d)))
        if class_indexing is not None:
            if not isinstance(class_indexing, dict):
                raise TypeError("class_indexing should be a dict of {class name: label}.")
            self.class_indexing = dict(class_indexing)
            classes = [c for c in classes if c in self.class_indexing]
        else:
            self.class_indexing = {c: i for i, c in enumerate(classes)}
        self._files, labels = [], []
        for c in classes:
            folder = os.path.join(dataset_dir, c)
            for f in sorted(os.listdir(folder)):
                p = os.path.join(folder, f)
                if os.path.isfile(p) and (exts is None or f.endswith(exts)):
                    self._files.append(p)
                    labels.append(self.class_indexing[c])
        if not self._files:
            raise RuntimeError(f"Invalid data, no valid data matching the dataset API ImageFolderDataset. "
                               f"Please check dataset API or file path: {dataset_dir}.")
        self._labels = np.asarray(labels, dtype=np.int32)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._files)

    def _read(self, index):
        with open(self._files[index], "rb") as f:
            raw = f.read()
        if self.decrypt is not None:
            raw = self.decrypt(raw)
        image = np.frombuffer(raw, dtype=np.uint8).copy()
        if self.decode:
            from ..vision.transforms import Decode

            image = Decode()(image)
        return [image, np.array(self._labels[index], dtype=np.int32)]

    def num_classes(self):
        return len(set(self.class_indexing.values()))

    def get_class_indexing(self):
        return dict(self.class_indexing)


__all__ = ["MnistDataset", "FashionMnistDataset", "KMnistDataset", "Cifar10Dataset", "Cifar100Dataset",
           "ImageFolderDataset"]
