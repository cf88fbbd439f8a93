"""Transformer building blocks and older primitive spellings: ``swiglu``, ``rms_norm`` /
``RmsNorm``, ``rotary_position_embedding``, ``gumbel_softmax``, ``stft`` / ``STFT``,
``mirror_pad``, ``soft_shrink``, ``mse_loss_ext``, ``LogSoftmaxExt``, ``Gelu`` and the
``DropoutGenMask`` / ``DropoutDoMask`` pair (bit-packed mask; the random stream is JAX's)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.rng import next_key
from .._registry import call, functional, mint, op, primitive, raise_error, tensor_method
from ..primitive import Primitive
from ._promote import to_float

# --- activations / norms -------------------------------------------------------------------------


@op("swiglu")
def _swiglu(x, dim=-1):
    if x.shape[dim] % 2:
        raise_error(
            ValueError,
            "Swiglu",
            f"the dimension specified by 'dim' must be divisible by 2, "
            f"but got x_shape[dim]: {x.shape[dim]} .",
        )
    a, b = jnp.split(x, 2, axis=dim)
    return (jax.nn.silu(a.astype(np.float32)) * b.astype(np.float32)).astype(x.dtype)


@functional
def swiglu(input, dim=-1):
    """``ops.swiglu`` (Ascend-only in MindSpore): ``silu(a) * b`` of the halves along ``dim``."""
    return call("swiglu", input, dim)


@op("rms_norm")
def _rms_norm(x, gamma, epsilon=1e-6):
    if not 0 < epsilon <= 1:
        raise_error(ValueError, "RmsNorm", f"the 'epsilon' must be in range (0, 1], but got {epsilon}.")
    if gamma.ndim > x.ndim:
        raise_error(
            ValueError,
            "RmsNorm",
            f"the rank of 'gamma' must not be larger than the rank of 'x', "
            f"but got {gamma.ndim} and {x.ndim}.",
        )
    axes = tuple(range(x.ndim - gamma.ndim, x.ndim)) if gamma.ndim else (x.ndim - 1,)
    xf = x.astype(np.float32)
    rstd = jax.lax.rsqrt(jnp.mean(xf * xf, axis=axes, keepdims=True) + epsilon)
    return (xf * rstd * gamma.astype(np.float32)).astype(x.dtype), rstd


@functional
def rms_norm(x, gamma, epsilon=1e-6):
    """``ops.rms_norm`` (Ascend-only in MindSpore): (y, rstd), rstd float32 over gamma's dims."""
    return call("rms_norm", x, gamma, epsilon)


@primitive
class RmsNorm(Primitive):
    def __init__(self, epsilon=1e-6):
        super().__init__("RmsNorm")
        self.epsilon = epsilon

    def __call__(self, x, gamma):
        return call("rms_norm", x, gamma, self.epsilon)


@op("rotary_position_embedding")
def _rope(x, cos, sin, mode=0):
    if x.ndim != 4:
        raise_error(ValueError, "RotaryPositionEmbedding", f"the 'x' must be 4-D, but got {x.ndim}-D.")
    if mode not in (0, 1):
        raise_error(ValueError, "RotaryPositionEmbedding", f"the 'mode' must be 0 or 1, but got {mode}.")
    xf = x.astype(np.float32)
    if mode == 0:  # rotate_half: (-x2, x1)
        x1, x2 = jnp.split(xf, 2, -1)
        rot = jnp.concatenate([-x2, x1], -1)
    else:  # rotate_interleaved: pairs (x0, x1) -> (-x1, x0)
        rot = jnp.stack([-xf[..., 1::2], xf[..., 0::2]], -1).reshape(xf.shape)
    return (xf * cos.astype(np.float32) + rot * sin.astype(np.float32)).astype(x.dtype)


@functional
def rotary_position_embedding(x, cos, sin, mode=0):
    """``ops.rotary_position_embedding`` (Ascend-only): ``x * cos + rotate(x) * sin``."""
    return call("rotary_position_embedding", x, cos, sin, mode)


