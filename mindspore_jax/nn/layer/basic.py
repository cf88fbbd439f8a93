"""Basic layers: Dense, Flatten, Dropout family, Identity, Embedding, padding, resizing,
pixel (un)shuffle, Unfold, ClipByNorm, Norm, L1Regularizer, OneHot, Range.

Parameter names, defaults and reprs follow MindSpore 2.10 (Dense's weight is (out, in) with
HeUniform(sqrt(5)) init and a uniform bias bounded by 1/sqrt(in)).
"""

from __future__ import annotations

import math

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import HeUniform, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops._registry import call
from ..cell import Cell
from .activation import get_activation

__all__ = [
    "Dense",
    "Linear",
    "Flatten",
    "Dropout",
    "Dropout1d",
    "Dropout2d",
    "Dropout3d",
    "Identity",
    "Embedding",
    "Pad",
    "ZeroPad2d",
    "ConstantPad1d",
    "ConstantPad2d",
    "ConstantPad3d",
    "ReflectionPad1d",
    "ReflectionPad2d",
    "ReflectionPad3d",
    "ReplicationPad1d",
    "ReplicationPad2d",
    "ReplicationPad3d",
    "Upsample",
    "ResizeBilinear",
    "PixelShuffle",
    "PixelUnshuffle",
    "Unfold",
    "Fold",
    "ClipByNorm",
    "Norm",
    "L1Regularizer",
    "OneHot",
    "Range",
]


def _check_int(name, cls, v, positive=True):
    if not isinstance(v, int) or isinstance(v, bool) or (positive and v <= 0):
        raise ValueError(f"For '{cls}', the '{name}' must be a positive int, but got {v!r}.")
    return v


class Dense(Cell):
    """``nn.Dense(in_channels, out_channels, weight_init=None, bias_init=None, has_bias=True,
    activation=None, dtype=mstype.float32)``: y = activation(x W^T + b)."""

    def __init__(
        self,
        in_channels,
        out_channels,
        weight_init=None,
        bias_init=None,
        has_bias=True,
        activation=None,
        dtype=mstype.float32,
    ):
        super().__init__()
        self.in_channels = _check_int("in_channels", "Dense", in_channels)
        self.out_channels = _check_int("out_channels", "Dense", out_channels)
        self.has_bias = bool(has_bias)
        if isinstance(weight_init, Tensor) and tuple(weight_init.shape) != (out_channels, in_channels):
            raise ValueError(
                f"For 'Dense', weight init shape error. The shape of 'weight_init' should be "
                f"{[out_channels, in_channels]}, but got {list(weight_init.shape)}."
            )
        if weight_init is None:
            weight_init = HeUniform(math.sqrt(5))
        self.weight = Parameter(initializer(weight_init, [out_channels, in_channels], dtype), name="weight")
        self.bias = None
        if self.has_bias:
            if isinstance(bias_init, Tensor) and tuple(bias_init.shape) != (out_channels,):
                raise ValueError(
                    f"For 'Dense', bias init shape error. The shape of 'bias_init' should be "
                    f"{[out_channels]}, but got {list(bias_init.shape)}."
                )
            if bias_init is None:
                bias_init = Uniform(1 / math.sqrt(in_channels))
            self.bias = Parameter(initializer(bias_init, [out_channels], dtype), name="bias")
        self.activation = get_activation(activation) if isinstance(activation, str) else activation
        if activation is not None and not isinstance(self.activation, (Cell, ops.Primitive)):
            raise TypeError(
                f"For 'Dense', the 'activation' must be str or Cell or Primitive, but got "
                f"{type(activation).__name__}."
            )
        self.activation_flag = self.activation is not None

    def construct(self, x):
        if x.shape[-1] != self.in_channels:
            raise ValueError(
                f"For 'MatMul' the input dimensions must be equal, but got 'x1_col': {x.shape[-1]} and "
                f"'x2_row': {self.in_channels}."
            )
        x = ops.dense(x, self.weight, self.bias)
        if self.activation_flag:
            x = self.activation(x)
        return x

    def extend_repr(self):
        s = f"input_channels={self.in_channels}, output_channels={self.out_channels}"
        s += f", has_bias={self.has_bias}"
        if self.activation_flag:
            s += f", activation={self.activation}"
        return s


