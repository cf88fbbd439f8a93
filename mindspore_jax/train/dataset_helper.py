"""``DatasetHelper`` and ``connect_network_with_dataset``: how Model feeds a network.

Non-sink mode iterates the dataset one batch (a tuple of Tensors) per step. Sink mode in
GRAPH_MODE is MindSpore's loop sink done the XLA way: the helper stacks ``sink_size`` batches
into Tensors of shape ``(sink_size, ...)`` on the host, and the network returned by
``connect_network_with_dataset`` runs all those steps inside ONE compiled executable (a
``lax.scan`` whose carry holds every Parameter the step reads or writes). So one Python call
and one host->device transfer serve ``sink_size`` steps, and the result is the last step's
output, as in MindSpore. In PYNATIVE_MODE sink mode runs step by step (as MindSpore's PyNative
sink does). Any object with ``create_tuple_iterator`` and ``get_dataset_size`` works as a
dataset; a plain iterable of tuples (with ``len``) does too.
"""

from __future__ import annotations

import weakref

import jax
import numpy as np

from .. import context
from ..common.tensor import Tensor
from . import _check as Validator

__all__ = ["DatasetHelper", "connect_network_with_dataset"]


# --- reading a dataset ----------------------------------------------------------------------------

def _dataset_size(dataset):
    if hasattr(dataset, "get_dataset_size"):
        return dataset.get_dataset_size()
    return len(dataset)


def _as_tensor(x):
    if isinstance(x, Tensor):
        return x
    return Tensor(np.asarray(x))


def _as_tuple(item):
    if isinstance(item, dict):
        item = tuple(item.values())
    if isinstance(item, (tuple, list)):
        return tuple(_as_tensor(x) for x in item)
    return (_as_tensor(item),)


def _one_epoch(dataset, output_numpy=False):
    """An iterator over one epoch of ``dataset``, each element a tuple (of Tensors, or numpy)."""
    if hasattr(dataset, "create_tuple_iterator"):
        try:
            it = dataset.create_tuple_iterator(num_epochs=1, output_numpy=output_numpy)
        except TypeError:
            it = dataset.create_tuple_iterator(num_epochs=1)
        for item in it:
            yield tuple(item) if isinstance(item, (tuple, list)) else (item,)
        return
    for item in dataset:
        if output_numpy:
            if isinstance(item, dict):
                item = tuple(item.values())
            items = item if isinstance(item, (tuple, list)) else (item,)
            yield tuple(x.asnumpy() if isinstance(x, Tensor) else np.asarray(x) for x in items)
        else:
            yield _as_tuple(item)


def _stream(dataset, num_epochs, output_numpy=False):
    """Batches of ``num_epochs`` epochs back to back (what a device queue would receive)."""
    epoch = 0
    while num_epochs < 0 or epoch < num_epochs:
        for item in _one_epoch(dataset, output_numpy):
            yield item
        epoch += 1


_ARR = object()  # marks an array leaf among a step's outputs


class _Group(tuple):
    """Stacked batches of one shape signature; a sink chunk is one or more groups."""


def _stack(batches):
    cols = list(zip(*batches))
    out = []
    for col in cols:
        if all(isinstance(c, Tensor) for c in col):
            out.append(Tensor._wrap(jax.numpy.stack([c._data for c in col])))
        else:
            out.append(Tensor(np.stack([c.asnumpy() if isinstance(c, Tensor) else np.asarray(c)
                                        for c in col])))
    return tuple(out)


def _sig(batch):
    return tuple((np.shape(x), str(x.dtype) if hasattr(x, "dtype") else type(x)) for x in batch)


def _make_chunk(batches):
    """Stacks batches; batches of different shapes (a short last batch) form separate groups."""
    groups, cur, cur_sig = [], [], None
    for b in batches:
        s = _sig(b)
        if cur and s != cur_sig:
            groups.append(_Group(_stack(cur)))
            cur = []
        cur.append(b)
        cur_sig = s
    if cur:
        groups.append(_Group(_stack(cur)))
    if len(groups) == 1:
        return tuple(groups[0])
    return tuple(groups)


# --- iterators --------------------------------------------------------------------------------------

class _DatasetIterNormal:
    """One batch per step; each ``for`` over it is one epoch."""

    def __init__(self, dataset, epoch_num=-1):
        self.dataset = dataset
        self.epoch_num = epoch_num
        self._it = None

    def __iter__(self):
        self._it = _one_epoch(self.dataset)
        return self

    def __next__(self):
        if self._it is None:
            self._it = _one_epoch(self.dataset)
        return next(self._it)

    def get_sink_size(self):
        return 1


class _DatasetIterSink:
    """Each ``for`` yields ``sink_count`` items taken from a continuous stream of batches.

    GRAPH_MODE: one item = one stacked chunk of ``sink_size`` batches. PYNATIVE_MODE: one item
    per batch, ``sink_size`` of them per ``for``.
    """

    def __init__(self, dataset, sink_size, epoch_num, stacked):
        self.dataset = dataset
        self.sink_size = sink_size
        self.stacked = stacked
        self.sink_count = 1 if stacked else sink_size
        self._stream = _stream(dataset, epoch_num, output_numpy=stacked)
        self._left = 0

    def __iter__(self):
        self._left = self.sink_count
        return self

    def __next__(self):
        if self._left <= 0:
            raise StopIteration
        self._left -= 1
        if not self.stacked:
            return _as_tuple(next(self._stream))
        batches = []
        for item in self._stream:
            batches.append(item)
            if len(batches) == self.sink_size:
                break
        if not batches:
            raise StopIteration
        return _make_chunk(batches)

    def get_sink_size(self):
        return self.sink_size if self.stacked else 1


