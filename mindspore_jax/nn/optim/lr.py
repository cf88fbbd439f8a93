"""Re-exports the learning-rate helpers so ``nn`` collects them (``nn.cosine_decay_lr``, ...)."""

from ..dynamic_lr import __all__ as _dyn_all
from ..dynamic_lr import *  # noqa: F401,F403
from ..learning_rate_schedule import __all__ as _sched_all
from ..learning_rate_schedule import *  # noqa: F401,F403

__all__ = list(_dyn_all) + list(_sched_all)
