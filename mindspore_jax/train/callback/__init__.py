"""``mindspore.train.callback``: the callbacks ``Model.train`` / ``eval`` / ``fit`` call."""

from ._callback import Callback, CallbackList, RunContext
from ._callback import CallbackManager as _CallbackManager  # noqa: F401
from ._callback import InternalCallbackParam as _InternalCallbackParam  # noqa: F401
from ._callback import checkpoint_cb_for_save_op as _checkpoint_cb_for_save_op  # noqa: F401
from ._callback import set_cur_net as _set_cur_net  # noqa: F401
from .checkpoint import CheckpointConfig, ModelCheckpoint
from .checkpoint import CheckpointManager as _CheckpointManager  # noqa: F401
from .early_stop import EarlyStopping
from .history import History
from .lambda_callback import LambdaCallback
from .loss_monitor import LossMonitor
from .lr_scheduler import LearningRateScheduler
from .progress import ProgressBar
from .reduce_lr import ReduceLROnPlateau
from .summary import SummaryCollector, SummaryLandscape
from .time_monitor import TimeMonitor

__all__ = ["Callback", "LossMonitor", "TimeMonitor", "ModelCheckpoint", "SummaryCollector",
           "CheckpointConfig", "RunContext", "LearningRateScheduler", "SummaryLandscape", "History",
           "LambdaCallback", "ReduceLROnPlateau", "EarlyStopping", "CallbackList", "ProgressBar"]
