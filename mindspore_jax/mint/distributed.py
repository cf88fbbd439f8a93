"""``mindspore.mint.distributed``: PyTorch-style process-group API on one process (rank 0 of 1).

Implemented once in ``communication/comm_func.py`` (also exported from ``mindspore.ops``).
"""

from ..communication.comm_func import *  # noqa: F401,F403
from ..communication.comm_func import CommHandle, ReduceOp, __all__  # noqa: F401
