"""``nn.MultiFieldEmbeddingLookup``: embedding rows weighted by ``input_values`` and merged per
(sample, field) with SUM, MAX or MEAN, as MindSpore's layer (UnsortedSegment* over
``field_ids + batch * field_size``)."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from ...ops import _registry as R
from .misc import EmbeddingLookup

__all__ = ["MultiFieldEmbeddingLookup"]

_NEG_INF = -3.402823466e38


def _check_2d(x, name, cls):
    if len(x.shape) != 2:
        raise ValueError(f"For '{cls}', the dimension of '{name}' must be 2d, but got {len(x.shape)}.")


def _check_dtype(x, name, allowed, cls):
    if x.dtype not in allowed:
        raise TypeError(
            f"For '{cls}', the '{name}' must be one of {[str(a) for a in allowed]}, but got {x.dtype}."
        )


class MultiFieldEmbeddingLookup(EmbeddingLookup):
    """``nn.MultiFieldEmbeddingLookup(vocab_size, embedding_size, field_size, param_init='normal',
    target='CPU', slice_mode='batch_slice', feature_num_list=None, max_norm=None, sparse=True,
    operator='SUM', dtype=float32)``; ``construct(input_indices, input_values, field_ids)`` ->
    ``(batch, field_size, embedding_size)``."""

    OPERATOR_SUM = "SUM"
    OPERATOR_MEAN = "MEAN"
    OPERATOR_MAX = "MAX"

    def __init__(
        self,
        vocab_size,
        embedding_size,
        field_size,
        param_init="normal",
        target="CPU",
        slice_mode="batch_slice",
        feature_num_list=None,
        max_norm=None,
        sparse=True,
        operator="SUM",
        dtype=mstype.float32,
    ):
        super().__init__(
            vocab_size,
            embedding_size,
            param_init,
            target,
            slice_mode,
            feature_num_list,
            max_norm,
            sparse,
            dtype=dtype,
        )
        if isinstance(field_size, bool) or not isinstance(field_size, int) or field_size <= 0:
            raise ValueError(
                f"For '{self.cls_name}', the 'field_size' must be a positive int, but got {field_size!r}."
            )
        self.field_size = field_size
        if operator not in ("SUM", "MAX", "MEAN"):
            raise ValueError(
                f"For '{self.cls_name}', the 'operator' should be str and must be in "
                f"['SUM', 'MAX', 'MEAN'], but got {operator!r}."
            )
        self.operator = operator
        self.negative_inf_value = _NEG_INF

    def construct(self, input_indices, input_values, field_ids):
        cls = self.cls_name
        _check_2d(input_indices, "input_indices", cls)
        _check_2d(input_values, "input_values", cls)
        _check_2d(field_ids, "field_ids", cls)
        _check_dtype(input_indices, "input_indices", [mstype.int32, mstype.int64], cls)
        _check_dtype(input_values, "input_values", [mstype.float32], cls)
        _check_dtype(field_ids, "field_ids", [mstype.int32], cls)
        out = R.unwrap(super().construct(input_indices))  # (B, L, E)
        vals = R.unwrap(input_values)
        b, n = vals.shape
        nseg = b * self.field_size
        seg = (R.unwrap(field_ids) + (np.arange(b, dtype=np.int32) * self.field_size)[:, None]).reshape(-1)
        w = vals.reshape(b, n, 1)
        emb = w * out
        if self.operator == "MAX":
            emb = emb + (w == 0).astype(jnp.float32) * self.negative_inf_value
            merged = jax.ops.segment_max(emb.reshape(-1, self.embedding_size), seg, nseg)
            merged = jnp.maximum(merged, jnp.finfo(merged.dtype).min)
            count = jax.ops.segment_sum(jnp.abs(vals.reshape(-1)), seg, nseg)
            merged = merged * (count != 0).astype(jnp.float32)[:, None]
        else:
            merged = jax.ops.segment_sum(emb.reshape(-1, self.embedding_size), seg, nseg)
            if self.operator == "MEAN":
                count = jax.ops.segment_sum(jnp.abs(vals.reshape(-1)), seg, nseg)[:, None]
                merged = jnp.where(count == 0, 0.0, merged / jnp.where(count == 0, 1.0, count))
        return Tensor._wrap(merged.reshape(b, self.field_size, -1))
