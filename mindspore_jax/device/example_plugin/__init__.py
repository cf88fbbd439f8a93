"""An example device plug-in: target "CPUStandIn", backed by JAX's CPU devices, whose softmax
and layer norm are C++ XLA FFI kernels instead of the registry's jnp code.

It shows the whole path a real vendor plug-in (an Ascend one, say) takes: name a device
target, point it at JAX platform(s) (a PJRT plug-in for real hardware), and replace registry ops
with custom calls on that target. Activate it with ``mindspore_jax.device.register(PLUGIN)`` or
via the entry point that ``pyproject.toml`` declares; then
``set_context(device_target="CPUStandIn")``.
"""

from __future__ import annotations

import ctypes

import jax
import jax.numpy as jnp
import numpy as np

from .. import DevicePlugin
from ...ops._registry import REGISTRY

_state = {}


def _targets():
    if "lib" not in _state:
        from ...ops._custom.build import package_lib

        lib = ctypes.CDLL(package_lib("standin_kernels"))
        jax.ffi.register_ffi_target("standin_softmax", jax.ffi.pycapsule(lib.StandInSoftmax),
                                    platform="cpu")
        jax.ffi.register_ffi_target("standin_layer_norm", jax.ffi.pycapsule(lib.StandInLayerNorm),
                                    platform="cpu")
        _state["lib"] = lib
    return _state["lib"]


def softmax(x, axis=-1, dtype=None):
    """Fused last-axis float32 softmax as a custom call; anything else uses the registry's code."""
    if x.dtype != jnp.float32 or dtype is not None or axis not in (-1, x.ndim - 1) or x.ndim == 0:
        return REGISTRY["softmax"].impl(x, axis, dtype)
    _targets()
    return jax.ffi.ffi_call("standin_softmax", jax.ShapeDtypeStruct(x.shape, x.dtype))(x)


def layer_norm(x, gamma, beta, begin_norm_axis=-1, begin_params_axis=-1, eps=1e-7):
    nd = x.ndim
    last = nd - 1
    if (x.dtype != jnp.float32 or nd == 0 or begin_norm_axis % nd != last
            or begin_params_axis % nd != last or gamma is None or beta is None):
        return REGISTRY["layer_norm"].impl(x, gamma, beta, begin_norm_axis, begin_params_axis, eps)
    _targets()
    stat = x.shape[:-1] + (1,)
    out = (jax.ShapeDtypeStruct(x.shape, x.dtype), jax.ShapeDtypeStruct(stat, x.dtype),
           jax.ShapeDtypeStruct(stat, x.dtype))
    y, m, v = jax.ffi.ffi_call("standin_layer_norm", out)(
        x, gamma.astype(jnp.float32), beta.astype(jnp.float32), eps=np.float32(eps))
    return y, m, v


PLUGIN = DevicePlugin("CPUStandIn", jax_platforms=("cpu",),
                      kernels={"softmax": softmax, "layer_norm": layer_norm},
                      description="example plug-in: CPU devices, C++ FFI softmax and layer norm")


def plugin():
    """Entry-point target: returns the plug-in object."""
    return PLUGIN
