"""More image loaders over their standard on-disk formats: USPS (libsvm text), Semeion (text),
EMNIST (idx-ubyte), SVHN (.mat, read with scipy.io), STL-10 (binary).

Files are indexed at construction and rows are served through the sampler, like the MNIST/CIFAR
loaders (``usage``, ``num_samples``, ``shuffle``, ``sampler``, ``num_shards``/``shard_id``).
"""

import os

import numpy as np

from .engine.datasets import MappableDataset, VisionBaseDataset
from .engine._source_args import _attach_labels, _check_dir, _check_usage, _source_args
from .engine.datasets_vision import _read_idx_pairs


def _interleave_arrays(parts):
    """Rows of several files one by one in turn (MindSpore's order for these text loaders)."""
    order, its = [], [list(range(len(p))) for p in parts]
    k = 0
    while any(k < len(i) for i in its):
        for f, idx in enumerate(its):
            if k < len(idx):
                order.append((f, k))
        k += 1
    return order


class USPSDataset(MappableDataset, VisionBaseDataset):
    """USPS from ``usps`` (train) / ``usps.t`` (test), libsvm lines ``label 1:v ... 256:v`` (v in [-1, 1]):
    image uint8 (16, 16, 1) = (v + 1) / 2 * 255, label uint32 = label - 1. ``all`` interleaves the files."""

    _files = {"train": ["usps"], "test": ["usps.t"], "all": ["usps", "usps.t"]}

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=True,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = dataset_dir
        self.usage = _check_usage(usage, ("train", "test", "all"))
        self.column_names = ["image", "label"]
        parts = []
        for name in self._files[self.usage]:
            path = os.path.join(dataset_dir, name)
            if not os.path.isfile(path):
                raise RuntimeError(f"Invalid file, failed to open USPS file: {path}.")
            images, labels = [], []
            with open(path) as f:
                for line in f:
                    tokens = line.split()
                    if not tokens:
                        continue
                    if len(tokens) != 257:
                        raise RuntimeError(
                            "Invalid data, the number of split characters ':' in USPS data file "
                            f"is corrupted, should be 257, but got {len(tokens)}."
                        )
                    vals = np.array([float(t.split(":")[1]) for t in tokens[1:]], dtype=np.float32)
                    images.append(((vals + 1) / 2 * 255).astype(np.uint8).reshape(16, 16, 1))
                    labels.append(int(float(tokens[0])) - 1)
            parts.append((images, labels))
        order = _interleave_arrays([p[1] for p in parts])
        self._images = [parts[f][0][k] for f, k in order]
        self._labels = np.array([parts[f][1][k] for f, k in order], dtype=np.uint32)
        shuffle = bool(shuffle) if shuffle is not None else True
        super().__init__(**_source_args(locals()))

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        return [self._images[index].copy(), np.array(self._labels[index], dtype=np.uint32)]


