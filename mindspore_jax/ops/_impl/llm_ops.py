"""Ascend-only fused attention ops of MindSpore's LLM stack, as reference semantics on XLA:
``flash_attention_score``, ``speed_fusion_attention``, ``prompt_flash_attention``,
``incre_flash_attention`` and ``fused_infer_attention_score``.

MindSpore 2.10 has no CPU/GPU kernel for any of these; what follows implements the documented
semantics (argument names/defaults from the API, the masks that ``sparse_mode`` /
``pre_tokens`` / ``next_tokens`` describe, GQA head sharing, dropout with a bit-packed
``drop_mask``) in float32 accumulation. Conventions fixed here where the docs are silent:

* ``attn_mask``: 1/True = discard. In ``sparse_mode`` 2/3/4 the (2048, 2048) mask is only the
  kernel's compressed template: the band comes from the mode, the mask's values are not read.
* band (``sparse_mode`` 0 with a mask, and 4): key j is kept for query i when
  ``-pre_tokens <= j - i - off <= next_tokens``, ``off`` = 0 in mode 0 (left-up vertex) and
  ``S2 - S1`` in mode 4 (right-down vertex, per batch with actual lengths).
* a query row with no kept key gives zeros (the kernels' "row invalidity" result).
* float32 inputs are accepted too (the Ascend kernels take float16/bfloat16 only).
* quantization inputs (int8 paths, ``antiquant_*``, ``*_scale*``) raise NotImplementedError.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common.rng import next_key
from .._registry import call, functional, op, raise_error

_INT_MAX = 2147483647
_NEG = float(np.finfo(np.float32).min)
_LAYOUTS = ("BSH", "BNSD", "SBH", "BSND", "TND")


# --- layout helpers --------------------------------------------------------------------------------


def _to_bnsd(x, layout, n, name, what):
    if layout == "BNSD":
        return x
    if layout == "BSND":
        return jnp.transpose(x, (0, 2, 1, 3))
    if layout in ("BSH", "SBH"):
        if x.ndim != 3:
            raise_error(
                ValueError, name, f"the '{what}' must be 3-D for layout {layout}, but got {x.ndim}-D."
            )
        if x.shape[-1] % n:
            raise_error(
                RuntimeError,
                name,
                f"the hidden size of '{what}' ({x.shape[-1]}) must be divisible by the head num {n}.",
            )
        y = x.reshape(x.shape[0], x.shape[1], n, x.shape[2] // n)
        return jnp.transpose(y, (0, 2, 1, 3) if layout == "BSH" else (1, 2, 0, 3))
    raise_error(ValueError, name, f"the 'input_layout' must be one of {_LAYOUTS}, but got '{layout}'.")


def _from_bnsd(o, layout):
    b, n, s, d = o.shape
    if layout == "BNSD":
        return o
    if layout == "BSND":
        return jnp.transpose(o, (0, 2, 1, 3))
    if layout == "BSH":
        return jnp.transpose(o, (0, 2, 1, 3)).reshape(b, s, n * d)
    return jnp.transpose(o, (2, 0, 1, 3)).reshape(s, b, n * d)  # SBH


def _mask4(mask, name):
    """A discard mask (1/True = masked) as a bool array broadcastable to (B, N, S1, S2)."""
    m = mask.astype(bool) if mask.dtype != bool else mask
    if m.ndim == 2:
        return m[None, None]
    if m.ndim == 3:
        return m[:, None]
    if m.ndim == 4:
        return m
    raise_error(RuntimeError, name, f"the shape of 'attn_mask' {list(mask.shape)} is not valid.")


def _clip_tokens(t, lim):
    return int(max(min(int(t), lim), -lim))


def _band_keep(i, j, mode, pre, nxt, off, prefix=None):
    """Kept (query i, key j) pairs of ``sparse_mode``; ``off`` is S2 - S1 (right-down vertex)."""
    if mode == 2:
        return j <= i
    if mode == 3:
        return j <= i + off
    if mode == 4:
        d = j - i - off
        return (d >= -pre) & (d <= nxt)
    if mode == 5:
        return (j <= i + off) | (j < prefix)
    d = j - i  # mode 0 with a mask: left-up vertex
    return (d >= -pre) & (d <= nxt)


def _as_lens(x, b, name, what):
    a = jnp.asarray(x).astype(np.int32).reshape(-1)
    if a.shape[0] == 1 and b != 1:
        a = jnp.broadcast_to(a, (b,))
    if a.shape[0] != b:
        raise_error(ValueError, name, f"the size of '{what}' must be 1 or {b}, but got {a.shape[0]}.")
    return a


# --- the attention core ----------------------------------------------------------------------------


def _attend(q, k, v, *, scale, bias=None, keep=None, drop=None, keep_prob=1.0, stats=False):
    """softmax(scale * q k^T + bias, masked by ``keep``) v over (B, N, S, D) arrays (GQA: N1 % N2 == 0).

    Without dropout or statistics this is ``jax.nn.dot_product_attention`` (float32 logits and
    softmax; JAX may pick cuDNN's flash-attention kernel there on a GPU); otherwise the same math
    as einsum + float32 softmax. A row whose keys are all masked gives zeros. Returns ``out`` or
    ``(out, row_max, row_sum)`` (float32, (B, N1, S1)) with ``stats``.
    """
    b, n1, s1, d = q.shape
    n2, s2, dv = k.shape[1], k.shape[2], v.shape[-1]
    row_ok = None
    if keep is not None:
        keep = jnp.broadcast_to(keep, (keep.shape[0], keep.shape[1], s1, s2))
        row_ok = jnp.any(keep, axis=-1)  # (B|1, N|1, S1)
    if drop is None and not stats and dv == d and q.dtype == k.dtype == v.dtype:
        out = jax.nn.dot_product_attention(
            jnp.transpose(q, (0, 2, 1, 3)),
            jnp.transpose(k, (0, 2, 1, 3)),
            jnp.transpose(v, (0, 2, 1, 3)),
            bias=None if bias is None else jnp.broadcast_to(bias, (bias.shape[0], n1, s1, s2)),
            mask=keep,
            scale=float(scale),
        )
        out = jnp.transpose(out, (0, 2, 1, 3))
        if row_ok is not None:
            out = jnp.where(row_ok[..., None], out, jnp.zeros((), out.dtype))
        return out
    g = n1 // n2
    qg = q.reshape(b, n2, g, s1, d)
    logits = jnp.einsum("bhgsd,bhtd->bhgst", qg, k, preferred_element_type=np.float32).reshape(b, n1, s1, s2)
    logits = logits * np.float32(scale)
    if bias is not None:
        logits = logits + bias.astype(np.float32)
    if keep is not None:
        logits = jnp.where(keep, logits, _NEG)
    m = jnp.max(logits, axis=-1, keepdims=True)
    e = jnp.exp(logits - jax.lax.stop_gradient(m))
    if keep is not None:
        e = jnp.where(keep, e, 0.0)
    ssum = jnp.sum(e, axis=-1, keepdims=True)
    p = e / jnp.where(ssum > 0, ssum, 1.0)
    if drop is not None:
        p = jnp.where(drop, p / np.float32(keep_prob), 0.0)
    pg = p.reshape(b, n2, g, s1, s2)
    out = jnp.einsum("bhgst,bhtd->bhgsd", pg, v.astype(np.float32)).reshape(b, n1, s1, dv).astype(v.dtype)
    if stats:
        return out, m[..., 0], ssum[..., 0]
    return out


def _unpack_drop_mask(dm, shape):
    bits = (dm[..., None] >> jnp.arange(8, dtype=np.uint8)) & 1
    return bits.reshape(dm.shape[:-1] + (-1,))[..., : shape[-1]].astype(bool)


def _check_qkv(q, k, v, name):
    if not (q.dtype == k.dtype == v.dtype):
        raise_error(
            TypeError,
            name,
            f"the dtype of 'query', 'key' and 'value' must be the same, "
            f"but got {q.dtype}, {k.dtype} and {v.dtype}.",
        )
    if not jnp.issubdtype(q.dtype, jnp.floating):
        raise_error(
            NotImplementedError, name, f"the int8 (quantized) path is not supported on XLA, got {q.dtype}."
        )


def _tnd_keep(cq, ck, t1, t2, mode, pre, nxt):
    """(1, 1, T1, T2) keep mask of TND packing: same sequence, band/causal on local positions."""
    cq = jnp.asarray(cq).astype(np.int32).reshape(-1)
    ck = jnp.asarray(ck).astype(np.int32).reshape(-1)
    sq = jnp.concatenate([jnp.zeros((1,), np.int32), cq[:-1]])
    sk = jnp.concatenate([jnp.zeros((1,), np.int32), ck[:-1]])
    tq, tk = jnp.arange(t1), jnp.arange(t2)
    bq = jnp.searchsorted(cq, tq, side="right")
    bk = jnp.searchsorted(ck, tk, side="right")
    bq_c, bk_c = jnp.minimum(bq, cq.shape[0] - 1), jnp.minimum(bk, ck.shape[0] - 1)
    i = (tq - sq[bq_c])[:, None]
    j = (tk - sk[bk_c])[None, :]
    off = ((ck - sk) - (cq - sq))[bq_c][:, None]
    keep = (bq[:, None] == bk[None, :]) & (bq[:, None] < cq.shape[0])
    if mode in (2, 3, 4) or (mode == 0 and (pre < t2 or nxt < t2)):
        keep = keep & _band_keep(i, j, mode, pre, nxt, off)
    return keep[None, None]


# --- FlashAttentionScore / speed_fusion_attention ---------------------------------------------------


@op("flash_attention_score")
def _flash_attention_score(
    query,
    key,
    value,
    head_num,
    real_shift,
    drop_mask,
    attn_mask,
    prefix,
    actual_seq_qlen,
    actual_seq_kvlen,
    keep_prob,
    scalar_value,
    pre_tokens,
    next_tokens,
    input_layout,
    sparse_mode,
    pse_type=1,
    rng_key=None,
    name="FlashAttentionScore",
    stats=False,
):
    _check_qkv(query, key, value, name)
    if not isinstance(input_layout, str):
        raise_error(
            TypeError, name, f"the 'input_layout' must be a str, but got {type(input_layout).__name__}."
        )
    if input_layout not in _LAYOUTS:
        raise_error(
            ValueError, name, f"the 'input_layout' must be one of {_LAYOUTS}, but got '{input_layout}'."
        )
    if not isinstance(sparse_mode, int) or isinstance(sparse_mode, bool):
        raise_error(
            TypeError, name, f"the 'sparse_mode' must be an int, but got {type(sparse_mode).__name__}."
        )
    if sparse_mode not in (0, 1, 2, 3, 4, 5):
        raise_error(RuntimeError, name, f"the specified value of 'sparse_mode' ({sparse_mode}) is invalid.")
    if head_num <= 0:
        raise_error(RuntimeError, name, f"the 'head_num' must be greater than 0, but got {head_num}.")
    if not 0.0 < keep_prob <= 1.0:
        raise_error(ValueError, name, f"the 'keep_prob' must be in range (0.0, 1.0], but got {keep_prob}.")
    if attn_mask is not None and attn_mask.dtype not in (np.bool_, np.uint8):
        raise_error(
            TypeError, name, f"the dtype of 'attn_mask' must be bool or uint8, but got {attn_mask.dtype}."
        )
    if pse_type not in (0, 1):
        raise_error(
            NotImplementedError,
            name,
            f"'pse_type' {pse_type} (internally generated ALiBi) is not supported on XLA.",
        )
    if input_layout == "TND":
        if actual_seq_qlen is None or actual_seq_kvlen is None:
            raise_error(
                RuntimeError, name, "'actual_seq_qlen' and 'actual_seq_kvlen' must be given for layout 'TND'."
            )
        if real_shift is not None:
            raise_error(
                NotImplementedError,
                name,
                "'real_shift' with layout 'TND' (compressed ALiBi) is not supported.",
            )
        q, k, v = (jnp.transpose(x, (1, 0, 2))[None] for x in (query, key, value))
        n1, n2 = q.shape[1], k.shape[1]
    else:
        q = _to_bnsd(query, input_layout, head_num, name, "query")
        n1 = q.shape[1]
        if input_layout in ("BSH", "SBH"):
            d = q.shape[-1]
            if key.shape[-1] % d:
                raise_error(RuntimeError, name, "the D-axis of 'query', 'key' and 'value' must be the same.")
            n2 = key.shape[-1] // d
            k = _to_bnsd(key, input_layout, n2, name, "key")
            v = _to_bnsd(value, input_layout, n2, name, "value")
        else:
            k = _to_bnsd(key, input_layout, 1, name, "key")
            v = _to_bnsd(value, input_layout, 1, name, "value")
            n2 = k.shape[1]
    if n1 != head_num:
        raise_error(RuntimeError, name, f"the 'head_num' ({head_num}) must equal N1 of 'query' ({n1}).")
    if n2 == 0 or n1 % n2:
        raise_error(RuntimeError, name, f"the 'head_num' ({head_num}) must be divisible by N2 ({n2}).")
    if q.shape[-1] != k.shape[-1]:
        raise_error(RuntimeError, name, "the D-axis of 'query', 'key' and 'value' must be the same.")
    b, _, s1, _ = q.shape
    s2 = k.shape[2]
    lim = s1 + s2 + 1
    pre, nxt = _clip_tokens(pre_tokens, lim), _clip_tokens(next_tokens, lim)
    keep = None
    if input_layout == "TND":
        keep = _tnd_keep(actual_seq_qlen, actual_seq_kvlen, s1, s2, sparse_mode, pre, nxt)
        if attn_mask is not None and sparse_mode in (0, 1):
            keep = keep & ~_mask4(attn_mask, name)
    else:
        i, j = jnp.arange(s1)[:, None], jnp.arange(s2)[None, :]
        if sparse_mode in (0, 1):
            if attn_mask is not None:
                keep = ~_mask4(attn_mask, name)
                if sparse_mode == 0 and (pre < lim or nxt < lim):
                    keep = keep & _band_keep(i, j, 0, pre, nxt, 0)[None, None]
        elif sparse_mode == 5:
            if prefix is None:
                raise_error(RuntimeError, name, "the 'prefix' must be given when 'sparse_mode' is 5.")
            pf = _as_lens(prefix, b, name, "prefix")[:, None, None, None]
            keep = _band_keep(i[None, None], j[None, None], 5, pre, nxt, s2 - s1, pf)
        else:
            keep = _band_keep(i, j, sparse_mode, pre, nxt, s2 - s1)[None, None]
    bias = None
    if real_shift is not None:
        if real_shift.ndim != 4 or real_shift.shape[-2:] != (s1, s2):
            raise_error(
                NotImplementedError if real_shift.ndim == 4 else RuntimeError,
                name,
                f"the shape of 'real_shift' must be (B or 1, N1, S1, S2) = (.., {n1}, {s1}, {s2}), "
                f"but got {list(real_shift.shape)} (the compressed ALiBi form is not supported).",
            )
        bias = real_shift.astype(np.float32)
        if pse_type == 1:  # scale * (qk + pse)
            bias = bias * np.float32(scalar_value)
    drop = None
    if keep_prob < 1.0:
        if drop_mask is not None and input_layout != "TND":
            drop = _unpack_drop_mask(drop_mask, (b, n1, s1, s2))
        else:
            drop = jax.random.bernoulli(rng_key, keep_prob, (b, n1, s1, s2))
    res = _attend(
        q, k, v, scale=scalar_value, bias=bias, keep=keep, drop=drop, keep_prob=keep_prob, stats=stats
    )
    out, stat = (res[0], res[1:]) if stats else (res, None)
    if input_layout == "TND":
        out = jnp.transpose(out[0], (1, 0, 2))
    else:
        out = _from_bnsd(out, input_layout)
    out = out.astype(query.dtype)
    if not stats:
        return out
    mx, sm = stat
    if input_layout == "TND":
        mx, sm = jnp.transpose(mx[0], (1, 0)), jnp.transpose(sm[0], (1, 0))
    mx = jnp.broadcast_to(mx[..., None], mx.shape + (8,))
    sm = jnp.broadcast_to(sm[..., None], sm.shape + (8,))
    return out, mx, sm


def _drop_key(keep_prob, drop_mask, input_layout):
    return next_key() if keep_prob < 1.0 and (drop_mask is None or input_layout == "TND") else None


def _seq(x):
    """actual_seq_* / prefix: a Tensor stays a Tensor, a tuple/list becomes an int32 array."""
    if x is None or hasattr(x, "shape"):
        return x
    return np.asarray(x, np.int32)


@functional
def flash_attention_score(
    query,
    key,
    value,
    head_num,
    real_shift=None,
    drop_mask=None,
    padding_mask=None,
    attn_mask=None,
    prefix=None,
    actual_seq_qlen=None,
    actual_seq_kvlen=None,
    keep_prob=1.0,
    scalar_value=1.0,
    pre_tokens=2147483647,
    next_tokens=2147483647,
    inner_precise=0,
    input_layout="BSH",
    sparse_mode=0,
):
    """``ops.flash_attention_score`` (Ascend-only in MindSpore): the attention output only.

    ``Dropout(Softmax(Mask(scale * (query key^T + real_shift), attn_mask)), keep_prob) value``
    (the FlashAttentionScore primitive's formula: ``real_shift`` is added before the scale).
    Differentiable (JAX autodiff). ``padding_mask`` and ``inner_precise`` are reserved, as in
    MindSpore. Without ``drop_mask``, ``keep_prob < 1`` draws the keep mask from the global RNG.
    """
    for nm, t in (("scalar_value", scalar_value), ("keep_prob", keep_prob)):
        if not isinstance(t, float):
            raise_error(
                TypeError, "FlashAttentionScore", f"the '{nm}' must be a float, but got {type(t).__name__}."
            )
    return call(
        "flash_attention_score",
        query,
        key,
        value,
        int(head_num),
        real_shift,
        drop_mask,
        attn_mask,
        _seq(prefix),
        _seq(actual_seq_qlen),
        _seq(actual_seq_kvlen),
        keep_prob,
        scalar_value,
        pre_tokens,
        next_tokens,
        input_layout,
        sparse_mode,
        1,
        _drop_key(keep_prob, drop_mask, input_layout),
    )


@functional
def speed_fusion_attention(
    query,
    key,
    value,
    head_num,
    input_layout,
    *,
    pse=None,
    padding_mask=None,
    atten_mask=None,
    scale=1.0,
    keep_prob=1.0,
    pre_tokens=2147483647,
    next_tokens=2147483647,
    inner_precise=0,
    prefix=None,
    actual_seq_qlen=None,
    actual_seq_kvlen=None,
    sparse_mode=0,
    gen_mask_parallel=True,
    sync=False,
    pse_type=1,
    q_start_idx=None,
    kv_start_idx=None,
):
    """``ops.speed_fusion_attention`` (Ascend-only): a 7-tuple ``(attention_out, softmax_max,
    softmax_sum, softmax_out, seed, offset, numels)``.

    ``pse_type`` 1: ``scale * (qk + pse)``; 0: ``scale * qk + pse``; 2/3 (internal ALiBi) raise
    NotImplementedError. ``softmax_max`` / ``softmax_sum`` are float32 ``(B, N1, S1, 8)`` (``(T1,
    N1, 8)`` for TND), the row max of the masked scaled logits and the sum of ``exp(logit - max)``.
    ``softmax_out`` is reserved (empty); ``seed`` / ``offset`` are 0 (JAX's RNG stream replaces the
    kernel's Philox seed/offset) and ``numels`` is the dropout element count (0 without dropout).
    """
    key_ = next_key() if keep_prob < 1.0 else None
    out, mx, sm = call(
        "flash_attention_score",
        query,
        key,
        value,
        int(head_num),
        pse,
        None,
        atten_mask,
        _seq(prefix),
        _seq(actual_seq_qlen),
        _seq(actual_seq_kvlen),
        float(keep_prob),
        float(scale),
        pre_tokens,
        next_tokens,
        input_layout,
        sparse_mode,
        pse_type,
        key_,
        "SpeedFusionAttention",
        True,
    )
    from ...common.tensor import Tensor

    numels = 0
    if keep_prob < 1.0:
        shp = mx.shape[:-1]
        s2 = key.shape[0] if input_layout == "TND" else None
        numels = int(np.prod(shp)) * int(s2 if s2 is not None else _kv_len(key, input_layout))
    softmax_out = Tensor(np.zeros((0,), np.float32)).astype(query.dtype)
    z = Tensor(np.zeros((), np.int64))
    return out, mx, sm, softmax_out, z, z, Tensor(np.array(numels, np.int64))


def _kv_len(key, layout):
    return {"BSH": key.shape[1], "BSND": key.shape[1], "BNSD": key.shape[2], "SBH": key.shape[0]}[layout]


# --- inference attention: prompt / incremental / fused ------------------------------------------------


def _no_quant(name, **kw):
    for k, v in kw.items():
        if v is not None:
            raise_error(NotImplementedError, name, f"the quantization input '{k}' is not supported on XLA.")


def _heads(q_layout_n, num_heads, num_kv, kv_hidden, d, layout, name):
    n2 = num_kv if num_kv else num_heads
    if num_heads <= 0:
        raise_error(RuntimeError, name, f"the 'num_heads' must be greater than 0, but got {num_heads}.")
    if num_heads % n2:
        raise_error(
            RuntimeError,
            name,
            f"the 'num_heads' ({num_heads}) must be divisible by 'num_key_value_heads' ({n2}).",
        )
    if layout == "BSH" and kv_hidden % n2:
        raise_error(
            RuntimeError, name, f"kv_h ({kv_hidden}) must be divisible by 'num_key_value_heads' ({n2})."
        )
    return n2


@op("prompt_attention")
def _prompt_attention(
    query,
    key,
    value,
    attn_mask,
    q_lens,
    kv_lens,
    pse_shift,
    num_heads,
    scale,
    pre_tokens,
    next_tokens,
    input_layout,
    num_kv_heads,
    sparse_mode,
    name,
    lse=False,
):
    _check_qkv(query, key, value, name)
    if sparse_mode not in (0, 1, 2, 3, 4):
        raise_error(RuntimeError, name, f"the 'sparse_mode' must be 0, 1, 2, 3 or 4, but got {sparse_mode}.")
    in_layout = "BNSD" if input_layout == "BNSD_BSND" else input_layout
    if in_layout not in ("BSH", "BNSD", "BSND"):
        raise_error(ValueError, name, f"the 'input_layout' is not supported: '{input_layout}'.")
    q = _to_bnsd(query, in_layout, num_heads, name, "query")
    n2 = _heads(q.shape[1], num_heads, num_kv_heads, key.shape[-1], q.shape[-1], in_layout, name)
    k = _to_bnsd(key, in_layout, n2, name, "key")
    v = _to_bnsd(value, in_layout, n2, name, "value")
    if q.shape[1] != num_heads or k.shape[1] != n2:
        raise_error(
            RuntimeError,
            name,
            f"N of 'query' ({q.shape[1]}) must equal 'num_heads' ({num_heads}) and kv_n ({k.shape[1]}) "
            f"must equal 'num_key_value_heads' ({n2}).",
        )
    if q.shape[-1] != k.shape[-1]:
        raise_error(RuntimeError, name, "the D-axis of 'query', 'key' and 'value' must be the same.")
    b, _, s1, _ = q.shape
    s2 = k.shape[2]
    lim = s1 + s2 + 1
    pre, nxt = _clip_tokens(pre_tokens, lim), _clip_tokens(next_tokens, lim)
    i = jnp.arange(s1)[None, None, :, None]
    j = jnp.arange(s2)[None, None, None, :]
    ql = s1 if q_lens is None else _as_lens(q_lens, b, name, "actual_seq_lengths")[:, None, None, None]
    kl = s2 if kv_lens is None else _as_lens(kv_lens, b, name, "actual_seq_lengths_kv")[:, None, None, None]
    keep = None
    if q_lens is not None or kv_lens is not None:
        keep = (i < ql) & (j < kl)
    band = None
    if sparse_mode in (0, 1):
        if attn_mask is not None:
            band = ~_mask4(attn_mask, name)
            if sparse_mode == 0 and (pre < lim or nxt < lim):
                band = band & _band_keep(i, j, 0, pre, nxt, 0)
    else:
        band = _band_keep(i, j, sparse_mode, pre, nxt, kl - ql)
    if band is not None:
        keep = band if keep is None else keep & band
    bias = None
    if pse_shift is not None:
        bias = pse_shift[..., :s1, :s2].astype(np.float32)
    res = _attend(q, k, v, scale=scale, bias=bias, keep=keep, stats=lse)
    out = res[0] if lse else res
    out = jnp.transpose(out, (0, 2, 1, 3)) if input_layout == "BNSD_BSND" else _from_bnsd(out, in_layout)
    out = out.astype(query.dtype)
    if lse:
        m, s = res[1], res[2]
        lse_v = jnp.where(s > 0, m + jnp.log(jnp.where(s > 0, s, 1.0)), jnp.inf)
        return out, lse_v[..., None]
    return out


@functional
def prompt_flash_attention(
    query,
    key,
    value,
    attn_mask=None,
    actual_seq_lengths=None,
    actual_seq_lengths_kv=None,
    pse_shift=None,
    deq_scale1=None,
    quant_scale1=None,
    deq_scale2=None,
    quant_scale2=None,
    quant_offset2=None,
    num_heads=1,
    scale_value=1.0,
    pre_tokens=2147483647,
    next_tokens=0,
    input_layout="BSH",
    num_key_value_heads=0,
    sparse_mode=0,
    inner_precise=1,
):
    """``ops.prompt_flash_attention`` (Ascend-only): full-inference attention,
    ``softmax(scale_value * q k^T + pse_shift, masked) v`` with GQA, ``sparse_mode`` 0-4 and
    per-batch ``actual_seq_lengths`` / ``actual_seq_lengths_kv`` (padded query rows give zeros).
    The quantization inputs raise NotImplementedError."""
    name = "PromptFlashAttention"
    _no_quant(
        name,
        deq_scale1=deq_scale1,
        quant_scale1=quant_scale1,
        deq_scale2=deq_scale2,
        quant_scale2=quant_scale2,
        quant_offset2=quant_offset2,
    )
    if not isinstance(scale_value, float):
        raise_error(
            TypeError, name, f"the 'scale_value' must be a float, but got {type(scale_value).__name__}."
        )
    if input_layout not in ("BSH", "BNSD"):
        raise_error(
            ValueError, name, f"the 'input_layout' must be 'BSH' or 'BNSD', but got '{input_layout}'."
        )
    return call(
        "prompt_attention",
        query,
        key,
        value,
        attn_mask,
        _seq(actual_seq_lengths),
        _seq(actual_seq_lengths_kv),
        pse_shift,
        int(num_heads),
        scale_value,
        pre_tokens,
        next_tokens,
        input_layout,
        int(num_key_value_heads),
        sparse_mode,
        name,
    )


def _paged_kv(x, block_table, layout):
    g = x[block_table]  # (B, nb, bs, H) | (B, nb, N, bs, D)
    if layout == "BNSD":
        b, nb, n, bs, d = g.shape
        return jnp.transpose(g, (0, 2, 1, 3, 4)).reshape(b, n, nb * bs, d)
    b, nb, bs = g.shape[:3]
    return g.reshape((b, nb * bs) + g.shape[3:])


@op("incre_attention")
def _incre_attention(
    query,
    key,
    value,
    attn_mask,
    kv_lens,
    pse_shift,
    block_table,
    num_heads,
    input_layout,
    scale,
    num_kv_heads,
    kv_padding_size,
    name,
    lse=False,
):
    in_layout = input_layout
    if in_layout not in ("BSH", "BNSD", "BSND"):
        raise_error(
            ValueError, name, f"the 'input_layout' must be 'BSH' or 'BNSD', but got '{input_layout}'."
        )
    if isinstance(key, (list, tuple)):
        key = key[0] if len(key) == 1 else jnp.concatenate(key, axis=0)
    if isinstance(value, (list, tuple)):
        value = value[0] if len(value) == 1 else jnp.concatenate(value, axis=0)
    if key.dtype != value.dtype:
        raise_error(
            TypeError,
            name,
            f"the dtype of 'key' and 'value' must be the same, but got {key.dtype} and {value.dtype}.",
        )
    _check_qkv(query, key, value, name)
    if block_table is not None:
        key = _paged_kv(key, block_table, in_layout)
        value = _paged_kv(value, block_table, in_layout)
    q = _to_bnsd(query, in_layout, num_heads, name, "query")
    n2 = _heads(q.shape[1], num_heads, num_kv_heads, key.shape[-1], q.shape[-1], in_layout, name)
    k = _to_bnsd(key, in_layout, n2, name, "key")
    v = _to_bnsd(value, in_layout, n2, name, "value")
    b, _, s1, _ = q.shape
    s2 = k.shape[2]
    j = jnp.arange(s2)[None, None, None, :]
    keep = None
    if kv_lens is not None:
        kl = _as_lens(kv_lens, b, name, "actual_seq_lengths")[:, None, None, None]
        if kv_padding_size is not None:  # KV left padding: valid [S - pad - len, S - pad)
            pad = jnp.maximum(jnp.asarray(kv_padding_size).reshape(()).astype(np.int32), 0)
            keep = (j >= s2 - pad - kl) & (j < s2 - pad)
        else:
            keep = j < kl
    if attn_mask is not None:
        m = attn_mask.astype(bool).reshape(attn_mask.shape[0], 1, 1, attn_mask.shape[-1])[..., :s2]
        keep = ~m if keep is None else keep & ~m
    bias = None if pse_shift is None else pse_shift[..., :s2].astype(np.float32)
    res = _attend(q, k, v, scale=scale, bias=bias, keep=keep, stats=lse)
    out = _from_bnsd(res[0] if lse else res, in_layout).astype(query.dtype)
    if lse:
        m, s = res[1], res[2]
        return out, jnp.where(s > 0, m + jnp.log(jnp.where(s > 0, s, 1.0)), jnp.inf)[..., None]
    return out


@functional
def incre_flash_attention(
    query,
    key,
    value,
    attn_mask=None,
    actual_seq_lengths=None,
    pse_shift=None,
    dequant_scale1=None,
    quant_scale1=None,
    dequant_scale2=None,
    quant_scale2=None,
    quant_offset2=None,
    antiquant_scale=None,
    antiquant_offset=None,
    block_table=None,
    num_heads=1,
    input_layout="BSH",
    scale_value=1.0,
    num_key_value_heads=0,
    block_size=0,
    inner_precise=1,
    kv_padding_size=None,
):
    """``ops.incre_flash_attention`` (Ascend-only): one-token decode attention over a KV cache.

    ``key`` / ``value`` are a Tensor or a list (one Tensor, or one per batch, concatenated);
    ``actual_seq_lengths`` are the valid KV lengths; ``block_table`` gathers paged KV blocks
    (``key`` then ``(num_blocks, block_size, kvH)`` / ``(num_blocks, kvN, block_size, D)``);
    ``kv_padding_size`` selects left-padded KV ``[S - pad - len, S - pad)``. Quantization inputs
    raise NotImplementedError."""
    name = "IncreFlashAttention"
    _no_quant(
        name,
        dequant_scale1=dequant_scale1,
        quant_scale1=quant_scale1,
        dequant_scale2=dequant_scale2,
        quant_scale2=quant_scale2,
        quant_offset2=quant_offset2,
        antiquant_scale=antiquant_scale,
        antiquant_offset=antiquant_offset,
    )
    if input_layout not in ("BSH", "BNSD"):
        raise_error(
            ValueError, name, f"the 'input_layout' must be 'BSH' or 'BNSD', but got '{input_layout}'."
        )
    return call(
        "incre_attention",
        query,
        key,
        value,
        attn_mask,
        _seq(actual_seq_lengths),
        pse_shift,
        block_table,
        int(num_heads),
        input_layout,
        float(scale_value),
        int(num_key_value_heads),
        kv_padding_size,
        name,
    )


@functional
def fused_infer_attention_score(
    query,
    key,
    value,
    *,
    pse_shift=None,
    atten_mask=None,
    actual_seq_lengths=None,
    actual_seq_lengths_kv=None,
    dequant_scale1=None,
    quant_scale1=None,
    dequant_scale2=None,
    quant_scale2=None,
    quant_offset2=None,
    antiquant_scale=None,
    antiquant_offset=None,
    key_antiquant_scale=None,
    key_antiquant_offset=None,
    value_antiquant_scale=None,
    value_antiquant_offset=None,
    block_table=None,
    query_padding_size=None,
    kv_padding_size=None,
    key_shared_prefix=None,
    value_shared_prefix=None,
    actual_shared_prefix_len=None,
    num_heads=1,
    scale=1.0,
    pre_tokens=2147483647,
    next_tokens=2147483647,
    input_layout="BSH",
    num_key_value_heads=0,
    sparse_mode=0,
    inner_precise=1,
    block_size=0,
    antiquant_mode=0,
    key_antiquant_mode=0,
    value_antiquant_mode=0,
    softmax_lse_flag=False,
):
    """``ops.fused_infer_attention_score`` (Ascend-only): ``(attention_out, softmax_lse)``.

    Q_S == 1 takes the incremental branch (``actual_seq_lengths_kv``, ``block_table``), else the
    prompt branch (``sparse_mode`` 0-4, actual lengths, layouts BSH/BNSD/BSND/BNSD_BSND).
    ``softmax_lse`` is float32 ``(B, N, Q_S, 1)`` (``logsumexp`` of the masked scaled logits, +inf
    for a fully masked row) when ``softmax_lse_flag``, else zeros of shape ``(1,)``. Quantization,
    shared-prefix and left-padding (``query_padding_size`` / prompt ``kv_padding_size``) inputs
    raise NotImplementedError."""
    name = "FusedInferAttentionScore"
    _no_quant(
        name,
        dequant_scale1=dequant_scale1,
        quant_scale1=quant_scale1,
        dequant_scale2=dequant_scale2,
        quant_scale2=quant_scale2,
        quant_offset2=quant_offset2,
        antiquant_scale=antiquant_scale,
        antiquant_offset=antiquant_offset,
        key_antiquant_scale=key_antiquant_scale,
        key_antiquant_offset=key_antiquant_offset,
        value_antiquant_scale=value_antiquant_scale,
        value_antiquant_offset=value_antiquant_offset,
        key_shared_prefix=key_shared_prefix,
        value_shared_prefix=value_shared_prefix,
        query_padding_size=query_padding_size,
    )
    if input_layout not in ("BSH", "BNSD", "BSND", "BNSD_BSND"):
        raise_error(ValueError, name, f"the 'input_layout' is not supported: '{input_layout}'.")
    qs = query.shape[1] if input_layout in ("BSH", "BSND") else query.shape[2]
    k0 = key[0] if isinstance(key, (list, tuple)) and len(key) == 1 else key
    v0 = value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value
    if qs == 1 and input_layout != "BNSD_BSND":
        out, lse = call(
            "incre_attention",
            query,
            key,
            value,
            atten_mask,
            _seq(actual_seq_lengths_kv),
            pse_shift,
            block_table,
            int(num_heads),
            input_layout,
            float(scale),
            int(num_key_value_heads),
            kv_padding_size,
            name,
            True,
        )
    else:
        if kv_padding_size is not None or block_table is not None:
            raise_error(
                NotImplementedError, name, "'kv_padding_size' / 'block_table' with Q_S > 1 is not supported."
            )
        out, lse = call(
            "prompt_attention",
            query,
            k0,
            v0,
            atten_mask,
            _seq(actual_seq_lengths),
            _seq(actual_seq_lengths_kv),
            pse_shift,
            int(num_heads),
            float(scale),
            pre_tokens,
            next_tokens,
            input_layout,
            int(num_key_value_heads),
            sparse_mode,
            name,
            True,
        )
    if not softmax_lse_flag:
        from ...common.tensor import Tensor

        lse = Tensor(np.zeros((1,), np.float32))
    return out, lse
