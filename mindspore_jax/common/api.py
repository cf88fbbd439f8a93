"""``mindspore.common.api``: the public compile helpers at their 1.x/2.x module path.

``jit``/``ms_function`` compile with XLA (see ``_graph/api.py``). ``mutable`` and ``jit_class``
only mark things for MindSpore's graph compiler; XLA traces Tensors as variables and runs
class methods as plain Python, so both return their input unchanged. ``JitConfig`` stores its
options (XLA chooses its own passes).
"""

from __future__ import annotations


# Not imported by common/__init__ (common sits below _graph/): by the time a script imports
# this module, mindspore_jax (and so the compiler) is fully loaded.
from .._graph.api import jit, ms_function  # noqa: E402


def jit_class(cls):
    """Marks a user class as usable inside compiled code (every class is, under tracing)."""
    if not isinstance(cls, type):
        raise TypeError(f"Decorator jit_class can only be used for class type, but got {cls}.")
    cls.__ms_class__ = True
    return cls


ms_class = jit_class


def mutable(input_data, dynamic_len=False):
    """Marks ``input_data`` as a graph variable. Tensors already are; Python scalars and
    tuples passed to a compiled function are returned unchanged (they stay constants)."""
    from .tensor import Tensor

    def ok(x):
        if isinstance(x, (list, tuple)):
            return all(ok(i) for i in x)
        if isinstance(x, dict):
            return all(ok(v) for v in x.values())
        return isinstance(x, (Tensor, int, float, bool))

    if not ok(input_data):
        raise TypeError("For 'mutable', the 'input_data' should be one of (int, float, bool, "
                        "Tensor, tuple, list, dict) or their nested structures, but got "
                        f"{type(input_data)}.")
    if dynamic_len and not isinstance(input_data, (list, tuple)):
        raise TypeError("For 'mutable', when the 'dynamic_len' is True, the 'input_data' should "
                        f"be list or tuple, but got {type(input_data)}.")
    return input_data


class JitConfig:
    """``JitConfig(jit_level=..., exc_mode=..., ...)``: options kept in ``jit_config_dict``."""

    def __init__(self, jit_level="", exc_mode="auto", jit_syntax_level="", debug_level="RELEASE",
                 infer_boost="off", **kwargs):
        self.jit_config_dict = dict(kwargs, jit_level=jit_level, exc_mode=exc_mode,
                                    jit_syntax_level=jit_syntax_level, debug_level=debug_level,
                                    infer_boost=infer_boost)


__all__ = ["jit", "ms_function", "jit_class", "ms_class", "mutable", "JitConfig"]
