"""Max unpooling (``ops.max_unpool1d/2d/3d``, ``P.MaxUnpool2D/3D``, ``mint.nn.functional.max_unpool2d``).

``indices`` are flat positions in each (N, C) output plane, as returned by max_pool with
``return_indices=True``; the default output size is (in - 1) * stride - 2 * padding + kernel.
"""

from __future__ import annotations

import jax.numpy as jnp

from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ..primitive import Primitive


def _tup(v, n):
    if isinstance(v, (list, tuple)):
        v = tuple(int(i) for i in v)
        return v * n if len(v) == 1 else v
    return (int(v),) * n


@op("max_unpool")
def _max_unpool(x, indices, kernel, stride, padding, output_size, nsp):
    name = f"MaxUnpool{nsp}D"
    if x.ndim not in (nsp + 1, nsp + 2):
        R.raise_error(
            ValueError, name, f"the input must be {nsp + 1}-D or {nsp + 2}-D, but got shape {list(x.shape)}."
        )
    if tuple(indices.shape) != tuple(x.shape):
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'indices' {list(indices.shape)} must be equal to the shape of 'x' "
            f"{list(x.shape)}.",
        )
    if indices.dtype.kind not in "iu":
        R.raise_error(TypeError, name, f"the 'indices' must be int32 or int64, but got {indices.dtype}.")
    batched = x.ndim == nsp + 2
    if not batched:
        x, indices = x[None], indices[None]
    k, s, p = _tup(kernel, nsp), _tup(stride, nsp), _tup(padding, nsp)
    sp_in = x.shape[2:]
    if output_size is None or len(output_size) == 0:
        out_sp = tuple((i - 1) * st - 2 * pd + kk for i, st, pd, kk in zip(sp_in, s, p, k))
    else:
        out_sp = tuple(int(v) for v in output_size)[-nsp:]
    n, c = x.shape[:2]
    plane = 1
    for v in out_sp:
        plane *= v
    flat = jnp.zeros((n, c, plane), x.dtype)
    bi = jnp.arange(n)[:, None, None]
    ci = jnp.arange(c)[None, :, None]
    flat = flat.at[bi, ci, indices.reshape(n, c, -1)].set(x.reshape(n, c, -1), mode="drop")
    out = flat.reshape((n, c) + out_sp)
    return out if batched else out[0]


def _view(nsp):
    def f(x, indices, kernel_size, stride=None, padding=0, output_size=None):
        stride = kernel_size if stride is None else stride
        return call("max_unpool", x, indices, kernel_size, stride, padding, output_size, nsp)

    f.__name__ = f"max_unpool{nsp}d"
    f.__doc__ = (
        f"``ops.max_unpool{nsp}d(x, indices, kernel_size, stride=None, padding=0, output_size=None)``."
    )
    return functional(f)


max_unpool1d = _view(1)
max_unpool2d = _view(2)
max_unpool3d = _view(3)
mint("nn.functional.max_unpool2d")(
    lambda input, indices, kernel_size, stride=None, padding=0, output_size=None: max_unpool2d(
        input, indices, kernel_size, stride, padding, output_size
    )
)


class _MaxUnpoolPrim(Primitive):
    _nsp = 2

    def __init__(self, ksize, strides=0, pads=0, output_shape=(), data_format="NCHW"):
        super().__init__(f"MaxUnpool{self._nsp}D")
        self.ksize, self.strides, self.pads = ksize, strides, pads
        self.output_shape, self.data_format = tuple(output_shape), data_format

    def __call__(self, x, argmax):
        strides = self.ksize if self.strides in (0, None) else self.strides
        return call(
            "max_unpool", x, argmax, self.ksize, strides, self.pads, self.output_shape or None, self._nsp
        )


@primitive
class MaxUnpool2D(_MaxUnpoolPrim):
    """``ops.MaxUnpool2D(ksize, strides=0, pads=0, output_shape=(), data_format='NCHW')``."""

    _nsp = 2


@primitive
class MaxUnpool3D(_MaxUnpoolPrim):
    """``ops.MaxUnpool3D(ksize, strides=0, pads=0, output_shape=(), data_format='NCDHW')``."""

    _nsp = 3

    def __init__(self, ksize, strides=0, pads=0, output_shape=(), data_format="NCDHW"):
        super().__init__(ksize, strides, pads, output_shape, data_format)
