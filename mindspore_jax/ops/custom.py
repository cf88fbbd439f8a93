"""``ops.Custom``: user kernels as Python functions (``pyfunc``) or compiled C/C++ (``aot``).

pyfunc kernels run through ``jax.pure_callback`` (so they work under jit, grad with a ``bprop``,
and vmap); aot kernels use MindSpore's AOT ABI and run as XLA FFI custom calls from compiled code,
all through one generic FFI handler (``_custom/aot_bridge.cc``) that builds the
ndims/shapes/dtypes arrays and calls the kernel by address.

The ABI's optional parts (``_custom/include/custom_aot_extra.h``): at trace time, for each
(shapes, dtypes, attributes) an op meets, the bridge builds an ``AotExtra`` holding the op's
attributes (reg_info values and ``add_prim_attr``) and calls the kernel's ``<Func>Init`` once;
the workspaces it asks for become extra uint8 results of the custom call (XLA allocates them;
they are dropped from the op's result) and the handle is the kernel's ``extra`` argument. The
handles (and the kernel data Init kept) are freed when the op is garbage-collected, which the
traced code that uses it delays (``_Handle``); kernels without Init share one attributes-only
handle per (kernel, attributes), kept for the process. With ``out_shape=None`` the output shape
comes from the kernel's ``<Func>InferShape``.
"""

from __future__ import annotations

import ctypes
import json
import os
import threading
import weakref

import jax
import jax.numpy as jnp
import numpy as np

from ..common import dtype as mstype
from ..common.tensor import Tensor
from .primitive import Primitive

_lock = threading.Lock()
_bridge = {}
_libs = {}
_shared_handles = {}  # (kernel address, attributes) -> AotExtra of kernels without Init


_GPU_PLATFORMS = ("cuda", "rocm", "gpu")


_P = ctypes.c_void_p
_NDIMS = ctypes.POINTER(ctypes.c_int)
_SHAPES = ctypes.POINTER(ctypes.POINTER(ctypes.c_int64))
_DTYPES = ctypes.POINTER(ctypes.c_char_p)
_BRIDGE_SIGS = {  # the bridge's C entry points: (restype, argtypes)
    "MsJaxAotExtraNew": (_P, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]),
    "MsJaxAotExtraFree": (None, [_P]),
    "MsJaxAotInit": (ctypes.c_int, [_P, _P, _NDIMS, _SHAPES, _DTYPES]),
    "MsJaxAotWorkspaceCount": (ctypes.c_size_t, [_P]),
    "MsJaxAotWorkspaceSize": (ctypes.c_size_t, [_P, ctypes.c_size_t]),
    "MsJaxAotTakeError": (ctypes.c_size_t, [_P, ctypes.c_char_p, ctypes.c_size_t]),
    "MsJaxAotInferShape": (ctypes.c_long, [_P, _P, ctypes.c_int, _NDIMS, _SHAPES,
                                           ctypes.POINTER(ctypes.c_int64), ctypes.c_long]),
}


def _bridge_lib():
    """The bridge library (FFI handlers and the AotExtra entry points), built once per process.
    Callers hold _lock."""
    if "lib" not in _bridge:
        from ._custom.build import package_lib

        lib = ctypes.CDLL(package_lib("aot_bridge"))
        for name, (res, args) in _BRIDGE_SIGS.items():
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = res, args
        _bridge["lib"] = lib
    return _bridge["lib"]


def _bridge_target(gpu=False):
    """Builds the generic AOT FFI handler once per process and registers it for the CPU, and
    for CUDA (the handler that passes XLA's stream) the first time a GPU computation needs it."""
    with _lock:
        if "cpu" not in _bridge:
            lib = _bridge_lib()
            jax.ffi.register_ffi_target(_TARGET, jax.ffi.pycapsule(lib.MsJaxAotCall), platform="cpu")
            _bridge["cpu"] = True
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

        from ._custom.build import INCLUDE_DIR

        # the source's own folder first: a copy of custom_aot_extra.h there wins over ours
        flags = ("-D_GLIBCXX_USE_CXX11_ABI=0", "-I" + os.path.dirname(path), "-I" + INCLUDE_DIR)
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


def _reg_dicts(reg_info):
    """reg_info (a dict, JSON string, or list of them) as a list of dicts."""
    items = reg_info if isinstance(reg_info, (list, tuple)) else [reg_info]
    out = []
    for info in items:
        if isinstance(info, str):
            info = json.loads(info)
        if isinstance(info, dict):
            out.append(info)
    return out


