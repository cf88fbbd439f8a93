"""The pipeline graph: ``Dataset`` and its operations (map, batch, shuffle, repeat, zip, ...).

Each node knows its column names statically and produces one epoch of rows (lists of numpy
arrays, in column order) from its children. Execution is lazy and runs in the calling thread:
an iterator pulls rows through the graph. Random nodes draw from per-iterator RNGs seeded by
``ds.config.set_seed`` (or ``ms.set_seed``), so pipelines are reproducible.
"""

import copy

import numpy as np

from ..core import config
from . import samplers as _samplers

_INT32_MAX = 2147483647


# ------------------------------------------------------------------ errors and conversions
def _pipeline_error(msg):
    """RuntimeError worded as MindSpore's pipeline failures are."""
    line = "-" * 66
    return RuntimeError("Exception thrown from dataset pipeline. Refer to 'Dataset Pipeline "
                        "Error Message'. \n\n"
                        f"{line}\n- Dataset Pipeline Error Message: \n{line}\n[ERROR] {msg}\n")


def _user_error(where, exc):
    """RuntimeError for an exception raised by user Python code inside the pipeline."""
    line = "-" * 66
    return RuntimeError("Exception thrown from user defined Python function in dataset. \n\n"
                        f"{line}\n- Python Call Stack: \n{line}\n{where} failed. Error description:\n"
                        f"{type(exc).__name__}: {exc}\n")


def _to_np(x, what="the input"):
    """One column value as MindSpore stores it: a numpy array (Python int -> int64, float -> float64)."""
    if isinstance(x, np.ndarray):
        return x
    if isinstance(x, dict):
        return x
    if hasattr(x, "asnumpy") and callable(x.asnumpy):
        return x.asnumpy()
    try:
        from PIL import Image

        if isinstance(x, Image.Image):
            return np.asarray(x)
    except ImportError:
        pass
    arr = np.asarray(x)
    if arr.dtype == object:
        raise TypeError(f"Data type of {what} or its converted Numpy array is expected to be "
                        "int or float or str, "
                        f"but got {arr.dtype}.")
    return arr


def _as_row(values, what="the input"):
    """A source item / function result as a tuple of columns (MindSpore's ``_convert_row``)."""
    if isinstance(values, (int, float, str, bytes, np.ndarray, np.number, np.bool_, dict)) or \
            hasattr(values, "asnumpy"):
        return [_to_np(values, what)]
    return [_to_np(v, f"{i + 1}th item of {what}") for i, v in enumerate(values)]


def _as_list(x):
    if x is None:
        return None
    if isinstance(x, str):
        return [x]
    return list(x)


def _check_type(name, value, types):
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _flat_types(types)):
        raise TypeError(f"Argument {name} with value {value} is not of type {list(_flat_types(types))}, "
                        f"but got {type(value)}.")


def _flat_types(types):
    return types if isinstance(types, tuple) else (types,)


def _check_range(name, value, lo, hi):
    if value < lo or value > hi:
        raise ValueError(f"Input {name} is not within the required interval of [{lo}, {hi}].")


def _check_columns(name, cols):
    if cols is None:
        return None
    cols = _as_list(cols)
    if not cols:
        raise ValueError(f"{name} should not be empty.")
    for c in cols:
        if not isinstance(c, str):
            raise TypeError(f"Argument {name}[{cols.index(c)}] with value {c} is not of type "
                            "[<class 'str'>], "
                            f"but got {type(c)}.")
    if len(set(cols)) != len(cols):
        raise ValueError(f"Every column name should not be same with others in column_names, but got {cols}.")
    return cols


# ------------------------------------------------------------------ execution context
class _Ctx:
    """State of one iterator: the epoch number and one RNG per random node.

    Within an iterator a node's RNG runs on across epochs (each epoch is reshuffled); the k-th
    iterator over the same dataset uses the seed's k-th stream (``Model.train`` may open one
    iterator per epoch), while ``fresh`` RNGs (reshuffle_each_epoch=False) restart every epoch.
    """

    def __init__(self, stream=0):
        self.epoch = 0
        self.stream = stream
        self._rngs = {}

    def rng(self, node, fresh=False):
        if fresh:
            return config._new_rng()
        if id(node) not in self._rngs:
            self._rngs[id(node)] = (node, config._new_rng(self.stream))
        return self._rngs[id(node)][1]


class BatchInfo:
    """What a ``batch_size`` callable or ``per_batch_map`` sees: the batch and epoch numbers."""

    def __init__(self, batch_num, epoch_num):
        self._batch_num, self._epoch_num = batch_num, epoch_num

    def get_batch_num(self):
        return self._batch_num

    def get_epoch_num(self):
        return self._epoch_num


def _mindrecord_field(name, v):
    """The MindRecord schema entry MindSpore's ``Dataset.save`` gives a column from its first value."""
    v = np.asarray(v)
    if v.dtype.kind == "U":
        return {"type": "string"}
    if v.dtype.kind == "S":
        return {"type": "bytes"}
    if v.dtype.kind in "iub":
        t = "int64" if v.dtype.itemsize >= 8 or v.dtype == np.uint32 else "int32"
    elif v.dtype.kind == "f":
        t = "float64" if v.dtype.itemsize >= 8 else "float32"
    else:
        raise TypeError(f"Dataset.save: column '{name}' has unsupported type {v.dtype}.")
    if v.ndim == 0:
        return {"type": t}
    return {"type": t, "shape": [-1] + list(v.shape[1:])}


