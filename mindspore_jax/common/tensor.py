"""``Tensor``: one ``jax.Array`` (or a tracer while compiling) with MindSpore's API.

Only what every layer needs lives here: creation rules, properties, printing, conversion and
indexing. Arithmetic operators and the hundreds of ``Tensor.xxx`` methods are views of the op
registry and are attached by ``mindspore_jax.ops`` (see ``ops/_tensor_methods.py``).
"""

from __future__ import annotations

import numbers

import jax
import jax.numpy as jnp
import numpy as np

from . import _jaxcfg  # noqa: F401  (x64 on before any array exists)
from . import dtype as mstype


def _infer_np_dtype(data):
    """MindSpore's creation rule: Python float -> Float32, int -> Int64, bool -> Bool."""
    arr = np.asarray(data)
    if arr.dtype == np.float64 and not isinstance(data, (np.ndarray, np.generic)):
        return arr.astype(np.float32)
    if arr.dtype == np.complex128 and not isinstance(data, (np.ndarray, np.generic)):
        return arr.astype(np.complex64)
    if arr.dtype.kind in "USO":
        raise TypeError(f"For 'Tensor', the input data type {arr.dtype} is not supported.")
    return arr


def _to_jax(data, dtype=None):
    """Converts any accepted input to a jax array with MindSpore's dtype inference."""
    np_dt = None if dtype is None else mstype.to_np(dtype)
    if isinstance(data, Tensor):
        arr = data._data
    elif isinstance(data, jax.Array) or isinstance(data, jax.core.Tracer):
        arr = data
    elif isinstance(data, (list, tuple)) and any(isinstance(d, Tensor) for d in _flat(data)):
        arr = jnp.asarray(np.asarray(_tree_np(data)))
        if np_dt is None and arr.dtype == np.float64:
            arr = arr.astype(np.float32)
    else:
        if isinstance(data, (list, tuple)) and len(data) == 0 and np_dt is None:
            np_dt = np.dtype(np.float32)
        arr = _infer_np_dtype(data)
        if np_dt is not None and arr.dtype != np_dt:
            if np_dt.kind in "iu" and arr.dtype.kind == "f":
                arr = np.trunc(arr)
            arr = arr.astype(np_dt)
        with jax.ensure_compile_time_eval():  # a constant stays concrete while tracing (as in MindSpore)
            return jnp.asarray(arr)
    if np_dt is not None and arr.dtype != np_dt:
        arr = arr.astype(np_dt)
    return arr


def _flat(seq):
    for d in seq:
        if isinstance(d, (list, tuple)):
            yield from _flat(d)
        else:
            yield d


def _tree_np(data):
    if isinstance(data, Tensor):
        return np.asarray(data._data)
    if isinstance(data, (list, tuple)):
        return [_tree_np(d) for d in data]
    return data


def _sci(digits):
    def fmt(x):
        s = "%.*e" % (digits, x)
        return s if s.startswith("-") else " " + s

    return fmt


def _repr_value(arr):
    """The value part of ``repr(Tensor)``: numpy layout, MindSpore's float formatting."""
    kind = arr.dtype.kind
    if arr.ndim == 0:
        return str(arr.astype(np.float32) if arr.dtype == mstype.bfloat16._np else arr)
    if arr.dtype == mstype.bfloat16._np:
        text = "[" + ", ".join((" " if v >= 0 else "") + repr(float(v))
                               for v in arr.astype(np.float32).ravel()) + "]" if arr.ndim == 1 else \
            np.array2string(arr.astype(np.float32), separator=", ", threshold=1000)
    elif kind == "f":
        digits = 4 if arr.dtype.itemsize == 2 else 8
        text = np.array2string(arr, separator=", ", formatter={"float_kind": _sci(digits)},
                               threshold=1000)
    elif kind == "c":
        text = np.array2string(arr, separator=", ", threshold=1000,
                               formatter={"complex_kind": lambda z: f"{z.real:g}{z.imag:+g}j"})
    else:
        text = np.array2string(arr, separator=", ", threshold=1000)
    if arr.size == 0:
        return ""
    return "\n".join(line for line in text.split("\n") if line.strip())


