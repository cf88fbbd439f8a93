"""Golden data for optimizers, LR schedules and train wrappers, made with real MindSpore 2.10.

Run with the MindSpore venv: ``/work/msvenv/bin/python tools/make_golden_optim.py``. Writes
``tests/golden/optim.npz`` (arrays) and ``tests/golden/optim.json`` (case list, lrs, names).

Each optimizer case: two Parameters ``w`` (2, 16) and ``b`` (3,) (or names given by the case),
three steps with fixed gradients; records params after every step, ``get_lr()`` before every
step, and every optimizer Parameter (state, global_step...) by name after the last step.
"""

import json
import os

import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")

rng = np.random.RandomState(1234)
P0 = {"w": rng.randn(2, 16).astype(np.float32), "b": rng.randn(3).astype(np.float32)}
GRADS = [{"w": rng.randn(2, 16).astype(np.float32), "b": rng.randn(3).astype(np.float32)}
         for _ in range(3)]

ARR = {"P0/w": P0["w"], "P0/b": P0["b"]}
for i, g in enumerate(GRADS):
    ARR[f"G{i}/w"] = g["w"]
    ARR[f"G{i}/b"] = g["b"]

# name -> python expression building the optimizer from `ps` (list [w, b]); evaluated both here
# and in the test (so it must only use nn.*, ps, Tensor, np).
CASES = {
    "Momentum": "nn.Momentum(ps, learning_rate=0.1, momentum=0.9)",
    "Momentum_nesterov_wd": "nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=0.01, "
                            "use_nesterov=True)",
    "Momentum_loss_scale": "nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=0.01, "
                           "loss_scale=4.0)",
    "SGD": "nn.SGD(ps, learning_rate=0.1)",
    "SGD_momentum_damp": "nn.SGD(ps, learning_rate=0.1, momentum=0.9, dampening=0.2)",
    "SGD_nesterov_wd": "nn.SGD(ps, learning_rate=0.1, momentum=0.9, nesterov=True, weight_decay=0.05)",
    "Adam": "nn.Adam(ps, learning_rate=0.01)",
    "Adam_wd": "nn.Adam(ps, learning_rate=0.01, weight_decay=0.1)",
    "Adam_nesterov": "nn.Adam(ps, learning_rate=0.01, use_nesterov=True)",
    "Adam_amsgrad": "nn.Adam(ps, learning_rate=0.01, use_amsgrad=True)",
    "Adam_lazy": "nn.Adam(ps, learning_rate=0.01, use_lazy=True)",
    "Adam_loss_scale": "nn.Adam(ps, learning_rate=0.01, loss_scale=8.0, weight_decay=0.01)",
    "AdamWeightDecay": "nn.AdamWeightDecay(ps, learning_rate=0.01, weight_decay=0.1)",
    "Lamb": "nn.Lamb(ps, learning_rate=0.01, weight_decay=0.01)",
    "LARS": "nn.LARS(nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=0.01), coefficient=0.001)",
    "RMSProp": "nn.RMSProp(ps, learning_rate=0.01)",
    "RMSProp_centered": "nn.RMSProp(ps, learning_rate=0.01, momentum=0.5, centered=True)",
    "Adagrad": "nn.Adagrad(ps, learning_rate=0.1)",
    "Adadelta": "nn.Adadelta(ps, learning_rate=1.0)",
    "AdaMax": "nn.AdaMax(ps, learning_rate=0.01)",
    "FTRL": "nn.FTRL(ps, learning_rate=0.01, l1=0.01, l2=0.02)",
    "ProximalAdagrad": "nn.ProximalAdagrad(ps, learning_rate=0.01, l1=0.01, l2=0.02)",
    "Rprop": "nn.Rprop(ps, learning_rate=0.1)",
    "ASGD": "nn.ASGD(ps, learning_rate=0.1, lambd=0.01, t0=1.0)",
    # parameter groups, dynamic learning rates
    "SGD_groups": ("nn.SGD([{'params': [ps[0]], 'lr': 0.2, 'weight_decay': 0.1}, {'params': [ps[1]]}], "
                   "learning_rate=0.05, momentum=0.5)"),
    "Momentum_order_params": ("nn.Momentum([{'params': [ps[0]], 'lr': 0.2}, {'params': [ps[1]]}, "
                              "{'order_params': [ps[1], ps[0]]}], learning_rate=0.05, momentum=0.5)"),
    "Momentum_list_lr": "nn.Momentum(ps, learning_rate=[0.1, 0.05, 0.01], momentum=0.9)",
    "Adam_cosine_cell": "nn.Adam(ps, learning_rate=nn.CosineDecayLR(0.001, 0.05, decay_steps=2))",
    "SGD_tensor_lr": "nn.SGD(ps, learning_rate=Tensor(np.array([0.3, 0.2, 0.1], np.float32)))",
    "Adam_group_dynamic": ("nn.Adam([{'params': [ps[0]], 'lr': nn.WarmUpLR(0.1, 2)}, {'params': [ps[1]], "
                           "'weight_decay': 0.01}], learning_rate=[0.01, 0.02, 0.03])"),
    "AdamWeightDecay_groups": ("nn.AdamWeightDecay([{'params': [ps[0]], 'weight_decay': 0.1}, "
                               "{'params': [ps[1]], 'weight_decay': 0.0, 'lr': 0.05}], learning_rate=0.01)"),
    "Momentum_dyn_wd": "nn.Momentum(ps, learning_rate=0.1, momentum=0.9, weight_decay=nn.WarmUpLR(0.02, 2))",
}
NAMES = {"AdamWeightDecay_beta": ("w", "ln.beta")}
CASES["AdamWeightDecay_beta"] = "nn.AdamWeightDecay(ps, learning_rate=0.01, weight_decay=0.1)"


