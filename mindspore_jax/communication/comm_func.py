"""``mindspore.mint.distributed`` / ``mindspore.ops`` communication functions on one process.

The world is one rank (see ``management.py``, the single home of the world state): collectives
leave their tensors as they are (sum/avg/max... over one rank is the identity) or copy input to
output (gathers, scatters, all_to_all), point-to-point ops to or from a peer that is not rank 0
raise, since no such process exists. Like MindSpore 2.10 with in-place comm ops (its default),
each function writes its result into the given tensors and returns a handle: ``None`` when
``async_op=False``, else a ``CommHandle`` whose ``wait()`` returns at once.
"""

from __future__ import annotations

import copy
import hashlib
import logging

import jax.numpy as jnp

from ..common.tensor import Tensor
from . import management as _m
from .management import GlobalComm

_log = logging.getLogger("mindspore_jax")

BACKEND_HCCL = "hccl"
BACKEND_MCCL = "mccl"
_REDUCE_OPS = ("sum", "prod", "min", "max", "avg")


class CommHandle:
    """Handle of an asynchronous communication; ``wait()`` blocks until it finishes (at once here)."""

    def __init__(self, handle=None, exec_sync=False):
        self.handle = handle
        self.exec_sync = exec_sync

    def wait(self):
        return None


class ReduceOp:
    SUM = "sum"
    MAX = "max"
    MIN = "min"
    PROD = "prod"
    AVG = "avg"


def _handle(async_op):
    return CommHandle() if async_op else None


def _check_tensor(t, api, name="tensor"):
    if not isinstance(t, Tensor):
        raise TypeError(f"For {api}, the input {name} must be tensor")


def _check_tensor_list(lst, api, name="tensor_list"):
    if not isinstance(lst, (list, tuple)) or not all(isinstance(t, Tensor) for t in lst):
        raise TypeError(f"For {api}, the input {name} must be a list or tuple of tensors, but got {lst}.")


def _group(group, api=None):
    if group is None:
        group = GlobalComm.WORLD_COMM_GROUP
    if not isinstance(group, str):
        raise TypeError("The argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")
    if not GlobalComm.INITED:
        raise RuntimeError(f"For '{api or 'communication'}', the communication service is not "
                           "initialized; call mint.distributed.init_process_group() (or "
                           "communication.init()) first.")
    _m._check_group(group, api or "communication")
    return group


def _check_op(op, api):
    if not isinstance(op, str):
        raise TypeError(f"For {api}, the input op type must be str")
    if op not in _REDUCE_OPS:
        raise TypeError(f"For {api}, the input op value must be one of sum, prod, min, max, avg")


def _check_async(async_op):
    if not isinstance(async_op, bool):
        raise TypeError(f"The argument 'async_op' must be a bool, but got {type(async_op)}.")


def _check_peer(peer, api, name):
    if not isinstance(peer, int) or isinstance(peer, bool):
        raise TypeError(f"For {api}, the {name} must be int, but got {type(peer)}.")
    if peer != 0:
        raise ValueError(f"For {api}, the {name} rank {peer} does not exist: mindspore_jax runs one "
                         "process (rank 0 of 1).")


def _assign(dst, src, api):
    s = src._data if isinstance(src, Tensor) else jnp.asarray(src)
    d = dst._data
    if tuple(s.shape) != tuple(d.shape):
        if s.size != d.size:
            raise ValueError(f"For {api}, the output shape {tuple(d.shape)} does not match the "
                             f"expected shape {tuple(s.shape)} on a world of 1 rank.")
        s = jnp.reshape(s, d.shape)
    if s.dtype != d.dtype:
        raise TypeError(f"For {api}, the output dtype {dst.dtype} must be the input dtype "
                        f"{Tensor._wrap(s).dtype}.")
    dst._data = s


# --- process group ------------------------------------------------------------------------------
def is_available():
    """Whether distributed communication is available (the single-process world is)."""
    return True


def is_initialized():
    return GlobalComm.INITED


