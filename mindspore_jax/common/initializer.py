"""``mindspore.common.initializer``: the weight initialisers with MindSpore's fan rules.

Values are drawn on the host with numpy from a RandomState that ``ms.set_seed`` reseeds, so
initialisation is reproducible for a seed (the numbers differ from real MindSpore's generator).
"""

from __future__ import annotations

import math
import numbers

import jax.numpy as jnp
import numpy as np

from . import dtype as mstype
from .seed import np_rng_state


def _calculate_fan_in_and_fan_out(shape):
    dims = len(shape)
    if dims < 2:
        raise ValueError(
            "'fan_in' and 'fan_out' can not be computed for tensor with fewer than 2 dimensions, "
            f"but got dimensions {dims}.")
    if dims == 2:
        return shape[1], shape[0]
    rf = 1
    for s in shape[2:]:
        rf *= s
    return shape[1] * rf, shape[0] * rf


def _calculate_gain(nonlinearity, param=None):
    linear = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
              "conv_transpose3d", "sigmoid")
    if nonlinearity in linear:
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"For 'HeUniform', the argument 'nonlinearity' {nonlinearity} is not supported.")


class Initializer:
    """Base class: ``init(shape) -> numpy array`` through ``_initialize(arr)``."""

    def __init__(self, **kwargs):
        self._kwargs = kwargs
        self.shape = None
        self.dtype = None

    def _initialize(self, arr):  # fills arr in place
        raise NotImplementedError

    def __call__(self, arr):
        return self._initialize(arr)

    def _make(self, shape, dtype):
        arr = np.zeros(shape, np.float64 if mstype.is_float(dtype) or True else None)
        self._initialize(arr)
        return arr


def _rs():
    return np_rng_state.rs


class Zero(Initializer):
    def _initialize(self, arr):
        arr[...] = 0


class One(Initializer):
    def _initialize(self, arr):
        arr[...] = 1


class Constant(Initializer):
    def __init__(self, value):
        super().__init__(value=value)
        self.value = value

    def _initialize(self, arr):
        arr[...] = self.value


class Normal(Initializer):
    def __init__(self, sigma=0.01, mean=0.0):
        super().__init__(sigma=sigma, mean=mean)
        self.sigma, self.mean = sigma, mean

    def _initialize(self, arr):
        arr[...] = _rs().normal(self.mean, self.sigma, arr.shape)


class Uniform(Initializer):
    def __init__(self, scale=0.07):
        super().__init__(scale=scale)
        self.scale = scale

    def _initialize(self, arr):
        arr[...] = _rs().uniform(-self.scale, self.scale, arr.shape)


class TruncatedNormal(Initializer):
    def __init__(self, sigma=0.01, mean=0.0, a=-2.0, b=2.0):
        super().__init__(sigma=sigma, mean=mean, a=a, b=b)
        self.sigma, self.mean, self.a, self.b = sigma, mean, a, b

    def _initialize(self, arr):
        out = _rs().normal(self.mean, self.sigma, arr.size)
        lo, hi = self.a, self.b
        bad = (out < lo) | (out > hi)
        while bad.any():
            out[bad] = _rs().normal(self.mean, self.sigma, int(bad.sum()))
            bad = (out < lo) | (out > hi)
        arr[...] = out.reshape(arr.shape)


class XavierUniform(Initializer):
    def __init__(self, gain=1):
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        bound = self.gain * math.sqrt(6.0 / (fan_in + fan_out))
        arr[...] = _rs().uniform(-bound, bound, arr.shape)


class XavierNormal(Initializer):
    def __init__(self, gain=1):
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        std = self.gain * math.sqrt(2.0 / (fan_in + fan_out))
        arr[...] = _rs().normal(0, std, arr.shape)


class HeUniform(Initializer):
    def __init__(self, negative_slope=0, mode="fan_in", nonlinearity="leaky_relu"):
        super().__init__(negative_slope=negative_slope, mode=mode, nonlinearity=nonlinearity)
        self.negative_slope, self.mode, self.nonlinearity = negative_slope, mode, nonlinearity

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        fan = fan_in if self.mode == "fan_in" else fan_out
        gain = _calculate_gain(self.nonlinearity, self.negative_slope)
        bound = math.sqrt(3.0) * gain / math.sqrt(fan)
        arr[...] = _rs().uniform(-bound, bound, arr.shape)


class HeNormal(HeUniform):
    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        fan = fan_in if self.mode == "fan_in" else fan_out
        gain = _calculate_gain(self.nonlinearity, self.negative_slope)
        arr[...] = _rs().normal(0, gain / math.sqrt(fan), arr.shape)


class Orthogonal(Initializer):
    def __init__(self, gain=1.0):
        super().__init__(gain=gain)
        self.gain = gain

    def _initialize(self, arr):
        if arr.ndim < 2:
            raise ValueError("For 'Orthogonal', the dimension of the argument 'arr' should >= 2.")
        rows = arr.shape[0]
        cols = arr.size // rows
        flat = _rs().normal(0, 1, (rows, cols))
        if rows < cols:
            flat = flat.T
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        arr[...] = (self.gain * q).reshape(arr.shape)