def lr_values(lr):
    if isinstance(lr, (tuple, list)):
        return [float(np.asarray(x.asnumpy()).reshape(-1)[0]) for x in lr]
    return [float(np.asarray(lr.asnumpy()).reshape(-1)[0])]


def run_case(name, expr):
    names = NAMES.get(name, ("w", "b"))
    ps = [Parameter(Tensor(P0["w"].copy()), name=names[0]), Parameter(Tensor(P0["b"].copy()), name=names[1])]
    opt = eval(expr)  # noqa: S307
    lrs = []
    for i, g in enumerate(GRADS):
        lrs.append(lr_values(opt.get_lr()))
        by_id = {id(ps[0]): g["w"], id(ps[1]): g["b"]}
        opt(tuple(Tensor(by_id[id(p)]) for p in opt.parameters))
        ARR[f"{name}/step{i}/w"] = ps[0].asnumpy().copy()
        ARR[f"{name}/step{i}/b"] = ps[1].asnumpy().copy()
    state = []
    for pname, p in opt.parameters_and_names():
        if p is ps[0] or p is ps[1]:
            continue
        key = f"{name}/state/{pname}"
        ARR[key] = p.asnumpy().copy()
        state.append([pname, p.name, str(p.dtype), list(p.shape)])
    return {"expr": expr, "names": list(names), "lrs": lrs, "state": state,
            "param_order": [p.name for p in opt.parameters],
            "flags": [bool(opt.is_group), bool(opt.is_group_lr), bool(opt.dynamic_lr)]}


def lr_schedules():
    out = {}
    out["cosine_decay_lr"] = nn.cosine_decay_lr(0.01, 0.1, 12, 3, 4)
    out["exponential_decay_lr"] = nn.exponential_decay_lr(0.1, 0.9, 8, 2, 1)
    out["exponential_decay_lr_stair"] = nn.exponential_decay_lr(0.1, 0.9, 8, 2, 3, True)
    out["natural_exp_decay_lr"] = nn.natural_exp_decay_lr(0.1, 0.9, 8, 2, 2)
    out["natural_exp_decay_lr_stair"] = nn.natural_exp_decay_lr(0.1, 0.9, 8, 2, 2, True)
    out["inverse_decay_lr"] = nn.inverse_decay_lr(0.1, 0.5, 8, 2, 2)
    out["inverse_decay_lr_stair"] = nn.inverse_decay_lr(0.1, 0.5, 8, 2, 2, True)
    out["polynomial_decay_lr"] = nn.polynomial_decay_lr(0.1, 0.01, 8, 2, 2, 0.5)
    out["polynomial_decay_lr_update"] = nn.polynomial_decay_lr(0.1, 0.01, 10, 2, 2, 0.5, True)
    out["piecewise_constant_lr"] = nn.piecewise_constant_lr([2, 5, 10], [0.1, 0.05, 0.01])
    out["warmup_lr"] = nn.warmup_lr(0.1, 6, 2, 2)
    cells = {
        "ExponentialDecayLR": nn.ExponentialDecayLR(0.1, 0.9, 4),
        "ExponentialDecayLR_stair": nn.ExponentialDecayLR(0.1, 0.9, 4, True),
        "NaturalExpDecayLR": nn.NaturalExpDecayLR(0.1, 0.9, 4),
        "NaturalExpDecayLR_stair": nn.NaturalExpDecayLR(0.1, 0.9, 4, True),
        "InverseDecayLR": nn.InverseDecayLR(0.1, 0.5, 4),
        "InverseDecayLR_stair": nn.InverseDecayLR(0.1, 0.5, 4, True),
        "CosineDecayLR": nn.CosineDecayLR(0.01, 0.1, 4),
        "PolynomialDecayLR": nn.PolynomialDecayLR(0.1, 0.01, 4, 0.5),
        "PolynomialDecayLR_update": nn.PolynomialDecayLR(0.1, 0.01, 4, 0.5, True),
        "WarmUpLR": nn.WarmUpLR(0.1, 3),
    }
    for k, c in cells.items():
        vals = []
        for s in range(0, 10):
            r = c(Tensor(s, ms.int32))
            vals.append(float(r.asnumpy()))
        out["cell_" + k] = vals
        out["cell_dtype_" + k] = str(c(Tensor(1, ms.int32)).dtype)
    return out