# ------------------------------------------------------------------ base class
class Dataset:
    """A node of the pipeline graph; every operation returns a new node over this one."""

    def __init__(self, children=None, num_parallel_workers=None, cache=None):
        if children is None:
            children = []
        elif isinstance(children, Dataset):
            children = [children]
        self.children = list(children)
        self.parent = []
        for c in self.children:
            c.parent.append(self)
        self.num_parallel_workers = num_parallel_workers
        self.cache = cache
        self._size_cache = None
        self._shape_type_cache = None

    # ---- what subclasses implement
    def _col_names(self):
        return self.children[0]._col_names()

    def _epoch(self, ctx):
        """Yields this node's rows for one epoch."""
        raise NotImplementedError

    def _size(self):
        """Rows per epoch, if known without iterating (None otherwise)."""
        return None

    # ---- pipeline operations
    def map(self, operations, input_columns=None, output_columns=None, num_parallel_workers=None, **kwargs):
        """Applies ``operations`` (callables / transforms, chained) to ``input_columns`` of every row."""
        return MapDataset(self, operations, input_columns, output_columns, num_parallel_workers, **kwargs)

    def batch(self, batch_size, drop_remainder=False, num_parallel_workers=None, **kwargs):
        """Stacks ``batch_size`` consecutive rows (optionally through ``per_batch_map``)."""
        return BatchDataset(self, batch_size, drop_remainder, num_parallel_workers, **kwargs)

    def padded_batch(self, batch_size, drop_remainder=False, num_parallel_workers=None, pad_info=None):
        """Like ``batch`` but pads every column in ``pad_info`` to a common shape first."""
        return PaddedBatchDataset(self, batch_size, drop_remainder, num_parallel_workers, pad_info)

    def bucket_batch_by_length(self, column_names, bucket_boundaries, bucket_batch_sizes,
                               element_length_function=None, pad_info=None, pad_to_bucket_boundary=False,
                               drop_remainder=False):
        """Groups rows into buckets by length, then pads and batches each bucket."""
        return BucketBatchByLengthDataset(self, column_names, bucket_boundaries, bucket_batch_sizes,
                                          element_length_function, pad_info, pad_to_bucket_boundary,
                                          drop_remainder)

    def shuffle(self, buffer_size):
        """Shuffles rows through a buffer of ``buffer_size`` rows (reshuffled every epoch)."""
        return ShuffleDataset(self, buffer_size)

    def repeat(self, count=None):
        """Repeats the dataset ``count`` times (``None`` / -1: forever)."""
        return RepeatDataset(self, count)

    def filter(self, predicate, input_columns=None, num_parallel_workers=None):
        """Keeps the rows for which ``predicate(*input_columns)`` is true."""
        return FilterDataset(self, predicate, input_columns, num_parallel_workers)

    def skip(self, count):
        return SkipDataset(self, count)

    def take(self, count=-1):
        return TakeDataset(self, count)

    def rename(self, input_columns, output_columns):
        return RenameDataset(self, input_columns, output_columns)

    def project(self, columns):
        return ProjectDataset(self, columns)

    def zip(self, datasets):
        """Joins rows side by side; the result stops with the shortest input."""
        if isinstance(datasets, tuple):
            datasets = (self,) + datasets
        elif isinstance(datasets, Dataset):
            datasets = (self, datasets)
        else:
            raise TypeError("Invalid datasets, expected Dataset object or tuple of Dataset, "
                            f"but got {datasets}!")
        return ZipDataset(datasets)

    def concat(self, datasets):
        """Rows of this dataset followed by the rows of ``datasets``."""
        if isinstance(datasets, Dataset):
            datasets = [datasets]
        if not isinstance(datasets, list):
            raise TypeError("Invalid datasets, expected Dataset object or list of Dataset, but "
                            f"got {datasets}!")
        return ConcatDataset([self] + datasets)

    def __add__(self, datasets):
        return self.concat(datasets)

    def split(self, sizes, randomize=True):
        """Non-overlapping datasets of the given sizes (ints, or fractions summing to 1)."""
        if self.is_sharded():
            raise RuntimeError("Dataset should not be sharded before split.")
        absolute = self._get_absolute_split_sizes(sizes)
        out, start = [], 0
        for size in absolute:
            out.append(_SplitDataset(self, start, size, randomize))
            start += size
        return tuple(out)

    def _get_absolute_split_sizes(self, sizes):
        if not isinstance(sizes, list) or not sizes:
            raise TypeError(f"sizes must be a non-empty list, but got {sizes}.")
        all_int = all(isinstance(s, int) and not isinstance(s, bool) for s in sizes)
        if not all_int:
            if not all(isinstance(s, float) for s in sizes):
                raise TypeError("sizes should be list of int or list of float.")
            if any(s <= 0 or s > 1 for s in sizes):
                raise ValueError("Invalid sizes, all float items in sizes must be within (0, 1].")
            if abs(sum(sizes) - 1) > 1e-6:
                raise ValueError("Invalid sizes, sum of float items in sizes must be 1, but "
                                 f"got {sum(sizes)}.")
        elif any(s <= 0 for s in sizes):
            raise ValueError("Invalid sizes, all int items in sizes must be positive.")
        n = self.get_dataset_size()
        if n is None or n <= 0:
            raise RuntimeError("dataset_size is unknown, unable to split.")
        if all_int:
            if sum(sizes) != n:
                raise RuntimeError(f"Sum of split sizes {sum(sizes)} is not equal to dataset size {n}.")
            return sizes
        absolute = []
        for s in sizes:
            a = int(round(s * n))
            if a == 0:
                raise RuntimeError(f"Split percentage {s} is too small.")
            absolute.append(a)
        diff = int(n - sum(absolute))
        if diff > 0:
            absolute[0] += diff
        else:
            for i in range(len(absolute)):
                if absolute[i] + diff > 0:
                    absolute[i] += diff
                    break
        if sum(absolute) != n:
            raise RuntimeError(f"Sum of calculated split sizes {sum(absolute)} is not equal to "
                               f"dataset size {n}.")
        return absolute

    def apply(self, apply_func):
        """``apply_func(self)``, which must return a Dataset."""
        out = apply_func(self)
        if not isinstance(out, Dataset):
            raise TypeError("dataset returned by apply_func is not mindspore.dataset.Dataset.")
        return out

    def sync_wait(self, condition_name, num_batch=1, callback=None):
        from ..callbacks import sync_wait

        return sync_wait(self, condition_name, num_batch, callback)

    def sync_update(self, condition_name, num_batch=None, data=None):
        from ..callbacks import sync_update

        sync_update(self, condition_name, num_batch, data)

    def device_que(self, send_epoch_end=True, create_data_info_queue=False, queue_name=""):
        """A TransferDataset: on MindSpore it feeds a device queue; here it only marks the pipeline."""
        return TransferDataset(self, send_epoch_end, create_data_info_queue, queue_name)

    to_device = device_que

    def send(self, num_epochs=-1):
        self._transfer = self.device_que()
        return self._transfer

    def save(self, file_name, num_files=1, file_type="mindrecord"):
        """Writes one epoch of rows to MindRecord file(s) (read back with ``MindDataset``).

        Column types follow MindSpore: integers up to 32 bits -> int32, 64-bit -> int64, float16/32
        -> float32, float64 -> float64, str -> string, bytes -> bytes; arrays get shape ``[-1]``
        (1-D) or ``[-1, ...]`` (n-D), scalars no shape."""
        from ...mindrecord import FileWriter

        if file_type != "mindrecord":
            raise ValueError("Input file_type is not within the valid set of ['mindrecord'], got "
                             f"{file_type}.")
        if not isinstance(num_files, int) or not 1 <= num_files <= 1000:
            raise ValueError("Input num_files is not within the required interval of [1, 1000].")
        cols = self.get_col_names()
        rows = list(self.create_tuple_iterator(output_numpy=True, num_epochs=1))
        if not rows:
            raise RuntimeError("Dataset.save: the dataset has no rows to save.")
        schema = {c: _mindrecord_field(c, v) for c, v in zip(cols, rows[0])}
        writer = FileWriter(file_name, num_files, overwrite=False)
        writer.add_schema(schema, "mindspore_jax Dataset.save")
        data = []
        for r in rows:
            item = {}
            for c, v in zip(cols, r):
                spec = schema[c]
                if spec["type"] == "string":
                    item[c] = str(v)
                elif spec["type"] == "bytes":
                    item[c] = bytes(v)
                elif "shape" in spec:
                    item[c] = np.asarray(v).astype(spec["type"])
                else:
                    item[c] = np.asarray(v).astype(spec["type"]).item()
            data.append(item)
        writer.write_raw_data(data)
        writer.commit()

    # ---- iterators
    def create_tuple_iterator(self, columns=None, num_epochs=-1, output_numpy=False, do_copy=False):
        """Iterator of lists (one value per column); Tensors unless ``output_numpy``."""
        from .iterators import TupleIterator

        return TupleIterator(self, columns, num_epochs, output_numpy, do_copy)

    def create_dict_iterator(self, num_epochs=-1, output_numpy=False, do_copy=False):
        """Iterator of ``{column: value}``; Tensors unless ``output_numpy``."""
        from .iterators import DictIterator

        return DictIterator(self, num_epochs, output_numpy, do_copy)

    def __iter__(self):
        return iter(self.create_tuple_iterator())

    # ---- introspection
    def get_col_names(self):
        return list(self._col_names())

    def get_dataset_size(self):
        """Rows (batches after ``batch``) per epoch; iterates once when it cannot be computed."""
        if self._size_cache is None:
            n = self._size()
            if n is None:
                ctx = _Ctx()
                n = sum(1 for _ in self._epoch(ctx))
            self._size_cache = n
        return self._size_cache

    def _first_row(self):
        if self._shape_type_cache is None:
            row = next(iter(self._epoch(_Ctx())), None)
            if row is None:
                raise _pipeline_error("Unable to get the first row: the dataset is empty.")
            self._shape_type_cache = row
        return self._shape_type_cache

    def output_shapes(self, estimate=False):
        return [list(np.shape(v)) for v in self._first_row()]

    def output_types(self):
        return [v.dtype if isinstance(v, np.ndarray) else np.dtype(object) for v in self._first_row()]

    def get_batch_size(self):
        node = self
        while node is not None:
            if isinstance(node, BatchDataset):
                return node.batch_size if isinstance(node.batch_size, int) else -1
            node = node.children[0] if node.children else None
        return 1

    def get_repeat_count(self):
        node = self
        while node is not None:
            if isinstance(node, RepeatDataset):
                return node.count
            node = node.children[0] if node.children else None
        return 1

    def num_classes(self):
        for c in self.children:
            n = c.num_classes()
            if n is not None:
                return n
        return None

    def get_class_indexing(self):
        for c in self.children:
            r = c.get_class_indexing()
            if r:
                return r
        return {}

    def is_shuffled(self):
        return any(c.is_shuffled() for c in self.children)

    def is_sharded(self):
        return any(c.is_sharded() for c in self.children)

    def reset(self):
        self._num_iterators = 0
        self._size_cache = None
        self._shape_type_cache = None

    def close_pool(self):
        pass

    def set_dynamic_columns(self, columns=None):
        self._dynamic_columns = columns

    def dynamic_min_max_shapes(self):
        shapes = self.output_shapes()
        return shapes, shapes

    def get_args(self):
        return {"num_parallel_workers": self.num_parallel_workers}

    def __deepcopy__(self, memodict):
        cls = self.__class__
        new = cls.__new__(cls)
        memodict[id(self)] = new
        for k, v in self.__dict__.items():
            if k in ("parent",):
                setattr(new, k, [])
            elif k in ("source", "_source"):  # user objects are shared, not copied
                setattr(new, k, v)
            else:
                try:
                    setattr(new, k, copy.deepcopy(v, memodict))
                except Exception:
                    setattr(new, k, v)
        return new


