"""PyTorch-style layers of MindSpore 2.10 (the ``mint.nn`` classes).

MindSpore exposes some of them in ``mindspore.nn`` under an ``...Ext`` name (``nn.DropoutExt`` is
``mint.nn.Dropout``); those are listed in ``__all__`` here. The others are collected by
``mindspore.mint.nn`` from ``_MINT`` (they have the ``nn`` name of a different class).
Semantics follow ``mindspore/mint/nn/layer/*.py``: parameters ``weight``/``bias``,
``running_mean``/``running_var``/``num_batches_tracked``, torch-style ``momentum`` (weight of the
new statistic), ``stride=None`` meaning ``kernel_size`` for pooling, ``dim=None`` softmax rule.
"""

from __future__ import annotations

import math

import numpy as np

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import HeUniform, Normal, Uniform, initializer
from ...common.parameter import Parameter
from ...common.tensor import Tensor
from ...ops._registry import MINT
from ..cell import Cell

__all__ = [
    "DropoutExt",
    "Dropout2dExt",
    "EmbeddingExt",
    "LayerNormExt",
    "AvgPool1dExt",
    "AvgPool2dExt",
    "AvgPool3dExt",
    "MaxPool2dExt",
    "PReLUExt",
    "LogSoftmaxExt",
]


def _mf(name):
    """``mint.nn.functional.<name>`` when registered, else ``ops.<name>``."""
    return MINT.get("nn.functional." + name) or getattr(ops, name)


def _ntuple(v, n):
    if isinstance(v, (tuple, list)):
        if len(v) == 1:
            return tuple(v) * n
        return tuple(v)
    return (v,) * n


def _softmax_dim(ndim):
    return 0 if ndim in (0, 1, 3) else 1


# --- activations -------------------------------------------------------------------------------


