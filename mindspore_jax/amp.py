"""``mindspore.amp``: mixed precision and loss scaling.

``auto_mixed_precision`` marks cells to run in float16/bfloat16 through ``Cell.to_float`` (the
cell's float inputs are cast; layers that honour ``_mp_type`` compute in that dtype) and casts
the network's outputs back to float32 for O2/O3. ``build_train_network`` wraps a network the
way MindSpore's level table says (O2: dynamic loss scale). Loss scalers keep their state in
Parameters so they work inside compiled steps.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from .common import dtype as mstype
from .common.parameter import Parameter
from .common.tensor import Tensor
from . import nn
from .nn.wrap.loss_scale import grads_overflow

__all__ = ["DynamicLossScaleManager", "LossScaleManager", "FixedLossScaleManager", "build_train_network",
           "DynamicLossScaler", "StaticLossScaler", "LossScaler", "auto_mixed_precision", "all_finite",
           "custom_mixed_precision", "get_white_list", "get_black_list"]

_WHITE = ["Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose", "Conv3dTranspose", "Dense",
          "LSTMCell", "RNNCell", "GRUCell", "LSTM", "RNN", "GRU", "MatMul", "BiDense"]
_BLACK = ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm", "GroupNorm", "InstanceNorm2d"]


def get_white_list():
    return list(_WHITE)


def get_black_list():
    return list(_BLACK)


class _OutputTo32(nn.Cell):
    """Casts float outputs of the wrapped network to float32 (what MindSpore adds for O2/O3)."""

    def __init__(self, backbone):
        super().__init__(auto_prefix=False)
        self._backbone = backbone

    def construct(self, *args, **kwargs):
        out = self._backbone(*args, **kwargs)

        def cast(x):
            if isinstance(x, Tensor) and jnp.issubdtype(x._data.dtype, jnp.floating):
                return Tensor._wrap(x._data.astype(jnp.float32))
            return x

        if isinstance(out, tuple):
            return tuple(cast(o) for o in out)
        return cast(out)


def _check_dtype(dtype):
    if dtype not in (mstype.float16, mstype.bfloat16):
        raise ValueError("For 'auto_mixed_precision', the argument 'dtype' should be float16 or bfloat16, "
                         "but "
                         f"got {dtype}.")


def custom_mixed_precision(network, *, white_list=None, black_list=None, dtype=mstype.float16):
    """Runs cells whose class is in ``white_list`` in ``dtype`` (or all but ``black_list``)."""
    if (white_list is None) == (black_list is None):
        raise ValueError("For custom_mixed_precision, one of white_list and black_list must be provided.")
    _check_dtype(dtype)
    for _, cell in network.cells_and_names():
        name = type(cell).__name__
        if white_list is not None and (type(cell) in white_list or name in white_list):
            cell.to_float(dtype)
    if black_list is not None:
        network.to_float(dtype)
        for _, cell in network.cells_and_names():
            if type(cell) in black_list or type(cell).__name__ in black_list:
                cell.to_float(mstype.float32)
        return _OutputTo32(network)
    return network


def auto_mixed_precision(network, amp_level="O0", dtype=mstype.float16):
    """O0: unchanged; O1: white-list cells in ``dtype``; O2: all but normalization cells; O3: all."""
    if not isinstance(network, nn.Cell):
        raise TypeError("For 'auto_mixed_precision', the 'network' must be a Cell.")
    if amp_level == "O0":
        return network
    _check_dtype(dtype)
    if amp_level in ("O1", "auto"):
        return custom_mixed_precision(network, white_list=_WHITE, dtype=dtype)
    if amp_level == "O2":
        return custom_mixed_precision(network, black_list=_BLACK, dtype=dtype)
    if amp_level == "O3":
        network.to_float(dtype)
        return _OutputTo32(network)
    raise ValueError(f"The amp level {amp_level} is not supported")


class LossScaleManager:
    def get_loss_scale(self):
        raise NotImplementedError

    def update_loss_scale(self, overflow):
        raise NotImplementedError

    def get_update_cell(self):
        raise NotImplementedError


class FixedLossScaleManager(LossScaleManager):
    def __init__(self, loss_scale=128.0, drop_overflow_update=True):
        if loss_scale < 1:
            raise ValueError(f"The argument 'loss_scale' must be >= 1, but got {loss_scale}")
        self._loss_scale = loss_scale
        self._drop_overflow_update = drop_overflow_update

    def get_loss_scale(self):
        return self._loss_scale

    def get_drop_overflow_update(self):
        return self._drop_overflow_update

    def update_loss_scale(self, overflow):
        pass

    def get_update_cell(self):
        if not self._drop_overflow_update:
            return None
        return nn.FixedLossScaleUpdateCell(self._loss_scale)


class DynamicLossScaleManager(LossScaleManager):
    def __init__(self, init_loss_scale=2 ** 24, scale_factor=2, scale_window=2000):
        if init_loss_scale < 1.0:
            raise ValueError(f"The argument 'init_loss_scale' must be > 1, but got {init_loss_scale}")
        if not isinstance(scale_window, int) or scale_window <= 0:
            raise ValueError("For 'DynamicLossScaleManager', the 'scale_window' must be positive int, but "
                             "got "
                             f"{scale_window}.")
        if scale_factor <= 0:
            raise ValueError(f"The argument 'scale_factor' must be > 0, but got {scale_factor}")
        self.loss_scale = init_loss_scale
        self.scale_window = scale_window
        self.scale_factor = scale_factor
        self.increase_ratio = scale_factor
        self.decrease_ratio = 1 / scale_factor
        self.cur_iter = 1
        self.last_overflow_iter = 0
        self.bad_step_max = 1000
        self.bad_step = 0

    def get_loss_scale(self):
        return self.loss_scale

    def update_loss_scale(self, overflow):
        if overflow:
            self.loss_scale = max(self.loss_scale * self.decrease_ratio, 1)
            self.last_overflow_iter = self.cur_iter
            self.bad_step += 1
        else:
            if (self.cur_iter - self.last_overflow_iter) % self.scale_window == 0:
                self.loss_scale *= self.increase_ratio
            self.bad_step = 0
        if self.bad_step > self.bad_step_max:
            raise RuntimeError(f"Dynamic loss scale Continuous overflow {self.bad_step} times, has exceeded "
                               f"maximum threshold.")
        self.cur_iter += 1

    def get_drop_overflow_update(self):
        return True

    def get_update_cell(self):
        return nn.DynamicLossScaleUpdateCell(self.loss_scale, self.scale_factor, self.scale_window)


_CONFIG = {
    "O0": (mstype.float32, None),
    "O1": (mstype.float32, None),
    "O2": (mstype.float16, "dynamic"),
    "O3": (mstype.float16, None),
    "auto": (mstype.float32, None),
}


def build_train_network(network, optimizer, loss_fn=None, level="O0", boost_level="O0", **kwargs):
    """Mixed precision per ``level``, loss wrapping, and a (loss-scaled) train-one-step cell."""
    if level not in _CONFIG:
        raise ValueError(f"For 'build_train_network', the 'level' must be one of {list(_CONFIG)}, but got "
                         f"{level}.")
    for k in kwargs:
        if k not in ("keep_batchnorm_fp32", "cast_model_type", "loss_scale_manager"):
            raise ValueError(f"Unsupported arg '{k}'")
    if not isinstance(optimizer, nn.Optimizer):
        raise TypeError(f"For 'build_train_network', the 'optimizer' must be Optimizer, but got "
                        f"{type(optimizer).__name__}.")
    cast_type, lsm = _CONFIG[level]
    cast_type = kwargs.get("cast_model_type", cast_type)
    manager = kwargs["loss_scale_manager"] if "loss_scale_manager" in kwargs else (
        DynamicLossScaleManager() if lsm == "dynamic" else None)
    if level in ("O1", "O2", "O3"):
        network = auto_mixed_precision(network, level, cast_type if cast_type != mstype.float32
                                       else mstype.float16)
    if loss_fn:
        network = nn.WithLossCell(network, loss_fn)
    if manager is not None:
        update_cell = manager.get_update_cell()
        if update_cell is not None:
            return nn.TrainOneStepWithLossScaleCell(network, optimizer, scale_sense=update_cell).set_train()
        return nn.TrainOneStepCell(network, optimizer, manager.get_loss_scale()).set_train()
    return nn.TrainOneStepCell(network, optimizer).set_train()


def all_finite(inputs):
    """True when every Tensor in ``inputs`` is finite."""
    return Tensor._wrap(jnp.logical_not(grads_overflow(inputs)))


class LossScaler:
    def scale(self, inputs):
        raise NotImplementedError

    def unscale(self, inputs):
        raise NotImplementedError

    def adjust(self, grads_finite):
        raise NotImplementedError


def _map_scale(inputs, factor):
    def one(x):
        return Tensor._wrap(x._data * factor.astype(x._data.dtype))

    if isinstance(inputs, (tuple, list)):
        return type(inputs)(_map_scale(x, factor) for x in inputs)
    return one(inputs)


class StaticLossScaler(LossScaler):
    def __init__(self, scale_value):
        if not isinstance(scale_value, (int, float)) or isinstance(scale_value, bool):
            raise TypeError(f"The type of 'scale_value' must be float or int, but got {type(scale_value)}.")
        if scale_value < 1.0:
            raise ValueError(f"The argument 'scale_value' must be > 1, but got {scale_value}")
        self.scale_value = Parameter(Tensor(np.float32(scale_value)), name="scale_value")

    def scale(self, inputs):
        return _map_scale(inputs, self.scale_value._data)

    def unscale(self, inputs):
        return _map_scale(inputs, 1.0 / self.scale_value._data)

    def adjust(self, grads_finite):
        return False


class DynamicLossScaler(LossScaler):
    def __init__(self, scale_value, scale_factor, scale_window):
        if not isinstance(scale_value, (int, float)) or isinstance(scale_value, bool):
            raise TypeError(f"The type of 'scale_value' must be float or int, but got {type(scale_value)}.")
        if scale_value < 1.0:
            raise ValueError(f"The argument 'scale_value' must be > 1, but got {scale_value}")
        for n, v in (("scale_window", scale_window), ("scale_factor", scale_factor)):
            if not isinstance(v, int) or v <= 0:
                raise ValueError(f"'{n}' must be positive int, but got {v}.")
        self.scale_value = Parameter(Tensor(np.float32(scale_value)), name="scale_value")
        self.scale_window = scale_window
        self.scale_factor = scale_factor
        self.counter = Parameter(Tensor(np.int32(0)), name="counter")

    def scale(self, inputs):
        return _map_scale(inputs, self.scale_value._data)

    def unscale(self, inputs):
        return _map_scale(inputs, 1.0 / self.scale_value._data)

    def adjust(self, grads_finite):
        fin = grads_finite._data if isinstance(grads_finite, Tensor) else jnp.asarray(grads_finite)
        fin = fin.astype(bool)
        s = self.scale_value._data
        c = self.counter._data
        mul = s * self.scale_factor
        grown = jnp.where(c == self.scale_window - 1, jnp.where(jnp.isfinite(mul), mul, s), s)
        shrunk = jnp.maximum(jnp.ones((), s.dtype), s / self.scale_factor)
        self.scale_value._data = jnp.where(fin, grown, shrunk)
        self.counter._data = (((c + 1) % self.scale_window) * fin.astype(c.dtype)).astype(c.dtype)
        return True
