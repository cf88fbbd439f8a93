"""``mindspore.train.loss_scale_manager`` (1.x module path): the managers live in ``amp``."""

from ..amp import DynamicLossScaleManager, FixedLossScaleManager, LossScaleManager

__all__ = ["LossScaleManager", "FixedLossScaleManager", "DynamicLossScaleManager"]
