"""``mindspore.train``: Model, callbacks, metrics, DatasetHelper, and checkpoints (serialization)."""

from . import callback, metrics
from .callback import *  # noqa: F401,F403
from .dataset_helper import DatasetHelper, connect_network_with_dataset
from .metrics import *  # noqa: F401,F403
from .metrics import get_metrics  # noqa: F401
from .model import Model
from .summary_record import SummaryRecord

__all__ = ["Model", "DatasetHelper", "connect_network_with_dataset", "SummaryRecord"]
__all__.extend(callback.__all__)
__all__.extend(metrics.__all__)

try:  # checkpoints live in serialization.py (its own module, written separately)
    from . import serialization  # noqa: F401
    from .serialization import *  # noqa: F401,F403
    __all__.extend(serialization.__all__)
except ImportError as _e:  # pragma: no cover - only while serialization.py is missing
    import logging as _logging

    _logging.getLogger("mindspore_jax").debug("mindspore_jax.train.serialization unavailable: %s", _e)

# MindSpore re-exports these from train; they live in amp.py, imported on first use (amp imports
# nn, and nn imports train.metrics: an eager import here would be circular).
_FROM_AMP = ("build_train_network", "LossScaleManager", "FixedLossScaleManager", "DynamicLossScaleManager")


def __getattr__(name):
    if name in _FROM_AMP or name == "amp":
        import importlib

        try:
            amp = importlib.import_module("mindspore_jax.amp")
        except ImportError as e:
            raise AttributeError(f"module 'mindspore_jax.train' has no attribute '{name}' ({e})") from e
        return amp if name == "amp" else getattr(amp, name)
    raise AttributeError(f"module 'mindspore_jax.train' has no attribute '{name}'")