UnionBaseDataset = Dataset


class SourceDataset(Dataset):
    """A leaf node: reads rows from a file, a Python object or memory."""

    def _col_names(self):
        return list(self.column_names)


class MappableDataset(SourceDataset):
    """A random-access source: rows are read in the order its sampler gives."""

    def __init__(self, num_parallel_workers=None, sampler=None, num_samples=None, shuffle=None,
                 num_shards=None, shard_id=None, cache=None):
        super().__init__(num_parallel_workers=num_parallel_workers, cache=cache)
        _check_shard_args(num_shards, shard_id)
        if shuffle is not None and not isinstance(shuffle, bool):
            raise TypeError(f"Argument shuffle with value {shuffle} is not of type [<class 'bool'>], "
                            f"but got {type(shuffle)}.")
        _samplers._check_num_samples(num_samples)
        self.num_samples = num_samples
        self.shuffle_flag = shuffle
        self.num_shards, self.shard_id = num_shards, shard_id
        self.sampler = _samplers.select_sampler(num_samples, sampler, shuffle, num_shards, shard_id)
        if num_samples is not None and sampler is not None and \
                getattr(self.sampler, "num_samples", None) is None:
            self.sampler.num_samples = num_samples

    # subclasses: _length() and _read(index) -> list of numpy arrays
    def _length(self):
        raise NotImplementedError

    def _read(self, index):
        raise NotImplementedError

    def _indices(self, ctx):
        rng = ctx.rng(self, fresh=not self.sampler.reshuffle_each_epoch)
        return self.sampler._indices(self._length(), rng)

    def _epoch(self, ctx):
        for i in self._indices(ctx):
            yield self._read(int(i))

    def _size(self):
        return self.sampler._count(self._length())

    def use_sampler(self, new_sampler):
        if new_sampler is None:
            raise TypeError("Input sampler can not be None.")
        self.sampler = new_sampler
        self.reset()

    def add_sampler(self, new_sampler):
        new_sampler.add_child(self.sampler)
        self.sampler = new_sampler
        self.reset()

    def is_shuffled(self):
        return self.sampler.is_shuffled()

    def is_sharded(self):
        return self.sampler.is_sharded()


def _check_shard_args(num_shards, shard_id):
    if (num_shards is None) != (shard_id is None):
        raise RuntimeError("num_shards and shard_id need to be passed in together.")
    if num_shards is not None:
        _check_type("num_shards", num_shards, int)
        _check_range("num_shards", num_shards, 1, _INT32_MAX)
        _check_type("shard_id", shard_id, int)
        if shard_id < 0 or shard_id >= num_shards:
            raise ValueError(f"Input shard_id is not within the required interval of [0, {num_shards - 1}].")


class VisionBaseDataset(Dataset):
    pass


class TextBaseDataset(Dataset):
    pass


class AudioBaseDataset(Dataset):
    pass


# ------------------------------------------------------------------ operations
def _place_columns(cols, in_cols, out_cols):
    """Column order after replacing ``in_cols`` by ``out_cols`` (same count: in place; else first)."""
    if len(in_cols) == len(out_cols):
        mapping = dict(zip(in_cols, out_cols))
        return [mapping.get(c, c) for c in cols]
    return list(out_cols) + [c for c in cols if c not in in_cols]


def _column_indices(cols, wanted, kind):
    idx = []
    for c in wanted:
        if c not in cols:
            if kind == "map":
                raise _pipeline_error(f"Invalid parameter, input column name: {c} doesn't exist "
                                      "in the dataset "
                                      "columns.")
            raise _pipeline_error(f"Invalid parameter, column name: {c} does not exist in the "
                                  "dataset columns.")
        idx.append(cols.index(c))
    return idx


