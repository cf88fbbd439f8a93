"""General data transforms (``mindspore.dataset.transforms``), numpy in, numpy out.

Each transform is a callable object usable in ``Dataset.map`` or eagerly on arrays. Random ones
draw from the dataset RNG (``ds.config.set_seed``).
"""

from enum import IntEnum

import numpy as np

from ..core import config


def _rng():
    return config._transform_rng.get()


def _np_dtype(data_type):
    from ...common import dtype as mstype

    if isinstance(data_type, mstype.Type):
        return np.dtype(mstype.dtype_to_nptype(data_type))
    return np.dtype(data_type)


def _run_error(op, msg):
    return RuntimeError(f"map operation: [{op}] failed. {op}: {msg}")


class TensorOperation:
    """Base of all transforms: ``__call__`` takes numpy arrays (or PIL images) and returns numpy."""

    def __call__(self, *input_tensor_list):
        args = [np.asarray(a) if not _is_pil(a) else a for a in input_tensor_list]
        return self._execute(*args)

    def _execute(self, *args):
        raise NotImplementedError

    def parse(self):
        return self


PyTensorOperation = TensorOperation


def _is_pil(x):
    try:
        from PIL import Image

        return isinstance(x, Image.Image)
    except ImportError:
        return False


def not_random(function):
    """Marks a user function as deterministic (MindSpore uses it for cache decisions)."""
    function.random = False
    return function


class Relational(IntEnum):
    EQ = 0
    NE = 1
    GT = 2
    GE = 3
    LT = 4
    LE = 5


_RELATIONAL = {Relational.EQ: np.equal, Relational.NE: np.not_equal, Relational.GT: np.greater,
               Relational.GE: np.greater_equal, Relational.LT: np.less, Relational.LE: np.less_equal}


class Compose(TensorOperation):
    """Applies ``transforms`` in order; a tuple result is spread over the next transform's arguments."""

    def __init__(self, transforms):
        if not isinstance(transforms, (list, tuple)) or not transforms:
            raise TypeError("transforms should be a non-empty list of callables.")
        for t in transforms:
            if not callable(t):
                raise TypeError(f"transforms[{transforms.index(t)}] is not callable.")
        self.transforms = list(transforms)

    def __call__(self, *args):
        for t in self.transforms:
            out = t(*args)
            args = out if isinstance(out, tuple) else (out,)
        return args[0] if len(args) == 1 else tuple(args)

    @staticmethod
    def reduce(operations):
        return operations

    @staticmethod
    def decompose(operations):
        return operations


class TypeCast(TensorOperation):
    """Casts to ``data_type`` (an mstype or numpy dtype); floats to ints truncate, like C's cast."""

    def __init__(self, data_type):
        self.data_type = data_type
        self._np = _np_dtype(data_type)

    def _execute(self, x):
        return x.astype(self._np)


class OneHot(TensorOperation):
    """One-hot encodes integer labels; ``smoothing_rate`` spreads that much mass over other classes."""

    def __init__(self, num_classes, smoothing_rate=0.0):
        if not isinstance(num_classes, int) or isinstance(num_classes, bool) or num_classes <= 0:
            raise ValueError("Input num_classes is not within the required interval of [1, 2147483647].")
        if not 0.0 <= smoothing_rate <= 1.0:
            raise ValueError("Input smoothing_rate is not within the required interval of [0.0, 1.0].")
        self.num_classes, self.smoothing_rate = num_classes, smoothing_rate

    def _execute(self, x):
        if x.dtype.kind not in "iu":
            raise _run_error("OneHot", f"OneHot only supports input of int type, but got:{x.dtype}")
        if x.ndim > 1:
            raise _run_error("OneHot", "OneHot only supports scalars or 1D input")
        if x.size and (x.max() >= self.num_classes or x.min() < 0):
            bad = int(x.max()) if x.max() >= self.num_classes else int(x.min())
            raise _run_error("OneHot", "index values should not bigger than num classes: "
                                       f"{self.num_classes}, "
                                       f"but got: {bad}")
        eye = np.eye(self.num_classes)[x]
        if self.smoothing_rate:
            return eye * (1 - self.smoothing_rate) + self.smoothing_rate / self.num_classes
        return eye.astype(x.dtype)


class Fill(TensorOperation):
    """An array of the input's shape and dtype filled with ``fill_value``."""

    def __init__(self, fill_value):
        self.fill_value = fill_value

    def _execute(self, x):
        return np.full(x.shape, self.fill_value, dtype=x.dtype)


class Duplicate(TensorOperation):
    """Returns the input twice (two columns)."""

    def _execute(self, x):
        return x, x.copy()


class Concatenate(TensorOperation):
    """Concatenates ``prepend``, the (1-D) input and ``append`` along ``axis``."""

    def __init__(self, axis=0, prepend=None, append=None):
        self.axis = axis
        self.prepend = None if prepend is None else np.asarray(prepend)
        self.append = None if append is None else np.asarray(append)

    def _execute(self, x):
        if x.ndim != 1:
            raise _run_error("Concatenate", "Only 1D input supported")
        parts = [p for p in (self.prepend, x, self.append) if p is not None]
        return np.concatenate(parts, axis=self.axis)


