"""``nn.*_lr`` helpers: learning-rate lists built in plain Python (MindSpore's formulas, float64).

The lists are handed to an optimizer as a dynamic learning rate (one entry per step).
"""

from __future__ import annotations

import math

__all__ = ["piecewise_constant_lr", "exponential_decay_lr", "natural_exp_decay_lr", "inverse_decay_lr",
           "cosine_decay_lr", "polynomial_decay_lr", "warmup_lr"]


def _pos_int(v, name):
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError(f"The type of '{name}' must be int, but got {type(v).__name__}.")
    if v <= 0:
        raise ValueError(f"'{name}' must be positive int, but got {v}.")
    return v


def _float(v, name, positive=True):
    if not isinstance(v, float):
        raise TypeError(f"The type of '{name}' must be float, but got {type(v).__name__}.")
    if positive and v <= 0:
        raise ValueError(f"'{name}' must be positive float, but got {v}.")
    if not positive and v < 0:
        raise ValueError(f"'{name}' must be non-negative float, but got {v}.")
    return v


def _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair):
    _pos_int(total_step, "total_step")
    _pos_int(step_per_epoch, "step_per_epoch")
    _pos_int(decay_epoch, "decay_epoch")
    _float(learning_rate, "learning_rate")
    _float(decay_rate, "decay_rate")
    if not isinstance(is_stair, bool):
        raise TypeError(f"The type of 'is_stair' must be bool, but got {type(is_stair).__name__}.")


def piecewise_constant_lr(milestone, learning_rates):
    """``learning_rates[i]`` for steps in ``[milestone[i-1], milestone[i])``."""
    if not isinstance(milestone, (tuple, list)):
        raise TypeError(f"The type of 'milestone' must be tuple or list, but got {type(milestone).__name__}.")
    if not isinstance(learning_rates, (tuple, list)):
        raise TypeError(f"The type of 'learning_rates' must be tuple or list, but got "
                        f"{type(learning_rates).__name__}.")
    if len(milestone) != len(learning_rates):
        raise ValueError("For 'piecewise_constant_lr', the size of 'milestone' must be same with the size "
                         "of "
                         f"'learning_rates', but got 'milestone' size: {len(milestone)}, 'learning_rates' "
                         "size: "
                         f"{len(learning_rates)}.")
    lr = []
    last_item = 0
    for i, item in enumerate(milestone):
        _pos_int(item, f"milestone[{i}]")
        _float(learning_rates[i], f"learning_rates[{i}]", positive=False)
        if item < last_item:
            raise ValueError(f"For 'piecewise_constant_lr', the value of milestone[{i}] must be greater than "
                             f"milestone[{i - 1}], but got milestone[{i}]: {milestone[i]}, "
                             f"milestone[{i - 1}]: "
                             f"{milestone[i - 1]}.")
        lr += [learning_rates[i]] * (item - last_item)
        last_item = item
    return lr


def exponential_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        if is_stair:
            lr.append(learning_rate * decay_rate ** math.floor(math.floor(i / step_per_epoch) / decay_epoch))
        else:
            lr.append(learning_rate * decay_rate ** (math.floor(i / step_per_epoch) / decay_epoch))
    return lr


def natural_exp_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        epoch = math.floor(i / step_per_epoch)
        if is_stair:
            epoch = math.floor(epoch / decay_epoch) * decay_epoch
        lr.append(learning_rate * math.e ** (-decay_rate * epoch))
    return lr


def inverse_decay_lr(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair=False):
    _check_inputs(learning_rate, decay_rate, total_step, step_per_epoch, decay_epoch, is_stair)
    lr = []
    for i in range(total_step):
        if is_stair:
            epochs = math.floor(math.floor(i / step_per_epoch) / decay_epoch)
            lr.append(learning_rate / (1 + decay_rate * epochs))
        else:
            lr.append(learning_rate / (1 + decay_rate * math.floor(i / step_per_epoch) / decay_epoch))
    return lr


def cosine_decay_lr(min_lr, max_lr, total_step, step_per_epoch, decay_epoch):
    if not isinstance(min_lr, float):
        raise TypeError("For 'cosine_decay_lr', the argument 'min_lr' must be type of float, but got "
                        "'min_lr' "
                        f"type: {type(min_lr)}.")
    _float(min_lr, "min_lr", positive=False)
    _float(max_lr, "max_lr")
    _pos_int(total_step, "total_step")
    _pos_int(step_per_epoch, "step_per_epoch")
    _pos_int(decay_epoch, "decay_epoch")
    if min_lr >= max_lr:
        raise ValueError(f"For 'cosine_decay_lr', the 'max_lr' must be greater than the 'min_lr', but got "
                         f"'max_lr' value: {max_lr}, 'min_lr' value: {min_lr}.")
    delta = 0.5 * (max_lr - min_lr)
    lr = []
    for i in range(total_step):
        tmp_epoch = min(math.floor(i / step_per_epoch), decay_epoch)
        lr.append(min_lr + delta * (1 + math.cos(math.pi * tmp_epoch / decay_epoch)))
    return lr


def polynomial_decay_lr(learning_rate, end_learning_rate, total_step, step_per_epoch, decay_epoch, power,
                        update_decay_epoch=False):
    _float(learning_rate, "learning_rate")
    if not isinstance(end_learning_rate, float):
        raise TypeError(f"For 'polynomial_decay_lr', the argument 'end_learning_rate' must be type of float, "
                        f"but got 'end_learning_rate' type: {type(end_learning_rate)}.")
    _float(end_learning_rate, "end_learning_rate", positive=False)
    _float(power, "power")
    _pos_int(total_step, "total_step")
    _pos_int(step_per_epoch, "step_per_epoch")
    _pos_int(decay_epoch, "decay_epoch")
    if not isinstance(update_decay_epoch, bool):
        raise TypeError("The type of 'update_decay_epoch' must be bool.")
    lr = []
    delta = learning_rate - end_learning_rate
    for i in range(total_step):
        current_epoch = math.floor(i / step_per_epoch)
        if update_decay_epoch:
            cur_decay = decay_epoch * max(math.ceil(current_epoch / decay_epoch), 1)
            tmp_epoch = current_epoch
        else:
            cur_decay, tmp_epoch = decay_epoch, min(decay_epoch, current_epoch)
        lr.append(delta * (1 - tmp_epoch / cur_decay) ** power + end_learning_rate)
    return lr


def warmup_lr(learning_rate, total_step, step_per_epoch, warmup_epoch):
    if not isinstance(learning_rate, float):
        raise TypeError(f"For 'warmup_lr', the argument 'learning_rate' must be type of float, but got "
                        f"'learning_rate' type: {type(learning_rate)}.")
    _float(learning_rate, "learning_rate", positive=False)
    _pos_int(warmup_epoch, "warmup_epoch")
    _pos_int(total_step, "total_step")
    _pos_int(step_per_epoch, "step_per_epoch")
    lr = []
    for i in range(total_step):
        tmp_epoch = min(warmup_epoch, math.floor(i / step_per_epoch))
        lr.append(learning_rate * tmp_epoch / warmup_epoch)
    return lr
