"""Goldens for mixed precision (tests/test_amp.py) from real MindSpore 2.10 (CPU).

Run from /tmp with the MindSpore venv:  /work/msvenv/bin/python /work/main/tools/make_golden_amp.py
Writes tests/golden/amp.npz (arrays) and tests/golden/amp.json (dtypes, errors).
For each of GRAPH_MODE and PYNATIVE_MODE:
- to_float: dtypes of a to_float(float16) cell's results (parameter product, in-construct constants);
- fwd_<net>_<level>: auto_mixed_precision(net, level) forward outputs and dtypes (eval mode);
- o1_prim: O1 casts around a white-listed Primitive attribute (ops.MatMul) but not ops.matmul;
- train_<net>_<level>: build_train_network(..., level, FixedLossScaleManager(128, False)) with
  Momentum(loss_scale=128): 3 steps (loss per step, then all Parameters);
- model_o2: Model(amp_level="O2", loss_scale_manager=FixedLossScaleManager(64, False)) train 1 epoch;
- errors: build_train_network(level="O2") with its default DynamicLossScaleManager on CPU.
"""

import json
import os
import sys

import numpy as np

import mindspore as ms
from mindspore import Parameter, Tensor, amp, nn, ops
from mindspore.common import dtype as mstype

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")

rng = np.random.RandomState(0)
W1 = (rng.randn(16, 8) * 0.4).astype(np.float32)
B1 = (rng.randn(16) * 0.1).astype(np.float32)
W2 = (rng.randn(4, 16) * 0.3).astype(np.float32)
B2 = (rng.randn(4) * 0.1).astype(np.float32)
CW = (rng.randn(4, 1, 3, 3) * 0.3).astype(np.float32)
CB = (rng.randn(4) * 0.1).astype(np.float32)
DW = (rng.randn(3, 144) * 0.1).astype(np.float32)
XM = rng.randn(3, 6, 8).astype(np.float32)           # 3 batches of the MLP
YM = rng.randint(0, 4, (3, 6)).astype(np.int32)
XC = rng.randn(3, 4, 1, 6, 6).astype(np.float32)     # 3 batches of the CNN
YC = rng.randint(0, 3, (3, 4)).astype(np.int32)
XP = rng.randn(3, 5).astype(np.float32)
WP = rng.randn(5, 2).astype(np.float32)


class MLP(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(8, 16, weight_init=Tensor(W1), bias_init=Tensor(B1))
        self.bn = nn.BatchNorm1d(16)
        self.relu = nn.ReLU()
        self.fc2 = nn.Dense(16, 4, weight_init=Tensor(W2), bias_init=Tensor(B2))

    def construct(self, x):
        return self.fc2(self.relu(self.bn(self.fc1(x))))


class CNN(nn.Cell):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, pad_mode="same", has_bias=True, weight_init=Tensor(CW),
                              bias_init=Tensor(CB))
        self.bn = nn.BatchNorm2d(4)
        self.relu = nn.ReLU()
        self.flatten = nn.Flatten()
        self.fc = nn.Dense(144, 3, weight_init=Tensor(DW), bias_init="zeros")

    def construct(self, x):
        return self.fc(self.flatten(self.relu(self.bn(self.conv(x)))))


class ToFloat(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([1.1, 2.2, 3.3], np.float32)), name="w")

    def construct(self, x):
        a = x * self.w
        c = Tensor(np.array([0.1, 0.2, 0.3], np.float32))
        b = ops.ones(3, mstype.float32)
        return a, a + c, c * b, x


class PrimNet(nn.Cell):
    def __init__(self):
        super().__init__()
        self.mm = ops.MatMul()
        self.w = Parameter(Tensor(WP), name="w")

    def construct(self, x):
        return self.mm(x, self.w), ops.matmul(x, self.w), x * 1.0


def dt(x):
    return str(x.dtype)


def main():
    arrays, meta = {}, {}
    for mode_name, mode in (("graph", ms.GRAPH_MODE), ("pynative", ms.PYNATIVE_MODE)):
        ms.set_context(mode=mode)
        # to_float
        c = ToFloat().to_float(mstype.float16)
        outs = c(Tensor(np.array([1.0, 2.0, 3.0], np.float32)))
        meta[f"{mode_name}/to_float"] = [dt(o) for o in outs]
        for i, o in enumerate(outs):
            arrays[f"{mode_name}/to_float/{i}"] = o.asnumpy()
        # O1 primitive casting
        p = amp.auto_mixed_precision(PrimNet(), "O1")
        outs = p(Tensor(XP))
        meta[f"{mode_name}/o1_prim"] = [dt(o) for o in outs]
        for i, o in enumerate(outs):
            arrays[f"{mode_name}/o1_prim/{i}"] = o.asnumpy()
        # forward
        for name, cls, x in (("mlp", MLP, XM[0]), ("cnn", CNN, XC[0])):
            for level in ("O0", "O1", "O2", "O3"):
                net = amp.auto_mixed_precision(cls(), level)
                net.set_train(False)
                out = net(Tensor(x))
                meta[f"{mode_name}/fwd_{name}_{level}"] = dt(out)
                arrays[f"{mode_name}/fwd_{name}_{level}"] = out.asnumpy()
        # training with build_train_network
        for name, cls, xs, ys in (("mlp", MLP, XM, YM), ("cnn", CNN, XC, YC)):
            for level in ("O0", "O1", "O2", "O3"):
                net = cls()
                loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
                opt = nn.Momentum(net.trainable_params(), 0.1, 0.9, loss_scale=128.0)
                lsm = amp.FixedLossScaleManager(128.0, drop_overflow_update=False)
                train = amp.build_train_network(net, opt, loss, level=level, loss_scale_manager=lsm)
                losses, ldt = [], None
                for i in range(3):
                    out = train(Tensor(xs[i]), Tensor(ys[i]))
                    losses.append(out.asnumpy())
                    ldt = dt(out)
                key = f"{mode_name}/train_{name}_{level}"
                meta[key] = {"loss_dtype": ldt, "params": {}}
                arrays[key + "/loss"] = np.array(losses)
                for p_ in net.get_parameters():
                    arrays[f"{key}/{p_.name}"] = p_.asnumpy()
                    meta[key]["params"][p_.name] = dt(p_)
        # Model(amp_level="O2")
        net = MLP()
        loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
        opt = nn.Momentum(net.trainable_params(), 0.05, 0.9, loss_scale=64.0)
        model = ms.Model(net, loss, opt, amp_level="O2",
                         loss_scale_manager=amp.FixedLossScaleManager(64.0, drop_overflow_update=False))
        ds = ms.dataset.NumpySlicesDataset({"x": XM.reshape(-1, 8), "y": YM.reshape(-1)}, shuffle=False)
        ds = ds.batch(6)
        model.train(1, ds, dataset_sink_mode=False)
        for p_ in net.get_parameters():
            arrays[f"{mode_name}/model_o2/{p_.name}"] = p_.asnumpy()
        # errors
        try:
            amp.build_train_network(MLP(), nn.Momentum(MLP().trainable_params(), 0.1, 0.9),
                                    nn.MSELoss(), level="O2")
            meta[f"{mode_name}/err_o2_cpu"] = None
        except Exception as e:  # noqa: BLE001
            meta[f"{mode_name}/err_o2_cpu"] = [type(e).__name__, str(e)]
    np.savez(os.path.join(OUT, "amp.npz"), **arrays)
    with open(os.path.join(OUT, "amp.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    print("wrote", len(arrays), "arrays")


if __name__ == "__main__":
    sys.exit(main())
