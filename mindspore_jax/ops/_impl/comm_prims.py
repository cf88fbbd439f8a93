"""Communication primitives on one process: ``Barrier``, ``Reduce``, ``AllGatherV``,
``ReduceScatterV``, ``AlltoAllV``, ``CollectiveGather``, ``CollectiveScatter``, ``Send``,
``Receive``, ``NeighborExchange``, ``NeighborExchangeV2``.

The world is rank 0 of 1 (``communication/management.py``): like ``AllReduce`` & co.
(``misc_ops.py``) a collective over one rank returns its input, and a peer rank other than 0
is rejected with the same checks as the functional API (``communication/comm_func.py``).
Send/Receive have no peer at all (a process cannot send to itself), so they raise.
``NeighborExchange``/``NeighborExchangeV2`` accept rank 0 as the neighbour (a periodic
exchange with oneself) and ``-1`` for none.
"""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...communication import comm_func as _cf
from .._registry import primitive, raise_error
from .misc_ops import _Collective


def _arr(x):
    return x._data if isinstance(x, Tensor) else jnp.asarray(x)


def _sizes(v):
    if isinstance(v, Tensor):
        return [int(i) for i in v.asnumpy().reshape(-1)]
    if isinstance(v, (list, tuple)):
        return [int(i) for i in v]
    return [int(v)]


class _Comm(_Collective):
    """A one-rank collective with MindSpore's attributes (group, rank_size, rank_id...)."""

    def __init__(self, name, group=None, **attrs):
        super().__init__(name, group)
        self.add_prim_attr("group", self.group)
        for k, v in attrs.items():
            setattr(self, k, v)
            self.add_prim_attr(k, v)


@primitive
class Barrier(_Comm):
    """Blocks until every process of the group arrives: at once on one process; returns a (1,)
    float32 Tensor of no meaning (MindSpore's output)."""

    def __init__(self, group=None):
        super().__init__("Barrier", group)
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self):
        return Tensor._wrap(jnp.zeros((1,), jnp.float32))


@primitive
class Reduce(_Comm):
    """Reduces the tensors of the group onto ``dest_rank``: over one rank, the input itself."""

    def __init__(self, dest_rank, op="sum", group=None):
        if not isinstance(op, str):
            raise_error(TypeError, "Reduce", f"the 'op' must be str, but got {type(op).__name__}.")
        super().__init__("Reduce", group)
        self.dest_rank, self.op = dest_rank, op
        self.add_prim_attr("dest_rank", dest_rank).add_prim_attr("op", op).add_prim_attr("group", self.group)

    def __call__(self, x):
        _cf._check_peer(self.dest_rank, "Reduce", "dest_rank")
        return x


def _check_split(prim, sizes, n, what):
    if len(sizes) != 1 or sizes[0] != n:
        raise_error(
            ValueError,
            prim,
            f"the '{what}' must have one entry (world size 1) equal to the number of "
            f"elements {n}, but got {sizes}.",
        )


@primitive
class AllGatherV(_Comm):
    """Gathers 1-D tensors of uneven sizes: over one rank, the (flattened) input."""

    def __init__(self, group=None):
        super().__init__("AllGatherV", group, rank_size=1, mean_flag=False, rank_id=0)

    def __call__(self, input_x, output_split_sizes):
        xa = _arr(input_x)
        _check_split(self.name, _sizes(output_split_sizes), int(xa.size), "output_split_sizes")
        return Tensor._wrap(xa.reshape(-1))


@primitive
class ReduceScatterV(_Comm):
    """Reduces then scatters uneven 1-D chunks: over one rank, the (flattened) input."""

    def __init__(self, op="sum", group=None):
        if not isinstance(op, str):
            raise_error(TypeError, "ReduceScatterV", f"the 'op' must be str, but got {type(op).__name__}.")
        super().__init__("ReduceScatterV", group, op=op, rank_size=1, rank_id=0)

    def __call__(self, input_x, input_split_sizes):
        xa = _arr(input_x)
        _check_split(self.name, _sizes(input_split_sizes), int(xa.size), "input_split_sizes")
        return Tensor._wrap(xa.reshape(-1))


