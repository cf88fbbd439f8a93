"""``mindspore.communication``: collective-communication setup, single process (rank 0 of 1).

See ``management.py``. Collective ops (``ops.AllReduce`` ...) on one rank are identities.
"""

from . import management
from .management import (  # noqa: F401
    DEFAULT_WORLD_COMM_GROUP, HCCL_WORLD_COMM_GROUP, MCCL_WORLD_COMM_GROUP, NCCL_WORLD_COMM_GROUP,
    GlobalComm, create_group, destroy_group, get_comm_name, get_group_rank_from_world_rank,
    get_group_size, get_local_rank, get_local_rank_size, get_process_group_ranks, get_rank,
    get_world_rank_from_group_rank, init, is_initialized, release,
)

__all__ = ["management"] + management.__all__
