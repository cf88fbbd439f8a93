"""Discrete Fourier transforms: ``ops.fft/ifft/rfft/irfft/hfft/ihfft`` and their 2-D / N-D forms,
``fftshift/ifftshift``, ``fftfreq/rfftfreq`` (torch.fft-style signatures, as MindSpore 2.10).

Real and integer inputs are computed in Float32 (Float64 stays Float64): complex results are
Complex64 (Complex128), real results (irfft, hfft) Float32 (Float64).
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .. import _registry as R
from .._registry import call, functional, op
from ._promote import is_array

_NORMS = (None, "backward", "forward", "ortho")


def _prep(name, x, norm, complex_in=True):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the 'input' must be a Tensor, but got {type(x).__name__}.")
    if norm not in _NORMS:
        R.raise_error(ValueError, name, f"the 'norm' must be one of {list(_NORMS[1:])} or None, but got "
                                        f"{norm!r}.")
    if x.dtype.kind == "c":
        return x
    wide = x.dtype == np.float64
    x = x.astype(np.float64 if wide else np.float32)
    return x.astype(np.complex128 if wide else np.complex64) if complex_in else x


def _dims(name, x, dim, s, default):
    if dim is None:
        dim = default if default is not None else (tuple(range(x.ndim)) if s is None
                                                   else tuple(range(x.ndim - len(s), x.ndim)))
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    for d in dims:
        if not -x.ndim <= d < x.ndim:
            R.raise_error(ValueError, name, f"the 'dim' must be in range [{-x.ndim}, {x.ndim}), but got "
                                            f"{d} (input shape {list(x.shape)}).")
    if s is not None and len(s) != len(dims):
        R.raise_error(ValueError, name, f"the 's' and 'dim' must have the same length, but got {s} "
                                        f"and {dims}.")
    return dims


def _fft_op(name, fn, complex_in=True, n_dims=1, default=None):
    def impl(x, n=None, dim=-1 if n_dims == 1 else None, norm=None):
        x = _prep(name, x, norm, complex_in)
        if n_dims == 1:
            d = _dims(name, x, dim, None, None)[0]
            if n is not None and n < 1:
                R.raise_error(ValueError, name, f"the 'n' must be positive, but got {n}.")
            return fn(x, n=n, axis=d, norm=norm)
        dims = _dims(name, x, dim, n, default)
        return fn(x, s=None if n is None else tuple(n), axes=dims, norm=norm)

    op(name)(impl)
    if n_dims == 1:
        functional(lambda input, n=None, dim=-1, norm=None, _n=name: call(_n, input, n, dim, norm), name=name)
    else:
        d0 = default

        def view(input, s=None, dim=d0, norm=None, _n=name):
            return call(_n, input, s, dim, norm)
        functional(view, name=name)


for _name, _fn, _cin in [("fft", jnp.fft.fft, True), ("ifft", jnp.fft.ifft, True),
                         ("rfft", jnp.fft.rfft, False), ("irfft", jnp.fft.irfft, True),
                         ("hfft", jnp.fft.hfft, True), ("ihfft", jnp.fft.ihfft, False)]:
    _fft_op(_name, _fn, _cin)


def _hfftn(x, s=None, axes=None, norm=None):
    # hfftn(x) = irfftn(conj(x)) with the norm swapped (forward <-> backward)
    swap = {None: "forward", "backward": "forward", "forward": "backward", "ortho": "ortho"}[norm]
    return jnp.fft.irfftn(jnp.conj(x), s=s, axes=axes, norm=swap)


def _ihfftn(x, s=None, axes=None, norm=None):
    swap = {None: "forward", "backward": "forward", "forward": "backward", "ortho": "ortho"}[norm]
    return jnp.conj(jnp.fft.rfftn(x, s=s, axes=axes, norm=swap))


for _name, _fn, _cin in [("fftn", jnp.fft.fftn, True), ("ifftn", jnp.fft.ifftn, True),
                         ("rfftn", jnp.fft.rfftn, False), ("irfftn", jnp.fft.irfftn, True),
                         ("hfftn", _hfftn, True), ("ihfftn", _ihfftn, False)]:
    _fft_op(_name, _fn, _cin, n_dims=2)
    _fft_op(_name[:-1] + "2", _fn, _cin, n_dims=2, default=(-2, -1))


@op("fftshift")
def _fftshift(x, dim=None, inverse=False):
    return (jnp.fft.ifftshift if inverse else jnp.fft.fftshift)(x, axes=dim)


@functional
def fftshift(input, dim=None):
    return call("fftshift", input, dim)


@functional
def ifftshift(input, dim=None):
    return call("fftshift", input, dim, True)


@op("fftfreq")
def _fftfreq(n, d=1.0, dtype=None, real=False):
    dt = np.dtype(dtype) if dtype is not None else np.dtype(np.float32)
    return (jnp.fft.rfftfreq if real else jnp.fft.fftfreq)(n, d).astype(dt)


@functional
def fftfreq(n, d=1.0, dtype=None):
    return call("fftfreq", n, d, dtype)


@functional
def rfftfreq(n, d=1.0, dtype=None):
    return call("fftfreq", n, d, dtype, True)
