"""Gradients against real MindSpore 2.10 (tests/fixtures: ops_golden grad cases and LeNet-5's
per-parameter gradients), every spelling, in GRAPH_MODE and PYNATIVE_MODE."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, ParameterTuple, Tensor, nn, ops
from mindspore_jax.ops import composite as C

from conftest import FIXTURES

NPZ = np.load(os.path.join(FIXTURES, "ops_golden.npz"))
CASES = {c["name"]: c for c in json.load(open(os.path.join(FIXTURES, "ops_golden.json")))["cases"]}


def _p(case, name):
    return NPZ[f"{case}/param/{name}"]


class MLP(nn.Cell):
    def __init__(self, case):
        super().__init__()
        self.fc1 = nn.Dense(
            4, 8, weight_init=Tensor(_p(case, "fc1.weight")), bias_init=Tensor(_p(case, "fc1.bias"))
        )
        self.act = nn.ReLU()
        self.fc2 = nn.Dense(
            8, 3, weight_init=Tensor(_p(case, "fc2.weight")), bias_init=Tensor(_p(case, "fc2.bias"))
        )

    def construct(self, x):
        return self.fc2(self.act(self.fc1(x)))


class MSENet(nn.Cell):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def construct(self, x, y):
        return ops.mse_loss(self.net(x), y)


def _inputs(case):
    return [Tensor(NPZ[i["key"]]) for i in CASES[case]["inputs"]]


def _expect(case, outs):
    flat = []

    def walk(o):
        if isinstance(o, (tuple, list)):
            for e in o:
                walk(e)
        else:
            flat.append(o)

    walk(outs)
    exp = CASES[case]["outputs"]
    assert len(flat) == len(exp), (case, len(flat), len(exp))
    for got, e in zip(flat, exp):
        np.testing.assert_allclose(got.asnumpy(), NPZ[e["key"]], rtol=1e-5, atol=1e-6, err_msg=case)


def test_grad_weights(mode):
    c = "grad_mlp_weights"
    lossnet = MSENet(MLP(c))
    w = ParameterTuple(lossnet.trainable_params())
    _expect(c, ms.grad(lossnet, grad_position=None, weights=w)(*_inputs(c)))


def test_grad_inputs_and_weights(mode):
    c = "grad_mlp_inputs_and_weights"
    lossnet = MSENet(MLP(c))
    w = ParameterTuple(lossnet.trainable_params())
    _expect(c, ms.grad(lossnet, grad_position=0, weights=w)(*_inputs(c)))


def test_value_and_grad_has_aux(mode):
    c = "value_and_grad_has_aux"
    net = MLP(c)

    def fwd(x, y):
        p = net(x)
        return ops.mse_loss(p, y), p

    _expect(
        c,
        ms.value_and_grad(fwd, grad_position=None, weights=net.trainable_params(), has_aux=True)(*_inputs(c)),
    )


@pytest.mark.parametrize(
    "case,kw,by_list",
    [
        ("GradOperation_get_all_sens", dict(get_all=True, sens_param=True), False),
        ("GradOperation_by_list_sens", dict(get_by_list=True, sens_param=True), True),
        ("GradOperation_default", {}, False),
    ],
)
def test_grad_operation_spellings_inside_cells(mode, case, kw, by_list):
    class G(nn.Cell):
        def __init__(self):
            super().__init__()
            self.net = MLP(case)
            self.w = ParameterTuple(self.net.trainable_params())
            self.g = C.GradOperation(**kw)

        def construct(self, *a):
            return self.g(self.net, self.w)(*a) if by_list else self.g(self.net)(*a)

    _expect(case, G()(*_inputs(case)))


def test_softmax_ce_grad(mode):
    c = "grad_softmax_ce_logits"
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    _expect(c, ms.grad(loss, 0)(*_inputs(c)))


class LeNet5(nn.Cell):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, pad_mode="valid")
        self.conv2 = nn.Conv2d(6, 16, 5, pad_mode="valid")
        self.fc1 = nn.Dense(16 * 5 * 5, 120)
        self.fc2 = nn.Dense(120, 84)
        self.fc3 = nn.Dense(84, 10)
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


def test_lenet5_gradients_and_momentum_step_match_mindspore(mode):
    io = np.load(os.path.join(FIXTURES, "lenet5_io.npz"))
    net = LeNet5()
    not_loaded, _ = ms.load_param_into_net(
        net, ms.load_checkpoint(os.path.join(FIXTURES, "lenet5_ms2.10.ckpt"))
    )
    assert not not_loaded
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    params = net.trainable_params()

    def forward(x, y):
        return loss_fn(net(x), y)

    x, y = Tensor(io["x"]), Tensor(io["labels"])
    loss, grads = ms.value_and_grad(forward, None, params)(x, y)
    np.testing.assert_allclose(loss.asnumpy(), io["loss_before_step"], rtol=1e-5)
    for p, g in zip(params, grads):
        np.testing.assert_allclose(g.asnumpy(), io[f"grad/{p.name}"], rtol=2e-4, atol=1e-6, err_msg=p.name)
    opt = nn.Momentum(params, learning_rate=0.01, momentum=0.9)
    opt(grads)
    for p in params:
        np.testing.assert_allclose(p.asnumpy(), io[f"param_after_step/{p.name}"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(net(x).asnumpy(), io["logits_after_1_momentum_step"], rtol=1e-4, atol=1e-5)


# --- composite helpers: a MultitypeFuncGraph-based clipping train step (model-zoo style) ----------

clip_grad = C.MultitypeFuncGraph("clip_grad")


@clip_grad.register("Number", "Number", "Tensor")
def _clip_grad(clip_type, clip_value, grad):
    if clip_type == 0:
        return ops.clip_by_value(grad, -clip_value, clip_value)
    return nn.ClipByNorm()(grad, Tensor(clip_value, ms.float32))


class ClipTrainStep(nn.Cell):
    def __init__(self, net, opt):
        super().__init__(auto_prefix=False)
        self.net = net
        self.opt = opt
        self.weights = opt.parameters
        self.grad = C.GradOperation(get_by_list=True)
        self.hyper_map = C.HyperMap()

    def construct(self, x, y):
        loss = self.net(x, y)
        grads = self.grad(self.net, self.weights)(x, y)
        grads = self.hyper_map(ops.partial(clip_grad, 0, 0.01), grads)
        self.opt(grads)
        return loss


def test_multitype_funcgraph_clipping_train_step(mode):
    c = "grad_mlp_weights"
    lossnet = MSENet(MLP(c))
    before = [p.asnumpy() for p in lossnet.trainable_params()]
    ref = ms.grad(lossnet, grad_position=None, weights=ParameterTuple(lossnet.trainable_params()))(
        *_inputs(c)
    )
    step = ClipTrainStep(lossnet, nn.SGD(lossnet.trainable_params(), learning_rate=1.0))
    step(*_inputs(c))
    for b, p, g in zip(before, lossnet.trainable_params(), ref):
        np.testing.assert_allclose(p.asnumpy(), b - np.clip(g.asnumpy(), -0.01, 0.01), rtol=1e-6, atol=1e-7)


def test_multitype_funcgraph_dispatch_error():
    with pytest.raises(TypeError, match="clip_grad"):
        clip_grad("a", 1, 2)


def test_finite_differences_nested_and_vmap(mode):
    x = Tensor(np.array([0.3, -1.2, 0.8], np.float32))

    def f(v):
        return (ops.sin(v) * v * v).sum()

    g = ms.grad(f)(x).asnumpy()
    eps = 1e-3
    xv = x.asnumpy().astype(np.float64)
    fd = [
        (np.sum(np.sin(xv + e) * (xv + e) ** 2) - np.sum(np.sin(xv - e) * (xv - e) ** 2)) / (2 * eps)
        for e in np.eye(3) * eps
    ]
    np.testing.assert_allclose(g, fd, rtol=1e-3)
    d2 = ms.grad(ms.grad(lambda s: s**3))(Tensor(2.0, ms.float32))
    assert abs(float(d2) - 12.0) < 1e-5
    dense = nn.Dense(3, 2)
    batched = ops.vmap(dense, in_axes=0)(Tensor(np.ones((4, 3), np.float32)))
    np.testing.assert_allclose(
        batched.asnumpy(), np.repeat(dense(Tensor(np.ones((1, 3), np.float32))).asnumpy(), 4, 0), rtol=1e-6
    )


def test_requires_grad_false_and_stop_gradient(mode):
    w = Parameter(Tensor(np.array([2.0], np.float32)), name="w")
    frozen = Parameter(Tensor(np.array([3.0], np.float32)), name="frozen", requires_grad=False)

    class N(nn.Cell):
        def __init__(self):
            super().__init__()
            self.w, self.frozen = w, frozen

        def construct(self, x):
            return (self.w * x * self.frozen + ops.stop_gradient(self.w * x)).sum()

    net = N()
    assert [p.name for p in net.trainable_params()] == ["w"]
    (gw,) = ms.grad(net, grad_position=None, weights=net.trainable_params())(
        Tensor(np.array([1.0], np.float32))
    )
    np.testing.assert_allclose(gw.asnumpy(), [3.0])
