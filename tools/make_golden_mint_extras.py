"""Goldens for tests/test_mint_extras.py from real MindSpore 2.10 (CPU).

Run from /tmp:  /work/msvenv/bin/python /work/main/tools/make_golden_mint_extras.py
Writes tests/golden/mint_extras.{npz,json}.

mint.optim trajectories come from mindspore.experimental.optim (same formulas, runs on CPU):
on MindSpore 2.10 CPU, mint.optim.Adam/SGD run but do not move the parameters (their in-place
``Parameter.add_`` returns a new tensor without writing on CPU), and mint.optim.AdamW has no CPU
kernel. mint.optim.Adam(amsgrad=True) never stores its running max (MindSpore's composite
rebinds a local), so it is plain Adam: its golden is experimental Adam with amsgrad=False.
State names and param_group keys are taken from the real mint classes.
"""

import json
import os

import numpy as np

import mindspore as ms
from mindspore import Parameter, Tensor, mint, nn, ops
from mindspore.experimental import optim as xoptim

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "mint_extras")
rng = np.random.RandomState(0)
W0 = rng.randn(2, 3).astype(np.float32)
B0 = rng.randn(2).astype(np.float32)
X = rng.randn(4, 3).astype(np.float32)
Y = rng.randn(4, 2).astype(np.float32)
arrays = {"W0": W0, "B0": B0, "X": X, "Y": Y}
meta = {}


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(W0), "w")
        self.b = Parameter(Tensor(B0), "b")

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


def run_opt(cls_name, layout, kw, names_only=False):
    net = Net()
    if layout == "groups":
        params = [{"params": [net.w], "lr": 0.03, "weight_decay": 0.2}, {"params": [net.b]}]
    else:
        params = net.trainable_params()
    if names_only:
        opt = getattr(mint.optim, cls_name)(params, **kw)
        return None, [p.name for p in opt.get_parameters()], sorted(opt.param_groups[0].keys())
    if cls_name == "Adam" and kw.get("amsgrad"):
        kw = dict(kw, amsgrad=False)
    opt = getattr(xoptim, cls_name)(params, **kw)

    def fwd(x, y):
        return ((net(x) - y) ** 2).mean()

    grad_fn = ms.value_and_grad(fwd, None, opt.parameters)
    traj = []
    for _ in range(3):
        loss, g = grad_fn(Tensor(X), Tensor(Y))
        opt(g)
        traj.append(np.concatenate([net.w.asnumpy().ravel(), net.b.asnumpy().ravel(), [loss.asnumpy()]]))
    return np.stack(traj).astype(np.float32), None, None


for case, (cls_name, layout, kw) in OPT_CASES.items():
    traj, _, _ = run_opt(cls_name, layout, kw)
    arrays["opt_" + case] = traj
    if cls_name != "AdamW":
        _, names, keys = run_opt(cls_name, layout, kw, names_only=True)
        meta["opt_names_" + case] = names
        meta["opt_keys_" + case] = keys

# --- mint.nn.functional extras --------------------------------------------------------------
F = mint.nn.functional
A = rng.randn(2, 3, 4).astype(np.float32)
arrays["A"] = A
fn_cases = {
    "normalize": lambda t: F.normalize(t),
    "normalize_p1_dim0": lambda t: F.normalize(t, p=1.0, dim=0),
    "normalize_pinf": lambda t: F.normalize(t, p=float("inf"), dim=-1, eps=0.5),
    "elu_": lambda t: F.elu_(t, 0.7),
    "hardtanh_": lambda t: F.hardtanh_(t, -0.5, 0.8),
    "relu_": lambda t: F.relu_(t),
    "sigmoid_": lambda t: F.sigmoid_(t) if hasattr(F, "sigmoid_") else None,
    "threshold_": lambda t: F.threshold_(t, 0.1, 20.0),
}
for name, fn in fn_cases.items():
    t = Tensor(A.copy())
    try:
        r = fn(t)
        if r is not None:
            r.asnumpy()
    except Exception as e:  # noqa: BLE001
        meta["fn_err_" + name] = f"{type(e).__name__}: {str(e)[:200]}"
        continue
    if r is None:
        continue
    arrays["fn_" + name] = r.asnumpy()
    arrays["fn_inplace_" + name] = t.asnumpy()
    meta["fn_same_" + name] = r is t

# --- mint.distributed / ops comm functionals: signatures (a launched cluster is needed for values)
import inspect  # noqa: E402

from mindspore.mint import distributed as dist  # noqa: E402

sigs = {}
for name in dist.__all__:
    obj = getattr(dist, name)
    try:
        sigs[name] = str(inspect.signature(obj))
    except (TypeError, ValueError):
        continue
meta["dist_signatures"] = sigs
meta["dist_not_inited"] = {"get_rank": dist.get_rank(), "get_world_size": dist.get_world_size(),
                           "is_initialized": dist.is_initialized(), "is_available": dist.is_available(),
                           "get_backend": dist.get_backend(), "new_group": dist.new_group()}
meta["ops_comm_same"] = sorted(n for n in dist.__all__ if getattr(ops, n, None) is getattr(dist, n))

np.savez(OUT + ".npz", **arrays)
with open(OUT + ".json", "w") as f:
    json.dump(meta, f, indent=1, sort_keys=True)
print("wrote", OUT, len(arrays), "arrays")
