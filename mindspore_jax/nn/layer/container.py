"""SequentialCell, CellList, CellDict: containers whose children are named by index or key."""

from __future__ import annotations

import collections

from ..cell import Cell

__all__ = ["SequentialCell", "CellList", "CellDict"]


def _check_cell(name, cell):
    if not isinstance(cell, Cell):
        raise TypeError(f"For '{name}', each element must be a Cell, but got {type(cell).__name__}.")


class SequentialCell(Cell):
    """Runs its cells in order: ``SequentialCell([a, b])`` or ``SequentialCell(OrderedDict)``."""

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], collections.OrderedDict):
            for name, cell in args[0].items():
                _check_cell("SequentialCell", cell)
                self.insert_child_to_cell(name, cell)
        elif len(args) == 1 and isinstance(args[0], (list, tuple)):
            for i, cell in enumerate(args[0]):
                _check_cell("SequentialCell", cell)
                self.insert_child_to_cell(str(i), cell)
        else:
            for i, cell in enumerate(args):
                _check_cell("SequentialCell", cell)
                self.insert_child_to_cell(str(i), cell)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return SequentialCell(list(self._cells.values())[index])
        return list(self._cells.values())[_norm_index(index, len(self))]

    def __setitem__(self, index, cell):
        _check_cell("SequentialCell", cell)
        key = list(self._cells.keys())[_norm_index(index, len(self))]
        self.__setattr__(key, cell)

    def __delitem__(self, index):
        keys = list(self._cells.keys())
        for k in (keys[index] if isinstance(index, slice) else [keys[_norm_index(index, len(keys))]]):
            del self._cells[k]
        self._reindex()

    def _reindex(self):
        cells = list(self._cells.values())
        self._cells.clear()
        for i, c in enumerate(cells):
            self._cells[str(i)] = c

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells.values())

    def append(self, cell):
        _check_cell("SequentialCell", cell)
        self.insert_child_to_cell(str(len(self)), cell)
        return self

    def insert(self, index, cell):
        cells = list(self._cells.values())
        cells.insert(index, cell)
        self._cells.clear()
        for i, c in enumerate(cells):
            self.insert_child_to_cell(str(i), c)

    def construct(self, input_data):
        for cell in self._cells.values():
            input_data = cell(input_data)
        return input_data


def _norm_index(index, n):
    if not isinstance(index, int):
        raise TypeError(f"Index must be int or slice, but got {type(index).__name__}.")
    if not -n <= index < n:
        raise IndexError(f"Index {index} out of range for a container of {n} cells.")
    return index % n


class CellList(Cell):
    """A list of cells, registered as children ``0``, ``1``, ..."""

    def __init__(self, *args, **kwargs):
        super().__init__(auto_prefix=kwargs.get("auto_prefix", True))
        if args:
            self.extend(args[0])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return CellList(list(self._cells.values())[index])
        return list(self._cells.values())[_norm_index(index, len(self))]

    def __setitem__(self, index, cell):
        _check_cell("CellList", cell)
        self.__setattr__(str(_norm_index(index, len(self))), cell)

    def __delitem__(self, index):
        keys = list(self._cells.keys())
        for k in (keys[index] if isinstance(index, slice) else [keys[_norm_index(index, len(keys))]]):
            del self._cells[k]
        cells = list(self._cells.values())
        self._cells.clear()
        for i, c in enumerate(cells):
            self._cells[str(i)] = c

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells.values())

    def __iadd__(self, cells):
        self.extend(cells)
        return self

    def insert(self, index, cell):
        cells = list(self._cells.values())
        cells.insert(index, cell)
        self._cells.clear()
        for i, c in enumerate(cells):
            self.insert_child_to_cell(str(i), c)

    def extend(self, cells):
        for cell in cells:
            self.append(cell)
        return self

    def append(self, cell):
        _check_cell("CellList", cell)
        self.insert_child_to_cell(str(len(self)), cell)
        return self

    def construct(self, *inputs):
        raise NotImplementedError("CellList has no construct; iterate over it.")


class CellDict(Cell):
    """A dict of cells keyed by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(auto_prefix=kwargs.get("auto_prefix", True))
        if args:
            self.update(args[0])

    def __getitem__(self, key):
        return self._cells[key]

    def __setitem__(self, key, cell):
        _check_cell("CellDict", cell)
        self.insert_child_to_cell(key, cell)

    def __delitem__(self, key):
        del self._cells[key]

    def __len__(self):
        return len(self._cells)

    def __iter__(self):
        return iter(self._cells)

    def __contains__(self, key):
        return key in self._cells

    def keys(self):
        return self._cells.keys()

    def values(self):
        return self._cells.values()

    def items(self):
        return self._cells.items()

    def clear(self):
        self._cells.clear()

    def pop(self, key):
        return self._cells.pop(key)

    def update(self, cells):
        items = cells.items() if hasattr(cells, "items") else cells
        for k, v in items:
            self[k] = v

    def construct(self, *inputs):
        raise NotImplementedError("CellDict has no construct.")