class MapDataset(Dataset):
    """Rows with ``operations`` applied to some columns."""

    def __init__(self, input_dataset, operations=None, input_columns=None, output_columns=None,
                 num_parallel_workers=None, python_multiprocessing=False, cache=None, callbacks=None,
                 max_rowsize=None, offload=None, column_order=None, **kwargs):
        super().__init__(input_dataset, num_parallel_workers, cache)
        if operations is None:
            raise ValueError("operations is not provided.")
        ops = list(operations) if isinstance(operations, (list, tuple)) else [operations]
        for op in ops:
            if not callable(op):
                raise TypeError(f"Argument operations with value {op} is not callable.")
        self.operations = ops
        self.input_columns = _check_columns("input_columns", input_columns)
        self.output_columns = _check_columns("output_columns", output_columns)
        self.column_order = _check_columns("column_order", column_order)
        self.python_multiprocessing = python_multiprocessing
        self.callbacks = callbacks

    def _io(self):
        cols = self.children[0]._col_names()
        in_cols = self.input_columns or cols[:1]
        idx = _column_indices(cols, in_cols, "map")
        out_cols = self.output_columns or in_cols
        new_cols = _place_columns(cols, in_cols, out_cols)
        if self.column_order is not None:
            new_cols = self.column_order
        return cols, in_cols, idx, out_cols, new_cols

    def _col_names(self):
        return self._io()[4]

    def _apply(self, args):
        for op in self.operations:
            try:
                out = op(*args)
            except RuntimeError:
                raise
            except Exception as e:
                name = getattr(op, "__name__", None) or type(op).__name__
                raise _user_error(f"map operation: [{name}]", e) from e
            args = list(out) if isinstance(out, tuple) else [out]
        return [_to_np(a, "the result of 'map'") for a in args]

    def _epoch(self, ctx):
        cols, in_cols, idx, out_cols, new_cols = self._io()
        rows = self.children[0]._epoch(ctx)
        if self.callbacks:
            from ..callbacks import with_callbacks

            rows = with_callbacks(self.callbacks, ctx, self, rows)
        for row in rows:
            outs = self._apply([row[i] for i in idx])
            if len(outs) != len(out_cols):
                raise _pipeline_error(
                    "Invalid columns, the number of columns returned in 'map' operations should "
                    "match the number "
                    "of 'output_columns', but got the number of columns returned in 'map' "
                    f"operations: {len(outs)},"
                    f" the number of 'output_columns': {len(out_cols)}.")
            values = dict(zip(cols, row))
            for c in in_cols:
                values.pop(c, None)
            values.update(zip(out_cols, outs))
            yield [values[c] for c in new_cols]

    def _size(self):
        return self.children[0]._size()


def _stack(values, col, pad_shape=None, pad_value=0):
    """Stacks one column of a batch, raising MindSpore's error for ragged shapes."""
    if pad_shape is not None:
        target = [max(np.shape(v)[d] for v in values) if s is None else s
                  for d, s in enumerate(pad_shape)]
        padded = []
        for v in values:
            v = np.asarray(v)
            if len(target) != v.ndim:
                raise _pipeline_error(f"PadBatch: pad_shape of column {col} has rank {len(target)}, "
                                      f"but the data has rank {v.ndim}.")
            if any(t < s for t, s in zip(target, v.shape)):
                raise _pipeline_error(f"PadBatch: the shape of column {col} {list(v.shape)} is larger than "
                                      f"pad_shape {target}.")
            out = np.full(target, pad_value, dtype=v.dtype)
            out[tuple(slice(0, s) for s in v.shape)] = v
            padded.append(out)
        values = padded
    first = np.shape(values[0])
    for v in values[1:]:
        if np.shape(v) != first:
            raise _pipeline_error(
                f"Cannot batch tensors with different shapes in column {col}. First element had shape "
                f"<{','.join(map(str, first))}> and this element had shape "
                f"<{','.join(map(str, np.shape(v)))}>")
    return np.stack(values)


