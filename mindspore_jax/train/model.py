# ruff: noqa: E501  (MindSpore error messages kept whole)
"""``Model``: MindSpore's high-level train / eval / predict loop.

The train network is built as MindSpore builds it: ``nn.WithLossCell`` + ``nn.TrainOneStepCell``
(through ``amp.build_train_network`` when an ``amp_level`` other than O0 or a
``loss_scale_manager`` is given); the eval network is ``nn.WithEvalCell`` or the given
``eval_network`` with ``eval_indexes``. Callbacks see MindSpore's ``cb_params`` fields and run
in MindSpore's order. ``dataset_sink_mode=True`` in GRAPH_MODE runs ``sink_size`` steps per
compiled call (see ``dataset_helper.py``); callbacks then fire once per sink chunk and
``cur_step_num`` advances by ``sink_size``, as MindSpore does on GPU/Ascend.
"""

from __future__ import annotations

import copy
import logging
import math
from collections.abc import Iterable

import numpy as np

from .. import context
from ..common.tensor import Tensor
from . import _check as Validator
from .callback import Callback, ModelCheckpoint, RunContext, TimeMonitor
from .callback import __all__ as internal_cb_names
from .callback._callback import CallbackManager as _CallbackManager
from .callback._callback import InternalCallbackParam as _InternalCallbackParam
from .callback.progress import ProgressBar, progress_wanted
from .dataset_helper import DatasetHelper, _dataset_size, connect_network_with_dataset
from .metrics import Loss, get_metric_fn, get_metrics

_log = logging.getLogger("mindspore_jax")

__all__ = ["Model"]


def _transfer_tensor_to_tuple(inputs):
    if isinstance(inputs, Tensor):
        return (inputs,)
    return inputs


class _StepSync(Callback):
    """PyNative: waits for each step's results (MindSpore's ``_pynative_executor.sync``)."""

    @staticmethod
    def step_end(run_context):
        import jax

        jax.block_until_ready(run_context.original_args().get("net_outputs"))


class _FrameworkProfilerCallback(Callback):
    """Placeholder for MindSpore's profiler hook, kept so ``cb_params.list_callback`` matches."""


def _nn():
    from .. import nn

    return nn


def _save_final_ckpt(func):
    """With ``CheckpointConfig(exception_save=True)``, saves a ``_breakpoint`` checkpoint on errors."""
    import functools

    @functools.wraps(func)
    def wrapper(self, *args, **kwargs):
        cbs = kwargs.get("callbacks")
        obj = None
        if isinstance(cbs, ModelCheckpoint):
            obj = cbs
        elif isinstance(cbs, list):
            for item in cbs:
                if isinstance(item, ModelCheckpoint):
                    obj = item
        if not (obj and obj._config and obj._config.exception_save):
            return func(self, *args, **kwargs)
        try:
            return func(self, *args, **kwargs)
        except BaseException:
            import os

            from .callback.checkpoint import _chg_ckpt_file_name_if_same_exist, _save_checkpoint

            prefix = _chg_ckpt_file_name_if_same_exist(obj._directory, obj._exception_prefix, True)
            name = f"{prefix}-{self._current_epoch_num}_{self._current_step_num}_breakpoint.ckpt"
            _save_checkpoint(self._train_network, os.path.join(obj._directory, name),
                             obj._config.integrated_save, obj._config.async_save,
                             obj._append_dict or None, obj._config.enc_key, obj._config.enc_mode)
            raise

    return wrapper


