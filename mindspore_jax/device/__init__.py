"""Device plug-ins: how a package adds a ``device_target`` to mindspore_jax.

A plug-in is a ``DevicePlugin``: the target's name, the JAX platform(s) whose devices back it
(a PJRT plug-in found by JAX's own discovery, ``jax_plugins`` namespace packages or the
``jax_plugins`` entry-point group, or ``pjrt_init`` to register one), and kernels that replace
registry ops on that target (usually ``jax.ffi.ffi_call`` custom calls into vendor libraries).

Packages announce plug-ins with an entry point in group ``mindspore_jax.devices`` whose name is
the target (``Ascend = "my_pkg:plugin"``); ``set_context(device_target=...)`` loads it on first
use. ``register(plugin)`` does the same by hand.
"""

from __future__ import annotations

from importlib import metadata

from .. import context
from ..ops._registry import register_override

ENTRY_POINT_GROUP = "mindspore_jax.devices"
_PLUGINS: dict = {}


class DevicePlugin:
    """What a device plug-in provides (see the module docstring)."""

    def __init__(self, target, jax_platforms=(), kernels=None, pjrt_init=None, description=""):
        self.target = target
        self.jax_platforms = tuple(jax_platforms)
        self.kernels = dict(kernels or {})
        self.pjrt_init = pjrt_init
        self.description = description

    def __repr__(self):
        return (f"DevicePlugin({self.target!r}, platforms={self.jax_platforms}, "
                f"kernels={sorted(self.kernels)})")


def register(plugin):
    """Makes ``plugin.target`` a valid device_target and installs its kernels."""
    if not isinstance(plugin, DevicePlugin):
        raise TypeError(f"register() needs a DevicePlugin, got {type(plugin).__name__}.")
    if plugin.pjrt_init is not None:
        plugin.pjrt_init()
    context.DEVICE_PLATFORMS[plugin.target] = plugin.jax_platforms
    for name, fn in plugin.kernels.items():
        register_override(name, plugin.target, fn)
    _PLUGINS[plugin.target] = plugin
    return plugin


def registered():
    return dict(_PLUGINS)


def _entry_points():
    try:
        return list(metadata.entry_points(group=ENTRY_POINT_GROUP))
    except TypeError:  # Python < 3.10 API
        return list(metadata.entry_points().get(ENTRY_POINT_GROUP, []))


def load(target):
    """Loads the plug-in announced for ``target``; returns it or None."""
    if target in _PLUGINS:
        return _PLUGINS[target]
    for ep in _entry_points():
        if ep.name == target:
            obj = ep.load()
            plugin = obj() if callable(obj) and not isinstance(obj, DevicePlugin) else obj
            return register(plugin)
    return None


def missing_message(target):
    if target == "Ascend":
        return ("No device plug-in provides 'Ascend'. mindspore_jax runs Ascend NPUs only through a "
                "plug-in package that registers an entry point named 'Ascend' in group "
                f"'{ENTRY_POINT_GROUP}' and brings a PJRT plug-in for the NPU (plus its kernels). "
                "None is installed here, and this project has no Ascend hardware to build one on; "
                "see mindspore_jax/device/example_plugin for the interface.")
    return (f"No device plug-in provides '{target}'. Install a package that registers an entry "
            f"point named '{target}' in group '{ENTRY_POINT_GROUP}'.")


context._PLUGIN_LOADER[0] = load
context._PLUGIN_MESSAGE[0] = missing_message
