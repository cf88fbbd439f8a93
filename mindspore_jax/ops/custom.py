"""``ops.Custom``: user kernels as Python functions (``pyfunc``) or compiled C/C++ (``aot``).

pyfunc kernels run through ``jax.pure_callback`` (so they work under jit, grad with a ``bprop``,
and vmap); aot kernels use MindSpore's AOT ABI and run as XLA FFI custom calls from compiled code,
all through one generic FFI handler (``_custom/aot_bridge.cc``) that builds the
ndims/shapes/dtypes arrays and calls the kernel by address.
"""

from __future__ import annotations

import ctypes
import os
import threading

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from .primitive import Primitive

_lock = threading.Lock()
_bridge = {}
_libs = {}


_GPU_PLATFORMS = ("cuda", "rocm", "gpu")


def _bridge_target(gpu=False):
    """Builds the generic AOT FFI handler once per process and registers it for the CPU, and
    for CUDA (the handler that passes XLA's stream) the first time a GPU computation needs it."""
    with _lock:
        if "lib" not in _bridge:
            from ._custom.build import build_shared

            src = os.path.join(os.path.dirname(__file__), "_custom", "aot_bridge.cc")
            lib = ctypes.CDLL(build_shared(src, extra_flags=("-D_GLIBCXX_USE_CXX11_ABI=0",)))
            jax.ffi.register_ffi_target(_TARGET, jax.ffi.pycapsule(lib.MsJaxAotCall), platform="cpu")
            _bridge["lib"] = lib
        if gpu and "gpu" not in _bridge:
            jax.ffi.register_ffi_target(_TARGET, jax.ffi.pycapsule(_bridge["lib"].MsJaxAotCallGpu),
                                        platform="CUDA")
            _bridge["gpu"] = True
    return _TARGET


_TARGET = "mindspore_jax_aot"


def _load_kernel(func):
    """'path/lib.so:Func' or a source 'path/src.cc:Func' / 'path/src.cu:Func' ->
    (address, library, kind); kind is 'GPU' for CUDA sources, 'CPU' for C/C++ sources, None for
    a prebuilt library (its target then comes from reg_info or the context)."""
    if not isinstance(func, str) or func.count(":") != 1:
        raise TypeError(
            f"For 'Custom', 'func' should be like 'file_name:func_name', but got {func}.")
    path, name = func.rsplit(":", 1)
    path = os.path.abspath(os.path.expanduser(path))
    if not os.path.exists(path):
        raise ValueError(f"For 'Custom', the kernel file '{path}' does not exist.")
    kind = None
    if path.endswith(".cu"):
        from ._custom.build import build_cuda

        path, kind = build_cuda(path), "GPU"
    elif path.endswith((".cc", ".cpp", ".c")):
        from ._custom.build import build_shared

        flags = ("-D_GLIBCXX_USE_CXX11_ABI=0", "-I" + os.path.dirname(path))
        path, kind = build_shared(path, extra_flags=flags, with_ffi=False), "CPU"
    with _lock:
        lib = _libs.get(path)
        if lib is None:
            lib = _libs[path] = ctypes.CDLL(path)
    try:
        fn = getattr(lib, name)
    except AttributeError:
        raise ValueError(f"For 'Custom', the library '{path}' has no function '{name}'.") from None
    return ctypes.cast(fn, ctypes.c_void_p).value, lib, kind


def _reg_targets(reg_info):
    """The targets named by reg_info (a dict, JSON string, or list of them)."""
    out = set()
    items = reg_info if isinstance(reg_info, (list, tuple)) else [reg_info]
    for info in items:
        if isinstance(info, str):
            import json

            info = json.loads(info)
        if isinstance(info, dict) and info.get("target"):
            out.add(info["target"])
    return out


_AOT_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p),
                           ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.POINTER(ctypes.c_int64)),
                           ctypes.POINTER(ctypes.c_char_p), ctypes.c_void_p, ctypes.c_void_p)


