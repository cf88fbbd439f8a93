"""Normalisation layers: BatchNorm1d/2d/3d, LayerNorm, GroupNorm, InstanceNorm1d/2d/3d.

BatchNorm's ``momentum`` (0.9) is the weight of the OLD moving statistic; training normalises
with the biased batch variance and folds the unbiased one into ``moving_variance``. The moving
statistics are written through the BatchNorm primitive, so GRAPH_MODE keeps the writes.
"""

from __future__ import annotations

from ... import ops
from ...common import dtype as mstype
from ...common.initializer import initializer
from ...common.parameter import Parameter
from ..cell import Cell

__all__ = [
    "BatchNorm1d",
    "BatchNorm2d",
    "BatchNorm3d",
    "LayerNorm",
    "GroupNorm",
    "InstanceNorm1d",
    "InstanceNorm2d",
    "InstanceNorm3d",
    "SyncBatchNorm",
]


def _check_pos_int(cls, name, v):
    if not isinstance(v, int) or isinstance(v, bool) or v <= 0:
        raise ValueError(f"For '{cls}', the '{name}' must be a positive int, but got {v!r}.")


class _BatchNorm(Cell):
    _ranks = (4,)

    def __init__(
        self,
        num_features,
        eps=1e-5,
        momentum=0.9,
        affine=True,
        gamma_init="ones",
        beta_init="zeros",
        moving_mean_init="zeros",
        moving_var_init="ones",
        use_batch_statistics=None,
        data_format="NCHW",
        dtype=mstype.float32,
    ):
        super().__init__()
        cls = type(self).__name__
        _check_pos_int(cls, "num_features", num_features)
        if not 0 <= momentum <= 1:
            raise ValueError(f"For '{cls}', the 'momentum' must be in range [0, 1], but got {momentum}.")
        if data_format not in ("NCHW", "NHWC", "NCDHW"):
            raise ValueError(
                f"For '{cls}', the 'data_format' must be 'NCHW' or 'NHWC', but got {data_format}."
            )
        if use_batch_statistics not in (None, True, False):
            raise ValueError(
                f"For '{cls}', the 'use_batch_statistics' must be None, True or False, "
                f"but got {use_batch_statistics}."
            )
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.use_batch_statistics = affine, use_batch_statistics
        self.format = data_format
        self.moving_mean = Parameter(
            initializer(moving_mean_init, num_features, dtype), name="mean", requires_grad=False
        )
        self.moving_variance = Parameter(
            initializer(moving_var_init, num_features, dtype), name="variance", requires_grad=False
        )
        self.gamma = Parameter(
            initializer(gamma_init, num_features, dtype), name="gamma", requires_grad=affine
        )
        self.beta = Parameter(initializer(beta_init, num_features, dtype), name="beta", requires_grad=affine)
        self._bn_train = ops.BatchNorm(True, eps, 1.0 - momentum, "NHWC" if data_format == "NHWC" else "NCHW")
        self._bn_infer = ops.BatchNorm(
            False, eps, 1.0 - momentum, "NHWC" if data_format == "NHWC" else "NCHW"
        )

    def construct(self, x):
        if x.ndim not in self._ranks:
            cls = type(self).__name__
            if self._ranks == (2, 3):  # MindSpore 2.10's wording, missing word included
                raise ValueError(f"For '{cls}', the must have 2 dims or 3 dims, but got {x.ndim}.")
            raise ValueError(f"For '{cls}', the in_shape must have {self._ranks[0]} dims, but got {x.ndim}.")
        use_batch = self.training if self.use_batch_statistics is None else self.use_batch_statistics
        bn = self._bn_train if use_batch else self._bn_infer
        return bn(x, self.gamma, self.beta, self.moving_mean, self.moving_variance)[0]

    def extend_repr(self):
        return (
            f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"gamma={self.gamma}, beta={self.beta}, moving_mean={self.moving_mean}, "
            f"moving_variance={self.moving_variance}"
        )


class BatchNorm1d(_BatchNorm):
    """``nn.BatchNorm1d``: input (N, C) or (N, C, L)."""

    _ranks = (2, 3)


class BatchNorm2d(_BatchNorm):
    """``nn.BatchNorm2d``: input (N, C, H, W)."""

    _ranks = (4,)


class BatchNorm3d(_BatchNorm):
    """``nn.BatchNorm3d``: input (N, C, D, H, W)."""

    _ranks = (5,)

    def __init__(
        self,
        num_features,
        eps=1e-5,
        momentum=0.9,
        affine=True,
        gamma_init="ones",
        beta_init="zeros",
        moving_mean_init="zeros",
        moving_var_init="ones",
        use_batch_statistics=None,
        dtype=mstype.float32,
    ):
        super().__init__(
            num_features,
            eps,
            momentum,
            affine,
            gamma_init,
            beta_init,
            moving_mean_init,
            moving_var_init,
            use_batch_statistics,
            "NCHW",
            dtype,
        )


class SyncBatchNorm(_BatchNorm):
    """Single-process ``nn.SyncBatchNorm``: an ordinary BatchNorm (no cross-device reduction)."""

    _ranks = (2, 3, 4, 5)

    def __init__(
        self,
        num_features,
        eps=1e-5,
        momentum=0.9,
        affine=True,
        gamma_init="ones",
        beta_init="zeros",
        moving_mean_init="zeros",
        moving_var_init="ones",
        use_batch_statistics=None,
        process_groups=None,
        dtype=mstype.float32,
    ):
        super().__init__(
            num_features,
            eps,
            momentum,
            affine,
            gamma_init,
            beta_init,
            moving_mean_init,
            moving_var_init,
            use_batch_statistics,
            "NCHW",
            dtype,
        )


