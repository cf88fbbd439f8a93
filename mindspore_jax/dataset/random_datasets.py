"""Synthetic sources: ``RandomDataset`` (random rows following a Schema) and ``FakeImageDataset``.

Columns, dtypes, shapes and row counts follow MindSpore 2.10; the random values themselves come from
numpy (seeded by ``ds.config.set_seed`` / ``base_seed``) and are not MindSpore's stream.
"""

import numpy as np

from .core import config
from .engine.datasets import (
    MappableDataset,
    Schema,
    SourceDataset,
    VisionBaseDataset,
    _check_type,
    _pipeline_error,
)
from .engine.samplers import _check_num_samples

_INT32_MAX = 2147483647
# what MindSpore's RandomOp draws from when no schema is given
_RANDOM_TYPES = [
    np.bool_,
    np.int8,
    np.uint8,
    np.int16,
    np.uint16,
    np.int32,
    np.uint32,
    np.int64,
    np.uint64,
    np.float16,
    np.float32,
    np.float64,
]
_MAX_COLUMNS, _MAX_RANK, _MAX_DIM, _MAX_ROWS = 4, 4, 32, 1024


def _check_opt_int(name, value):
    if value is not None:
        _check_type(name, value, int)


def _random_fill(rng, dtype, shape):
    """A tensor filled with one random value of ``dtype`` (MindSpore's RandomOp fills each tensor so)."""
    dtype = np.dtype(dtype)
    if dtype.kind in "USO":
        raise _pipeline_error(
            "Failed to create empty tensor, number of elements should be 0 when data type is string."
        )
    if dtype == np.bool_:
        v = np.array(rng.randint(0, 2) == 1)
    else:
        v = np.frombuffer(rng.bytes(dtype.itemsize), dtype=dtype)[0]
    return np.full(shape, v, dtype=dtype)


class RandomDataset(SourceDataset, VisionBaseDataset):
    """Rows of random data. With a ``schema`` the columns are its columns (``columns_list`` selects some);
    without one, 1-4 columns of random numeric type and random shapes (rank 1-4, dims 1-32) named c0, c1,
    ... (or ``columns_list``). Each tensor is filled with one random value, as in MindSpore. Rows:
    ``num_samples`` if given, else ``total_rows`` (with a schema: else the schema's ``num_rows``), else a
    random count in [1, 1024]."""

    def __init__(
        self,
        total_rows=None,
        schema=None,
        columns_list=None,
        num_samples=None,
        num_parallel_workers=None,
        cache=None,
        shuffle=None,
        num_shards=None,
        shard_id=None,
    ):
        super().__init__(num_parallel_workers=num_parallel_workers, cache=cache)
        for name, v in (
            ("total_rows", total_rows),
            ("num_samples", num_samples),
            ("num_parallel_workers", num_parallel_workers),
            ("num_shards", num_shards),
            ("shard_id", shard_id),
        ):
            _check_opt_int(name, v)
        if shuffle is not None:
            _check_type("shuffle", shuffle, bool)
        if columns_list is not None:
            _check_type("columns_list", columns_list, list)
        if (num_shards is None) != (shard_id is None):
            raise RuntimeError("num_shards and shard_id need to be passed in together.")
        _check_num_samples(num_samples)
        self.num_samples, self.shuffle_flag = num_samples, shuffle
        self.num_shards, self.shard_id = num_shards, shard_id
        rows = total_rows or 0
        if num_samples:
            rows = num_samples
        if schema is not None:
            if isinstance(schema, str):
                schema = Schema(schema)
            rows = total_rows if total_rows is not None else (schema.num_rows or 0)
        rng = config._new_rng()
        if schema is not None:
            cols = [(c["name"], c["type"], tuple(c["shape"] or ())) for c in schema.columns]
            if columns_list:
                by_name = {c[0]: c for c in cols}
                for n in columns_list:
                    if n not in by_name:
                        raise RuntimeError(
                            f"Invalid columns_list, column name: {n} does not exist in the schema."
                        )
                cols = [by_name[n] for n in columns_list]
        else:
            n_cols = len(columns_list) if columns_list else rng.randint(1, _MAX_COLUMNS + 1)
            names = list(columns_list) if columns_list else [f"c{i}" for i in range(n_cols)]
            cols = []
            for name in names:
                shape = tuple(
                    int(d) for d in rng.randint(1, _MAX_DIM + 1, size=rng.randint(1, _MAX_RANK + 1))
                )
                cols.append((name, np.dtype(_RANDOM_TYPES[rng.randint(len(_RANDOM_TYPES))]), shape))
        self.total_rows = rows if rows > 0 else int(rng.randint(1, _MAX_ROWS + 1))
        self.schema, self.columns_list = schema, columns_list
        self._cols = cols
        self.column_names = [c[0] for c in cols]

    def _epoch(self, ctx):
        rng = ctx.rng(self)
        for _ in range(self.total_rows):
            yield [_random_fill(rng, t, s) for _, t, s in self._cols]

    def _size(self):
        return self.total_rows


class FakeImageDataset(MappableDataset, VisionBaseDataset):
    """``num_images`` random images (uint8, ``image_size``) with uint32 scalar labels in
    [0, num_classes). Row ``i`` is drawn from a generator seeded by ``base_seed + i``, so a row is the
    same whatever the sampler order (its pixel values are not MindSpore's)."""

    def __init__(
        self,
        num_images=1000,
        image_size=(224, 224, 3),
        num_classes=10,
        base_seed=0,
        num_samples=None,
        num_parallel_workers=None,
        shuffle=None,
        sampler=None,
        num_shards=None,
        shard_id=None,
        cache=None,
    ):
        for name, v in (("num_images", num_images), ("num_classes", num_classes), ("base_seed", base_seed)):
            _check_type(name, v, int)
        if not 1 <= num_images <= _INT32_MAX:
            raise ValueError(f"Input num_images is not within the required interval of [1, {_INT32_MAX}].")
        if not isinstance(image_size, (list, tuple)):
            raise TypeError(
                f"Argument image_size with value {image_size} is not of type [<class 'list'>, "
                f"<class 'tuple'>], but got {type(image_size)}."
            )
        if len(image_size) != 3:
            raise ValueError(f"image_size should be a list or tuple of length 3, but got {len(image_size)}")
        for i, v in enumerate(image_size):
            _check_type(f"image_size[{i}]", v, int)
            if not 1 <= v <= _INT32_MAX:
                raise ValueError(
                    f"Input image_size[{i}] is not within the required interval of [1, {_INT32_MAX}]."
                )
        if not 1 <= num_classes <= _INT32_MAX:
            raise ValueError(f"Input num_classes is not within the required interval of [1, {_INT32_MAX}].")
        self.num_images, self.image_size = num_images, tuple(image_size)
        self.num_classes = num_classes  # an int attribute, as in MindSpore (it shadows num_classes())
        self.base_seed = base_seed
        self.column_names = ["image", "label"]
        super().__init__(num_parallel_workers, sampler, num_samples, shuffle, num_shards, shard_id, cache)

    def _length(self):
        return self.num_images

    def _read(self, index):
        rng = np.random.RandomState((self.base_seed + index) % (2**32))
        image = rng.randint(0, 256, size=self.image_size).astype(np.uint8)
        return [image, np.array(rng.randint(0, self.num_classes), dtype=np.uint32)]


__all__ = ["RandomDataset", "FakeImageDataset"]
