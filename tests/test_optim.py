"""Optimizers against real MindSpore 2.10 (tests/golden/optim.*, tools/make_golden_optim.py and
tests/fixtures/ops_golden), in GRAPH_MODE and PYNATIVE_MODE, plus numpy references where
MindSpore has no CPU kernel (Lamb, LARS, gradient centralization)."""

import contextlib
import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn
from conftest import cpu_target

HERE = os.path.dirname(__file__)
G = np.load(os.path.join(HERE, "golden", "optim.npz"))
META = json.load(open(os.path.join(HERE, "golden", "optim.json")))
CASES = META["cases"]


def _params(names=("w", "b")):
    return [Parameter(Tensor(G["P0/w"].copy()), name=names[0]),
            Parameter(Tensor(G["P0/b"].copy()), name=names[1])]


def _grads(opt, ps, i):
    by_id = {id(ps[0]): G[f"G{i}/w"], id(ps[1]): G[f"G{i}/b"]}
    return tuple(Tensor(by_id[id(p)]) for p in opt.parameters)


@pytest.mark.parametrize("name", sorted(CASES))
def test_optimizer_matches_mindspore(name, mode):
    with _target_for(name):
        _optimizer_matches_mindspore(name)


def _target_for(name):
    """MindSpore's CPU Momentum kernel ignores use_nesterov (its GPU kernel honours it, as we do
    on the GPU target): the nesterov goldens are CPU behaviour."""
    return cpu_target() if "nesterov" in name else contextlib.nullcontext()


def _optimizer_matches_mindspore(name):
    case = CASES[name]
    ps = _params(case["names"])
    opt = eval(case["expr"], {"nn": nn, "ps": ps, "Tensor": Tensor, "np": np})  # noqa: S307
    assert [bool(opt.is_group), bool(opt.is_group_lr), bool(opt.dynamic_lr)] == case["flags"]
    assert [p.name for p in opt.parameters] == case["param_order"]
    for i in range(3):
        lr = opt.get_lr()
        lr = lr if isinstance(lr, tuple) else (lr,)
        lrs = [float(np.asarray(x.asnumpy()).reshape(-1)[0]) for x in lr]
        np.testing.assert_allclose(lrs, case["lrs"][i], rtol=1e-6, err_msg=f"lr before step {i}")
        opt(_grads(opt, ps, i))
        for k, p in zip("wb", ps):
            np.testing.assert_allclose(p.asnumpy(), G[f"{name}/step{i}/{k}"], rtol=2e-5, atol=2e-6,
                                       err_msg=f"{name} {k} after step {i}")
    mine = {p.name: p for _, p in opt.parameters_and_names()}
    for attr_path, pname, dtype, shape in case["state"]:
        assert pname in mine, f"missing optimizer state {pname}"
        p = mine[pname]
        assert str(p.dtype) == dtype and list(p.shape) == shape, (pname, p.dtype, p.shape)
        np.testing.assert_allclose(p.asnumpy(), G[f"{name}/state/{attr_path}"], rtol=2e-5, atol=2e-6,
                                   err_msg=f"state {pname}")


OPS = json.load(open(os.path.join(HERE, "fixtures", "ops_golden.json")))
OPS_NPZ = np.load(os.path.join(HERE, "fixtures", "ops_golden.npz"))
OPT_CASES = [c for c in OPS["cases"] if c["kind"] == "optimizer"]
CTORS = {
    "opt_Momentum": lambda ps: nn.Momentum(ps, learning_rate=0.1, momentum=0.9),
    "opt_Momentum_nesterov_wd": lambda ps: nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=0.01,
                                                       use_nesterov=True),
    "opt_SGD": lambda ps: nn.SGD(ps, learning_rate=0.1),
    "opt_SGD_momentum": lambda ps: nn.SGD(ps, learning_rate=0.1, momentum=0.9, dampening=0.0),
    "opt_Adam": lambda ps: nn.Adam(ps, learning_rate=0.01),
    "opt_Adam_wd": lambda ps: nn.Adam(ps, learning_rate=0.01, weight_decay=0.1),
    "opt_AdamWeightDecay": lambda ps: nn.AdamWeightDecay(ps, learning_rate=0.01, weight_decay=0.1),
    "opt_RMSProp": lambda ps: nn.RMSProp(ps, learning_rate=0.01),
    "opt_Adagrad": lambda ps: nn.Adagrad(ps, learning_rate=0.1),
}


@pytest.mark.parametrize("case", OPT_CASES, ids=[c["name"] for c in OPT_CASES])
def test_ops_golden_optimizers(case, mode):
    with _target_for(case["name"]):
        _ops_golden_optimizer(case)


def _ops_golden_optimizer(case):
    n = case["name"]
    ps = [Parameter(Tensor(OPS_NPZ[f"{n}/param/w"].copy()), name="w"),
          Parameter(Tensor(OPS_NPZ[f"{n}/param/b"].copy()), name="b")]
    opt = CTORS[n](ps)
    ins = [OPS_NPZ[f"{n}/in{i}"] for i in range(4)]
    outs = []
    for g in (ins[:2], ins[2:]):
        opt(tuple(Tensor(x) for x in g))
        outs += [p.asnumpy().copy() for p in ps]
    for i, o in enumerate(outs):
        np.testing.assert_allclose(o, OPS_NPZ[f"{n}/out{i}"], rtol=2e-5, atol=2e-6)


