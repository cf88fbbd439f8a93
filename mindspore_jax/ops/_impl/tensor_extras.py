"""Tensor attributes and small methods that are not op families: init flags, storage queries,
dtype-cast shorthands (``t.int()``...), ``to_coo``/``to_csr``, ``type``/``type_as``."""

import numpy as np

from ...common import dtype as mstype
from .._registry import tensor_method


def _data_attr(name, default):
    key = "_attr_" + name

    def get(self):
        return self.__dict__.get(key, default)

    def set_(self, value):
        self.__dict__[key] = value

    return property(get, set_)


# Tensors are materialized on creation: no pending initializer, init finished
tensor_method("init")(_data_attr("init", None))
tensor_method("const_arg")(_data_attr("const_arg", False))
tensor_method("init_flag")(_data_attr("init_flag", False))
tensor_method("param_info")(_data_attr("param_info", None))
tensor_method("virtual_flag")(_data_attr("virtual_flag", False))
tensor_method("init_finished")(_data_attr("init_finished", True))
tensor_method("has_init")(property(lambda self: self.__dict__.get("_attr_init") is not None))


@tensor_method("set_const_arg")
def _set_const_arg(self, const_arg=True):
    if not isinstance(const_arg, bool):
        raise TypeError(f"For 'Tensor.set_const_arg', the type of 'const_arg' should be bool, "
                        f"but got {type(const_arg)}.")
    self.const_arg = const_arg
    return self


@tensor_method("set_init_flag")
def _set_init_flag(self, flag):
    self.init_flag = flag


@tensor_method("is_init")
def _is_init(self):
    return self.init_flag


@tensor_method("flush_from_cache")
def _flush_from_cache(self):
    return None  # no host-side embedding cache


@tensor_method("data_sync")
def _data_sync(self, wait=True):
    if wait:
        self._data.block_until_ready()


@tensor_method("storage_offset")
def _storage_offset(self):
    return 0


@tensor_method("data_ptr")
def _data_ptr(self):
    try:
        return int(self._data.unsafe_buffer_pointer())
    except Exception:  # noqa: BLE001 - tracers / donated buffers have no address
        return 0


@tensor_method("stride")
def _stride(self, dim=None):
    shape = self.shape
    strides, acc = [], 1
    for s in reversed(shape):
        strides.append(acc)
        acc *= max(int(s), 1)
    strides = strides[::-1]
    if dim is None:
        return strides
    if not -len(shape) <= dim < max(len(shape), 1):
        raise IndexError(f"For 'Tensor.stride', dim {dim} is out of range for a {len(shape)}-D tensor.")
    return strides[dim]


@tensor_method("ndimension")
def _ndimension(self):
    return len(self.shape)


@tensor_method("is_complex")
def _is_complex(self):
    return np.dtype(self._data.dtype).kind == "c"


@tensor_method("is_floating_point")
def _is_floating_point(self):
    return np.issubdtype(np.dtype(self._data.dtype), np.floating)


@tensor_method("is_signed")
def _is_signed(self):
    k = np.dtype(self._data.dtype).kind
    return k in "fci"


@tensor_method("is_pinned")
def _is_pinned(self):
    return False


@tensor_method("is_shared")
def _is_shared(self):
    return False


@tensor_method("requires_grad_")
def _requires_grad_(self, requires_grad=True):
    self.__dict__["requires_grad"] = bool(requires_grad)


def _cast(dt):
    return lambda self: self.astype(dt)


for _name, _dt in (("bool", mstype.bool_), ("half", mstype.float16), ("int", mstype.int32),
                   ("long", mstype.int64), ("double", mstype.float64), ("short", mstype.int16),
                   ("byte", mstype.uint8), ("bfloat16", mstype.bfloat16)):
    tensor_method(_name)(_cast(_dt))


@tensor_method("type")
def _type(self, dtype=None):
    if dtype is None:
        return str(self.dtype)
    return self.astype(dtype)


@tensor_method("type_as")
def _type_as(self, other):
    return self.astype(other.dtype)


@tensor_method("to_coo")
def _to_coo(self):
    from ...common.tensor import COOTensor, Tensor

    a = self.asnumpy()
    idx = np.argwhere(a != 0).astype(np.int32)
    return COOTensor(Tensor(idx), Tensor(a[tuple(idx.T)]), self.shape)


@tensor_method("to_csr")
def _to_csr(self):
    from ...common.tensor import CSRTensor, Tensor

    a = self.asnumpy()
    if a.ndim != 2:
        raise ValueError(f"For 'Tensor.to_csr', only 2-D tensors are supported, but got {a.ndim}-D.")
    rows, cols = np.nonzero(a)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=a.shape[0]))]).astype(np.int32)
    return CSRTensor(Tensor(indptr), Tensor(cols.astype(np.int32)), Tensor(a[rows, cols]), self.shape)