def init_process_group(backend="hccl", init_method=None, timeout=None, world_size=-1, rank=-1,
                       store=None, group_name="", pg_options=None, device_id=None):
    """Initializes the one-process world (``world_size`` / ``rank``, when given, must be 1 / 0)."""
    if pg_options is not None:
        _log.warning("pg_options is ignored, setting is invalid")
    if device_id is not None:
        _log.warning("device_id is ignored, setting is invalid")
    if backend != "hccl":
        raise ValueError("Only support hccl now, please setting backend to hccl or using default value")
    if init_method is not None and store is not None:
        raise ValueError("init_method and store cannot be set at the same time.")
    if world_size not in (-1, 1):
        raise ValueError(f"For 'init_process_group', world_size {world_size} is not supported: "
                         "mindspore_jax runs one process (world size 1).")
    if rank not in (-1, 0):
        raise ValueError(f"For 'init_process_group', rank {rank} does not exist: mindspore_jax runs "
                         "one process (rank 0).")
    _m.init("hccl")


def destroy_process_group(group=None):
    if group is None or group == GlobalComm.WORLD_COMM_GROUP:
        _m.release()
        return
    if not isinstance(group, str):
        raise TypeError("For 'destroy_group', the argument 'group' must be type of string or None, "
                        f"but got 'group' type : {type(group)}.")
    _m.destroy_group(group)


def get_rank(group=None):
    """Rank of this process in ``group``: 0 (also before initialization, as MindSpore 2.10 on
    one process)."""
    group = GlobalComm.WORLD_COMM_GROUP if group is None else group
    if not isinstance(group, str):
        raise TypeError("For 'get_rank', the argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")
    if not GlobalComm.INITED:
        return 0
    return _m.get_rank(group)


def get_world_size(group=None):
    """Number of ranks in ``group``: 1 (also before initialization)."""
    group = GlobalComm.WORLD_COMM_GROUP if group is None else group
    if not isinstance(group, str):
        raise TypeError("For 'get_world_size', the argument 'group' must be type of string, "
                        f"but got 'group' type : {type(group)}.")
    if not GlobalComm.INITED:
        return 1
    return _m.get_group_size(group)


def new_group(ranks=None, timeout=None, backend=None, pg_options=None, use_local_synchronization=False,
              group_desc=None):
    """Creates a group named like MindSpore's (``hccl_<n>_<sha1>``); only ``[0]`` exists here.
    A group that cannot be created is logged and ``""`` returned, as MindSpore does."""
    if ranks is None:
        return GlobalComm.WORLD_COMM_GROUP
    if not isinstance(ranks, list):
        raise TypeError(f"ranks must be list, but got {type(ranks)}")
    ranks = sorted(ranks)
    backend = "hccl" if backend is None else backend
    if not isinstance(backend, str) or backend not in ("hccl", "mccl"):
        raise TypeError(f"the input backend must be hccl or mccl, but got {backend}")
    name = backend + "_" + str(len(ranks)) + "_" + hashlib.sha1(
        bytes("_".join(map(str, ranks)), "utf-8")).hexdigest()
    try:
        if not GlobalComm.INITED:
            raise RuntimeError("For 'create_group', the communication service is not initialized.")
        _m.create_group(name, ranks)
    except (RuntimeError, ValueError) as e:
        _log.warning(str(e))
        return ""
    return name


def get_backend(group=None):
    if group is None:
        return BACKEND_HCCL
    if not isinstance(group, str):
        raise TypeError("For 'get_backend', the argument 'group' must be type of string or None, "
                        f"but got 'group' type : {type(group)}.")
    if BACKEND_HCCL in group:
        return BACKEND_HCCL
    if BACKEND_MCCL in group:
        return BACKEND_MCCL
    return GlobalComm.BACKEND


def get_global_rank(group, group_rank):
    if not isinstance(group_rank, int):
        raise TypeError(f"For 'get_global_rank', the argument 'group_rank' must be type of int, "
                        f"but got 'group_rank' type : {type(group_rank)}.")
    group = _group(group, "get_global_rank")
    return _m.get_world_rank_from_group_rank(group, group_rank)


def get_group_rank(group, global_rank):
    if not isinstance(global_rank, int):
        raise TypeError(f"For 'get_group_rank', the argument 'global_rank' must be type of int, "
                        f"but got 'global_rank' type : {type(global_rank)}.")
    group = _group(group, "get_group_rank")
    return _m.get_group_rank_from_world_rank(global_rank, group)


def get_process_group_ranks(group=None):
    return _m.get_process_group_ranks(_group(group, "get_process_group_ranks"))