def wrappers():
    """A tiny linear net: TrainOneStepCell / loss-scale cell losses and weights."""
    out = {}

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.weight = Parameter(Tensor(P0["w"][:1, :4].copy()), name="weight")
            self.bias = Parameter(Tensor(np.array([0.1], np.float32)), name="bias")

        def construct(self, x):
            return ms.ops.matmul(x, self.weight.T) + self.bias

    class MSE(nn.Cell):
        def construct(self, a, b):
            return ((a - b) ** 2).mean()

    x = Tensor(rng.randn(5, 4).astype(np.float32))
    y = Tensor(rng.randn(5, 1).astype(np.float32))
    ARR["wrap/x"] = x.asnumpy()
    ARR["wrap/y"] = y.asnumpy()
    for case, build in {
        "train_momentum": lambda n: nn.TrainOneStepCell(nn.WithLossCell(n, MSE()),
                                                        nn.Momentum(n.trainable_params(), 0.1, 0.9)),
        "train_sens": lambda n: nn.TrainOneStepCell(nn.WithLossCell(n, MSE()),
                                                    nn.SGD(n.trainable_params(), 0.1), sens=2.0),
        "train_lossscale_fixed": lambda n: nn.TrainOneStepWithLossScaleCell(
            nn.WithLossCell(n, MSE()), nn.Adam(n.trainable_params(), 0.01),
            scale_sense=Tensor(np.float32(1024.0))),
        "train_lossscale_dynamic": lambda n: nn.TrainOneStepWithLossScaleCell(
            nn.WithLossCell(n, MSE()), nn.Adam(n.trainable_params(), 0.01),
            scale_sense=nn.DynamicLossScaleUpdateCell(loss_scale_value=2.0 ** 10, scale_factor=2,
                                                      scale_window=2)),
    }.items():
        net = Net()
        tr = build(net)
        losses = []
        extra = []
        try:
            tr(x, y)  # probe: loss-scale cells need NPU float status ops (no CPU kernel in 2.10)
        except RuntimeError as e:
            out[case] = {"error": str(e).splitlines()[3][:200]}
            continue
        net = Net()
        tr = build(net)
        for _ in range(4):
            r = tr(x, y)
            if isinstance(r, tuple):
                losses.append(float(r[0].asnumpy()))
                extra.append([bool(r[1].asnumpy()), float(r[2].asnumpy())])
            else:
                losses.append(float(r.asnumpy()))
        ARR[f"wrap/{case}/weight"] = net.weight.asnumpy()
        ARR[f"wrap/{case}/bias"] = net.bias.asnumpy()
        out[case] = {"losses": losses, "extra": extra,
                     "names": [n for n, _ in tr.parameters_and_names()]}
    # dynamic loss scale update cell on its own, overflow pattern
    upd = nn.DynamicLossScaleUpdateCell(loss_scale_value=16.0, scale_factor=2, scale_window=2)
    scale = Parameter(Tensor(16.0, ms.float32), name="scale_sense")
    seq = []
    for ov in (False, False, True, False, False, False, True, True):
        upd(scale, Tensor(ov))
        seq.append(float(scale.asnumpy()))
    out["dynamic_update_seq"] = seq
    # the loss scaler classes of mindspore.amp
    sc = ms.amp.DynamicLossScaler(scale_value=2 ** 10, scale_factor=2, scale_window=2)
    seq = []
    for fin in (True, True, False, True, True, True):
        sc.adjust(Tensor(fin))
        seq.append([float(sc.scale_value.asnumpy()), int(sc.counter.asnumpy())])
    out["dynamic_scaler_seq"] = seq
    out["all_finite"] = [bool(ms.amp.all_finite((Tensor(np.ones(3, np.float32)),)).asnumpy()),
                         bool(ms.amp.all_finite((Tensor(np.array([1, np.inf], np.float32)),)).asnumpy())]
    return out


def main():
    ms.set_context(mode=ms.GRAPH_MODE)
    meta = {"cases": {}}
    for name, expr in CASES.items():
        try:
            meta["cases"][name] = run_case(name, expr)
        except Exception as e:  # noqa: BLE001
            print("FAILED", name, type(e).__name__, str(e)[:400])
    meta["lr"] = lr_schedules()
    meta["wrap"] = wrappers()
    # list lr past the end
    ps = [Parameter(Tensor(P0["w"].copy()), name="w")]
    opt = nn.SGD(ps, learning_rate=[0.1, 0.2])
    err = None
    for i in range(3):
        try:
            opt((Tensor(GRADS[0]["w"]),))
        except Exception as e:  # noqa: BLE001
            err = [i, type(e).__name__, str(e)[:300]]
            break
    meta["list_lr_past_end"] = err
    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, "optim.npz"), **ARR)
    with open(os.path.join(OUT, "optim.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print("wrote", len(meta["cases"]), "optimizer cases")


if __name__ == "__main__":
    main()
