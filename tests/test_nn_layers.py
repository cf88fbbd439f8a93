"""nn layers against real MindSpore 2.10 (tests/fixtures/ops_golden, lenet5) in both modes."""

import json
import os
import struct

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, nn, ops

from conftest import FIXTURES

_J = json.load(open(os.path.join(FIXTURES, "ops_golden.json")))
_Z = np.load(os.path.join(FIXTURES, "ops_golden.npz"))

MINE = {
    "nn.Dense",
    "nn.Conv2d",
    "nn.Conv1d",
    "nn.Conv2dTranspose",
    "nn.MaxPool2d",
    "nn.AvgPool2d",
    "nn.AdaptiveAvgPool2d",
    "nn.AdaptiveMaxPool2d",
    "nn.MaxPool1d",
    "nn.BatchNorm2d",
    "nn.BatchNorm1d",
    "nn.LayerNorm",
    "nn.GroupNorm",
    "nn.Softmax",
    "nn.GELU",
    "nn.LeakyReLU",
    "nn.PReLU",
    "nn.HSwish",
    "nn.HSigmoid",
    "nn.Embedding",
    "nn.Flatten",
    "nn.Pad",
    "nn.Upsample",
    "nn.Dropout",
}


def _cases():
    return [c for c in _J["cases"] if c["api"] in MINE]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["name"])
def test_layers_golden(case, mode):
    kw = dict(case["init_kwargs"])
    for p in case["params"]:
        kw[p["key"].rsplit("/", 1)[1]] = Tensor(_Z[p["key"]])
    cell = getattr(nn, case["api"].split(".", 1)[1])(**kw)
    cell.set_train(case["train_mode"])
    ins = [Tensor(_Z[i["key"]]) for i in case["inputs"]]
    out = cell(*ins)
    outs = list(out) if isinstance(out, tuple) else [out]
    if case["api"].startswith("nn.BatchNorm") and case["train_mode"]:
        outs += [cell.moving_mean, cell.moving_variance]
    for o, spec in zip(outs, case["outputs"]):
        exp = _Z[spec["key"]]
        assert tuple(o.shape) == exp.shape
        assert str(o.dtype) == spec["ms_dtype"]
        np.testing.assert_allclose(o.asnumpy(), exp, rtol=1e-5, atol=1e-5, err_msg=case["name"])


# --- BatchNorm moving statistics in both modes ------------------------------------------------


class _Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3, has_bias=True)
        self.bn = nn.BatchNorm2d(3, momentum=0.8)

    def construct(self, x):
        return self.bn(self.conv(x))


def test_batchnorm_moving_stats(mode):
    ms.set_seed(3)
    net = _Net()
    net.set_train(True)
    x = np.random.default_rng(0).standard_normal((4, 2, 5, 5)).astype(np.float32)
    w, b = net.conv.weight.asnumpy(), net.conv.bias.asnumpy()
    h = ops.conv2d(Tensor(x), Tensor(w), Tensor(b), 1, "same").asnumpy()
    mean, var = np.zeros(3), np.ones(3)
    for _ in range(2):
        y = net(Tensor(x)).asnumpy()
        bm, bv = h.mean((0, 2, 3)), h.var((0, 2, 3))
        n = h.size / 3
        mean = 0.8 * mean + 0.2 * bm
        var = 0.8 * var + 0.2 * bv * n / (n - 1)
        np.testing.assert_allclose(
            y, (h - bm[None, :, None, None]) / np.sqrt(bv[None, :, None, None] + 1e-5), rtol=1e-4, atol=1e-4
        )
    np.testing.assert_allclose(net.bn.moving_mean.asnumpy(), mean, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(net.bn.moving_variance.asnumpy(), var, rtol=1e-5, atol=1e-6)
    net.set_train(False)
    y = net(Tensor(x)).asnumpy()
    np.testing.assert_allclose(
        y, (h - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5), rtol=1e-4, atol=1e-4
    )
    assert [p.name for p in net.get_parameters()] == [
        "conv.weight",
        "conv.bias",
        "bn.moving_mean",
        "bn.moving_variance",
        "bn.gamma",
        "bn.beta",
    ]


def test_batchnorm_grad_in_train(mode):
    net = nn.BatchNorm1d(3)
    net.set_train(True)
    x = Tensor(np.random.default_rng(1).standard_normal((5, 3)).astype(np.float32))
    grads = ms.grad(lambda a: net(a).sum(), None, net.trainable_params())(x)
    np.testing.assert_allclose(grads[0].asnumpy(), 0, atol=1e-5)  # d(sum of normalised)/d gamma = 0
    np.testing.assert_allclose(grads[1].asnumpy(), 5, atol=1e-5)  # d/d beta = batch size


# --- LeNet-5 from real MindSpore's weights --------------------------------------------------------


def _read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        blob = f.read()
    out = {}
    for k, v in header.items():
        if k == "__metadata__":
            continue
        a, b = v["data_offsets"]
        out[k] = np.frombuffer(blob[a:b], {"F32": np.float32}[v["dtype"]]).reshape(v["shape"])
    return out


class LeNet5(nn.Cell):
    def __init__(self, num_class=10, num_channel=1):
        super().__init__()
        self.conv1 = nn.Conv2d(num_channel, 6, 5, pad_mode="valid")
        self.conv2 = nn.Conv2d(6, 16, 5, pad_mode="valid")
        self.fc1 = nn.Dense(16 * 5 * 5, 120)
        self.fc2 = nn.Dense(120, 84)
        self.fc3 = nn.Dense(84, num_class)
        self.relu = nn.ReLU()
        self.max_pool2d = nn.MaxPool2d(kernel_size=2, stride=2)
        self.flatten = nn.Flatten()

    def construct(self, x):
        x = self.max_pool2d(self.relu(self.conv1(x)))
        x = self.max_pool2d(self.relu(self.conv2(x)))
        x = self.flatten(x)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)


