"""``mindspore.numpy.fft``: discrete Fourier transforms (``jax.numpy.fft`` on Tensors; Complex64
for float32 input). ``fftfreq``/``rfftfreq`` return Float32."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor
from ._base import npfunc

_NAMES = ["fft", "ifft", "fft2", "ifft2", "fftn", "ifftn", "rfft", "irfft", "rfft2", "irfft2",
          "rfftn", "irfftn", "hfft", "ihfft", "fftshift", "ifftshift"]
_g = globals()
for _n in _NAMES:
    _g[_n] = npfunc(getattr(jnp.fft, _n), 1, name=_n, dtype_kw=False)


def fftfreq(n, d=1.0, dtype=None):
    return Tensor._wrap(jnp.fft.fftfreq(n, d).astype(np.float32 if dtype is None else dtype))


def rfftfreq(n, d=1.0, dtype=None):
    return Tensor._wrap(jnp.fft.rfftfreq(n, d).astype(np.float32 if dtype is None else dtype))


__all__ = _NAMES + ["fftfreq", "rfftfreq"]
