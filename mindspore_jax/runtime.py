"""``mindspore.runtime``: runtime knobs (threads, memory pool, CPU affinity) and streams.

XLA manages threads and its memory pool itself, so the settings are validated, stored and
readable back (``_settings``) but change nothing; streams, events, synchronization and memory
queries are those of ``mindspore.hal``.
"""

from __future__ import annotations

import logging

from .hal import (  # noqa: F401
    Event, Stream, StreamCtx, communication_stream, current_stream, default_stream, empty_cache,
    max_memory_allocated, max_memory_reserved, memory_allocated, memory_reserved, memory_stats,
    memory_summary, reset_max_memory_allocated, reset_max_memory_reserved,
    reset_peak_memory_stats, set_cur_stream, stream, synchronize,
)

_log = logging.getLogger("mindspore_jax")
_settings: dict = {}


def _accept(name, **kw):
    _settings[name] = kw
    _log.debug("runtime.%s(%s) accepted; XLA manages this itself.", name, kw)


def set_cpu_affinity(enable_affinity, affinity_cpu_list=None, module_to_cpu_dict=None,
                     bind_file=None):
    if not isinstance(enable_affinity, bool):
        raise TypeError("For 'set_cpu_affinity', the argument 'enable_affinity' must be bool, "
                        f"but got {type(enable_affinity)}.")
    _accept("set_cpu_affinity", enable_affinity=enable_affinity,
            affinity_cpu_list=affinity_cpu_list, module_to_cpu_dict=module_to_cpu_dict,
            bind_file=bind_file)


def launch_blocking():
    _accept("launch_blocking")


def dispatch_threads_num(threads_num):
    if not isinstance(threads_num, int) or isinstance(threads_num, bool) or threads_num < 1:
        raise ValueError("For 'dispatch_threads_num', the argument 'threads_num' must be a "
                         f"positive int, but got {threads_num}.")
    _accept("dispatch_threads_num", threads_num=threads_num)


def set_memory(init_size="2GB", increase_size="2GB", max_size="1024GB", optimize_level="O0",
               huge_page_reserve_size="0GB"):
    _accept("set_memory", init_size=init_size, increase_size=increase_size, max_size=max_size,
            optimize_level=optimize_level, huge_page_reserve_size=huge_page_reserve_size)


def set_kernel_launch_group(thread_num=2, kernel_group_num=8):
    _accept("set_kernel_launch_group", thread_num=thread_num, kernel_group_num=kernel_group_num)


def set_kernel_launch_capture(enable_capture_graph, op_capture_skip=None):
    _accept("set_kernel_launch_capture", enable_capture_graph=enable_capture_graph,
            op_capture_skip=op_capture_skip)


def set_device_limit(cube_num=None, vector_num=None):
    _accept("set_device_limit", cube_num=cube_num, vector_num=vector_num)


def get_device_limit(device_id=None):
    return dict(_settings.get("set_device_limit", {}))
