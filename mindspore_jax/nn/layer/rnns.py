"""``nn.RNN``, ``nn.LSTM``, ``nn.GRU`` and their single-step cells ``nn.RNNCell``, ``nn.LSTMCell``,
``nn.GRUCell``, with MindSpore 2.x's parameter names (``weight_ih_l0``, ``bias_hh_l1_reverse``...),
shapes and ``seq_length`` semantics. Each layer direction is one registry op (``rnn_layer``): a
single ``lax.scan``, differentiable, compiled once."""

from __future__ import annotations

import logging
import math

import numpy as np

from ...common import dtype as mstype
from ...common.initializer import Uniform, initializer
from ...common.parameter import Parameter, ParameterTuple
from ...common.tensor import Tensor
from ...ops._registry import call
from ..cell import Cell
from .basic import Dropout

__all__ = ["RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"]

_MODES = ("RNN_RELU", "RNN_TANH", "LSTM", "GRU")
_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}
_FLOATS = (mstype.float32, mstype.float16)


def _check_pos_int(cls, name, v):
    if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
        raise ValueError(f"For '{cls}', the '{name}' must be a positive int, but got {v}.")


def _check_bool(cls, name, v):
    if not isinstance(v, bool):
        raise TypeError(f"For '{cls}', the '{name}' must be bool, but got {type(v).__name__}.")


def _check_tensor(cls, name, x):
    if not isinstance(x, Tensor):
        raise TypeError(f"For '{cls}', the '{name}' must be 'Tensor', but got '{type(x).__name__}'")


def _check_float_dtype(cls, name, x):
    if x.dtype not in _FLOATS:
        raise TypeError(f"For '{cls}', the '{name}' must be float16 or float32, but got {x.dtype}.")


