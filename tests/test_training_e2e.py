"""Small networks train with falling loss through TrainOneStepCell, in both modes, and both modes
give the same trajectory."""

import numpy as np

import mindspore_jax as ms
from mindspore_jax import Tensor, nn


class TinyTransformer(nn.Cell):
    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(16, 2, dim_feedforward=32, dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2)
        self.head = nn.Dense(16, 3)

    def construct(self, x):
        return self.head(self.encoder(x).mean(axis=1))


def _train(mode, make_net, opt_fn, x, y, steps):
    ms.set_context(mode=mode)
    ms.set_seed(7)
    net = make_net()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    step = nn.TrainOneStepCell(nn.WithLossCell(net, loss), opt_fn(net.trainable_params()))
    step.set_train()
    return [float(step(x, y)) for _ in range(steps)]


def _check(make_net, opt_fn, x, y, steps):
    graph = _train(ms.GRAPH_MODE, make_net, opt_fn, x, y, steps)
    pyn = _train(ms.PYNATIVE_MODE, make_net, opt_fn, x, y, steps)
    assert graph[-1] < 0.5 * graph[0], graph
    np.testing.assert_allclose(graph, pyn, rtol=2e-4, atol=2e-5)


def test_mlp_trains_both_modes():
    rng = np.random.RandomState(0)
    x = Tensor(rng.randn(32, 10).astype(np.float32))
    y = Tensor((rng.rand(32) * 3).astype(np.int32))
    _check(lambda: nn.SequentialCell([nn.Dense(10, 32), nn.ReLU(), nn.Dense(32, 3)]),
           lambda p: nn.Momentum(p, 0.1, 0.9), x, y, 25)


def test_transformer_trains_both_modes():
    rng = np.random.RandomState(1)
    x = Tensor(rng.randn(8, 5, 16).astype(np.float32))
    y = Tensor((rng.rand(8) * 3).astype(np.int32))
    _check(TinyTransformer, lambda p: nn.AdamWeightDecay(p, 1e-2, weight_decay=0.01), x, y, 20)
