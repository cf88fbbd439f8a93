"""Neural-network ops: activations, softmax family, bias_add/dense, dropout, padding,
pixel shuffle, resizing (interpolate) and embedding lookup.

Convolutions and pooling live in ``conv_ops.py``, normalisations in ``norm_ops.py``.
Formulas follow MindSpore's kernels (e.g. FastGeLU, HSigmoid, Softplus's threshold) so that
numbers match real MindSpore 2.10.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from ...common.rng import next_key
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array, to_float


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


# primitive views ----------------------------------------------------------------------------
def _uprim(cname, opname, *arg_names, defaults=()):
    """A primitive whose constructor attributes become trailing op arguments."""

    def __init__(self, *args, **kwargs):
        Primitive.__init__(self, cname)
        vals = dict(zip(arg_names, defaults))
        vals.update(zip(arg_names, args))
        vals.update(kwargs)
        for k, v in vals.items():
            setattr(self, k, v)
            self.attrs[k] = v

    def __call__(self, x):
        return call(opname, x, *[getattr(self, k) for k in arg_names])

    cls = type(
        cname,
        (Primitive,),
        {"__init__": __init__, "__call__": __call__, "__doc__": f"``P.{cname}``: view of op '{opname}'."},
    )
    primitive(cls)
    return cls


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


# --- bias_add / dense ------------------------------------------------------------------------


@op("bias_add")
def _bias_add(x, b, data_format="NCHW"):
    if b.ndim != 1:
        R.raise_error(ValueError, "BiasAdd", f"the dimension of 'bias' must be 1, but got {b.ndim}.")
    ch = -1 if data_format == "NHWC" or x.ndim < 2 else 1
    if x.shape[ch] != b.shape[0]:
        R.raise_error(
            ValueError,
            "BiasAdd",
            f"the channel of 'input_x' {list(x.shape)} must equal the size of 'bias' {list(b.shape)}.",
        )
    if ch == 1:
        b = b.reshape((-1,) + (1,) * (x.ndim - 2))
    return x + b.astype(x.dtype)


@op("dense")
def _dense(x, w, b=None):
    if x.shape[-1] != w.shape[-1]:
        R.raise_error(
            ValueError,
            "Dense",
            f"the last dimension of 'input' {list(x.shape)} must equal "
            f"the last dimension of 'weight' {list(w.shape)}.",
        )
    out = jnp.matmul(x, w.T if w.ndim == 2 else w)
    return out if b is None else out + b


@functional
def bias_add(input_x, bias):
    return call("bias_add", input_x, bias)


@functional
def dense(input, weight, bias=None):
    return call("dense", input, weight, bias)


mint("nn.functional.linear")(lambda input, weight, bias=None: call("dense", input, weight, bias))


@primitive
class BiasAdd(Primitive):
    def __init__(self, data_format="NCHW"):
        super().__init__("BiasAdd")
        self.data_format = self.format = data_format

    def __call__(self, x, b):
        return call("bias_add", x, b, self.data_format)


@primitive
class Dense(Primitive):
    def __init__(self):
        super().__init__("Dense")

    def __call__(self, x, w, b=None):
        return call("dense", x, w, b)


# --- dropout ----------------------------------------------------------------------------------


@op("dropout")
def _dropout(x, key, p=0.5, channel_dims=0):
    """Zeroes elements (whole channels when channel_dims > 0) with probability p, scales the rest
    by 1/(1-p); returns (output, keep mask)."""
    if not 0 <= p <= 1:
        R.raise_error(ValueError, "Dropout", f"the 'p' must be in range [0, 1], but got {p}.")
    shape = x.shape if not channel_dims else x.shape[: x.ndim - channel_dims] + (1,) * channel_dims
    if p == 1:
        keep = jnp.zeros(shape, bool)
    else:
        keep = jax.random.bernoulli(key, 1 - p, shape)
    out = jnp.where(keep, x / (1 - p) if p < 1 else x, 0).astype(x.dtype)
    return out, keep


def _drop(name, input, p, training, channel_dims, ranks=None):
    if ranks is not None and input.ndim not in ranks:
        R.raise_error(
            ValueError,
            name,
            f"the input must be {' or '.join(f'{r}-D' for r in ranks)}, but got shape {list(input.shape)}.",
        )
    if not training or p == 0:
        return input
    return call("dropout", input, next_key(), p, channel_dims)[0]


@functional
def dropout(input, p=0.5, training=True, seed=None):
    """``ops.dropout``: the identity when not training or ``p`` is 0."""
    return _drop("dropout", input, p, training, 0)


@functional
def dropout1d(input, p=0.5, training=True):
    """``ops.dropout1d``: zeroes whole channels of an (N, C, L) or (C, L) input."""
    return _drop("dropout1d", input, p, training, 1, (2, 3))


@functional
def dropout2d(input, p=0.5, training=True):
    return _drop("dropout2d", input, p, training, 2, (4,))


@functional
def dropout3d(input, p=0.5, training=True):
    return _drop("dropout3d", input, p, training, 3, (5,))


mint("nn.functional.dropout")(
    lambda input, p=0.5, training=True, inplace=False: _drop("dropout", input, p, training, 0)
)


class _DropoutPrim(Primitive):
    _channel_dims = 0

    def __init__(self, keep_prob=0.5, Seed0=0, Seed1=0):
        super().__init__(type(self).__name__)
        if not 0 < keep_prob <= 1:
            R.raise_error(
                ValueError, self.name, f"the 'keep_prob' must be in range (0, 1], but got {keep_prob}."
            )
        self.keep_prob = keep_prob
        self.seed0, self.seed1 = Seed0, Seed1

    def __call__(self, x):
        nd = self._channel_dims
        if nd and x.ndim != nd + 2:
            R.raise_error(
                ValueError, self.name, f"the input must be {nd + 2}-D, but got shape {list(x.shape)}."
            )
        out, keep = call("dropout", x, next_key(), 1.0 - self.keep_prob, nd)
        if nd:
            return out, call("broadcast_to", keep, tuple(x.shape))
        return out, call("cast", keep, x.dtype)


@primitive
class Dropout(_DropoutPrim):
    """``P.Dropout(keep_prob)(x) -> (output, mask)``; the mask has x's dtype."""