class SemeionDataset(MappableDataset, VisionBaseDataset):
    """Semeion handwritten digits from ``semeion.data`` (256 pixel values then a 10-way one-hot per
    line): image uint8 (16, 16) with values 0/1, label uint32 (the one-hot's index)."""

    def __init__(
        self,
        dataset_dir,
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
        self.column_names = ["image", "label"]
        path = os.path.join(dataset_dir, "semeion.data")
        if not os.path.isfile(path):
            raise RuntimeError(f"Invalid file, failed to open Semeion file: {path}.")
        images, labels = [], []
        with open(path) as f:
            for line in f:
                vals = line.split()
                if not vals:
                    continue
                if len(vals) != 266:
                    raise RuntimeError(
                        f"Invalid data, the number of values in a line of {path} should be 266, "
                        f"but got {len(vals)}."
                    )
                images.append(np.array([float(v) for v in vals[:256]]).astype(np.uint8).reshape(16, 16))
                labels.append(int(np.argmax([int(float(v)) for v in vals[256:]])))
        self._images, self._labels = images, np.asarray(labels, dtype=np.uint32)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        return [self._images[index].copy(), np.array(self._labels[index], dtype=np.uint32)]


class EMnistDataset(MappableDataset, VisionBaseDataset):
    """EMNIST from ``emnist-{name}-{train,test}-{images-idx3,labels-idx1}-ubyte`` (``name``: byclass,
    bymerge, balanced, letters, digits or mnist): image uint8 (28, 28, 1) as stored, label uint32.
    ``all`` reads test then train."""

    _names = ("byclass", "bymerge", "balanced", "letters", "digits", "mnist")

    def __init__(
        self,
        dataset_dir,
        name,
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
        if not isinstance(name, str):
            raise TypeError(f"Argument name with value {name} is not of type [<class 'str'>].")
        if name not in self._names:
            raise ValueError(f"Input name is not within the valid set of {list(self._names)}.")
        self.dataset_dir, self.name = dataset_dir, name
        self.usage = _check_usage(usage, ("train", "test", "all"))
        self.column_names = ["image", "label"]
        stems = [
            f"emnist-{name}-{u}"
            for u in {"train": ["train"], "test": ["test"], "all": ["test", "train"]}[self.usage]
        ]
        self._images, self._labels = _read_idx_pairs(
            dataset_dir, stems, self.usage == "all", "EMnistDataset", lambda stem: f"{stem} files"
        )
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        return [self._images[index], np.array(self._labels[index], dtype=np.uint32)]


class SVHNDataset(MappableDataset, VisionBaseDataset):
    """SVHN from ``{train,test,extra}_32x32.mat`` (read with scipy.io): image uint8 (32, 32, 3), label
    uint32 (10 -> 0). ``all`` is train, test, extra."""

    def __init__(
        self,
        dataset_dir,
        usage=None,
        num_samples=None,
        num_parallel_workers=1,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
    ):
        _check_dir(dataset_dir)
        self.dataset_dir = os.path.realpath(dataset_dir)
        self.usage = _check_usage(usage, ("train", "test", "extra", "all"))
        self.column_names = ["image", "label"]
        import scipy.io

        images, labels = [], []
        for u in ["train", "test", "extra"] if self.usage == "all" else [self.usage]:
            path = os.path.join(self.dataset_dir, f"{u}_32x32.mat")
            if not os.path.isfile(path):
                raise ValueError(f"Invalid file, {path} does not exist.")
            mat = scipy.io.loadmat(path)
            images.append(np.ascontiguousarray(np.asarray(mat["X"], dtype=np.uint8).transpose(3, 0, 1, 2)))
            lb = np.asarray(mat["y"]).astype(np.uint32).reshape(-1)
            lb[lb == 10] = 0
            labels.append(lb)
        self._images, self._labels = np.concatenate(images), np.concatenate(labels)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, None)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        return [self._images[index].copy(), np.array(self._labels[index], dtype=np.uint32)]


class STL10Dataset(MappableDataset, VisionBaseDataset):
    """STL-10 binary files ``{train,test,unlabeled}_X.bin`` (uint8 images stored (3, 96, 96) column-major)
    and ``{train,test}_y.bin`` (labels 1-10): image uint8 (96, 96, 3), label int32 = label - 1
    (-1 for unlabeled). ``usage``: train, test, unlabeled, train+unlabeled or all (test, train,
    unlabeled)."""

    _usages = {
        "train": ["train"],
        "test": ["test"],
        "unlabeled": ["unlabeled"],
        "train+unlabeled": ["train", "unlabeled"],
        "all": ["test", "train", "unlabeled"],
    }

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
        self.usage = _check_usage(usage, tuple(self._usages))
        self.column_names = ["image", "label"]
        self._records, labels = [], []
        for u in self._usages[self.usage]:
            xp = os.path.join(dataset_dir, f"{u}_X.bin")
            if not os.path.isfile(xp):
                if self.usage == "all":
                    continue
                raise RuntimeError(f"Invalid file, failed to open STL10 file: {xp}.")
            size = os.path.getsize(xp)
            if size % (3 * 96 * 96):
                raise RuntimeError(f"Invalid file, {xp} has a size that is not a multiple of 27648.")
            x = (
                np.memmap(xp, dtype=np.uint8, mode="r").reshape(-1, 3, 96, 96)
                if size
                else np.zeros((0, 3, 96, 96), np.uint8)
            )
            if u == "unlabeled":
                y = np.full(len(x), -1, dtype=np.int32)
            else:
                y = np.fromfile(os.path.join(dataset_dir, f"{u}_y.bin"), dtype=np.uint8).astype(np.int32) - 1
                if len(y) != len(x):
                    raise RuntimeError(
                        f"Invalid data, num of images: {len(x)} is not equal to num of labels: {len(y)}."
                    )
            self._records.append(x)
            labels.append(y)
        self._starts = np.cumsum([0] + [len(r) for r in self._records])
        self._labels = np.concatenate(labels) if labels else np.zeros(0, np.int32)
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)
        _attach_labels(self, self._labels)

    def _length(self):
        return len(self._labels)

    def _read(self, index):
        f = int(np.searchsorted(self._starts, index, side="right")) - 1
        x = self._records[f][index - self._starts[f]]
        return [np.ascontiguousarray(x.transpose(2, 1, 0)), np.array(self._labels[index], dtype=np.int32)]


__all__ = ["USPSDataset", "SemeionDataset", "EMnistDataset", "SVHNDataset", "STL10Dataset"]
