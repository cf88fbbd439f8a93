"""mint extras: mint.optim (vs MindSpore 2.10 goldens), mint.nn.functional in-place/normalize
extras, mint.distributed / ops collective functionals on one process."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, mint, nn, ops

G = os.path.join(os.path.dirname(__file__), "golden", "mint_extras")
NPZ = np.load(G + ".npz")
META = json.load(open(G + ".json"))


class _Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(NPZ["W0"]), "w")
        self.b = Parameter(Tensor(NPZ["B0"]), "b")

    def construct(self, x):
        return ops.matmul(x, self.w.T) + self.b


OPT_CASES = {
    "adam": ("Adam", "flat", dict(lr=0.1)),
    "adam_wd_max": ("Adam", "flat", dict(lr=0.05, weight_decay=0.1, maximize=True)),
    "adam_ams": ("Adam", "flat", dict(lr=0.1, amsgrad=True, betas=(0.8, 0.9))),
    "adam_groups": ("Adam", "groups", dict(lr=0.1)),
    "sgd": ("SGD", "flat", dict(lr=0.1)),
    "sgd_mom": ("SGD", "flat", dict(lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    "sgd_nesterov": ("SGD", "flat", dict(lr=0.05, momentum=0.9, nesterov=True, maximize=True)),
    "sgd_groups": ("SGD", "groups", dict(lr=0.1, momentum=0.5)),
    "adamw": ("AdamW", "flat", dict(lr=0.1)),
    "adamw_ams": ("AdamW", "flat", dict(lr=0.05, weight_decay=0.1, amsgrad=True, maximize=True)),
    "adamw_groups": ("AdamW", "groups", dict(lr=0.1)),
}


def _run(cls_name, layout, kw, jit_step=False):
    net = _Net()
    if layout == "groups":
        params = [{"params": [net.w], "lr": 0.03, "weight_decay": 0.2}, {"params": [net.b]}]
    else:
        params = net.trainable_params()
    opt = getattr(mint.optim, cls_name)(params, **kw)

    def fwd(x, y):
        return ((net(x) - y) ** 2).mean()

    grad_fn = ms.value_and_grad(fwd, None, opt.parameters)

    def step(x, y):
        loss, g = grad_fn(x, y)
        opt(g)
        return loss

    if jit_step:
        step = ms.jit(step)
    traj = []
    for _ in range(3):
        loss = step(Tensor(NPZ["X"]), Tensor(NPZ["Y"]))
        traj.append(np.concatenate([net.w.asnumpy().ravel(), net.b.asnumpy().ravel(),
                                    [loss.asnumpy()]]))
    return np.stack(traj), opt


@pytest.mark.parametrize("case", sorted(OPT_CASES))
def test_optim_trajectory(case):
    cls_name, layout, kw = OPT_CASES[case]
    traj, opt = _run(cls_name, layout, kw)
    np.testing.assert_allclose(traj, NPZ["opt_" + case], rtol=1e-5, atol=1e-6)
    if "opt_names_" + case in META:
        assert [p.name for p in opt.get_parameters()] == META["opt_names_" + case]
        assert sorted(opt.param_groups[0].keys()) == META["opt_keys_" + case]


@pytest.mark.parametrize("case", ["adam_groups", "sgd_mom", "adamw_ams"])
def test_optim_trajectory_jit(case):
    cls_name, layout, kw = OPT_CASES[case]
    traj, _ = _run(cls_name, layout, kw, jit_step=True)
    np.testing.assert_allclose(traj, NPZ["opt_" + case], rtol=1e-5, atol=1e-6)


def test_fused_adamw_matches_adamw():
    traj, opt = _run("FusedAdamW", "groups", dict(lr=0.1, amsgrad=True))
    ref, _ = _run("AdamW", "groups", dict(lr=0.1, amsgrad=True))
    np.testing.assert_allclose(traj, ref, rtol=1e-6, atol=1e-7)
    assert [p.name for p in opt.get_parameters()][:2] == ["w", "b"]
    assert "max_exp_avg_sq" in opt.param_groups[1]
    net = _Net()
    with pytest.raises(ValueError, match="mixed amsgrad"):
        mint.optim.FusedAdamW([{"params": [net.w], "amsgrad": True}, {"params": [net.b]}])


def test_optim_state_and_errors():
    net = _Net()
    opt = mint.optim.AdamW(net.trainable_params())
    assert opt.state_step.asnumpy().tolist() == [-1.0]
    assert opt.param_groups[0]["lr"].name == "learning_rate_group_0"
    assert opt.param_groups[0]["weight_decay"] == 0.01
    with pytest.raises(TypeError, match="'betas'"):
        mint.optim.Adam(net.trainable_params(), betas=[0.9, 0.99])
    with pytest.raises(TypeError, match="'lr'"):
        mint.optim.Adam(net.trainable_params(), lr=1)
    with pytest.raises(ValueError, match="Invalid beta parameter at index 1"):
        mint.optim.AdamW(net.trainable_params(), betas=(0.9, 1.0))
    with pytest.raises(ValueError, match="nesterov"):
        mint.optim.SGD(net.trainable_params(), lr=0.1, nesterov=True)
    with pytest.raises(ValueError, match="more than one parameter group"):
        mint.optim.SGD([{"params": [net.w]}, {"params": [net.w, net.b]}], lr=0.1)
    sgd = mint.optim.SGD(net.trainable_params(), lr=0.1, momentum=0.9)
    assert sgd.step_t.asnumpy() == 0
    # changing a group's lr Parameter takes effect on the next (compiled) step
    adam = mint.optim.Adam([net.b], lr=0.1)
    g = (Tensor(np.ones(2, np.float32)),)
    adam(g)
    b1 = net.b.asnumpy().copy()
    adam.param_groups[0]["lr"].set_data(Tensor(np.float32(0.0)))
    adam(g)
    np.testing.assert_array_equal(net.b.asnumpy(), b1)
