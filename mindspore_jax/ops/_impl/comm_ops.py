"""``mindspore.ops`` communication functionals (``ops.all_reduce``, ``ops.broadcast``...).

MindSpore 2.10 exports the functions of ``mint.distributed`` from ``mindspore.ops`` as well
(in-place by default: results are written into the given tensors, a handle is returned). They
live once in ``communication/comm_func.py`` (single process: rank 0 of 1); this family only
exports them. ``gather`` / ``scatter`` are not re-exported: ``ops.gather`` / ``ops.scatter`` are
the array ops.
"""

from ...communication import comm_func as _cf
from .._registry import functional

for _name in ("P2POp", "all_gather", "all_gather_into_tensor", "all_gather_into_tensor_uneven",
              "all_gather_object", "all_reduce", "all_to_all", "all_to_all_single", "barrier",
              "batch_isend_irecv", "broadcast", "broadcast_object_list", "destroy_process_group",
              "gather_into_tensor", "gather_object", "get_backend", "get_global_rank",
              "get_group_rank", "get_process_group_ranks", "get_rank", "get_world_size",
              "init_process_group", "irecv", "is_available", "is_initialized", "isend", "new_group",
              "recv", "recv_object_list", "reduce", "reduce_scatter", "reduce_scatter_tensor",
              "reduce_scatter_tensor_uneven", "scatter_object_list", "scatter_tensor", "send",
              "send_object_list"):
    functional(getattr(_cf, _name), name=_name)