def test_list_lr_past_end_raises(mode):
    """A Python list lr is not clamped: the step after the last entry fails (Gather out of range)."""
    ps = [Parameter(Tensor(G["P0/w"].copy()), name="w")]
    opt = nn.SGD(ps, learning_rate=[0.1, 0.2])
    g = (Tensor(G["G0/w"]),)
    opt(g)
    opt(g)
    with pytest.raises(RuntimeError, match="Gather"):
        opt(g)
        ps[0].asnumpy()


def test_gradient_centralization(mode):
    ps = _params()
    opt = nn.SGD([{"params": [ps[0]], "grad_centralization": True}, {"params": [ps[1]]}], learning_rate=0.1)
    g = G["G0/w"]
    opt((Tensor(g), Tensor(G["G0/b"])))
    ref = G["P0/w"] - 0.1 * (g - g.mean(axis=1, keepdims=True))
    np.testing.assert_allclose(ps[0].asnumpy(), ref, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ps[1].asnumpy(), G["P0/b"] - 0.1 * G["G0/b"], rtol=1e-5, atol=1e-6)


def _lamb_ref(w, grads, lr, wd, b1=0.9, b2=0.999, eps=1e-6):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t, g in enumerate(grads, 1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        upd = (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps) + wd * w
        wn, un = np.linalg.norm(w), np.linalg.norm(upd)
        ratio = np.clip(wn / un if wn > 0 and un > 0 else 1.0, 0, 10)
        w = w - lr * ratio * upd
    return w


def test_lamb_numpy_reference(mode):
    ps = _params()
    opt = nn.Lamb(ps, learning_rate=0.01, weight_decay=0.01)
    for i in range(3):
        opt(_grads(opt, ps, i))
    ref = _lamb_ref(G["P0/w"].astype(np.float64), [G[f"G{i}/w"] for i in range(3)], 0.01, 0.01)
    np.testing.assert_allclose(ps[0].asnumpy(), ref, rtol=1e-5, atol=1e-6)
    assert {p.name for p in opt.get_parameters()} >= {"lamb_m.w", "lamb_v.b", "global_step"}


def test_lars_numpy_reference(mode):
    ps = _params(("w", "bias"))
    inner = nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=0.01)
    opt = nn.LARS(inner, epsilon=1e-5, coefficient=0.001)
    w, b = G["P0/w"].astype(np.float64), G["P0/b"].astype(np.float64)
    mw, mb = np.zeros_like(w), np.zeros_like(b)
    for i in range(2):
        opt(_grads(opt, ps, i))
        g = G[f"G{i}/w"]
        wn, gn = np.linalg.norm(w), np.linalg.norm(g)
        g = 0.001 * wn / (gn + 0.01 * wn + 1e-5) * (g + 0.01 * w)
        mw = 0.9 * mw + g
        w = w - 0.1 * mw
        mb = 0.9 * mb + G[f"G{i}/b"]  # 'bias' is filtered out of LARS and of weight decay
        b = b - 0.1 * mb
    np.testing.assert_allclose(ps[0].asnumpy(), w, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(ps[1].asnumpy(), b, rtol=1e-5, atol=1e-6)


def test_functional_optimizer_in_jit(mode):
    """2.x style: grads from value_and_grad and ``optimizer(grads)`` inside one ms.jit step."""
    w = Parameter(Tensor(np.array([1.0, -2.0], np.float32)), name="w")
    opt = nn.Adam([w], learning_rate=0.1)

    def loss_fn(x):
        return (w * x).sum() ** 2

    grad_fn = ms.value_and_grad(loss_fn, None, opt.parameters)

    @ms.jit
    def step(x):
        loss, grads = grad_fn(x)
        opt(grads)
        return loss

    x = Tensor(np.array([0.5, 1.0], np.float32))
    losses = [float(step(x).asnumpy()) for _ in range(5)]
    assert losses[-1] < losses[0]
    assert int(opt.global_step.asnumpy()[0]) == 5
    assert float(opt.beta1_power.asnumpy()) == pytest.approx(0.9 ** 5, rel=1e-5)


def test_group_errors_and_lr_parameter():
    ps = _params()
    with pytest.raises(KeyError):
        nn.SGD([{"params": [ps[0]], "bad": 1}])
    with pytest.raises(RuntimeError, match="already exists"):
        nn.SGD([{"params": [ps[0]]}, {"params": [ps[0]]}])
    with pytest.raises(TypeError, match="learning_rate"):
        nn.SGD(ps, learning_rate=None)
    opt = nn.Momentum([{"params": [ps[0]], "lr": 0.2}, {"params": [ps[1]]}], learning_rate=0.05, momentum=0.9)
    lrs = opt.get_lr_parameter([ps[0], ps[1]])
    assert [lr.name for lr in lrs] == ["learning_rate_group_0", "learning_rate"]
    assert float(opt.get_lr_parameter(ps[1]).asnumpy()) == pytest.approx(0.05)
    with pytest.raises(ValueError, match="not in optimizer"):
        opt.get_lr_parameter(Parameter(Tensor(np.zeros(1, np.float32)), name="z"))