class Linear(Cell):
    """``nn.Linear(in_features, out_features, bias=True, weight_init=None, bias_init=None, dtype=None)``
    (also ``mint.nn.Linear``): y = x W^T + b, weight (out, in) HeUniform(sqrt(5)), bias U(+-1/sqrt(in))."""

    def __init__(self, in_features, out_features, bias=True, weight_init=None, bias_init=None, dtype=None):
        super().__init__()
        self.in_features = _check_int("in_features", "Linear", in_features)
        self.out_features = _check_int("out_features", "Linear", out_features)
        if not isinstance(bias, bool):
            raise TypeError(
                f"For 'Linear', the type of 'has_bias' must be bool, but got {type(bias).__name__}."
            )
        self.has_bias = bias
        dtype = mstype.float32 if dtype is None else dtype
        if isinstance(weight_init, Tensor) and tuple(weight_init.shape) != (out_features, in_features):
            raise ValueError(
                f"For 'Linear', weight init shape error. The ndim of 'weight_init' must be equal to 2, and "
                f"the first dim must be equal to 'out_features', and the second dim must be equal to "
                f"'in_features'. But got 'weight_init': {weight_init}, 'out_features': {out_features}, "
                f"'in_features': {in_features}."
            )
        if weight_init is None:
            weight_init = HeUniform(math.sqrt(5))
        self.weight = Parameter(initializer(weight_init, [out_features, in_features], dtype), name="weight")
        self.bias = None
        if bias:
            if isinstance(bias_init, Tensor) and tuple(bias_init.shape) != (out_features,):
                raise ValueError(
                    f"For 'Linear', bias init shape error. The ndim of 'bias_init' must be equal to 1, and "
                    f"the first dim must be equal to 'out_features'. But got 'bias_init': {bias_init}, "
                    f"'out_features': {out_features}."
                )
            if bias_init is None:
                bias_init = Uniform(1 / math.sqrt(in_features))
            self.bias = Parameter(initializer(bias_init, [out_features], dtype), name="bias")

    def construct(self, x):
        return ops.dense(x, self.weight, self.bias)

    def extend_repr(self):
        s = f"input_features={self.in_features}, output_features={self.out_features}"
        if self.has_bias:
            s += f", has_bias={self.has_bias}"
        return s


class Flatten(Cell):
    """``nn.Flatten(start_dim=1, end_dim=-1)``."""

    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def construct(self, x):
        return ops.flatten(x, start_dim=self.start_dim, end_dim=self.end_dim)


class Identity(Cell):
    def construct(self, x):
        return x


class Dropout(Cell):
    """``nn.Dropout(keep_prob=0.5, p=None)``: ``p`` (drop probability) wins when given;
    the identity when not training."""

    def __init__(self, keep_prob=0.5, p=None, dtype=mstype.float32):
        super().__init__()
        if p is None:
            if not 0 < keep_prob <= 1:
                raise ValueError(
                    f"For 'Dropout', the 'keep_prob' must be in range (0, 1], but got {keep_prob}."
                )
            p = 1.0 - keep_prob
        else:
            if not isinstance(p, (int, float)) or not 0 <= p < 1:
                raise ValueError(f"For 'Dropout', the 'p' must be in range [0, 1), but got {p}.")
            keep_prob = 1.0 - p
        self.keep_prob, self.p = keep_prob, p

    def construct(self, x):
        if not self.training or self.p == 0:
            return x
        return ops.dropout(x, self.p, True)

    def extend_repr(self):
        return f"p={self.p}"


class _DropoutNd(Cell):
    _fn = None

    def __init__(self, p=0.5):
        super().__init__()
        if not isinstance(p, (int, float)) or not 0 <= p <= 1:
            raise ValueError(f"For '{type(self).__name__}', the 'p' must be in range [0, 1], but got {p}.")
        self.p = p
        self.keep_prob = 1.0 - p

    def construct(self, x):
        if not self.training or self.p == 0:
            return x
        return getattr(ops, type(self)._fn)(x, self.p, True)

    def extend_repr(self):
        return f"p={self.p}"


class Dropout1d(_DropoutNd):
    _fn = "dropout1d"


class Dropout2d(_DropoutNd):
    _fn = "dropout2d"


class Dropout3d(_DropoutNd):
    _fn = "dropout3d"


class Embedding(Cell):
    """``nn.Embedding(vocab_size, embedding_size, use_one_hot=False, embedding_table='normal',
    dtype=mstype.float32, padding_idx=None)``; the padding_idx row is zeroed at construction."""

    def __init__(
        self,
        vocab_size,
        embedding_size,
        use_one_hot=False,
        embedding_table="normal",
        dtype=mstype.float32,
        padding_idx=None,
    ):
        super().__init__()
        self.vocab_size = _check_int("vocab_size", "Embedding", vocab_size)
        self.embedding_size = _check_int("embedding_size", "Embedding", embedding_size)
        self.use_one_hot = use_one_hot
        self.dtype = dtype
        self.padding_idx = padding_idx
        table = initializer(embedding_table, [vocab_size, embedding_size], mstype.float32)
        if padding_idx is not None:
            if not isinstance(padding_idx, int) or not -vocab_size <= padding_idx < vocab_size:
                raise ValueError(
                    f"For 'Embedding', the 'padding_idx' must be an int in range "
                    f"[{-vocab_size}, {vocab_size}), but got {padding_idx}."
                )
            self.padding_idx = padding_idx % vocab_size
            table = Tensor._wrap(table._data.at[self.padding_idx].set(0))
        self.embedding_table = Parameter(table, name="embedding_table")

    def construct(self, ids):
        if self.use_one_hot:
            oh = ops.one_hot(ids, self.vocab_size, 1.0, 0.0)
            return ops.matmul(oh, self.embedding_table)
        return ops.embedding(ids, self.embedding_table)

    def extend_repr(self):
        return (
            f"vocab_size={self.vocab_size}, embedding_size={self.embedding_size}, "
            f"use_one_hot={self.use_one_hot}, embedding_table={self.embedding_table}, "
            f"dtype={self.dtype}, padding_idx={self.padding_idx}"
        )