class Identity(Initializer):
    def _initialize(self, arr):
        if arr.ndim != 2:
            raise ValueError("For 'Identity', the dimension of the argument 'arr' should be 2.")
        arr[...] = np.eye(arr.shape[0], arr.shape[1])


class Dirac(Initializer):
    def __init__(self, groups=1):
        super().__init__(groups=groups)
        self.groups = groups

    def _initialize(self, arr):
        arr[...] = 0
        out_per = arr.shape[0] // self.groups
        min_dim = min(out_per, arr.shape[1])
        for g in range(self.groups):
            for d in range(min_dim):
                idx = (g * out_per + d, d) + tuple(s // 2 for s in arr.shape[2:])
                arr[idx] = 1


class Sparse(Initializer):
    def __init__(self, sparsity, sigma=0.01):
        super().__init__(sparsity=sparsity, sigma=sigma)
        self.sparsity, self.sigma = sparsity, sigma

    def _initialize(self, arr):
        rows, cols = arr.shape
        arr[...] = _rs().normal(0, self.sigma, arr.shape)
        n_zero = int(math.ceil(self.sparsity * rows))
        for c in range(cols):
            arr[_rs().permutation(rows)[:n_zero], c] = 0


class VarianceScaling(Initializer):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal"):
        super().__init__(scale=scale, mode=mode, distribution=distribution)
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def _initialize(self, arr):
        fan_in, fan_out = _calculate_fan_in_and_fan_out(arr.shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        scale = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            lim = math.sqrt(3.0 * scale)
            arr[...] = _rs().uniform(-lim, lim, arr.shape)
        elif self.distribution == "untruncated_normal":
            arr[...] = _rs().normal(0, math.sqrt(scale), arr.shape)
        else:
            tn = TruncatedNormal(sigma=math.sqrt(scale) / 0.87962566103423978)
            tn._initialize(arr)


_ALIASES = {
    "zeros": Zero, "zero": Zero, "ones": One, "one": One, "normal": Normal, "uniform": Uniform,
    "truncatednormal": TruncatedNormal, "truncated_normal": TruncatedNormal,
    "xavier_uniform": XavierUniform, "xavieruniform": XavierUniform,
    "xavier_normal": XavierNormal, "xaviernormal": XavierNormal,
    "he_uniform": HeUniform, "heuniform": HeUniform, "he_normal": HeNormal, "henormal": HeNormal,
    "orthogonal": Orthogonal, "identity": Identity, "eye": Identity, "dirac": Dirac,
    "variancescaling": VarianceScaling, "variance_scaling": VarianceScaling,
}


def _materialize(init, shape, dtype):
    """Any initialiser spelling -> jax array of ``shape``/``dtype``."""
    from .tensor import Tensor

    np_dt = mstype.to_np(dtype if dtype is not None else mstype.float32)
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    if isinstance(init, Tensor):
        if tuple(init.shape) != shape and shape:
            raise ValueError(
                f"The shape of the initializer tensor {list(init.shape)} does not match the "
                f"required shape {list(shape)}.")
        return init._data.astype(np_dt)
    if isinstance(init, np.ndarray):
        return jnp.asarray(init.astype(np_dt))
    if isinstance(init, numbers.Number) and not isinstance(init, bool):
        return jnp.full(shape, init, np_dt)
    if isinstance(init, str):
        cls = _ALIASES.get(init.lower())
        if cls is None:
            raise ValueError(f"The initializer '{init}' is not supported.")
        init = cls()
    if isinstance(init, type) and issubclass(init, Initializer):
        init = init()
    if not isinstance(init, Initializer):
        raise TypeError(
            "For 'initializer', 'init' must be Tensor, numpy.ndarray, number, str or "
            f"Initializer, but got {type(init).__name__}.")
    arr = np.zeros(shape, np.float64)
    init._initialize(arr)
    return jnp.asarray(arr.astype(np_dt))


def initializer(init, shape=None, dtype=mstype.float32):
    """``initializer(init, shape, dtype)`` -> an initialised Tensor."""
    from .tensor import Tensor

    if isinstance(init, Tensor) and shape is None:
        shape = init.shape
    if shape is None:
        raise ValueError("For 'initializer', 'shape' must be set.")
    if isinstance(shape, int):
        shape = (shape,)
    for s in shape:
        if not isinstance(s, (int, np.integer)) or s < 0:
            raise ValueError(f"For 'initializer', the shape {list(shape)} must be non-negative ints.")
    t = Tensor._wrap(_materialize(init, tuple(shape), dtype))
    t._attr_init = init  # as MindSpore: the result carries its initializer (init_data works)
    return t
