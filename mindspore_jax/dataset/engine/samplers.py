"""Samplers: which row indices of a random-access source are read, and in what order.

A sampler turns a source length into an index array each epoch; random samplers draw from the
iterator's RNG (seeded by ``ds.config.set_seed``), so an epoch order is reproducible.
"""

import numbers

import numpy as np


def _check_num_samples(num_samples):
    if num_samples is not None:
        if not isinstance(num_samples, int) or isinstance(num_samples, bool):
            raise TypeError(f"num_samples must be integer but was: {num_samples}.")
        if num_samples < 0 or num_samples > 2147483647:
            raise ValueError(f"num_samples exceeds the boundary between 0 and 2147483647(INT32_MAX)!, "
                             f"but got {num_samples}.")


class Sampler:
    """Base of user-defined samplers: subclass and yield indices from ``__iter__``."""

    def __init__(self, num_samples=None):
        _check_num_samples(num_samples)
        self.num_samples = num_samples
        self.child_sampler = None
        self.dataset_size = 0
        self.reshuffle_each_epoch = True

    def add_child(self, sampler):
        """Indices of this sampler then index into what ``sampler`` produced."""
        if self.child_sampler is not None:
            raise RuntimeError("Cannot add child sampler, this sampler already has a child.")
        self.child_sampler = sampler

    def get_child(self):
        return self.child_sampler

    def get_num_samples(self):
        return self.num_samples

    def __iter__(self):  # user-defined samplers override this
        return iter(range(self.dataset_size))

    def _own_indices(self, n, rng):
        self.dataset_size = n
        return np.asarray(list(iter(self)), dtype=np.int64)

    def _indices(self, n, rng):
        """Index array for a source of ``n`` rows (children applied first)."""
        if self.child_sampler is not None:
            base = self.child_sampler._indices(n, rng)
            own = self._own_indices(len(base), rng)
            return base[own]
        return self._own_indices(n, rng)

    def _count(self, n):
        """Number of indices produced for ``n`` rows, without drawing any."""
        if self.child_sampler is not None:
            n = self.child_sampler._count(n)
        c = self._own_count(n)
        return c

    def _own_count(self, n):
        self.dataset_size = n
        c = len(list(iter(self)))
        return c

    def _limit(self, n):
        return n if not self.num_samples else min(n, self.num_samples)

    def is_shuffled(self):
        return False

    def is_sharded(self):
        return False


BuiltinSampler = Sampler


class SequentialSampler(Sampler):
    """Indices ``start_index, start_index+1, ...`` (at most ``num_samples``)."""

    def __init__(self, start_index=None, num_samples=None):
        super().__init__(num_samples)
        if start_index is not None and (not isinstance(start_index, int) or start_index < 0):
            raise ValueError(f"start_index should be a non-negative int, but got {start_index}.")
        self.start_index = start_index or 0

    def _own_indices(self, n, rng):
        if self.start_index >= n and n > 0:
            raise RuntimeError(f"Invalid input, start_index: {self.start_index} exceeds dataset size: {n}.")
        return np.arange(self.start_index, self.start_index + self._own_count(n), dtype=np.int64)

    def _own_count(self, n):
        return self._limit(max(n - self.start_index, 0))


class RandomSampler(Sampler):
    """A random permutation (or draws with replacement) of the indices."""

    def __init__(self, replacement=False, num_samples=None):
        super().__init__(num_samples)
        if not isinstance(replacement, bool):
            raise TypeError(f"replacement should be a boolean value, but got {type(replacement)}.")
        self.replacement = replacement

    def _own_indices(self, n, rng):
        k = self._own_count(n)
        if self.replacement:
            return rng.randint(0, n, size=k).astype(np.int64)
        return rng.permutation(n)[:k].astype(np.int64)

    def _own_count(self, n):
        if self.replacement and self.num_samples:
            return self.num_samples  # draws with replacement may outnumber the rows
        return self._limit(n)

    def is_shuffled(self):
        return True


