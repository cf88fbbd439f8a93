"""Activation layers: thin Cells over the activation ops, plus ``get_activation``."""

from __future__ import annotations

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ..cell import Cell

__all__ = [
    "Softmin",
    "Softmax",
    "Softmax2d",
    "LogSoftmax",
    "ReLU",
    "ReLU6",
    "RReLU",
    "SeLU",
    "SiLU",
    "Tanh",
    "Tanhshrink",
    "Hardtanh",
    "GELU",
    "FastGelu",
    "Sigmoid",
    "Softsign",
    "PReLU",
    "get_activation",
    "LeakyReLU",
    "HSigmoid",
    "HSwish",
    "ELU",
    "LogSigmoid",
    "LRN",
    "SoftShrink",
    "HShrink",
    "CELU",
    "Threshold",
    "Mish",
    "GLU",
]


def _simple(name, fn, doc):
    def construct(self, x):
        return fn(x)

    cls = type(
        name, (Cell,), {"construct": construct, "__doc__": doc, "__init__": lambda self: Cell.__init__(self)}
    )
    return cls


ReLU = _simple("ReLU", ops.relu, "``nn.ReLU()``: max(x, 0).")
ReLU6 = _simple("ReLU6", ops.relu6, "``nn.ReLU6()``: min(max(x, 0), 6).")
SeLU = _simple("SeLU", ops.selu, "``nn.SeLU()``.")
SiLU = _simple("SiLU", ops.silu, "``nn.SiLU()``: x * sigmoid(x).")
Tanh = _simple("Tanh", ops.tanh, "``nn.Tanh()``.")
Tanhshrink = _simple("Tanhshrink", ops.tanhshrink, "``nn.Tanhshrink()``: x - tanh(x).")
FastGelu = _simple("FastGelu", ops.fast_gelu, "``nn.FastGelu()``.")
Sigmoid = _simple("Sigmoid", ops.sigmoid, "``nn.Sigmoid()``.")
Softsign = _simple("Softsign", ops.softsign, "``nn.Softsign()``.")
HSigmoid = _simple("HSigmoid", ops.hardsigmoid, "``nn.HSigmoid()``: relu6(x + 3) / 6.")
HSwish = _simple("HSwish", ops.hardswish, "``nn.HSwish()``: x * relu6(x + 3) / 6.")
LogSigmoid = _simple("LogSigmoid", ops.logsigmoid, "``nn.LogSigmoid()``.")
Mish = _simple("Mish", ops.mish, "``nn.Mish()``: x * tanh(softplus(x)).")


class _AxisAct(Cell):
    _fn = None

    def __init__(self, axis=-1):
        super().__init__()
        self.axis = axis

    def construct(self, x):
        return type(self)._fn(x, self.axis)


class Softmax(_AxisAct):
    """``nn.Softmax(axis=-1)``."""

    _fn = staticmethod(ops.softmax)


class Softmin(_AxisAct):
    _fn = staticmethod(ops.softmin)


class LogSoftmax(_AxisAct):
    _fn = staticmethod(ops.log_softmax)


class GLU(_AxisAct):
    _fn = staticmethod(ops.glu)


class Softmax2d(Cell):
    """Softmax over the channel dim (-3) of a 3-D or 4-D input."""

    def construct(self, x):
        if x.ndim not in (3, 4):
            raise ValueError(f"For 'Softmax2d', the input must be 3-D or 4-D, but got {x.ndim}-D.")
        return ops.softmax(x, -3)


class GELU(Cell):
    """``nn.GELU(approximate=True)``: the tanh approximation by default."""

    def __init__(self, approximate=True):
        super().__init__()
        self.approximate = "tanh" if approximate else "none"

    def construct(self, x):
        return ops.gelu(x, self.approximate)


class LeakyReLU(Cell):
    def __init__(self, alpha=0.2):
        super().__init__()
        if not isinstance(alpha, (int, float)) or isinstance(alpha, bool):
            raise TypeError(f"For 'LeakyReLU', the 'alpha' must be a number, but got {type(alpha).__name__}.")
        self.alpha = alpha

    def construct(self, x):
        return ops.leaky_relu(x, self.alpha)


class ELU(Cell):
    def __init__(self, alpha=1.0):
        super().__init__()
        self.alpha = alpha

    def construct(self, x):
        return ops.elu(x, self.alpha)


