"""Assorted Cells of ``mindspore.nn``: Roll, Tril, Triu, Unflatten, ChannelShuffle, BiDense,
MaxUnpool1d/2d/3d, Conv2dBnAct, DenseBnAct, EmbeddingLookup."""

from __future__ import annotations

import math

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops._registry import call
from ...ops.primitive import Primitive
from ..cell import Cell
from .activation import LeakyReLU, get_activation
from .basic import Dense
from .conv import Conv2d
from .normalization import BatchNorm1d, BatchNorm2d

__all__ = [
    "Roll",
    "Tril",
    "Triu",
    "Unflatten",
    "ChannelShuffle",
    "BiDense",
    "MaxUnpool1d",
    "MaxUnpool2d",
    "MaxUnpool3d",
    "Conv2dBnAct",
    "DenseBnAct",
    "EmbeddingLookup",
]


class Roll(Cell):
    """``nn.Roll(shift, axis)``: rolls elements along ``axis`` (int or tuple, with matching ``shift``)."""

    def __init__(self, shift, axis):
        super().__init__()
        if isinstance(shift, (list, tuple)) != isinstance(axis, (list, tuple)) or (
            isinstance(shift, (list, tuple)) and len(shift) != len(axis)
        ):
            raise ValueError(
                f"For 'Roll', the shape of 'shift' and the shape of 'axis' must be the same, but got "
                f"{shift} and {axis}."
            )
        self.shift, self.axis = shift, axis

    def construct(self, input_x):
        return ops.roll(input_x, self.shift, self.axis)


class Tril(Cell):
    """``nn.Tril()``: construct(x, k=0) keeps the lower triangle (diagonal offset ``k``)."""

    def construct(self, x, k=0):
        return ops.tril(x, k)


class Triu(Cell):
    """``nn.Triu()``: construct(x, k=0) keeps the upper triangle (diagonal offset ``k``)."""

    def construct(self, x, k=0):
        return ops.triu(x, k)


class Unflatten(Cell):
    """``nn.Unflatten(axis, unflattened_size)``: splits dim ``axis`` into ``unflattened_size``."""

    def __init__(self, axis, unflattened_size):
        super().__init__()
        if not isinstance(axis, int) or isinstance(axis, bool):
            raise TypeError(
                f"For 'Unflatten', the type of 'axis' must be 'int', but got '{type(axis).__name__}'."
            )
        if not isinstance(unflattened_size, (tuple, list)):
            raise TypeError(
                f"For 'Unflatten', the type of 'unflattened_size' must be one of ['tuple', 'list'], but "
                f"got '{type(unflattened_size).__name__}'."
            )
        self.axis, self.unflattened_size = axis, tuple(unflattened_size)

    def construct(self, input_x):
        shape = tuple(input_x.shape)
        axis = self.axis % len(shape)
        new = shape[:axis] + self.unflattened_size + shape[axis + 1 :]
        return ops.reshape(input_x, new)