def _reg_targets(reg_info):
    """The targets named by reg_info."""
    return {info["target"] for info in _reg_dicts(reg_info) if info.get("target")}


def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_num(v):
    return _is_int(v) or isinstance(v, (float, np.floating))


def _attr_record(value):
    """(kind, text) of one attribute for the bridge's AotExtra (aot_bridge.cc lists the kinds).
    As MindSpore's prim attrs: Python int -> int64_t, float -> float, bool, str, a list/tuple of
    ints or of floats (a list mixing ints and floats reads as floats), and 2-D lists of those."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (bool, np.bool_)):
        return "b", "1" if value else "0"
    if _is_int(value):
        return "i", str(int(value))
    if isinstance(value, (float, np.floating)):
        return "f", repr(float(value))
    if isinstance(value, str):
        return "s", value
    if isinstance(value, (list, tuple)):
        if not value:
            return "E", ""
        if all(isinstance(r, (list, tuple)) for r in value):
            flat = [v for r in value for v in r]
            rows = [",".join(repr(float(v)) if not _is_int(v) else str(int(v)) for v in r) for r in value]
            text = ";".join([str(len(value)), *rows])
            if all(_is_int(v) for v in flat):
                return "J", text
            if all(_is_num(v) for v in flat):
                return "G", text
        elif all(_is_int(v) for v in value):
            return "I", ",".join(str(int(v)) for v in value)
        elif all(_is_num(v) for v in value):
            return "F", ",".join(repr(float(v)) for v in value)
    return "x", type(value).__name__


def _attrs_blob(attrs):
    """The attributes serialised as length-prefixed tokens: name, kind, text per attribute."""
    out = []
    for name, value in attrs.items():
        for tok in (str(name), *_attr_record(value)):
            b = tok.encode()
            out.append(f"{len(b)}:".encode() + b)
    return b"".join(out)


def _abi_arrays(shapes, dtypes):
    """ctypes ndims/shapes/dtypes arrays of the ABI; the last item keeps the shape rows alive."""
    n = len(shapes)
    ndims = (ctypes.c_int * max(n, 1))(*[len(s) for s in shapes])
    rows = [(ctypes.c_int64 * max(len(s), 1))(*s) for s in shapes]
    shp = (ctypes.POINTER(ctypes.c_int64) * max(n, 1))(
        *[ctypes.cast(r, ctypes.POINTER(ctypes.c_int64)) for r in rows])
    dts = (ctypes.c_char_p * max(n, 1))(*[np.dtype(d).name.encode() for d in dtypes])
    return ndims, shp, dts, rows


def _take_error(lib, handle):
    buf = ctypes.create_string_buffer(4096)
    n = lib.MsJaxAotTakeError(handle, buf, len(buf))
    return buf.value.decode(errors="replace") if n else ""


class _Handle(np.int64):
    """An AotExtra address as the custom call's ``extra_ptr`` attribute that also keeps its op
    alive: JAX keeps the attribute in the traced computation (and in its caches) for as long as
    that code may run, so the op's handles and kernel data outlive every compiled use of them."""

    @classmethod
    def of(cls, address, owner):
        h = cls(address)
        h.owner = owner
        return h


def _free_handles(handles):
    """Frees an op's AotExtra handles (each deletes the kernel data its Init kept)."""
    lib = _bridge.get("lib")
    for h, _ in handles.values():
        if lib is not None:
            lib.MsJaxAotExtraFree(h)
    handles.clear()


_AOT_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_void_p),
                           ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.POINTER(ctypes.c_int64)),
                           ctypes.POINTER(ctypes.c_char_p), ctypes.c_void_p, ctypes.c_void_p)