class Tensor:
    """MindSpore ``Tensor``. ``Tensor(1)`` is Int64, ``Tensor(1.0)`` Float32, numpy arrays keep
    their dtype; ``dtype=`` converts; ``Tensor(shape=..., dtype=..., init=...)`` initialises."""

    __array_priority__ = 100

    def __init__(self, input_data=None, dtype=None, shape=None, init=None, internal=False,
                 const_arg=False, device=None):
        if input_data is None and init is None and shape is None:
            raise ValueError("For 'Tensor', 'input_data' or 'init' must be set.")
        if input_data is None:
            if dtype is None:
                raise TypeError("For 'Tensor', 'dtype' must be set when 'input_data' is None.")
            shape = (shape,) if isinstance(shape, int) else tuple(shape or ())
            if init is None:
                self._data = jnp.zeros(shape, mstype.to_np(dtype))
            else:
                from .initializer import _materialize

                self._data = _materialize(init, shape, dtype)  # eager: values are ready now
                self._attr_init = init
            return
        if isinstance(input_data, np.ndarray) and input_data.dtype.kind in "USO":
            raise TypeError(
                f"For 'Tensor', the type of input_data numpy array {input_data.dtype} is not supported.")
        if not isinstance(input_data, (Tensor, jax.Array, jax.core.Tracer, np.ndarray, np.generic,
                                       numbers.Number, list, tuple)):
            raise TypeError(
                "For 'Tensor', the type of 'input_data' should be Tensor, numpy.ndarray, "
                f"Number, list or tuple, but got {type(input_data).__name__}.")
        self._data = _to_jax(input_data, dtype)

    # --- fast internal constructor (no checks): the op registry wraps results with it
    @classmethod
    def _wrap(cls, arr):
        t = object.__new__(Tensor)
        t._data = arr
        return t

    # --- properties
    @property
    def dtype(self):
        return mstype._NP_TO_MS[self._data.dtype]

    @property
    def shape(self):
        return tuple(self._data.shape)

    @property
    def ndim(self):
        return self._data.ndim

    @property
    def size(self):
        return int(np.prod(self._data.shape, dtype=np.int64))

    @property
    def itemsize(self):
        return self._data.dtype.itemsize

    @property
    def nbytes(self):
        return self.size * self.itemsize

    @property
    def strides(self):
        return np.empty((0,) * 0).strides if self.ndim == 0 else np.zeros(
            self.shape, self._data.dtype).strides

    @property
    def T(self):
        return Tensor._wrap(jnp.transpose(self._data))

    @property
    def mT(self):
        return Tensor._wrap(jnp.swapaxes(self._data, -1, -2))

    @property
    def data(self):
        return self

    @property
    def device(self):
        try:
            dev = next(iter(self._data.devices()))
            return f"{dev.platform.upper()}:{dev.id}"
        except Exception:
            return "CPU:0"

    @property
    def is_leaf(self):
        return True

    def dim(self):
        return self._data.ndim

    def numel(self):
        return self.size

    def nelement(self):
        return self.size

    def element_size(self):
        return self.itemsize

    # --- conversion
    def asnumpy(self):
        """A writable numpy copy of the value (MindSpore users mutate it freely)."""
        _check_concrete(self, "asnumpy")
        return np.array(self._data)

    numpy = asnumpy

    def __array__(self, dtype=None, copy=None):
        _check_concrete(self, "__array__")
        arr = np.asarray(self._data)
        return arr if dtype is None else arr.astype(dtype)

    def item(self, index=None):
        _check_concrete(self, "item")
        arr = np.asarray(self._data)
        if index is None:
            if arr.size != 1:
                raise ValueError(
                    f"For 'Tensor.item', the tensor should have only one element, but got {arr.size}.")
            return arr.reshape(()).item()
        return arr.item(index)

    def tolist(self):
        _check_concrete(self, "tolist")
        return np.asarray(self._data).tolist()

    def asnumpy_of_slice_persistent_data(self, *_):  # pragma: no cover - API shim
        return self.asnumpy()

    def __bool__(self):
        return bool(_scalar(self, "bool"))

    def __int__(self):
        return int(_scalar(self, "int"))

    def __float__(self):
        return float(_scalar(self, "float"))

    def __complex__(self):
        return complex(_scalar(self, "complex"))

    def __index__(self):
        if self._data.dtype.kind not in "iub":
            raise TypeError("Only integer tensors of a single element can be converted to an index.")
        return int(_scalar(self, "index"))

    def __len__(self):
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self):
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (Tensor._wrap(self._data[i]) for i in range(self._data.shape[0]))

    def __hash__(self):
        return id(self)

    def __format__(self, spec):
        if self._data.ndim == 0 and spec:
            return format(self.item(), spec)
        return format(str(self), spec)

    # --- printing, as MindSpore prints
    def __str__(self):
        if _is_tracer(self._data):
            return f"Tensor(shape={list(self.shape)}, dtype={self.dtype}, value=<traced>)"
        arr = np.asarray(self._data)
        if arr.dtype == mstype.bfloat16._np:
            arr = arr.astype(np.float32)
        return str(arr)

    def __repr__(self):
        if _is_tracer(self._data):
            return self.__str__()
        arr = np.asarray(self._data)
        head = f"Tensor(shape={list(arr.shape)}, dtype={self.dtype}, value="
        body = _repr_value(arr)
        return head + ("\n" if arr.ndim > 1 else " ") + body + ")"

    # --- copies and casts
    def copy(self):
        return Tensor._wrap(jnp.array(self._data, copy=True))

    def clone(self):
        return self.copy()

    def astype(self, dtype, copy=True):
        return Tensor._wrap(_cast_array(self._data, dtype))

    def to(self, dtype=None, *args, **kwargs):
        return self if dtype is None or isinstance(dtype, str) else self.astype(dtype)

    def init_data(self, *args, **kwargs):
        """Only Tensors created with ``init=`` have data to initialise (MindSpore raises otherwise)."""
        if self.__dict__.get("_attr_init") is None:
            raise TypeError("init_data must be set Tensor.init, init can't be None")
        return self

    def assign_value(self, value):
        self._data = _to_jax(value, self.dtype)
        return self

    def set_dtype(self, dtype):
        self._data = _cast_array(self._data, dtype)
        return self

    @staticmethod
    def from_numpy(array):
        return Tensor._wrap(jnp.asarray(array))

    def contiguous(self):
        return self

    def is_contiguous(self):
        return True

    def __deepcopy__(self, memo):
        return self.copy()

    def __copy__(self):
        return Tensor._wrap(self._data)

    def __reduce__(self):
        return (Tensor, (np.asarray(self._data),))

    # --- indexing
    def __getitem__(self, index):
        return Tensor._wrap(self._data[_unwrap_index(index)])

    def __setitem__(self, index, value):
        v = value._data if isinstance(value, Tensor) else value
        v = jnp.asarray(v).astype(self._data.dtype)
        self._data = self._data.at[_unwrap_index(index)].set(v)


