"""What the cpu/gpu/ascend modules share: availability, counts and first-call target checks."""

from __future__ import annotations

from .. import context, hal, log

_ALGOS = ["normal", "performance", "implicit_gemm", "precomp_gemm", "gemm", "direct", "fft",
          "fft_tiling", "winograd", "winograd_nonfused"]


def is_available(target):
    return hal.is_available(target)


def device_count(target, message):
    if not hal.is_available(target):
        raise RuntimeError(message)
    return hal.device_count(target)


def check_bool(value, name="value"):
    if not isinstance(value, bool):
        raise TypeError(f"The parameter '{name}' must be {bool}, but got {type(value)}.")
    return value


def warn_unless(target):
    """Logs MindSpore's error when a setting for ``target`` is made on another target."""
    current = context.get_context("device_target")
    if current != target:
        log.error(f"{current} device is not supported. Please use correct device")
        return False
    return True


def check_algo(api, mode):
    if mode not in _ALGOS:
        raise ValueError(f"For 'mindspore.device_context.gpu.op_tuning.{api}', the argument must be "
                         f"in {_ALGOS} but got {mode}.")
    return mode
