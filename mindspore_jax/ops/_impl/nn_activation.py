"""Activations and the softmax family (ReLU...GeLU, softplus, glu, prelu, rrelu) with their views."""

from __future__ import annotations

import jax
import jax.numpy as jnp

from ...common.rng import next_key
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._nn_common import _uprim
from ._promote import is_array, to_float

# Formulas follow MindSpore's kernels (e.g. FastGeLU, HSigmoid, Softplus's threshold) so that
# numbers match real MindSpore 2.10.


def _reg(name):
    return op(name)


def _check_tensor(name, x):
    if not is_array(x):
        R.raise_error(TypeError, name, f"the input must be a Tensor, but got {type(x).__name__}.")


# --- activations ------------------------------------------------------------------------------

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def _act(name, fn, float_only=True):
    def impl(x, *args):
        _check_tensor(name, x)
        return fn(to_float(x) if float_only else x, *args)

    impl.__name__ = name
    _reg(name)(impl)


# jnp.where, not maximum/clip: MindSpore's ReLU/ReLU6 gradients are 0 at the kinks, while
# jnp.maximum splits a tie's gradient 0.5/0.5
_act("relu", lambda x: jnp.where(x > 0, x, jnp.zeros((), x.dtype)), float_only=False)
_act("relu6", lambda x: jnp.where(x > 0, jnp.where(x < 6, x, jnp.asarray(6, x.dtype)),
                                   jnp.zeros((), x.dtype)), float_only=False)
_act("leaky_relu", lambda x, a=0.2: jnp.where(x >= 0, x, x * a).astype(x.dtype))
_act("elu", lambda x, a=1.0: jnp.where(x > 0, x, a * jnp.expm1(x)).astype(x.dtype))
_act("selu", lambda x: (_SELU_SCALE * jnp.where(x > 0, x, _SELU_ALPHA * jnp.expm1(x))).astype(x.dtype))
_act("celu", lambda x, a=1.0: (jnp.maximum(x, 0) + jnp.minimum(0, a * jnp.expm1(x / a))).astype(x.dtype))


_act("logsigmoid", jax.nn.log_sigmoid)
_act("silu", jax.nn.silu)
_act("mish", lambda x: x * jnp.tanh(jax.nn.softplus(x)))
_act("softsign", lambda x: x / (1 + jnp.abs(x)))
_act("hswish", lambda x: x * jnp.clip(x + 3, 0, 6) / 6)
_act("hsigmoid", lambda x: jnp.clip(x + 3, 0, 6) / 6)
_act("tanhshrink", lambda x: x - jnp.tanh(x))
_act("hardtanh", lambda x, lo=-1.0, hi=1.0: jnp.clip(x, lo, hi).astype(x.dtype))
_act("hshrink", lambda x, lambd=0.5: jnp.where(jnp.abs(x) > lambd, x, 0).astype(x.dtype))
_act(
    "softshrink",
    lambda x, lambd=0.5: jnp.where(x > lambd, x - lambd, jnp.where(x < -lambd, x + lambd, 0)).astype(x.dtype),
)
_act("threshold", lambda x, thr, value: jnp.where(x > thr, x, value).astype(x.dtype), float_only=False)


@op("gelu")
def _gelu(x, approximate="none"):
    _check_tensor("GeLU", x)
    if approximate not in ("none", "tanh"):
        R.raise_error(
            ValueError,
            "gelu",
            f"the argument 'approximate' must be 'none' or 'tanh', but got '{approximate}'.",
        )
    return jax.nn.gelu(to_float(x), approximate=approximate == "tanh")


@op("fast_gelu")
def _fast_gelu(x):
    """MindSpore's FastGeLU: x / (1 + exp(-1.702|x|)) * exp(0.851 (x - |x|))."""
    x = to_float(x)
    ax = jnp.abs(x)
    return x / (1 + jnp.exp(-1.702 * ax)) * jnp.exp(0.851 * (x - ax))