class LogSoftmaxExt(Cell):
    """``mint.nn.LogSoftmax(dim=None)``."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def construct(self, input):
        dim = _softmax_dim(input.ndim) if self.dim is None else self.dim
        return ops.log_softmax(input, dim)


class SoftmaxExt(Cell):
    """``mint.nn.Softmax(dim=None)``."""

    def __init__(self, dim=None):
        super().__init__()
        self.dim = dim

    def construct(self, input):
        dim = _softmax_dim(input.ndim) if self.dim is None else self.dim
        return ops.softmax(input, dim)


class PReLUExt(Cell):
    """``mint.nn.PReLU(num_parameters=1, init=0.25, dtype=None)``: parameter ``weight``."""

    def __init__(self, num_parameters=1, init=0.25, dtype=None):
        super().__init__()
        if not isinstance(num_parameters, int) or isinstance(num_parameters, bool) or num_parameters <= 0:
            raise ValueError(
                f"For 'PReLUExt', the 'num_parameters' must be a positive int, but got {num_parameters}."
            )
        self.num_parameters = num_parameters
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = Parameter(initializer(init, [num_parameters], dtype), name="weight")

    def construct(self, input):
        return ops.prelu(input, self.weight)

    def extend_repr(self):
        return f"num_parameters={self.num_parameters}"


def _act(name, fn, params=(), doc=""):
    """A parameter-free activation Cell whose __init__ takes ``params`` ((name, default), ...)."""

    def __init__(self, *args, **kwargs):
        Cell.__init__(self)
        names = [p for p, _ in params]
        if len(args) > len(names):
            raise TypeError(f"{name}.__init__() takes {len(names)} arguments but {len(args)} were given")
        vals = dict(params)
        for k, v in zip(names, args):
            vals[k] = v
        for k, v in kwargs.items():
            if k not in vals:
                raise TypeError(f"{name}.__init__() got an unexpected keyword argument '{k}'")
            vals[k] = v
        for k, v in vals.items():
            if v is _REQUIRED:
                raise TypeError(f"{name}.__init__() missing required argument: '{k}'")
            setattr(self, k, v)

    def construct(self, input):
        return fn(self, input)

    return type(name, (Cell,), {"__init__": __init__, "construct": construct, "__doc__": doc})


_REQUIRED = object()

GELU = _act(
    "GELU",
    lambda s, x: ops.gelu(x, approximate=s.approximate),
    (("approximate", "none"),),
    "``mint.nn.GELU(approximate='none')``.",
)
GLU = _act("GLU", lambda s, x: ops.glu(x, s.dim), (("dim", -1),), "``mint.nn.GLU(dim=-1)``.")
ELU = _act(
    "ELU",
    lambda s, x: ops.elu(x, s.alpha),
    (("alpha", 1.0), ("inplace", False)),
    "``mint.nn.ELU(alpha=1.0, inplace=False)``.",
)
Hardtanh = _act(
    "Hardtanh",
    lambda s, x: ops.hardtanh(x, s.min_val, s.max_val),
    (("min_val", -1.0), ("max_val", 1.0), ("inplace", False)),
    "``mint.nn.Hardtanh(min_val=-1.0, max_val=1.0, inplace=False)``.",
)
ReLU6 = _act("ReLU6", lambda s, x: ops.relu6(x), (("inplace", False),), "``mint.nn.ReLU6(inplace=False)``.")
SiLU = _act("SiLU", lambda s, x: ops.silu(x), (("inplace", False),), "``mint.nn.SiLU(inplace=False)``.")
Threshold = _act(
    "Threshold",
    lambda s, x: ops.threshold(x, s.threshold, s.value),
    (("threshold", _REQUIRED), ("value", _REQUIRED), ("inplace", False)),
    "``mint.nn.Threshold(threshold, value, inplace=False)``.",
)
Hardshrink = _act(
    "Hardshrink",
    lambda s, x: ops.hardshrink(x, s.lambd),
    (("lambd", 0.5),),
    "``mint.nn.Hardshrink(lambd=0.5)``.",
)
Softshrink = _act(
    "Softshrink",
    lambda s, x: ops.softshrink(x, s.lambd),
    (("lambd", 0.5),),
    "``mint.nn.Softshrink(lambd=0.5)``.",
)
Hardsigmoid = _act("Hardsigmoid", lambda s, x: ops.hardsigmoid(x), (), "``mint.nn.Hardsigmoid()``.")
Hardswish = _act("Hardswish", lambda s, x: ops.hardswish(x), (), "``mint.nn.Hardswish()``.")
SELU = _act("SELU", lambda s, x: ops.selu(x), (), "``mint.nn.SELU()``.")
Mish = _act("Mish", lambda s, x: ops.mish(x), (), "``mint.nn.Mish()``.")
LogSigmoid = _act("LogSigmoid", lambda s, x: ops.logsigmoid(x), (), "``mint.nn.LogSigmoid()``.")


# --- dropout / embedding / layer norm ---------------------------------------------------------------


class DropoutExt(Cell):
    """``mint.nn.Dropout(p=0.5, inplace=False)``: identity when not training."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if not isinstance(p, (int, float)) or isinstance(p, bool) or not 0 <= p <= 1:
            raise ValueError(f"For '{type(self).__name__}', the 'p' must be in range [0, 1], but got {p}.")
        self.p, self.inplace = p, inplace

    def construct(self, input):
        if not self.training or self.p == 0:
            return input
        return self._drop(input)

    def _drop(self, input):
        return ops.dropout(input, self.p, True)

    def extend_repr(self):
        return f"p={self.p}"


class Dropout2dExt(DropoutExt):
    """``mint.nn.Dropout2d(p=0.5, inplace=False)``: zeroes whole channels of (N, C, H, W)."""

    def _drop(self, input):
        return ops.dropout2d(input, self.p, True)