class BatchDataset(Dataset):
    """Consecutive rows stacked into batches."""

    def __init__(self, input_dataset, batch_size, drop_remainder=False, num_parallel_workers=None,
                 per_batch_map=None, input_columns=None, output_columns=None, column_order=None,
                 pad_info=None, python_multiprocessing=False, max_rowsize=None):
        super().__init__(input_dataset, num_parallel_workers)
        if not callable(batch_size):
            _check_type("batch_size", batch_size, int)
            _check_range("batch_size", batch_size, 1, _INT32_MAX)
        _check_type("drop_remainder", drop_remainder, bool)
        if per_batch_map is not None and not callable(per_batch_map):
            raise TypeError("per_batch_map should be callable.")
        if per_batch_map is None and (input_columns is not None or output_columns is not None):
            raise ValueError("per_batch_map and input_columns need to be passed in together.")
        self.batch_size = batch_size
        self.drop_remainder = drop_remainder
        self.per_batch_map = per_batch_map
        self.input_columns = _check_columns("input_columns", input_columns)
        self.output_columns = _check_columns("output_columns", output_columns)
        self.column_order = _check_columns("column_order", column_order)
        self.pad_info = pad_info
        self.python_multiprocessing = python_multiprocessing

    def _io(self):
        cols = self.children[0]._col_names()
        if self.per_batch_map is None:
            return cols, cols, list(range(len(cols))), cols, cols
        in_cols = self.input_columns or cols
        idx = _column_indices(cols, in_cols, "batch")
        out_cols = self.output_columns or in_cols
        new_cols = self.column_order or _place_columns(cols, in_cols, out_cols)
        return cols, in_cols, idx, out_cols, new_cols

    def _col_names(self):
        return self._io()[4]

    def _size_of(self, batch_num, epoch):
        if callable(self.batch_size):
            bs = self.batch_size(BatchInfo(batch_num, epoch))
            if not isinstance(bs, int) or bs < 1:
                raise _pipeline_error(f"Invalid batch_size, batch_size should be positive, but got {bs}.")
            return bs
        return self.batch_size

    def _make_batch(self, rows, cols, batch_num, epoch):
        cols_, in_cols, idx, out_cols, new_cols = self._io()
        columns = {c: [r[i] for r in rows] for i, c in enumerate(cols)}
        if self.per_batch_map is not None:
            try:
                outs = self.per_batch_map(*[columns[c] for c in in_cols], BatchInfo(batch_num, epoch))
            except Exception as e:
                raise _user_error("per_batch_map", e) from e
            if not isinstance(outs, tuple):
                outs = (outs,)
            if len(outs) != len(out_cols):
                raise _pipeline_error(
                    "Invalid columns, the number of columns returned in 'per_batch_map' should "
                    "match the number "
                    f"of 'output_columns', but got: {len(outs)} and {len(out_cols)}.")
            for c in in_cols:
                columns.pop(c)
            for c, o in zip(out_cols, outs):
                columns[c] = [_to_np(v) for v in o] if isinstance(o, (list, tuple)) else _to_np(o)
        out = []
        for c in new_cols:
            v = columns[c]
            out.append(self._stack_column(v, c, cols) if isinstance(v, list) else v)
        return out

    def _stack_column(self, values, col, cols):
        pad = None
        if self.pad_info:
            if col in self.pad_info:
                pad = self.pad_info[col]
            elif "" in self.pad_info:
                pad = self.pad_info[""]
            else:
                pad = None
            if col in self.pad_info or "" in self.pad_info:
                shape, value = (None, 0) if pad is None else pad
                if shape is None:
                    shape = [None] * np.ndim(values[0])
                return _stack(values, cols.index(col) if col in cols else col, list(shape),
                              0 if value is None else value)
        return _stack(values, cols.index(col) if col in cols else col)

    def _epoch(self, ctx):
        cols = self.children[0]._col_names()
        batch_num = 0
        rows = []
        bs = self._size_of(batch_num, ctx.epoch)
        for row in self.children[0]._epoch(ctx):
            rows.append(row)
            if len(rows) == bs:
                yield self._make_batch(rows, cols, batch_num, ctx.epoch)
                rows = []
                batch_num += 1
                bs = self._size_of(batch_num, ctx.epoch)
        if rows and not self.drop_remainder:
            yield self._make_batch(rows, cols, batch_num, ctx.epoch)

    def _size(self):
        if callable(self.batch_size):
            return None
        n = self.children[0]._size()
        if n is None:
            return None
        return n // self.batch_size if self.drop_remainder else -(-n // self.batch_size)


class PaddedBatchDataset(BatchDataset):
    """``batch`` with padding of ragged columns (``pad_info``: {column: (shape, value)})."""

    def __init__(self, input_dataset, batch_size, drop_remainder=False, num_parallel_workers=None,
                 pad_info=None):
        if pad_info is not None and not isinstance(pad_info, dict):
            raise TypeError(f"Argument pad_info with value {pad_info} is not of type [<class 'dict'>].")
        super().__init__(input_dataset, batch_size, drop_remainder, num_parallel_workers,
                         pad_info=pad_info if pad_info is not None else {"": None})


class BucketBatchByLengthDataset(Dataset):
    """Rows bucketed by ``element_length_function``; each bucket is padded and batched."""

    def __init__(self, input_dataset, column_names, bucket_boundaries, bucket_batch_sizes,
                 element_length_function=None, pad_info=None, pad_to_bucket_boundary=False,
                 drop_remainder=False):
        super().__init__(input_dataset)
        self.column_names = _check_columns("column_names", column_names)
        bounds = list(bucket_boundaries)
        if any(b <= 0 for b in bounds) or any(b2 <= b1 for b1, b2 in zip(bounds, bounds[1:])):
            raise ValueError("bucket_boundaries should be positive and strictly increasing.")
        if len(bucket_batch_sizes) != len(bounds) + 1:
            raise ValueError("bucket_batch_sizes must contain one element more than bucket_boundaries.")
        if element_length_function is None and len(self.column_names) != 1:
            raise ValueError("If element_length_function is not specified, exactly one column name should be "
                             "passed.")
        self.bounds, self.batch_sizes = bounds, list(bucket_batch_sizes)
        self.length_fn = element_length_function
        self.pad_info = pad_info or {}
        self.pad_to_bucket_boundary, self.drop_remainder = pad_to_bucket_boundary, drop_remainder

    def _flush(self, rows, b, cols):
        out = []
        for i, c in enumerate(cols):
            values = [r[i] for r in rows]
            if c in self.pad_info:
                entry = self.pad_info[c]
                shape, value = entry if entry is not None else (None, 0)
                # only an explicit None dimension grows to the bucket boundary (MindSpore's rule)
                if self.pad_to_bucket_boundary and shape is not None and b < len(self.bounds):
                    shape = [self.bounds[b] - 1 if s is None else s for s in shape]
                shape = list(shape) if shape is not None else [None] * np.ndim(values[0])
                out.append(_stack(values, i, shape, 0 if value is None else value))
            else:
                out.append(_stack(values, i))
        return out

    def _epoch(self, ctx):
        cols = self.children[0]._col_names()
        idx = _column_indices(cols, self.column_names, "bucket")
        buckets = [[] for _ in self.batch_sizes]
        for row in self.children[0]._epoch(ctx):
            args = [row[i] for i in idx]
            n = self.length_fn(*args) if self.length_fn else np.shape(args[0])[0]
            b = int(np.searchsorted(self.bounds, n, side="right"))
            buckets[b].append(row)
            if len(buckets[b]) == self.batch_sizes[b]:
                yield self._flush(buckets[b], b, cols)
                buckets[b] = []
        if not self.drop_remainder:
            for b, rows in enumerate(buckets):
                if rows:
                    yield self._flush(rows, b, cols)


