"""Functional spellings MindSpore 2.10 exports that had no view yet, mostly over existing ops:
``accumulate_n``, ``adjoint``, ``approximate_equal``, ``baddbmm_ext``, ``bidense``,
``adaptive_avg_pool2d_ext``, ``add_layer_norm``, ``add_rms_norm``, ``inplace_sigmoid``, ``cond``
(the condition number), ``broadcast_gradient_args`` and ``tail``.

MindSpore 2.10 has no CPU kernel for ``accumulate_n`` (more than one input), ``baddbmm_ext``,
``adaptive_avg_pool2d_ext``, ``add_layer_norm``, ``add_rms_norm`` or ``inplace_sigmoid``: those
follow the documented formulas.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, op, raise_error


def _need_tensor(op_name, name, x):
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{op_name}', the '{name}' must be a Tensor, but got {type(x).__name__}.")


@functional
def accumulate_n(x):
    """``ops.accumulate_n(x)``: element-wise sum of a list/tuple of Tensors (AccumulateNV2)."""
    if isinstance(x, Tensor):
        x = [x]
    if not isinstance(x, (list, tuple)) or not x:
        raise TypeError(
            f"For 'AccumulateNV2', the 'x' must be a non-empty tuple or list of Tensors, but got "
            f"{type(x).__name__}."
        )
    return call("addn", list(x), "AccumulateNV2")


@functional
def adjoint(x):
    """``ops.adjoint(x)``: conjugate, then swap the last two dimensions."""
    return call("conjugate_transpose", x, tuple(range(x.ndim - 2)) + (x.ndim - 1, x.ndim - 2))


@functional
def approximate_equal(x, y, tolerance=1e-05):
    return call("approximate_equal", x, y, tolerance)


@functional
def baddbmm_ext(input, batch1, batch2, *, beta=1, alpha=1):
    return call("baddbmm", input, batch1, batch2, beta, alpha)


@functional
def adaptive_avg_pool2d_ext(input, output_size):
    if isinstance(output_size, (tuple, list)):
        if len(output_size) != 2:
            raise ValueError(
                f"For 'AdaptiveAvgPool2DExt', the length of 'output_size' must be 2, but got "
                f"{len(output_size)}."
            )
        osz = tuple(output_size)
    else:
        osz = (output_size, output_size)
    if input.ndim not in (3, 4):
        raise_error(
            ValueError,
            "AdaptiveAvgPool2DExt",
            f"the input must be 3-D or 4-D, but got shape {list(input.shape)}.",
        )
    return call("adaptive_avg_pool", input, osz)


@op("bidense")
def _bidense(x1, x2, w, b=None):
    if x1.shape[:-1] != x2.shape[:-1]:
        raise_error(
            ValueError,
            "bidense",
            f"the leading dimensions of 'input1' and 'input2' must be the same, "
            f"but got {list(x1.shape)} and {list(x2.shape)}.",
        )
    if w.ndim != 3 or w.shape[1] != x1.shape[-1] or w.shape[2] != x2.shape[-1]:
        raise_error(
            ValueError,
            "bidense",
            f"the 'weight' must have shape (out, {x1.shape[-1]}, {x2.shape[-1]}), but got {list(w.shape)}.",
        )
    y = jnp.einsum("...i,oij,...j->...o", x1, w, x2)
    if b is not None:
        if b.dtype != x1.dtype or b.dtype != x2.dtype:
            raise_error(
                TypeError,
                "bidense",
                f"the dtype of 'bias', 'input1' and 'input2' must be the same, "
                f"but got {b.dtype}, {x1.dtype} and {x2.dtype}.",
            )
        y = y.astype(b.dtype) + b
    return y


@functional
def bidense(input1, input2, weight, bias=None):
    """``ops.bidense``: ``y = x1^T W x2 + b`` over the last dimension (weight ``(out, in1, in2)``)."""
    for n, v in (("input1", input1), ("input2", input2), ("weight", weight)):
        _need_tensor("bidense", n, v)
    if bias is not None:
        _need_tensor("bidense", "bias", bias)
    return call("bidense", input1, input2, weight, bias)


@op("add_layer_norm")
def _add_layer_norm(x1, x2, gamma, beta, epsilon=1e-5):
    if x1.shape != x2.shape:
        raise_error(
            ValueError,
            "AddLayerNorm",
            f"the shapes of 'x1' and 'x2' must be the same, but got {list(x1.shape)} and {list(x2.shape)}.",
        )
    x = x1 + x2
    xf = x.astype(jnp.float32)
    m = jnp.mean(xf, axis=-1, keepdims=True)
    v = jnp.mean(jnp.square(xf - m), axis=-1, keepdims=True)
    rstd = jax.lax.rsqrt(v + epsilon)
    y = (xf - m) * rstd * gamma.astype(jnp.float32) + beta.astype(jnp.float32)
    return y.astype(x1.dtype), m.astype(x1.dtype), rstd.astype(x1.dtype), x


@functional
def add_layer_norm(x1, x2, gamma, beta, epsilon=1e-5, additional_output=False):
    """``ops.add_layer_norm`` (Ascend-only in MindSpore): ``(y, mean, rstd, x1 + x2)``, normalizing
    over the last dimension; mean/rstd keep that dimension as 1."""
    for n, v in (("x1", x1), ("x2", x2), ("gamma", gamma), ("beta", beta)):
        _need_tensor("AddLayerNorm", n, v)
    if not isinstance(epsilon, float):
        raise TypeError(
            f"For 'AddLayerNorm', the 'epsilon' must be a float, but got {type(epsilon).__name__}."
        )
    if not isinstance(additional_output, bool):
        raise TypeError(
            f"For 'AddLayerNorm', the 'additional_output' must be a bool, but got "
            f"{type(additional_output).__name__}."
        )
    return call("add_layer_norm", x1, x2, gamma, beta, epsilon)


@op("add_rms_norm")
def _add_rms_norm(x1, x2, gamma, epsilon=1e-6):
    if x1.shape != x2.shape:
        raise_error(
            RuntimeError,
            "AddRmsNorm",
            f"the shapes of 'x1' and 'x2' must be the same, but got {list(x1.shape)} and {list(x2.shape)}.",
        )
    x = x1 + x2
    y, rstd = R.impl("rms_norm")(x, gamma, epsilon)
    return y, rstd, x


@functional
def add_rms_norm(x1, x2, gamma, epsilon=1e-6):
    """``ops.add_rms_norm`` (Ascend-only in MindSpore): ``(rms_norm(x1 + x2), rstd, x1 + x2)``."""
    return call("add_rms_norm", x1, x2, gamma, epsilon)


@functional
def inplace_sigmoid(input):
    """``ops.inplace_sigmoid`` (``Tensor.sigmoid_``): writes ``sigmoid(input)`` into ``input``."""
    out = call("sigmoid", input)
    input._data = out._data
    return input


_COND_P = (None, 1, -1, 2, -2, float("inf"), float("-inf"), "fro", "nuc")


@op("cond")
def _cond(a, p=None):
    if a.ndim < 2:
        raise_error(ValueError, "cond", f"the input must be at least 2-D, but got shape {list(a.shape)}.")
    if p not in _COND_P:
        raise_error(ValueError, "cond", f"the 'p' must be one of {list(_COND_P)}, but got {p!r}.")
    ord_ = 2 if p is None else p
    a = a.astype(jnp.float32) if a.dtype.kind in "iub" else a

    def norm(m):
        return jnp.linalg.norm(m, ord=ord_, axis=(-2, -1))

    out = norm(a) * norm(jnp.linalg.inv(a))
    return out.astype(jnp.float32) if a.ndim > 2 else out


@functional
def cond(A, p=None):
    """``ops.cond(A, p=None)``: the condition number ``norm(A, p) * norm(inv(A), p)`` (p=None: 2)."""
    return call("cond", A, p)


def _shape_tuple(name, s):
    if isinstance(s, Tensor):
        s = tuple(int(v) for v in np.asarray(s.asnumpy()).reshape(-1))
    if not isinstance(s, (tuple, list)) or not all(isinstance(v, (int, np.integer)) for v in s):
        raise TypeError(f"For 'BroadcastGradientArgs', the '{name}' must be a tuple of int, but got {s!r}.")
    return tuple(int(v) for v in s)


@functional
def broadcast_gradient_args(x_shape, y_shape):
    """``ops.broadcast_gradient_args(x_shape, y_shape)`` -> the axes (of the broadcast shape) over
    which the gradients of x and y must be summed."""
    x, y = _shape_tuple("x_shape", x_shape), _shape_tuple("y_shape", y_shape)
    if x == y:
        return (), ()
    n = max(len(x), len(y))
    xp, yp = (1,) * (n - len(x)) + x, (1,) * (n - len(y)) + y
    rx, ry = [], []
    for i, (a, b) in enumerate(zip(xp, yp)):
        if a == 1 and b == 1:
            rx.append(i)
            ry.append(i)
        elif a == 1:
            rx.append(i)
        elif b == 1:
            ry.append(i)
        elif a != b:
            raise RuntimeError("Not compatible shape input for BroadcastGradientArgs.")
    return tuple(rx), tuple(ry)


@functional
def tail(x):
    """``ops.tail(tuple)``: all elements but the first."""
    if not isinstance(x, (tuple, list)):
        raise TypeError(f"For 'tail', the input must be a tuple or list, but got {type(x).__name__}.")
    if not x:
        raise ValueError("For 'tail', the input tuple must not be empty.")
    return tuple(x[1:])
