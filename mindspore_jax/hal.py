"""``mindspore.hal``: device, stream, event and memory queries, answered from JAX.

XLA orders the work of one device itself, so a ``Stream`` is a label and ``synchronize()``
waits for every live array to be computed (``block_until_ready``). Memory figures come from
``jax.Device.memory_stats()`` where the backend reports them (GPU), otherwise 0.
"""

from __future__ import annotations

import time

import jax

from . import context

_TARGET_PLATFORMS = {"CPU": ("cpu",), "GPU": ("cuda", "rocm", "gpu"), "Ascend": ("ascend", "npu")}
_VALID = ("CPU", "GPU", "Ascend")


def _check_target(device_target, api):
    if device_target is None:
        return context.get_context("device_target")
    if not isinstance(device_target, str):
        raise TypeError(f"For '{api}', the argument 'device_target' must be str, "
                        f"but got {type(device_target)}.")
    if device_target not in _VALID and device_target not in context.DEVICE_PLATFORMS:
        raise ValueError(f"For '{api}', the argument 'device_target' must be one of {list(_VALID)},"
                         f" but got '{device_target}'.")
    return device_target


def _devices(target):
    plats = context.DEVICE_PLATFORMS.get(target) or _TARGET_PLATFORMS.get(target, ())
    for p in plats:
        try:
            devs = jax.devices(p)
        except RuntimeError:
            continue
        if devs:
            return devs
    return []


def is_available(device_target):
    """Whether JAX has a device for ``device_target`` ('CPU', 'GPU', 'Ascend')."""
    return bool(_devices(_check_target(device_target, "is_available")))


def is_initialized(device_target):
    """Whether ``device_target`` is the target already set up by ``set_context``."""
    target = _check_target(device_target, "is_initialized")
    return target == context.get_context("device_target") and bool(_devices(target))


def device_count(device_target=None):
    return len(_devices(_check_target(device_target, "device_count")))


def _device(device_id, device_target, api):
    devs = _devices(_check_target(device_target, api))
    if not isinstance(device_id, int) or not 0 <= device_id < max(len(devs), 1):
        raise ValueError(f"For '{api}', the argument 'device_id' must be in [0, {len(devs) - 1}], "
                         f"but got {device_id}.")
    return devs[device_id] if devs else None


def get_device_name(device_id, device_target=None):
    target = _check_target(device_target, "get_device_name")
    dev = _device(device_id, target, "get_device_name")
    if target == "CPU" or dev is None:
        return target
    return getattr(dev, "device_kind", str(dev))


class _DeviceProperties:
    def __init__(self, dev):
        self.name = getattr(dev, "device_kind", str(dev))
        stats = _stats(dev)
        self.total_memory = stats.get("bytes_limit", 0)
        self.is_integrated = False
        cap = getattr(dev, "compute_capability", None)
        if cap:
            major, _, minor = str(cap).partition(".")
            self.major, self.minor = int(major), int(minor or 0)
        else:
            self.major = self.minor = 0
        self.multi_processor_count = getattr(dev, "core_count", 0)

    def __repr__(self):
        return (f"_DeviceProperties(name='{self.name}', major={self.major}, minor={self.minor}, "
                f"total_memory={self.total_memory // (1024 * 1024)}MB, "
                f"multi_processor_count={self.multi_processor_count})")


def get_device_properties(device_id, device_target=None):
    """Properties of a GPU/NPU device; ``None`` for CPU as in MindSpore."""
    target = _check_target(device_target, "get_device_properties")
    dev = _device(device_id, target, "get_device_properties")
    if target == "CPU" or dev is None:
        return None
    return _DeviceProperties(dev)


def get_device_capability(device_id, device_target=None):
    props = get_device_properties(device_id, device_target)
    return None if props is None else (props.major, props.minor)


def get_arch_list(device_target=None):
    target = _check_target(device_target, "get_arch_list")
    if target == "CPU":
        return None
    return sorted({getattr(d, "device_kind", d.platform) for d in _devices(target)})


def synchronize():
    """Waits until every live array has been computed."""
    for a in jax.live_arrays():
        try:
            a.block_until_ready()
        except RuntimeError:  # deleted / donated buffers
            pass


