"""``mindspore.parallel`` for one process.

Strategy settings (``set_algo_parameters``, ``Cell.shard``, ``Layout``) are accepted and stored;
with one device nothing is sharded. Checkpoint helpers for distributed strategies come from
``train.serialization``.
"""

from __future__ import annotations

_algo: dict = {}
_ALGO_DEFAULTS = {"fully_use_devices": True, "elementwise_op_strategy_follow": False,
                  "enable_algo_approxi": False, "algo_approxi_epsilon": 0.1,
                  "tensor_slice_align_enable": False, "tensor_slice_align_size": 16}


def set_algo_parameters(**kwargs):
    """Stores the sharding-search parameters (unknown keys raise ValueError, as in MindSpore)."""
    for k in kwargs:
        if k not in _ALGO_DEFAULTS:
            raise ValueError(f"For 'set_algo_parameters', the keyword argument {k} is not "
                             f"recognized! Valid keys: {sorted(_ALGO_DEFAULTS)}.")
    _algo.update(kwargs)


def get_algo_parameters(attr_key):
    if attr_key not in _ALGO_DEFAULTS:
        raise ValueError(f"For 'get_algo_parameters', the argument {attr_key} is not "
                         "recognized.")
    return _algo.get(attr_key, _ALGO_DEFAULTS[attr_key])


def reset_algo_parameters():
    _algo.clear()


class Layout:
    """Device-matrix layout description; stored, not applied (one device)."""

    def __init__(self, device_matrix, alias_name, rank_list=None):
        self._device_shape = tuple(device_matrix)
        self._alias_name = tuple(alias_name)
        self._rank_list = rank_list
        self._tensor_map = None

    def __call__(self, *tensor_map):
        new = Layout(self._device_shape, self._alias_name, self._rank_list)
        new._tensor_map = tensor_map
        return new

    def to_dict(self):
        return {"device_matrix": self._device_shape, "alias_name": self._alias_name,
                "tensor_map": self._tensor_map, "rank_list": self._rank_list}


def shard(fn, in_strategy, out_strategy=None, parameter_plan=None, device="Ascend", level=0):
    """Functional ``shard``: with one device the function runs unsharded."""
    return fn


def set_op_strategy_config(mode="SAVE", path=""):
    pass


def __getattr__(name):
    from ..train import serialization as _s

    if name in ("build_searched_strategy", "merge_sliced_parameter", "load_distributed_checkpoint",
                "restore_group_info_list"):
        return getattr(_s, name)
    raise AttributeError(f"module 'mindspore.parallel' has no attribute '{name}'")


__all__ = ["set_algo_parameters", "get_algo_parameters", "reset_algo_parameters", "Layout",
           "shard", "set_op_strategy_config", "build_searched_strategy", "merge_sliced_parameter",
           "load_distributed_checkpoint", "restore_group_info_list"]
