"""Ascend-only MoE routing, KV-cache and deformable-attention ops, as reference semantics on XLA:
``moe_token_permute`` / ``moe_token_unpermute``, ``moe_init_routing_v2``, ``GroupTopk``,
``multi_scale_deformable_attn_function``, ``ReshapeAndCache``, ``PagedAttention`` and
``PagedAttentionMask``. MindSpore 2.10 has no CPU kernel for any of them; the semantics are the
documented ones (MindSpore docstrings, and CANN/ATB's for GroupTopk and the KV-cache ops).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.tensor import Tensor
from .._registry import call, functional, op, primitive, raise_error
from ..primitive import Primitive

# --- MoE token permutation ------------------------------------------------------------------------


@op("moe_token_permute")
def _moe_token_permute(tokens, indices, num_out_tokens=None, padded_mode=False):
    name = "MoeTokenPermute"
    if padded_mode:
        raise_error(ValueError, name, "the 'padded_mode' can only be False currently.")
    if tokens.ndim != 2 or indices.ndim not in (1, 2):
        raise_error(
            ValueError,
            name,
            f"the 'tokens' must be 2-D and 'indices' 1-D or 2-D, "
            f"but got {tokens.ndim}-D and {indices.ndim}-D.",
        )
    if indices.dtype not in (np.int32, np.int64):
        raise_error(
            TypeError, name, f"the dtype of 'indices' must be int32 or int64, but got {indices.dtype}."
        )
    if indices.ndim == 2 and indices.shape[1] > 512:
        raise_error(
            ValueError, name, f"the second dim of 'indices' must be <= 512, but got {indices.shape[1]}."
        )
    if indices.shape[0] != tokens.shape[0]:
        raise_error(
            RuntimeError,
            name,
            f"the first dim of 'tokens' ({tokens.shape[0]}) and 'indices' ({indices.shape[0]}) "
            "must be equal.",
        )
    topk = 1 if indices.ndim == 1 else indices.shape[1]
    flat = indices.reshape(-1)
    order = jnp.argsort(flat, stable=True)  # permuted row r holds flat entry order[r]
    n = flat.shape[0] if num_out_tokens is None else min(int(num_out_tokens), flat.shape[0])
    permuted = tokens[order[:n] // topk]
    dest = jnp.zeros_like(order).at[order].set(jnp.arange(order.shape[0], dtype=order.dtype))
    return permuted, dest.astype(np.int32)


@functional
def moe_token_permute(tokens, indices, num_out_tokens=None, padded_mode=False):
    """``ops.moe_token_permute`` (Ascend-only): ``(permuted_tokens, sorted_indices)``.

    Flattened ``indices`` are stably sorted; row r of ``permuted_tokens`` is the token of the
    r-th sorted entry (the first ``num_out_tokens`` rows), ``sorted_indices[i]`` (int32) is the
    row that flattened entry i went to (the documented example's convention)."""
    if num_out_tokens is not None and (
        not isinstance(num_out_tokens, int) or isinstance(num_out_tokens, bool)
    ):
        raise_error(TypeError, "MoeTokenPermute", "the 'num_out_tokens' must be an int.")
    if not isinstance(padded_mode, bool):
        raise_error(TypeError, "MoeTokenPermute", "the 'padded_mode' must be a bool.")
    return call("moe_token_permute", tokens, indices, num_out_tokens, padded_mode)


@op("moe_token_unpermute")
def _moe_token_unpermute(permuted_tokens, sorted_indices, probs=None, padded_mode=False, restore_shape=None):
    name = "MoeTokenUnpermute"
    if padded_mode:
        raise_error(ValueError, name, "only 'padded_mode' False is supported.")
    topk = 1 if probs is None else probs.shape[-1]
    n = sorted_indices.shape[0] // topk
    p = permuted_tokens.shape[0]
    idx = sorted_indices.astype(np.int32)
    ok = (idx >= 0) & (idx < p)
    rows = jnp.where(ok[:, None], permuted_tokens[jnp.clip(idx, 0, max(p - 1, 0))], 0).astype(np.float32)
    rows = rows.reshape(n, topk, permuted_tokens.shape[-1])
    if probs is not None:
        rows = rows * probs.reshape(n, topk, 1).astype(np.float32)
    return jnp.sum(rows, axis=1).astype(permuted_tokens.dtype)


@functional
def moe_token_unpermute(permuted_tokens, sorted_indices, probs=None, padded_mode=False, restore_shape=None):
    """``ops.moe_token_unpermute`` (Ascend-only): row t is ``sum_k permuted_tokens[sorted_indices[t *
    topk + k]] * probs[t, k]`` (``topk`` = ``probs.shape[1]``, 1 without ``probs``); indices past the
    permuted rows (dropped tokens) contribute zeros. Accumulates in float32."""
    if not isinstance(permuted_tokens, Tensor):
        raise_error(TypeError, "MoeTokenUnpermute", "the 'permuted_tokens' must be a Tensor.")
    return call("moe_token_unpermute", permuted_tokens, sorted_indices, probs, padded_mode, restore_shape)


@op("moe_init_routing_v2")
def _moe_init_routing_v2(
    x, expert_idx, active_num, expert_capacity, expert_num, drop_pad_mode, count_flag, before_flag
):
    name = "MoeInitRoutingV2"
    if x.ndim != 2 or expert_idx.ndim != 2 or x.shape[0] != expert_idx.shape[0]:
        raise_error(
            ValueError,
            name,
            f"the 'x' (NUM_ROWS, H) and 'expert_idx' (NUM_ROWS, K) shapes do not match: "
            f"{list(x.shape)} and {list(expert_idx.shape)}.",
        )
    if drop_pad_mode not in (0, 1):
        raise_error(ValueError, name, f"the 'drop_pad_mode' must be 0 or 1, but got {drop_pad_mode}.")
    if count_flag not in (0, 1, 2):
        raise_error(
            ValueError,
            name,
            f"the 'expert_tokens_count_or_cumsum_flag' must be 0, 1 or 2, but got {count_flag}.",
        )
    rows, k = expert_idx.shape
    nk = rows * k
    flat = expert_idx.reshape(-1).astype(np.int32)
    order = jnp.argsort(flat, stable=True)
    sorted_e = flat[order]
    counts = jnp.zeros((max(expert_num, 1),), np.int32).at[flat].add(1, mode="drop")[:expert_num]
    if drop_pad_mode == 0:
        n = nk if active_num == 0 else min(int(active_num), nk)
        expanded = x[order[:n] // k]
        dest = jnp.zeros((nk,), np.int32).at[order].set(jnp.arange(nk, dtype=np.int32))
        extra = counts if count_flag == 2 else jnp.cumsum(counts).astype(np.int32)
        return expanded, dest, extra, counts
    if expert_capacity <= 0 or expert_num <= 0:
        raise_error(
            ValueError, name, "the 'expert_capacity' and 'expert_num' must be positive in Drop/Pad mode."
        )
    starts = jnp.searchsorted(sorted_e, jnp.arange(expert_num, dtype=np.int32), side="left")
    rank = jnp.arange(nk) - starts[jnp.clip(sorted_e, 0, expert_num - 1)]
    kept = rank < expert_capacity
    slot = jnp.where(kept, sorted_e * expert_capacity + rank, -1).astype(np.int32)
    out = jnp.zeros((expert_num * expert_capacity, x.shape[1]), x.dtype)
    out = out.at[jnp.where(kept, slot, expert_num * expert_capacity)].set(x[order // k], mode="drop")
    dest = jnp.zeros((nk,), np.int32).at[order].set(slot)
    return out.reshape(expert_num, expert_capacity, x.shape[1]), dest, counts, counts


@functional
def moe_init_routing_v2(
    x,
    expert_idx,
    active_num,
    expert_capacity,
    expert_num,
    drop_pad_mode,
    expert_tokens_count_or_cumsum_flag,
    expert_tokens_before_capacity_flag,
):
    """``ops.moe_init_routing_v2`` (Ascend-only): expands tokens by their experts (stable sort of
    the flattened ``expert_idx``). Dropless: ``expanded_x`` ``(NUM_ROWS*K, H)`` (Active: the first
    ``min(active_num, NUM_ROWS*K)`` rows); Drop/Pad: ``(expert_num, expert_capacity, H)``, each
    expert's first ``expert_capacity`` entries, zero padding, dropped entries get
    ``expanded_row_idx`` -1. ``expanded_row_idx[i]`` is where flattened entry i went. The third
    output (returned only when its flag asks, as in MindSpore) is the per-expert count/cumsum
    (dropless) or the count before capacity (Drop/Pad), int32."""
    outs = call(
        "moe_init_routing_v2",
        x,
        expert_idx,
        int(active_num),
        int(expert_capacity),
        int(expert_num),
        int(drop_pad_mode),
        int(expert_tokens_count_or_cumsum_flag),
        bool(expert_tokens_before_capacity_flag),
    )
    expanded_x, row_idx, count_or_cumsum, before = outs
    if drop_pad_mode == 1 and expert_tokens_before_capacity_flag:
        return expanded_x, row_idx, before
    if drop_pad_mode == 0 and expert_tokens_count_or_cumsum_flag != 0:
        return expanded_x, row_idx, count_or_cumsum
    return expanded_x, row_idx


# --- GroupTopk ------------------------------------------------------------------------------------


@op("group_topk")
def _group_topk(token, group_num, k, k_inner=1):
    name = "GroupTopk"
    if token.ndim != 2:
        raise_error(ValueError, name, f"the 'token' must be 2-D, but got {token.ndim}-D.")
    e = token.shape[1]
    if group_num < 1 or e % group_num or not 1 <= k <= group_num:
        raise_error(
            ValueError,
            name,
            f"expert_num ({e}) must be divisible by 'group_num' ({group_num}) and "
            f"1 <= 'k' ({k}) <= 'group_num'.",
        )
    g = token.reshape(token.shape[0], group_num, e // group_num).astype(np.float32)
    kin = max(int(k_inner), 1)
    score = jnp.max(g, axis=-1) if kin == 1 else jnp.sum(jax.lax.top_k(g, kin)[0], axis=-1)
    _, top = jax.lax.top_k(score, k)
    sel = jnp.zeros((token.shape[0], group_num), bool).at[jnp.arange(token.shape[0])[:, None], top].set(True)
    return jnp.where(sel[:, :, None], g, 0).reshape(token.shape).astype(token.dtype)


def group_topk(token, idx_arr, group_num, k, k_inner=1):
    """Groups each row of ``token`` (num_tokens, expert_num) into ``group_num`` groups, scores a group
    by its max (or the sum of its top ``k_inner``), keeps the top ``k`` groups and zeroes the rest.
    Written in place (``token`` when it is a Parameter/Tensor) and returned; ``idx_arr`` (the
    kernel's 0..1023 helper) is not read."""
    out = call("group_topk", token, int(group_num), int(k), int(k_inner))
    if isinstance(token, Tensor):
        token._data = out._data
        return token
    return out


@primitive
class GroupTopk(Primitive):
    """``ops.GroupTopk()(token, idx_arr, group_num, k, k_inner=1)`` (Ascend-only; see group_topk)."""

    def __init__(self):
        super().__init__("GroupTopk")
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, token, idx_arr, group_num, k, k_inner=1):
        return group_topk(token, idx_arr, group_num, k, k_inner)


# --- multi-scale deformable attention --------------------------------------------------------------


@op("multi_scale_deformable_attn")
def _msda(value, shape, offset, locations, weight):
    name = "MultiScaleDeformableAttn"
    if value.ndim != 4 or locations.ndim != 6 or weight.ndim != 5:
        raise_error(
            ValueError,
            name,
            f"expected value 4-D, locations 6-D and weight 5-D, but got "
            f"{value.ndim}-D, {locations.ndim}-D and {weight.ndim}-D.",
        )
    if value.shape[-1] % 8:
        raise_error(
            RuntimeError, name, f"the 'embed_dims' must be a multiple of 8, but got {value.shape[-1]}."
        )
    bs, nk, nh, ed = value.shape
    _, nq, _, nl, npt, _ = locations.shape
    hw = shape.astype(np.int32).reshape(nl, 2)
    h = hw[:, 0].reshape(1, 1, 1, nl, 1)
    w = hw[:, 1].reshape(1, 1, 1, nl, 1)
    start = offset.astype(np.int32).reshape(1, 1, 1, nl, 1)
    loc = locations.astype(np.float32)
    x = loc[..., 0] * w - 0.5  # grid_sample, align_corners=False, zero padding
    y = loc[..., 1] * h - 0.5
    x0, y0 = jnp.floor(x), jnp.floor(y)
    vt = jnp.transpose(value, (0, 2, 1, 3)).astype(np.float32)  # (bs, nh, nk, ed)
    acc = jnp.zeros((bs, nh, nq, ed), np.float32)
    wt = weight.astype(np.float32)
    for dx in (0, 1):
        for dy in (0, 1):
            xi, yi = x0 + dx, y0 + dy
            bil = (1 - jnp.abs(x - xi)) * (1 - jnp.abs(y - yi))
            ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
            flat = (
                start + jnp.clip(yi, 0, h - 1).astype(np.int32) * w + jnp.clip(xi, 0, w - 1).astype(np.int32)
            )
            flat = jnp.clip(flat, 0, nk - 1)
            idx = jnp.transpose(flat, (0, 2, 1, 3, 4)).reshape(bs, nh, nq * nl * npt, 1)
            g = jnp.take_along_axis(vt, idx, axis=2).reshape(bs, nh, nq, nl * npt, ed)
            coef = jnp.where(ok, bil, 0.0) * wt  # (bs, nq, nh, nl, np)
            coef = jnp.transpose(coef, (0, 2, 1, 3, 4)).reshape(bs, nh, nq, nl * npt, 1)
            acc = acc + jnp.sum(g * coef, axis=3)
    return jnp.transpose(acc, (0, 2, 1, 3)).reshape(bs, nq, nh * ed).astype(value.dtype)


@functional
def multi_scale_deformable_attn_function(value, shape, offset, locations, weight):
    """``ops.multi_scale_deformable_attn_function`` (Ascend-only): Deformable-DETR's MSDA. For each
    level l (``shape[l] = (H, W)``, rows ``offset[l]:`` of ``value``), bilinear samples at
    ``locations`` (x, y in [0, 1], ``grid_sample`` align_corners=False, zero padding), weighted by
    ``weight`` and summed over levels and points: ``(bs, num_queries, num_heads * embed_dims)``."""
    return call("multi_scale_deformable_attn", value, shape, offset, locations, weight)


# --- KV cache: ReshapeAndCache / PagedAttention ---------------------------------------------------


@op("reshape_and_cache")
def _reshape_and_cache(key, value, key_cache, value_cache, slot_mapping):
    bsz = key_cache.shape[1]
    slots = slot_mapping.reshape(-1).astype(np.int32)
    blk = jnp.where(slots >= 0, slots // bsz, key_cache.shape[0])  # negative slot: skipped
    off = jnp.where(slots >= 0, slots % bsz, 0)

    def put(cache, x):
        x = x.reshape((slots.shape[0],) + cache.shape[2:]).astype(cache.dtype)
        return cache.at[blk, off].set(x, mode="drop")

    return put(key_cache, key), (None if value is None else put(value_cache, value))


def reshape_and_cache(key, value=None, key_cache=None, value_cache=None, slot_mapping=None):
    """Writes token t of ``key`` / ``value`` (reshaped to the cache's per-slot shape) into
    ``cache[slot // block_size, slot % block_size]`` for ``slot = slot_mapping[t]`` (negative slots
    are skipped); the caches (Parameters) are updated in place; returns ``key``."""
    if key_cache is None or slot_mapping is None:
        raise_error(ValueError, "ReshapeAndCache", "the 'key_cache' and 'slot_mapping' must be given.")
    new_k, new_v = call(
        "reshape_and_cache", key, value, key_cache, value_cache if value is not None else None, slot_mapping
    )
    key_cache._data = new_k._data
    if value is not None and value_cache is not None:
        value_cache._data = new_v._data
    return key


@primitive
class ReshapeAndCache(Primitive):
    """``ops.ReshapeAndCache()(key, value, key_cache, value_cache, slot_mapping)`` (see reshape_and_cache)."""

    def __init__(self):
        super().__init__("ReshapeAndCache")
        self.add_prim_attr("side_effect_mem", True)

    def __call__(self, key, value=None, key_cache=None, value_cache=None, slot_mapping=None):
        return reshape_and_cache(key, value, key_cache, value_cache, slot_mapping)


@op("paged_attention")
def _paged_attention(
    query,
    key_cache,
    value_cache,
    block_tables,
    context_lens,
    attn_mask,
    q_seq_lens,
    alibi_mask,
    head_num,
    scale_value,
    kv_head_num,
    mask_mode,
    mla_v_dim,
    name,
):
    t = query.shape[0]
    q = query.reshape(t, head_num, -1)
    d = q.shape[-1]
    kvh = kv_head_num if kv_head_num else head_num
    if head_num % kvh:
        raise_error(
            ValueError, name, f"the 'head_num' ({head_num}) must be divisible by 'kv_head_num' ({kvh})."
        )
    nb, bsz = key_cache.shape[:2]
    kc = key_cache.reshape(nb, bsz, kvh, -1)
    if mla_v_dim:
        vc = kc[..., :mla_v_dim]
    else:
        vc = value_cache.reshape(nb, bsz, kvh, -1)
    b = block_tables.shape[0]
    ctx = context_lens.reshape(-1).astype(np.int32)
    if q_seq_lens is None:
        tok_b = jnp.arange(t)
        pos = jnp.zeros((t,), np.int32)
        qlen = jnp.ones((b,), np.int32)
    else:
        qlen = q_seq_lens.reshape(-1).astype(np.int32)
        cum = jnp.cumsum(qlen)
        tok_b = jnp.searchsorted(cum, jnp.arange(t), side="right")
        pos = jnp.arange(t) - (cum - qlen)[tok_b]
    bt = block_tables[tok_b]  # (T, max_blocks)
    k = kc[bt].reshape(t, -1, kvh, d)  # (T, S, kvh, D)
    v = vc[bt].reshape(t, k.shape[1], kvh, vc.shape[-1])
    s = k.shape[1]
    g = head_num // kvh
    logits = jnp.einsum("thgd,tshd->thgs", q.reshape(t, kvh, g, d), k, preferred_element_type=np.float32)
    logits = logits.reshape(t, head_num, s) * np.float32(scale_value)
    j = jnp.arange(s)[None, :]
    c = ctx[tok_b][:, None]
    keep = j < c
    if mask_mode == "TRAPEZOIDAL":
        keep = keep & (j <= c - qlen[tok_b][:, None] + pos[:, None])
    for m in (alibi_mask, attn_mask):
        if m is not None:
            mm = m.astype(np.float32).reshape(t, -1, m.shape[-1])[..., :s]
            logits = logits + jnp.pad(mm, ((0, 0), (0, 0), (0, s - mm.shape[-1])))
    keep = keep[:, None, :]
    logits = jnp.where(keep, logits, np.finfo(np.float32).min)
    p = jax.nn.softmax(logits, axis=-1)
    p = jnp.where(keep, p, 0.0)
    out = jnp.einsum("thgs,tshd->thgd", p.reshape(t, kvh, g, s), v.astype(np.float32))
    out = out.reshape(t, head_num, v.shape[-1])
    return out.reshape(query.shape[:-1] + (-1,) if query.ndim == 3 else (t, -1)).astype(query.dtype)


def _paged_common(
    prim,
    query,
    key_cache,
    value_cache,
    block_tables,
    context_lens,
    antiquant_scale,
    antiquant_offset,
    attn_mask,
    q_seq_lens,
    alibi_mask,
    mask_mode,
    mla_v_dim,
):
    if antiquant_scale is not None or antiquant_offset is not None:
        raise_error(
            NotImplementedError, prim.name, "the int8 KV cache (antiquant_*) is not supported on XLA."
        )
    if block_tables is None or context_lens is None:
        raise_error(ValueError, prim.name, "the 'block_tables' and 'context_lens' must be given.")
    return call(
        "paged_attention",
        query,
        key_cache,
        value_cache,
        block_tables,
        context_lens,
        attn_mask,
        q_seq_lens,
        alibi_mask,
        prim.head_num,
        prim.scale_value,
        prim.kv_head_num,
        mask_mode,
        mla_v_dim,
        prim.name,
    )


@primitive
class PagedAttention(Primitive):
    """``ops.PagedAttention(head_num, scale_value, kv_head_num, kv_cache_quant_mode='DEFAULT',
    mask_mode='MASK_DEFAULT', mla_v_dim=0)`` (Ascend/Lite-only in MindSpore): decode attention of
    each query token over its sequence's blocks of the KV cache (``block_tables``), keys
    ``j < context_lens[b]``. ``attn_mask`` / ``alibi_mask`` are added to the scaled logits;
    ``q_seq_lens`` groups several query tokens per sequence (``mask_mode='TRAPEZOIDAL'`` makes
    them causal at the end of the context); ``mla_v_dim`` > 0 reads V as the first ``mla_v_dim``
    features of the key cache. Float32 softmax."""

    def __init__(
        self,
        head_num,
        scale_value,
        kv_head_num,
        kv_cache_quant_mode="DEFAULT",
        mask_mode="MASK_DEFAULT",
        mla_v_dim=0,
    ):
        super().__init__("PagedAttention")
        self.head_num, self.scale_value, self.kv_head_num = (
            int(head_num),
            float(scale_value),
            int(kv_head_num),
        )
        self.kv_cache_quant_mode, self.mask_mode, self.mla_v_dim = (
            kv_cache_quant_mode,
            mask_mode,
            int(mla_v_dim),
        )
        if mask_mode not in ("MASK_DEFAULT", "TRAPEZOIDAL"):
            raise_error(
                ValueError,
                "PagedAttention",
                f"the 'mask_mode' must be 'MASK_DEFAULT' or 'TRAPEZOIDAL', but got '{mask_mode}'.",
            )

    def __call__(
        self,
        query,
        key_cache,
        value_cache=None,
        block_tables=None,
        context_lens=None,
        antiquant_scale=None,
        antiquant_offset=None,
        attn_mask=None,
        q_seq_lens=None,
        alibi_mask=None,
    ):
        return _paged_common(
            self,
            query,
            key_cache,
            value_cache,
            block_tables,
            context_lens,
            antiquant_scale,
            antiquant_offset,
            attn_mask,
            q_seq_lens,
            alibi_mask,
            self.mask_mode,
            self.mla_v_dim,
        )


@primitive
class PagedAttentionMask(Primitive):
    """``ops.PagedAttentionMask(head_num, scale_value, kv_head_num, kv_cache_quant_mode='DEFAULT')``:
    PagedAttention with ``alibi_mask`` ``(num_tokens, num_head, 1, kv_len)`` added to the scaled
    logits."""

    def __init__(self, head_num, scale_value, kv_head_num, kv_cache_quant_mode="DEFAULT"):
        super().__init__("PagedAttentionMask")
        self.head_num, self.scale_value, self.kv_head_num = (
            int(head_num),
            float(scale_value),
            int(kv_head_num),
        )
        self.kv_cache_quant_mode = kv_cache_quant_mode

    def __call__(
        self,
        query,
        key_cache,
        value_cache,
        block_tables,
        context_lens,
        antiquant_scale=None,
        antiquant_offset=None,
        alibi_mask=None,
    ):
        return _paged_common(
            self,
            query,
            key_cache,
            value_cache,
            block_tables,
            context_lens,
            antiquant_scale,
            antiquant_offset,
            None,
            None,
            alibi_mask,
            "MASK_DEFAULT",
            0,
        )
