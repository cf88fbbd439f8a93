"""``mindspore.device_context.gpu.op_precision``: whether FP32 matmuls / convolutions may use
TF32 tensor cores. Defaults as MindSpore: matmul False, conv True. Applied to XLA through
``context.set_op_precision`` (dot precision and the convolution ops' explicit precision)."""

from ... import context
from .._common import check_bool, warn_unless


def matmul_allow_tf32(value):
    """Whether FP32 matmuls may run as TF32 on the GPU (default False: full FP32)."""
    check_bool(value)
    warn_unless("GPU")
    context.set_op_precision(matmul_allow_tf32=value)


def conv_allow_tf32(value):
    """Whether FP32 convolutions may run as TF32 on the GPU (default True)."""
    check_bool(value)
    warn_unless("GPU")
    context.set_op_precision(conv_allow_tf32=value)