@op("gumbel_softmax")
def _gumbel_softmax(logits, key, tau=1.0, hard=False, dim=-1):
    u = jax.random.uniform(key, logits.shape, np.float32, minval=1e-10, maxval=1.0)
    g = -jnp.log(-jnp.log(u))
    y = jax.nn.softmax((to_float(logits) + g) / tau, axis=dim)
    if hard:
        idx = jnp.argmax(y, axis=dim)
        oh = jax.nn.one_hot(idx, y.shape[dim], dtype=y.dtype, axis=dim)
        y = oh - jax.lax.stop_gradient(y) + y
    return y.astype(logits.dtype)


@functional
def gumbel_softmax(logits, tau=1.0, hard=False, dim=-1):
    if not isinstance(tau, float):
        raise_error(TypeError, "gumbel_softmax", f"the 'tau' must be float, but got {type(tau).__name__}.")
    if tau <= 0:
        raise_error(ValueError, "gumbel_softmax", f"the 'tau' must be positive, but got {tau}.")
    if not isinstance(hard, bool):
        raise_error(TypeError, "gumbel_softmax", f"the 'hard' must be bool, but got {type(hard).__name__}.")
    if not isinstance(dim, int):
        raise_error(TypeError, "gumbel_softmax", f"the 'dim' must be int, but got {type(dim).__name__}.")
    return call("gumbel_softmax", logits, next_key(), tau, hard, dim)


# --- aliases --------------------------------------------------------------------------------------


@functional
def soft_shrink(input, lambd=0.5):
    return call("softshrink", input, lambd)


tensor_method("soft_shrink")(lambda self, lambd=0.5: call("softshrink", self, lambd))


@functional
def mse_loss_ext(input, target, reduction="mean"):
    return call("mse_loss", input, target, reduction)


mint("nn.mse_loss_ext")(mse_loss_ext)


@functional
def mirror_pad(input_x, paddings, mode):
    """``ops.mirror_pad(input_x, paddings, mode)``: REFLECT or SYMMETRIC padding."""
    if mode not in ("REFLECT", "SYMMETRIC"):
        raise_error(
            ValueError, "MirrorPad", f"the 'mode' must be 'REFLECT' or 'SYMMETRIC', but got '{mode}'."
        )
    p = paddings.asnumpy().tolist() if hasattr(paddings, "asnumpy") else paddings
    return call("pad", input_x, [tuple(int(v) for v in q) for q in p], mode.lower(), 0)


@primitive
class LogSoftmaxExt(Primitive):
    """``P.LogSoftmaxExt()(input, dim=None, dtype=None)``."""

    def __init__(self):
        super().__init__("LogSoftmaxExt")

    def __call__(self, input, dim=None, dtype=None):
        if dtype is not None:
            input = call("cast", input, dtype)
        if dim is None:
            dim = 0 if len(input.shape) in (0, 1, 3) else 1  # PyTorch's implicit-dim rule
        return call("log_softmax", input, dim)


@primitive
class Gelu(Primitive):
    """``P.Gelu``: the deprecated spelling of ``P.GeLU`` (tanh approximation, as MindSpore)."""

    def __init__(self):
        super().__init__("Gelu")

    def __call__(self, x):
        return call("gelu", x, "tanh")


# --- DropoutGenMask / DropoutDoMask ---------------------------------------------------------------


