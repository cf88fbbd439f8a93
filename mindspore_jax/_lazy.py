"""Top-level names that live in higher layers (train, dataset, mint...), imported on first use.

Keeps ``import mindspore_jax`` fast while ``ms.Model`` or ``ms.save_checkpoint`` still resolve.
"""

import importlib

# attribute -> (module, attribute in it, or None for the module itself)
LAZY = {
    "train": ("mindspore_jax.train", None),
    "dataset": ("mindspore_jax.dataset", None),
    "mint": ("mindspore_jax.mint", None),
    "amp": ("mindspore_jax.amp", None),
    "communication": ("mindspore_jax.communication", None),
    "device": ("mindspore_jax.device", None),
    "numpy": ("mindspore_jax.numpy", None),
    "hal": ("mindspore_jax.hal", None),
    "runtime": ("mindspore_jax.runtime", None),
    "log": ("mindspore_jax.log", None),
    "profiler": ("mindspore_jax.profiler", None),
    "parallel": ("mindspore_jax.parallel", None),
    "Profiler": ("mindspore_jax.profiler", "Profiler"),
    "get_level": ("mindspore_jax.log", "get_level"),
    "get_log_config": ("mindspore_jax.log", "get_log_config"),
    "mutable": ("mindspore_jax.common.api", "mutable"),
    "jit_class": ("mindspore_jax.common.api", "jit_class"),
    "JitConfig": ("mindspore_jax.common.api", "JitConfig"),
    "ckpt_to_safetensors": ("mindspore_jax.train.serialization", "ckpt_to_safetensors"),
    "safetensors_to_ckpt": ("mindspore_jax.train.serialization", "safetensors_to_ckpt"),
    "async_ckpt_thread_status": ("mindspore_jax.train.serialization", "async_ckpt_thread_status"),
    "merge_sliced_parameter": ("mindspore_jax.train.serialization", "merge_sliced_parameter"),
    "load_distributed_checkpoint": ("mindspore_jax.train.serialization",
                                    "load_distributed_checkpoint"),
    "set_algo_parameters": ("mindspore_jax.parallel", "set_algo_parameters"),
    "get_algo_parameters": ("mindspore_jax.parallel", "get_algo_parameters"),
    "reset_algo_parameters": ("mindspore_jax.parallel", "reset_algo_parameters"),
    "set_ps_context": ("mindspore_jax.context", "set_ps_context"),
    "get_ps_context": ("mindspore_jax.context", "get_ps_context"),
    "reset_ps_context": ("mindspore_jax.context", "reset_ps_context"),
    "Model": ("mindspore_jax.train", "Model"),
    "save_checkpoint": ("mindspore_jax.train.serialization", "save_checkpoint"),
    "load_checkpoint": ("mindspore_jax.train.serialization", "load_checkpoint"),
    "load_param_into_net": ("mindspore_jax.train.serialization", "load_param_into_net"),
    "load_checkpoint_async": ("mindspore_jax.train.serialization", "load_checkpoint_async"),
    "export": ("mindspore_jax.train.serialization", "export"),
    "load": ("mindspore_jax.train.serialization", "load"),
    "build_searched_strategy": ("mindspore_jax.train.serialization", "build_searched_strategy"),
    "DatasetHelper": ("mindspore_jax.train", "DatasetHelper"),
    "connect_network_with_dataset": ("mindspore_jax.train", "connect_network_with_dataset"),
    "LossMonitor": ("mindspore_jax.train", "LossMonitor"),
    "TimeMonitor": ("mindspore_jax.train", "TimeMonitor"),
    "ModelCheckpoint": ("mindspore_jax.train", "ModelCheckpoint"),
    "CheckpointConfig": ("mindspore_jax.train", "CheckpointConfig"),
    "Callback": ("mindspore_jax.train", "Callback"),
    "RunContext": ("mindspore_jax.train", "RunContext"),
    "amp_decorator": ("mindspore_jax.amp", "amp_decorator"),
    "FixedLossScaleManager": ("mindspore_jax.amp", "FixedLossScaleManager"),
    "DynamicLossScaleManager": ("mindspore_jax.amp", "DynamicLossScaleManager"),
    "LossScaleManager": ("mindspore_jax.amp", "LossScaleManager"),
    "build_train_network": ("mindspore_jax.amp", "build_train_network"),
}


def install_lazy_submodules(pkg_name, namespace):
    def __getattr__(name):
        spec = LAZY.get(name)
        if spec is None:
            raise AttributeError(f"module '{pkg_name}' has no attribute '{name}'")
        try:
            mod = importlib.import_module(spec[0])
        except ImportError as e:
            raise AttributeError(f"module '{pkg_name}' has no attribute '{name}' ({e})") from e
        value = mod if spec[1] is None else getattr(mod, spec[1])
        namespace[name] = value
        return value

    namespace["__getattr__"] = __getattr__