@primitive
class Dropout2D(_DropoutPrim):
    """``P.Dropout2D(keep_prob)(x) -> (output, mask)``; Bool mask of x's shape."""

    _channel_dims = 2

    def __init__(self, keep_prob=0.5):
        super().__init__(keep_prob)


@primitive
class Dropout3D(Dropout2D):
    _channel_dims = 3


# --- padding ----------------------------------------------------------------------------------

_JNP_PAD_MODE = {
    "constant": "constant",
    "reflect": "reflect",
    "replicate": "edge",
    "edge": "edge",
    "circular": "wrap",
    "symmetric": "symmetric",
}


@op("pad")
def _pad(x, pad_width, mode="constant", value=0):
    """``pad_width``: one (before, after) pair per dim, from the first dim; negatives crop."""
    m = _JNP_PAD_MODE.get(mode.lower())
    if m is None:
        R.raise_error(
            ValueError,
            "pad",
            f"the 'mode' must be 'constant', 'reflect', 'replicate' or 'circular', but got '{mode}'.",
        )
    crop = tuple(slice(max(-b, 0), x.shape[i] - max(-a, 0)) for i, (b, a) in enumerate(pad_width))
    x = x[crop]
    pw = [(max(b, 0), max(a, 0)) for b, a in pad_width]
    if m in ("reflect",):
        for i, (b, a) in enumerate(pw):
            if b >= x.shape[i] or a >= x.shape[i]:
                R.raise_error(
                    ValueError,
                    "pad",
                    f"padding size {(b, a)} should be less than the "
                    f"corresponding input dimension {x.shape[i]}.",
                )
    if m == "constant":
        return jnp.pad(x, pw, mode="constant", constant_values=0 if value is None else value)
    return jnp.pad(x, pw, mode=m)


