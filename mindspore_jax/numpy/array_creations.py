"""``mindspore.numpy`` array creation: Python ints -> Int32, floats -> Float32 by default."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from ._base import asarray as _asarray, finish, is_wide, np_dtype, npfunc, unwrap, wrap


def _shape(shape, api):
    if isinstance(shape, Tensor):
        shape = tuple(int(i) for i in np.asarray(shape._data).reshape(-1))
    if isinstance(shape, (int, np.integer)):
        shape = (int(shape),)
    if not isinstance(shape, (tuple, list)) or not all(isinstance(i, (int, np.integer)) for i in shape):
        raise TypeError(f"For '{api}', the argument 'shape' must be int, tuple or list of int, "
                        f"but got {shape}.")
    if any(i < 0 for i in shape):
        raise ValueError(f"For '{api}', the elements of 'shape' must be non-negative, but got {shape}.")
    return tuple(int(i) for i in shape)


def array(obj, dtype=None, copy=True, ndmin=0):
    """``mnp.array``: a new Tensor (ints Int32, floats Float32 unless ``dtype``)."""
    arr = _asarray(obj, dtype)
    if ndmin > arr.ndim:
        arr = arr.reshape((1,) * (ndmin - arr.ndim) + arr.shape)
    return Tensor._wrap(jnp.array(arr, copy=True) if copy else arr)


def asarray(a, dtype=None):
    return Tensor._wrap(_asarray(a, dtype))


def asfarray(a, dtype=mstype.float32):
    dt = np_dtype(dtype)
    if dt.kind not in "fc":
        dt = np.dtype(np.float32)
    return Tensor._wrap(_asarray(a, dt))


def copy(a):
    return Tensor._wrap(jnp.array(_asarray(a), copy=True))


def zeros(shape, dtype=mstype.float32):
    return Tensor._wrap(jnp.zeros(_shape(shape, "zeros"), np_dtype(dtype)))


def ones(shape, dtype=mstype.float32):
    return Tensor._wrap(jnp.ones(_shape(shape, "ones"), np_dtype(dtype)))


def empty(shape, dtype=mstype.float32):
    """Uninitialised memory does not exist in XLA: the Tensor holds zeros (as MindSpore's CPU)."""
    return Tensor._wrap(jnp.zeros(_shape(shape, "empty"), np_dtype(dtype)))


def _fill_dtype(fill_value, dtype):
    if dtype is not None:
        return np_dtype(dtype)
    return _asarray(fill_value).dtype


def full(shape, fill_value, dtype=None):
    dt = _fill_dtype(fill_value, dtype)
    return Tensor._wrap(jnp.full(_shape(shape, "full"), _asarray(fill_value), dt))


def _like(a, dtype, shape):
    a = _asarray(a)
    return (np_dtype(dtype) or a.dtype), (a.shape if shape is None else _shape(shape, "like"))


def zeros_like(a, dtype=None, shape=None):
    dt, sh = _like(a, dtype, shape)
    return Tensor._wrap(jnp.zeros(sh, dt))


def ones_like(a, dtype=None, shape=None):
    dt, sh = _like(a, dtype, shape)
    return Tensor._wrap(jnp.ones(sh, dt))


def empty_like(prototype, dtype=None, shape=None):
    return zeros_like(prototype, dtype, shape)


def full_like(a, fill_value, dtype=None, shape=None):
    dt, sh = _like(a, dtype, shape)
    return Tensor._wrap(jnp.full(sh, _asarray(fill_value), dt))


def arange(start, stop=None, step=None, dtype=None):
    """Int32 when every bound is an int, else Float32 (or ``dtype``)."""
    vals = [v for v in (start, stop, step) if v is not None]
    vals = [v.item() if isinstance(v, Tensor) else v for v in vals]
    if dtype is None:
        dtype = np.int32 if all(isinstance(v, (int, np.integer)) for v in vals) else np.float32
    if stop is None:
        start, stop = 0, vals[0]
    else:
        start, stop = vals[0], vals[1]
    step = 1 if step is None else (step.item() if isinstance(step, Tensor) else step)
    if step == 0:
        raise ValueError("For 'arange', the argument 'step' must not be 0.")
    return Tensor._wrap(jnp.asarray(np.arange(start, stop, step).astype(np_dtype(dtype))))


def _num(x):
    return x.item() if isinstance(x, Tensor) and x.ndim == 0 else unwrap(x)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    dt = np_dtype(dtype) or np.dtype(np.float32)
    out = jnp.linspace(_num(start), _num(stop), num, endpoint=endpoint, retstep=retstep,
                       dtype=np.float64, axis=axis)
    if retstep:
        return Tensor._wrap(out[0].astype(dt)), out[1].item() if out[1].ndim == 0 else wrap(out[1])
    return Tensor._wrap(out.astype(dt))


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    dt = np_dtype(dtype) or np.dtype(np.float32)
    out = jnp.logspace(_num(start), _num(stop), num, endpoint=endpoint, base=base,
                       dtype=np.float64, axis=axis)
    return Tensor._wrap(out.astype(dt))


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    dt = np_dtype(dtype) or np.dtype(np.float32)
    out = jnp.geomspace(_num(start), _num(stop), num, endpoint=endpoint, dtype=np.float64,
                        axis=axis)
    return Tensor._wrap(out.astype(dt))


def eye(N, M=None, k=0, dtype=mstype.float32):  # noqa: N803  (numpy's names)
    return Tensor._wrap(jnp.eye(N, M, k, dtype=np_dtype(dtype)))


def identity(n, dtype=mstype.float32):
    return Tensor._wrap(jnp.identity(n, dtype=np_dtype(dtype)))


def tri(N, M=None, k=0, dtype=mstype.float32):  # noqa: N803
    return Tensor._wrap(jnp.tri(N, M, k, dtype=np_dtype(dtype)))


def tril(m, k=0):
    return Tensor._wrap(jnp.tril(_asarray(m), k))


def triu(m, k=0):
    return Tensor._wrap(jnp.triu(_asarray(m), k))


def diag(v, k=0):
    return Tensor._wrap(jnp.diag(_asarray(v), k))


def diagflat(v, k=0):
    return Tensor._wrap(jnp.diagflat(_asarray(v), k))


def diagonal(a, offset=0, axis1=0, axis2=1):
    return Tensor._wrap(jnp.diagonal(_asarray(a), offset, axis1, axis2))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None):
    x = _asarray(a)
    return finish(jnp.trace(x, offset, axis1, axis2), is_wide(x), dtype)