# --- padding ----------------------------------------------------------------------------------


class Pad(Cell):
    """``nn.Pad(paddings, mode='CONSTANT')``: one (before, after) pair per dim from the first;
    modes CONSTANT, REFLECT, SYMMETRIC."""

    def __init__(self, paddings, mode="CONSTANT"):
        super().__init__()
        mode = mode.upper()
        if mode not in ("CONSTANT", "REFLECT", "SYMMETRIC"):
            raise ValueError(
                f"For 'Pad', the 'mode' must be 'CONSTANT', 'REFLECT' or 'SYMMETRIC', but got {mode}."
            )
        if not isinstance(paddings, (tuple, list)) or not all(
            isinstance(p, (tuple, list)) and len(p) == 2 for p in paddings
        ):
            raise TypeError(
                f"For 'Pad', the 'paddings' must be a tuple of (before, after) pairs, but got {paddings}."
            )
        self.paddings, self.mode = tuple(tuple(p) for p in paddings), mode
        self._pad = ops.Pad(self.paddings) if mode == "CONSTANT" else ops.MirrorPad(mode)

    def construct(self, x):
        if self.mode == "CONSTANT":
            return self._pad(x)
        return self._pad(x, self.paddings)


class _PadNd(Cell):
    _nsp = 2
    _mode = "constant"

    def __init__(self, padding, value=0.0):
        super().__init__()
        n = 2 * self._nsp
        if isinstance(padding, int):
            padding = (padding,) * n
        padding = tuple(padding)
        if len(padding) != n:
            raise ValueError(
                f"For '{type(self).__name__}', the 'padding' must be an int or a tuple of "
                f"{n} ints, but got {padding}."
            )
        self.padding, self.value = padding, value

    def construct(self, x):
        if self._mode == "constant":
            return ops.pad(x, self.padding, "constant", self.value)
        return ops.pad(x, self.padding, self._mode)


def _padcls(name, nsp, mode, with_value):
    if with_value:

        def __init__(self, padding, value):
            _PadNd.__init__(self, padding, value)
    else:

        def __init__(self, padding):
            _PadNd.__init__(self, padding, 0.0)

    return type(
        name,
        (_PadNd,),
        {
            "_nsp": nsp,
            "_mode": mode,
            "__init__": __init__,
            "__doc__": f"``nn.{name}``: {mode} padding of the last {nsp} dims, "
            "padding given from the last dim (left, right, ...).",
        },
    )


ZeroPad2d = _padcls("ZeroPad2d", 2, "constant", False)
ConstantPad1d = _padcls("ConstantPad1d", 1, "constant", True)
ConstantPad2d = _padcls("ConstantPad2d", 2, "constant", True)
ConstantPad3d = _padcls("ConstantPad3d", 3, "constant", True)
ReflectionPad1d = _padcls("ReflectionPad1d", 1, "reflect", False)
ReflectionPad2d = _padcls("ReflectionPad2d", 2, "reflect", False)
ReflectionPad3d = _padcls("ReflectionPad3d", 3, "reflect", False)
ReplicationPad1d = _padcls("ReplicationPad1d", 1, "replicate", False)
ReplicationPad2d = _padcls("ReplicationPad2d", 2, "replicate", False)
ReplicationPad3d = _padcls("ReplicationPad3d", 3, "replicate", False)


# --- resizing / pixel shuffle / unfold ------------------------------------------------------------


class Upsample(Cell):
    def __init__(
        self, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None
    ):
        super().__init__()
        self.size, self.scale_factor, self.mode = size, scale_factor, mode
        self.align_corners, self.recompute_scale_factor = align_corners, recompute_scale_factor

    def construct(self, x):
        return ops.interpolate(
            x, self.size, self.scale_factor, self.mode, self.align_corners, self.recompute_scale_factor
        )


