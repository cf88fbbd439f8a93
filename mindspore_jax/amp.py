"""``mindspore.amp``: mixed precision and loss scaling, as MindSpore 2.10 does them.

- ``Cell.to_float(t)`` (used by O2/O3): the cell's float inputs and every Parameter it reads are
  cast to ``t`` at use; float32 master weights stay (``common/_amp.py`` has the op-level rules,
  which differ between compiled and PyNative execution exactly as in MindSpore).
- O1 (MindSpore's rewrite pass): white-listed cells (``nn.Dense``, ``nn.Conv2d``...) run every op
  with float16 inputs (weights too) and float32 outputs; a white-listed Primitive held by a cell
  (``self.mm = ops.MatMul()``) gets the same casts around its calls. Functional calls
  (``ops.matmul``) are left alone, as the rewrite pass leaves them.
- O2: the network in float16 except the black list (BatchNorm, LayerNorm), which runs in float32
  with its output cast back to float16; network outputs cast to float32. O3: all in float16.
- ``build_train_network`` follows MindSpore's level table (``keep_batchnorm_fp32``,
  ``cast_model_type``, ``loss_scale_manager``) and its float32-casting loss wrapper.
Loss scalers keep their state in Parameters so they work inside compiled steps.
"""

from __future__ import annotations

import inspect

import jax.numpy as jnp
import numpy as np

from .common import _amp
from .common import dtype as mstype
from .common.parameter import Parameter
from .common.tensor import Tensor
from . import nn
from .nn import cell as _cell_mod
from .nn.wrap.loss_scale import grads_overflow
from .ops import operations as P
from .ops.primitive import Primitive

__all__ = ["DynamicLossScaleManager", "LossScaleManager", "FixedLossScaleManager", "build_train_network",
           "DynamicLossScaler", "StaticLossScaler", "LossScaler", "auto_mixed_precision", "all_finite",
           "custom_mixed_precision", "get_white_list", "get_black_list"]


def _classes(module, names):
    return [getattr(module, n) for n in names if hasattr(module, n)]


AMP_WHITE_LIST = (
    _classes(nn, ["Conv1d", "Conv2d", "Conv3d", "Conv1dTranspose", "Conv2dTranspose", "Conv3dTranspose",
                  "Dense", "LSTMCell", "RNNCell", "GRUCell"])
    + _classes(P, ["Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose", "Conv2DBackpropInput", "MatMul",
                   "BatchMatMul", "PReLU", "ReLU", "Ger"]))

