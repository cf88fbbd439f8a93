"""``LearningRateSchedule`` cells: ``construct(global_step) -> lr`` (a Float32 Tensor).

An optimizer given one of these calls it with its ``global_step`` Parameter each step, inside
the compiled train step, so the schedule is part of the same XLA executable.
"""

from __future__ import annotations

import math

import jax.numpy as jnp

from ..common.tensor import Tensor
from .cell import Cell

__all__ = ["LearningRateSchedule", "ExponentialDecayLR", "NaturalExpDecayLR", "InverseDecayLR",
           "CosineDecayLR", "PolynomialDecayLR", "WarmUpLR"]


def _step(global_step):
    a = global_step._data if isinstance(global_step, Tensor) else jnp.asarray(global_step)
    return a.astype(jnp.float32)


def _out(a):
    return Tensor._wrap(jnp.asarray(a, jnp.float32))


def _check_pos_int(v, name, cls):
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError(f"For '{cls}', the type of '{name}' must be int, but got {type(v).__name__}.")
    if v <= 0:
        raise ValueError(f"For '{cls}', the '{name}' must be positive int, but got {v}.")


def _check_float(v, name, cls, positive=True):
    if not isinstance(v, float):
        raise TypeError(f"For '{cls}', the type of '{name}' must be float, but got {type(v).__name__}.")
    if (positive and v <= 0) or v < 0:
        raise ValueError(f"For '{cls}', the '{name}' must be {'positive' if positive else 'non-negative'} "
                         f"float, but got {v}.")


def _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, cls):
    _check_pos_int(decay_steps, "decay_steps", cls)
    _check_float(learning_rate, "learning_rate", cls)
    _check_float(decay_rate, "decay_rate", cls)
    if not isinstance(is_stair, bool):
        raise TypeError(f"For '{cls}', the type of 'is_stair' must be bool, but got "
                        f"{type(is_stair).__name__}.")


class LearningRateSchedule(Cell):
    """Base class of learning-rate schedules."""

    def __init__(self):
        super().__init__()

    def construct(self, global_step):
        raise NotImplementedError


class ExponentialDecayLR(LearningRateSchedule):
    """``lr * decay_rate ** (step / decay_steps)`` (floored when ``is_stair``)."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate, self.decay_rate = learning_rate, decay_rate
        self.decay_steps, self.is_stair = decay_steps, is_stair

    def construct(self, global_step):
        p = _step(global_step) / jnp.float32(self.decay_steps)
        if self.is_stair:
            p = jnp.floor(p)
        return _out(jnp.float32(self.learning_rate) * jnp.power(jnp.float32(self.decay_rate), p))


class NaturalExpDecayLR(LearningRateSchedule):
    """``lr * e ** (-decay_rate * step)`` (step floored to a multiple of decay_steps when stair)."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate, self.decay_rate = learning_rate, decay_rate
        self.decay_steps, self.is_stair = decay_steps, is_stair

    def construct(self, global_step):
        p = _step(global_step)
        if self.is_stair:
            p = jnp.floor(p / self.decay_steps) * jnp.float32(self.decay_steps)
        return _out(jnp.float32(self.learning_rate)
                    * jnp.power(jnp.float32(math.e), jnp.float32(-self.decay_rate) * p))


class InverseDecayLR(LearningRateSchedule):
    """``lr / (1 + decay_rate * step / decay_steps)``."""

    def __init__(self, learning_rate, decay_rate, decay_steps, is_stair=False):
        super().__init__()
        _check_inputs(learning_rate, decay_rate, decay_steps, is_stair, self.cls_name)
        self.learning_rate, self.decay_rate = learning_rate, decay_rate
        self.decay_steps, self.is_stair = decay_steps, is_stair

    def construct(self, global_step):
        p = _step(global_step) / jnp.float32(self.decay_steps)
        if self.is_stair:
            p = jnp.floor(p)
        return _out(jnp.float32(self.learning_rate) / (1 + jnp.float32(self.decay_rate) * p))


