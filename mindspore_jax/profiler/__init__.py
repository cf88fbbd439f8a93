"""``mindspore.profiler``: ``Profiler`` records an XLA trace with ``jax.profiler``
(see ``profiling.py``; ``mindspore.profiler.profiling`` is the 1.x module path)."""

from . import profiling  # noqa: F401  (1.x path mindspore.profiler.profiling)
from .profiling import (  # noqa: F401
    AicoreMetrics, EnvProfiler, ExportType, Profiler, ProfilerAction, ProfilerActivity,
    ProfilerLevel, profile, schedule, tensorboard_trace_handler,
)

__all__ = ["Profiler", "profile", "schedule", "tensorboard_trace_handler", "ProfilerLevel",
           "ProfilerActivity", "AicoreMetrics", "ExportType", "EnvProfiler"]
