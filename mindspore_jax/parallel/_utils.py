"""``mindspore.parallel._utils``: the private helpers model-zoo scripts call to learn their
parallel setup. One process: stand-alone mode, one device, rank 0, unless a script set
other values with ``set_auto_parallel_context`` (then they are reported back as stored)."""

from __future__ import annotations

from .. import context
from ._auto_parallel_context import auto_parallel_context

_ctx = auto_parallel_context()


def _get_parallel_mode():
    return _ctx.get_parallel_mode()


def _is_in_auto_parallel_mode():
    return _get_parallel_mode() in (context.ParallelMode.SEMI_AUTO_PARALLEL,
                                    context.ParallelMode.AUTO_PARALLEL)


def _is_in_data_parallel_mode():
    return _get_parallel_mode() == context.ParallelMode.DATA_PARALLEL


def _is_in_hybrid_parallel_mode():
    return _get_parallel_mode() == context.ParallelMode.HYBRID_PARALLEL


def _is_parallel_mode():
    return _get_parallel_mode() != context.ParallelMode.STAND_ALONE


def _is_initialized():
    from ..communication.management import GlobalComm

    return GlobalComm.INITED


def _get_gradients_mean():
    return _ctx.get_gradients_mean()


def _get_device_num():
    if _get_parallel_mode() == context.ParallelMode.STAND_ALONE:
        return 1
    return context._auto_parallel.get("device_num", 1)


def _get_global_rank():
    if _get_parallel_mode() == context.ParallelMode.STAND_ALONE:
        return 0
    return context._auto_parallel.get("global_rank", 0)


def _get_stage_device_num():
    return _get_device_num() // max(_ctx.get_pipeline_stages(), 1)


def _get_enable_parallel_optimizer():
    return _ctx.get_enable_parallel_optimizer()


def _get_pipeline_stages():
    return _ctx.get_pipeline_stages()


def _get_full_batch():
    return _ctx.get_full_batch()


def _get_parameter_broadcast():
    return _ctx.get_parameter_broadcast()


def _get_grad_accumulation_shard():
    return _ctx.get_grad_accumulation_shard()


def _is_sharding_propagation():
    return _ctx.get_sharding_propagation()


def _get_auto_parallel_net(network):
    return network