class LayerNorm(Cell):
    """``nn.LayerNorm(normalized_shape, begin_norm_axis=-1, begin_params_axis=-1, gamma_init='ones',
    beta_init='zeros', epsilon=1e-7)``."""

    def __init__(
        self,
        normalized_shape,
        begin_norm_axis=-1,
        begin_params_axis=-1,
        gamma_init="ones",
        beta_init="zeros",
        epsilon=1e-7,
        dtype=mstype.float32,
    ):
        super().__init__()
        if not isinstance(normalized_shape, (tuple, list)):
            raise TypeError(
                f"For 'LayerNorm', the type of 'normalized_shape' must be tuple[int] or "
                f"list[int], but got {normalized_shape} and the type is {type(normalized_shape)}."
            )
        if not normalized_shape:
            raise ValueError(
                f"For 'LayerNorm', the 'normalized_shape' must not be empty, but got {normalized_shape}."
            )
        self.normalized_shape = (
            tuple(normalized_shape) if isinstance(normalized_shape, list) else normalized_shape
        )
        self.begin_norm_axis, self.begin_params_axis, self.epsilon = (
            begin_norm_axis,
            begin_params_axis,
            epsilon,
        )
        self.gamma = Parameter(initializer(gamma_init, list(normalized_shape), dtype), name="gamma")
        self.beta = Parameter(initializer(beta_init, list(normalized_shape), dtype), name="beta")
        self.layer_norm = ops.LayerNorm(begin_norm_axis, begin_params_axis, epsilon)

    def construct(self, x):
        return self.layer_norm(x, self.gamma, self.beta)[0]

    def extend_repr(self):
        # MindSpore 2.10 prints "gamma" without "=" here.
        return (
            f"normalized_shape={self.normalized_shape}, begin_norm_axis={self.begin_norm_axis}, "
            f"begin_params_axis={self.begin_params_axis}, gamma{self.gamma}, beta={self.beta}"
        )


class GroupNorm(Cell):
    """``nn.GroupNorm(num_groups, num_channels, eps=1e-5, affine=True, ...)``."""

    def __init__(
        self,
        num_groups,
        num_channels,
        eps=1e-5,
        affine=True,
        gamma_init="ones",
        beta_init="zeros",
        dtype=mstype.float32,
    ):
        super().__init__()
        _check_pos_int("GroupNorm", "num_groups", num_groups)
        _check_pos_int("GroupNorm", "num_channels", num_channels)
        if num_channels % num_groups:
            raise ValueError(
                f"For 'GroupNorm', the 'num_channels' ({num_channels}) must be divisible by "
                f"'num_groups' ({num_groups})."
            )
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        self.gamma = Parameter(
            initializer(gamma_init, num_channels, dtype), name="gamma", requires_grad=affine
        )
        self.beta = Parameter(initializer(beta_init, num_channels, dtype), name="beta", requires_grad=affine)

    def construct(self, x):
        if x.ndim < 2 or x.shape[1] != self.num_channels:
            raise ValueError(
                f"For 'GroupNorm', the channel dim of input {list(x.shape)} must be {self.num_channels}."
            )
        return ops.group_norm(x, self.num_groups, self.gamma, self.beta, self.eps)

    def extend_repr(self):
        return f"num_groups={self.num_groups}, num_channels={self.num_channels}"


class _InstanceNorm(Cell):
    _rank = 4

    def __init__(
        self,
        num_features,
        eps=1e-5,
        momentum=0.1,
        affine=True,
        gamma_init="ones",
        beta_init="zeros",
        dtype=mstype.float32,
    ):
        super().__init__()
        cls = type(self).__name__
        _check_pos_int(cls, "num_features", num_features)
        if not 0 <= momentum <= 1:
            raise ValueError(f"For '{cls}', the 'momentum' must be in range [0, 1], but got {momentum}.")
        self.num_features, self.eps, self.momentum, self.affine = num_features, eps, momentum, affine
        self.moving_mean = Parameter(
            initializer("zeros", num_features, dtype), name="mean", requires_grad=False
        )
        self.moving_variance = Parameter(
            initializer("ones", num_features, dtype), name="variance", requires_grad=False
        )
        self.gamma = Parameter(
            initializer(gamma_init, num_features, dtype), name="gamma", requires_grad=affine
        )
        self.beta = Parameter(initializer(beta_init, num_features, dtype), name="beta", requires_grad=affine)

    def construct(self, x):
        if x.ndim != self._rank:
            raise ValueError(
                f"For '{type(self).__name__}', the input must be {self._rank}-D, but got shape "
                f"{list(x.shape)}."
            )
        return ops.instance_norm(
            x, self.moving_mean, self.moving_variance, self.gamma, self.beta, True, self.momentum, self.eps
        )

    def extend_repr(self):
        return (
            f"num_features={self.num_features}, eps={self.eps}, momentum={self.momentum}, "
            f"gamma={self.gamma}, beta={self.beta}, moving_mean={self.moving_mean}, "
            f"moving_variance={self.moving_variance}"
        )


class InstanceNorm1d(_InstanceNorm):
    _rank = 3


class InstanceNorm2d(_InstanceNorm):
    _rank = 4


class InstanceNorm3d(_InstanceNorm):
    _rank = 5
