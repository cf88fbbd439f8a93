"""``EarlyStopping``: stops training when a monitored value stops improving."""

import copy
import logging

import numpy as np

from .. import _check as Validator
from ._callback import Callback, _handle_loss

_log = logging.getLogger("mindspore_jax")

_smaller_better_metrics = ['hausdorff_distance', 'mae', 'mse', 'loss', 'perplexity',
                           'mean_surface_distance', 'root_mean_square_distance', 'eval_loss']


def _monitor_value(monitor, cb_params, what):
    candidates = {}
    if monitor == "loss":
        value = _handle_loss(cb_params.get("net_outputs"))
        if hasattr(value, "asnumpy"):
            value = value.asnumpy()
    else:
        candidates = cb_params.get("eval_results", {})
        value = candidates.get(monitor)
    if value is None:
        _log.warning('%s is conditioned on %s, which is not available. Available choices are: %s',
                     what, monitor, set(["loss"] + list(candidates.keys())))
    if isinstance(value, np.ndarray) and value.shape != ():
        raise ValueError(f"{'EarlyStopping' if what == 'Early stopping' else 'ReduceLROnPlateau'} only "
                         "supports scalar monitor now.")
    return np.array(value) if value else None


class EarlyStopping(Callback):
    """Requests a stop after ``patience`` epochs without improvement of ``monitor``."""

    def __init__(self, monitor='eval_loss', min_delta=0, patience=0, verbose=False, mode='auto',
                 baseline=None, restore_best_weights=False):
        super().__init__()
        self.monitor = Validator.check_value_type('monitor', monitor, str)
        min_delta = Validator.check_value_type("min_delta", min_delta, [float, int])
        self.min_delta = abs(min_delta)
        self.patience = Validator.check_non_negative_int(patience)
        self.verbose = Validator.check_bool(verbose)
        self.mode = Validator.check_value_type('mode', mode, str)
        # MindSpore 2.10 stores min_delta here (not baseline); kept so runs match.
        self.baseline = Validator.check_value_type("min_delta", min_delta, [float, int]) if baseline else None
        self.restore_best_weights = Validator.check_bool(restore_best_weights)
        self.wait = 0
        self.stopped_epoch = 0
        self.best_weights_param_dict = None
        if self.mode not in ['auto', 'min', 'max']:
            raise ValueError("mode should be 'auto', 'min' or 'max', but got %s." % self.mode)
        if self._smaller_better():
            self.is_improvement = lambda a, b: np.less(a, b - self.min_delta)
        else:
            self.is_improvement = lambda a, b: np.greater(a, b + self.min_delta)
        self.best = np.inf if self._smaller_better() else -np.inf

    def _smaller_better(self):
        return self.mode == 'min' or (self.mode == 'auto' and self.monitor in _smaller_better_metrics)

    def on_train_begin(self, run_context):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = np.inf if self._smaller_better() else -np.inf
        self.best_weights_param_dict = None

    def on_train_epoch_end(self, run_context):
        cb_params = run_context.original_args()
        cur_epoch = cb_params.get("cur_epoch_num")
        current = _monitor_value(self.monitor, cb_params, "Early stopping")
        if current is None:
            return
        if self.restore_best_weights and self.best_weights_param_dict is None:
            self.best_weights_param_dict = copy.deepcopy(cb_params.train_network.parameters_dict())
        self.wait += 1
        if self.is_improvement(current, self.best):
            self.best = current
            if self.restore_best_weights:
                self.best_weights_param_dict = copy.deepcopy(cb_params.train_network.parameters_dict())
            if self.baseline is None or self.is_improvement(current, self.baseline):
                self.wait = 0
        if self.wait >= self.patience:
            self.stopped_epoch = cur_epoch
            run_context.request_stop()
            if self.restore_best_weights and self.best_weights_param_dict is not None:
                if self.verbose:
                    print('Restoring model weights from the end of the best epoch.')
                _restore(cb_params.train_network, self.best_weights_param_dict)

    def on_train_end(self, run_context):
        if self.stopped_epoch > 0 and self.verbose:
            print('Epoch %05d: early stopping' % (self.stopped_epoch))


def _restore(net, param_dict):
    try:
        from ..serialization import load_param_into_net
    except ImportError:
        load_param_into_net = None
    if load_param_into_net is not None:
        load_param_into_net(net, param_dict)
        return
    own = net.parameters_dict()
    for name, p in param_dict.items():
        if name in own:
            own[name].set_data(p)