def test_lenet5_forward(mode):
    weights = _read_safetensors(os.path.join(FIXTURES, "lenet5_ms2.10.safetensors"))
    io = np.load(os.path.join(FIXTURES, "lenet5_io.npz"))
    net = LeNet5()
    params = {p.name: p for p in net.get_parameters()}
    assert sorted(params) == sorted(weights)
    for k, v in weights.items():
        assert tuple(params[k].shape) == v.shape
        params[k].set_data(Tensor(v.copy()))
    net.set_train(False)
    x = Tensor(io["x"])
    np.testing.assert_allclose(net(x).asnumpy(), io["logits"], rtol=1e-4, atol=1e-5)
    h1 = net.max_pool2d(net.relu(net.conv1(x)))
    np.testing.assert_allclose(h1.asnumpy(), io["pool1_out"], rtol=1e-4, atol=1e-5)
    h2 = net.max_pool2d(net.relu(net.conv2(h1)))
    np.testing.assert_allclose(h2.asnumpy(), io["pool2_out"], rtol=1e-4, atol=1e-5)
    f1 = net.relu(net.fc1(net.flatten(h2)))
    np.testing.assert_allclose(f1.asnumpy(), io["fc1_relu_out"], rtol=1e-4, atol=1e-5)


# --- construction, defaults, reprs ------------------------------------------------------------


def test_reprs():
    assert repr(nn.Dense(3, 4)) == "Dense(input_channels=3, output_channels=4, has_bias=True)"
    assert repr(nn.Dense(3, 4, activation="relu")) == (
        "Dense(\n  input_channels=3, output_channels=4, has_bias=True, activation=ReLU()\n"
        "  (activation): ReLU()\n)"
    )
    assert repr(nn.MaxPool2d(2, 2)) == "MaxPool2d(kernel_size=2, stride=2, pad_mode=VALID)"
    assert repr(nn.AvgPool1d(2, 2)) == "AvgPool1d(kernel_size=(1, 2), stride=(1, 2), pad_mode=VALID)"
    assert repr(nn.Dropout(p=0.3)) == "Dropout(p=0.3)"
    assert repr(nn.GroupNorm(2, 4)) == "GroupNorm(num_groups=2, num_channels=4)"
    assert repr(nn.ReLU()) == "ReLU()"
    r = repr(nn.Conv2d(3, 4, 3))
    assert r.startswith(
        "Conv2d(input_channels=3, output_channels=4, kernel_size=(3, 3), stride=(1, 1), "
        "pad_mode=same, padding=0, dilation=(1, 1), group=1, has_bias=False, weight_init="
    )
    assert r.endswith("bias_init=None, format=NCHW)")
    assert "kernel_size=(1, 3)" in repr(nn.Conv1d(3, 4, 3))
    assert repr(nn.BatchNorm2d(3)).startswith("BatchNorm2d(num_features=3, eps=1e-05, momentum=0.9, gamma=")