def _torch_pairs(ndim, padding):
    """(l_last, r_last, l_prev, r_prev, ...) -> per-dim pairs from the first dim."""
    padding = tuple(int(p) for p in padding)
    if len(padding) % 2 or len(padding) // 2 > ndim:
        R.raise_error(
            ValueError,
            "pad",
            f"the length of 'padding' must be even and at most "
            f"2 * input rank ({ndim}), but got {len(padding)}.",
        )
    pairs = [(0, 0)] * ndim
    for i in range(len(padding) // 2):
        pairs[ndim - 1 - i] = (padding[2 * i], padding[2 * i + 1])
    return pairs


@functional
def pad(input_x, padding, mode="constant", value=None):
    """``ops.pad``: ``padding`` lists (left, right) pairs starting from the LAST dim."""
    if hasattr(padding, "asnumpy"):
        padding = padding.asnumpy().tolist()
    return call("pad", input_x, _torch_pairs(input_x.ndim, padding), mode, value)


mint("nn.functional.pad")(
    lambda input, pad, mode="constant", value=None: call(
        "pad", input, _torch_pairs(input.ndim, pad), mode, value
    )
)


@primitive
class Pad(Primitive):
    """``P.Pad(paddings)``: constant zero padding, one pair per dim from the first."""

    def __init__(self, paddings):
        super().__init__("Pad")
        self.paddings = tuple(tuple(int(v) for v in p) for p in paddings)

    def __call__(self, x):
        if len(self.paddings) != x.ndim:
            R.raise_error(
                ValueError,
                "Pad",
                f"the length of 'paddings' must equal the rank of x {x.ndim}, but got {len(self.paddings)}.",
            )
        return call("pad", x, list(self.paddings), "constant", 0)


@primitive
class MirrorPad(Primitive):
    """``P.MirrorPad(mode)(x, paddings)``: REFLECT or SYMMETRIC."""

    def __init__(self, mode="REFLECT"):
        super().__init__("MirrorPad")
        self.mode = mode

    def __call__(self, x, paddings):
        p = paddings.asnumpy().tolist() if hasattr(paddings, "asnumpy") else paddings
        return call("pad", x, [tuple(int(v) for v in q) for q in p], self.mode.lower(), 0)


@primitive
class PadV3(Primitive):
    def __init__(self, mode="constant", paddings_contiguous=True):
        super().__init__("PadV3")
        self.mode = mode

    def __call__(self, x, paddings, value=None):
        p = paddings.asnumpy().tolist() if hasattr(paddings, "asnumpy") else paddings
        v = value.asnumpy().item() if hasattr(value, "asnumpy") else value
        return call("pad", x, _torch_pairs(x.ndim, p), self.mode, v)


# --- pixel shuffle ----------------------------------------------------------------------------


@op("pixel_shuffle")
def _pixel_shuffle(x, r):
    if x.ndim < 3 or x.shape[-3] % (r * r):
        R.raise_error(
            ValueError,
            "pixel_shuffle",
            f"the channel dim of input {list(x.shape)} must be divisible by upscale_factor^2 = {r * r}.",
        )
    *lead, c, h, w = x.shape
    oc = c // (r * r)
    y = x.reshape(*lead, oc, r, r, h, w)
    n = len(lead)
    y = jnp.transpose(y, tuple(range(n)) + (n, n + 3, n + 1, n + 4, n + 2))
    return y.reshape(*lead, oc, h * r, w * r)


@op("pixel_unshuffle")
def _pixel_unshuffle(x, r):
    *lead, c, h, w = x.shape
    if h % r or w % r:
        R.raise_error(
            ValueError,
            "pixel_unshuffle",
            f"the height and width of input {list(x.shape)} must be divisible by downscale_factor {r}.",
        )
    n = len(lead)
    y = x.reshape(*lead, c, h // r, r, w // r, r)
    y = jnp.transpose(y, tuple(range(n)) + (n, n + 2, n + 4, n + 1, n + 3))
    return y.reshape(*lead, c * r * r, h // r, w // r)


@functional
def pixel_shuffle(input, upscale_factor):
    return call("pixel_shuffle", input, upscale_factor)


@functional
def pixel_unshuffle(input, downscale_factor):
    return call("pixel_unshuffle", input, downscale_factor)


@op("depth_to_space")
def _depth_to_space(x, b):
    n, c, h, w = x.shape
    y = x.reshape(n, b, b, c // (b * b), h, w).transpose(0, 3, 4, 1, 5, 2)
    return y.reshape(n, c // (b * b), h * b, w * b)


@op("space_to_depth")
def _space_to_depth(x, b):
    n, c, h, w = x.shape
    y = x.reshape(n, c, h // b, b, w // b, b).transpose(0, 3, 5, 1, 2, 4)
    return y.reshape(n, c * b * b, h // b, w // b)


DepthToSpace = _uprim("DepthToSpace", "depth_to_space", "block_size")
SpaceToDepth = _uprim("SpaceToDepth", "space_to_depth", "block_size")


# --- resizing ---------------------------------------------------------------------------------


def _src_coords(n_in, n_out, align_corners, half_pixel, scale=None):
    """Source coordinate of each output index (float64, host side: shapes are static)."""
    d = np.arange(n_out, dtype=np.float64)
    if align_corners:
        return d * ((n_in - 1) / (n_out - 1) if n_out > 1 else 0.0)
    s = scale if scale is not None else n_in / n_out
    return (d + 0.5) * s - 0.5 if half_pixel else d * s


def _linear_matrix(n_in, n_out, align_corners, half_pixel=True, scale=None):
    src = _src_coords(n_in, n_out, align_corners, half_pixel, scale)
    src = np.clip(src, 0, None)
    lo = np.minimum(np.floor(src).astype(np.int64), n_in - 1)
    hi = np.minimum(lo + 1, n_in - 1)
    frac = src - lo
    m = np.zeros((n_out, n_in))
    m[np.arange(n_out), lo] += 1 - frac
    m[np.arange(n_out), hi] += frac
    return m


def _cubic_matrix(n_in, n_out, align_corners, half_pixel=True, scale=None):
    """TensorFlow's bicubic (what MindSpore runs): the cubic weights come from a 1024-entry table;
    half-pixel centres use A=-0.5 and drop out-of-range taps (renormalising), otherwise A=-0.75
    with edge-clamped taps."""
    hp = half_pixel and not align_corners
    src = _src_coords(n_in, n_out, align_corners, hp, scale)
    fl = np.floor(src)
    t = np.rint((src - fl) * 1024) / 1024
    a = -0.5 if hp else -0.75

    def k1(v):  # |v| <= 1
        return ((a + 2) * v - (a + 3)) * v * v + 1

    def k2(v):  # 1 < |v| < 2
        return ((a * v - 5 * a) * v + 8 * a) * v - 4 * a

    ws = [k2(t + 1), k1(t), k1(1 - t), k2(2 - t)]
    m = np.zeros((n_out, n_in))
    rows = np.arange(n_out)
    for j, w in enumerate(ws):
        idx = fl.astype(np.int64) - 1 + j
        if hp:
            ok = (idx >= 0) & (idx < n_in)
            np.add.at(m, (rows[ok], idx[ok]), w[ok])
        else:
            np.add.at(m, (rows, np.clip(idx, 0, n_in - 1)), w)
    if hp:
        m /= m.sum(1, keepdims=True)
    return m


def _area_matrix(n_in, n_out):
    m = np.zeros((n_out, n_in))
    for i in range(n_out):
        s = (i * n_in) // n_out
        e = -((-(i + 1) * n_in) // n_out)
        m[i, s:e] = 1.0 / (e - s)
    return m


def _nearest_index(n_in, n_out, align_corners=False, half_pixel=False, scale=None):
    d = np.arange(n_out, dtype=np.float64)
    if align_corners:
        s = (n_in - 1) / (n_out - 1) if n_out > 1 else 0.0
        idx = np.floor(d * s + 0.5)  # rounds half up, as MindSpore
    else:
        s = scale if scale is not None else n_in / n_out
        idx = np.floor((d + 0.5) * s) if half_pixel else np.floor(d * s)
    return np.clip(idx.astype(np.int64), 0, n_in - 1)


def _apply_matrix(x, axis, m):
    y = jnp.tensordot(x, jnp.asarray(m, x.dtype), axes=([axis], [1]))
    return jnp.moveaxis(y, -1, axis)


@op("resize")
def _resize(x, size, mode="nearest", align_corners=False, half_pixel=True, scales=None):
    """Resizes the trailing ``len(size)`` dims. ``scales``: per-dim in/out coordinate scale."""
    x = x if mode == "nearest" else to_float(x)
    nsp = len(size)
    for i, n_out in enumerate(size):
        axis = x.ndim - nsp + i
        n_in = x.shape[axis]
        sc = None if scales is None or scales[i] is None else scales[i]
        if mode == "nearest":
            x = jnp.take(
                x, jnp.asarray(_nearest_index(n_in, n_out, align_corners, half_pixel, sc)), axis=axis
            )
        elif mode in ("linear", "bilinear", "trilinear"):
            x = _apply_matrix(x, axis, _linear_matrix(n_in, n_out, align_corners, half_pixel, sc))
        elif mode == "bicubic":
            x = _apply_matrix(x, axis, _cubic_matrix(n_in, n_out, align_corners, half_pixel, sc))
        elif mode == "area":
            x = _apply_matrix(x, axis, _area_matrix(n_in, n_out))
        else:
            R.raise_error(ValueError, "interpolate", f"the 'mode' {mode!r} is not supported.")
    return x


_MODE_RANK = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5}


@functional
def interpolate(
    input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None
):
    """``ops.interpolate``: nearest/linear/bilinear/bicubic/trilinear/area over NC[D]HW."""
    nsp = input.ndim - 2
    if mode in _MODE_RANK and input.ndim != _MODE_RANK[mode]:
        R.raise_error(
            ValueError,
            "interpolate",
            f"the '{mode}' mode needs a {_MODE_RANK[mode]}-D input, but got shape {list(input.shape)}.",
        )
    if (size is None) == (scale_factor is None):
        R.raise_error(ValueError, "interpolate", "exactly one of 'size' and 'scale_factor' must be set.")
    if align_corners and mode in ("nearest", "area"):
        R.raise_error(
            ValueError,
            "interpolate",
            f"the 'align_corners' option can only be set with "
            f"linear, bilinear, bicubic or trilinear, but got '{mode}'.",
        )
    in_sp = tuple(input.shape[2:])
    scales = None
    if size is not None:
        size = (int(size),) * nsp if isinstance(size, int) else tuple(int(s) for s in size)
    else:
        sf = (
            (float(scale_factor),) * nsp
            if isinstance(scale_factor, (int, float))
            else tuple(float(s) for s in scale_factor)
        )
        size = tuple(int(math.floor(n * s)) for n, s in zip(in_sp, sf))
        if not recompute_scale_factor:
            scales = tuple(1.0 / s for s in sf)
    if len(size) != nsp:
        R.raise_error(ValueError, "interpolate", f"the 'size' must have {nsp} elements, but got {size}.")
    return call("resize", input, size, mode, bool(align_corners), mode != "nearest", scales)


functional(interpolate, name="upsample")
mint("nn.functional.interpolate")(interpolate)


@primitive
class ResizeNearestNeighbor(Primitive):
    def __init__(self, size, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeNearestNeighbor")
        self.size = (size, size) if isinstance(size, int) else tuple(size)
        self.align_corners, self.half_pixel_centers = align_corners, half_pixel_centers

    def __call__(self, x):
        return call("resize", x, self.size, "nearest", self.align_corners, self.half_pixel_centers)


@primitive
class ResizeBilinearV2(Primitive):
    def __init__(self, align_corners=False, half_pixel_centers=False):
        super().__init__("ResizeBilinearV2")
        if align_corners and half_pixel_centers:
            R.raise_error(
                ValueError,
                "ResizeBilinearV2",
                "the 'half_pixel_centers' must be False when 'align_corners' is True.",
            )
        self.align_corners, self.half_pixel_centers = align_corners, half_pixel_centers

    def __call__(self, x, size):
        size = tuple(int(s) for s in (size.asnumpy() if hasattr(size, "asnumpy") else size))
        return call("resize", x, size, "bilinear", self.align_corners, self.half_pixel_centers)


@primitive
class ResizeBicubic(ResizeBilinearV2):
    def __init__(self, align_corners=False, half_pixel_centers=False):
        ResizeBilinearV2.__init__(self, align_corners, half_pixel_centers)
        self.name = "ResizeBicubic"

    def __call__(self, x, size):
        size = tuple(int(s) for s in (size.asnumpy() if hasattr(size, "asnumpy") else size))
        return call("resize", x, size, "bicubic", self.align_corners, self.half_pixel_centers)


# --- embedding --------------------------------------------------------------------------------


@op("embedding")
def _embedding(ids, table, padding_idx=None, max_norm=None, norm_type=2.0):
    if ids.dtype.kind not in "iu":
        R.raise_error(
            TypeError, "embedding", f"the 'input' must be an integer Tensor, but got {R.ms_dtype(ids)}."
        )
    out = jnp.take(table, ids, axis=0)
    if max_norm is not None:
        n = jnp.linalg.norm(out, ord=norm_type, axis=-1, keepdims=True)
        out = jnp.where(n > max_norm, out * (max_norm / (n + 1e-7)), out)
    return out


@functional
def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False):
    return call("embedding", input, weight, padding_idx, max_norm, norm_type)
