"""``mindspore.device_context.gpu``."""

from . import op_precision, op_tuning  # noqa: F401
from .._common import device_count as _count, is_available as _avail
from .op_precision import conv_allow_tf32, matmul_allow_tf32  # noqa: F401
from .op_tuning import conv_dgrad_algo, conv_fprop_algo, conv_wgrad_algo  # noqa: F401

__all__ = ["device_count", "is_available", "conv_allow_tf32", "matmul_allow_tf32",
           "conv_dgrad_algo", "conv_fprop_algo", "conv_wgrad_algo"]


def is_available():
    """Whether JAX has a CUDA/ROCm device."""
    return _avail("GPU")


def device_count():
    return _count("GPU", "Device_target GPU not exist.")