class ShuffleDataset(Dataset):
    """Buffer shuffle: emit a random buffered row, refill from the input (MindSpore's algorithm)."""

    def __init__(self, input_dataset, buffer_size):
        super().__init__(input_dataset)
        _check_type("buffer_size", buffer_size, int)
        _check_range("buffer_size", buffer_size, 2, _INT32_MAX)
        self.buffer_size = buffer_size
        self.reshuffle_each_epoch = True

    def _epoch(self, ctx):
        rng = ctx.rng(self, fresh=not self.reshuffle_each_epoch)
        buf = []
        for row in self.children[0]._epoch(ctx):
            if len(buf) < self.buffer_size:
                buf.append(row)
                continue
            j = rng.randint(len(buf))
            yield buf[j]
            buf[j] = row
        while buf:
            j = rng.randint(len(buf))
            buf[j], buf[-1] = buf[-1], buf[j]
            yield buf.pop()

    def _size(self):
        return self.children[0]._size()

    def is_shuffled(self):
        return True


class RepeatDataset(Dataset):
    def __init__(self, input_dataset, count=None):
        super().__init__(input_dataset)
        if count is None:
            count = -1
        _check_type("count", count, int)
        if count != -1 and (count <= 0 or count > _INT32_MAX):
            raise ValueError("count should be either -1 or positive integer, range[1, INT32_MAX].")
        self.count = count

    def _epoch(self, ctx):
        k = 0
        while self.count == -1 or k < self.count:
            yield from self.children[0]._epoch(ctx)
            k += 1

    def _size(self):
        n = self.children[0]._size()
        if n is None:
            return None
        return n if self.count == -1 else n * self.count


class FilterDataset(Dataset):
    def __init__(self, input_dataset, predicate, input_columns=None, num_parallel_workers=None):
        super().__init__(input_dataset, num_parallel_workers)
        if not callable(predicate):
            raise TypeError("Predicate should be a Python function or a callable Python object.")
        self.predicate = predicate
        self.input_columns = _check_columns("input_columns", input_columns)

    def _epoch(self, ctx):
        cols = self.children[0]._col_names()
        idx = _column_indices(cols, self.input_columns, "filter") if self.input_columns else range(len(cols))
        for row in self.children[0]._epoch(ctx):
            try:
                keep = self.predicate(*[row[i] for i in idx])
            except Exception as e:
                raise _user_error("filter predicate", e) from e
            if bool(np.all(keep)):
                yield row


class SkipDataset(Dataset):
    def __init__(self, input_dataset, count):
        super().__init__(input_dataset)
        _check_type("count", count, int)
        _check_range("count", count, 0, _INT32_MAX)
        self.count = count

    def _epoch(self, ctx):
        for i, row in enumerate(self.children[0]._epoch(ctx)):
            if i >= self.count:
                yield row

    def _size(self):
        n = self.children[0]._size()
        return None if n is None else max(n - self.count, 0)


class TakeDataset(Dataset):
    def __init__(self, input_dataset, count=-1):
        super().__init__(input_dataset)
        _check_type("count", count, int)
        if count != -1:
            _check_range("count", count, 0, _INT32_MAX)
        self.count = count

    def _epoch(self, ctx):
        if self.count == 0:
            return
        for i, row in enumerate(self.children[0]._epoch(ctx)):
            yield row
            if self.count != -1 and i + 1 >= self.count:
                return

    def _size(self):
        n = self.children[0]._size()
        if n is None:
            return None
        return n if self.count == -1 else min(n, self.count)


class _SplitDataset(Dataset):
    """Rows ``start .. start+size`` of a fixed permutation (same in every split) of the input."""

    def __init__(self, input_dataset, start, size, randomize):
        super().__init__(input_dataset)
        self.start, self.size, self.randomize = start, size, randomize
        self._perm = None

    def _positions(self, n):
        if self._perm is None:
            self._perm = config._new_rng().permutation(n) if self.randomize else np.arange(n)
        return self._perm[self.start:self.start + self.size]

    def _epoch(self, ctx):
        parent = self.children[0]
        if isinstance(parent, MappableDataset):  # read only the rows of this split
            idx = parent.sampler._indices(parent._length(), ctx.rng(parent))
            for p in self._positions(len(idx)):
                yield parent._read(int(idx[p]))
            return
        rows = list(parent._epoch(ctx))
        for p in self._positions(len(rows)):
            yield rows[p]

    def _size(self):
        return self.size


class RenameDataset(Dataset):
    def __init__(self, input_dataset, input_columns, output_columns):
        super().__init__(input_dataset)
        self.input_columns = _check_columns("input_columns", input_columns)
        self.output_columns = _check_columns("output_columns", output_columns)
        if len(self.input_columns) != len(self.output_columns):
            raise ValueError("Number of column in input_columns and output_columns is not equal.")

    def _col_names(self):
        cols = self.children[0]._col_names()
        for c in self.input_columns:
            if c not in cols:
                raise _pipeline_error("Invalid column, column to be renamed does not exist.")
        return _place_columns(cols, self.input_columns, self.output_columns)

    def _epoch(self, ctx):
        self._col_names()
        return self.children[0]._epoch(ctx)

    def _size(self):
        return self.children[0]._size()