def _host_call(addr, name, arrays, outs):
    """Runs a CPU AOT kernel on host buffers (numpy) with MindSpore's ABI, through ctypes: how
    a CPU kernel runs inside a computation placed on another device."""
    bufs = [np.ascontiguousarray(a) for a in arrays] + outs
    n = len(bufs)
    params = (ctypes.c_void_p * n)(*[b.ctypes.data for b in bufs])
    ndims = (ctypes.c_int * n)(*[b.ndim for b in bufs])
    shape_arrs = [(ctypes.c_int64 * max(b.ndim, 1))(*b.shape) for b in bufs]
    shapes = (ctypes.POINTER(ctypes.c_int64) * n)(
        *[ctypes.cast(s, ctypes.POINTER(ctypes.c_int64)) for s in shape_arrs])
    dtypes = (ctypes.c_char_p * n)(*[b.dtype.name.encode() for b in bufs])
    rc = _AOT_FN(addr)(n, params, ndims, shapes, dtypes, None, None)
    if rc != 0:
        raise RuntimeError(f"For 'Custom', the AOT kernel '{name}' returned error code {rc}.")


def _as_tuple(x):
    return tuple(x) if isinstance(x, (list, tuple)) else (x,)


class Custom(Primitive):
    """``ops.Custom(func, out_shape=None, out_dtype=None, func_type='hybrid', bprop=None,
    reg_info=None)``."""

    _FUNC_TYPES = ("hybrid", "akg", "tbe", "aicpu", "aot", "pyfunc")

    def __init__(self, func, out_shape=None, out_dtype=None, func_type="pyfunc", bprop=None,
                 reg_info=None):
        super().__init__("Custom")
        self.func = func
        self.out_shape = out_shape
        self.out_dtype = out_dtype
        self.func_type = func_type
        self.bprop = bprop
        self.reg_info = reg_info
        prefix = f"For 'Custom', 'func_type': {func_type}, 'func': {func}"
        if func_type not in self._FUNC_TYPES:
            raise ValueError(f"{prefix}, 'func_type' must be one of {list(self._FUNC_TYPES)}, but got "
                             f"{func_type}")
        if func_type == "aot":
            if not isinstance(func, str):
                raise TypeError(f"{prefix}, 'func' must be of type str, but got {type(func)}")
            self._addr, self._lib, kind = _load_kernel(func)
            self._name = func.rsplit(":", 1)[1]
            targets = _reg_targets(reg_info) & {"CPU", "GPU"}
            # as MindSpore: one registered target decides; else the source kind; else the context
            self._kernel_target = targets.pop() if len(targets) == 1 else kind
        elif func_type == "pyfunc":
            if not callable(func):
                raise TypeError(f"{prefix}, 'func' must be callable.")
        else:
            raise NotImplementedError(
                f"{prefix}: func_type '{func_type}' is not supported by mindspore_jax (its kernels "
                "are built by MindSpore's own compilers); use 'pyfunc' or 'aot'.")

    def _out_specs(self, arrays):
        shapes = [tuple(a.shape) for a in arrays]
        dtypes = [mstype.from_np(a.dtype) for a in arrays]
        shp = self.out_shape(*shapes) if callable(self.out_shape) else self.out_shape
        dt = self.out_dtype(*dtypes) if callable(self.out_dtype) else self.out_dtype
        if shp is None:
            shp = shapes[0]
        if dt is None:
            dt = dtypes[0]
        multi = isinstance(shp, (list, tuple)) and shp and isinstance(shp[0], (list, tuple))
        shps = [tuple(s) for s in shp] if multi else [tuple(shp)]
        dts = list(dt) if isinstance(dt, (list, tuple)) else [dt] * len(shps)
        specs = [jax.ShapeDtypeStruct(s, mstype.to_np(d)) for s, d in zip(shps, dts)]
        return specs, multi

    def _forward(self, arrays):
        specs, multi = self._out_specs(arrays)
        if self.func_type == "pyfunc":
            func = self.func

            def host(*xs):
                out = func(*[np.asarray(x) for x in xs])
                outs = _as_tuple(out) if multi else (out,)
                return tuple(np.asarray(o, s.dtype).reshape(s.shape) for o, s in zip(outs, specs))

            outs = jax.pure_callback(host, tuple(specs), *arrays, vmap_method="sequential")
        else:
            outs = self._aot(arrays, specs)
        return tuple(outs) if multi else outs[0]

    def _aot(self, arrays, specs):
        from .. import context

        target = context.get_context("device_target")
        kernel = self._kernel_target or target
        if kernel == target and target in ("CPU", "GPU"):
            call = jax.ffi.ffi_call(_bridge_target(gpu=target == "GPU"), tuple(specs),
                                    has_side_effect=False)
            return call(*arrays, fn_ptr=np.int64(self._addr), extra_ptr=np.int64(0))
        if kernel == "CPU":
            # a CPU kernel inside a computation on another device: run it on the host
            addr, name = self._addr, self._name

            def host(*xs):
                outs = [np.empty(s.shape, s.dtype) for s in specs]
                _host_call(addr, name, xs, outs)
                return tuple(outs)

            return jax.pure_callback(host, tuple(specs), *arrays, vmap_method="sequential")
        raise RuntimeError(
            f"For 'Custom', the AOT kernel '{self._name}' is a {kernel} kernel, but device_target is "
            f"'{target}'. Run it with set_context(device_target='{kernel}').")

    def __call__(self, *inputs):
        arrays = [jnp.asarray(x._data if isinstance(x, Tensor) else x) for x in inputs]
        if self.bprop is None:
            return _wrap(self._forward(arrays))
        bprop = self.bprop

        @jax.custom_vjp
        def f(*xs):
            return self._forward(list(xs))

        def fwd(*xs):
            out = self._forward(list(xs))
            return out, (xs, out)

        def bwd(res, dout):
            xs, out = res
            grads = bprop(*[Tensor._wrap(x) for x in xs], _wrap(out), _wrap(dout))
            grads = _as_tuple(grads)
            return tuple(jnp.asarray(g._data if isinstance(g, Tensor) else g, x.dtype).reshape(x.shape)
                         for g, x in zip(grads, xs))

        f.defvjp(fwd, bwd)
        return _wrap(f(*arrays))