AMP_BLACK_LIST = _classes(nn, ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LayerNorm"])


def get_white_list():
    """A copy of the O1 white list (Cell and Primitive classes)."""
    return AMP_WHITE_LIST.copy()


def get_black_list():
    """A copy of the O2 black list (Cell classes kept in float32)."""
    return AMP_BLACK_LIST.copy()


def _structure_changed(network):
    for _, c in network.cells_and_names():
        c.__dict__["_graph_fn"] = None
    _cell_mod._STRUCT_VERSION[0] += 1


def _mixed_precision_cast(dtype, x):
    """``F.mixed_precision_cast``: float Tensors (also inside tuples/lists) to ``dtype``."""
    if dtype == mstype.float32:
        return _amp.to_f32(x)
    npd = dtype.np_dtype
    if isinstance(x, Tensor):
        a = x._data
        return Tensor._wrap(a.astype(npd)) if _amp._is_float(a.dtype) and a.dtype != npd else x
    if type(x) is tuple or type(x) is list:
        return type(x)(_mixed_precision_cast(dtype, i) for i in x)
    return x


class _OutputTo16(nn.Cell):
    """Wraps a float32 cell in a float16 network: casts its output to float16."""

    def __init__(self, backbone, dtype=mstype.float16):
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self.dtype = dtype

    def construct(self, *args, **kwargs):
        return _mixed_precision_cast(self.dtype, self._backbone(*args, **kwargs))


class _OutputTo32(nn.Cell):
    """Casts float outputs of the wrapped network to float32 (what MindSpore adds for O2/O3)."""

    def __init__(self, backbone):
        super().__init__(auto_prefix=False)
        self._backbone = backbone

    def construct(self, *args, **kwargs):
        return _amp.to_f32(self._backbone(*args, **kwargs))


def _check_dtype(dtype):
    if dtype not in (mstype.float16, mstype.bfloat16):
        raise ValueError(f"The dtype should be one of (mstype.float16, mstype.bfloat16), but got {dtype}.")


# --- O1: casts around white-listed cells and Primitives (MindSpore's rewrite pass) --------------

class _AmpPrimitive:
    """A white-listed Primitive held by a cell under O1: float inputs (Parameters too) cast to the
    low dtype, float outputs to float32. Other attributes are the wrapped Primitive's."""

    def __init__(self, prim, dtype):
        self.__dict__["_prim"] = prim
        self.__dict__["_scope"] = _amp.scope_for(("O1", dtype))

    def __call__(self, *args, **kwargs):
        with _amp.active(self._scope):
            return self._prim(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.__dict__["_prim"], name)

    def __setattr__(self, name, value):
        setattr(self._prim, name, value)

    def __repr__(self):
        return repr(self._prim)


def _precision_set_by_user(cell):
    return cell._mp_type is not None


def _o1_force(cell, dtype):
    mark = ("O1", dtype)
    for _, c in cell.cells_and_names():
        if c._mp_type is None:
            c.__dict__["_mp_type"] = mark


def _o1_rewrite(cell, dtype, white_list, seen):
    if id(cell) in seen:
        return
    seen.add(id(cell))
    cell_types = tuple(t for t in white_list if inspect.isclass(t) and issubclass(t, nn.Cell))
    prim_types = tuple(t for t in white_list if inspect.isclass(t) and issubclass(t, Primitive))
    for name, value in list(cell.__dict__.items()):
        if type(value) in prim_types:
            cell.__dict__[name] = _AmpPrimitive(value, dtype)
    for child in cell.cells():
        if _precision_set_by_user(child):
            continue
        if type(child) in cell_types:
            _o1_force(child, dtype)
        else:
            _o1_rewrite(child, dtype, white_list, seen)


def _auto_mixed_precision_rewrite(network, dtype, *, white_list):
    if _precision_set_by_user(network):
        return network
    if type(network) in white_list:
        _o1_force(network, dtype)
    else:
        _o1_rewrite(network, dtype, white_list, set())
    _structure_changed(network)
    return network


# --- O2 / O3 --------------------------------------------------------------------------------------

def _auto_black_list(network, black_list, dtype):
    """``network.to_float(dtype)``; black-listed sub-cells run in float32 inside ``_OutputTo16``."""
    network.to_float(dtype)
    _keep_fp32(network, tuple(black_list), dtype)
    return network


def _keep_fp32(network, black, dtype):
    changed = False
    for name, sub in list(network._cells.items()):
        if sub is None or sub is network:
            continue
        if isinstance(sub, black):
            network._cells[name] = _OutputTo16(sub.to_float(mstype.float32), dtype)
            changed = True
        else:
            _keep_fp32(sub, black, dtype)
    if changed:
        _structure_changed(network)


def _list_check(custom_list, list_name):
    if not isinstance(custom_list, list):
        raise TypeError(f"The type of {list_name} should be list, but got {type(custom_list)}")
    for elem in custom_list:
        if not isinstance(elem, type):
            raise TypeError(f"The element in {list_name} should be a class, but got {elem}")
        if list_name == "white_list" and not issubclass(elem, (nn.Cell, Primitive)):
            raise TypeError(f"The subclass of element in {list_name} should be one of 'Cell' and "
                            f"'Primitive', but got {elem}")
        if list_name == "black_list" and not issubclass(elem, nn.Cell):
            raise TypeError(f"The subclass of element in {list_name} should be one of 'Cell', but got {elem}")


def custom_mixed_precision(network, *, white_list=None, black_list=None, dtype=mstype.float16):
    """White list: those cells/Primitives run as under O1. Black list: the network in ``dtype``
    except those cells (float32, output cast back), outputs cast to float32 (as O2)."""
    if not isinstance(network, nn.Cell):
        raise TypeError("The network type should be Cell.")
    if white_list is None and black_list is None:
        raise ValueError("For custom_mixed_precision, one of white_list and black_list must be provided.")
    if white_list is not None and black_list is not None:
        raise ValueError("For custom_mixed_precision, the white_list or black_list cannot be provided "
                         "at the same time, please provide one or the other.")
    _check_dtype(dtype)
    if white_list is not None:
        _list_check(white_list, "white_list")
        return _auto_mixed_precision_rewrite(network, dtype, white_list=white_list)
    _list_check(black_list, "black_list")
    return _OutputTo32(_auto_black_list(network, black_list, dtype))


def auto_mixed_precision(network, amp_level="O0", dtype=mstype.float16):
    """O0: unchanged; O1: white-listed cells and Primitives in ``dtype`` (outputs float32); O2: all
    but the black list (BatchNorm/LayerNorm) in ``dtype``; O3: all in ``dtype``. O2/O3 cast the
    network's outputs to float32. "auto" is treated as O1 (see the module notes)."""
    if not isinstance(network, nn.Cell):
        if amp_level == "auto":
            if not inspect.isfunction(network) and not inspect.ismethod(network):
                raise TypeError("For amp_level 'auto', the network type should be Cell or function.")
            return network
        raise TypeError(f"For amp_level '{amp_level}', the network type should be Cell.")
    _check_dtype(dtype)
    if amp_level == "O0":
        return network
    if amp_level in ("O1", "auto"):
        network = _auto_mixed_precision_rewrite(network, dtype, white_list=AMP_WHITE_LIST)
    elif amp_level == "O2":
        network = _OutputTo32(_auto_black_list(network, AMP_BLACK_LIST, dtype))
    elif amp_level == "O3":
        network.to_float(dtype)
        network = _OutputTo32(network)
    else:
        raise ValueError(f"The amp level {amp_level} is not supported")
    network.__dict__["_amp_level"] = amp_level
    return network


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
    "O0": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float32, "loss_scale_manager": None},
    "O1": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float32, "loss_scale_manager": None},
    "O2": {"keep_batchnorm_fp32": True, "cast_model_type": mstype.float16, "loss_scale_manager": "dynamic"},
    "O3": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float16, "loss_scale_manager": None},
    "auto": {"keep_batchnorm_fp32": False, "cast_model_type": mstype.float32, "loss_scale_manager": None},
}