@op("dropout_gen_mask")
def _dropout_gen_mask(key, shape, keep_prob):
    """A uint8 bit mask (LSB first) of ``ceil(n / 128) * 16`` bytes; bit k keeps element k."""
    n = int(np.prod(shape))
    nbits = -(-n // 128) * 128
    bits = jax.random.bernoulli(key, keep_prob, (nbits,))
    bits = jnp.where(jnp.arange(nbits) < n, bits, False).reshape(-1, 8).astype(np.uint8)
    return jnp.sum(bits << jnp.arange(8, dtype=np.uint8), axis=1).astype(np.uint8)


@op("dropout_do_mask")
def _dropout_do_mask(x, mask, keep_prob):
    n = x.size
    bits = (mask[:, None] >> jnp.arange(8, dtype=np.uint8)) & 1
    keep = bits.reshape(-1)[:n].reshape(x.shape).astype(bool)
    kp = jnp.asarray(keep_prob, np.float32)
    return jnp.where(keep, x.astype(np.float32) / kp, 0).astype(x.dtype)


@primitive
class DropoutGenMask(Primitive):
    """``P.DropoutGenMask(Seed0, Seed1)(shape, keep_prob)``: a bit-packed keep mask."""

    def __init__(self, Seed0=0, Seed1=0):
        super().__init__("DropoutGenMask")
        self.seed0, self.seed1 = Seed0, Seed1

    def __call__(self, shape, keep_prob):
        if not isinstance(shape, (tuple, list)):
            raise_error(
                TypeError, "DropoutGenMask", f"the 'shape' must be a tuple, but got {type(shape).__name__}."
            )
        key = (
            next_key()
            if not (self.seed0 or self.seed1)
            else jax.random.PRNGKey(self.seed0 * 65536 + self.seed1)
        )
        return call("dropout_gen_mask", key, tuple(int(s) for s in shape), keep_prob)


@primitive
class DropoutDoMask(Primitive):
    """``P.DropoutDoMask()(x, mask, keep_prob)``: keeps the masked elements, scaled by 1/keep_prob."""

    def __init__(self):
        super().__init__("DropoutDoMask")

    def __call__(self, x, mask, keep_prob):
        return call("dropout_do_mask", x, mask, keep_prob)


# --- STFT -----------------------------------------------------------------------------------------


@op("stft")
def _stft(x, n_fft, hop_length, win_length, window, center, pad_mode, normalized, onesided, return_complex):
    name = "STFT"
    if x.ndim not in (1, 2):
        raise_error(ValueError, name, f"the 'x' must be a 1-D or 2-D tensor, but got {x.ndim}-D.")
    if window is not None and window.shape != (win_length,):
        raise_error(
            ValueError, name, f"the shape of 'window' must be ({win_length},), but got {tuple(window.shape)}."
        )
    is_complex = jnp.iscomplexobj(x) or (window is not None and jnp.iscomplexobj(window))
    if onesided is None:
        onesided = not is_complex
    if return_complex is None:  # MindSpore: a real (..., 2) result unless asked for complex
        return_complex = False
    ct = np.complex128 if x.dtype == np.float64 or x.dtype == np.complex128 else np.complex64
    xs = x if x.ndim == 2 else x[None]
    if center:
        p = n_fft // 2
        xs = jnp.pad(xs, ((0, 0), (p, p)), mode="reflect" if pad_mode.upper() == "REFLECT" else "constant")
    w = jnp.ones((win_length,), xs.dtype) if window is None else window
    left = (n_fft - win_length) // 2
    w = jnp.pad(w, (left, n_fft - win_length - left))
    n_frames = 1 + (xs.shape[-1] - n_fft) // hop_length
    idx = jnp.arange(n_frames)[:, None] * hop_length + jnp.arange(n_fft)[None, :]
    frames = xs[:, idx] * w  # (B, F, n_fft)
    spec = jnp.fft.rfft(frames, axis=-1) if onesided else jnp.fft.fft(frames, axis=-1)
    if normalized:
        spec = spec / np.sqrt(n_fft)
    spec = jnp.swapaxes(spec, -1, -2).astype(ct)  # (B, freq, frames)
    if x.ndim == 1:
        spec = spec[0]
    return spec if return_complex else jnp.stack([spec.real, spec.imag], -1)


@functional
def stft(
    x,
    n_fft,
    hop_length=None,
    win_length=None,
    window=None,
    center=True,
    pad_mode="REFLECT",
    normalized=False,
    onesided=None,
    return_complex=None,
):
    hop_length = n_fft // 4 if hop_length is None else hop_length
    win_length = n_fft if win_length is None else win_length
    return call(
        "stft",
        x,
        n_fft,
        hop_length,
        win_length,
        window,
        center,
        pad_mode,
        normalized,
        onesided,
        return_complex,
    )


@primitive
class STFT(Primitive):
    """``P.STFT(n_fft, hop_length, win_length, normalized, onesided, return_complex)(x, window)``
    (no centering)."""

    def __init__(self, n_fft, hop_length, win_length, normalized, onesided, return_complex):
        super().__init__("STFT")
        self.n_fft, self.hop_length, self.win_length = n_fft, hop_length, win_length
        self.normalized, self.onesided, self.return_complex = normalized, onesided, return_complex

    def __call__(self, x, window):
        if window is None:
            raise_error(TypeError, "STFT", "the type of input argument[window] must be Tensor but got None.")
        return call(
            "stft",
            x,
            self.n_fft,
            self.hop_length,
            self.win_length,
            window,
            False,
            "REFLECT",
            self.normalized,
            self.onesided,
            self.return_complex,
        )
