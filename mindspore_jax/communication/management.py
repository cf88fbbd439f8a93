"""``mindspore.communication.management`` for one process.

mindspore_jax runs a script as a single process on one device, so the world is one rank:
``init()`` succeeds and records the backend, ``get_rank()`` is 0 and ``get_group_size()`` is 1.
Scripts written for data-parallel training then take their single-device path (rank 0 writes
checkpoints, the dataset is not sharded) and still run unchanged. Groups created with
``create_group`` may only hold rank 0.
"""

from __future__ import annotations

import logging

from .. import context

_log = logging.getLogger("mindspore_jax")

HCCL_WORLD_COMM_GROUP = "hccl_world_group"
NCCL_WORLD_COMM_GROUP = "nccl_world_group"
MCCL_WORLD_COMM_GROUP = "mccl_world_group"
DEFAULT_WORLD_COMM_GROUP = HCCL_WORLD_COMM_GROUP

_BACKEND_GROUP = {"hccl": HCCL_WORLD_COMM_GROUP, "nccl": NCCL_WORLD_COMM_GROUP,
                  "mccl": MCCL_WORLD_COMM_GROUP}
_WORLD_GROUPS = set(_BACKEND_GROUP.values())


class Backend:
    UNDEFINED = "undefined"
    HCCL = "hccl"
    NCCL = "nccl"
    MCCL = "mccl"


class GlobalComm:
    """World communication information (``BACKEND``, ``WORLD_COMM_GROUP``, ``INITED``)."""

    BACKEND = "hccl"
    WORLD_COMM_GROUP = HCCL_WORLD_COMM_GROUP
    INITED = False
    CHECK_ENVS = True


# user groups: name -> list of world ranks (always [0] here)
_groups: dict[str, list[int]] = {}


def init(backend_name=None):
    """Initializes the (single-process) communication world. Like MindSpore, the backend
    defaults from ``device_target``: Ascend -> hccl, GPU -> nccl, CPU -> mccl."""
    if backend_name is None:
        target = context.get_context("device_target")
        backend_name = {"Ascend": "hccl", "GPU": "nccl", "CPU": "mccl"}.get(target)
        if backend_name is None:
            backend_name = "hccl"
    if not isinstance(backend_name, str):
        raise TypeError("For 'init', the argument 'backend_name' must be a string, "
                        f"but got the type : {type(backend_name)}")
    if backend_name not in _BACKEND_GROUP:
        raise RuntimeError(f"For 'init', the argument 'backend_name' should be 'hccl', 'nccl' or "
                           f"'mccl', but got {backend_name}.")
    GlobalComm.BACKEND = backend_name
    GlobalComm.WORLD_COMM_GROUP = _BACKEND_GROUP[backend_name]
    GlobalComm.INITED = True
    _log.info("communication.init(%r): single process, rank 0 of 1.", backend_name)


def is_initialized(device_target=None):
    return GlobalComm.INITED


def _check_group(group, api):
    if not isinstance(group, str):
        raise TypeError(f"For '{api}', the argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")
    if group not in _WORLD_GROUPS and group not in _groups:
        raise ValueError(f"For '{api}', the group '{group}' does not exist; create it with "
                         "create_group first.")


def get_rank(group=GlobalComm.WORLD_COMM_GROUP):
    """Rank of this process in ``group``: always 0 (one process)."""
    _check_group(group, "get_rank")
    return 0


def get_local_rank(group=GlobalComm.WORLD_COMM_GROUP):
    _check_group(group, "get_local_rank")
    return 0


def get_group_size(group=GlobalComm.WORLD_COMM_GROUP):
    """Number of ranks in ``group``: always 1 (one process)."""
    _check_group(group, "get_group_size")
    return 1


def get_local_rank_size(group=GlobalComm.WORLD_COMM_GROUP):
    _check_group(group, "get_local_rank_size")
    return 1


def get_world_rank_from_group_rank(group, group_rank_id):
    _check_group(group, "get_world_rank_from_group_rank")
    if group_rank_id != 0:
        raise ValueError("For 'get_world_rank_from_group_rank', the group has one rank (0), "
                         f"but got group_rank_id {group_rank_id}.")
    return 0


def get_group_rank_from_world_rank(world_rank_id, group):
    _check_group(group, "get_group_rank_from_world_rank")
    if world_rank_id != 0:
        raise ValueError("For 'get_group_rank_from_world_rank', the world has one rank (0), "
                         f"but got world_rank_id {world_rank_id}.")
    return 0


def get_process_group_ranks(group=GlobalComm.WORLD_COMM_GROUP):
    _check_group(group, "get_process_group_ranks")
    return list(_groups.get(group, [0]))


def get_comm_name(group=GlobalComm.WORLD_COMM_GROUP):
    _check_group(group, "get_comm_name")
    return group


def create_group(group, rank_ids, options=None):
    """Creates a user group. In one process only ``[0]`` is a valid member list."""
    if not isinstance(group, str):
        raise TypeError("For 'create_group', the argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")
    if group in _WORLD_GROUPS:
        raise ValueError(f"For 'create_group', the group name '{group}' is reserved.")
    if not isinstance(rank_ids, (list, tuple)):
        raise TypeError("For 'create_group', the argument 'rank_ids' must be a list, "
                        f"but got {type(rank_ids)}.")
    ids = list(rank_ids)
    if any(r != 0 for r in ids):
        raise ValueError(f"For 'create_group', rank_ids {ids} name ranks that do not exist: "
                         "mindspore_jax runs one process (rank 0 of 1).")
    _groups[group] = ids or [0]


def destroy_group(group):
    if group in _WORLD_GROUPS:
        raise ValueError(f"For 'destroy_group', the world group '{group}' cannot be destroyed.")
    _check_group(group, "destroy_group")
    del _groups[group]


def release():
    """Releases the communication world (nothing to free in one process)."""
    GlobalComm.INITED = False
    _groups.clear()


init_hccl = init


def finalize_hccl():
    release()


__all__ = ["init", "release", "get_rank", "get_local_rank", "get_group_size",
           "get_local_rank_size", "get_world_rank_from_group_rank",
           "get_group_rank_from_world_rank", "create_group", "destroy_group", "get_comm_name",
           "get_process_group_ranks", "is_initialized", "GlobalComm", "HCCL_WORLD_COMM_GROUP",
           "NCCL_WORLD_COMM_GROUP", "MCCL_WORLD_COMM_GROUP"]
