"""``mindspore.device_context``: per-backend device queries and op settings (MindSpore 2.5+).

Counts and availability come from JAX's devices (``hal``); the GPU precision flags set how XLA
runs FP32 matmuls and convolutions (``context.set_op_precision``); tuning knobs that cuDNN or
MindSpore's CPU runtime would read are validated and kept, since XLA picks its own algorithms.
"""

from . import ascend, cpu, gpu  # noqa: F401

__all__ = ["cpu", "gpu", "ascend"]
