"""``mindspore.context``: run mode, device target and the settings MindSpore scripts pass.

GRAPH_MODE compiles Cells and ``ms.jit`` functions with XLA; PYNATIVE_MODE (the default, as in
MindSpore 2.x) runs them eagerly. ``device_target`` picks the JAX backend that new tensors and
compiled code use. Keys MindSpore accepts that change nothing on XLA are stored and reported.
"""

from __future__ import annotations

import logging

import jax

GRAPH_MODE = 0
PYNATIVE_MODE = 1

_log = logging.getLogger("mindspore_jax")

# device_target -> JAX platform names to look for, in order. Plug-ins add entries (device/).
DEVICE_PLATFORMS = {"CPU": ("cpu",), "GPU": ("cuda", "rocm", "gpu")}
_BUILTIN_TARGETS = ("CPU", "GPU", "Ascend", "Davinci")
# set by mindspore_jax.device: loads the plug-in for a target / explains a missing one
_PLUGIN_LOADER = [None]
_PLUGIN_MESSAGE = [None]

_ACCEPTED = {
    "save_graphs", "save_graphs_path", "enable_graph_kernel", "graph_kernel_flags",
    "max_call_depth", "runtime_num_threads", "inter_op_parallel_num", "max_device_memory",
    "mempool_block_size", "variable_memory_max_size", "deterministic", "pynative_synchronize",
    "enable_reduce_precision", "check_bprop", "print_file_path", "ascend_config", "gpu_config",
    "jit_syntax_level", "debug_level", "enable_profiling", "profiling_options",
    "reserve_class_name_in_scope", "env_config_path", "grad_for_scalar", "op_timeout",
    "aoe_tune_mode", "aoe_config", "precompile_only", "enable_dump", "save_dump_path",
    "auto_tune_mode", "disable_format_transform", "memory_optimize_level", "memory_offload",
    "jit_config", "enable_auto_mixed_precision", "enable_sparse", "device_id",
    "enable_compile_cache", "compile_cache_path", "mode", "device_target", "load_compile_cache",
    "exec_order", "recompute_comm_overlap", "enable_loop_sink", "enable_task_sink",
    "all_reduce_fusion_config", "dataset_broadcast_opt_level",
}

_ctx = {
    "mode": PYNATIVE_MODE,
    "device_target": "CPU",
    "device_id": 0,
    "save_graphs": False,
    "save_graphs_path": ".",
    "max_call_depth": 1000,
    "enable_compile_cache": False,
    "compile_cache_path": "",
    "jit_syntax_level": 2,
    "deterministic": "OFF",
    "runtime_num_threads": 30,
}

# bumped whenever a setting that changes compiled code changes (part of compile-cache keys)
_version = [0]


def _err(msg):
    return f"For 'context.set_context', {msg}"


def _find_device(target, device_id):
    if target == "Davinci":
        target = "Ascend"
    plats = DEVICE_PLATFORMS.get(target)
    if plats is None and _PLUGIN_LOADER[0] is not None:
        if _PLUGIN_LOADER[0](target) is not None:
            plats = DEVICE_PLATFORMS.get(target)
    if plats is None:
        if target in _BUILTIN_TARGETS:
            raise RuntimeError(f"Set device_target '{target}' failed. " + (
                _PLUGIN_MESSAGE[0](target) if _PLUGIN_MESSAGE[0] else "No plug-in provides it."))
        raise ValueError(_err(
            f"the argument 'device_target' must be one of "
            f"{sorted(set(_BUILTIN_TARGETS) | set(DEVICE_PLATFORMS))}, but got '{target}'."))
    found = []
    for plat in plats:
        try:
            devs = jax.devices(plat)
        except RuntimeError:
            continue
        if devs:
            found = devs
            break
    if not found:
        have = sorted({d.platform for d in jax.devices()})
        hint = ""
        raise RuntimeError(
            f"Set device_target '{target}' failed: no such device is available to JAX here. "
            f"Devices found: {have}.{hint}")
    if not 0 <= device_id < len(found):
        raise ValueError(_err(
            f"the argument 'device_id' must be in [0, {len(found) - 1}] for {target}, but got "
            f"{device_id}."))
    return found[device_id]


def _apply_device(target, device_id):
    dev = _find_device(target, device_id)
    jax.config.update("jax_default_device", dev)
    _ctx["device_target"] = target
    _ctx["device_id"] = device_id
    _apply_precision()
    _version[0] += 1
    return dev


def _detect_target():
    """The target a fresh process starts on: the one backing JAX's default backend, as an
    installed MindSpore package starts on its own target (GPU for a GPU build)."""
    try:
        plat = jax.default_backend()
    except RuntimeError:
        return "CPU"
    for target, plats in DEVICE_PLATFORMS.items():
        if plat in plats:
            return target
    return "CPU"