# --- collectives (identity on one rank) ----------------------------------------------------------
def all_reduce(tensor, op=ReduceOp.SUM, group=None, async_op=False):
    _check_tensor(tensor, "all_reduce")
    _check_op(op, "all_reduce")
    _group(group, "all_reduce")
    _check_async(async_op)
    return _handle(async_op)


def reduce(tensor, dst, op=ReduceOp.SUM, group=None, async_op=False):
    _check_tensor(tensor, "reduce")
    _check_op(op, "reduce")
    _group(group, "reduce")
    _check_peer(dst, "reduce", "dst")
    _check_async(async_op)
    return _handle(async_op)


def broadcast(tensor, src, group=None, async_op=False):
    _check_tensor(tensor, "broadcast")
    _group(group, "broadcast")
    _check_peer(src, "broadcast", "src")
    _check_async(async_op)
    return _handle(async_op)


def barrier(group=None, async_op=False, device_ids=None):
    _group(group, "barrier")
    _check_async(async_op)
    return _handle(async_op)


def all_gather_into_tensor(output_tensor, input_tensor, group=None, async_op=False):
    _check_tensor(output_tensor, "all_gather_into_tensor", "output_tensor")
    _check_tensor(input_tensor, "all_gather_into_tensor", "input_tensor")
    _group(group, "all_gather_into_tensor")
    _check_async(async_op)
    _assign(output_tensor, input_tensor, "all_gather_into_tensor")
    return _handle(async_op)


def all_gather_into_tensor_uneven(output, input, output_split_sizes=None, group=None, async_op=False):
    if output_split_sizes is not None and list(output_split_sizes) != [input.shape[0] if input.ndim else 1]:
        raise ValueError("For all_gather_into_tensor_uneven, output_split_sizes must have one entry "
                         "(world size 1) equal to the input's first dimension.")
    return all_gather_into_tensor(output, input, group, async_op)



def gather_into_tensor(output_tensor, input_tensor, dst=0, group=None, async_op=False):
    _check_peer(dst, "gather_into_tensor", "dst")
    return all_gather_into_tensor(output_tensor, input_tensor, group, async_op)


def reduce_scatter_tensor(output, input, op=ReduceOp.SUM, group=None, async_op=False):
    _check_tensor(output, "reduce_scatter_tensor", "output")
    _check_tensor(input, "reduce_scatter_tensor", "input")
    _check_op(op, "reduce_scatter_tensor")
    _group(group, "reduce_scatter_tensor")
    _check_async(async_op)
    _assign(output, input, "reduce_scatter_tensor")
    return _handle(async_op)


def reduce_scatter_tensor_uneven(output, input, input_split_sizes=None, op=ReduceOp.SUM, group=None,
                                 async_op=False):
    return reduce_scatter_tensor(output, input, op, group, async_op)


def scatter_tensor(output_tensor, input_tensor, src=0, group=None, async_op=False):
    _check_peer(src, "scatter_tensor", "src")
    return reduce_scatter_tensor(output_tensor, input_tensor, "sum", group, async_op)


def all_gather(tensor_list, tensor, group=None, async_op=False):
    _check_tensor_list(tensor_list, "all_gather")
    _check_tensor(tensor, "all_gather")
    _group(group, "all_gather")
    _check_async(async_op)
    if len(tensor_list) != 1:
        raise TypeError(f"For all_gather, the length of tensor_list ({len(tensor_list)}) must be "
                        "the group size (1).")
    _assign(tensor_list[0], tensor, "all_gather")
    return _handle(async_op)


def reduce_scatter(output, input_list, op=ReduceOp.SUM, group=None, async_op=False):
    _check_tensor(output, "reduce_scatter", "output")
    _check_tensor_list(input_list, "reduce_scatter", "input_list")
    _check_op(op, "reduce_scatter")
    _group(group, "reduce_scatter")
    _check_async(async_op)
    if len(input_list) != 1:
        raise TypeError(f"For reduce_scatter, the length of input_list ({len(input_list)}) must be "
                        "the group size (1).")
    _assign(output, input_list[0], "reduce_scatter")
    return _handle(async_op)