class Mask(TensorOperation):
    """``input <operator> constant`` element-wise, as ``dtype`` (bool by default)."""

    def __init__(self, operator, constant, dtype=None):
        if not isinstance(operator, Relational):
            raise TypeError(f"operator should be of type Relational, but got {type(operator)}.")
        self.operator, self.constant = operator, constant
        self._np = np.dtype(np.bool_) if dtype is None else _np_dtype(dtype)

    def _execute(self, x):
        return _RELATIONAL[self.operator](x, np.asarray(self.constant, dtype=x.dtype)).astype(self._np)


class PadEnd(TensorOperation):
    """Pads (or crops) each dimension at its end to ``pad_shape`` with ``pad_value``."""

    def __init__(self, pad_shape, pad_value=None):
        self.pad_shape = list(pad_shape)
        self.pad_value = 0 if pad_value is None else pad_value

    def _execute(self, x):
        if len(self.pad_shape) != x.ndim:
            raise _run_error("PadEnd", f"invalid pad shape, expected rank {x.ndim} but got "
                                       f"{len(self.pad_shape)}")
        out = np.full(self.pad_shape, self.pad_value, dtype=x.dtype)
        region = tuple(slice(0, min(a, b)) for a, b in zip(x.shape, self.pad_shape))
        out[region] = x[region]
        return out


class _SliceOption:
    def __init__(self, slice_option):
        self.slice_option = slice_option


class Slice(TensorOperation):
    """Slices each dimension by an int (kept as a size-1 dim), a list of indices, a slice, or all."""

    def __init__(self, *slices):
        for s in slices:
            if not isinstance(s, (int, list, slice, type(None), type(Ellipsis), _SliceOption)):
                raise TypeError(f"Argument slice with value {s} is not of type [<class 'int'>, "
                                "<class 'list'>, "
                                f"<class 'slice'>, <class 'bool'>, <class 'ellipsis'>, "
                                f"<class 'mindspore.dataset.transforms.transforms._SliceOption'>], "
                                f"but got {type(s)}.")
        self.slices = [s.slice_option if isinstance(s, _SliceOption) else s for s in slices]

    def _execute(self, x):
        out = x
        dim = 0
        for s in self.slices:
            if s is Ellipsis:
                break
            if s is None or s is True:
                pass
            elif isinstance(s, int):
                out = np.take(out, [s], axis=dim)
            elif isinstance(s, list):
                out = np.take(out, s, axis=dim)
            else:
                idx = [slice(None)] * out.ndim
                idx[dim] = s
                out = out[tuple(idx)]
            dim += 1
        return out


class Unique(TensorOperation):
    """Unique values (first-appearance order) of the flattened input, each element's index, counts.

    MindSpore's kernel rejects inputs of rank < 2 (and flattens the rest); so does this one.
    """

    def _execute(self, x):
        if x.ndim < 2:
            raise _run_error("Unique", "input must be at least 2-D in order to do unique op, "
                                       f"got rank:{x.ndim}")
        x = x.reshape(-1)
        _, first, inverse, counts = np.unique(x, return_index=True, return_inverse=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return x[np.sort(first)], rank[inverse].astype(np.int32), counts[order].astype(np.int32)


class RandomApply(TensorOperation):
    """Applies the ``transforms`` chain with probability ``prob``."""

    def __init__(self, transforms, prob=0.5):
        self.transforms = Compose(transforms)
        if not 0.0 <= prob <= 1.0:
            raise ValueError("Input prob is not within the required interval of [0.0, 1.0].")
        self.prob = prob

    def __call__(self, *args):
        if _rng().rand() < self.prob:
            return self.transforms(*args)
        return args[0] if len(args) == 1 else args


class RandomChoice(TensorOperation):
    """Applies one of ``transforms``, chosen uniformly at random."""

    def __init__(self, transforms):
        Compose(transforms)
        self.transforms = list(transforms)

    def __call__(self, *args):
        return self.transforms[_rng().randint(len(self.transforms))](*args)


class RandomOrder(TensorOperation):
    """Applies all ``transforms`` in a random order."""

    def __init__(self, transforms):
        Compose(transforms)
        self.transforms = list(transforms)

    def __call__(self, *args):
        order = _rng().permutation(len(self.transforms))
        return Compose([self.transforms[i] for i in order])(*args)


class Plugin(TensorOperation):
    def __init__(self, lib_path, func_name, user_args=None):
        raise NotImplementedError("transforms.Plugin (C++ plug-in libraries) is not supported "
                                  "by mindspore_jax.")


__all__ = ["Compose", "Concatenate", "Duplicate", "Fill", "Mask", "OneHot", "PadEnd", "Plugin", "RandomApply",
           "RandomChoice", "RandomOrder", "Relational", "Slice", "TypeCast", "Unique", "not_random"]