class _RNNBase(Cell):
    """Stacked (optionally bidirectional) recurrent layers over (T, N, I) or batch-first input."""

    def __init__(
        self,
        mode,
        input_size,
        hidden_size,
        num_layers=1,
        has_bias=True,
        batch_first=False,
        dropout=0.0,
        bidirectional=False,
        dtype=mstype.float32,
    ):
        super().__init__()
        cls = self.cls_name
        _check_pos_int(cls, "hidden_size", hidden_size)
        _check_pos_int(cls, "input_size", input_size)
        _check_pos_int(cls, "num_layers", num_layers)
        if not isinstance(dropout, float):
            raise TypeError(f"For '{cls}', the 'dropout' must be float, but got {type(dropout).__name__}.")
        _check_bool(cls, "has_bias", has_bias)
        _check_bool(cls, "batch_first", batch_first)
        _check_bool(cls, "bidirectional", bidirectional)
        if not 0 <= dropout < 1:
            raise ValueError(
                f"For '{cls}', the 'dropout' must be a number in range [0, 1) representing the "
                f"probability of an element being zeroed, but got {dropout}."
            )
        if dropout > 0 and num_layers == 1:
            logging.getLogger("mindspore").warning(
                "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects "
                "num_layers greater than 1, but got dropout=%s and num_layers=%s",
                dropout,
                num_layers,
            )
        if mode not in _MODES:
            raise ValueError(f"For '{cls}', the 'mode' must be in {list(_MODES)}, but got {mode}.")
        self.mode = mode
        self.is_lstm = mode == "LSTM"
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.has_bias, self.batch_first, self.bidirectional = has_bias, batch_first, bidirectional
        self.dropout = dropout
        self.dropout_op = Dropout(p=float(dropout))
        num_dir = 2 if bidirectional else 1
        gate = _GATES[mode] * hidden_size
        stdv = 1 / math.sqrt(hidden_size)
        w_ih, w_hh, b_ih, b_hh = [], [], [], []

        def param(shape, name):
            data = np.random.uniform(-stdv, stdv, shape).astype(np.float32)
            return Parameter(Tensor(data, dtype=dtype), name=name)

        for layer in range(num_layers):
            for d in range(num_dir):
                in_size = input_size if layer == 0 else hidden_size * num_dir
                sfx = f"_l{layer}" + ("_reverse" if d == 1 else "")
                w_ih.append(param((gate, in_size), "weight_ih" + sfx))
                w_hh.append(param((gate, hidden_size), "weight_hh" + sfx))
                if has_bias:
                    b_ih.append(param((gate,), "bias_ih" + sfx))
                    b_hh.append(param((gate,), "bias_hh" + sfx))
        self.w_ih_list = ParameterTuple(w_ih)
        self.w_hh_list = ParameterTuple(w_hh)
        self.b_ih_list = ParameterTuple(b_ih)
        self.b_hh_list = ParameterTuple(b_hh)

    def _check_inputs(self, x, hx, seq_length):
        cls = self.cls_name
        _check_tensor(cls, "x", x)
        if hx is not None:
            if self.is_lstm:
                if not isinstance(hx, (tuple, list)):
                    raise TypeError(f"For '{cls}', the 'hx' must be 'Tuple', but got '{type(hx).__name__}'")
                if len(hx) != 2:
                    raise TypeError(f"For '{cls}', the length of 'hx' must be '2', but got '{len(hx)}'")
                for i, h in enumerate(hx):
                    _check_tensor(cls, f"hx[{i}]", h)
                hs = list(hx)
            else:
                _check_tensor(cls, "h", hx)
                hs = [hx]
            for h in [x] + hs:
                _check_float_dtype(cls, "x" if h is x else "hx", h)
                if h.dtype != x.dtype:
                    raise TypeError(
                        f"For '{cls}', the dtype of 'x' and 'hx' must be the same, but got "
                        f"{x.dtype} and {h.dtype}."
                    )
        if seq_length is not None:
            if seq_length.dtype not in (mstype.int32, mstype.int64):
                raise TypeError(
                    f"For '{cls}', the 'seq_length' must be int32 or int64, but got {seq_length.dtype}."
                )
            batch = x.shape[0] if self.batch_first else x.shape[1]
            if seq_length.shape[0] != batch:
                raise ValueError(
                    f"For '{cls}' batch size of x and seq_length must be equal, but got "
                    f"{batch} of x "
                    f"and {seq_length.shape[0]} of seq_length."
                )

    def construct(self, x, hx=None, seq_length=None):
        from ... import ops

        self._check_inputs(x, hx, seq_length)
        if x.ndim != 3:
            raise ValueError(f"For '{self.cls_name}', the 'x' must be 3-D, but got {x.ndim}-D.")
        num_dir = 2 if self.bidirectional else 1
        batch = x.shape[0] if self.batch_first else x.shape[1]
        if hx is None:
            shape = (self.num_layers * num_dir, batch, self.hidden_size)
            z = ops.zeros(shape, x.dtype)
            hx = (z, z) if self.is_lstm else z
        h0, c0 = (hx[0], hx[1]) if self.is_lstm else (hx, None)
        if self.batch_first:
            x = ops.swapaxes(x, 0, 1)
        layer_in = x
        h_n, c_n = [], []
        for layer in range(self.num_layers):
            outs = []
            for d in range(num_dir):
                i = layer * num_dir + d
                b_ih = self.b_ih_list[i] if self.has_bias else None
                b_hh = self.b_hh_list[i] if self.has_bias else None
                out, h, c = call(
                    "rnn_layer",
                    layer_in,
                    h0[i],
                    None if c0 is None else c0[i],
                    self.w_ih_list[i],
                    self.w_hh_list[i],
                    b_ih,
                    b_hh,
                    self.mode,
                    seq_length,
                    d == 1,
                )
                outs.append(out)
                h_n.append(h)
                c_n.append(c)
            out = outs[0] if num_dir == 1 else ops.concat(outs, 2)
            if self.dropout != 0 and layer < self.num_layers - 1:
                out = self.dropout_op(out)
            layer_in = out
        if self.batch_first:
            out = ops.swapaxes(out, 0, 1)
        h_n = ops.stack(h_n)
        if self.is_lstm:
            return out, (h_n, ops.stack(c_n))
        return out, h_n