def meshgrid(*xi, sparse=False, indexing="xy"):
    if indexing not in ("xy", "ij"):
        raise ValueError(f"For 'meshgrid', 'indexing' must be 'xy' or 'ij', but got {indexing}.")
    return [Tensor._wrap(g) for g in jnp.meshgrid(*[_asarray(x) for x in xi], sparse=sparse,
                                                   indexing=indexing)]


class _Grid:
    def __init__(self, sparse):
        self._g = jnp.ogrid if sparse else jnp.mgrid

    def __getitem__(self, keys):
        out = self._g[keys]
        return finish(list(out) if isinstance(out, (list, tuple)) else out)


mgrid = _Grid(False)
ogrid = _Grid(True)


def indices(dimensions, dtype=mstype.int32, sparse=False):
    out = jnp.indices(tuple(dimensions), dtype=np_dtype(dtype), sparse=sparse)
    return [Tensor._wrap(o) for o in out]


def diag_indices(n, ndim=2):
    return tuple(Tensor._wrap(i.astype(np.int32)) for i in jnp.diag_indices(n, ndim))


def tril_indices(n, k=0, m=None):
    return tuple(Tensor._wrap(i.astype(np.int32)) for i in jnp.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None):
    return tuple(Tensor._wrap(i.astype(np.int32)) for i in jnp.triu_indices(n, k, m))


def tril_indices_from(arr, k=0):
    a = _asarray(arr)
    return tril_indices(a.shape[-2], k, a.shape[-1])


def triu_indices_from(arr, k=0):
    a = _asarray(arr)
    return triu_indices(a.shape[-2], k, a.shape[-1])


def vander(x, N=None, increasing=False):  # noqa: N803
    xa = _asarray(x)
    return finish(jnp.vander(xa, N, increasing), is_wide(xa))


def ix_(*args):
    return tuple(Tensor._wrap(a) for a in jnp.ix_(*[_asarray(a) for a in args]))


def _window(jfn):
    def f(M):  # noqa: N803
        return Tensor._wrap(jfn(M).astype(np.float32))
    f.__name__ = jfn.__name__
    return f


bartlett = _window(jnp.bartlett)
blackman = _window(jnp.blackman)
hamming = _window(jnp.hamming)
hanning = _window(jnp.hanning)

histogram_bin_edges = npfunc(lambda a, bins=10, range=None, weights=None:  # noqa: A002
                             jnp.histogram_bin_edges(a, bins, range, weights),
                             name="histogram_bin_edges")


# --- random (mnp.rand/randn/randint draw from mindspore's global seed) ----------------------

def _key():
    from ..common.rng import next_key

    return next_key()


def _rshape(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    return _shape(shape, "rand")


def rand(*shape, dtype=mstype.float32):
    """Uniform [0, 1) samples."""
    return Tensor._wrap(jax.random.uniform(_key(), _rshape(shape), np_dtype(dtype)))


def randn(*shape, dtype=mstype.float32):
    """Standard normal samples."""
    return Tensor._wrap(jax.random.normal(_key(), _rshape(shape), np_dtype(dtype)))


def randint(minval, maxval=None, shape=None, dtype=mstype.int32):
    """Uniform integers in [minval, maxval) (``randint(n)`` draws from [0, n))."""
    if maxval is None:
        minval, maxval = 0, minval
    if maxval <= minval:
        raise ValueError(f"For 'randint', 'maxval' must be greater than 'minval', but got "
                         f"minval={minval}, maxval={maxval}.")
    shape = () if shape is None else _shape(shape, "randint")
    return Tensor._wrap(jax.random.randint(_key(), shape, minval, maxval, np_dtype(dtype)))


__all__ = ["array", "asarray", "asfarray", "copy", "zeros", "ones", "empty", "full", "zeros_like",
           "ones_like", "empty_like", "full_like", "arange", "linspace", "logspace", "geomspace",
           "eye", "identity", "tri", "tril", "triu", "diag", "diagflat", "diagonal", "trace",
           "meshgrid", "mgrid", "ogrid", "indices", "diag_indices", "tril_indices", "triu_indices",
           "tril_indices_from", "triu_indices_from", "vander", "ix_", "bartlett", "blackman",
           "hamming", "hanning", "histogram_bin_edges", "rand", "randn", "randint"]