def _is_tracer(x):
    return isinstance(x, jax.core.Tracer)


def _check_concrete(t, what):
    if _is_tracer(t._data):
        raise RuntimeError(
            f"For 'Tensor.{what}', the value of a Tensor is not known while the network is being "
            f"compiled (GRAPH_MODE / ms.jit): shape {list(t.shape)}, dtype {t.dtype}. Use it outside "
            "construct, or run in PYNATIVE_MODE.")


def _scalar(t, what):
    if _is_tracer(t._data):
        from .._graph.errors import tensor_bool_error

        raise tensor_bool_error(t, what)
    arr = np.asarray(t._data)
    if arr.size != 1:
        raise ValueError(
            f"The truth value of a Tensor with more than one element is ambiguous: shape "
            f"{list(arr.shape)}. Use .any() or .all().")
    return arr.reshape(())


def _cast_array(arr, dtype):
    np_dt = mstype.to_np(dtype)
    if arr.dtype == np_dt:
        return arr
    return arr.astype(np_dt)


def _unwrap_index(index):
    if isinstance(index, Tensor):
        return index._data
    if isinstance(index, tuple):
        return tuple(_unwrap_index(i) for i in index)
    if isinstance(index, list):
        if any(isinstance(i, Tensor) for i in index):
            return jnp.stack([jnp.asarray(_unwrap_index(i)) for i in index])
        return np.asarray(index)
    return index


def _flatten_tensor(t):
    return (t._data,), None


def _unflatten_tensor(_, children):
    t = object.__new__(Tensor)
    t._data = children[0]
    return t


jax.tree_util.register_pytree_node(Tensor, _flatten_tensor, _unflatten_tensor)


def tensor(input_data=None, dtype=None, shape=None, init=None, const_arg=False):
    """``ms.tensor``: the function spelling of ``Tensor(...)``."""
    return Tensor(input_data, dtype=dtype, shape=shape, init=init, const_arg=const_arg)


def from_numpy(array):
    return Tensor.from_numpy(array)


def is_tensor(obj):
    return isinstance(obj, Tensor)


# Sparse tensors live in sparse_tensor.py (imported last: it builds on Tensor).
from .sparse_tensor import COOTensor, CSRTensor, RowTensor, RowTensorInner, SparseTensor  # noqa: E402,F401