def _host_call(addr, name, arrays, outs, handle):
    """Runs a CPU AOT kernel on host buffers (numpy) with MindSpore's ABI, through ctypes: how
    a CPU kernel runs inside a computation placed on another device. ``outs`` are the outputs
    then the workspaces; ``handle`` is the AotExtra."""
    bufs = [np.ascontiguousarray(a) for a in arrays] + outs
    n = len(bufs)
    params = (ctypes.c_void_p * n)(*[b.ctypes.data for b in bufs])
    ndims, shapes, dtypes, _keep = _abi_arrays([b.shape for b in bufs], [b.dtype for b in bufs])
    rc = _AOT_FN(addr)(n, params, ndims, shapes, dtypes, None, handle)
    err = _take_error(_bridge["lib"], handle)
    if err:
        raise RuntimeError(f"For 'Custom', {err}")
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
            self._init_fn = self._optional_fn("Init")
            self._infer_fn = self._optional_fn("InferShape")
            # AotExtra handles by (attributes, shapes, dtypes): (address, workspace sizes)
            self._handles = {}
            weakref.finalize(self, _free_handles, self._handles)
            regs = _reg_dicts(reg_info)
            for info in regs:  # as MindSpore: reg_info attrs with a value become prim attrs
                for item in info.get("attr") or ():
                    if isinstance(item, dict) and item.get("value") is not None:
                        self.add_prim_attr(item["name"], item["value"])
            outs = regs[0].get("outputs", []) if regs else []
            self._multi_output = len(outs) > 1 or (len(outs) == 1 and outs[0].get("paramType") == "dynamic")
            if out_shape is None:
                self.add_prim_attr("cpp_infer_shape", True)
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

    def _optional_fn(self, suffix):
        fn = getattr(self._lib, self._name + suffix, None)
        return None if fn is None else ctypes.cast(fn, ctypes.c_void_p).value

    def _new_handle(self, blob):
        with _lock:
            lib = _bridge_lib()
        h = lib.MsJaxAotExtraNew(self._name.encode(), blob, len(blob))
        if not h:
            raise RuntimeError(f"For 'Custom', could not pass the attributes of '{self._name}' to the "
                               "AOT kernel.")
        return lib, h

    def _infer_shape(self, arrays):
        """The output shapes from the kernel's <Func>InferShape (MindSpore's cpp_infer_shape)."""
        if self._infer_fn is None:
            raise ValueError(
                f"For 'Custom', the AOT kernel '{self._name}' has out_shape=None, so it needs a C++ "
                f"shape function 'extern \"C\" std::vector<int64_t> {self._name}InferShape(int *ndims, "
                "int64_t **shapes, AotExtra *extra)' in its library, and there is none. Add it, or "
                "give out_shape.")
        lib, h = self._new_handle(_attrs_blob(self.attrs))
        try:
            ndims, shapes, _dts, _keep = _abi_arrays([a.shape for a in arrays], [a.dtype for a in arrays])
            cap = 4096
            out = (ctypes.c_int64 * cap)()
            n = lib.MsJaxAotInferShape(self._infer_fn, h, int(self._multi_output), ndims, shapes, out, cap)
            if n < 0:
                err = _take_error(lib, h) or "the result has too many dimensions"
                raise RuntimeError(f"For 'Custom', {self._name}InferShape failed: {err}")
        finally:
            lib.MsJaxAotExtraFree(h)
        flat, res, i = list(out[:n]), [], 1
        for _ in range(flat[0]):
            res.append(tuple(flat[i + 1:i + 1 + flat[i]]))
            i += 1 + flat[i]
        return res if self._multi_output else res[0]

    def _extra(self, arrays, specs):
        """The AotExtra handle for these inputs/outputs and the workspace sizes its Init asked
        for: built, and Init called, once per (attributes, shapes, dtypes)."""
        blob = _attrs_blob(self.attrs)
        if self._init_fn is None:
            # attributes only: shared by every op with these attributes and kept for the
            # process, so compiled code that outlives the op (one built inside a jitted
            # function) still finds it
            key = (self._addr, blob)
            with _lock:
                got = _shared_handles.get(key)
            if got is None:
                got = (self._new_handle(blob)[1], ())
                with _lock:
                    got = _shared_handles.setdefault(key, got)
            return got
        avals = [(tuple(x.shape), np.dtype(x.dtype).name) for x in (*arrays, *specs)]
        key = (blob, tuple(avals))
        got = self._handles.get(key)
        if got is not None:
            return got
        lib, h = self._new_handle(blob)
        ndims, shapes, dtypes, _keep = _abi_arrays([a for a, _ in avals], [d for _, d in avals])
        rc = lib.MsJaxAotInit(self._init_fn, h, ndims, shapes, dtypes)
        err = _take_error(lib, h)
        if err or rc != 0:
            lib.MsJaxAotExtraFree(h)
            raise RuntimeError(f"For 'Custom', {err}" if err else
                               f"For 'Custom', the AOT kernel's init function '{self._name}Init' "
                               f"returned error code {rc}; any value but 0 is an error.")
        sizes = tuple(int(lib.MsJaxAotWorkspaceSize(h, i)) for i in range(lib.MsJaxAotWorkspaceCount(h)))
        self._handles[key] = got = (h, sizes)
        return got

    def _out_specs(self, arrays):
        shapes = [tuple(a.shape) for a in arrays]
        dtypes = [mstype.from_np(a.dtype) for a in arrays]
        if self.func_type == "aot" and self.out_shape is None:
            shp = self._infer_shape(arrays)
        else:
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
            ffi_target = _bridge_target(gpu=target == "GPU")
            handle, sizes = self._extra(arrays, specs)
            work = [jax.ShapeDtypeStruct((n,), np.uint8) for n in sizes]
            # vmap runs the kernel once per example (MindSpore has no batching rule for aot ops)
            call = jax.ffi.ffi_call(ffi_target, (*specs, *work), has_side_effect=False,
                                    vmap_method="sequential")
            outs = call(*arrays, fn_ptr=np.int64(self._addr), extra_ptr=_Handle.of(handle, self))
            return outs[:len(specs)]
        if kernel == "CPU":
            # a CPU kernel inside a computation on another device: run it on the host
            op = self  # the callback keeps the op, so its handle, alive
            handle, sizes = self._extra(arrays, specs)

            def host(*xs):
                outs = [np.empty(s.shape, s.dtype) for s in specs]
                work = [np.empty((n,), np.uint8) for n in sizes]
                _host_call(op._addr, op._name, xs, outs + work, handle)
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


