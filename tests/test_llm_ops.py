"""Ascend-only LLM ops (ops/_impl/llm_ops.py, llm_moe.py). MindSpore 2.10 has no CPU kernel for
any of them, so the references are numpy implementations of the documented semantics, plus the
documentation examples' shapes and values."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

RNG = np.random.default_rng(7)


def _r(*shape):
    return RNG.standard_normal(shape).astype(np.float32)


def ref_attn(q, k, v, scale, keep=None, bias=None, bias_first=True, drop=None, keep_prob=1.0, stats=False):
    """numpy float64 reference over BNSD arrays (GQA by repeating kv heads)."""
    q, k, v = (x.astype(np.float64) for x in (q, k, v))
    g = q.shape[1] // k.shape[1]
    k, v = np.repeat(k, g, 1), np.repeat(v, g, 1)
    s = q @ np.swapaxes(k, -1, -2)
    if bias is not None:
        s = scale * (s + bias) if bias_first else scale * s + bias
    else:
        s = scale * s
    keep = np.ones(s.shape, bool) if keep is None else np.broadcast_to(keep, s.shape)
    s = np.where(keep, s, -np.inf)
    m = np.max(s, -1, keepdims=True)
    ok = np.isfinite(m)
    e = np.where(keep, np.exp(s - np.where(ok, m, 0)), 0)
    ssum = e.sum(-1, keepdims=True)
    p = e / np.where(ssum > 0, ssum, 1)
    if drop is not None:
        p = np.where(drop, p / keep_prob, 0)
    out = p @ v
    if stats:
        return out, m[..., 0], ssum[..., 0]
    return out


def _bsh(x):  # BNSD -> BSH
    b, n, s, d = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, s, n * d)


# --- flash_attention_score ----------------------------------------------------------------------


def test_fa_doc_example():
    q = Tensor(np.ones([2, 4, 64]), ms.float16)
    out = ops.flash_attention_score(q, q, q, 4)
    assert out.shape == (2, 4, 64) and out.dtype == ms.float16
    np.testing.assert_allclose(out.asnumpy(), 1.0)


@pytest.mark.parametrize("layout", ["BSH", "BNSD", "SBH", "BSND"])
def test_fa_layouts_gqa_mask_pse(layout):
    b, n1, n2, s1, s2, d = 2, 4, 2, 5, 6, 8
    q, k, v = _r(b, n1, s1, d), _r(b, n2, s2, d), _r(b, n2, s2, d)
    pse = _r(1, n1, s1, s2)
    mask = RNG.random((b, 1, s1, s2)) < 0.3
    mask[0, 0, 1] = True  # one fully masked row -> zeros
    conv = {
        "BNSD": lambda x: x,
        "BSND": lambda x: x.transpose(0, 2, 1, 3),
        "BSH": _bsh,
        "SBH": lambda x: _bsh(x).transpose(1, 0, 2),
    }[layout]
    out = ops.flash_attention_score(
        Tensor(conv(q)), Tensor(conv(k)), Tensor(conv(v)), n1, real_shift=Tensor(pse),
        attn_mask=Tensor(mask.astype(np.uint8)), scalar_value=0.35, input_layout=layout,
    )
    ref = ref_attn(q, k, v, 0.35, keep=~mask, bias=pse)
    np.testing.assert_allclose(out.asnumpy(), conv(ref), rtol=1e-5, atol=1e-5)
    assert np.all(ref[0, :, 1] == 0)  # the fully masked row gives zeros


def _band(s1, s2, mode, pre=2147483647, nxt=2147483647):
    i, j = np.arange(s1)[:, None], np.arange(s2)[None, :]
    if mode == 2:
        return j <= i
    if mode == 3:
        return j <= i + (s2 - s1)
    if mode == 4:
        d = j - i - (s2 - s1)
        return (d >= -pre) & (d <= nxt)
    return (j - i >= -pre) & (j - i <= nxt)


@pytest.mark.parametrize("s1,s2", [(4, 7), (7, 4)])
def test_fa_sparse_modes(s1, s2):
    b, n, d = 1, 2, 8
    q, k, v = _r(b, n, s1, d), _r(b, n, s2, d), _r(b, n, s2, d)
    tq, tk, tv = Tensor(q), Tensor(k), Tensor(v)
    comp = Tensor(np.triu(np.ones((2048, 2048), np.uint8), 1))  # the documented compressed mask
    mask = RNG.random((s1, s2)) < 0.25
    cases = [
        (dict(sparse_mode=0), None),
        (dict(sparse_mode=0, attn_mask=Tensor(mask), pre_tokens=1, next_tokens=1),
         ~mask & _band(s1, s2, 0, 1, 1)),
        (dict(sparse_mode=1, attn_mask=Tensor(mask), pre_tokens=0, next_tokens=0), ~mask),
        (dict(sparse_mode=2, attn_mask=comp), _band(s1, s2, 2)),
        (dict(sparse_mode=3, attn_mask=comp), _band(s1, s2, 3)),
        (dict(sparse_mode=4, attn_mask=comp, pre_tokens=2, next_tokens=1), _band(s1, s2, 4, 2, 1)),
    ]
    for kw, keep in cases:
        out = ops.flash_attention_score(tq, tk, tv, n, scalar_value=0.5, input_layout="BNSD", **kw)
        np.testing.assert_allclose(out.asnumpy(), ref_attn(q, k, v, 0.5, keep=keep), rtol=1e-5, atol=1e-5,
                                   err_msg=str(kw))


def test_fa_prefix_mode5():
    b, n, s1, s2, d = 2, 1, 3, 5, 4
    q, k, v = _r(b, n, s1, d), _r(b, n, s2, d), _r(b, n, s2, d)
    out = ops.flash_attention_score(Tensor(q), Tensor(k), Tensor(v), n, prefix=[1, 4], sparse_mode=5,
                                    input_layout="BNSD")
    i, j = np.arange(s1)[:, None], np.arange(s2)[None, :]
    keep = np.stack([(j <= i + 2) | (j < p) for p in (1, 4)])[:, None]
    np.testing.assert_allclose(out.asnumpy(), ref_attn(q, k, v, 1.0, keep=keep), rtol=1e-5, atol=1e-5)


def test_fa_tnd_varlen_causal():
    n, d = 2, 8
    lq, lk = [3, 2, 4], [4, 2, 5]
    cq, ck = np.cumsum(lq).tolist(), np.cumsum(lk).tolist()
    q, k, v = _r(sum(lq), n, d), _r(sum(lk), n, d), _r(sum(lk), n, d)
    comp = Tensor(np.triu(np.ones((2048, 2048), np.uint8), 1))
    for mode in (0, 3):
        out = ops.flash_attention_score(
            Tensor(q), Tensor(k), Tensor(v), n, attn_mask=comp if mode else None, actual_seq_qlen=cq,
            actual_seq_kvlen=ck, scalar_value=0.3, input_layout="TND", sparse_mode=mode,
            next_tokens=0 if mode else 2147483647,
        ).asnumpy()
        sq, sk = 0, 0
        for a, c in zip(lq, lk):
            qi = q[sq:sq + a].transpose(1, 0, 2)[None]
            ki, vi = (x[sk:sk + c].transpose(1, 0, 2)[None] for x in (k, v))
            keep = _band(a, c, 3) if mode else None
            ref = ref_attn(qi, ki, vi, 0.3, keep=keep)[0].transpose(1, 0, 2)
            np.testing.assert_allclose(out[sq:sq + a], ref, rtol=1e-5, atol=1e-5)
            sq, sk = sq + a, sk + c


def test_fa_dropout_mask_bits():
    b, n, s1, s2, d = 1, 2, 3, 16, 4
    q, k, v = _r(b, n, s1, d), _r(b, n, s2, d), _r(b, n, s2, d)
    keep_bits = RNG.random((b, n, s1, s2)) < 0.7
    packed = np.packbits(keep_bits, axis=-1, bitorder="little")  # (B, N1, S1, S2 // 8), LSB first
    out = ops.flash_attention_score(Tensor(q), Tensor(k), Tensor(v), n, drop_mask=Tensor(packed),
                                    keep_prob=0.7,
                                    input_layout="BNSD")
    ref = ref_attn(q, k, v, 1.0, drop=keep_bits, keep_prob=0.7)
    np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-5, atol=1e-5)
    # without a drop_mask the keep mask comes from the RNG: finite, differs from no-dropout
    ms.set_seed(1)
    o2 = ops.flash_attention_score(Tensor(q), Tensor(k), Tensor(v), n, keep_prob=0.5, input_layout="BNSD")
    assert np.isfinite(o2.asnumpy()).all() and not np.allclose(o2.asnumpy(), ref_attn(q, k, v, 1.0))


def test_fa_grad_matches_composite():
    b, n, s, d = 1, 2, 4, 8
    q, k, v = Tensor(_r(b, n, s, d)), Tensor(_r(b, n, s, d)), Tensor(_r(b, n, s, d))
    m = Tensor(np.triu(np.ones((s, s), np.uint8), 1))

    def fa(q, k, v):
        o = ops.flash_attention_score(q, k, v, n, attn_mask=m, scalar_value=0.4, input_layout="BNSD")
        return (o * o).sum()

    def comp(q, k, v):
        sc = ops.matmul(q, k.swapaxes(-1, -2)) * 0.4
        sc = ops.masked_fill(sc, m.astype(ms.bool_), -1e9)
        o = ops.matmul(ops.softmax(sc, -1), v)
        return (o * o).sum()

    g1 = ms.grad(fa, grad_position=(0, 1, 2))(q, k, v)
    g2 = ms.grad(comp, grad_position=(0, 1, 2))(q, k, v)
    for a, c in zip(g1, g2):
        np.testing.assert_allclose(a.asnumpy(), c.asnumpy(), rtol=1e-4, atol=1e-5)


def test_fa_errors():
    q = Tensor(_r(1, 2, 4, 8))
    with pytest.raises(ValueError, match="input_layout"):
        ops.flash_attention_score(q, q, q, 2, input_layout="XYZ")
    with pytest.raises(RuntimeError, match="sparse_mode"):
        ops.flash_attention_score(q, q, q, 2, input_layout="BNSD", sparse_mode=7)
    with pytest.raises(TypeError, match="keep_prob"):
        ops.flash_attention_score(q, q, q, 2, input_layout="BNSD", keep_prob=1)
    with pytest.raises(TypeError, match="same"):
        ops.flash_attention_score(q, q.astype(ms.float16), q, 2, input_layout="BNSD")
    with pytest.raises(RuntimeError, match="divisible"):
        ops.flash_attention_score(Tensor(_r(1, 3, 4, 8)), q, q, 3, input_layout="BNSD")


def test_speed_fusion_attention_pse_types_and_stats():
    b, n, s1, s2, d = 2, 2, 3, 5, 8
    q, k, v, pse = _r(b, n, s1, d), _r(b, n, s2, d), _r(b, n, s2, d), _r(b, n, s1, s2)
    outs = ops.speed_fusion_attention(Tensor(_bsh(q)), Tensor(_bsh(k)), Tensor(_bsh(v)), n, "BSH",
                                      pse=Tensor(pse), scale=0.3, pse_type=1)
    assert len(outs) == 7
    ref, m, ssum = ref_attn(q, k, v, 0.3, bias=pse, stats=True)
    np.testing.assert_allclose(outs[0].asnumpy(), _bsh(ref), rtol=1e-5, atol=1e-5)
    assert outs[1].shape == (b, n, s1, 8) and outs[1].dtype == ms.float32
    np.testing.assert_allclose(outs[1].asnumpy()[..., 3], m, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(outs[2].asnumpy()[..., 0], ssum, rtol=1e-5, atol=1e-5)
    o0 = ops.speed_fusion_attention(Tensor(_bsh(q)), Tensor(_bsh(k)), Tensor(_bsh(v)), n, "BSH",
                                    pse=Tensor(pse), scale=0.3, pse_type=0)[0]
    np.testing.assert_allclose(o0.asnumpy(), _bsh(ref_attn(q, k, v, 0.3, bias=pse, bias_first=False)),
                               rtol=1e-5, atol=1e-5)
    with pytest.raises(NotImplementedError):
        ops.speed_fusion_attention(Tensor(q), Tensor(k), Tensor(v), n, "BNSD", pse_type=2)


# --- inference attention --------------------------------------------------------------------------


def test_pfa_doc_example_and_actual_lengths():
    out = ops.prompt_flash_attention(Tensor(np.ones((1, 16, 256, 16), np.float16)),
                                     Tensor(np.ones((1, 16, 256, 16), np.float16)),
                                     Tensor(np.ones((1, 16, 256, 16), np.float16)),
                                     None, None, None, None, None, None, None, None, None, 16,
                                     input_layout="BNSD")
    assert out.shape == (1, 16, 256, 16) and out.dtype == ms.float16
    b, n1, n2, s1, s2, d = 2, 4, 2, 4, 6, 8
    q, k, v = _r(b, n1, s1, d), _r(b, n2, s2, d), _r(b, n2, s2, d)
    ql, kl = [4, 2], [6, 3]
    out = ops.prompt_flash_attention(Tensor(_bsh(q)), Tensor(_bsh(k)), Tensor(_bsh(v)),
                                     actual_seq_lengths=ql, actual_seq_lengths_kv=kl, num_heads=n1,
                                     scale_value=0.3, num_key_value_heads=n2, sparse_mode=3,
                                     attn_mask=Tensor(np.triu(np.ones((2048, 2048), bool), 1)))
    i, j = np.arange(s1)[:, None], np.arange(s2)[None, :]
    keep = np.stack([(i < a) & (j < c) & (j <= i + c - a) for a, c in zip(ql, kl)])[:, None]
    np.testing.assert_allclose(out.asnumpy(), _bsh(ref_attn(q, k, v, 0.3, keep=keep)), rtol=1e-5, atol=1e-5)


def test_ifa_list_kv_lengths_paging_padding():
    b, n, kvn, s, d = 2, 4, 2, 8, 8
    q, k, v = _r(b, n, 1, d), _r(b, kvn, s, d), _r(b, kvn, s, d)
    pse = _r(1, n, 1, s)
    lens = [5, 8]
    out = ops.incre_flash_attention(Tensor(_bsh(q)), [Tensor(_bsh(k))], [Tensor(_bsh(v))],
                                    actual_seq_lengths=lens, pse_shift=Tensor(pse), num_heads=n,
                                    scale_value=0.5, num_key_value_heads=kvn)
    keep = np.stack([np.arange(s) < ln for ln in lens])[:, None, None]
    ref = ref_attn(q, k, v, 0.5, keep=keep, bias=pse, bias_first=False)
    np.testing.assert_allclose(out.asnumpy(), _bsh(ref), rtol=1e-5, atol=1e-5)
    # paged: blocks of 4 tokens, shuffled into a pool
    bs, nblk = 4, 6
    table = np.array([[3, 0], [5, 1]], np.int32)
    pool_k, pool_v = np.zeros((nblk, bs, kvn * d), np.float32), np.zeros((nblk, bs, kvn * d), np.float32)
    for bi in range(b):
        for t in range(2):
            pool_k[table[bi, t]] = _bsh(k)[bi, t * bs:(t + 1) * bs]
            pool_v[table[bi, t]] = _bsh(v)[bi, t * bs:(t + 1) * bs]
    out = ops.incre_flash_attention(Tensor(_bsh(q)), [Tensor(pool_k)], [Tensor(pool_v)],
                                    actual_seq_lengths=lens, block_table=Tensor(table), num_heads=n,
                                    scale_value=0.5, num_key_value_heads=kvn, block_size=bs)
    np.testing.assert_allclose(out.asnumpy(), _bsh(ref_attn(q, k, v, 0.5, keep=keep)), rtol=1e-5, atol=1e-5)
    # KV left padding: valid [S - pad - len, S - pad)
    out = ops.incre_flash_attention(Tensor(q), [Tensor(k)], [Tensor(v)], actual_seq_lengths=[3, 4],
                                    num_heads=n, input_layout="BNSD", num_key_value_heads=kvn,
                                    kv_padding_size=Tensor(np.array([2], np.int64)))
    j = np.arange(s)
    keep = np.stack([(j >= s - 2 - ln) & (j < s - 2) for ln in (3, 4)])[:, None, None]
    np.testing.assert_allclose(out.asnumpy(), ref_attn(q, k, v, 1.0, keep=keep), rtol=1e-5, atol=1e-5)


def test_ifa_doc_example_shape():
    q = Tensor(_r(1, 1, 4 * 128), ms.float16)
    kv = [Tensor(_r(1, 10, 128), ms.float16)]
    out = ops.incre_flash_attention(q, kv, kv, num_heads=4, num_key_value_heads=1)
    assert out.shape == (1, 1, 512) and out.dtype == ms.float16


def test_fias_both_branches_and_lse():
    b, n, s1, s2, d = 2, 2, 3, 5, 8
    q, k, v = _r(b, n, s1, d), _r(b, n, s2, d), _r(b, n, s2, d)
    out, lse = ops.fused_infer_attention_score(Tensor(q), Tensor(k), Tensor(v), num_heads=n, scale=0.4,
                                               input_layout="BNSD_BSND", softmax_lse_flag=True)
    ref, m, ssum = ref_attn(q, k, v, 0.4, stats=True)
    np.testing.assert_allclose(out.asnumpy(), ref.transpose(0, 2, 1, 3), rtol=1e-5, atol=1e-5)
    assert lse.shape == (b, n, s1, 1) and lse.dtype == ms.float32
    np.testing.assert_allclose(lse.asnumpy()[..., 0], m + np.log(ssum), rtol=1e-5, atol=1e-5)
    q1 = q[:, :, :1]
    out, lse = ops.fused_infer_attention_score(Tensor(q1), Tensor(k), Tensor(v), num_heads=n,
                                               actual_seq_lengths_kv=[2, 5], input_layout="BNSD")
    keep = np.stack([np.arange(s2) < ln for ln in (2, 5)])[:, None, None]
    np.testing.assert_allclose(out.asnumpy(), ref_attn(q1, k, v, 1.0, keep=keep), rtol=1e-5, atol=1e-5)
    assert lse.shape == (1,) and float(lse.asnumpy()[0]) == 0.0
    with pytest.raises(NotImplementedError):
        ops.fused_infer_attention_score(Tensor(q), Tensor(k), Tensor(v), num_heads=n, input_layout="BNSD",
                                        quant_scale2=Tensor(np.ones(1, np.float32)))


# --- MoE ------------------------------------------------------------------------------------------


def test_moe_token_permute_doc_example():
    tokens = Tensor([[1, 1, 1], [7, 7, 7], [2, 2, 2], [1, 1, 1], [2, 2, 2], [3, 3, 3]], ms.bfloat16)
    out, idx = ops.moe_token_permute(tokens, Tensor([5, 0, 3, 1, 2, 4], ms.int32))
    assert out.dtype == ms.bfloat16 and idx.dtype == ms.int32
    assert out.astype(ms.float32).asnumpy()[:, 0].tolist() == [7, 1, 2, 2, 3, 1]
    assert idx.asnumpy().tolist() == [5, 0, 3, 1, 2, 4]


def test_moe_permute_unpermute_roundtrip_topk():
    t, h, e, topk = 5, 3, 4, 2
    tok = _r(t, h)
    ind = RNG.integers(0, e, (t, topk)).astype(np.int32)
    probs = RNG.random((t, topk)).astype(np.float32)
    perm, sidx = ops.moe_token_permute(Tensor(tok), Tensor(ind))
    flat = ind.reshape(-1)
    order = np.argsort(flat, kind="stable")
    np.testing.assert_array_equal(perm.asnumpy(), tok[order // topk])
    back = ops.moe_token_unpermute(perm, sidx, Tensor(probs))
    np.testing.assert_allclose(back.asnumpy(), tok * probs.sum(1, keepdims=True), rtol=1e-5, atol=1e-6)
    # dropped tokens (num_out_tokens) contribute zeros
    perm6, sidx6 = ops.moe_token_permute(Tensor(tok), Tensor(ind), num_out_tokens=6)
    assert perm6.shape == (6, h)
    back6 = ops.moe_token_unpermute(perm6, sidx6, Tensor(probs)).asnumpy()
    dest = sidx6.asnumpy().reshape(t, topk)
    exp = (tok[:, None, :] * probs[..., None] * (dest < 6)[..., None]).sum(1)
    np.testing.assert_allclose(back6, exp, rtol=1e-5, atol=1e-6)
    out = ops.moe_token_unpermute(Tensor(_r(8, 3)), Tensor(np.array([0, 6, 7, 5, 3, 1, 2, 4], np.int32)))
    assert out.shape == (8, 3)


def test_moe_init_routing_v2_doc_example_and_dropless():
    x = Tensor(np.array([[0.1, 0.2, 0.3], [0.2, 0.7, 0.8], [0.3, 0.3, 0.5]]), ms.float16)
    idx = Tensor(np.array([[0, 1, 1], [2, 1, 1], [0, 0, 0]]), ms.int32)
    out1, out2 = ops.moe_init_routing_v2(x, idx, 3, 2, 3, 1, 0, False)
    exp = np.array([[[0.1, 0.2, 0.3], [0.3, 0.3, 0.5]], [[0.1, 0.2, 0.3], [0.1, 0.2, 0.3]],
                    [[0.2, 0.7, 0.8], [0, 0, 0]]], np.float16)
    np.testing.assert_array_equal(out1.asnumpy(), exp)
    assert out2.asnumpy().tolist() == [0, 2, 3, 4, -1, -1, 1, -1, -1]
    _, _, before = ops.moe_init_routing_v2(x, idx, 3, 2, 3, 1, 0, True)
    assert before.asnumpy().tolist() == [4, 4, 1]
    ex, row, cums = ops.moe_init_routing_v2(x, idx, 0, 0, 3, 0, 1, False)
    xs = x.asnumpy()
    order = np.argsort(idx.asnumpy().reshape(-1), kind="stable")
    np.testing.assert_array_equal(ex.asnumpy(), xs[order // 3])
    assert row.asnumpy()[order].tolist() == list(range(9)) and cums.asnumpy().tolist() == [4, 8, 9]
    ex, _, cnt = ops.moe_init_routing_v2(x, idx, 5, 0, 3, 0, 2, False)
    assert ex.shape == (5, 3) and cnt.asnumpy().tolist() == [4, 4, 1]


def test_group_topk():
    tok = _r(3, 8)
    for k_inner in (1, 2):
        t = Parameter(Tensor(tok.copy()), name="tok")
        out = ops.GroupTopk()(t, Tensor(np.arange(1024, dtype=np.int32)), 4, 2, k_inner)
        g = tok.reshape(3, 4, 2)
        score = g.max(-1) if k_inner == 1 else np.sort(g, -1)[..., -2:].sum(-1)
        keepg = np.zeros((3, 4), bool)
        np.put_along_axis(keepg, np.argsort(-score, -1, kind="stable")[:, :2], True, -1)
        exp = np.where(keepg[..., None], g, 0).reshape(3, 8)
        np.testing.assert_array_equal(out.asnumpy(), exp)
        np.testing.assert_array_equal(t.asnumpy(), exp)  # written in place


# --- multi-scale deformable attention -------------------------------------------------------------


def _ref_msda(value, shapes, offs, loc, w):
    bs, nk, nh, ed = value.shape
    _, nq, _, nl, npt, _ = loc.shape
    out = np.zeros((bs, nq, nh, ed))
    for b in range(bs):
        for qi in range(nq):
            for h in range(nh):
                for lv in range(nl):
                    hh, ww = shapes[lv]
                    img = value[b, offs[lv]:offs[lv] + hh * ww, h].reshape(hh, ww, ed)
                    for p in range(npt):
                        x = loc[b, qi, h, lv, p, 0] * ww - 0.5
                        y = loc[b, qi, h, lv, p, 1] * hh - 0.5
                        x0, y0 = int(np.floor(x)), int(np.floor(y))
                        acc = np.zeros(ed)
                        for xi in (x0, x0 + 1):
                            for yi in (y0, y0 + 1):
                                if 0 <= xi < ww and 0 <= yi < hh:
                                    acc += (1 - abs(x - xi)) * (1 - abs(y - yi)) * img[yi, xi]
                        out[b, qi, h] += w[b, qi, h, lv, p] * acc
    return out.reshape(bs, nq, nh * ed)


def test_multi_scale_deformable_attn():
    shapes = np.array([[2, 3], [3, 2]], np.int32)
    offs = np.array([0, 6], np.int32)
    value = _r(2, 12, 2, 8)
    loc = RNG.uniform(-0.1, 1.1, (2, 3, 2, 2, 2, 2)).astype(np.float32)
    w = RNG.random((2, 3, 2, 2, 2)).astype(np.float32)
    out = ops.multi_scale_deformable_attn_function(Tensor(value), Tensor(shapes), Tensor(offs), Tensor(loc),
                                                   Tensor(w))
    assert out.shape == (2, 3, 16)
    np.testing.assert_allclose(out.asnumpy(), _ref_msda(value, shapes, offs, loc, w), rtol=1e-5, atol=1e-5)


# --- KV cache -------------------------------------------------------------------------------------


def test_reshape_and_cache_then_paged_attention():
    nblk, bs, kvh, nh, d = 4, 2, 1, 2, 8
    kc = Parameter(Tensor(np.zeros((nblk, bs, kvh, d), np.float32)), name="kc")
    vc = Parameter(Tensor(np.zeros((nblk, bs, kvh, d), np.float32)), name="vc")
    keys, vals = _r(5, kvh, d), _r(5, kvh, d)
    slots = np.array([6, 7, 2, 3, -1], np.int32)  # seq0 -> block 3, seq1 -> block 1; -1 skipped
    out = ops.ReshapeAndCache()(Tensor(keys), Tensor(vals), kc, vc, Tensor(slots))
    assert out.shape == keys.shape
    kcn = kc.asnumpy()
    np.testing.assert_array_equal(kcn[3, 0], keys[0])
    np.testing.assert_array_equal(kcn[1, 1], keys[3])
    assert np.count_nonzero(kcn.reshape(-1, d).any(-1)) == 4
    q = _r(2, nh, d)
    tables = Tensor(np.array([[3, 0], [1, 2]], np.int32))
    ctx = [2, 2]
    pa = ops.PagedAttention(nh, 0.5, kvh)
    o = pa(Tensor(q), kc, vc, tables, Tensor(np.array(ctx, np.int32)))
    k_seq = np.stack([keys[0:2], keys[2:4]])  # (B, S, kvh, D)
    v_seq = np.stack([vals[0:2], vals[2:4]])
    ref = ref_attn(q[:, :, None], k_seq.transpose(0, 2, 1, 3), v_seq.transpose(0, 2, 1, 3), 0.5)[:, :, 0]
    np.testing.assert_allclose(o.asnumpy(), ref, rtol=1e-5, atol=1e-5)
    alibi = _r(2, nh, 1, 4)
    o2 = ops.PagedAttentionMask(nh, 0.5, kvh)(Tensor(q), kc, vc, tables, Tensor(np.array([1, 2], np.int32)),
                                              alibi_mask=Tensor(alibi))
    keep = np.array([[True, False], [True, True]])[:, None, None]
    ref2 = ref_attn(q[:, :, None], k_seq.transpose(0, 2, 1, 3), v_seq.transpose(0, 2, 1, 3), 0.5, keep=keep,
                    bias=alibi[..., :2], bias_first=False)[:, :, 0]
    np.testing.assert_allclose(o2.asnumpy(), ref2, rtol=1e-5, atol=1e-5)


# --- GRAPH_MODE -----------------------------------------------------------------------------------


class _LLMCell(nn.Cell):
    def construct(self, q, k, v, tok, ind, mask):
        a = ops.flash_attention_score(q, k, v, 2, attn_mask=mask, scalar_value=0.5, input_layout="BNSD")
        b = ops.prompt_flash_attention(q, k, v, num_heads=2, input_layout="BNSD", sparse_mode=2,
                                       attn_mask=mask)
        p, s = ops.moe_token_permute(tok, ind)
        return a, b, p, ops.moe_token_unpermute(p, s)


def test_graph_mode_cell():
    ms.set_context(mode=ms.GRAPH_MODE)
    q, k, v = _r(1, 2, 3, 8), _r(1, 2, 4, 8), _r(1, 2, 4, 8)
    mask = np.triu(np.ones((3, 4), bool), 1)
    tok, ind = _r(4, 3), np.array([2, 0, 1, 0], np.int32)
    a, b, p, u = _LLMCell()(Tensor(q), Tensor(k), Tensor(v), Tensor(tok), Tensor(ind), Tensor(mask))
    np.testing.assert_allclose(a.asnumpy(), ref_attn(q, k, v, 0.5, keep=~mask), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(b.asnumpy(), ref_attn(q, k, v, 1.0, keep=_band(3, 4, 2)), rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(p.asnumpy(), tok[[1, 3, 2, 0]])
    np.testing.assert_array_equal(u.asnumpy(), tok)
