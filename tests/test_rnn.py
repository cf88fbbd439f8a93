"""nn.RNN / LSTM / GRU and their cells against real MindSpore 2.10 goldens (weights set by name),
parameter naming, seq_length masking, gradients by finite differences, and the e04 example's
forward values."""

import json
import os
import zlib

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops
from _rnn_golden import FIXTURES_PARAM_NAMES, build, cases, check

RNN_CASES = cases({"RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"})


@pytest.mark.parametrize("case", RNN_CASES, ids=[c["name"] for c in RNN_CASES])
def test_rnn_golden(case, mode):
    net, args, kwargs = build(case)
    assert [p.name for p in net.get_parameters()] == case["param_order"]
    check(case, net(*args, **kwargs))


def test_param_names_match_mindspore():
    rows = [r for r in FIXTURES_PARAM_NAMES if r[0].startswith(("nn.LSTM", "nn.GRU"))]
    nets = {
        "nn.LSTM(4, 3, num_layers=2, bidirectional=True)": nn.LSTM(4, 3, num_layers=2, bidirectional=True),
        "nn.GRU(4, 3)": nn.GRU(4, 3),
    }
    for model, net in nets.items():
        exp = [(r[3], r[4]) for r in rows if r[0] == model]
        got = [(p.name, "x".join(map(str, p.shape))) for p in net.get_parameters()]
        assert got == exp, model


def test_default_init_range_and_prefix():
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(3, 5)

    net = Net()
    names = [p.name for p in net.trainable_params()]
    assert names == ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0"]
    w = net.lstm.w_ih_list[0].asnumpy()
    assert w.shape == (20, 3) and np.abs(w).max() <= 1 / np.sqrt(5)


def test_errors():
    with pytest.raises(ValueError, match="dropout"):
        nn.LSTM(3, 4, dropout=1.5)
    with pytest.raises(ValueError, match="nonlinearity"):
        nn.RNN(3, 4, nonlinearity="sigmoid")
    lstm = nn.LSTM(3, 4)
    x = Tensor(np.zeros((2, 5, 3), np.float32))
    with pytest.raises(TypeError, match="'hx' must be 'Tuple'"):
        lstm(x, Tensor(np.zeros((1, 5, 4), np.float32)))
    with pytest.raises(ValueError, match="batch size of x and seq_length"):
        lstm(x, None, Tensor(np.array([1, 2], np.int32)))


def _fd_grad(fn, x, eps=1e-3):
    num = np.zeros_like(x, dtype=np.float64)
    for idx in np.ndindex(*x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        num[idx] = (fn(xp) - fn(xm)) / (2 * eps)
    return num


@pytest.mark.parametrize("cls", ["LSTM", "GRU"])
def test_grad_finite_difference(cls, mode):
    """d sum(out * r) / d x and / d weight_hh_l0 through the scan, in float64."""
    rng = np.random.default_rng(0)
    net = getattr(nn, cls)(2, 2, num_layers=2, bidirectional=True, dtype=ms.float64)
    for p in net.get_parameters():
        p.set_data(Tensor(rng.uniform(-0.5, 0.5, p.shape)))
    x0 = rng.normal(size=(4, 2, 2))
    r = Tensor(rng.normal(size=(4, 2, 4)))
    seq = Tensor(np.array([4, 3], np.int32))

    def loss(x):
        return (net(x, None, seq)[0] * r).sum()

    w = net.w_hh_list[0]
    gx, gw = ms.grad(loss, grad_position=0, weights=[w])(Tensor(x0))
    np.testing.assert_allclose(
        gx.asnumpy(), _fd_grad(lambda a: float(loss(Tensor(a)).asnumpy()), x0), rtol=1e-5, atol=1e-7
    )
    w0 = w.asnumpy().copy()

    def loss_w(wv):
        w.set_data(Tensor(wv))
        return float(loss(Tensor(x0)).asnumpy())

    num = _fd_grad(loss_w, w0)
    w.set_data(Tensor(w0))
    np.testing.assert_allclose(gw[0].asnumpy(), num, rtol=1e-5, atol=1e-7)


def test_dropout_between_layers_only_in_training():
    net = nn.GRU(3, 4, num_layers=2, dropout=0.5)
    x = Tensor(np.ones((5, 2, 3), np.float32))
    a, b = net(x)[0].asnumpy(), net(x)[0].asnumpy()
    np.testing.assert_array_equal(a, b)
    net.set_train()
    outs = [net(x)[0].asnumpy() for _ in range(3)]
    assert any(not np.array_equal(outs[0], o) for o in outs[1:])


EXAMPLE = os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "examples", "expected", "e04_rnn_sequence.json"
)


@pytest.mark.skipif(not os.path.exists(EXAMPLE), reason="shared examples not present")
def test_e04_forward_values(mode):
    """e04_rnn_sequence.py's LSTM/GRU forward numbers (weights set by name as the script does)."""
    exp = json.load(open(EXAMPLE))["values"]

    class SeqModel(nn.Cell):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(input_size=3, hidden_size=6, num_layers=1, batch_first=True)
            self.gru = nn.GRU(input_size=3, hidden_size=4, num_layers=2, batch_first=True)
            self.head = nn.Dense(6 + 4, 2)

        def construct(self, x):
            out_l, _ = self.lstm(x)
            _, h_g = self.gru(x)
            return self.head(ops.concat((out_l[:, -1, :], h_g[-1]), axis=1))

    net = SeqModel()
    for p in net.get_parameters():
        rs = np.random.RandomState(zlib.crc32(p.name.encode()) % (2**31))
        p.set_data(Tensor(rs.uniform(-0.4, 0.4, p.shape).astype(np.float32)))
    assert [p.name for p in net.trainable_params()] == exp["trainable_names"]
    rng = np.random.RandomState(21)
    x = Tensor(rng.normal(0.0, 1.0, (4, 7, 3)).astype(np.float32))
    h0 = Tensor(np.zeros((1, 4, 6), np.float32))
    c0 = Tensor(np.full((1, 4, 6), 0.1, np.float32))
    out_l, (hn, cn) = net.lstm(x, (h0, c0))
    out_g, hg = net.gru(x)
    assert list(out_l.shape) == exp["lstm_out_shape"] and list(hn.shape) == exp["lstm_hn_shape"]
    assert list(cn.shape) == exp["lstm_cn_shape"] and list(out_g.shape) == exp["gru_out_shape"]
    assert list(hg.shape) == exp["gru_h_shape"]
    np.testing.assert_allclose(out_l.asnumpy()[:, -1, :], exp["lstm_out_last"], rtol=1e-5, atol=1e-6)
    assert abs(float(cn.asnumpy().sum()) - exp["lstm_cn_sum"]) < 1e-5
    assert abs(float(hg.asnumpy().sum()) - exp["gru_h_sum"]) < 1e-5
    y = Tensor(np.stack([x.asnumpy()[:, :, 0].sum(1) * 0.3, x.asnumpy()[:, -3:, 1].mean(1)], 1))
    loss = nn.MSELoss()(net(x), y)
    assert abs(float(loss.asnumpy()) - exp["losses"][0]) < 1e-5  # first loss: before any update