class ChannelShuffle(Cell):
    """``nn.ChannelShuffle(groups)``: (N, g*k, ...) -> channels interleaved across the ``groups``."""

    def __init__(self, groups):
        super().__init__()
        if not isinstance(groups, int):
            raise TypeError(f"For ChannelShuffle, the param `groups` must be int, but got {type(groups)}.")
        if groups < 1:
            raise ValueError(
                f"For ChannelShuffle, the param `groups` must be larger than 0, but got {groups}."
            )
        self.groups = groups

    def construct(self, x):
        n, c = x.shape[0], x.shape[1]
        out = ops.reshape(x, (n, self.groups, c // self.groups, -1))
        out = ops.transpose(out, (0, 2, 1, 3))
        return ops.reshape(out, x.shape)


class BiDense(Cell):
    """``nn.BiDense(in1_channels, in2_channels, out_channels, weight_init=None, bias_init=None,
    has_bias=True, dtype=float32)``: y = x1^T A x2 + b, weight (out, in1, in2), U(+-1/sqrt(in1)) init."""

    def __init__(
        self,
        in1_channels,
        in2_channels,
        out_channels,
        weight_init=None,
        bias_init=None,
        has_bias=True,
        dtype=mstype.float32,
    ):
        super().__init__()
        for nm, v in (
            ("in1_channels", in1_channels),
            ("in2_channels", in2_channels),
            ("out_channels", out_channels),
        ):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"For 'BiDense', the '{nm}' must be a positive int, but got {v!r}.")
        self.in1_channels, self.in2_channels, self.out_channels = in1_channels, in2_channels, out_channels
        self.has_bias = has_bias
        bound = 1 / math.sqrt(in1_channels)
        if weight_init is None:
            weight_init = Uniform(bound)
        if isinstance(weight_init, Tensor) and tuple(weight_init.shape) != (
            out_channels,
            in1_channels,
            in2_channels,
        ):
            raise ValueError(
                f"For 'BiDense', weight init shape error. The ndim of 'weight_init' must be equal to 3, the "
                f"first dim must be equal to 'out_channels', the second dim must be equal to 'in1_channels', "
                f"and the third dim must be equal to 'in2_channels'. But got 'weight_init': {weight_init}, "
                f"'out_channels': {out_channels}, 'in_channels': {in1_channels}, "
                f"'in2_channels': {in2_channels}"
            )
        self.weight = Parameter(
            initializer(weight_init, (out_channels, in1_channels, in2_channels), dtype), "weight"
        )
        self.bias = None
        if has_bias:
            if bias_init is None:
                bias_init = Uniform(bound)
            self.bias = Parameter(initializer(bias_init, [out_channels], dtype), name="bias")

    def construct(self, input1, input2):
        for nm, x, n, cn in (
            ("input1", input1, self.in1_channels, "in1_channels"),
            ("input2", input2, self.in2_channels, "in2_channels"),
        ):
            if x.shape[-1] != n:
                raise ValueError(
                    f"For 'BiDense', the last dimension of '{nm}' must be equal to '{cn}', but got "
                    f"{x.shape[-1]} and {n}."
                )
        if input1.shape[:-1] != input2.shape[:-1]:
            raise ValueError(
                f"For 'BiDense', the shape of 'input1' and 'input2' must be the same except the last "
                f"dimension, but got {input1.shape} and {input2.shape}."
            )
        out = ops.einsum("...i,oij,...j->...o", input1, self.weight, input2)
        if self.bias is not None:
            out = out + self.bias
        return out

    def extend_repr(self):
        s = f"in1_channels={self.in1_channels}, in2_channels={self.in2_channels}, "
        s += f"output_channels={self.out_channels}"
        if self.has_bias:
            s += f", has_bias={self.has_bias}"
        return s


def _unpool(nsp):
    class _MaxUnpool(Cell):
        def __init__(self, kernel_size, stride=None, padding=0):
            super().__init__()
            self.kernel_size = kernel_size
            self.stride = stride if stride is not None else kernel_size
            self.padding = padding

        def construct(self, x, indices, output_size=None):
            return getattr(ops, f"max_unpool{nsp}d")(
                x, indices, self.kernel_size, self.stride, self.padding, output_size
            )

    _MaxUnpool.__name__ = _MaxUnpool.__qualname__ = f"MaxUnpool{nsp}d"
    _MaxUnpool.__doc__ = (
        f"``nn.MaxUnpool{nsp}d(kernel_size, stride=None, padding=0)``: inverse of max pooling."
    )
    return _MaxUnpool


MaxUnpool1d = _unpool(1)
MaxUnpool2d = _unpool(2)
MaxUnpool3d = _unpool(3)


def _make_act(cls, activation, alpha):
    if activation == "leakyrelu":
        return LeakyReLU(alpha)
    act = get_activation(activation) if isinstance(activation, str) else activation
    if activation is not None and not isinstance(act, (Cell, Primitive)):
        raise TypeError(
            f"For '{cls}', the 'activation' must be str or Cell or Primitive, but got "
            f"{type(activation).__name__}."
        )
    return act


def _check_bool(cls, name, v):
    if not isinstance(v, bool):
        raise TypeError(f"For '{cls}', the type of '{name}' must be 'bool', but got '{type(v).__name__}'.")
    return v


class Conv2dBnAct(Cell):
    """``nn.Conv2dBnAct(in_channels, out_channels, kernel_size, stride=1, pad_mode='same', padding=0,
    dilation=1, group=1, has_bias=False, weight_init='normal', bias_init='zeros', has_bn=False,
    momentum=0.997, eps=1e-5, activation=None, alpha=0.2, after_fake=True)``: sub-cells ``conv``,
    ``batchnorm``, ``activation``."""

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        pad_mode="same",
        padding=0,
        dilation=1,
        group=1,
        has_bias=False,
        weight_init="normal",
        bias_init="zeros",
        has_bn=False,
        momentum=0.997,
        eps=1e-5,
        activation=None,
        alpha=0.2,
        after_fake=True,
    ):
        super().__init__()
        self.conv = Conv2d(
            in_channels,
            out_channels,
            kernel_size=kernel_size,
            stride=stride,
            pad_mode=pad_mode,
            padding=padding,
            dilation=dilation,
            group=group,
            has_bias=has_bias,
            weight_init=weight_init,
            bias_init=bias_init,
        )
        self.has_bn = _check_bool("Conv2dBnAct", "has_bn", has_bn)
        self.has_act = activation is not None
        self.after_fake = _check_bool("Conv2dBnAct", "after_fake", after_fake)
        if has_bn:
            self.batchnorm = BatchNorm2d(out_channels, eps, momentum)
        self.activation = _make_act("Conv2dBnAct", activation, alpha)

    def construct(self, x):
        x = self.conv(x)
        if self.has_bn:
            x = self.batchnorm(x)
        if self.has_act:
            x = self.activation(x)
        return x


