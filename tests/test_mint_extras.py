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


# --- mint.nn.functional extras (MindSpore 2.10 has no CPU kernels: numpy references) ----------
def _np_norm(a, p, dim):
    if p == float("inf"):
        return np.abs(a).max(axis=dim, keepdims=True)
    return (np.abs(a) ** p).sum(axis=dim, keepdims=True) ** (1.0 / p)


@pytest.mark.parametrize("p,dim,eps", [(2.0, 1, 1e-12), (1.0, 0, 1e-12), (float("inf"), -1, 0.5)])
def test_normalize(p, dim, eps):
    a = NPZ["A"]
    out = mint.nn.functional.normalize(Tensor(a), p=p, dim=dim, eps=eps)
    ref = a / np.maximum(_np_norm(a, p, dim), eps)
    np.testing.assert_allclose(out.asnumpy(), ref, rtol=1e-5, atol=1e-6)


def test_normalize_doc_example():
    t = Tensor(np.arange(9, dtype=np.float32).reshape(3, 3))
    np.testing.assert_allclose(mint.nn.functional.normalize(t).asnumpy(),
                               [[0.0, 0.4472, 0.8944], [0.4243, 0.5657, 0.7071],
                                [0.4915, 0.5735, 0.6554]], atol=1e-4)


def _sig(a):
    return 1 / (1 + np.exp(-a))


INPLACE = {
    "relu_": (lambda t: mint.nn.functional.relu_(t), lambda a: np.maximum(a, 0)),
    "sigmoid_": (lambda t: mint.nn.functional.sigmoid_(t), _sig),
    "elu_": (lambda t: mint.nn.functional.elu_(t, 0.7), lambda a: np.where(a > 0, a, 0.7 * np.expm1(a))),
    "inplace_elu": (lambda t: mint.nn.functional.inplace_elu(t), lambda a: np.where(a > 0, a, np.expm1(a))),
    "hardtanh_": (lambda t: mint.nn.functional.hardtanh_(t, -0.5, 0.8), lambda a: np.clip(a, -0.5, 0.8)),
    "threshold_": (lambda t: mint.nn.functional.threshold_(t, 0.1, 20.0),
                   lambda a: np.where(a > 0.1, a, 20.0)),
    "inplace_silu": (lambda t: mint.nn.functional.inplace_silu(t), lambda a: a * _sig(a)),
}


@pytest.mark.parametrize("name", sorted(INPLACE))
def test_inplace_activations(name):
    fn, ref = INPLACE[name]
    a = NPZ["A"]
    t = Tensor(a.copy())
    r = fn(t)
    assert r is t
    np.testing.assert_allclose(t.asnumpy(), ref(a), rtol=1e-5, atol=1e-6)


def test_inplace_on_parameter_in_jit():
    p = Parameter(Tensor(np.array([-1.0, 2.0, 3.0], np.float32)), "p")

    @ms.jit
    def f():
        mint.nn.functional.hardtanh_(p, -0.5, 2.5)
        return p * 1

    np.testing.assert_allclose(f().asnumpy(), [-0.5, 2.0, 2.5])
    np.testing.assert_allclose(p.asnumpy(), [-0.5, 2.0, 2.5])


def test_mint_aliases():
    x = Tensor(NPZ["A"])
    np.testing.assert_array_equal(mint.flatten_ext(x, 1).shape, (2, 12))
    np.testing.assert_allclose(mint.softmax_ext(x).asnumpy(), mint.softmax(x, 0).asnumpy())  # ndim 3 -> dim 0
    np.testing.assert_allclose(mint.special.log_softmax(x, 1).asnumpy(),
                               mint.nn.functional.log_softmax(x, 1).asnumpy())
    logits = Tensor(np.array([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]], np.float32))
    tgt = Tensor(np.array([1, 2], np.int32))
    lp = logits.asnumpy() - np.log(np.exp(logits.asnumpy()).sum(1, keepdims=True))
    np.testing.assert_allclose(mint.nn.cross_entropy(logits, tgt).asnumpy(), -lp[[0, 1], [1, 2]].mean(),
                               rtol=1e-5)
    assert mint.conv2d is mint.nn.functional.conv2d
    a = Tensor(np.ones((2, 2), np.float32))
    r = mint.addr_(a, Tensor(np.array([1.0, 2.0], np.float32)), Tensor(np.array([3.0, 4.0], np.float32)),
                   beta=2)
    assert r is a
    np.testing.assert_allclose(a.asnumpy(), 2 + np.outer([1, 2], [3, 4]))