class CosineDecayLR(LearningRateSchedule):
    """``min_lr + 0.5 (max_lr - min_lr)(1 + cos(pi * min(step, decay_steps) / decay_steps))``."""

    def __init__(self, min_lr, max_lr, decay_steps):
        super().__init__()
        if not isinstance(min_lr, float):
            raise TypeError(f"For 'CosineDecayLR', the argument 'min_lr' must be type of float, but got "
                            f"'min_lr' type: {type(min_lr)}.")
        _check_float(min_lr, "min_lr", self.cls_name, positive=False)
        _check_float(max_lr, "max_lr", self.cls_name)
        _check_pos_int(decay_steps, "decay_steps", self.cls_name)
        if min_lr >= max_lr:
            raise ValueError(f"For 'CosineDecayLR', the 'max_lr' must be greater than the 'min_lr', but got "
                             f"'max_lr' value: {max_lr}, 'min_lr' value: {min_lr}.")
        self.min_lr, self.max_lr, self.decay_steps = min_lr, max_lr, decay_steps
        self.delta = 0.5 * (max_lr - min_lr)

    def construct(self, global_step):
        g = global_step._data if isinstance(global_step, Tensor) else jnp.asarray(global_step)
        p = jnp.minimum(g, self.decay_steps).astype(jnp.float32)
        # MindSpore writes cos(x) as sin(x + pi/2); kept for bit-level agreement
        return _out(jnp.float32(self.min_lr) + jnp.float32(self.delta) * (
            1.0 + jnp.sin(jnp.float32(math.pi) * (p / jnp.float32(self.decay_steps) + 0.5))))


class PolynomialDecayLR(LearningRateSchedule):
    """``(lr - end_lr) * (1 - step / decay_steps) ** power + end_lr``."""

    def __init__(self, learning_rate, end_learning_rate, decay_steps, power, update_decay_steps=False):
        super().__init__()
        _check_float(learning_rate, "learning_rate", self.cls_name)
        if not isinstance(end_learning_rate, float):
            raise TypeError("For 'PolynomialDecayLR', the argument 'end_learning_rate' must be type of "
                            "float, "
                            f"but got 'end_learning_rate' type: {type(end_learning_rate)}.")
        _check_float(end_learning_rate, "end_learning_rate", self.cls_name, positive=False)
        _check_pos_int(decay_steps, "decay_steps", self.cls_name)
        if not isinstance(update_decay_steps, bool):
            raise TypeError("For 'PolynomialDecayLR', the type of 'update_decay_steps' must be bool.")
        _check_float(power, "power", self.cls_name)
        self.decay_steps = decay_steps
        self.start_learning_rate, self.end_learning_rate = learning_rate, end_learning_rate
        self.diff_learning_rate = learning_rate - end_learning_rate
        self.power, self.update_decay_steps = power, update_decay_steps

    def construct(self, global_step):
        step = _step(global_step)
        decay = jnp.float32(self.decay_steps)
        if self.update_decay_steps:
            decay = decay * jnp.maximum(jnp.ceil(step / decay), 1.0)
        else:
            step = jnp.minimum(step, decay)
        p = step / decay
        return _out(jnp.float32(self.diff_learning_rate) * jnp.power(1.0 - p, jnp.float32(self.power))
                    + jnp.float32(self.end_learning_rate))


class WarmUpLR(LearningRateSchedule):
    """``lr * min(step, warmup_steps) / warmup_steps``."""

    def __init__(self, learning_rate, warmup_steps):
        super().__init__()
        if not isinstance(learning_rate, float):
            raise TypeError(f"For 'WarmUpLR', the argument 'learning_rate' must be type of float, but got "
                            f"'learning_rate' type: {type(learning_rate)}.")
        _check_float(learning_rate, "learning_rate", self.cls_name, positive=False)
        _check_pos_int(warmup_steps, "warmup_steps", self.cls_name)
        self.warmup_steps, self.learning_rate = warmup_steps, learning_rate

    def construct(self, global_step):
        g = global_step._data if isinstance(global_step, Tensor) else jnp.asarray(global_step)
        pct = jnp.minimum(g, self.warmup_steps).astype(jnp.float32) / jnp.float32(self.warmup_steps)
        return _out(jnp.float32(self.learning_rate) * pct)