class DistributedSampler(Sampler):
    """Shard ``shard_id`` of ``num_shards``: every shard gets ceil(n / num_shards) rows (wrapping)."""

    def __init__(self, num_shards, shard_id, shuffle=True, num_samples=None, offset=-1):
        super().__init__(num_samples)
        if not isinstance(num_shards, int) or num_shards < 1:
            raise ValueError("num_shards should be a positive integer value, but got "
                             f"num_shards: {num_shards}.")
        if not isinstance(shard_id, int) or shard_id < 0 or shard_id >= num_shards:
            raise ValueError(f"shard_id should in range [0, {num_shards - 1}], but got shard_id: {shard_id}.")
        if not isinstance(shuffle, bool):
            raise TypeError(f"shuffle should be a boolean value, but got shuffle: {shuffle}.")
        self.num_shards, self.shard_id, self.shuffle, self.offset = num_shards, shard_id, shuffle, offset

    def _own_indices(self, n, rng):
        order = rng.permutation(n) if self.shuffle else np.arange(n)
        per = -(-n // self.num_shards)
        pos = (self.shard_id + np.arange(per) * self.num_shards) % max(n, 1)
        return order[pos][: self._own_count(n)].astype(np.int64)

    def _own_count(self, n):
        return self._limit(-(-n // self.num_shards))

    def is_shuffled(self):
        return self.shuffle

    def is_sharded(self):
        return True


class SubsetSampler(Sampler):
    """Exactly the given indices, in the given order."""

    def __init__(self, indices, num_samples=None):
        super().__init__(num_samples)
        if not isinstance(indices, (list, tuple, np.ndarray)):
            indices = [indices]
        for i in indices:
            if not isinstance(i, numbers.Integral) or isinstance(i, bool):
                raise TypeError(f"SubsetSampler: Type of indices element must be int, but got {type(i)}.")
        self.indices = np.asarray(indices, dtype=np.int64).reshape(-1)

    def _own_indices(self, n, rng):
        bad = self.indices[(self.indices < 0) | (self.indices >= n)]
        if bad.size:
            raise RuntimeError(f"Invalid input, sample_id: {int(bad[0])} must be in range [0, {n - 1}].")
        return self._pick(rng)[: self._own_count(n)]

    def _pick(self, rng):
        return self.indices

    def _own_count(self, n):
        return self._limit(len(self.indices))


class SubsetRandomSampler(SubsetSampler):
    """The given indices in a random order."""

    def _pick(self, rng):
        return self.indices[rng.permutation(len(self.indices))]

    def is_shuffled(self):
        return True


class WeightedRandomSampler(Sampler):
    """``num_samples`` indices drawn with probabilities proportional to ``weights``."""

    def __init__(self, weights, num_samples=None, replacement=True):
        super().__init__(num_samples)
        w = np.asarray(weights, dtype=np.float64).reshape(-1)
        if w.size == 0:
            raise ValueError("weights size should not be 0")
        if (w < 0).any():
            raise ValueError("weights should not contain negative numbers.")
        if w.sum() == 0:
            raise ValueError("elements of weights should not be all zero.")
        self.weights, self.replacement = w, replacement

    def _own_indices(self, n, rng):
        k = self._own_count(n)
        return rng.choice(len(self.weights), size=k, replace=self.replacement,
                          p=self.weights / self.weights.sum()).astype(np.int64)

    def _own_count(self, n):
        return self.num_samples if self.num_samples else len(self.weights)

    def is_shuffled(self):
        return True


class PKSampler(Sampler):
    """``num_val`` random rows of every class (needs a source with a label column)."""

    def __init__(self, num_val, num_class=None, shuffle=False, class_column="label", num_samples=None):
        super().__init__(num_samples)
        if num_class is not None:
            raise NotImplementedError("num_class is not supported yet, default value is None.")
        self.num_val, self.shuffle, self.class_column = num_val, shuffle, class_column
        self._labels = None

    def _own_indices(self, n, rng):
        if self._labels is None:
            raise RuntimeError("PKSampler needs a source with class labels (MnistDataset, "
                               "ImageFolderDataset...).")
        labels = np.asarray(self._labels)[:n]
        out = []
        for c in np.unique(labels):
            idx = np.nonzero(labels == c)[0]
            if self.shuffle:
                idx = idx[rng.permutation(len(idx))]
            out.extend(np.resize(idx, self.num_val).tolist())
        out = np.asarray(out, dtype=np.int64)
        return out[: self._limit(len(out))]

    def _own_count(self, n):
        if self._labels is None:
            return 0
        return self._limit(len(np.unique(np.asarray(self._labels)[:n])) * self.num_val)

    def is_shuffled(self):
        return self.shuffle


class IterSampler(Sampler):
    """Wraps any iterable of indices (e.g. a torch-style sampler object)."""

    def __init__(self, sampler, num_samples=None):
        super().__init__(num_samples)
        self.sampler = sampler

    def _own_indices(self, n, rng):
        idx = np.asarray(list(iter(self.sampler)), dtype=np.int64)
        return idx[: self._limit(len(idx))]

    def _own_count(self, n):
        return len(self._own_indices(n, None))


def select_sampler(num_samples, input_sampler, shuffle, num_shards, shard_id):
    """The sampler a random-access source uses, from its shuffle/shard/num_samples arguments."""
    if input_sampler is not None:
        if shuffle is not None or num_shards is not None or shard_id is not None:
            raise RuntimeError("Conflicting arguments during sampler assignments. shuffle: {}, "
                               "num_shards: {}, "
                               "shard_id: {}.".format(shuffle, num_shards, shard_id))
        if isinstance(input_sampler, Sampler):
            return input_sampler
        if hasattr(input_sampler, "__iter__"):
            return IterSampler(input_sampler, num_samples)
        raise TypeError("Unsupported sampler object of type ({})".format(type(input_sampler)))
    if shuffle is None:
        shuffle = True
    if num_shards is not None:
        return DistributedSampler(num_shards, shard_id, shuffle=shuffle, num_samples=num_samples)
    if shuffle:
        return RandomSampler(num_samples=num_samples)
    return SequentialSampler(num_samples=num_samples)
