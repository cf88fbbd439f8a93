"""``nn.AdaSumByGradWrapCell`` / ``nn.AdaSumByDeltaWeightWrapCell``.

AdaSum combines the gradients (or weight deltas) of the data-parallel devices pairwise. This is a
single-process runtime, so there is one device's value to combine and AdaSum of one value is the
value itself: the wrappers behave as the wrapped optimizer. They keep MindSpore's construction
checks: in ``stand_alone`` mode (the default) MindSpore raises ``RuntimeError``, and so do these;
with a parallel mode set (``device_num`` a power of 2 and at least 16) they are accepted.
"""

from __future__ import annotations

import logging

from ... import context
from ..cell import Cell
from ..optim.optimizer import Optimizer

__all__ = ["AdaSumByGradWrapCell", "AdaSumByDeltaWeightWrapCell"]

_log = logging.getLogger("mindspore_jax")


def _parallel_check():
    mode = context.get_auto_parallel_context("parallel_mode")
    if mode == "stand_alone":
        raise RuntimeError("Stand alone mode is not supported to apply adasum.")
    if mode in ("data_parallel", "hybrid_parallel"):
        _log.warning(
            "For data parallel mode or hybrid parallel mode, it is recommended to using "
            "mindspore.boost to enable adasum."
        )
    if context.get_auto_parallel_context("enable_parallel_optimizer"):
        raise RuntimeError("Currently, the optimizer shard is not supported with applying adasum.")
    if (context.get_auto_parallel_context("pipeline_stages") or 1) > 1:
        raise RuntimeError("Currently, the pipeline parallel is not supported with applying adasum.")
    n = int(context.get_auto_parallel_context("device_num") or 1)
    if n < 16 or (n & (n - 1)) != 0:
        raise RuntimeError(
            "The device_num must be at least 16 and must be the power of 2 when applying adasum."
        )


def _check_optimizer(optimizer, cls):
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"For '{cls}', the type of 'optimizer' should be 'Optimizer', but got type "
            f"'{type(optimizer).__name__}'."
        )


class AdaSumByGradWrapCell(Cell):
    """``nn.AdaSumByGradWrapCell(optimizer)``: ``construct(grads)`` -> ``optimizer(adasum(grads))``."""

    def __init__(self, optimizer):
        super().__init__(auto_prefix=False)
        _parallel_check()
        _check_optimizer(optimizer, "AdaSumByGradWrapCell")
        self.optimizer = optimizer
        self.parameters = optimizer.parameters

    def construct(self, grads):
        return self.optimizer(grads)


class AdaSumByDeltaWeightWrapCell(Cell):
    """``nn.AdaSumByDeltaWeightWrapCell(optimizer)``: ``construct(grads)`` runs the optimizer, then
    AdaSum-combines the weight deltas; returns the updated parameters."""

    def __init__(self, optimizer):
        super().__init__(auto_prefix=False)
        _parallel_check()
        _check_optimizer(optimizer, "AdaSumByDeltaWeightWrapCell")
        self.optimizer = optimizer
        self.parameters = optimizer.parameters

    def construct(self, grads):
        self.optimizer(grads)
        return self.parameters