class DenseBnAct(Cell):
    """``nn.DenseBnAct(in_channels, out_channels, weight_init='normal', bias_init='zeros', has_bias=True,
    has_bn=False, momentum=0.9, eps=1e-5, activation=None, alpha=0.2, after_fake=True)``: sub-cells
    ``dense``, ``batchnorm``, ``activation``."""

    def __init__(
        self,
        in_channels,
        out_channels,
        weight_init="normal",
        bias_init="zeros",
        has_bias=True,
        has_bn=False,
        momentum=0.9,
        eps=1e-5,
        activation=None,
        alpha=0.2,
        after_fake=True,
    ):
        super().__init__()
        self.dense = Dense(in_channels, out_channels, weight_init, bias_init, has_bias)
        self.has_bn = _check_bool("DenseBnAct", "has_bn", has_bn)
        self.has_act = activation is not None
        self.after_fake = _check_bool("DenseBnAct", "after_fake", after_fake)
        if has_bn:
            self.batchnorm = BatchNorm1d(out_channels, eps, momentum)
        self.activation = _make_act("DenseBnAct", activation, alpha)

    def construct(self, x):
        x = self.dense(x)
        if self.has_bn:
            x = self.batchnorm(x)
        if self.has_act:
            x = self.activation(x)
        return x


class EmbeddingLookup(Cell):
    """``nn.EmbeddingLookup(vocab_size, embedding_size, param_init='normal', target='CPU',
    slice_mode='batch_slice', manual_shapes=None, max_norm=None, sparse=True, dtype=float32)``:
    parameter ``embedding_table``; with target 'CPU' out-of-range ids give zero rows (MindSpore's CPU
    EmbeddingLookup), with 'DEVICE' a plain gather. Slicing modes only matter for model parallelism."""

    def __init__(
        self,
        vocab_size,
        embedding_size,
        param_init="normal",
        target="CPU",
        slice_mode="batch_slice",
        manual_shapes=None,
        max_norm=None,
        sparse=True,
        dtype=mstype.float32,
    ):
        super().__init__()
        for nm, v in (("vocab_size", vocab_size), ("embedding_size", embedding_size)):
            if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
                raise ValueError(f"For 'EmbeddingLookup', the '{nm}' must be a positive int, but got {v!r}.")
        if target not in ("CPU", "DEVICE"):
            raise ValueError(
                f"For 'EmbeddingLookup', the 'target' must be one of values in ('CPU', 'DEVICE'), but got "
                f"{target}."
            )
        if not sparse and target == "CPU":
            raise ValueError(
                f"For 'EmbeddingLookup', 'sparse' must be True when 'target' is \"CPU\", but got 'sparse': "
                f"{sparse} and 'target': {target}"
            )
        self.vocab_size, self.embedding_size = vocab_size, embedding_size
        self.target, self.sparse, self.slice_mode = target, sparse, slice_mode
        self.embedding_table = Parameter(
            initializer(param_init, [vocab_size, embedding_size], dtype), name="embedding_table"
        )
        if max_norm is not None:
            if not isinstance(max_norm, float) or max_norm <= 0:
                raise ValueError(
                    f"For 'EmbeddingLookup', the 'max_norm' must be a positive float, but got {max_norm}."
                )
        self.max_norm = max_norm

    def construct(self, indices):
        if self.target == "CPU":
            out = call("embedding_lookup", self.embedding_table, indices, 0)
        else:
            out = ops.gather(self.embedding_table, indices, 0)
        if self.max_norm is not None:
            out = ops.clip_by_norm(out, self.max_norm, -1)
        return out