# --- mint.distributed / ops communication functionals (one process) ---------------------------
@pytest.fixture
def world():
    from mindspore_jax.communication import management

    gc = management.GlobalComm
    was = gc.INITED, gc.BACKEND, gc.WORLD_COMM_GROUP
    d = mint.distributed
    d.init_process_group()
    yield d
    d.destroy_process_group()
    assert not gc.INITED
    gc.BACKEND, gc.WORLD_COMM_GROUP = was[1], was[2]
    if was[0]:
        management.init(was[1])


@pytest.fixture
def no_world():
    from mindspore_jax.communication import management

    gc = management.GlobalComm
    was = gc.INITED, gc.BACKEND, gc.WORLD_COMM_GROUP
    management.release()
    gc.BACKEND, gc.WORLD_COMM_GROUP = "hccl", management.HCCL_WORLD_COMM_GROUP  # fresh process
    yield mint.distributed
    gc.BACKEND, gc.WORLD_COMM_GROUP = was[1], was[2]
    if was[0]:
        management.init(was[1])


def test_dist_signatures_match_mindspore():
    import inspect

    sigs = META["dist_signatures"]
    for name, sig in sigs.items():
        ours = getattr(mint.distributed, name)
        assert str(inspect.signature(ours)) == sig, name
        if name not in ("gather", "scatter", "TCPStore"):
            assert getattr(ops, name) is ours, name


def test_dist_before_init(no_world):
    d = no_world
    ref = META["dist_not_inited"]
    assert d.get_rank() == ref["get_rank"] and d.get_world_size() == ref["get_world_size"]
    assert d.is_initialized() is False and d.is_available() is True
    assert d.get_backend() == ref["get_backend"] and d.new_group() == ref["new_group"]
    with pytest.raises(RuntimeError, match="not initialized"):
        d.all_reduce(Tensor(np.ones(2, np.float32)))


def test_dist_collectives_identity(world):
    d = world
    assert d.is_initialized() and d.get_rank() == 0 and d.get_world_size() == 1
    t = Tensor(np.arange(4, dtype=np.float32))
    for op in ("sum", "avg", "max", "min", "prod"):
        assert d.all_reduce(t, op) is None
    h = d.all_reduce(t, async_op=True)
    assert h.wait() is None
    np.testing.assert_array_equal(t.asnumpy(), np.arange(4))
    assert d.broadcast(t, 0) is None and d.reduce(t, 0) is None and d.barrier() is None
    out = Tensor(np.zeros(4, np.float32))
    d.all_gather_into_tensor(out, t * 2)
    np.testing.assert_array_equal(out.asnumpy(), np.arange(4) * 2)
    lst = [Tensor(np.zeros(4, np.float32))]
    d.all_gather(lst, t)
    np.testing.assert_array_equal(lst[0].asnumpy(), np.arange(4))
    out2 = Tensor(np.zeros(4, np.float32))
    d.reduce_scatter(out2, [t + 1])
    np.testing.assert_array_equal(out2.asnumpy(), np.arange(4) + 1)
    out3 = Tensor(np.zeros(4, np.float32))
    d.all_to_all_single(out3, t * 3)
    np.testing.assert_array_equal(out3.asnumpy(), np.arange(4) * 3)
    objs = [None]
    d.all_gather_object(objs, {"a": 1})
    assert objs == [{"a": 1}]
    g = d.new_group([0])
    assert g == "hccl_1_b6589fc6ab0dc82cf12099d1c2d40ab994e8410c"
    assert d.get_process_group_ranks(g) == [0] and d.get_rank(g) == 0 and d.get_backend(g) == "hccl"
    assert d.get_global_rank(g, 0) == 0 and d.get_group_rank(g, 0) == 0
    assert d.new_group([0, 1]) == ""  # MindSpore logs the failure and returns ""


def test_dist_errors(world):
    d = world
    t = Tensor(np.ones(2, np.float32))
    with pytest.raises(TypeError, match="op value must be one of"):
        d.all_reduce(t, "mean")
    with pytest.raises(TypeError, match="must be tensor"):
        d.all_reduce(np.ones(2))
    with pytest.raises(ValueError, match="rank 1"):
        d.broadcast(t, 1)
    with pytest.raises(ValueError):
        d.send(t, 1)
    with pytest.raises(ValueError):
        d.recv(t, 0)
    with pytest.raises(TypeError, match="isend or irecv"):
        d.P2POp("send", t, 0)
    with pytest.raises(ValueError, match="Only support hccl"):
        d.init_process_group("nccl")
    with pytest.raises(ValueError):
        d.all_gather_into_tensor(Tensor(np.zeros(3, np.float32)), t)