@primitive
class AlltoAllV(_Comm):
    """Uneven all-to-all of a flat tensor: over one rank the input is sent to and received by
    itself (``send_numel_list == recv_numel_list == [numel / block_size]``)."""

    def __init__(self, group=None, block_size=1):
        if not isinstance(block_size, int) or isinstance(block_size, bool):
            raise_error(
                TypeError, "AlltoAllV", f"the 'block_size' must be int, but got {type(block_size).__name__}."
            )
        super().__init__("AlltoAllV", group, block_size=block_size)

    def __call__(self, input_x, send_numel_list, recv_numel_list):
        xa = _arr(input_x)
        n = int(xa.size)
        send, recv = _sizes(send_numel_list), _sizes(recv_numel_list)
        for what, s in (("send_numel_list", send), ("recv_numel_list", recv)):
            if len(s) != 1 or s[0] * self.block_size != n:
                raise_error(
                    ValueError,
                    self.name,
                    f"the '{what}' must have one entry (world size 1) of "
                    f"{n // max(self.block_size, 1)} blocks of {self.block_size}, but got {s}.",
                )
        return Tensor._wrap(xa.reshape(-1))


@primitive
class CollectiveGather(_Comm):
    """Gathers the group's tensors along axis 0 on ``dest_rank``: over one rank, the input."""

    def __init__(self, dest_rank, group=None):
        super().__init__("CollectiveGather", group, rank_size=1, dest_rank=dest_rank, rank_id=0)

    def __call__(self, input_x):
        _cf._check_peer(self.dest_rank, "CollectiveGather", "dest_rank")
        return input_x


@primitive
class CollectiveScatter(_Comm):
    """Scatters ``src_rank``'s tensor evenly along axis 0: over one rank, the input."""

    def __init__(self, src_rank=0, group=None):
        super().__init__("CollectiveScatter", group, src_rank=src_rank, rank_id=0, rank_size=1)

    def __call__(self, input_x):
        _cf._check_peer(self.src_rank, "CollectiveScatter", "src_rank")
        return input_x


def _no_peer(prim, name, rank):
    if not isinstance(rank, int) or isinstance(rank, bool):
        raise_error(TypeError, prim, f"the '{name}' must be int, but got {type(rank).__name__}.")
    raise_error(
        ValueError,
        prim,
        f"the '{name}' {rank} is not a peer: mindspore_jax runs one process (rank 0 of "
        "1), which cannot send to or receive from itself.",
    )


@primitive
class Send(_Comm):
    """Sends to ``dest_rank`` (paired with a Receive of the same ``sr_tag``): no peer exists."""

    def __init__(self, sr_tag, dest_rank, group=None, group_back=None):
        super().__init__("Send", group)
        self.sr_tag, self.rank, self.dest_rank = sr_tag, dest_rank, dest_rank
        gb = self.group if group_back is None else group_back
        for k, v in (
            ("sr_tag", sr_tag),
            ("dest_rank", dest_rank),
            ("group", self.group),
            ("group_back", gb),
            ("no_eliminate", True),
        ):
            self.add_prim_attr(k, v)

    def __call__(self, input_x):
        _no_peer(self.name, "dest_rank", self.dest_rank)


_RECV_TYPES = (
    "Float16",
    "Float32",
    "Float64",
    "BFloat16",
    "Int8",
    "Int16",
    "Int32",
    "Int64",
    "UInt8",
    "UInt16",
    "UInt32",
    "UInt64",
)


