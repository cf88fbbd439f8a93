"""``mindspore.device_context.cpu.op_tuning``."""

_STATE = {"threads_num": None}


def threads_num(num):
    """Sets the CPU kernel thread count once. XLA's CPU thread pool is sized when JAX starts, so
    the value is validated and kept (``get_context('runtime_num_threads')``) rather than applied."""
    if _STATE["threads_num"] is not None:
        raise RuntimeError("The 'threads_num' can not be set repeatedly.")
    if not isinstance(num, int) or isinstance(num, bool):
        raise TypeError(f"The parameter 'num' must be {int}, but got {type(num)}.")
    if num <= 0:
        raise ValueError(f"The 'num' must be a positive int, but got {num}.")
    _STATE["threads_num"] = num
