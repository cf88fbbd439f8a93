"""Tensor methods MindSpore 2.10 has that are about storage/runtime rather than math, in the
forms that mean something here: ``is_meta`` (always False: no meta device), ``pin_memory()`` (a
copy; host memory needs no pinning for XLA), ``get_bytes()`` (the raw bytes), ``wait_pipeline()``
(nothing is pending: no-op), ``to_dlpack()`` / ``Tensor.from_dlpack(capsule)``."""

from __future__ import annotations

import numpy as np

from .. import _registry as R
from .._registry import tensor_method


def _pin_memory(self):
    return R.wrap(R.unwrap(self) + 0)


def _get_bytes(self):
    return np.asarray(R.unwrap(self)).tobytes()


def _to_dlpack(self):
    from ..._top_extras import to_dlpack

    return to_dlpack(self)


def _from_dlpack(dlpack):
    from ..._top_extras import from_dlpack

    return from_dlpack(dlpack)


tensor_method("is_meta")(property(lambda self: False))
tensor_method("pin_memory")(_pin_memory)
tensor_method("get_bytes")(_get_bytes)
tensor_method("wait_pipeline")(lambda self: None)
tensor_method("to_dlpack")(_to_dlpack)
tensor_method("from_dlpack")(staticmethod(_from_dlpack))