def _check_kwargs(kwargs):
    for k in kwargs:
        if k not in ("cast_model_type", "keep_batchnorm_fp32", "loss_scale_manager"):
            raise ValueError(f"Unsupported arg '{k}'")
    if "cast_model_type" in kwargs and kwargs["cast_model_type"] not in (mstype.float16, mstype.float32):
        raise TypeError(f"The type of 'cast_model_type' must be in ['Float16', 'Float32'], but got "
                        f"{kwargs['cast_model_type']}.")
    if "keep_batchnorm_fp32" in kwargs and not isinstance(kwargs["keep_batchnorm_fp32"], bool):
        raise TypeError(f"For 'keep_batchnorm_fp32', the type of argument must be bool, but got "
                        f"{type(kwargs['keep_batchnorm_fp32']).__name__}.")
    lsm = kwargs.get("loss_scale_manager")
    if lsm and not isinstance(lsm, LossScaleManager):
        raise TypeError(f"The argument 'loss_scale_manager' must be LossScaleManager, but got "
                        f"{type(lsm).__name__}.")


def _check_level(level, boost_level):
    if not isinstance(level, str):
        raise TypeError(f"The argument `level` must be a string in ['O0', 'O1', 'O2', 'O3', 'auto'],"
                        f"but got type {type(level)}.")
    if level not in _CONFIG:
        raise ValueError(f"The argument 'level' must be in ['O0', 'O1', 'O2', 'O3', 'auto'], "
                         f"but got '{level}'.")
    if boost_level not in ("O0", "O1", "O2"):
        raise ValueError(f"The argument 'boost_level' must be in ['O0', 'O1', 'O2'], "
                         f"but got '{boost_level}'.")


def _auto_mixed_precision_process(network, config, level):
    if config["cast_model_type"] == mstype.float16:
        network.to_float(mstype.float16)
        if config["keep_batchnorm_fp32"]:
            _keep_fp32(network, tuple(AMP_BLACK_LIST), mstype.float16)
    elif not config["keep_batchnorm_fp32"] and level == "O2":
        network.to_float(mstype.float16)
    elif config["cast_model_type"] == mstype.float32 and level in ("O2", "O3"):
        pass
    else:
        network = auto_mixed_precision(network, level)
    return network


class _AmpWithLossCell(nn.Cell):
    """build_train_network's loss wrapper for float16 networks: output and label cast to float32."""

    def __init__(self, backbone, loss_fn):
        super().__init__(auto_prefix=False)
        self._backbone = backbone
        self._loss_fn = loss_fn

    def construct(self, data, label):
        out = self._backbone(data)
        label = _amp.to_f32(label)
        return self._loss_fn(_amp.to_f32(out), label)


def _add_loss_network(network, loss_fn, cast_model_type):
    if not isinstance(loss_fn, nn.Cell):
        raise TypeError(f"The argument 'loss_fn' must be Cell, but got {type(loss_fn).__name__}.")
    if cast_model_type in (mstype.float16, mstype.bfloat16) or \
            getattr(network, "_amp_level", None) in ("O2", "O3", "auto"):
        return _AmpWithLossCell(network, loss_fn)
    return nn.WithLossCell(network, loss_fn)


def build_train_network(network, optimizer, loss_fn=None, level="O0", boost_level="O0", **kwargs):
    """Mixed precision per ``level`` (overridable by ``cast_model_type`` / ``keep_batchnorm_fp32``),
    the loss wrapper, and a train-one-step cell (with loss scaling when ``loss_scale_manager`` has
    an update cell). Unlike MindSpore on CPU, loss-scale update cells work on every backend here."""
    if not isinstance(optimizer, nn.Optimizer):
        raise TypeError(f"For 'build_train_network', the 'optimizer' must be Optimizer, but got "
                        f"{type(optimizer).__name__}.")
    _check_level(level, boost_level)
    _check_kwargs(kwargs)
    config = dict(_CONFIG[level], **kwargs)
    if config["loss_scale_manager"] == "dynamic":
        config["loss_scale_manager"] = DynamicLossScaleManager()
    network = _auto_mixed_precision_process(network, config, level)
    if loss_fn:
        network = _add_loss_network(network, loss_fn, config["cast_model_type"])
    loss_scale = None
    manager = config["loss_scale_manager"]
    if manager is not None:
        loss_scale = manager.get_loss_scale()
        update_cell = manager.get_update_cell()
        if update_cell is not None:
            return nn.TrainOneStepWithLossScaleCell(network, optimizer, scale_sense=update_cell).set_train()
    return nn.TrainOneStepCell(network, optimizer, loss_scale).set_train()


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
