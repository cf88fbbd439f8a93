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