@op("softplus")
def _softplus(x, beta=1, threshold=20):
    x = to_float(x)
    bx = x * beta
    return jnp.where(bx > threshold, x, jnp.log1p(jnp.exp(jnp.minimum(bx, threshold))) / beta).astype(x.dtype)


@op("softmax")
def _softmax(x, axis=-1, dtype=None):
    _check_tensor("Softmax", x)
    if dtype is not None:
        x = x.astype(dtype)
    x = to_float(x)
    return jax.nn.softmax(x, axis=axis)


@op("log_softmax")
def _log_softmax(x, axis=-1):
    _check_tensor("LogSoftmax", x)
    return jax.nn.log_softmax(to_float(x), axis=axis)


@op("glu")
def _glu(x, axis=-1):
    if x.shape[axis] % 2:
        R.raise_error(
            ValueError,
            "GLU",
            f"the size of dimension {axis} of the input must be even, but got shape {list(x.shape)}.",
        )
    a, b = jnp.split(to_float(x), 2, axis=axis)
    return a * jax.nn.sigmoid(b)


@op("prelu")
def _prelu(x, w):
    _check_tensor("PReLU", x)
    if x.ndim >= 2 and w.ndim == 1 and w.shape[0] not in (1,):
        if w.shape[0] != x.shape[1]:
            R.raise_error(
                ValueError,
                "PReLU",
                f"the size of 'weight' {list(w.shape)} must equal the "
                f"channel dimension of 'x' {list(x.shape)}.",
            )
        w = w.reshape((-1,) + (1,) * (x.ndim - 2))
    return jnp.where(x >= 0, x, x * w).astype(x.dtype)


@op("rrelu")
def _rrelu(x, lower=0.125, upper=1.0 / 3, training=True):
    x = to_float(x)
    if training:
        a = jax.random.uniform(next_key(), x.shape, x.dtype, lower, upper)
    else:
        a = (lower + upper) / 2
    return jnp.where(x >= 0, x, x * a).astype(x.dtype)


# functional views ---------------------------------------------------------------------------
def _unary_view(fname, opname, doc=None):
    def f(input):
        return call(opname, input)

    f.__name__ = fname
    f.__doc__ = doc or f"``ops.{fname}(input)``"
    functional(f, name=fname)
    return f


relu6 = _unary_view("relu6", "relu6")
selu = _unary_view("selu", "selu")
logsigmoid = _unary_view("logsigmoid", "logsigmoid")
silu = _unary_view("silu", "silu")
mish = _unary_view("mish", "mish")
softsign = _unary_view("softsign", "softsign")
hardswish = _unary_view("hardswish", "hswish")
hardsigmoid = _unary_view("hardsigmoid", "hsigmoid")
tanhshrink = _unary_view("tanhshrink", "tanhshrink")
fast_gelu = _unary_view("fast_gelu", "fast_gelu")


@functional
def relu(input, inplace=False):
    return call("relu", input)


@functional
def leaky_relu(input, alpha=0.2):
    return call("leaky_relu", input, alpha)


@functional
def elu(input_x, alpha=1.0):
    return call("elu", input_x, alpha)


@functional
def celu(x, alpha=1.0):
    if alpha == 0:
        R.raise_error(ValueError, "celu", "the 'alpha' can not be 0.")
    return call("celu", x, alpha)


@functional
def gelu(input, approximate="none"):
    return call("gelu", input, approximate)


@functional
def softplus(input, beta=1, threshold=20):
    return call("softplus", input, beta, threshold)


@functional
def hardtanh(input, min_val=-1.0, max_val=1.0):
    return call("hardtanh", input, min_val, max_val)


@functional
def hardshrink(input, lambd=0.5):
    return call("hshrink", input, lambd)


@functional
def softshrink(input, lambd=0.5):
    return call("softshrink", input, lambd)


@functional
def threshold(input, thr, value):
    return call("threshold", input, thr, value)


@functional
def softmax(input, axis=-1, *, dtype=None):
    return call("softmax", input, axis, dtype)


@functional
def softmin(x, axis=-1, *, dtype=None):
    return call("softmax", call("neg", x), axis, dtype)


