"""Loss scaling for mixed precision: ``TrainOneStepWithLossScaleCell`` and the update cells.

Overflow (any non-finite gradient) is detected with ``isfinite`` over all gradients. When it
overflows the optimizer step is skipped: the optimizer runs, then every Parameter it wrote is
selected back to its old value (``where(overflow, old, new)``), which is what a Python ``if``
on the flag becomes inside one compiled step. (Real MindSpore 2.10 on CPU cannot run this cell:
its overflow check uses NPU float-status ops.)
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common._state import ACTIVE
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..cell import Cell
from .cell_wrapper import TrainOneStepCell

__all__ = ["TrainOneStepWithLossScaleCell", "DynamicLossScaleUpdateCell", "FixedLossScaleUpdateCell"]


def _arr(x):
    return x._data if isinstance(x, Tensor) else jnp.asarray(x)


def grads_overflow(grads):
    """True (bool array) when any gradient has an inf or nan."""
    flags = [jnp.logical_not(jnp.all(jnp.isfinite(_arr(g)))) for g in grads]
    return jnp.any(jnp.stack(flags)) if flags else jnp.asarray(False)


def run_unless(cond, params, fn):
    """Runs ``fn()``; where ``cond`` (a bool array) is true, Parameters in ``params`` keep the
    values they had before. Returns fn's result."""
    before = [(p, p._data) for p in params]
    out = fn()
    for p, old in before:
        new = p._data
        if new is not old:
            p._data = jnp.where(cond, old, new)
    return out


class DynamicLossScaleUpdateCell(Cell):
    """Halves (``/ scale_factor``, at least 1) the scale on overflow; multiplies it by
    ``scale_factor`` after ``scale_window`` steps without overflow."""

    def __init__(self, loss_scale_value, scale_factor, scale_window):
        super().__init__()
        self.scale_window = Tensor(np.int32(scale_window))
        self.scale_factor = Tensor(np.float32(scale_factor))
        self.loss_scale_value = loss_scale_value
        self.cur_iter = Parameter(Tensor(np.int32(1)), name="current_iterator_step")
        self.last_overflow_iter = Parameter(Tensor(np.int32(0)), name="last_overflow_iterator_step")

    def get_loss_scale(self):
        return self.loss_scale_value

    def __call__(self, *args, **kwargs):
        # It writes the ``loss_scale`` Parameter passed as an argument; a top-level compiled call
        # would receive its value, not the Parameter, so run eagerly there (inside a train step
        # it is inlined and compiled with it).
        if ACTIVE[0] is None and any(isinstance(a, Parameter) for a in args):
            return self._run(args, kwargs)
        return super().__call__(*args, **kwargs)

    def construct(self, loss_scale, overflow):
        ov = _arr(overflow).astype(bool).reshape(())
        scale = loss_scale._data
        factor = self.scale_factor._data.astype(scale.dtype)
        on_overflow = jnp.where(ov, jnp.maximum(scale / factor, jnp.ones((), scale.dtype)), scale)
        cur, last = self.cur_iter._data, self.last_overflow_iter._data
        should_inc = self.scale_window._data <= cur - last
        self.last_overflow_iter._data = jnp.where(ov | should_inc, cur, last)
        new_scale = jnp.where(should_inc & ~ov, on_overflow * factor, on_overflow)
        loss_scale._data = new_scale.astype(scale.dtype)
        self.cur_iter._data = cur + 1
        return overflow


class FixedLossScaleUpdateCell(Cell):
    """A constant scale; only reports the overflow flag."""

    def __init__(self, loss_scale_value):
        super().__init__()
        self.loss_scale_value = loss_scale_value

    def get_loss_scale(self):
        return self.loss_scale_value

    def construct(self, _, overflow):
        return overflow


class TrainOneStepWithLossScaleCell(TrainOneStepCell):
    """Returns ``(loss, overflow, scale)``; gradients are computed for ``loss * scale`` and divided
    by ``scale``; the update is skipped on overflow. ``scale_sense``: a Tensor (fixed) or an update
    cell (``DynamicLossScaleUpdateCell`` / ``FixedLossScaleUpdateCell``)."""

    def __init__(self, network, optimizer, scale_sense):
        super().__init__(network, optimizer, sens=None)
        self.loss_scaling_manager = None
        if isinstance(scale_sense, Cell):
            self.loss_scaling_manager = scale_sense
            self.scale_sense = Parameter(Tensor(np.float32(scale_sense.get_loss_scale())), name="scale_sense")
        elif isinstance(scale_sense, Tensor):
            if tuple(scale_sense.shape) in ((1,), ()):
                self.scale_sense = Parameter(scale_sense, name="scale_sense")
            else:
                raise ValueError("For 'TrainOneStepWithLossScaleCell', the shape of 'scale_sense' must be "
                                 "(1,) or "
                                 f"(), but got {scale_sense.shape}.")
        else:
            raise TypeError("For 'TrainOneStepWithLossScaleCell', the 'scale_sense' must be Cell or "
                            "Tensor, but "
                            f"got 'scale_sense' type: {type(scale_sense)}.")

    def construct(self, *inputs):
        scaling_sens = self.scale_sense.value()
        loss, grads = self._loss_and_grads(inputs, scaling_sens)
        inv = 1.0 / scaling_sens._data
        grads = tuple(Tensor._wrap(g._data * inv.astype(g._data.dtype).reshape(())) for g in grads)
        grads = self.grad_reducer(grads)
        cond = Tensor._wrap(grads_overflow(grads))
        overflow = self.process_loss_scale(cond)
        ov = _arr(overflow).astype(bool).reshape(())
        run_unless(ov, list(self.optimizer.get_parameters()), lambda: self.optimizer(grads))
        return loss, cond, scaling_sens

    def set_sense_scale(self, sens):
        if isinstance(sens, Tensor):
            self.scale_sense.set_data(sens)
        else:
            raise TypeError("For 'TrainOneStepWithLossScaleCell', the type of 'sens' must be Tensor, but "
                            "got "
                            f"{type(sens)}")

    def start_overflow_check(self, pre_cond, compute_input):
        return Tensor(np.zeros([8], np.int32)), compute_input

    def get_overflow_status(self, status, compute_output):
        return Tensor._wrap(grads_overflow(compute_output))

    def process_loss_scale(self, overflow):
        if self.loss_scaling_manager is not None:
            return self.loss_scaling_manager(self.scale_sense, overflow)
        return overflow