@primitive
class Receive(_Comm):
    """Receives a (shape, dtype) tensor from ``src_rank``: no peer exists."""

    def __init__(self, sr_tag, src_rank, shape, dtype, group=None, group_back=None):
        super().__init__("Receive", group)
        if not isinstance(dtype, mstype.Type) or str(dtype) not in _RECV_TYPES:
            raise_error(
                TypeError, "Receive", f"the 'dtype' must be one of {list(_RECV_TYPES)}, but got {dtype}."
            )
        self.rank, self.tag, self.shape, self.dtype = src_rank, sr_tag, shape, dtype
        gb = self.group if group_back is None else group_back
        for k, v in (
            ("sr_tag", sr_tag),
            ("src_rank", src_rank),
            ("shape", shape),
            ("dtype", dtype),
            ("group", self.group),
            ("group_back", gb),
            ("no_eliminate", True),
        ):
            self.add_prim_attr(k, v)

    def __call__(self, input_x=None):
        _no_peer(self.name, "src_rank", self.rank)


def _check_ids(prim, name, ids):
    for r in ids:
        if r != -1 and not (isinstance(r, int) and 0 <= r < 1):
            raise_error(ValueError, prim, f"the 'rank_id in {name}' must be in range of [0, 1), but got {r}.")


@primitive
class NeighborExchange(_Comm):
    """Sends ``input_x[i]`` to ``send_rank_ids[i]`` and receives ``recv_shapes[j]`` from
    ``recv_rank_ids[j]``. The only rank is 0: exchanging with itself, what it sends is what it
    receives (in order, cast to ``recv_type``)."""

    def __init__(self, send_rank_ids, recv_rank_ids, recv_shapes, send_shapes, recv_type, group=None):
        super().__init__("NeighborExchange", group)
        self.send_rank_ids, self.recv_rank_ids = send_rank_ids, recv_rank_ids
        self.recv_shapes, self.send_shapes, self.recv_type = recv_shapes, send_shapes, recv_type
        for k, v in (
            ("send_rank_ids", send_rank_ids),
            ("recv_rank_ids", recv_rank_ids),
            ("recv_shapes", recv_shapes),
            ("send_shapes", send_shapes),
            ("recv_type", recv_type),
            ("group", self.group),
            ("no_eliminate", True),
        ):
            self.add_prim_attr(k, v)

    def __call__(self, input_x):
        _check_ids(self.name, "send_rank_ids", self.send_rank_ids)
        _check_ids(self.name, "recv_rank_ids", self.recv_rank_ids)
        xs = list(input_x) if isinstance(input_x, (list, tuple)) else [input_x]
        if len(self.send_rank_ids) != len(xs) or len(self.send_shapes) != len(xs):
            raise_error(
                ValueError,
                self.name,
                f"the number of inputs ({len(xs)}) must equal the lengths of "
                f"'send_rank_ids' and 'send_shapes', but got {len(self.send_rank_ids)} and "
                f"{len(self.send_shapes)}.",
            )
        if len(self.recv_rank_ids) != len(self.recv_shapes):
            raise_error(
                ValueError, self.name, "the lengths of 'recv_rank_ids' and 'recv_shapes' must be equal."
            )
        if len(self.recv_rank_ids) != len(xs):
            raise_error(
                ValueError,
                self.name,
                f"on one process every send goes to rank 0 and is received back: "
                f"{len(xs)} sends but {len(self.recv_rank_ids)} receives.",
            )
        outs = []
        dt = mstype.to_np(self.recv_type)
        for x, shp, sshp in zip(xs, self.recv_shapes, self.send_shapes):
            a = _arr(x)
            if tuple(a.shape) != tuple(sshp) or tuple(sshp) != tuple(shp):
                raise_error(
                    ValueError,
                    self.name,
                    f"the sent shape {tuple(a.shape)} must match 'send_shapes' "
                    f"{tuple(sshp)} and 'recv_shapes' {tuple(shp)}.",
                )
            outs.append(Tensor._wrap(a.astype(dt)))
        return tuple(outs)