def test_default_init_and_shapes():
    ms.set_seed(0)
    d = nn.Dense(20, 7)
    w, b = d.weight.asnumpy(), d.bias.asnumpy()
    assert w.shape == (7, 20) and b.shape == (7,)
    bound = 1 / np.sqrt(20)  # HeUniform(sqrt(5)) -> sqrt(6 / ((1 + 5) * fan_in)) = 1/sqrt(fan_in)
    assert np.abs(w).max() <= bound and np.abs(w).max() > bound * 0.8
    assert np.abs(b).max() <= bound
    assert d.in_channels == 20 and d.out_channels == 7
    assert nn.Conv1d(3, 4, 3).weight.shape == (4, 3, 1, 3)
    assert nn.Conv1dTranspose(3, 4, 3).weight.shape == (3, 4, 1, 3)
    assert nn.Conv2dTranspose(4, 6, 3, group=2).weight.shape == (4, 3, 3, 3)
    assert nn.Conv3d(3, 4, 3).weight.shape == (4, 3, 3, 3, 3)
    assert nn.Conv2d(3, 4, 3).bias is None
    assert [p.name for p in nn.PReLU(3).get_parameters()] == ["a"]
    bn = nn.BatchNorm2d(3, affine=False)
    assert not bn.gamma.requires_grad and not bn.moving_mean.requires_grad
    with pytest.raises(ValueError):
        nn.Conv2d(3, 4, 3, pad_mode="same", padding=1)
    with pytest.raises(ValueError):
        nn.Dense(0, 3)
    with pytest.raises(RuntimeError, match="'C_in' of input 'x'"):  # MindSpore 2.10: RuntimeError
        nn.Conv2d(3, 4, 3)(Tensor(np.ones((1, 2, 5, 5), np.float32)))


def test_dropout_layers(mode):
    x = Tensor(np.ones((4, 8, 6, 6), np.float32))
    d = nn.Dropout(p=0.5)
    d.set_train(False)
    np.testing.assert_array_equal(d(x).asnumpy(), x.asnumpy())
    d.set_train(True)
    y = d(x).asnumpy()
    assert set(np.unique(y)) <= {0.0, 2.0} and 0.3 < (y == 0).mean() < 0.7
    d2 = nn.Dropout2d(0.5)
    d2.set_train(True)
    y = d2(x).asnumpy()
    per_ch = y.reshape(4, 8, -1)
    assert np.all((per_ch == per_ch[..., :1]))  # whole channels dropped together


def test_activation_cells():
    x = Tensor(np.linspace(-3, 3, 13, dtype=np.float32))
    xn = x.asnumpy()
    np.testing.assert_allclose(nn.get_activation("relu")(x).asnumpy(), np.maximum(xn, 0))
    np.testing.assert_allclose(nn.LeakyReLU(0.1)(x).asnumpy(), np.where(xn >= 0, xn, 0.1 * xn), rtol=1e-6)
    np.testing.assert_allclose(nn.Hardtanh(-1, 2)(x).asnumpy(), np.clip(xn, -1, 2))
    np.testing.assert_allclose(nn.Threshold(0.5, -1.0)(x).asnumpy(), np.where(xn > 0.5, xn, -1.0))
    np.testing.assert_allclose(nn.HShrink(1.0)(x).asnumpy(), np.where(np.abs(xn) > 1, xn, 0))
    np.testing.assert_allclose(nn.GELU(False)(x).asnumpy(), ops.gelu(x).asnumpy())
    r = nn.RReLU()
    r.set_train(False)
    np.testing.assert_allclose(r(x).asnumpy(), np.where(xn >= 0, xn, xn * (1 / 8 + 1 / 3) / 2), rtol=1e-6)
    with pytest.raises(KeyError):
        nn.get_activation("nope")


def test_embedding_and_misc_layers(mode):
    emb = nn.Embedding(5, 3, padding_idx=2)
    np.testing.assert_array_equal(emb.embedding_table.asnumpy()[2], 0)
    ids = Tensor(np.array([[0, 2], [4, 1]], np.int32))
    np.testing.assert_allclose(emb(ids).asnumpy(), emb.embedding_table.asnumpy()[ids.asnumpy()])
    x = Tensor(np.arange(2 * 8 * 3 * 3, dtype=np.float32).reshape(2, 8, 3, 3))
    np.testing.assert_array_equal(nn.PixelUnshuffle(2)(nn.PixelShuffle(2)(x)).asnumpy(), x.asnumpy())
    assert nn.Flatten()(x).shape == (2, 72)
    assert nn.Flatten(2)(x).shape == (2, 8, 9)
    np.testing.assert_array_equal(nn.Identity()(x).asnumpy(), x.asnumpy())
    assert nn.AdaptiveAvgPool2d((1, 1))(x).shape == (2, 8, 1, 1)
    up = nn.Upsample(size=(6, 6), mode="bilinear", align_corners=True)
    assert up(x).shape == (2, 8, 6, 6)
    rb = nn.ResizeBilinear()
    np.testing.assert_allclose(rb(x, size=(6, 6), align_corners=True).asnumpy(), up(x).asnumpy(), rtol=1e-5)