@functional
def log_softmax(logits, axis=-1):
    return call("log_softmax", logits, axis)


@functional
def glu(x, axis=-1):
    return call("glu", x, axis)


@functional
def prelu(input, weight):
    return call("prelu", input, weight)


@functional
def rrelu(input, lower=1.0 / 8, upper=1.0 / 3):
    return call("rrelu", input, lower, upper, True)


for _n, _o in [
    ("relu", "relu"),
    ("relu6", "relu6"),
    ("silu", "silu"),
    ("mish", "mish"),
    ("softsign", "softsign"),
    ("hardswish", "hswish"),
    ("hardsigmoid", "hsigmoid"),
    ("selu", "selu"),
    ("logsigmoid", "logsigmoid"),
    ("tanhshrink", "tanhshrink"),
]:
    tensor_method(_n)((lambda o: lambda self: call(o, self))(_o))
tensor_method("softmax")(lambda self, axis=-1, dtype=None: call("softmax", self, axis, dtype))
tensor_method("log_softmax")(lambda self, axis=-1: call("log_softmax", self, axis))
tensor_method("gelu")(lambda self, approximate="none": call("gelu", self, approximate))
tensor_method("leaky_relu")(lambda self, alpha=0.2: call("leaky_relu", self, alpha))
tensor_method("hardshrink")(lambda self, lambd=0.5: call("hshrink", self, lambd))
tensor_method("softplus")(lambda self, beta=1, threshold=20: call("softplus", self, beta, threshold))

for _n, _f in [
    ("nn.functional.relu", relu),
    ("nn.functional.gelu", gelu),
    ("nn.functional.silu", silu),
    ("nn.functional.softmax", lambda input, dim=-1, *, dtype=None: softmax(input, dim, dtype=dtype)),
    (
        "nn.functional.log_softmax",
        lambda input, dim=None, *, dtype=None: log_softmax(input, -1 if dim is None else dim),
    ),
    ("nn.functional.mish", mish),
    ("nn.functional.elu", elu),
    ("nn.functional.relu6", relu6),
    ("nn.functional.hardswish", hardswish),
    ("nn.functional.softplus", softplus),
    ("nn.functional.leaky_relu", lambda input, negative_slope=0.01: leaky_relu(input, negative_slope)),
    ("relu", relu),
    ("softmax", lambda input, dim, *, dtype=None: softmax(input, dim, dtype=dtype)),
]:
    mint(_n)(_f)


ReLU = _uprim("ReLU", "relu")
ReLU6 = _uprim("ReLU6", "relu6")
HSwish = _uprim("HSwish", "hswish")
HSigmoid = _uprim("HSigmoid", "hsigmoid")
SeLU = _uprim("SeLU", "selu")
Mish = _uprim("Mish", "mish")
Softsign = _uprim("Softsign", "softsign")
Softplus = _uprim("Softplus", "softplus")
FastGeLU = _uprim("FastGeLU", "fast_gelu")
FastGelu = _uprim("FastGelu", "fast_gelu")
Elu = _uprim("Elu", "elu", "alpha", defaults=(1.0,))
CeLU = _uprim("CeLU", "celu", "alpha", defaults=(1.0,))
HShrink = _uprim("HShrink", "hshrink", "lambd", defaults=(0.5,))
SoftShrink = _uprim("SoftShrink", "softshrink", "lambd", defaults=(0.5,))
Softmax = _uprim("Softmax", "softmax", "axis", defaults=(-1,))
LogSoftmax = _uprim("LogSoftmax", "log_softmax", "axis", defaults=(-1,))
GLU = _uprim("GLU", "glu", "axis", defaults=(-1,))


@primitive
class GeLU(Primitive):
    """``P.GeLU()``: the tanh approximation (MindSpore's GeLU kernel)."""

    def __init__(self):
        super().__init__("GeLU")

    def __call__(self, x):
        return call("gelu", x, "tanh")


@primitive
class PReLU(Primitive):
    def __init__(self):
        super().__init__("PReLU")

    def __call__(self, x, weight):
        return call("prelu", x, weight)