class ProjectDataset(Dataset):
    def __init__(self, input_dataset, columns):
        super().__init__(input_dataset)
        self.columns = _check_columns("columns", columns)

    def _col_names(self):
        cols = self.children[0]._col_names()
        for c in self.columns:
            if c not in cols:
                raise _pipeline_error(f"Invalid column, column name: {c} does not exist.")
        return list(self.columns)

    def _epoch(self, ctx):
        self._col_names()
        cols = self.children[0]._col_names()
        idx = [cols.index(c) for c in self.columns]
        for row in self.children[0]._epoch(ctx):
            yield [row[i] for i in idx]

    def _size(self):
        return self.children[0]._size()


class ZipDataset(Dataset):
    def __init__(self, datasets):
        for d in datasets:
            if not isinstance(d, Dataset):
                raise TypeError(f"Invalid dataset, expected Dataset object, but got {type(d)}!")
        super().__init__(list(datasets))

    def _col_names(self):
        out = []
        for d in self.children:
            for c in d._col_names():
                if c in out:
                    raise _pipeline_error(f"Invalid data, duplicate column {c} already exists when zipping "
                                          "datasets.")
                out.append(c)
        return out

    def _epoch(self, ctx):
        self._col_names()
        for rows in zip(*[d._epoch(ctx) for d in self.children]):
            yield [v for r in rows for v in r]

    def _size(self):
        sizes = [d._size() for d in self.children]
        return None if any(s is None for s in sizes) else min(sizes)


class ConcatDataset(Dataset):
    def __init__(self, datasets):
        for d in datasets:
            if not isinstance(d, Dataset):
                raise TypeError(f"Invalid dataset, expected Dataset object, but got {type(d)}!")
        super().__init__(list(datasets))

    def _col_names(self):
        first = self.children[0]._col_names()
        for d in self.children[1:]:
            if d._col_names() != first:
                raise _pipeline_error("Invalid data, column name or column order of concat "
                                      "datasets should be the "
                                      f"same, but got {first} and {d._col_names()}.")
        return first

    def _epoch(self, ctx):
        self._col_names()
        for d in self.children:
            yield from d._epoch(ctx)

    def _size(self):
        sizes = [d._size() for d in self.children]
        return None if any(s is None for s in sizes) else sum(sizes)


class TransferDataset(Dataset):
    """What ``device_que`` returns; MindSpore feeds a device queue with it, so it is not iterable."""

    def __init__(self, input_dataset, send_epoch_end=True, create_data_info_queue=False, queue_name=""):
        super().__init__(input_dataset)
        self.send_epoch_end, self.queue_name = send_epoch_end, queue_name

    def _epoch(self, ctx):
        return self.children[0]._epoch(ctx)

    def _size(self):
        return self.children[0]._size()

    def create_dict_iterator(self, num_epochs=-1, output_numpy=False, do_copy=False):
        raise RuntimeError("TransferDataset is not iterable.")

    def create_tuple_iterator(self, columns=None, num_epochs=-1, output_numpy=False, do_copy=False):
        raise RuntimeError("TransferDataset is not iterable.")

    def __iter__(self):
        raise RuntimeError("TransferDataset is not iterable.")

    def send(self, num_epochs=-1):
        pass

    def stop_send(self):
        pass

    def continue_send(self):
        pass

    def get_data_info(self):
        return [str(t) for t in self.output_types()], self.output_shapes()

    def release(self):
        pass


class Schema:
    """Column names, types and shapes of a source (``add_column``)."""

    def __init__(self, schema_file=None):
        self.columns = []
        self.num_rows = None
        if schema_file is not None:
            import json

            with open(schema_file) as f:
                self.from_json(json.load(f))

    def add_column(self, name, de_type, shape=None):
        from ...common import dtype as mstype

        if isinstance(de_type, mstype.Type):
            np_type = mstype.dtype_to_nptype(de_type)
        else:
            np_type = np.dtype(de_type).type
        self.columns.append({"name": name, "type": np.dtype(np_type), "shape": shape})

    def parse_columns(self, columns):
        for c in columns if isinstance(columns, list) else [dict(name=k, **v) for k, v in columns.items()]:
            self.add_column(c["name"], c["type"], c.get("shape"))

    def from_json(self, json_obj):
        if "columns" in json_obj:
            self.parse_columns(json_obj["columns"])
        self.num_rows = json_obj.get("numRows")

    def to_json(self):
        import json

        return json.dumps({"columns": [{"name": c["name"], "type": str(c["type"]), "shape": c["shape"]}
                                       for c in self.columns], "numRows": self.num_rows})

    def get_col_names(self):
        return [c["name"] for c in self.columns]

    def __str__(self):
        return self.to_json()


def zip_datasets(datasets):
    """``ds.zip((d1, d2, ...))``: rows of all datasets side by side (exported as ``zip``)."""
    if not isinstance(datasets, tuple) or len(datasets) < 2:
        raise TypeError("Invalid datasets, expected a tuple of more than one Dataset.")
    return ZipDataset(datasets)