class CELU(Cell):
    def __init__(self, alpha=1.0):
        super().__init__()
        if alpha == 0:
            raise ValueError("For 'CELU', the 'alpha' can not be 0.")
        self.alpha = alpha

    def construct(self, x):
        return ops.celu(x, self.alpha)


class Hardtanh(Cell):
    def __init__(self, min_val=-1.0, max_val=1.0):
        super().__init__()
        if min_val > max_val:
            raise ValueError(
                f"For 'Hardtanh', 'min_val' ({min_val}) must not be greater than 'max_val' ({max_val})."
            )
        self.min_val, self.max_val = min_val, max_val

    def construct(self, x):
        return ops.hardtanh(x, self.min_val, self.max_val)


class Threshold(Cell):
    def __init__(self, threshold, value):
        super().__init__()
        self.threshold, self.value = threshold, value

    def construct(self, x):
        return ops.threshold(x, self.threshold, self.value)


class SoftShrink(Cell):
    def __init__(self, lambd=0.5):
        super().__init__()
        self.lambd = lambd

    def construct(self, x):
        return ops.softshrink(x, self.lambd)


class HShrink(SoftShrink):
    def construct(self, x):
        return ops.hardshrink(x, self.lambd)


class RReLU(Cell):
    """Random leaky slope in [lower, upper] when training; (lower + upper) / 2 in eval."""

    def __init__(self, lower=1 / 8, upper=1 / 3):
        super().__init__()
        if lower > upper:
            raise ValueError(f"For 'RReLU', 'lower' ({lower}) must not be greater than 'upper' ({upper}).")
        self.lower, self.upper = lower, upper

    def construct(self, x):
        if self.training:
            return ops.rrelu(x, self.lower, self.upper)
        return ops.leaky_relu(x, (self.lower + self.upper) / 2)


class PReLU(Cell):
    """``nn.PReLU(channel=1, w=0.25)``: learnable slope Parameter ``a`` of shape (channel,)."""

    def __init__(self, channel=1, w=0.25):
        super().__init__()
        if isinstance(w, (int, float)) and not isinstance(w, bool):
            w = initializer(float(w), (channel,), mstype.float32)
        elif isinstance(w, Tensor):
            if w.ndim not in (0, 1) or (w.ndim == 1 and w.shape[0] != channel):
                raise ValueError(f"For 'PReLU', the shape of 'w' must be ({channel},), but got {w.shape}.")
            if w.ndim == 0:
                w = initializer(float(w.asnumpy()), (channel,), w.dtype)
        else:
            raise TypeError(f"For 'PReLU', the 'w' must be a float or a Tensor, but got {type(w).__name__}.")
        self.w = Parameter(w, name="a")
        self.channel = channel

    def construct(self, x):
        return ops.prelu(x, self.w)


class LRN(Cell):
    def __init__(self, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, norm_region="ACROSS_CHANNELS"):
        super().__init__()
        self.lrn = ops.LRN(depth_radius, bias, alpha, beta, norm_region)

    def construct(self, x):
        return self.lrn(x)


_ACTIVATIONS = {
    "softmin": Softmin,
    "softmax": Softmax,
    "softmax2d": Softmax2d,
    "logsoftmax": LogSoftmax,
    "relu": ReLU,
    "relu6": ReLU6,
    "rrelu": RReLU,
    "silu": SiLU,
    "tanh": Tanh,
    "tanhshrink": Tanhshrink,
    "hardtanh": Hardtanh,
    "gelu": GELU,
    "fast_gelu": FastGelu,
    "elu": ELU,
    "sigmoid": Sigmoid,
    "softsign": Softsign,
    "prelu": PReLU,
    "leakyrelu": LeakyReLU,
    "hswish": HSwish,
    "hsigmoid": HSigmoid,
    "logsigmoid": LogSigmoid,
    "softshrink": SoftShrink,
    "hshrink": HShrink,
    "threshold": Threshold,
    "mish": Mish,
    "selu": SeLU,
    "celu": CELU,
    "glu": GLU,
}


def get_activation(name, prim_name=None):
    """``nn.get_activation('relu')`` -> a new ReLU cell; None -> None."""
    if name is None:
        return None
    if not isinstance(name, str):
        raise TypeError(
            f"For '{prim_name or 'get_activation'}', the 'name' must be str, but got {type(name).__name__}."
        )
    cls = _ACTIVATIONS.get(name.lower())
    if cls is None:
        raise KeyError(
            f"For '{prim_name or 'get_activation'}', the 'name' must be in "
            f"{sorted(_ACTIVATIONS)}, but got {name}."
        )
    return cls()
