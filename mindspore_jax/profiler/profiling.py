"""``mindspore.profiler.Profiler`` on ``jax.profiler``.

Accepts MindSpore's keyword arguments. ``start()``/``stop()`` record a JAX/XLA trace (viewable
with TensorBoard's profile plug-in or Perfetto) under ``<output_path>/profiler_jax``;
``analyse()`` stops a running trace and reports where it is. MindSpore's own analysis files
(op summaries, timeline JSON, memory and communication tables) are not produced; options that
only shape those files are accepted and stored. If JAX cannot trace (a trace is already
running elsewhere, or the backend refuses), profiling becomes a no-op with a logged note.
"""

from __future__ import annotations

import enum
import logging
import os

import jax

_log = logging.getLogger("mindspore_jax")


class ProfilerLevel(enum.Enum):
    LevelNone = "LevelNone"
    Level0 = "Level0"
    Level1 = "Level1"
    Level2 = "Level2"


class ProfilerActivity(enum.Enum):
    NPU = "NPU"
    GPU = "GPU"
    CPU = "CPU"


class AicoreMetrics(enum.Enum):
    PipeUtilization = "PipeUtilization"
    ArithmeticUtilization = "ArithmeticUtilization"
    Memory = "Memory"
    MemoryL0 = "MemoryL0"
    MemoryUB = "MemoryUB"
    ResourceConflictRatio = "ResourceConflictRatio"
    L2Cache = "L2Cache"
    MemoryAccess = "MemoryAccess"
    AiCoreNone = "None"


class ExportType(enum.Enum):
    Db = "db"
    Text = "text"


class ProfilerAction(enum.Enum):
    NONE = 0
    WARM_UP = 1
    RECORD = 2
    RECORD_AND_SAVE = 3


class schedule:  # noqa: N801  (MindSpore's spelling)
    """Step schedule: skip_first, then cycles of wait/warmup/active steps, ``repeat`` times."""

    def __init__(self, *, wait, active, warmup=0, repeat=0, skip_first=0):
        for name, v in (("wait", wait), ("active", active), ("warmup", warmup),
                        ("repeat", repeat), ("skip_first", skip_first)):
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ValueError(f"For 'schedule', the argument '{name}' must be a non-negative "
                                 f"int, but got {v}.")
        if active < 1:
            raise ValueError(f"For 'schedule', the argument 'active' must be >= 1, but got {active}.")
        self.wait, self.active, self.warmup = wait, active, warmup
        self.repeat, self.skip_first = repeat, skip_first

    def __call__(self, step):
        if step < self.skip_first:
            return ProfilerAction.NONE
        step -= self.skip_first
        cycle = self.wait + self.warmup + self.active
        if self.repeat > 0 and step // cycle >= self.repeat:
            return ProfilerAction.NONE
        pos = step % cycle
        if pos < self.wait:
            return ProfilerAction.NONE
        if pos < self.wait + self.warmup:
            return ProfilerAction.WARM_UP
        return ProfilerAction.RECORD_AND_SAVE if pos == cycle - 1 else ProfilerAction.RECORD


def tensorboard_trace_handler(dir_name=None, worker_name=None, analyse_flag=True,
                              async_mode=False):
    """``on_trace_ready`` handler: the trace is already written under ``dir_name``."""
    def handler(prof):
        prof.analyse()
    handler.dir_name = dir_name or "./data"
    return handler


_ACTIVE = [None]  # the Profiler whose jax trace is running


class Profiler:
    """``Profiler(output_path="./data", start_profile=True, ...)``; see the module docstring."""

    def __init__(self, **kwargs):
        self._kwargs = dict(kwargs)
        on_ready = kwargs.get("on_trace_ready")
        default_dir = getattr(on_ready, "dir_name", None) or "./data"
        self.output_path = os.path.realpath(kwargs.get("output_path", default_dir))
        if not isinstance(kwargs.get("output_path", ""), str):
            raise TypeError("For 'Profiler', the argument 'output_path' must be str, but got "
                            f"{type(kwargs['output_path'])}.")
        self.schedule = kwargs.get("schedule")
        self.on_trace_ready = on_ready
        self.trace_dir = os.path.join(self.output_path, "profiler_jax")
        self._running = False
        self._step = 0
        self._metadata = {}
        if kwargs.get("start_profile", True) and self.schedule is None:
            self.start()
        elif self.schedule is not None:
            self._apply_schedule()

    # --- trace control
    def start(self):
        if self._running:
            return
        if _ACTIVE[0] is not None:
            _log.warning("Profiler.start: another Profiler is already tracing; this one is a no-op.")
            return
        try:
            os.makedirs(self.trace_dir, exist_ok=True)
            jax.profiler.start_trace(self.trace_dir)
        except Exception as e:  # noqa: BLE001  (any backend refusal turns profiling off)
            _log.warning("Profiler.start: JAX tracing unavailable (%s); profiling is a no-op.", e)
            return
        self._running = True
        _ACTIVE[0] = self

    def stop(self):
        if not self._running:
            return
        try:
            jax.profiler.stop_trace()
        finally:
            self._running = False
            _ACTIVE[0] = None
        _log.info("Profiler: JAX trace written under %s", self.trace_dir)

    def step(self):
        """Advances the ``schedule`` (if any) by one step."""
        self._step += 1
        if self.schedule is not None:
            self._apply_schedule()

    def _apply_schedule(self):
        action = self.schedule(self._step)
        if action in (ProfilerAction.RECORD, ProfilerAction.RECORD_AND_SAVE):
            self.start()
        elif self._running:
            self.stop()
            if self.on_trace_ready is not None:
                self.on_trace_ready(self)

    def analyse(self, offline_path=None, pretty=False, step_list=None, mode="sync"):
        """Stops a running trace. MindSpore's analysis tables are not produced: the XLA trace
        under ``<output_path>/profiler_jax`` is the result."""
        self.stop()
        _log.warning("Profiler.analyse: MindSpore's analysis files are not produced by "
                     "mindspore_jax; open the XLA trace in %s with TensorBoard or Perfetto.",
                     self.trace_dir)

    @classmethod
    def offline_analyse(cls, path, pretty=False, step_list=None, data_simplification=True):
        _log.warning("Profiler.offline_analyse(%r): no MindSpore analysis in mindspore_jax.", path)

    def op_analyse(self, op_name, device_id=None):
        raise NotImplementedError("Profiler.op_analyse: per-op MindSpore analysis is not "
                                  "available in mindspore_jax; use the XLA trace.")

    def add_metadata(self, key, value):
        self._metadata[key] = value

    def add_metadata_json(self, key, value):
        self._metadata[key] = value

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


class profile(Profiler):  # noqa: N801  (MindSpore 2.5+ spelling, a context manager)
    def __init__(self, activities=None, with_stack=False, profile_memory=False,
                 data_process=False, parallel_strategy=False, start_profile=True, hbm_ddr=False,
                 pcie=False, sync_enable=True, record_shapes=False, schedule=None,
                 on_trace_ready=None, experimental_config=None):
        super().__init__(activities=activities, with_stack=with_stack,
                         profile_memory=profile_memory, start_profile=False, schedule=schedule,
                         on_trace_ready=on_trace_ready)
        self._start_profile = start_profile

    def __enter__(self):
        if self._start_profile and self.schedule is None:
            self.start()
        return self


class EnvProfiler:
    """Started by MindSpore from environment variables; nothing to do here."""
