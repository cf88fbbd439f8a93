"""``SummaryCollector`` (writes summary files through ``SummaryRecord``) and ``SummaryLandscape``
(accepted; records nothing).

SummaryCollector follows MindSpore's schedule: the first step is recorded, then every
``collect_freq`` steps (epochs in sink mode) the loss (``loss/auto``), the input images
(``input_data/auto``, when the first input is a 4-D NCHW batch), parameter histograms
(``<name>/auto`` for ``histogram_regular``) and the values of the summary operators run in the
network are written; TensorSummary data follows ``collect_tensor_freq``. Graphs, lineage and
loss landscapes are not collected.
"""

import logging
import os
import re

import numpy as np

from ...common.tensor import Tensor
from ..summary_record import SummaryRecord
from ._callback import Callback

_log = logging.getLogger("mindspore_jax")
_warned = set()


def _warn(name):
    if name not in _warned:
        _warned.add(name)
        _log.warning("%s is accepted but records nothing in mindspore_jax.", name)


def _check_positive(name, value, allow_none=False):
    if allow_none and value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"For 'SummaryCollector', the type of '{name}' should be one of '['int']', "
                        f"but got type '{type(value).__name__}'.")
    if value <= 0:
        raise ValueError(f"For 'SummaryCollector', `{name}` should be greater than 0, but got "
                         f"`{value}`.")