class EmbeddingExt(Cell):
    """``mint.nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None,
    norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, dtype=None)``;
    weight ~ N(0, 1), the ``padding_idx`` row zeroed."""

    def __init__(
        self,
        num_embeddings,
        embedding_dim,
        padding_idx=None,
        max_norm=None,
        norm_type=2.0,
        scale_grad_by_freq=False,
        sparse=False,
        _weight=None,
        _freeze=False,
        dtype=None,
    ):
        super().__init__()
        if sparse:
            raise ValueError("For Embedding, the scenerio, where `sparse` is True, has not be supported.")
        self.num_embeddings, self.embedding_dim = num_embeddings, embedding_dim
        self.max_norm, self.norm_type, self.scale_grad_by_freq = max_norm, norm_type, scale_grad_by_freq
        self.sparse = sparse
        dtype = mstype.float32 if dtype is None else dtype
        if padding_idx is not None:
            if not isinstance(padding_idx, int) or not -num_embeddings <= padding_idx < num_embeddings:
                raise ValueError(
                    f"For 'EmbeddingExt', the 'padding_idx' must be in range [{-num_embeddings}, "
                    f"{num_embeddings}), but got {padding_idx}."
                )
        self.padding_idx = padding_idx
        if _weight is None:
            w = initializer(Normal(1.0, 0.0), [num_embeddings, embedding_dim], dtype).init_data()
            if padding_idx is not None:
                arr = w.asnumpy().copy()
                arr[padding_idx] = 0
                w = Tensor(arr, dtype)
        else:
            if tuple(_weight.shape) != (num_embeddings, embedding_dim):
                raise ValueError(
                    f"For Embedding, shape of weight should be match with num_embeddings and "
                    f"embedding_dim, but got weight.shape: {_weight.shape}, and "
                    f"(num_embeddings, embedding_dim): ({num_embeddings}, {embedding_dim})"
                )
            w = _weight
        self.weight = Parameter(w, name="weight", requires_grad=not _freeze)

    def construct(self, input):
        return ops.embedding(
            input, self.weight, self.padding_idx, self.max_norm, self.norm_type, self.scale_grad_by_freq
        )

    def extend_repr(self):
        return (
            f"num_embeddings={self.num_embeddings}, embedding_dim={self.embedding_dim}, "
            f"padding_idx={self.padding_idx}, max_norm={self.max_norm}, norm_type={self.norm_type}, "
            f"scale_grad_by_freq={self.scale_grad_by_freq}, sparse={self.sparse}"
        )


class LayerNormExt(Cell):
    """``mint.nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, dtype=None)``."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        if not isinstance(normalized_shape, (tuple, list)):
            raise TypeError(
                f"For '{type(self).__name__}', the type of 'normalized_shape' must be tuple[int] or "
                f"list[int], but got {normalized_shape} and the type is {type(normalized_shape)}."
            )
        if not normalized_shape:
            raise ValueError(
                f"For '{type(self).__name__}', normalized_shape must at least 1-D, but got "
                f"{normalized_shape}."
            )
        self.normalized_shape = tuple(normalized_shape)
        self.eps, self.elementwise_affine = eps, elementwise_affine
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = self.bias = None
        if elementwise_affine:
            self.weight = Parameter(Tensor(np.ones(self.normalized_shape), dtype), name="weight")
            if bias:
                self.bias = Parameter(Tensor(np.zeros(self.normalized_shape), dtype), name="bias")

    def construct(self, input):
        return ops.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extend_repr(self):
        return (
            f"normalized_shape={self.normalized_shape}, eps={self.eps}, "
            f"elementwise_affine={self.elementwise_affine}"
        )


class GroupNorm(Cell):
    """``mint.nn.GroupNorm(num_groups, num_channels, eps=1e-5, affine=True, dtype=None)``."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, dtype=None):
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError("num_channels must be divisible by num_groups")
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = self.bias = None
        if affine:
            self.weight = Parameter(Tensor(np.ones(num_channels), dtype), name="weight")
            self.bias = Parameter(Tensor(np.zeros(num_channels), dtype), name="bias")

    def construct(self, input):
        return ops.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extend_repr(self):
        return (
            f"num_groups={self.num_groups}, num_channels={self.num_channels}, eps={self.eps}, "
            f"affine={self.affine}"
        )