class ResizeBilinear(Cell):
    """Deprecated ``nn.ResizeBilinear(half_pixel_centers=False)``; still used by old scripts."""

    def __init__(self, half_pixel_centers=False):
        super().__init__()
        self.half_pixel_centers = half_pixel_centers

    def construct(self, x, size=None, scale_factor=None, align_corners=False):
        if size is None:
            if scale_factor is None:
                raise ValueError("For 'ResizeBilinear', 'size' and 'scale_factor' cannot both be None.")
            size = (int(x.shape[2] * scale_factor), int(x.shape[3] * scale_factor))
        elif isinstance(size, int):
            size = (size, size)
        return ops.ResizeBilinearV2(align_corners, self.half_pixel_centers and not align_corners)(x, size)


class PixelShuffle(Cell):
    def __init__(self, upscale_factor):
        super().__init__()
        self.upscale_factor = upscale_factor

    def construct(self, x):
        return ops.pixel_shuffle(x, self.upscale_factor)


class PixelUnshuffle(Cell):
    def __init__(self, downscale_factor):
        super().__init__()
        self.downscale_factor = downscale_factor

    def construct(self, x):
        return ops.pixel_unshuffle(x, self.downscale_factor)


class Unfold(Cell):
    """``nn.Unfold(ksizes, strides, rates, padding='valid')``: TensorFlow's extract_image_patches
    (each argument [1, row, col, 1]); output (N, kh*kw*C, out_h, out_w)."""

    def __init__(self, ksizes, strides, rates, padding="valid"):
        super().__init__()
        for nm, v in (("ksizes", ksizes), ("strides", strides), ("rates", rates)):
            if len(v) != 4 or v[0] != 1 or v[3] != 1:
                raise ValueError(f"For 'Unfold', the '{nm}' must be [1, row, col, 1], but got {v}.")
        if padding.lower() not in ("valid", "same"):
            raise ValueError(f"For 'Unfold', the 'padding' must be 'valid' or 'same', but got {padding}.")
        self.ksizes, self.strides, self.rates = tuple(ksizes), tuple(strides), tuple(rates)
        self.padding = padding
        self._extract = ops.ExtractImagePatches(self.ksizes, self.strides, self.rates, padding)

    def construct(self, x):
        return self._extract(x)


class Fold(Cell):
    def __init__(self, output_size, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__()
        self.output_size, self.kernel_size = output_size, kernel_size
        self.dilation, self.padding, self.stride = dilation, padding, stride

    def construct(self, x):
        return ops.fold(x, self.output_size, self.kernel_size, self.dilation, self.padding, self.stride)


# --- misc --------------------------------------------------------------------------------------


class ClipByNorm(Cell):
    """``nn.ClipByNorm(axis=None)(x, clip_norm)``: x * clip_norm / max(l2norm(x, axis), clip_norm)."""

    def __init__(self, axis=None):
        super().__init__()
        self.axis = () if axis is None else axis

    def construct(self, x, clip_norm):
        return call("clip_by_norm_axis", x, clip_norm, self.axis)


class Norm(Cell):
    def __init__(self, axis=(), keep_dims=False):
        super().__init__()
        self.axis, self.keep_dims = axis, keep_dims

    def construct(self, x):
        return ops.norm(x, None, self.axis if self.axis != () else None, self.keep_dims)

    def extend_repr(self):
        return f"axis={self.axis}, keep_dims={self.keep_dims}"


class L1Regularizer(Cell):
    def __init__(self, scale):
        super().__init__()
        if not isinstance(scale, (int, float)) or isinstance(scale, bool):
            raise TypeError(
                f"For 'L1Regularizer', the 'scale' must be float or int, but got {type(scale).__name__}."
            )
        if scale <= 0 or math.isinf(scale) or math.isnan(scale):
            raise ValueError(
                f"For 'L1Regularizer', the 'scale' must be a positive finite number, but got {scale}."
            )
        self.scale = Tensor(float(scale), mstype.float32)

    def construct(self, weights):
        return ops.sum(ops.abs(weights)) * self.scale


class OneHot(Cell):
    def __init__(self, axis=-1, depth=1, on_value=1.0, off_value=0.0, dtype=mstype.float32):
        super().__init__()
        self.axis, self.depth = axis, depth
        self.on_value = Tensor(on_value, dtype)
        self.off_value = Tensor(off_value, dtype)

    def construct(self, indices):
        return ops.OneHot(self.axis)(indices, self.depth, self.on_value, self.off_value)


class Range(Cell):
    """Deprecated ``nn.Range(start, limit=None, delta=1)``: a constant 1-D Tensor."""

    def __init__(self, start, limit=None, delta=1):
        super().__init__()
        if limit is None:
            start, limit = 0, start
        self.start, self.limit, self.delta = start, limit, delta
        self._dtype = (
            mstype.float32 if any(isinstance(v, float) for v in (start, limit, delta)) else mstype.int64
        )

    def construct(self):
        return ops.arange(self.start, self.limit, self.delta, dtype=self._dtype)