class SummaryCollector(Callback):
    """Collects loss, input images, parameter histograms and summary-operator values into a
    MindSpore summary file under ``summary_dir`` (see the module docstring)."""

    _DEFAULT_SPECIFIED_DATA = {
        'collect_metric': True,
        'collect_graph': True,
        'collect_train_lineage': True,
        'collect_eval_lineage': True,
        'collect_input_data': True,
        'collect_dataset_graph': True,
        'histogram_regular': None,
        'collect_landscape': None,
    }

    def __init__(self, summary_dir, collect_freq=10, num_process=32, collect_specified_data=None,
                 keep_default_action=True, custom_lineage_data=None, collect_tensor_freq=None,
                 max_file_size=None, export_options=None):
        super().__init__()
        if not isinstance(summary_dir, str) or not summary_dir:
            raise ValueError(f"For 'SummaryCollector', the 'summary_dir' should be a non-empty "
                             f"str, but got {summary_dir!r}.")
        os.makedirs(summary_dir, exist_ok=True)
        self._summary_dir = os.path.realpath(summary_dir)
        _check_positive("collect_freq", collect_freq)
        self._collect_freq = collect_freq
        _check_positive("collect_tensor_freq", collect_tensor_freq, allow_none=True)
        self._collect_tensor_freq = collect_tensor_freq
        _check_positive("max_file_size", max_file_size, allow_none=True)
        self._max_file_size = max_file_size
        if not isinstance(keep_default_action, bool):
            raise TypeError("For 'SummaryCollector', the type of 'keep_default_action' should be "
                            f"one of '['bool']', but got type '{type(keep_default_action).__name__}'.")
        self._collect_specified_data = self._process_specified_data(collect_specified_data,
                                                                    keep_default_action)
        if self._collect_specified_data.get("collect_landscape"):
            _warn("SummaryCollector(collect_landscape)")
        self._export_options = export_options
        self._custom_lineage_data = custom_lineage_data
        self._num_process = num_process
        self._record = None
        self._first_step = True
        self._dataset_sink_mode = True
        self._tensor_collect_range = None
        self._is_parse_loss_success = True
        self._temp_optimizer = None

    def _process_specified_data(self, specified_data, action):
        if specified_data is None:
            return dict(self._DEFAULT_SPECIFIED_DATA) if action else {}
        if not isinstance(specified_data, dict):
            raise TypeError("For 'SummaryCollector', the type of 'collect_specified_data' should be "
                            f"one of '['dict', 'NoneType']', but got type "
                            f"'{type(specified_data).__name__}'.")
        unexpected = set(specified_data) - set(self._DEFAULT_SPECIFIED_DATA)
        if unexpected:
            raise ValueError(f'For "{type(self).__name__}", the keys {unexpected} of '
                             "`collect_specified_data` are unsupported, expect the follow keys: "
                             f"{list(self._DEFAULT_SPECIFIED_DATA.keys())}")
        regular = specified_data.get("histogram_regular")
        if isinstance(regular, str):
            try:
                re.match(regular, "")
            except re.error as exc:
                raise ValueError("For `collect_specified_data`, the value of `histogram_regular` "
                                 f"is not a valid regular expression. Detail: {exc}.") from exc
        for item in set(self._DEFAULT_SPECIFIED_DATA) - {"histogram_regular", "collect_landscape"}:
            if item in specified_data and not isinstance(specified_data[item], bool):
                raise TypeError(f"For 'SummaryCollector', the type of '{item}' should be one of "
                                f"'['bool']', but got type '{type(specified_data[item]).__name__}'.")
        if action:
            result = dict(self._DEFAULT_SPECIFIED_DATA)
            result.update(specified_data)
            return result
        return dict(specified_data)

    def __enter__(self):
        self._record = SummaryRecord(log_dir=self._summary_dir, max_file_size=self._max_file_size,
                                     raise_exception=False, export_options=self._export_options)
        self._first_step, self._dataset_sink_mode = True, True
        return self

    def __exit__(self, *err):
        if self._record is not None:
            self._record.close()

    def _ensure_record(self):
        if self._record is None:  # used without Model's context management
            self.__enter__()

    def begin(self, run_context):
        self._ensure_record()
        cb_params = run_context.original_args()
        mode = getattr(cb_params, "mode", "train")
        if mode not in ("train", "eval"):
            raise ValueError("Only support `train` (model.train) and `eval` (model.eval) mode, but "
                             f"got `{mode}` mode.")
        self._record.set_mode(mode)
        self._dataset_sink_mode = bool(getattr(cb_params, "dataset_sink_mode", False))

    def step_end(self, run_context):
        cb_params = run_context.original_args()
        if getattr(cb_params, "mode", "train") != "train":
            return
        if not self._dataset_sink_mode:
            self._collect_tensor_data(cb_params)

    def epoch_end(self, run_context):
        cb_params = run_context.original_args()
        if self._dataset_sink_mode:
            self._collect_tensor_data(cb_params)
        self._record.flush()

    def end(self, run_context):
        self._record.set_mode("eval")
        self._record.record(step=0)

    def _collect_tensor_data(self, cb_params):
        if getattr(cb_params, "mode", "train") != "train":
            return
        if self._first_step:
            self._tensor_collect_range = self._get_tensor_collect_range(cb_params)
            self._collect_at_step_end(cb_params, None)
            self._first_step = False
            self._record.flush()
            return
        current = cb_params.cur_epoch_num if self._dataset_sink_mode else cb_params.cur_step_num
        if current % self._collect_freq == 0 and current in self._tensor_collect_range:
            self._collect_at_step_end(cb_params, None)
        elif current in self._tensor_collect_range:
            self._collect_at_step_end(cb_params, lambda plugin: plugin == "tensor")
        elif current % self._collect_freq == 0:
            self._collect_at_step_end(cb_params, lambda plugin: plugin != "tensor")

    def _get_tensor_collect_range(self, cb_params):
        total_step = cb_params.epoch_num
        if not self._dataset_sink_mode:
            total_step *= cb_params.batch_num
        if self._collect_tensor_freq is not None:
            return range(0, total_step + 1, self._collect_tensor_freq)
        summary_to_collect = len(range(0, total_step + 1, self._collect_freq))
        limit = 20
        if summary_to_collect > limit:
            tensor_freq = total_step // (limit - 1)
            if tensor_freq > 1:
                return range(0, total_step + 1, tensor_freq)[:limit]
            return range(0, total_step + 1)[:limit + 1]
        return range(0, total_step + 1, self._collect_freq)

    def _collect_at_step_end(self, cb_params, plugin_filter):
        self._collect_input_data(cb_params)
        self._collect_metric(cb_params)
        self._collect_histogram(cb_params)
        self._record.record(cb_params.cur_step_num, plugin_filter=plugin_filter)

    def _collect_input_data(self, cb_params):
        if not self._collect_specified_data.get("collect_input_data"):
            return
        data = getattr(cb_params, "train_dataset_element", None)
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if not isinstance(data, Tensor):
            self._collect_specified_data["collect_input_data"] = False
            return
        try:
            self._record.add_value("image", "input_data/auto", data)
        except (TypeError, ValueError):
            _log.warning("The input data of network are not image, so will not collect by "
                         "SummaryCollector.")
            self._collect_specified_data["collect_input_data"] = False

    def _get_loss(self, cb_params):
        if not self._is_parse_loss_success:
            return None
        output = getattr(cb_params, "net_outputs", None)
        if output is None:
            self._is_parse_loss_success = False
            return None
        if isinstance(output, (int, float, Tensor)):
            loss = output
        elif isinstance(output, (list, tuple)) and output:
            loss = output[0]
        else:
            self._is_parse_loss_success = False
            return None
        arr = loss.asnumpy() if isinstance(loss, Tensor) else np.asarray(loss)
        return Tensor(np.mean(arr))

    def _collect_metric(self, cb_params):
        if not self._collect_specified_data.get("collect_metric"):
            return
        loss = self._get_loss(cb_params)
        if loss is None:
            return
        try:
            self._record.add_value("scalar", "loss/auto", loss)
        except ValueError:
            self._collect_specified_data["collect_metric"] = False

    def _get_optimizer(self, cb_params):
        from ...nn.optim.optimizer import Optimizer

        if self._temp_optimizer == "Failed":
            return None
        if self._temp_optimizer is not None:
            return self._temp_optimizer
        opt = getattr(cb_params, "optimizer", None)
        if opt is None:
            net = getattr(cb_params, "train_network", None)
            if net is not None:
                for _, cell in net.cells_and_names():
                    if isinstance(cell, Optimizer):
                        opt = cell
                        break
        if not isinstance(opt, Optimizer):
            _log.warning("Can not find optimizer in network, or the optimizer does not inherit "
                         "MindSpore's optimizer, so we will not collect data about optimizer in "
                         "SummaryCollector.")
            opt = None
        self._temp_optimizer = opt if opt is not None else "Failed"
        return opt

    def _collect_histogram(self, cb_params):
        if "histogram_regular" not in self._collect_specified_data:
            return
        opt = self._get_optimizer(cb_params)
        if opt is None:
            return
        params = list(opt.parameters)
        regular = self._collect_specified_data.get("histogram_regular")
        if regular is not None:
            params = [p for p in params if re.match(regular, p.name)]
        else:
            params = params[:5]
        for p in params:
            self._record.add_value("histogram", p.name + "/auto", Tensor(p.asnumpy()))


class SummaryLandscape:
    """No-op stand-in for MindSpore's SummaryLandscape."""

    def __init__(self, summary_dir):
        self._summary_dir = summary_dir
        _warn("SummaryLandscape")

    def gen_landscapes_with_multi_process(self, *args, **kwargs):
        _warn("SummaryLandscape")

    def clean_ckpt(self):
        pass
