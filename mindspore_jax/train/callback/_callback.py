"""Callback machinery: ``Callback``, ``RunContext``, the callback list and ``cb_params``.

As in MindSpore, the ``on_train_*`` / ``on_eval_*`` hooks default to the 1.x ``begin`` /
``step_end`` / ... methods, so old-style callbacks keep working; ``CallbackManager`` (exported
as ``_CallbackManager`` and ``CallbackList``) fans every hook out to its callbacks in order.
"""

from __future__ import annotations

from contextlib import ExitStack
import logging

import numpy as np

from ...common.tensor import Tensor

_log = logging.getLogger("mindspore_jax")

CUR_NET = None


def set_cur_net(net):
    """Remembers the network a save op belongs to (MindSpore API, kept for compatibility)."""
    global CUR_NET
    CUR_NET = net


def checkpoint_cb_for_save_op(parameter_list):
    """Kept for API compatibility: graph save ops do not exist here."""
    return False


class Callback:
    """Base class of training / evaluation callbacks; override the hooks you need."""

    def __enter__(self):
        return self

    def __exit__(self, *err):
        pass

    # 1.x style hooks (the 2.x hooks below call them by default)
    def begin(self, run_context):
        """Called once before the network runs."""

    def epoch_begin(self, run_context):
        """Called before each epoch."""

    def epoch_end(self, run_context):
        """Called after each epoch."""

    def step_begin(self, run_context):
        """Called before each step (each sink chunk in sink mode)."""

    def step_end(self, run_context):
        """Called after each step (each sink chunk in sink mode)."""

    def end(self, run_context):
        """Called once after the network ran."""

    def on_train_begin(self, run_context):
        self.begin(run_context)

    def on_train_epoch_begin(self, run_context):
        self.epoch_begin(run_context)

    def on_train_epoch_end(self, run_context):
        self.epoch_end(run_context)

    def on_train_step_begin(self, run_context):
        self.step_begin(run_context)

    def on_train_step_end(self, run_context):
        self.step_end(run_context)

    def on_train_end(self, run_context):
        self.end(run_context)

    def on_eval_begin(self, run_context):
        self.begin(run_context)

    def on_eval_epoch_begin(self, run_context):
        self.epoch_begin(run_context)

    def on_eval_epoch_end(self, run_context):
        self.epoch_end(run_context)

    def on_eval_step_begin(self, run_context):
        self.step_begin(run_context)

    def on_eval_step_end(self, run_context):
        self.step_end(run_context)

    def on_eval_end(self, run_context):
        self.end(run_context)


_HOOKS = ("begin", "epoch_begin", "epoch_end", "step_begin", "step_end", "end",
          "on_train_begin", "on_train_epoch_begin", "on_train_epoch_end", "on_train_step_begin",
          "on_train_step_end", "on_train_end", "on_eval_begin", "on_eval_epoch_begin",
          "on_eval_epoch_end", "on_eval_step_begin", "on_eval_step_end", "on_eval_end")


class CallbackManager(Callback):
    """Runs a list of callbacks as one; entering it enters each callback's context."""

    def __init__(self, callbacks):
        self._callbacks, self._stack = [], None
        if isinstance(callbacks, Callback):
            self._callbacks.append(callbacks)
        elif isinstance(callbacks, list):
            for cb in callbacks:
                if not isinstance(cb, Callback):
                    raise TypeError("When the 'callbacks' is a list, the elements in "
                                    "'callbacks' must be Callback functions.")
                self._callbacks.append(cb)
        elif callbacks is not None:
            raise TypeError("The 'callbacks' is not a Callback or a list of Callback.")

    def __enter__(self):
        if self._stack is None:
            callbacks, self._stack = [], ExitStack().__enter__()
            for callback in self._callbacks:
                target = self._stack.enter_context(callback)
                if not isinstance(target, Callback):
                    _log.warning("Please return 'self' or a Callback as the enter target.")
                    callbacks.append(callback)
                else:
                    callbacks.append(target)
            self._callbacks = callbacks
        return self

    def __exit__(self, *err):
        return self._stack.__exit__(*err)


def _fan_out(name):
    def hook(self, run_context):
        for cb in self._callbacks:
            getattr(cb, name)(run_context)
    hook.__name__ = name
    return hook


for _name in _HOOKS:
    setattr(CallbackManager, _name, _fan_out(_name))

CallbackList = CallbackManager


class InternalCallbackParam(dict):
    """``cb_params``: a dict whose keys are also attributes (``cb_params.cur_step_num``)."""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key, value):
        self[key] = value


class RunContext:
    """What a callback receives: ``original_args()`` is cb_params; ``request_stop()`` ends training."""

    def __init__(self, original_args):
        if not isinstance(original_args, dict):
            raise TypeError("The argument 'original_args' of RunContext should be dict type, "
                            "but got {}.".format(type(original_args)))
        self._original_args = original_args
        self._stop_requested = False

    def original_args(self):
        return self._original_args

    def request_stop(self):
        self._stop_requested = True

    def get_stop_requested(self):
        return self._stop_requested


def _handle_loss(loss):
    """MindSpore's loss extraction: first Tensor of a tuple (kept a Tensor), a Tensor's mean as float."""
    if isinstance(loss, (tuple, list)):
        if isinstance(loss[0], Tensor):
            loss = loss[0]
    elif isinstance(loss, Tensor):
        loss = float(np.mean(loss.asnumpy()))
    return loss