class Model:
    """High-level API: ``Model(network, loss_fn, optimizer, metrics).train/eval/predict/fit``."""

    def __init__(self, network, loss_fn=None, optimizer=None, metrics=None, eval_network=None,
                 eval_indexes=None, amp_level="O0", boost_level="O0", **kwargs):
        self._network = network
        self._loss_fn = loss_fn
        self._optimizer = optimizer
        self._loss_scale_manager = None
        self._loss_scale_manager_set = False
        self._keep_bn_fp32 = None
        self._check_kwargs(kwargs)
        self._amp_level = amp_level
        self._boost_level = boost_level
        self._eval_network = eval_network
        self._process_amp_args(kwargs)
        self._parallel_mode = context.get_auto_parallel_context("parallel_mode")
        self._device_number = context.get_auto_parallel_context("device_num")
        self._metrics = metrics
        if optimizer is None and amp_level != "O0":
            raise ValueError(
                "Auto mixed precision will not work because 'optimizer' is None.Please set amp_level='O0' "
                "to disable auto mixed precision or set 'optimizer' not be None to use auto mixed precision.")
        if kwargs.get("acc_level") is not None:
            self._boost_level = kwargs["acc_level"]
        self._train_network = self._build_train_network()
        self._build_eval_network(metrics, self._eval_network, eval_indexes)
        self._predict_network = self._network
        self._current_epoch_num = 0
        self._current_step_num = 0
        self.epoch_iter = 0
        self._backbone_is_train = True
        self.batch_num = -1
        self._initial_step = None

    # --- construction ----------------------------------------------------------------------------
    @staticmethod
    def _check_kwargs(kwargs):
        for arg in kwargs:
            if arg not in ['loss_scale_manager', 'keep_batchnorm_fp32', 'boost_config_dict', 'acc_level']:
                raise ValueError(f"The argument in 'kwargs' should be 'loss_scale_manager' or "
                                 f"'keep_batchnorm_fp32' or 'boost_config_dict' or 'acc_level', but got '{arg}'.")

    def _process_amp_args(self, kwargs):
        if 'keep_batchnorm_fp32' in kwargs:
            self._keep_bn_fp32 = kwargs['keep_batchnorm_fp32']
        if 'loss_scale_manager' in kwargs:
            self._loss_scale_manager = kwargs['loss_scale_manager']
            self._loss_scale_manager_set = True

    def _build_train_network(self):
        nn = _nn()
        network = self._network
        if not isinstance(network, nn.Cell):
            raise TypeError(f"For 'Model', the type of 'network' should be 'Cell', but got type "
                            f"'{type(network).__name__}'.")
        if self._loss_scale_manager is not None and self._optimizer is None:
            raise ValueError("The argument 'optimizer' can not be None when set 'loss_scale_manager'.")
        if self._optimizer:
            if self._amp_level == "O0" and not self._loss_scale_manager_set and self._keep_bn_fp32 is None:
                # what amp.build_train_network does at O0 without loss scaling
                if self._loss_fn:
                    network = nn.WithLossCell(network, self._loss_fn)
                network = nn.TrainOneStepCell(network, self._optimizer)
                network.set_train()
            else:
                from .. import amp

                amp_config = {}
                if self._loss_scale_manager_set:
                    amp_config['loss_scale_manager'] = self._loss_scale_manager
                if self._keep_bn_fp32 is not None:
                    amp_config['keep_batchnorm_fp32'] = self._keep_bn_fp32
                network = amp.build_train_network(network, self._optimizer, self._loss_fn,
                                                  level=self._amp_level, boost_level=self._boost_level,
                                                  **amp_config)
        elif self._loss_fn:
            network = nn.WithLossCell(network, self._loss_fn)
        return network

    def _build_eval_network(self, metrics, eval_network, eval_indexes):
        self._metric_fns = get_metrics(metrics)
        self._eval_indexes = eval_indexes
        if not self._metric_fns:
            return
        if eval_network is not None:
            if eval_indexes is not None and not (isinstance(eval_indexes, list) and len(eval_indexes) == 3):
                raise ValueError("The argument 'eval_indexes' must be a list or None. If 'eval_indexes' is a "
                                 "list, length of it must be three. But got 'eval_indexes' {}".format(eval_indexes))
            self._eval_network = eval_network
            self._eval_indexes = eval_indexes
        else:
            if self._loss_fn is None:
                raise ValueError("If `metrics` is set, `eval_network` must not be None. Do not set `metrics` if "
                                 "you don't want an evaluation.\n"
                                 "If evaluation is required, you need to specify `eval_network`, which will be "
                                 "used in the framework to evaluate the model.\n"
                                 "For the simple scenarios with one data, one label and one logits, "
                                 "`eval_network` is optional, and then you can set `eval_network` or `loss_fn`. "
                                 "For the latter case, framework will automatically build an evaluation network "
                                 "with `network` and `loss_fn`.")
            self._eval_network = _nn().WithEvalCell(self._network, self._loss_fn,
                                                    self._amp_level in ["O2", "O3", "auto"])
            self._eval_indexes = [0, 1, 2]

    # --- metrics ---------------------------------------------------------------------------------
    def _clear_metrics(self):
        for metric in self._metric_fns.values():
            metric.clear()

    def _update_metrics(self, outputs):
        if isinstance(outputs, Tensor):
            outputs = (outputs,)
        if isinstance(outputs, list):
            outputs = tuple(outputs)
        if not isinstance(outputs, tuple):
            raise ValueError(f"The argument 'outputs' should be tuple, but got {type(outputs)}.")
        if self._eval_indexes is not None and len(outputs) < 3:
            raise ValueError("The length of 'outputs' must be >= 3, but got {}".format(len(outputs)))
        for metric in self._metric_fns.values():
            if self._eval_indexes is None:
                metric.update(*outputs)
            elif isinstance(metric, Loss):
                metric.update(outputs[self._eval_indexes[0]])
            else:
                metric.update(outputs[self._eval_indexes[1]], outputs[self._eval_indexes[2]])

    def _get_metrics(self):
        return {key: value.eval() for key, value in self._metric_fns.items()}

    def _get_scaling_sens(self):
        scaling_sens = 1
        if self._loss_scale_manager is not None:
            scaling_sens = self._loss_scale_manager.get_loss_scale()
        if self._parallel_mode == "data_parallel":
            scaling_sens /= self._device_number
        return scaling_sens

    # --- plumbing --------------------------------------------------------------------------------
    def _exec_preprocess(self, is_train, dataset, dataset_sink_mode, sink_size=-1, epoch_num=1,
                         dataset_helper=None):
        network = self._train_network if is_train else self._eval_network
        phase = 'train' if is_train else 'eval'
        if dataset_helper is None:
            dataset_helper = DatasetHelper(dataset, dataset_sink_mode, sink_size, epoch_num)
        if dataset_sink_mode:
            network = connect_network_with_dataset(network, dataset_helper)
        network.set_train(is_train)
        network.phase = phase
        self._backbone_is_train = is_train
        return dataset_helper, network

    def _check_network_mode(self, network, is_train):
        if self._backbone_is_train != is_train:
            network.set_train(is_train)
            self._backbone_is_train = is_train
        if not is_train:
            network.set_grad(False)
        return network

    @staticmethod
    def _transform_callbacks(callbacks):
        if callbacks is None:
            return []
        if isinstance(callbacks, Iterable):
            return list(callbacks)
        return [callbacks]

    def _check_reuse_dataset(self, dataset):
        try:
            if not hasattr(dataset, '__model_hash__'):
                dataset.__model_hash__ = hash(self)
        except (AttributeError, TypeError):
            return
        if dataset.__model_hash__ != hash(self):
            raise RuntimeError("The dataset object had been used in other model by model.train(...), "
                               "please create a new dataset.")

    @staticmethod
    def _reset_dataset(dataset):
        reset = getattr(dataset, "reset", None)
        if callable(reset):
            try:
                reset()
            except (NotImplementedError, RuntimeError):
                pass

    @staticmethod
    def _check_methods_for_custom_callbacks(callbacks, current_mode):
        old = {'begin', 'end', 'epoch_begin', 'epoch_end', 'step_begin', 'step_end'}
        if not isinstance(callbacks, list):
            callbacks = [callbacks]
        for cb in callbacks:
            cb_name = cb.__class__.__name__
            if cb_name in internal_cb_names:
                continue
            invalid = set(cb.__class__.__dict__.keys()) & old
            if not invalid:
                continue
            msg = ("For %s callback, %s methods may not be supported in later version, Use methods "
                   "prefixed with 'on_train' or 'on_eval' instead when using customized callbacks."
                   % (cb_name, invalid))
            if current_mode in ["train", "eval"]:
                _log.warning(msg)
            else:
                raise ValueError(msg)

    @staticmethod
    def _check_epoch_args(name, epoch, initial_epoch, sink_size, dataset):
        Validator.check_is_int(sink_size)
        Validator.check_positive_int(epoch)
        Validator.check_non_negative_int(initial_epoch)
        if initial_epoch >= epoch:
            raise ValueError(f"For 'Model.{name}', the parameter 'epoch' must bigger than parameter "
                             f"'initial_epoch', but got the parameter 'epoch' is {epoch}, 'initial_epoch' is "
                             f"{initial_epoch}.")
        dataset_size = _dataset_size(dataset)
        if dataset_size == 0:
            raise ValueError("There is no valid data in dataset, please check dataset file firstly.")
        if sink_size == -1:
            sink_size = dataset_size
        if sink_size < -1 or sink_size == 0:
            raise ValueError(f"For 'Model.{name}', The argument 'sink_size' must be -1 or positive, "
                             f"but got {sink_size}.")
        return sink_size

    # --- training --------------------------------------------------------------------------------
    def train(self, epoch, train_dataset, callbacks=None, dataset_sink_mode=False, sink_size=-1,
              initial_epoch=0):
        """Trains ``epoch`` epochs (from ``initial_epoch``); callbacks see every step or sink chunk."""
        Validator.check_bool(dataset_sink_mode)
        sink_size = self._check_epoch_args("train", epoch, initial_epoch, sink_size, train_dataset)
        if callbacks:
            self._check_methods_for_custom_callbacks(callbacks, "train")
        self._train(epoch, train_dataset, callbacks=callbacks, dataset_sink_mode=dataset_sink_mode,
                    sink_size=sink_size, initial_epoch=initial_epoch)

    def fit(self, epoch, train_dataset, valid_dataset=None, valid_frequency=1, callbacks=None,
            dataset_sink_mode=False, valid_dataset_sink_mode=False, sink_size=-1, initial_epoch=0):
        """Trains and evaluates on ``valid_dataset`` every ``valid_frequency`` epochs."""
        dataset_sink_mode = Validator.check_bool(dataset_sink_mode)
        valid_dataset_sink_mode = Validator.check_bool(valid_dataset_sink_mode)
        sink_size = self._check_epoch_args("fit", epoch, initial_epoch, sink_size, train_dataset)
        if not isinstance(valid_frequency, (int, list)):
            raise TypeError(f"For 'Model.fit', the type of 'valid_frequency' must be a list or an integer, but "
                            f"got type {type(valid_frequency)}.")
        if valid_dataset and not self._metric_fns:
            raise ValueError("For 'Model.fit', if valid_dataset is not None, the model argument 'metrics' can "
                             "not beNone or empty, you should set the argument 'metrics' for model.")
        if callbacks:
            self._check_methods_for_custom_callbacks(callbacks, "fit")
        self._train(epoch, train_dataset, callbacks=callbacks, dataset_sink_mode=dataset_sink_mode,
                    sink_size=sink_size, initial_epoch=initial_epoch, valid_dataset=valid_dataset,
                    valid_frequency=valid_frequency, valid_dataset_sink_mode=valid_dataset_sink_mode)

    @_save_final_ckpt
    def _train(self, epoch, train_dataset, callbacks=None, dataset_sink_mode=True, sink_size=-1,
               initial_epoch=0, valid_dataset=None, valid_frequency=1, valid_dataset_sink_mode=True,
               initial_step=0):
        cb_params = _InternalCallbackParam()
        cb_params.cur_step_num = initial_step
        cb_params.train_network = self._train_network
        cb_params.epoch_num = epoch - initial_epoch
        if dataset_sink_mode and sink_size > 0:
            cb_params.batch_num = sink_size
        else:
            cb_params.batch_num = _dataset_size(train_dataset)
        self.batch_num = cb_params.batch_num
        cb_params.mode = "train"
        cb_params.loss_fn = self._loss_fn
        cb_params.optimizer = self._optimizer
        cb_params.parallel_mode = self._parallel_mode
        cb_params.device_number = self._device_number
        cb_params.train_dataset = train_dataset
        cb_params.list_callback = self._transform_callbacks(callbacks)
        valid_infos = (valid_dataset, valid_frequency, valid_dataset_sink_mode)
        cb_params.list_callback.insert(0, _FrameworkProfilerCallback())
        if context.get_context("mode") == context.PYNATIVE_MODE:
            cb_params.list_callback.insert(0, _StepSync())
        if progress_wanted():
            cb_params.list_callback.append(ProgressBar())
        callbacks = cb_params.list_callback
        cb_params.train_dataset_element = None
        cb_params.network = self._network
        cb_params.last_save_ckpt_step = None
        cb_params.latest_ckpt_file = None
        cb_params.loss_scale_mananger = self._loss_scale_manager
        cb_params.initial_step = self._initial_step

        with _CallbackManager(callbacks) as list_callback:
            self._check_reuse_dataset(train_dataset)
            if not dataset_sink_mode:
                self._train_process(epoch, train_dataset, list_callback, cb_params, initial_epoch, valid_infos)
            else:
                self._train_dataset_sink_process(epoch, train_dataset, list_callback, cb_params, sink_size,
                                                 initial_epoch, valid_infos)

    @staticmethod
    def _should_eval(epoch, validation_freq):
        if isinstance(validation_freq, int):
            return epoch % validation_freq == 0
        return epoch in validation_freq

    def _eval_during_train(self, valid_infos, cb_params, list_callback):
        valid_dataset, valid_frequency, valid_dataset_sink_mode = valid_infos
        if not (valid_dataset and self._should_eval(cb_params.cur_epoch_num, valid_frequency)):
            return
        saved = (cb_params.cur_step_num, cb_params.batch_num, cb_params.dataset_sink_mode,
                 cb_params.net_outputs)
        eval_callback = []
        for cb in list_callback._callbacks:
            if cb.__class__.__name__ in internal_cb_names:
                if isinstance(cb, TimeMonitor):
                    eval_callback.append(cb)
            elif not isinstance(cb, (_StepSync, _FrameworkProfilerCallback)):
                eval_callback.append(cb)
        self._eval_in_fit(valid_dataset, callbacks=eval_callback, dataset_sink_mode=valid_dataset_sink_mode,
                          cb_params=cb_params)
        cb_params.mode = "train"
        (cb_params.cur_step_num, cb_params.batch_num, cb_params.dataset_sink_mode,
         cb_params.net_outputs) = saved

    def _train_process(self, epoch, train_dataset, list_callback=None, cb_params=None, initial_epoch=0,
                       valid_infos=None):
        dataset_helper, _ = self._exec_preprocess(is_train=True, dataset=train_dataset,
                                                  dataset_sink_mode=False, epoch_num=epoch)
        cb_params.dataset_sink_mode = False
        run_context = RunContext(cb_params)
        list_callback.on_train_begin(run_context)

        for i in range(initial_epoch, epoch):
            cb_params.cur_epoch_num = i + 1
            self._current_epoch_num = cb_params.cur_epoch_num
            self._current_step_num = 0
            list_callback.on_train_epoch_begin(run_context)

            for next_element in dataset_helper:
                len_element = len(next_element)
                next_element = _transfer_tensor_to_tuple(next_element)
                if self._loss_fn and len_element != 2:
                    raise ValueError("When 'loss_fn' is not None, 'train_dataset' should return "
                                     "two elements, but got {}, please check the number of elements "
                                     "returned by 'train_dataset'".format(len_element))
                cb_params.cur_step_num += 1
                self._current_step_num = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
                cb_params.train_dataset_element = next_element
                list_callback.on_train_step_begin(run_context)
                self._check_network_mode(self._train_network, True)
                outputs = self._train_network(*next_element)
                cb_params.net_outputs = outputs
                if self._loss_scale_manager and self._loss_scale_manager.get_drop_overflow_update():
                    overflow = np.all(outputs[1].asnumpy())
                    self._loss_scale_manager.update_loss_scale(overflow)
                list_callback.on_train_step_end(run_context)
                if run_context.get_stop_requested():
                    break

            self._eval_during_train(valid_infos, cb_params, list_callback)
            self._reset_dataset(train_dataset)
            list_callback.on_train_epoch_end(run_context)
            cb_params.pop("metrics", None)
            cb_params.pop("eval_results", None)
            if run_context.get_stop_requested():
                break

        list_callback.on_train_end(run_context)

    def _train_dataset_sink_process(self, epoch, train_dataset, list_callback=None, cb_params=None,
                                    sink_size=-1, initial_epoch=0, valid_infos=None):
        is_graph = context.get_context("mode") == context.GRAPH_MODE
        dataset_size = _dataset_size(train_dataset)
        if dataset_size % sink_size != 0:
            _log.info("In dataset_sink mode (dataset_size %% sink_size) should equal to 0, it is suggested to "
                      "pad/drop data or adjust sink_size. But got 'dataset_size': %s, 'sink_size': %s.",
                      dataset_size, sink_size)
        dataset_sink_num = math.ceil((epoch - initial_epoch) * sink_size / dataset_size)
        cb_params.sink_size = sink_size
        cb_params.dataset_sink_mode = True
        run_context = RunContext(cb_params)
        list_callback.on_train_begin(run_context)
        dataset_helper = None

        self.epoch_iter = 0
        while self.epoch_iter < (epoch - initial_epoch):
            cb_params.cur_epoch_num = self.epoch_iter + 1 + initial_epoch
            self._current_epoch_num = cb_params.cur_epoch_num
            self._current_step_num = 0
            list_callback.on_train_epoch_begin(run_context)
            dataset_helper, train_network = self._exec_preprocess(
                is_train=True, dataset=train_dataset, dataset_sink_mode=True, sink_size=sink_size,
                epoch_num=dataset_sink_num, dataset_helper=dataset_helper)
            cb_params.train_network = train_network
            cb_params.dataset_helper = dataset_helper

            for inputs in dataset_helper:
                cb_params.cur_step_num += dataset_helper.sink_size() if is_graph else 1
                self._current_step_num = int((cb_params.cur_step_num - 1) % cb_params.batch_num + 1)
                cb_params.train_dataset_element = inputs
                list_callback.on_train_step_begin(run_context)
                train_network = self._check_network_mode(train_network, True)
                outputs = train_network(*inputs)
                cb_params.net_outputs = outputs
                list_callback.on_train_step_end(run_context)
                if not is_graph and run_context.get_stop_requested():
                    break

            self._eval_during_train(valid_infos, cb_params, list_callback)
            list_callback.on_train_epoch_end(run_context)
            cb_params.pop("metrics", None)
            cb_params.pop("eval_results", None)
            if run_context.get_stop_requested():
                break
            self.epoch_iter += 1

        list_callback.on_train_end(run_context)

    # --- evaluation ------------------------------------------------------------------------------
    def eval(self, valid_dataset, callbacks=None, dataset_sink_mode=False):
        """Runs the eval network over ``valid_dataset``; returns {metric name: value}."""
        dataset_sink_mode = Validator.check_bool(dataset_sink_mode)
        if not self._metric_fns:
            raise ValueError("For Model.eval, the model argument 'metrics' can not be None or empty, "
                             "you should set the argument 'metrics' for model.")
        if callbacks:
            self._check_methods_for_custom_callbacks(callbacks, "eval")
        cb_params = _InternalCallbackParam()
        cb_params.eval_network = self._eval_network
        cb_params.valid_dataset = valid_dataset
        cb_params.batch_num = _dataset_size(valid_dataset)
        cb_params.mode = "eval"
        cb_params.cur_step_num = 0
        cb_params.list_callback = self._transform_callbacks(callbacks)
        cb_params.network = self._network
        self._clear_metrics()
        # Eval in sink mode runs one step per batch in MindSpore (loop size 1): the same as here.
        with _CallbackManager(callbacks) as list_callback:
            return self._eval_process(valid_dataset, list_callback, cb_params)

    def _eval_in_fit(self, valid_dataset, callbacks=None, dataset_sink_mode=True, cb_params=None):
        cb_params.eval_network = self._eval_network
        cb_params.valid_dataset = valid_dataset
        cb_params.batch_num = _dataset_size(valid_dataset)
        cb_params.mode = "eval"
        cb_params.cur_step_num = 0
        self._clear_metrics()
        with _CallbackManager(callbacks) as list_callback:
            return self._eval_process(valid_dataset, list_callback, cb_params, add_eval_loss=True)

    def _eval_process(self, valid_dataset, list_callback=None, cb_params=None, add_eval_loss=False):
        run_context = RunContext(cb_params)
        cb_params.dataset_sink_mode = False
        list_callback.on_eval_begin(run_context)
        dataset_helper, _ = self._exec_preprocess(is_train=False, dataset=valid_dataset,
                                                  dataset_sink_mode=False)
        eval_loss_fn = get_metric_fn("loss") if add_eval_loss else None
        list_callback.on_eval_epoch_begin(run_context)
        for next_element in dataset_helper:
            cb_params.cur_step_num += 1
            next_element = _transfer_tensor_to_tuple(next_element)
            cb_params.eval_dataset_element = next_element
            list_callback.on_eval_step_begin(run_context)
            self._check_network_mode(self._eval_network, False)
            outputs = self._eval_network(*next_element)
            cb_params.net_outputs = outputs
            list_callback.on_eval_step_end(run_context)
            self._update_metrics(outputs)
            if add_eval_loss:
                eval_loss_fn.update(outputs[self._eval_indexes[0]])
            if run_context.get_stop_requested():
                break
        list_callback.on_eval_epoch_end(run_context)
        self._reset_dataset(valid_dataset)
        metrics = self._get_metrics()
        cb_params.metrics = metrics
        if add_eval_loss:
            cb_params.eval_results = copy.deepcopy(metrics)
            cb_params.eval_results.update({"eval_loss": eval_loss_fn.eval()})
        list_callback.on_eval_end(run_context)
        return metrics

    # --- prediction ------------------------------------------------------------------------------
    def predict(self, *predict_data, backend=None, config=None):
        """Runs the backbone network in inference mode on ``predict_data``."""
        if backend not in ['lite', None]:
            raise ValueError(f"For Model.predict, `backend` should be 'lite' or None, but got {backend}")
        for item in predict_data:
            if item is None:
                continue
            if isinstance(item, Tensor):
                if item.size == 0:
                    raise ValueError("The input data can not be empty.")
                continue
            if not isinstance(item, (int, float, str)):
                data_class_str = "Tensor, None, int, float, str"
                raise TypeError(f'The types of input data must be in the Union({data_class_str}, '
                                f'tuple[{data_class_str}], list[{data_class_str}], dict[{data_class_str}]), '
                                f'but got type {type(item).__name__}.')
        self._check_network_mode(self._predict_network, False)
        result = self._predict_network(*predict_data)
        if result is None:
            raise RuntimeError("The output of 'Model.predict' can not be None.")
        return result

    def build(self, train_dataset=None, valid_dataset=None, sink_size=-1, epoch=1, sink_mode=True):
        """Accepted for compatibility: compilation happens on the first step here."""
        Validator.check_positive_int(epoch)
        if not train_dataset and not valid_dataset:
            raise ValueError("The argument 'train_dataset' and 'valid_dataset' can not both be None or empty.")

    def infer_predict_layout(self, *predict_data, skip_backend_compile=False):
        """Parallel layouts: there are none on a single device (MindSpore's checks kept)."""
        if self._parallel_mode not in ("semi_auto_parallel", "auto_parallel"):
            raise RuntimeError('Infer predict layout only supports semi auto parallel and auto parallel mode.')
        return {}

    def infer_train_layout(self, train_dataset, dataset_sink_mode=True, sink_size=-1):
        if self._parallel_mode not in ("semi_auto_parallel", "auto_parallel"):
            raise RuntimeError("'infer_train_layout' only supports 'semi_auto_parallel' and 'auto_parallel' "
                               "mode, but got {}.".format(self._parallel_mode))
        return {}

    @property
    def train_network(self):
        return self._train_network

    @property
    def predict_network(self):
        return self._predict_network

    @property
    def eval_network(self):
        return self._eval_network