def _wrap(out):
    if isinstance(out, tuple):
        return tuple(Tensor._wrap(o) for o in out)
    return Tensor._wrap(out)


class CustomRegOp:
    """``ops.CustomRegOp``: kernel registration info; accepted and kept (XLA needs none)."""

    def __init__(self, op_name="Custom"):
        self.op_name = op_name
        self.info = {"inputs": [], "outputs": [], "attrs": [], "dtype_formats": []}

    def input(self, index=None, name=None, param_type="required", **kwargs):
        self.info["inputs"].append((index, name, param_type))
        return self

    def output(self, index=None, name=None, param_type="required", **kwargs):
        self.info["outputs"].append((index, name, param_type))
        return self

    def attr(self, name=None, param_type=None, value_type=None, default_value=None, **kwargs):
        self.info["attrs"].append((name, value_type, default_value))
        return self

    def dtype_format(self, *args):
        self.info["dtype_formats"].append(args)
        return self

    def target(self, target=None):
        self.info["target"] = target
        return self

    def get_op_info(self):
        return dict(self.info, op_name=self.op_name)


class DataType:
    """``ops.DataType``: dtype/format pairs used by CustomRegOp (names only)."""

    None_None = ("", "")
    F16_Default = ("float16", "DefaultFormat")
    F32_Default = ("float32", "DefaultFormat")
    F64_Default = ("float64", "DefaultFormat")
    I32_Default = ("int32", "DefaultFormat")
    I64_Default = ("int64", "DefaultFormat")
    BOOL_Default = ("bool", "DefaultFormat")


def custom_info_register(*reg_info):
    def deco(fn):
        fn.reg_info = reg_info
        return fn

    return deco


def kernel(fn=None, reg_info=None, compile_attrs=None):
    """``ops.kernel`` (hybrid DSL decorator): not supported; says so when used."""
    def deco(f):
        def run(*a, **k):
            raise NotImplementedError("ops.kernel (MindSpore hybrid DSL) is not supported by "
                                      "mindspore_jax; use ops.Custom(func_type='pyfunc' or 'aot').")
        return run

    return deco(fn) if fn is not None else deco