# MindSpore's GPU defaults (device_context.gpu.op_precision): FP32 matmuls run in full FP32,
# convolutions may use TF32. XLA's own default would use TF32 for both on Ampere and newer.
_PRECISION = {"matmul_allow_tf32": False, "conv_allow_tf32": True}


def _apply_precision():
    """Sets JAX's default dot precision from the GPU op_precision flags; only GPU is affected
    (CPU backends compute FP32 dots in FP32 whatever the setting)."""
    full = _ctx["device_target"] == "GPU" and not _PRECISION["matmul_allow_tf32"]
    jax.config.update("jax_default_matmul_precision", "float32" if full else None)
    _version[0] += 1


def set_op_precision(**flags):
    """Updates the op_precision flags (device_context.gpu.op_precision)."""
    _PRECISION.update(flags)
    _apply_precision()


def conv_precision():
    """The lax precision convolutions use: explicit, so it does not follow the matmul setting."""
    from jax import lax

    gpu = _ctx["device_target"] == "GPU"
    return lax.Precision.HIGHEST if gpu and not _PRECISION["conv_allow_tf32"] else lax.Precision.DEFAULT


def current_device():
    """The jax.Device new tensors and compiled code use."""
    return _find_device(_ctx["device_target"], _ctx["device_id"])


def set_context(**kwargs):
    """``context.set_context(mode=..., device_target=..., device_id=..., ...)``."""
    for key in kwargs:
        if key not in _ACCEPTED:
            raise ValueError(_err(
                f"the keyword argument {key} is not recognized! For detailed usage of "
                "'set_context', please refer to the MindSpore official website."))
    if "mode" in kwargs:
        mode = kwargs["mode"]
        if mode not in (GRAPH_MODE, PYNATIVE_MODE) or isinstance(mode, bool):
            raise ValueError(_err(
                "the argument 'mode' should be context.GRAPH_MODE (0) or context.PYNATIVE_MODE (1), "
                f"but got {mode}."))
        _ctx["mode"] = mode
    target = kwargs.get("device_target", None)
    device_id = kwargs.get("device_id", None)
    if target is not None or device_id is not None:
        if target is not None and not isinstance(target, str):
            raise TypeError(_err(f"the argument 'device_target' must be str, but got {type(target)}."))
        if device_id is not None and (not isinstance(device_id, int) or device_id < 0):
            raise ValueError(_err(f"the argument 'device_id' must be a non-negative int, got {device_id}."))
        _apply_device(target if target is not None else _ctx["device_target"],
                      device_id if device_id is not None else _ctx["device_id"])
    for key, value in kwargs.items():
        if key in ("mode", "device_target", "device_id"):
            continue
        _ctx[key] = value
        if key in ("enable_compile_cache", "compile_cache_path"):
            _configure_compile_cache()


def _configure_compile_cache():
    if _ctx.get("enable_compile_cache"):
        path = _ctx.get("compile_cache_path") or "./compile_cache"
        jax.config.update("jax_compilation_cache_dir", path)
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0)
        jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)


def get_context(attr_key):
    """``context.get_context(key)``."""
    if attr_key in _ctx:
        return _ctx[attr_key]
    if attr_key in _ACCEPTED:
        return None
    raise ValueError(
        f"For 'context.get_context', the argument {attr_key} is not in the context list.")


def set_device(device_target, device_id=None):
    """``ms.set_device(target, device_id)`` (MindSpore 2.5+ spelling)."""
    set_context(device_target=device_target, device_id=0 if device_id is None else device_id)


def get_current_device():
    return _ctx["device_target"], _ctx["device_id"]


def is_graph_mode():
    return _ctx["mode"] == GRAPH_MODE


class ParallelMode:
    STAND_ALONE = "stand_alone"
    DATA_PARALLEL = "data_parallel"
    HYBRID_PARALLEL = "hybrid_parallel"
    SEMI_AUTO_PARALLEL = "semi_auto_parallel"
    AUTO_PARALLEL = "auto_parallel"


_auto_parallel = {"parallel_mode": ParallelMode.STAND_ALONE, "device_num": 1, "global_rank": 0,
                  "gradients_mean": False}


def set_auto_parallel_context(**kwargs):
    _auto_parallel.update(kwargs)


def get_auto_parallel_context(key):
    return _auto_parallel.get(key)


def reset_auto_parallel_context():
    _auto_parallel.update(parallel_mode=ParallelMode.STAND_ALONE, device_num=1, global_rank=0)


def set_ps_context(**kwargs):
    pass


def get_ps_context(key):
    return None


def reset_ps_context():
    pass


def set_algo_parameters(**kwargs):
    pass


def get_algo_parameters(key):
    return None


def reset_algo_parameters():
    pass


_ctx["device_target"] = _detect_target()
_apply_precision()
