"""The four benchmark models, written with the MindSpore API only.

``build(ms, name)`` takes the ``mindspore`` module (real MindSpore or mindspore_jax under the
import alias), so the very same code is timed on both.
"""

import numpy as np

SPECS = {
    "mlp": dict(batch=128),
    "lenet5": dict(batch=32),
    "resnet": dict(batch=32),
    "transformer": dict(batch=16, seq=128, d_model=256, heads=4, ff=1024),
}


def build(ms, name):
    nn = ms.nn
    ops = ms.ops
    Tensor = ms.Tensor
    rng = np.random.RandomState(0)
    spec = SPECS[name]
    b = spec["batch"]

    if name == "mlp":
        net = nn.SequentialCell([nn.Dense(784, 1024), nn.ReLU(), nn.Dense(1024, 1024), nn.ReLU(),
                                 nn.Dense(1024, 10)])
        x = rng.rand(b, 784).astype(np.float32)
        y = rng.randint(0, 10, b).astype(np.int32)
        opt = nn.Momentum(net.trainable_params(), 0.01, 0.9)
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    elif name == "lenet5":
        net = nn.SequentialCell([
            nn.Conv2d(1, 6, 5, pad_mode="valid"), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(6, 16, 5, pad_mode="valid"), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Flatten(), nn.Dense(400, 120), nn.ReLU(), nn.Dense(120, 84), nn.ReLU(),
            nn.Dense(84, 10)])
        x = rng.rand(b, 1, 32, 32).astype(np.float32)
        y = rng.randint(0, 10, b).astype(np.int32)
        opt = nn.Momentum(net.trainable_params(), 0.01, 0.9)
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    elif name == "resnet":
        class Block(nn.Cell):
            def __init__(self, cin, cout, stride):
                super().__init__()
                self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, pad_mode="same")
                self.bn1 = nn.BatchNorm2d(cout)
                self.conv2 = nn.Conv2d(cout, cout, 3, pad_mode="same")
                self.bn2 = nn.BatchNorm2d(cout)
                self.relu = nn.ReLU()
                self.down = None
                if stride != 1 or cin != cout:
                    self.down = nn.SequentialCell([nn.Conv2d(cin, cout, 1, stride=stride),
                                                   nn.BatchNorm2d(cout)])

            def construct(self, x):
                idt = x if self.down is None else self.down(x)
                out = self.relu(self.bn1(self.conv1(x)))
                out = self.bn2(self.conv2(out))
                return self.relu(out + idt)

        class ResNet8(nn.Cell):
            def __init__(self):
                super().__init__()
                self.stem = nn.SequentialCell([nn.Conv2d(3, 16, 3, pad_mode="same"),
                                               nn.BatchNorm2d(16), nn.ReLU()])
                self.layers = nn.SequentialCell([Block(16, 16, 1), Block(16, 32, 2), Block(32, 64, 2)])
                self.pool = ops.ReduceMean(keep_dims=False)
                self.fc = nn.Dense(64, 10)

            def construct(self, x):
                x = self.layers(self.stem(x))
                return self.fc(self.pool(x, (2, 3)))

        net = ResNet8()
        x = rng.rand(b, 3, 32, 32).astype(np.float32)
        y = rng.randint(0, 10, b).astype(np.int32)
        opt = nn.Momentum(net.trainable_params(), 0.01, 0.9, weight_decay=1e-4)
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    elif name == "transformer":
        d, h, ff, s = spec["d_model"], spec["heads"], spec["ff"], spec["seq"]

        class Encoder(nn.Cell):
            def __init__(self):
                super().__init__()
                layer = nn.TransformerEncoderLayer(d, h, dim_feedforward=ff, dropout=0.0,
                                                   batch_first=True)
                self.encoder = nn.TransformerEncoder(layer, num_layers=2)
                self.head = nn.Dense(d, 10)

            def construct(self, x):
                return self.head(self.encoder(x).mean(axis=1))

        net = Encoder()
        x = rng.rand(b, s, d).astype(np.float32)
        y = rng.randint(0, 10, b).astype(np.int32)
        opt = nn.AdamWeightDecay(net.trainable_params(), 1e-3, weight_decay=0.01)
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    else:
        raise KeyError(name)
    return net, loss, opt, Tensor(x), Tensor(y)


def train_step_cell(ms, net, loss, opt):
    """1.x style: WithLossCell + TrainOneStepCell."""
    step = ms.nn.TrainOneStepCell(ms.nn.WithLossCell(net, loss), opt)
    step.set_train()
    return step


def functional_step(ms, net, loss, opt):
    """2.x style: value_and_grad inside an ms.jit train step."""
    def forward(x, y):
        return loss(net(x), y)

    grad_fn = ms.value_and_grad(forward, None, opt.parameters)

    @ms.jit
    def step(x, y):
        value, grads = grad_fn(x, y)
        opt(grads)
        return value

    net.set_train()
    return step