def gather(tensor, gather_list, dst=0, group=None, async_op=False):
    _check_tensor(tensor, "gather")
    _group(group, "gather")
    _check_peer(dst, "gather", "dst")
    _check_async(async_op)
    _check_tensor_list(gather_list, "gather", "gather_list")
    if len(gather_list) != 1:
        raise TypeError("For gather, the length of gather_list must be the group size (1).")
    _assign(gather_list[0], tensor, "gather")
    return _handle(async_op)


def scatter(tensor, scatter_list, src=0, group=None, async_op=False):
    _check_tensor(tensor, "scatter")
    _group(group, "scatter")
    _check_peer(src, "scatter", "src")
    _check_async(async_op)
    _check_tensor_list(scatter_list, "scatter", "scatter_list")
    if len(scatter_list) != 1:
        raise TypeError("For scatter, the length of scatter_list must be the group size (1).")
    _assign(tensor, scatter_list[0], "scatter")
    return _handle(async_op)


def all_to_all(output_tensor_list, input_tensor_list, group=None, async_op=False):
    _check_tensor_list(output_tensor_list, "all_to_all", "output_tensor_list")
    _check_tensor_list(input_tensor_list, "all_to_all", "input_tensor_list")
    _group(group, "all_to_all")
    _check_async(async_op)
    if len(output_tensor_list) != 1 or len(input_tensor_list) != 1:
        raise TypeError("For all_to_all, the lengths of output_tensor_list and input_tensor_list "
                        "must be the group size (1).")
    _assign(output_tensor_list[0], input_tensor_list[0], "all_to_all")
    return _handle(async_op)


def all_to_all_single(output, input, output_split_sizes=None, input_split_sizes=None, group=None,
                      async_op=False):
    _check_tensor(output, "all_to_all_single", "output")
    _check_tensor(input, "all_to_all_single", "input")
    _group(group, "all_to_all_single")
    _check_async(async_op)
    for name, sizes in (("output_split_sizes", output_split_sizes), ("input_split_sizes", input_split_sizes)):
        if sizes and len(sizes) != 1:
            raise ValueError(f"For all_to_all_single, '{name}' must have one entry (world size 1), "
                             f"but got {sizes}.")
    _assign(output, input, "all_to_all_single")
    return _handle(async_op)


# --- point to point: the only peer is this process itself, which MindSpore rejects too ------------
def _p2p(tensor, peer, group, api, name):
    _check_tensor(tensor, api)
    _group(group, api)
    if not isinstance(peer, int) or isinstance(peer, bool):
        raise TypeError(f"For {api}, the {name} must be int, but got {type(peer)}.")
    raise ValueError(f"For {api}, the {name} rank {peer} is not a peer: mindspore_jax runs one "
                     "process (rank 0 of 1) and cannot send to or receive from itself.")


def send(tensor, dst=0, group=None, tag=0):
    _p2p(tensor, dst, group, "send", "dst")


def recv(tensor, src=0, group=None, tag=0):
    _p2p(tensor, src, group, "recv", "src")


def isend(tensor, dst=0, group=None, tag=0):
    _p2p(tensor, dst, group, "isend", "dst")


def irecv(tensor, src=0, group=None, tag=0):
    _p2p(tensor, src, group, "irecv", "src")


class P2POp:
    """``P2POp(op, tensor, peer, group=None, tag=0)``: a send/recv for ``batch_isend_irecv``."""

    def __new__(cls, op, tensor, peer, group=None, tag=0):
        if isinstance(op, str):
            if op not in ("isend", "irecv"):
                raise TypeError(f"Expected op to be of type isend or irecv, but got {op}")
        elif op not in (isend, irecv) and getattr(op, "__name__", None) not in ("isend", "irecv"):
            raise TypeError(f"Expected op to be of type isend or irecv, but got {op}")
        if not isinstance(tensor, Tensor):
            raise TypeError(f"Expected tensor to be Tensor, but got {type(tensor)}.")
        if not isinstance(peer, int):
            raise TypeError("For P2POp, the peer must be int")
        if tag != 0:
            raise NotImplementedError("tag is not support yet.")
        return object.__new__(cls)

    def __init__(self, op, tensor, peer, group=None, tag=0):
        self.op = op
        self.tensor = tensor
        self.peer = peer
        self.group = group
        self.tag = tag


