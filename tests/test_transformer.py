"""nn.MultiheadAttention and Transformer layers against real MindSpore 2.10 goldens (weights set
by name), parameter names, masks, and a gradient check of the attention op."""

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn
from _rnn_golden import FIXTURES_PARAM_NAMES, build, cases, check

TR_CASES = cases({"MultiheadAttention", "TransformerEncoderLayer", "TransformerDecoderLayer", "Transformer"})


@pytest.mark.parametrize("case", TR_CASES, ids=[c["name"] for c in TR_CASES])
def test_transformer_golden(case, mode):
    net, args, kwargs = build(case)
    assert [p.name for p in net.get_parameters()] == case["param_order"]
    check(case, net(*args, **kwargs), atol=5e-6)


def test_param_names_match_mindspore():
    nets = {
        "nn.MultiheadAttention(8, 2)": nn.MultiheadAttention(8, 2),
        "nn.TransformerEncoderLayer(8, 2, 16)": nn.TransformerEncoderLayer(8, 2, 16),
    }
    for model, net in nets.items():
        exp = [(r[3], r[4]) for r in FIXTURES_PARAM_NAMES if r[0] == model]
        got = [(p.name, "x".join(map(str, p.shape))) for p in net.get_parameters()]
        assert got == exp, model


def test_encoder_stack_names_and_norm():
    enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16), 2, norm=nn.LayerNorm((8,)))
    names = [p.name for p in enc.get_parameters()]
    assert names[0] == "layers.0.self_attn.in_proj_weight" and "layers.1.norm2.beta" in names
    assert names[-2:] == ["norm.gamma", "norm.beta"]
    # deep copies: distinct Parameters per layer
    assert enc.layers[0].dense1.weight is not enc.layers[1].dense1.weight
    tr = nn.Transformer(8, 2, 1, 1, 16)
    assert any(
        n.startswith("decoder.layers.0.multihead_attn.") for n in (p.name for p in tr.get_parameters())
    )


def test_mask_semantics_and_errors():
    mha = nn.MultiheadAttention(4, 2)
    q = Tensor(np.random.default_rng(0).normal(size=(3, 1, 4)).astype(np.float32))
    kpm = Tensor(np.array([[False, True, True]]))
    _, w = mha(q, q, q, key_padding_mask=kpm)
    np.testing.assert_allclose(w.asnumpy()[0, :, 1:], 0, atol=1e-7)  # True = ignored
    np.testing.assert_allclose(w.asnumpy().sum(-1), 1, rtol=1e-6)
    with pytest.raises(ValueError):
        nn.MultiheadAttention(6, 4)
    with pytest.raises(ValueError):
        mha(q, q, q, attn_mask=Tensor(np.zeros((2, 2), np.float32)))


def test_attention_grad_finite_difference():
    rng = np.random.default_rng(1)
    mha = nn.MultiheadAttention(4, 2, dtype=ms.float64)
    for p in mha.get_parameters():
        p.set_data(Tensor(rng.uniform(-0.5, 0.5, p.shape)))
    q0 = rng.normal(size=(3, 2, 4))
    kv = Tensor(rng.normal(size=(5, 2, 4)))
    r = Tensor(rng.normal(size=(3, 2, 4)))

    def loss(q):
        return (mha(q, kv, kv)[0] * r).sum()

    g = ms.grad(loss)(Tensor(q0)).asnumpy()
    num = np.zeros_like(q0)
    for idx in np.ndindex(*q0.shape):
        a, b = q0.copy(), q0.copy()
        a[idx] += 1e-4
        b[idx] -= 1e-4
        num[idx] = (float(loss(Tensor(a)).asnumpy()) - float(loss(Tensor(b)).asnumpy())) / 2e-4
    np.testing.assert_allclose(g, num, rtol=1e-5, atol=1e-8)


def test_attention_dropout_training(mode):
    mha = nn.MultiheadAttention(4, 2, dropout=0.5)
    q = Tensor(np.random.default_rng(2).normal(size=(3, 2, 4)).astype(np.float32))
    a = mha(q, q, q)[1].asnumpy()
    np.testing.assert_allclose(a, mha(q, q, q)[1].asnumpy())
    mha.set_train()
    b = mha(q, q, q)[1].asnumpy()
    assert not np.allclose(a, b)