def _check_param(params, keys, kinds, kwargs):
    """MindSpore's RegOp._check_param: the non-None params under their keys (type-checked),
    then kwargs."""
    out = {}
    for value, key, kind in zip(params, keys, kinds):
        if value is None:
            continue
        if not isinstance(value, kind):
            raise TypeError(f"{value} value must be {kind.__name__}")
        out[key] = value
    return dict(out, **kwargs) if kwargs else out


class CustomRegOp:
    """``ops.CustomRegOp``: registration info for ``ops.Custom``. ``get_op_info()`` returns
    MindSpore's dict (op_name, inputs, outputs, attr, fusion_type, dtype_format, target);
    ``Custom`` reads the target and the attribute values (``attr(..., value=v)``) from it."""

    def __init__(self, op_name="Custom"):
        if not isinstance(op_name, str):
            raise ValueError("op name value must be string")
        if not op_name.strip():
            raise ValueError("op name is empty")
        self.op_name = op_name
        self.inputs = []
        self.outputs = []
        self.attr_ = []
        self.fusion_type_ = ""
        self.dtype_format_ = []
        self.target_ = "UnKnown"

    def input(self, index=None, name=None, param_type="required", **kwargs):
        self.inputs.append(_check_param([index, name, param_type], ["index", "name", "paramType"],
                                        [int, str, str], kwargs))
        return self

    def output(self, index=None, name=None, param_type="required", **kwargs):
        self.outputs.append(_check_param([index, name, param_type], ["index", "name", "paramType"],
                                         [int, str, str], kwargs))
        return self

    def attr(self, name=None, param_type=None, value_type=None, default_value=None, **kwargs):
        self.attr_.append(_check_param([name, param_type, value_type, default_value],
                                       ["name", "paramType", "type", "defaultValue"], [str] * 4, kwargs))
        return self

    def fusion_type(self, fusion_type):
        if not isinstance(fusion_type, str):
            raise TypeError(f"{fusion_type} value must be str")
        self.fusion_type_ = fusion_type
        return self

    def dtype_format(self, *args):
        io_nums = len(self.inputs) + len(self.outputs)
        if len(args) != io_nums:
            raise ValueError("The size of 'args' must be equal to the sum of input tensors and output "
                             f"tensors, but got {len(args)} vs {io_nums}")
        for arg in args:
            if not isinstance(arg, tuple) or len(arg) not in (2, 3):
                raise ValueError("dtype and format value must be tuple of two or three elements")
            for item in arg:
                if not isinstance(item, str):
                    raise TypeError(f"{item} value must be str")
        self.dtype_format_.append(tuple(args))
        return self

    def target(self, target=None):
        if target is not None and not isinstance(target, str):
            raise TypeError(f"{target} value must be str")
        self.target_ = target
        return self

    def get_op_info(self):
        return {(k.rstrip("_") if k.endswith("_") else k): v for k, v in self.__dict__.items()}


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
