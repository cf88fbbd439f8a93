"""Iterators over a pipeline: ``create_tuple_iterator`` / ``create_dict_iterator``.

Iterating an iterator runs one epoch; iterating it again runs the next (up to ``num_epochs``),
the way ``Model.train`` consumes it. Values are mindspore_jax Tensors unless ``output_numpy``
(string columns stay numpy arrays, as in MindSpore).
"""

import numpy as np

from .datasets import _Ctx


def _to_tensor(v):
    if isinstance(v, np.ndarray) and v.dtype.kind not in "USO":
        from ...common.tensor import Tensor

        return Tensor(v)
    return v


class _Iterator:
    def __init__(self, dataset, num_epochs=-1, output_numpy=False, do_copy=False, origin=None):
        origin = dataset if origin is None else origin
        if not isinstance(num_epochs, int) or isinstance(num_epochs, bool):
            raise TypeError(f"Argument num_epochs with value {num_epochs} is not of type [<class 'int'>].")
        if num_epochs != -1 and num_epochs < 1:
            raise ValueError("num_epochs should be either -1 or positive integer.")
        self.dataset = dataset
        self.num_epochs = num_epochs
        self.output_numpy = output_numpy
        self._cols = dataset.get_col_names()
        # extra_metadata columns ("_meta-*") are not yielded unless renamed, as in MindSpore
        self._keep = [i for i, c in enumerate(self._cols) if not c.startswith("_meta-")]
        if len(self._keep) == len(self._cols):
            self._keep = None
        else:
            self._cols = [self._cols[i] for i in self._keep]
        stream = getattr(origin, "_num_iterators", 0)
        origin._num_iterators = stream + 1
        self._ctx = _Ctx(stream)
        self._gen = None
        self._done = False
        self._index = 0

    def __iter__(self):
        return self

    def _next_row(self):
        if self._done:
            raise StopIteration
        if self._gen is None:
            self._gen = self.dataset._epoch(self._ctx)
        try:
            row = next(self._gen)
        except StopIteration:
            self._gen = None
            self._ctx.epoch += 1
            if self.num_epochs != -1 and self._ctx.epoch >= self.num_epochs:
                self._done = True
            raise
        self._index += 1
        if self._keep is not None:
            row = [row[i] for i in self._keep]
        return row if self.output_numpy else [_to_tensor(v) for v in row]

    def get_next(self):
        return self.__next__()

    def stop(self):
        self._done = True
        self._gen = None

    def get_col_names(self):
        return list(self._cols)

    def get_dataset_size(self):
        return self.dataset.get_dataset_size()

    def reset(self):
        self._gen = None


class TupleIterator(_Iterator):
    """Yields a list of column values per row (``columns`` selects and orders them)."""

    def __init__(self, dataset, columns=None, num_epochs=-1, output_numpy=False, do_copy=False):
        origin = dataset
        if columns is not None:
            dataset = dataset.project(columns)
        super().__init__(dataset, num_epochs, output_numpy, do_copy, origin)

    def __next__(self):
        return self._next_row()


class DictIterator(_Iterator):
    """Yields ``{column name: value}`` per row."""

    def __next__(self):
        return dict(zip(self._cols, self._next_row()))


class DummyIterator:
    """Placeholder iterator used when a dataset sink mode consumes the data."""

    def __init__(self, dataset, mode="tuple"):
        self.dataset, self.mode = dataset, mode

    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration
