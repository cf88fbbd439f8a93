"""Summary operators: ``ops.ScalarSummary``, ``TensorSummary``, ``ImageSummary``,
``HistogramSummary``.

``op(name, value)`` checks its arguments and appends ``[op name, name, numpy value]`` to
``SUMMARY_TENSOR_CACHE`` (MindSpore's ``debug_ops.SUMMARY_TENSOR_CACHE``), which
``SummaryRecord.record`` (``train/summary_record.py``) consumes. Eagerly the value is copied at
once; in a compiled (or differentiated) trace it is sent to the host with ``jax.debug.callback``,
so it arrives when the compiled step runs. Nothing is returned.
"""

from __future__ import annotations

import jax
import numpy as np

from ...common.tensor import Tensor
from .._registry import primitive, raise_error
from ..primitive import Primitive

SUMMARY_TENSOR_CACHE = []


def _record(op_name, name, value):
    SUMMARY_TENSOR_CACHE.append([op_name, name, np.array(value, copy=True)])


def _check(op_name, name, value):
    if not isinstance(name, str):
        raise_error(TypeError, op_name, f"the type of 'name' should be one of '['String']', but "
                    f"got type '{type(name).__name__}'.")
    if not name:
        raise_error(ValueError, op_name, f"the name must be valid string, but got '{name}'.")
    if not isinstance(value, Tensor):
        raise_error(TypeError, op_name, f"the type of 'value' should be one of '['Tensor']', but "
                    f"got type '{type(value).__name__}'.")
    shape = value.shape
    if op_name == "ScalarSummary" and len(shape) > 1:
        raise_error(ValueError, op_name, f"the dim of 'value' must be 0 or 1, but got {len(shape)}.")
    if op_name == "ImageSummary" and len(shape) != 4:
        raise_error(ValueError, op_name, f"the dim of 'value' must be 4, but got {len(shape)}.")
    if op_name in ("TensorSummary", "HistogramSummary") and len(shape) == 0:
        raise_error(ValueError, op_name, "the dim of 'value' must be greater than 0, but got 0.")


def summary(op_name, name, value):
    _check(op_name, name, value)
    arr = value._data
    if isinstance(arr, jax.core.Tracer):
        jax.debug.callback(lambda a: _record(op_name, name, a), arr)
    else:
        _record(op_name, name, arr)


class _Summary(Primitive):
    def __init__(self):
        super().__init__(type(self).__name__)
        self.add_prim_attr("side_effect_io", True)

    def __call__(self, name, value):
        summary(self.name, name, value)


@primitive
class ScalarSummary(_Summary):
    """``ops.ScalarSummary()(name, value)``: records a scalar (rank 0 or 1) for SummaryRecord."""


@primitive
class TensorSummary(_Summary):
    """``ops.TensorSummary()(name, value)``: records a tensor for SummaryRecord."""


@primitive
class ImageSummary(_Summary):
    """``ops.ImageSummary()(name, value)``: records an NCHW image batch for SummaryRecord."""


@primitive
class HistogramSummary(_Summary):
    """``ops.HistogramSummary()(name, value)``: records a tensor's histogram for SummaryRecord."""