class Event:
    """A point in the (single, in-order) stream; ``elapsed_time`` in milliseconds."""

    def __init__(self, enable_timing=False, blocking=False):
        self.enable_timing = enable_timing
        self.blocking = blocking
        self._t = None

    def record(self, stream=None):
        synchronize()
        self._t = time.perf_counter()

    def wait(self, stream=None):
        pass

    def synchronize(self):
        synchronize()

    def query(self):
        return True

    def elapsed_time(self, end_event):
        if not (self.enable_timing and end_event.enable_timing):
            raise RuntimeError("For 'Event.elapsed_time', both events must be created with "
                               "enable_timing=True.")
        if self._t is None or end_event._t is None:
            raise RuntimeError("For 'Event.elapsed_time', both events must be recorded first.")
        return (end_event._t - self._t) * 1000.0


class Stream:
    """A stream label: XLA runs one device's work in order, so streams do not reorder it."""

    def __init__(self, priority=0, **kwargs):
        self.priority = priority
        self.device_id = context.get_context("device_id")
        self.device_name = context.get_context("device_target")
        self.id = 0
        self.stream_ptr = 0

    def synchronize(self):
        synchronize()

    def query(self):
        return True

    def record_event(self, event=None):
        event = event or Event()
        event.record(self)
        return event

    def wait_event(self, event):
        pass

    def wait_stream(self, stream):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_DEFAULT = [None]
_CURRENT = [None]


def default_stream():
    if _DEFAULT[0] is None:
        _DEFAULT[0] = Stream()
    return _DEFAULT[0]


def current_stream():
    return _CURRENT[0] or default_stream()


def communication_stream():
    return default_stream()


def set_cur_stream(stream):
    if not isinstance(stream, Stream):
        raise TypeError(f"For 'set_cur_stream', the argument 'stream' must be a Stream, "
                        f"but got {type(stream)}.")
    _CURRENT[0] = stream


class StreamCtx:
    """``with StreamCtx(stream):`` makes ``stream`` current inside the block."""

    def __init__(self, ctx_stream):
        self.stream = ctx_stream
        self._prev = None

    def __enter__(self):
        self._prev = _CURRENT[0]
        if self.stream is not None:
            _CURRENT[0] = self.stream
        return self.stream

    def __exit__(self, *exc):
        _CURRENT[0] = self._prev
        return False


def stream(stream_):
    return StreamCtx(stream_)


# --- memory ----------------------------------------------------------------------------------

def _stats(dev=None):
    dev = dev or context.current_device()
    try:
        return dev.memory_stats() or {}
    except (AttributeError, RuntimeError, NotImplementedError):
        return {}


def memory_stats(device_target=None):
    s = _stats()
    return {"total_reserved_memory": s.get("bytes_reserved", s.get("bytes_limit", 0)),
            "total_allocated_memory": s.get("bytes_in_use", 0),
            "total_idle_memory": max(s.get("bytes_limit", 0) - s.get("bytes_in_use", 0), 0),
            "max_reserved_memory": s.get("peak_bytes_reserved", s.get("bytes_limit", 0)),
            "max_allocated_memory": s.get("peak_bytes_in_use", 0)}


def memory_allocated(device_target=None):
    return _stats().get("bytes_in_use", 0)


def max_memory_allocated(device_target=None):
    return _stats().get("peak_bytes_in_use", 0)


def memory_reserved(device_target=None):
    s = _stats()
    return s.get("bytes_reserved", s.get("bytes_limit", 0))


def max_memory_reserved(device_target=None):
    s = _stats()
    return s.get("peak_bytes_reserved", s.get("bytes_limit", 0))


def memory_summary(device_target=None):
    lines = ["|  mindspore_jax memory summary (from jax.Device.memory_stats)  |"]
    lines += [f"|  {k}: {v}" for k, v in memory_stats(device_target).items()]
    return "\n".join(lines)


def empty_cache():
    """XLA's allocator keeps its pool; nothing to release explicitly."""


def reset_peak_memory_stats(device_target=None):
    pass


def reset_max_memory_reserved(device_target=None):
    pass


def reset_max_memory_allocated(device_target=None):
    pass