class DatasetHelper:
    """Iterates a dataset for Model: batches (non-sink) or stacked sink chunks (sink)."""

    def __init__(self, dataset, dataset_sink_mode=True, sink_size=-1, epoch_num=1):
        dataset_sink_mode = Validator.check_bool(dataset_sink_mode)
        Validator.check_is_int(sink_size)
        if sink_size < -1 or sink_size == 0:
            raise ValueError(
                "The 'sink_size' must be -1 or positive, but got sink_size {}.".format(sink_size))
        if sink_size == -1:
            sink_size = _dataset_size(dataset)
        self.dataset = dataset
        self.dataset_sink_mode = dataset_sink_mode
        if dataset_sink_mode:
            stacked = context.get_context("mode") == context.GRAPH_MODE
            self.iter = _DatasetIterSink(dataset, sink_size, epoch_num, stacked)
        else:
            self.iter = _DatasetIterNormal(dataset, epoch_num=epoch_num)

    def __iter__(self):
        return self.iter.__iter__()

    def types_shapes(self):
        """Column dtypes and shapes of one batch."""
        if hasattr(self.dataset, "output_types") and hasattr(self.dataset, "output_shapes"):
            return self.dataset.output_types(), self.dataset.output_shapes()
        first = next(_one_epoch(self.dataset))
        return [x.dtype for x in first], [list(x.shape) for x in first]

    def sink_size(self):
        """Steps one item of this helper runs (sink_size in GRAPH sink mode, else 1)."""
        return self.iter.get_sink_size()

    def stop_send(self):
        pass

    def release(self):
        pass

    def continue_send(self):
        pass

    def get_data_info(self):
        return self.types_shapes()

    def get_mbuf_queue_size(self):
        return 0

    def get_send_info(self, run_context):
        return None


# --- the sink network -------------------------------------------------------------------------------

def _bound_params():
    """Parameters bound by the enclosing trace frames (the compiled function's inputs)."""
    from ..common._state import ACTIVE

    out, f = [], ACTIVE[0]
    while f is not None:
        out += [p for p, _ in f.bound.values()]
        f = f.parent
    return out


def _scan_steps(network, stacked):
    """Runs ``network`` once per leading index of ``stacked``; Parameters ride in the scan carry."""
    from jax import lax

    from .._graph.autodiff import to_arrays, to_tensors
    from .._graph.frame import Frame
    from ..common.rng import RNG_STATE

    params, seen = [], set()
    for p in list(network._param_list()) + [RNG_STATE] + _bound_params():
        if id(p) not in seen:
            seen.add(id(p))
            params.append(p)
    init = [lax.convert_element_type(p._data, p._data.dtype) for p in params]
    xs = [t._data for t in stacked]
    out_desc = {}

    def body(carry, x):
        frame = Frame("grad", params, carry)
        frame.__enter__()
        try:
            out = network(*[Tensor._wrap(a) for a in x])
        except BaseException:
            frame.abort()
            raise
        writes = frame.close()
        stray = [p.name for pid, (p, _) in writes.items() if pid not in seen]
        if stray:
            root = frame.root_jit
            if root is None or not root.missing:
                raise RuntimeError(f"For 'Model.train' in sink mode, the step wrote Parameters "
                                   f"{stray} that the sink loop does not carry.")
        new = [lax.convert_element_type(writes[id(p)][1], c.dtype) if id(p) in writes else c
               for p, c in zip(params, carry)]
        leaves, treedef = jax.tree_util.tree_flatten(
            to_arrays(out), is_leaf=lambda a: not isinstance(a, (tuple, list, dict)))
        arrays = [a for a in leaves if isinstance(a, (jax.Array, jax.core.Tracer))]
        out_desc["tree"] = treedef
        out_desc["static"] = [_ARR if isinstance(a, (jax.Array, jax.core.Tracer)) else a for a in leaves]
        return new, arrays

    final, ys = lax.scan(body, init, xs)
    for p, v in zip(params, final):
        p._data = v
    it = iter(y[-1] for y in ys)
    leaves = [next(it) if s is _ARR else s for s in out_desc["static"]]
    return to_tensors(jax.tree_util.tree_unflatten(out_desc["tree"], leaves))


def _sink_wrapper_class():
    from ..nn.cell import Cell

    class _DataWrapper(Cell):
        """Runs a stacked chunk of batches through ``network`` in one compiled loop."""

        def __init__(self, network):
            super().__init__(auto_prefix=False, flags=network.get_flags())
            self.network = network

        def construct(self, *stacked):
            return _scan_steps(self.network, stacked)

        def __call__(self, *inputs):
            if inputs and all(isinstance(g, _Group) for g in inputs):
                out = None
                for g in inputs:
                    out = super().__call__(*g)
                return out
            return super().__call__(*inputs)

    return _DataWrapper


_WRAPPERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_CLASS = []


def connect_network_with_dataset(network, dataset_helper):
    """The network to call with the items of a sink-mode ``dataset_helper``.

    GRAPH_MODE: a wrapper running a whole stacked chunk per call (cached per network, so the
    compiled loop is reused every epoch). PYNATIVE_MODE: ``network`` itself (step by step).
    """
    if not isinstance(dataset_helper.iter, _DatasetIterSink):
        raise RuntimeError(
            "The API 'connect_network_with_dataset' should be called in dataset sink mode.")
    if not dataset_helper.iter.stacked:
        return network
    if not _CLASS:
        _CLASS.append(_sink_wrapper_class())
    if isinstance(network, _CLASS[0]):
        return network
    wrapper = _WRAPPERS.get(network)
    if wrapper is None:
        wrapper = _WRAPPERS[network] = _CLASS[0](network)
    wrapper.add_flags(sink_mode=True)
    return wrapper