class _BatchNormExt(Cell):
    _ranks = (4,)

    def __init__(
        self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, dtype=None
    ):
        super().__init__()
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = self.bias = None
        if affine:
            self.weight = Parameter(Tensor(np.ones(num_features), dtype), name="weight")
            self.bias = Parameter(Tensor(np.zeros(num_features), dtype), name="bias")
        self.running_mean = self.running_var = self.num_batches_tracked = None
        if track_running_stats:
            self.running_mean = Parameter(
                Tensor(np.zeros(num_features), dtype), name="running_mean", requires_grad=False
            )
            self.running_var = Parameter(
                Tensor(np.ones(num_features), dtype), name="running_var", requires_grad=False
            )
            self.num_batches_tracked = Parameter(
                Tensor(0, mstype.int64), name="num_batches_tracked", requires_grad=False
            )

    def construct(self, input):
        if input.ndim not in self._ranks:
            exp = " or ".join(f"{r}D" for r in self._ranks)
            raise ValueError(f"expected {exp} input, but got {input.ndim}D input")
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            ops.assign(self.num_batches_tracked, self.num_batches_tracked + 1)
            if self.momentum is None:
                factor = 1.0 / ops.cast(self.num_batches_tracked, mstype.float32)
        bn_training = True if self.training else (self.running_mean is None and self.running_var is None)
        use_stats = not self.training or self.track_running_stats
        return ops.batch_norm(
            input,
            self.running_mean if use_stats else None,
            self.running_var if use_stats else None,
            self.weight,
            self.bias,
            bn_training,
            factor,
            self.eps,
        )

    def extend_repr(self):
        return (
            f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"affine={self.affine}, track_running_stats={self.track_running_stats}"
        )


class BatchNorm1d(_BatchNormExt):
    """``mint.nn.BatchNorm1d``: input (N, C) or (N, C, L)."""

    _ranks = (2, 3)


class BatchNorm2d(_BatchNormExt):
    """``mint.nn.BatchNorm2d``: input (N, C, H, W)."""

    _ranks = (4,)


class BatchNorm3d(_BatchNormExt):
    """``mint.nn.BatchNorm3d``: input (N, C, D, H, W)."""

    _ranks = (5,)


class SyncBatchNorm(_BatchNormExt):
    """``mint.nn.SyncBatchNorm``: one device here, so a BatchNorm over 2-D..5-D inputs."""

    _ranks = (2, 3, 4, 5)

    def __init__(
        self,
        num_features,
        eps=1e-5,
        momentum=0.1,
        affine=True,
        track_running_stats=True,
        process_group=None,
        dtype=None,
    ):
        super().__init__(num_features, eps, momentum, affine, track_running_stats, dtype)
        self.process_group = process_group


# --- convolutions --------------------------------------------------------------------------------


def _fan_in(shape):
    return shape[1] * int(np.prod(shape[2:])) if len(shape) > 2 else shape[1]