def batch_isend_irecv(p2p_op_list):
    if not isinstance(p2p_op_list, list) or not p2p_op_list or \
            not all(isinstance(p, P2POp) for p in p2p_op_list):
        raise TypeError("The input arg p2p_op_list must be a non-empty list of P2POp.")
    for p in p2p_op_list:
        name = p.op if isinstance(p.op, str) else p.op.__name__
        _p2p(p.tensor, p.peer, p.group, "batch_isend_irecv", "dst" if name == "isend" else "src")
    return [CommHandle()]


# --- object collectives --------------------------------------------------------------------------
def all_gather_object(object_list, obj, group=None):
    _group(group, "all_gather_object")
    if not isinstance(object_list, list) or len(object_list) != 1:
        raise TypeError("For all_gather_object, object_list must be a list of length group size (1).")
    object_list[0] = copy.deepcopy(obj)


def broadcast_object_list(object_list, src=0, group=None, device=None):
    _group(group, "broadcast_object_list")
    _check_peer(src, "broadcast_object_list", "src")
    if not isinstance(object_list, list):
        raise TypeError(f"For broadcast_object_list, object_list must be list, but got {type(object_list)}.")


def gather_object(obj, object_gather_list=None, dst=0, group=None):
    _group(group, "gather_object")
    _check_peer(dst, "gather_object", "dst")
    if not isinstance(object_gather_list, list) or len(object_gather_list) != 1:
        raise TypeError("For gather_object, object_gather_list must be a list of length group size (1) "
                        "on the dst rank.")
    object_gather_list[0] = copy.deepcopy(obj)


def scatter_object_list(scatter_object_output_list, scatter_object_input_list, src=0, group=None):
    _group(group, "scatter_object_list")
    _check_peer(src, "scatter_object_list", "src")
    if not isinstance(scatter_object_output_list, list) or len(scatter_object_output_list) < 1:
        raise TypeError("For scatter_object_list, scatter_object_output_list must be a non-empty list.")
    if not isinstance(scatter_object_input_list, list) or len(scatter_object_input_list) != 1:
        raise TypeError("For scatter_object_list, scatter_object_input_list must be a list of length "
                        "group size (1).")
    scatter_object_output_list[0] = copy.deepcopy(scatter_object_input_list[0])


def send_object_list(object_list, dst, group=None, device=None):
    _group(group, "send_object_list")
    _check_peer(dst, "send_object_list", "dst")
    raise ValueError("For send_object_list, rank 0 cannot send to itself: mindspore_jax runs one process.")


def recv_object_list(object_list, src=0, group=None, device=None):
    _group(group, "recv_object_list")
    _check_peer(src, "recv_object_list", "src")
    raise ValueError("For recv_object_list, rank 0 cannot receive from itself: mindspore_jax runs one "
                     "process.")


class TCPStore:
    """An in-process key-value store standing in for MindSpore's TCPStore (one process: no server)."""

    def __init__(self, host_name=None, port=None, world_size=None, is_master=False, timeout=None,
                 wait_for_workers=True, multi_tenant=False, master_listen_fd=None, use_libuv=True):
        self._kv = {}

    def add(self, key, amount):
        v = int(self._kv.get(key, b"0")) + int(amount)
        self._kv[key] = str(v).encode()
        return v

    def set(self, key, value):
        self._kv[key] = value.encode() if isinstance(value, str) else bytes(value)

    def get(self, key):
        return self._kv.get(key, b"")

    def delete_key(self, key):
        return self._kv.pop(key, None) is not None


__all__ = ["TCPStore", "init_process_group", "destroy_process_group", "get_rank", "get_world_size",
           "new_group", "get_backend", "get_global_rank", "get_process_group_ranks", "get_group_rank",
           "all_reduce", "all_gather_into_tensor", "all_gather_into_tensor_uneven", "all_to_all",
           "all_to_all_single", "reduce_scatter_tensor", "reduce_scatter_tensor_uneven", "isend",
           "irecv", "send", "recv", "gather", "scatter", "all_gather", "reduce_scatter", "barrier",
           "broadcast", "reduce", "P2POp", "batch_isend_irecv", "send_object_list", "recv_object_list",
           "all_gather_object", "broadcast_object_list", "gather_object", "scatter_object_list",
           "is_available", "is_initialized", "gather_into_tensor", "scatter_tensor"]
