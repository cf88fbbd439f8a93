"""``mindspore.dataset.config``: global settings of the host data pipeline.

Only the seed changes behaviour here (shuffles, samplers and random transforms draw from it, so a
pipeline is reproducible after ``set_seed``); the worker/prefetch/timeout knobs are stored and
returned because the pipeline runs in the calling thread.
"""

import numpy as np

_DEFAULT_SEED = 5489  # std::mt19937's default, what MindSpore reports before any set_seed
_UINT32_MAX = 4294967295
_INT32_MAX = 2147483647

_state = {
    "seed": None,
    "prefetch_size": 16,
    "num_parallel_workers": 8,
    "numa_enable": False,
    "monitor_sampling_interval": 1000,
    "auto_num_workers": False,
    "callback_timeout": 60,
    "enable_autotune": False,
    "autotune_interval": 0,
    "enable_shared_mem": True,
    "sending_batches": 0,
    "auto_offload": False,
    "enable_watchdog": True,
    "multiprocessing_timeout_interval": 300,
    "dynamic_shape": False,
    "fast_recovery": True,
    "debug_mode": False,
    "error_samples_mode": 0,
    "iterator_mode": {"do_copy": False, "parallel_convert": False},
    "multiprocessing_start_method": "fork",
    "video_backend": "CPU",
}


def _check_int(name, value, lo, hi):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} isn't of type int.")
    if value < lo or value > hi:
        raise ValueError(f"{name} is not within the required interval of [{lo}, {hi}].")


def set_seed(seed):
    """Seeds every random operation of the data pipeline (shuffle, samplers, random transforms)."""
    _check_int("seed", seed, 0, _UINT32_MAX)
    _state["seed"] = seed
    _transform_rng.reset()


def get_seed():
    """The dataset seed; falls back to ``ms.set_seed``'s value, then to MindSpore's default 5489."""
    s = _effective_seed()
    return _DEFAULT_SEED if s is None else s


def _effective_seed():
    """The seed set by ``ds.config.set_seed`` or ``ms.set_seed`` (None when neither was called)."""
    if _state["seed"] is not None:
        return _state["seed"]
    from ...common.seed import get_seed as ms_get_seed

    return ms_get_seed()


def _new_rng(stream=0):
    """A fresh RandomState: seeded (reproducible) when a seed was set, else from OS entropy.

    ``stream`` k > 0 gives the k-th independent stream of the seed (the k-th iterator over a
    dataset), so per-epoch iterators do not all repeat the first epoch's order.
    """
    s = _effective_seed()
    if s is None:
        return np.random.RandomState()
    if stream:
        return np.random.RandomState(np.random.SeedSequence([s, stream]).generate_state(1)[0])
    return np.random.RandomState(s % (2**32))


class _TransformRng:
    """The RNG random transforms draw from; rebuilt whenever the effective seed changes."""

    def __init__(self):
        self._rs = None
        self._seed = object()

    def reset(self):
        self._rs = None

    def get(self):
        s = _effective_seed()
        if self._rs is None or s != self._seed:
            self._seed = s
            self._rs = np.random.RandomState(s if s is not None else None)
        return self._rs


_transform_rng = _TransformRng()


def _setter(key, lo=None, hi=None, kind=int):
    def set_(value):
        if kind is int:
            _check_int(key, value, lo, hi)
        elif kind is bool and not isinstance(value, bool):
            raise TypeError(f"{key} isn't of type bool.")
        _state[key] = value

    set_.__name__ = "set_" + key
    set_.__doc__ = f"Stores the pipeline's ``{key}`` (accepted for compatibility)."
    return set_


def _getter(key):
    def get_():
        return _state[key]

    get_.__name__ = "get_" + key
    return get_


set_prefetch_size = _setter("prefetch_size", 1, _INT32_MAX)
get_prefetch_size = _getter("prefetch_size")
set_num_parallel_workers = _setter("num_parallel_workers", 1, 512)
get_num_parallel_workers = _getter("num_parallel_workers")
set_numa_enable = _setter("numa_enable", kind=bool)
get_numa_enable = _getter("numa_enable")
set_monitor_sampling_interval = _setter("monitor_sampling_interval", 0, _INT32_MAX)
get_monitor_sampling_interval = _getter("monitor_sampling_interval")
set_auto_num_workers = _setter("auto_num_workers", kind=bool)
get_auto_num_workers = _getter("auto_num_workers")
set_callback_timeout = _setter("callback_timeout", 1, _INT32_MAX)
get_callback_timeout = _getter("callback_timeout")
get_enable_autotune = _getter("enable_autotune")
set_autotune_interval = _setter("autotune_interval", 0, _INT32_MAX)
get_autotune_interval = _getter("autotune_interval")
set_enable_shared_mem = _setter("enable_shared_mem", kind=bool)
get_enable_shared_mem = _getter("enable_shared_mem")
set_sending_batches = _setter("sending_batches", 0, _INT32_MAX)
set_auto_offload = _setter("auto_offload", kind=bool)
get_auto_offload = _getter("auto_offload")
set_enable_watchdog = _setter("enable_watchdog", kind=bool)
get_enable_watchdog = _getter("enable_watchdog")
set_multiprocessing_timeout_interval = _setter("multiprocessing_timeout_interval", 1, _INT32_MAX)
get_multiprocessing_timeout_interval = _getter("multiprocessing_timeout_interval")
set_dynamic_shape = _setter("dynamic_shape", kind=bool)
get_dynamic_shape = _getter("dynamic_shape")
set_fast_recovery = _setter("fast_recovery", kind=bool)
get_fast_recovery = _getter("fast_recovery")
get_debug_mode = _getter("debug_mode")
get_error_samples_mode = _getter("error_samples_mode")
get_multiprocessing_start_method = _getter("multiprocessing_start_method")
get_video_backend = _getter("video_backend")


def set_enable_autotune(enable, filepath_prefix=None):
    if not isinstance(enable, bool):
        raise TypeError("enable isn't of type bool.")
    _state["enable_autotune"] = enable


def set_debug_mode(debug_mode_flag, debug_hook_list=None):
    if not isinstance(debug_mode_flag, bool):
        raise TypeError("debug_mode_flag isn't of type bool.")
    _state["debug_mode"] = debug_mode_flag


def set_error_samples_mode(error_samples_mode):
    _state["error_samples_mode"] = error_samples_mode


def set_iterator_mode(do_copy=False, parallel_convert=False):
    _state["iterator_mode"] = {"do_copy": do_copy, "parallel_convert": parallel_convert}


def get_iterator_mode():
    return dict(_state["iterator_mode"])


def set_multiprocessing_start_method(start_method="fork"):
    if start_method not in ("fork", "spawn"):
        raise ValueError(f"The start method should be 'fork' or 'spawn', but got {start_method}.")
    _state["multiprocessing_start_method"] = start_method


def set_video_backend(backend):
    if backend not in ("CPU", "Ascend"):
        raise ValueError(f"The backend should be 'CPU' or 'Ascend', but got {backend}.")
    _state["video_backend"] = backend


def load(file):
    """Loads settings from a JSON file of ``{name: value}`` (MindSpore's config file format)."""
    import json

    with open(file) as f:
        cfg = json.load(f)
    for k, v in cfg.items():
        key = {"numParallelWorkers": "num_parallel_workers", "prefetchSize": "prefetch_size",
               "seed": "seed", "monitorSamplingInterval": "monitor_sampling_interval",
               "callbackTimeout": "callback_timeout"}.get(k, k)
        _state[key] = v
    _transform_rng.reset()


def __str__():
    return str(_state)