@primitive
class NeighborExchangeV2(_Comm):
    """Halo exchange of an NCHW tensor with its 8 neighbours (top, top-right, right, bottom-right,
    bottom, bottom-left, left, top-left). On one process a neighbour is rank 0 itself (a periodic
    boundary: the halo wraps around) or -1 (none: zeros); the output is x grown by
    ``recv_lens`` = [top, bottom, left, right]."""

    def __init__(self, send_rank_ids, send_lens, recv_rank_ids, recv_lens, data_format, group=None):
        super().__init__("NeighborExchangeV2", group)
        _check_ids(self.name, "send_rank_ids", send_rank_ids)
        _check_ids(self.name, "recv_rank_ids", recv_rank_ids)
        self.send_rank_ids, self.recv_rank_ids = send_rank_ids, recv_rank_ids
        self.send_lens, self.recv_lens, self.format = send_lens, recv_lens, data_format
        self.rank_size = 1
        for k, v in (
            ("send_rank_ids", send_rank_ids),
            ("send_lens", send_lens),
            ("recv_rank_ids", recv_rank_ids),
            ("recv_lens", recv_lens),
            ("data_format", data_format),
            ("group", self.group),
            ("no_eliminate", True),
        ):
            self.add_prim_attr(k, v)

    def __call__(self, tensor):
        x = _arr(tensor)
        if len(self.send_rank_ids) != 8 or len(self.recv_rank_ids) != 8:
            raise_error(ValueError, self.name, "the 'send_rank_ids' and 'recv_rank_ids' must have 8 entries.")
        if len(self.send_lens) != 4 or len(self.recv_lens) != 4:
            raise_error(ValueError, self.name, "the 'send_lens' and 'recv_lens' must have 4 entries.")
        if self.format != "NCHW" or x.ndim != 4:
            raise_error(
                ValueError,
                self.name,
                f"only 4-D NCHW input is supported, but got {self.format} with shape {tuple(x.shape)}.",
            )
        rt, rb, rl, rr = (int(v) for v in self.recv_lens)
        h, w = x.shape[2], x.shape[3]
        if rt > h or rb > h or rl > w or rr > w:
            raise_error(
                ValueError, self.name, f"the 'recv_lens' {self.recv_lens} exceed the input's H, W ({h}, {w})."
            )
        y = jnp.pad(x, ((0, 0), (0, 0), (rt, rb), (rl, rr)), mode="wrap")
        mask = np.ones(y.shape[2:], bool)
        rows = {"t": slice(0, rt), "b": slice(rt + h, rt + h + rb), "m": slice(rt, rt + h)}
        cols = {"l": slice(0, rl), "r": slice(rl + w, rl + w + rr), "m": slice(rl, rl + w)}
        regions = [
            ("t", "m"),
            ("t", "r"),
            ("m", "r"),
            ("b", "r"),
            ("b", "m"),
            ("b", "l"),
            ("m", "l"),
            ("t", "l"),
        ]
        for rid, (r, c) in zip(self.recv_rank_ids, regions):
            if rid == -1:
                mask[rows[r], cols[c]] = False
        return Tensor._wrap(jnp.where(jnp.asarray(mask), y, jnp.zeros((), y.dtype)))


@primitive
class AlltoAllVC(_Comm):
    """AlltoAllV with all ranks' counts in one ``send_count_matrix`` (rank_size x rank_size): over
    one rank the matrix is ``[numel / block_size]`` and the (flattened) input comes back."""

    def __init__(self, group=None, block_size=1, transpose=False):
        if not isinstance(block_size, int) or isinstance(block_size, bool):
            raise_error(
                TypeError, "AlltoAllVC", f"the 'block_size' must be int, but got {type(block_size).__name__}."
            )
        super().__init__(
            "AlltoAllVC", group, block_size=block_size, transpose=transpose, rank_size=1, rank_id=0
        )

    def __call__(self, input_x, send_count_matrix):
        xa = _arr(input_x)
        counts = _sizes(send_count_matrix)
        if len(counts) != 1 or counts[0] * self.block_size != int(xa.size):
            raise_error(
                ValueError,
                self.name,
                f"the 'send_count_matrix' must hold one count (world size 1) of "
                f"{int(xa.size) // max(self.block_size, 1)} blocks of {self.block_size}, but got {counts}.",
            )
        return Tensor._wrap(xa.reshape(-1))
