"""TrainOneStepCell, loss-scale cells, amp scalers: against MindSpore 2.10 goldens
(tests/golden/optim.*) in both modes; one compiled executable per train step."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

HERE = os.path.dirname(__file__)
G = np.load(os.path.join(HERE, "golden", "optim.npz"))
W = json.load(open(os.path.join(HERE, "golden", "optim.json")))["wrap"]


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.weight = Parameter(Tensor(G["P0/w"][:1, :4].copy()), name="weight")
        self.bias = Parameter(Tensor(np.array([0.1], np.float32)), name="bias")

    def construct(self, x):
        return ops.matmul(x, self.weight.T) + self.bias


class MSE(nn.Cell):
    def construct(self, a, b):
        return ((a - b) ** 2).mean()


BUILD = {
    "train_momentum": lambda n: nn.TrainOneStepCell(nn.WithLossCell(n, MSE()),
                                                    nn.Momentum(n.trainable_params(), 0.1, 0.9)),
    "train_sens": lambda n: nn.TrainOneStepCell(nn.WithLossCell(n, MSE()), nn.SGD(n.trainable_params(), 0.1),
                                                sens=2.0),
}


@pytest.mark.parametrize("case", sorted(BUILD))
def test_train_one_step_matches_mindspore(case, mode):
    net = Net()
    tr = BUILD[case](net)
    x, y = Tensor(G["wrap/x"]), Tensor(G["wrap/y"])
    losses = [float(tr(x, y).asnumpy()) for _ in range(4)]
    np.testing.assert_allclose(losses, W[case]["losses"], rtol=1e-5)
    np.testing.assert_allclose(net.weight.asnumpy(), G[f"wrap/{case}/weight"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(net.bias.asnumpy(), G[f"wrap/{case}/bias"], rtol=1e-5, atol=1e-6)
    names = {p.name for p in tr.get_parameters()}
    assert names >= {"weight", "bias", "global_step", "learning_rate"}


def test_train_step_is_one_executable():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = Net()
    opt = nn.Adam(net.trainable_params(), 0.01)
    tr = nn.TrainOneStepCell(nn.WithLossCell(net, MSE()), opt)
    x, y = Tensor(G["wrap/x"]), Tensor(G["wrap/y"])
    tr(x, y)
    before = ms.compile_stats()["compiles"]
    for _ in range(3):
        tr(x, y)
    assert ms.compile_stats()["compiles"] == before
    assert int(opt.global_step.asnumpy()[0]) == 4


def test_return_grad(mode):
    net = Net()
    tr = nn.TrainOneStepCell(nn.WithLossCell(net, MSE()), nn.SGD(net.trainable_params(), 0.1),
                             return_grad=True)
    loss, grads = tr(Tensor(G["wrap/x"]), Tensor(G["wrap/y"]))
    assert set(grads) == {"weight", "bias"}
    assert grads["weight"].shape == (1, 4)


def test_dynamic_loss_scale_update_cell(mode):
    upd = nn.DynamicLossScaleUpdateCell(loss_scale_value=16.0, scale_factor=2, scale_window=2)
    scale = Parameter(Tensor(np.float32(16.0)), name="scale_sense")
    seq = []
    for ov in (False, False, True, False, False, False, True, True):
        upd(scale, Tensor(ov))
        seq.append(float(scale.asnumpy()))
    assert seq == W["dynamic_update_seq"]


def test_dynamic_loss_scaler_and_all_finite():
    sc = ms.amp.DynamicLossScaler(scale_value=2 ** 10, scale_factor=2, scale_window=2)
    seq = []
    for fin in (True, True, False, True, True, True):
        sc.adjust(Tensor(fin))
        seq.append([float(sc.scale_value.asnumpy()), int(sc.counter.asnumpy())])
    assert seq == W["dynamic_scaler_seq"]
    got = [bool(ms.amp.all_finite((Tensor(np.ones(3, np.float32)),)).asnumpy()),
           bool(ms.amp.all_finite((Tensor(np.array([1, np.inf], np.float32)),)).asnumpy())]
    assert got == W["all_finite"]
    st = ms.amp.StaticLossScaler(8.0)
    g = st.unscale(st.scale((Tensor(np.array([1.5], np.float32)),)))
    assert float(g[0].asnumpy()[0]) == 1.5


def test_loss_scale_cell_skips_update_on_overflow(mode):
    """(MindSpore 2.10 has no CPU kernel for this cell's overflow check; checked by reasoning:
    grads of loss*scale divided by scale equal plain grads; an inf gradient skips the step.)"""
    net = Net()
    ref = Net()
    upd = nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0 ** 10, scale_factor=2, scale_window=2)
    tr = nn.TrainOneStepWithLossScaleCell(nn.WithLossCell(net, MSE()), nn.SGD(net.trainable_params(), 0.1),
                                          scale_sense=upd)
    plain = nn.TrainOneStepCell(nn.WithLossCell(ref, MSE()), nn.SGD(ref.trainable_params(), 0.1))
    x, y = Tensor(G["wrap/x"]), Tensor(G["wrap/y"])
    loss, ov, scale = tr(x, y)
    plain(x, y)
    assert not bool(ov.asnumpy()) and float(scale.asnumpy()) == 1024.0
    np.testing.assert_allclose(net.weight.asnumpy(), ref.weight.asnumpy(), rtol=1e-6)
    w_before = net.weight.asnumpy().copy()
    step_before = int(tr.optimizer.global_step.asnumpy()[0])
    bad = Tensor(np.full((5, 4), np.inf, np.float32))
    _, ov, _ = tr(bad, y)
    assert bool(ov.asnumpy())
    np.testing.assert_array_equal(net.weight.asnumpy(), w_before)
    assert int(tr.optimizer.global_step.asnumpy()[0]) == step_before
    assert float(tr.scale_sense.asnumpy()) == 512.0


def test_build_train_network_levels(mode):
    net = Net()
    tr = ms.amp.build_train_network(net, nn.SGD(net.trainable_params(), 0.1), MSE(), level="O0")
    assert isinstance(tr, nn.TrainOneStepCell)
    net2 = Net()
    tr2 = ms.amp.build_train_network(net2, nn.SGD(net2.trainable_params(), 0.1), MSE(), level="O2")
    assert isinstance(tr2, nn.TrainOneStepWithLossScaleCell)
    loss, ov, scale = tr2(Tensor(G["wrap/x"]), Tensor(G["wrap/y"]))
    assert float(scale.asnumpy()) == 2.0 ** 24
    with pytest.raises(ValueError):
        ms.amp.build_train_network(net, nn.SGD(net.trainable_params(), 0.1), level="O9")


def test_with_eval_and_forward_value_and_grad(mode):
    net = Net()
    ev = nn.WithEvalCell(net, MSE())
    loss, out, label = ev(Tensor(G["wrap/x"]), Tensor(G["wrap/y"]))
    assert out.shape == (5, 1)
    fvg = nn.ForwardValueAndGrad(nn.WithLossCell(net, MSE()),
                                 weights=ms.ParameterTuple(net.trainable_params()),
                                 get_by_list=True)
    loss2, grads = fvg(Tensor(G["wrap/x"]), Tensor(G["wrap/y"]))
    np.testing.assert_allclose(float(loss2.asnumpy()), float(loss.asnumpy()), rtol=1e-6)
    assert len(grads) == 2