class _ConvExt(Cell):
    _nsp = 2

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride,
        padding,
        dilation,
        transposed,
        output_padding,
        groups,
        bias,
        padding_mode,
        dtype,
    ):
        super().__init__()
        n = self._nsp
        cls = type(self).__name__
        for nm, v in (("in_channels", in_channels), ("out_channels", out_channels)):
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ValueError(f"For '{cls}', the '{nm}' must be a non-negative int, but got {v!r}.")
        if not isinstance(groups, int) or groups <= 0:
            raise ValueError(f"For '{cls}', the 'groups' must be a positive int, but got {groups!r}.")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups.")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups.")
        self.kernel_size = _ntuple(kernel_size, n)
        self.stride = _ntuple(stride, n)
        self.dilation = _ntuple(dilation, n)
        self.padding = padding if isinstance(padding, str) else _ntuple(padding, n)
        self.output_padding = _ntuple(output_padding, n)
        if isinstance(padding, str):
            if padding not in ("same", "valid"):
                raise ValueError(
                    f"The value of 'padding' must be one of '{{'same', 'valid'}}', but got {padding}."
                )
            if padding == "same" and any(s != 1 for s in self.stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
        if padding_mode not in ("zeros", "reflect", "replicate", "circular"):
            raise ValueError(
                "The value of 'padding_mode' must be one of '{'zeros', 'reflect', 'replicate', "
                f"'circular'}}', but got {padding_mode}."
            )
        for nm, seq in (
            ("kernel_size", self.kernel_size),
            ("stride", self.stride),
            ("dilation", self.dilation),
        ):
            for e in seq:
                if not isinstance(e, int) or isinstance(e, bool) or e <= 0:
                    raise ValueError(f"For '{cls}', the '{nm} item' must be a positive int, but got {e!r}.")
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.transposed, self.padding_mode = transposed, padding_mode
        if isinstance(self.padding, str):
            rp = [0, 0] * n
            if self.padding == "same":
                for d, k, i in zip(self.dilation, self.kernel_size, range(n - 1, -1, -1)):
                    tot = d * (k - 1)
                    rp[2 * i], rp[2 * i + 1] = tot // 2, tot - tot // 2
            self._reversed_padding = tuple(rp)
        else:
            self._reversed_padding = tuple(x for x in reversed(self.padding) for _ in range(2))
        if transposed:
            shape = [in_channels, out_channels // groups, *self.kernel_size]
        else:
            shape = [out_channels, in_channels // groups, *self.kernel_size]
        dtype = mstype.float32 if dtype is None else dtype
        self.weight = Parameter(initializer(HeUniform(math.sqrt(5)), shape, dtype), name="weight")
        self.bias = None
        if bias:
            fan_in = _fan_in(shape)
            binit = Uniform(1 / math.sqrt(fan_in)) if fan_in != 0 else "zeros"
            self.bias = Parameter(initializer(binit, [out_channels], dtype), name="bias")

    def extend_repr(self):
        return (
            f"input_channels={self.in_channels}, output_channels={self.out_channels}, "
            f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
            f"dilation={self.dilation}, groups={self.groups}, bias={self.bias is not None}"
        )


def _batchify(input, nsp, name):
    if input.ndim == nsp + 2:
        return input, True
    if input.ndim == nsp + 1:
        return ops.expand_dims(input, 0), False
    raise TypeError(
        f"For {name}, Expected {nsp + 1}D (unbatched) or {nsp + 2}D (batched),but got input of ndim: "
        f"{input.ndim}D"
    )


class _ConvNdExt(_ConvExt):
    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        dilation=1,
        groups=1,
        bias=True,
        padding_mode="zeros",
        dtype=None,
    ):
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            padding,
            dilation,
            False,
            0,
            groups,
            bias,
            padding_mode,
            dtype,
        )

    def construct(self, input):
        n = self._nsp
        x, batched = _batchify(input, n, type(self).__name__)
        conv = _mf(f"conv{n}d")
        if self.padding_mode != "zeros":
            x = ops.pad(x, self._reversed_padding, mode=self.padding_mode)
            out = conv(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        else:
            out = conv(x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)
        return out if batched else ops.squeeze(out, 0)


class Conv1d(_ConvNdExt):
    """``mint.nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
    groups=1, bias=True, padding_mode='zeros', dtype=None)``."""

    _nsp = 1


class Conv2d(_ConvNdExt):
    """``mint.nn.Conv2d(...)``: PyTorch-style arguments; weight (out, in/groups, kH, kW)."""

    _nsp = 2


class Conv3d(_ConvNdExt):
    """``mint.nn.Conv3d(...)``."""

    _nsp = 3


class ConvTranspose2d(_ConvExt):
    """``mint.nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0,
    output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', dtype=None)``."""

    _nsp = 2

    def __init__(
        self,
        in_channels,
        out_channels,
        kernel_size,
        stride=1,
        padding=0,
        output_padding=0,
        groups=1,
        bias=True,
        dilation=1,
        padding_mode="zeros",
        dtype=None,
    ):
        if padding_mode != "zeros":
            raise ValueError(f'Only "zeros" padding mode is supported for {type(self).__name__}')
        super().__init__(
            in_channels,
            out_channels,
            kernel_size,
            stride,
            padding,
            dilation,
            True,
            output_padding,
            groups,
            bias,
            padding_mode,
            dtype,
        )

    def construct(self, input, output_size=None):
        n = self._nsp
        op = self.output_padding
        if output_size is not None:
            batched = input.ndim == n + 2
            nn_ = 2 if batched else 1
            if len(output_size) not in (n, n + nn_):
                raise ValueError(
                    f"ConvTranspose{n}D: for {input.ndim}D input, output_size must have {n} or "
                    f"{n + nn_} elements (got {len(output_size)})"
                )
            output_size = tuple(output_size)[-n:]
            mins = [
                (input.shape[d + nn_] - 1) * self.stride[d]
                - 2 * self.padding[d]
                + self.dilation[d] * (self.kernel_size[d] - 1)
                + 1
                for d in range(n)
            ]
            maxs = [m + s - 1 for m, s in zip(mins, self.stride)]
            for s, lo, hi in zip(output_size, mins, maxs):
                if s < lo or s > hi:
                    raise ValueError(
                        f"requested an output size of {output_size}, but valid sizes range from {mins} to "
                        f"{maxs} (for an input of {tuple(input.shape)})"
                    )
            op = tuple(s - m for s, m in zip(output_size, mins))
        x, batched = _batchify(input, n, type(self).__name__)
        out = ops.conv_transpose2d(
            x, self.weight, self.bias, self.stride, self.padding, op, self.groups, self.dilation
        )
        return out if batched else ops.squeeze(out, 0)


# --- pooling ---------------------------------------------------------------------------------------


class _AvgPoolExt(Cell):
    _nsp = 2

    def __init__(
        self,
        kernel_size,
        stride=None,
        padding=0,
        ceil_mode=False,
        count_include_pad=True,
        divisor_override=None,
    ):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def construct(self, input):
        stride = self.kernel_size if self.stride is None else self.stride
        fn = getattr(ops, f"avg_pool{self._nsp}d")
        if self._nsp == 1:
            return fn(input, self.kernel_size, stride, self.padding, self.ceil_mode, self.count_include_pad)
        return fn(
            input,
            self.kernel_size,
            stride,
            self.padding,
            self.ceil_mode,
            self.count_include_pad,
            self.divisor_override or 0,
        )

    def extend_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class AvgPool1dExt(_AvgPoolExt):
    """``mint.nn.AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)``."""

    _nsp = 1

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__(kernel_size, stride, padding, ceil_mode, count_include_pad, None)


class AvgPool2dExt(_AvgPoolExt):
    """``mint.nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False,
    count_include_pad=True, divisor_override=None)``."""

    _nsp = 2


class AvgPool3dExt(_AvgPoolExt):
    """``mint.nn.AvgPool3d(...)``."""

    _nsp = 3


class MaxPool2dExt(Cell):
    """``mint.nn.MaxPool2d(kernel_size=1, stride=None, padding=0, dilation=1, return_indices=False,
    ceil_mode=False)``."""

    def __init__(
        self, kernel_size=1, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False
    ):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def construct(self, input):
        return _mf("max_pool2d")(
            input,
            self.kernel_size,
            self.stride,
            self.padding,
            self.dilation,
            self.return_indices,
            self.ceil_mode,
        )


class AdaptiveMaxPool1d(Cell):
    """``mint.nn.AdaptiveMaxPool1d(output_size, return_indices=False)``."""

    def __init__(self, output_size, return_indices=False):
        super().__init__()
        self.output_size, self.return_indices = output_size, return_indices

    def construct(self, input):
        return ops.adaptive_max_pool1d(input, self.output_size, self.return_indices)


class MaxUnpool2d(Cell):
    """``mint.nn.MaxUnpool2d(kernel_size, stride=None, padding=0)``."""

    def __init__(self, kernel_size, stride=None, padding=0):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding = padding

    def construct(self, input, indices, output_size=None):
        return ops.max_unpool2d(input, indices, self.kernel_size, self.stride, self.padding, output_size)


# --- padding / resizing / folding ------------------------------------------------------------------


def _zeropad(name, nsp):
    def __init__(self, padding):
        Cell.__init__(self)
        self.padding = tuple(padding) if isinstance(padding, (tuple, list)) else (padding,) * (2 * nsp)

    def construct(self, input):
        return ops.pad(input, self.padding, mode="constant", value=0.0)

    return type(
        name,
        (Cell,),
        {"__init__": __init__, "construct": construct, "__doc__": f"``mint.nn.{name}(padding)``."},
    )


ZeroPad1d = _zeropad("ZeroPad1d", 1)
ZeroPad2d = _zeropad("ZeroPad2d", 2)
ZeroPad3d = _zeropad("ZeroPad3d", 3)


class UpsamplingNearest2d(Cell):
    """``mint.nn.UpsamplingNearest2d(size=None, scale_factor=None)``."""

    _mode, _align = "nearest", None

    def __init__(self, size=None, scale_factor=None):
        super().__init__()
        self.size, self.scale_factor = size, scale_factor

    def construct(self, input):
        return ops.interpolate(input, self.size, self.scale_factor, self._mode, self._align)


class UpsamplingBilinear2d(UpsamplingNearest2d):
    """``mint.nn.UpsamplingBilinear2d(size=None, scale_factor=None)``: bilinear, align_corners=True."""

    _mode, _align = "bilinear", True


class Unfold(Cell):
    """``mint.nn.Unfold(kernel_size, dilation=1, padding=0, stride=1)``."""

    def __init__(self, kernel_size, dilation=1, padding=0, stride=1):
        super().__init__()
        self.kernel_size, self.dilation, self.padding, self.stride = kernel_size, dilation, padding, stride

    def construct(self, input):
        return ops.unfold(input, self.kernel_size, self.dilation, self.padding, self.stride)


# --- losses ------------------------------------------------------------------------------------------


def _check_reduction(cls, reduction, allowed=("mean", "sum", "none")):
    if reduction not in allowed:
        raise ValueError(f"For '{cls}', the 'reduction' must be in {list(allowed)}, but got {reduction}.")
    return reduction


class _LossExt(Cell):
    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = _check_reduction(type(self).__name__, reduction)


class MSELoss(_LossExt):
    """``mint.nn.MSELoss(reduction='mean')``."""

    def construct(self, input, target):
        return ops.mse_loss(input, target, self.reduction)


class L1Loss(_LossExt):
    """``mint.nn.L1Loss(reduction='mean')``."""

    def construct(self, input, target):
        return ops.l1_loss(input, target, self.reduction)


class SmoothL1Loss(_LossExt):
    """``mint.nn.SmoothL1Loss(reduction='mean', beta=1.0)``."""

    def __init__(self, reduction="mean", beta=1.0):
        super().__init__(reduction)
        self.beta = beta

    def construct(self, input, target):
        return ops.smooth_l1_loss(input, target, self.beta, self.reduction)


class CrossEntropyLoss(_LossExt):
    """``mint.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)``."""

    def __init__(self, weight=None, ignore_index=-100, reduction="mean", label_smoothing=0.0):
        super().__init__(reduction)
        self.weight, self.ignore_index, self.label_smoothing = weight, ignore_index, label_smoothing

    def construct(self, input, target):
        return ops.cross_entropy(
            input, target, self.weight, self.ignore_index, self.reduction, self.label_smoothing
        )


class NLLLoss(_LossExt):
    """``mint.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')``."""

    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        super().__init__(reduction)
        self.weight, self.ignore_index = weight, ignore_index

    def construct(self, input, target):
        return ops.nll_loss(input, target, self.weight, self.ignore_index, self.reduction)


class BCELoss(_LossExt):
    """``mint.nn.BCELoss(weight=None, reduction='mean')``."""

    def __init__(self, weight=None, reduction="mean"):
        super().__init__(reduction)
        self.weight = weight

    def construct(self, input, target):
        return ops.binary_cross_entropy(input, target, self.weight, self.reduction)


class BCEWithLogitsLoss(_LossExt):
    """``mint.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)``."""

    def __init__(self, weight=None, reduction="mean", pos_weight=None):
        super().__init__(reduction)
        self.weight, self.pos_weight = weight, pos_weight

    def construct(self, input, target):
        return ops.binary_cross_entropy_with_logits(
            input, target, self.weight, self.pos_weight, self.reduction
        )


class KLDivLoss(Cell):
    """``mint.nn.KLDivLoss(reduction='mean', log_target=False)``: input is log-probabilities."""

    def __init__(self, reduction="mean", log_target=False):
        super().__init__()
        self.reduction = _check_reduction("KLDivLoss", reduction, ("mean", "sum", "none", "batchmean"))
        self.log_target = log_target

    def construct(self, input, target):
        if self.log_target:
            loss = ops.exp(target) * (target - input)
        else:
            loss = ops.xlogy(target, target) - target * input
        if self.reduction == "none":
            return loss
        if self.reduction == "sum":
            return loss.sum()
        if self.reduction == "batchmean":
            return loss.sum() / input.shape[0] if input.ndim > 0 else loss.sum()
        return loss.mean()


class CosineEmbeddingLoss(_LossExt):
    """``mint.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')``."""

    def __init__(self, margin=0.0, reduction="mean"):
        super().__init__(reduction)
        self.margin = margin

    def construct(self, input1, input2, target):
        return ops.cosine_embedding_loss(input1, input2, target, self.margin, self.reduction)


# mint.nn names whose class differs from the nn class of that name (collected by mint.nn).
_MINT = {
    "Dropout": DropoutExt,
    "Dropout2d": Dropout2dExt,
    "Embedding": EmbeddingExt,
    "LayerNorm": LayerNormExt,
    "AvgPool1d": AvgPool1dExt,
    "AvgPool2d": AvgPool2dExt,
    "AvgPool3d": AvgPool3dExt,
    "MaxPool2d": MaxPool2dExt,
    "PReLU": PReLUExt,
    "LogSoftmax": LogSoftmaxExt,
    "Softmax": SoftmaxExt,
}
for _n in (
    "GELU GLU ELU Hardtanh ReLU6 SiLU Threshold Hardshrink Softshrink Hardsigmoid Hardswish SELU Mish "
    "LogSigmoid GroupNorm BatchNorm1d BatchNorm2d BatchNorm3d SyncBatchNorm Conv1d Conv2d Conv3d "
    "ConvTranspose2d AdaptiveMaxPool1d MaxUnpool2d ZeroPad1d ZeroPad2d ZeroPad3d UpsamplingNearest2d "
    "UpsamplingBilinear2d Unfold MSELoss L1Loss SmoothL1Loss CrossEntropyLoss NLLLoss BCELoss "
    "BCEWithLogitsLoss KLDivLoss CosineEmbeddingLoss"
).split():
    _MINT[_n] = globals()[_n]
for _c in set(_MINT.values()):
    _c.__module__ = __name__
