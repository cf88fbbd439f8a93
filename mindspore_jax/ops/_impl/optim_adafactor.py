"""The Adafactor update: ``ops.FusedAdaFactor`` / ``ops.FusedAdaFactorWithGlobalNorm`` and the
math behind ``nn.AdaFactor`` (MindSpore's ``_run_opt_with_one_number``, which its CPU kernel
matches).

Per parameter (float32 math, results cast back to each state's dtype):
``update = g^2 + eps[0]``; a >=2-D parameter keeps row/column running means of ``update``
(``beta2t`` decay) and uses ``rsqrt(row / mean(row)) * rsqrt(col) * g``; a vector keeps a full
``exp_avg_sq``. The update is clipped to RMS ``clip_threshold``, scaled by the learning rate (times
``max(eps[1], RMS(param))`` with ``enable_scale_parameter``), averaged into ``exp_avg`` with
``enable_first_moment``, and subtracted from the parameter (after ``param *= 1 - wd * lr``).
"""

from __future__ import annotations

import jax.numpy as jnp

from .._registry import call, op, primitive, raise_error
from ..primitive import Primitive


def _rms(x):
    return jnp.sqrt(jnp.mean(jnp.square(x)))


@op("fused_ada_factor")
def _fused_ada_factor(
    eps,
    clip_threshold,
    beta1,
    beta2t,
    weight_decay,
    lr,
    grad,
    param,
    exp_avg,
    exp_avg_sq_row,
    exp_avg_sq_col,
    exp_avg_sq,
    scale_parameter=False,
    first_moment=False,
    use_weight_decay=False,
    global_norm=None,
):
    """Returns the new ``(param, exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq)``."""
    if tuple(grad.shape) != tuple(param.shape):
        raise_error(
            ValueError,
            "FusedAdaFactor",
            f"the 'grad_shape' must be equal to 'param_shape', "
            f"but got {tuple(grad.shape)} and {tuple(param.shape)}.",
        )
    f32 = jnp.float32
    eps = jnp.asarray(eps, f32).reshape(-1)
    clip = jnp.asarray(clip_threshold, f32).reshape(())
    b1 = jnp.asarray(beta1, f32).reshape(())
    b2 = jnp.asarray(beta2t, f32).reshape(())
    wd = jnp.asarray(weight_decay, f32).reshape(())
    lr = jnp.asarray(lr, f32).reshape(())
    g = grad.astype(f32)
    if global_norm is not None:
        gn = jnp.asarray(global_norm, f32).reshape(())
        g = g / gn
    p = param.astype(f32)
    lr_u = lr * jnp.maximum(eps[1], _rms(p)) if scale_parameter else lr
    update = g * g + eps[0]
    new_row, new_col, new_sq = exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq
    if g.ndim >= 2:
        row = exp_avg_sq_row.astype(f32) * b2 + jnp.mean(update, axis=-1) * (1.0 - b2)
        col = exp_avg_sq_col.astype(f32) * b2 + jnp.mean(update, axis=-2) * (1.0 - b2)
        new_row, new_col = row.astype(exp_avg_sq_row.dtype), col.astype(exp_avg_sq_col.dtype)
        row, col = new_row.astype(f32), new_col.astype(f32)
        r = 1.0 / jnp.sqrt(row / jnp.mean(row, axis=-1, keepdims=True))
        c = 1.0 / jnp.sqrt(col)
        update = r[..., :, None] * c[..., None, :] * g
    else:
        sq = exp_avg_sq.astype(f32) * b2 + update * (1.0 - b2)
        new_sq = sq.astype(exp_avg_sq.dtype)
        update = g / jnp.sqrt(new_sq.astype(f32))
    update = update / jnp.maximum(_rms(update) / clip, 1.0) * lr_u
    new_avg = exp_avg
    if first_moment:
        avg = exp_avg.astype(f32) * b1 + update * (1.0 - b1)
        new_avg = avg.astype(exp_avg.dtype)
        update = new_avg.astype(f32)
    if use_weight_decay:
        p = p - p * wd * lr_u
    p = p - update
    return p.astype(param.dtype), new_avg, new_row, new_col, new_sq


def _check_bool(prim, name, v):
    if not isinstance(v, bool):
        raise_error(
            TypeError, prim, f"the type of '{name}' should be 'bool', but got type '{type(v).__name__}'."
        )
    return v


@primitive
class FusedAdaFactor(Primitive):
    """``ops.FusedAdaFactor(enable_scale_parameter=False, enable_first_moment=False,
    enable_weight_decay=False)(epsilon, clip_threshold, beta1, beta2, weight_decay, learning_rate,
    gradient, param, exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq)``: updates ``param`` and
    the state Parameters in place; returns the new ``param``."""

    _global_norm = False

    def __init__(self, enable_scale_parameter=False, enable_first_moment=False, enable_weight_decay=False):
        name = type(self).__name__
        super().__init__(name)
        self.enable_scale_parameter = _check_bool(name, "enable_scale_parameter", enable_scale_parameter)
        self.enable_first_moment = _check_bool(name, "enable_first_moment", enable_first_moment)
        self.enable_weight_decay = _check_bool(name, "enable_weight_decay", enable_weight_decay)
        self.add_prim_attr("side_effect_mem", True)

    def __call__(
        self,
        epsilon,
        clip_threshold,
        beta1,
        beta2,
        weight_decay,
        learning_rate,
        gradient,
        param,
        exp_avg,
        exp_avg_sq_row,
        exp_avg_sq_col,
        exp_avg_sq,
        *global_norm,
    ):
        want = 1 if self._global_norm else 0
        if len(global_norm) != want:
            raise_error(
                TypeError, self.name, f"expected {12 + want} inputs, but got {12 + len(global_norm)}."
            )
        gn = global_norm[0] if global_norm else None
        outs = call(
            "fused_ada_factor",
            epsilon,
            clip_threshold,
            beta1,
            beta2,
            weight_decay,
            learning_rate,
            gradient,
            param,
            exp_avg,
            exp_avg_sq_row,
            exp_avg_sq_col,
            exp_avg_sq,
            self.enable_scale_parameter,
            self.enable_first_moment,
            self.enable_weight_decay,
            gn,
        )
        for target, new in zip((param, exp_avg, exp_avg_sq_row, exp_avg_sq_col, exp_avg_sq), outs):
            if hasattr(target, "_data") and new is not target:
                target._data = new._data
        return outs[0]


@primitive
class FusedAdaFactorWithGlobalNorm(FusedAdaFactor):
    """``FusedAdaFactor`` with a trailing ``global_norm`` input: the gradient is divided by it
    (also when it is below 1, as MindSpore's CPU kernel does)."""

    _global_norm = True