class RNN(_RNNBase):
    """Elman RNN: ``nonlinearity='tanh'`` (default) or ``'relu'``."""

    def __init__(self, *args, **kwargs):
        nl = kwargs.pop("nonlinearity", "tanh")
        if nl not in ("tanh", "relu"):
            raise ValueError(f"For 'RNN', the 'nonlinearity' must be in ['tanh', 'relu'], but got {nl}.")
        super().__init__("RNN_TANH" if nl == "tanh" else "RNN_RELU", *args, **kwargs)


class GRU(_RNNBase):
    def __init__(self, *args, **kwargs):
        super().__init__("GRU", *args, **kwargs)


class LSTM(_RNNBase):
    """``construct(x, hx=None, seq_length=None) -> (output, (h_n, c_n))``."""

    def __init__(self, *args, **kwargs):
        super().__init__("LSTM", *args, **kwargs)


class _RNNCellBase(Cell):
    def __init__(self, input_size, hidden_size, has_bias, num_chunks, dtype=mstype.float32):
        super().__init__()
        _check_bool(self.cls_name, "has_bias", has_bias)
        _check_pos_int(self.cls_name, "hidden_size", hidden_size)
        _check_pos_int(self.cls_name, "input_size", input_size)
        self.input_size, self.hidden_size, self.has_bias = input_size, hidden_size, has_bias
        stdv = 1 / math.sqrt(hidden_size)
        self.weight_ih = Parameter(initializer(Uniform(stdv), (num_chunks * hidden_size, input_size), dtype))
        self.weight_hh = Parameter(initializer(Uniform(stdv), (num_chunks * hidden_size, hidden_size), dtype))
        if has_bias:
            self.bias_ih = Parameter(initializer(Uniform(stdv), (num_chunks * hidden_size,), dtype))
            self.bias_hh = Parameter(initializer(Uniform(stdv), (num_chunks * hidden_size,), dtype))
        else:
            self.bias_ih = None
            self.bias_hh = None

    def _step(self, mode, x, h, c=None):
        return call("rnn_cell", x, h, c, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh, mode)

    def _check(self, x, hs):
        _check_tensor(self.cls_name, "x", x)
        _check_float_dtype(self.cls_name, "x", x)
        for i, h in enumerate(hs):
            _check_tensor(self.cls_name, "hx" if len(hs) == 1 else f"hx[{i}]", h)
            _check_float_dtype(self.cls_name, "hx" if len(hs) == 1 else f"hx[{i}]", h)


class RNNCell(_RNNCellBase):
    def __init__(self, input_size, hidden_size, has_bias=True, nonlinearity="tanh", dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, 1, dtype)
        if not isinstance(nonlinearity, str):
            raise TypeError(
                f"For 'RNNCell', the 'nonlinearity' must be str, but got {type(nonlinearity).__name__}."
            )
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(
                f"For 'RNNCell', the 'nonlinearity' must be str and must be in ['tanh', "
                f"'relu'], "
                f"but got '{nonlinearity}'."
            )
        self.nonlinearity = nonlinearity

    def construct(self, x, hx):
        self._check(x, [hx])
        return self._step("RNN_TANH" if self.nonlinearity == "tanh" else "RNN_RELU", x, hx)


class LSTMCell(_RNNCellBase):
    """``construct(x, (h, c)) -> (h', c')``."""

    def __init__(self, input_size, hidden_size, has_bias=True, dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, 4, dtype)

    def construct(self, x, hx):
        if not isinstance(hx, (tuple, list)):
            raise TypeError(f"For 'LSTMCell', the 'hx' must be 'Tuple', but got '{type(hx).__name__}'")
        if len(hx) != 2:
            raise TypeError(f"For 'LSTMCell', the length of 'hx' must be '2', but got '{len(hx)}'")
        self._check(x, list(hx))
        return self._step("LSTM", x, hx[0], hx[1])


class GRUCell(_RNNCellBase):
    def __init__(self, input_size, hidden_size, has_bias=True, dtype=mstype.float32):
        super().__init__(input_size, hidden_size, has_bias, 3, dtype)

    def construct(self, x, hx):
        self._check(x, [hx])
        return self._step("GRU", x, hx)
