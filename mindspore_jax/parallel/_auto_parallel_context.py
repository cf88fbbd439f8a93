"""``mindspore.parallel._auto_parallel_context``: the object behind ``set_auto_parallel_context``.

Model-zoo scripts read it directly (``auto_parallel_context().get_device_num()``). It views the
settings stored by ``mindspore_jax.context``; every ``get_<key>()`` returns the stored value
or MindSpore's default, and ``set_<key>(v)`` stores it. One process: nothing is distributed.
"""

from __future__ import annotations

from .. import context

_DEFAULTS = {
    "parallel_mode": context.ParallelMode.STAND_ALONE, "device_num": 1, "global_rank": 0,
    "gradients_mean": False, "gradient_fp32_sync": True, "loss_repeated_mean": True,
    "full_batch": False, "enable_parallel_optimizer": False, "parameter_broadcast": False,
    "pipeline_stages": 1, "grad_accumulation_step": 1, "search_mode": "recursive_programming",
    "auto_parallel_search_mode": "recursive_programming", "strategy_search_mode":
    "recursive_programming", "strategy_ckpt_load_file": "", "strategy_ckpt_save_file": "",
    "all_reduce_fusion_split_indices": [], "all_reduce_fusion_split_sizes": [],
    "enable_all_reduce_fusion": True, "enable_all_gather_fusion": True,
    "enable_reduce_scatter_fusion": True, "communi_parallel_mode": "all_group_parallel",
    "sharding_propagation": False, "dataset_strategy": "data_parallel",
    "optimizer_weight_shard_size": -1, "optimizer_weight_shard_aggregated_save": False,
    "grad_accumulation_shard": False, "parallel_optimizer_threshold": 64, "enable_alltoall": False,
    "pipeline_segments": 1, "comm_fusion": {}, "strategy_ckpt_config": {},
    "pipeline_result_broadcast": False, "pipeline_interleave": False, "pipeline_scheduler": "1f1b",
    "auto_pipeline": False, "force_fp32_communication": False, "enable_fold_pipeline": False,
    "init_param_in_compile": False, "dump_local_norm": False, "dump_local_norm_path": "",
    "dump_device_local_norm": False, "auto_parallel_new_interface": False,
}

_IS_SET = ("device_num", "global_rank", "parameter_broadcast", "full_batch")


class _AutoParallelContext:
    """Attribute access ``get_x()`` / ``set_x(v)`` over ``context``'s auto-parallel settings."""

    def __getattr__(self, name):
        if name.startswith("get_") and name.endswith("_is_set") and name[4:-7] in _IS_SET:
            key = name[4:-7]
            return lambda: context._auto_parallel.get(key, _DEFAULTS[key]) != _DEFAULTS[key]
        if name.startswith("get_"):
            key = name[4:]
            if key in _DEFAULTS or key in context._auto_parallel:
                return lambda: context._auto_parallel.get(key, _DEFAULTS.get(key))
        if name.startswith("set_"):
            key = name[4:]

            def setter(value):
                context._auto_parallel[key] = value
            return setter
        raise AttributeError(f"'_AutoParallelContext' object has no attribute '{name}'")

    def reset(self):
        context.reset_auto_parallel_context()


_AUTO_PARALLEL_CONTEXT = _AutoParallelContext()


def auto_parallel_context():
    return _AUTO_PARALLEL_CONTEXT


def _set_auto_parallel_context(**kwargs):
    context.set_auto_parallel_context(**kwargs)


def _get_auto_parallel_context(attr_key):
    return context._auto_parallel.get(attr_key, _DEFAULTS.get(attr_key))


def _reset_auto_parallel_context():
    context.reset_auto_parallel_context()
