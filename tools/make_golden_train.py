"""Writes tests/golden/train.json with real MindSpore 2.10: metric values, callback order and
cb_params, LossMonitor lines, ModelCheckpoint file names. Run with the MindSpore venv:

    /work/msvenv/bin/python tools/make_golden_train.py
"""
import contextlib
import io
import json
import os
import sys
import tempfile

import numpy as np
import mindspore as ms
import mindspore.dataset as ds
from mindspore import nn, Tensor, Parameter
from mindspore.train import (Model, Callback, LossMonitor, ModelCheckpoint, CheckpointConfig, History,
                             LambdaCallback, EarlyStopping)
from mindspore.train import metrics as M

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "golden", "train.json")


sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
from _train_metric_cases import cases, make_inputs, run_case, to_json, type_name  # noqa: E402

tolist = to_json
_type_name = type_name


def metric_cases():
    inputs = make_inputs()
    out, types = {}, {}
    for name, metric, updates, kw in cases(M, Tensor, inputs):
        r = run_case(metric, updates, kw)
        out[name] = to_json(r)
        types[name] = type_name(r)
    fpr, tpr, _ = M.ROC(pos_label=1)(Tensor(inputs["bin_p"]), Tensor(inputs["bin_y"]))
    out["auc"] = float(M.auc(fpr, tpr))
    out["names"] = M.names()
    out["_types"] = types
    return out


# --- Model / callbacks --------------------------------------------------------------------------
X = np.random.RandomState(0).randn(24, 2).astype(np.float32)
Y = (X @ np.array([[1.0], [2.0]], np.float32) + 0.5).astype(np.float32)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([[0.5], [-0.3]], np.float32)), name="w")
        self.b = Parameter(Tensor(np.zeros((1,), np.float32)), name="b")

    def construct(self, x):
        return ms.ops.matmul(x, self.w) + self.b


class Recorder(Callback):
    def __init__(self):
        super().__init__()
        self.events = []
        self.keys = {}

    def _rec(self, name, rc):
        cb = rc.original_args()
        self.keys.setdefault(name, sorted(cb.keys()))
        self.events.append([name, cb.get("cur_epoch_num"), cb.get("cur_step_num"), cb.get("batch_num"),
                            cb.get("epoch_num"), cb.get("mode"), cb.get("dataset_sink_mode")])

    def __getattribute__(self, name):
        if name.startswith("on_"):
            return lambda rc: self._rec(name, rc)
        return object.__getattribute__(self, name)


def make_ds(bs=4):
    return ds.NumpySlicesDataset({"x": X, "y": Y}, shuffle=False).batch(bs)


def model_cases():
    out = {}
    for mode_name, mode in (("graph", ms.GRAPH_MODE), ("pynative", ms.PYNATIVE_MODE)):
        ms.set_context(mode=mode)
        net = Net()
        opt = nn.SGD(net.trainable_params(), learning_rate=0.1)
        model = Model(net, loss_fn=nn.MSELoss(), optimizer=opt, metrics={"mae": M.MAE(), "loss": M.Loss()})
        rec = Recorder()
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            model.fit(2, make_ds(), valid_dataset=make_ds(6), callbacks=[rec, LossMonitor(2)])
        r = {"events": rec.events, "keys": rec.keys, "stdout": buf.getvalue().splitlines(),
             "w": tolist(net.w.asnumpy()), "b": tolist(net.b.asnumpy())}
        ev = model.eval(make_ds(6))
        r["eval"] = tolist(list(ev.values()))
        r["eval_types"] = [_type_name(v) for v in ev.values()]
        r["predict"] = tolist(model.predict(Tensor(X[:3])).asnumpy())
        out[mode_name] = r
    # ModelCheckpoint naming, keep_checkpoint_max and the _1 suffix
    ms.set_context(mode=ms.PYNATIVE_MODE)
    with tempfile.TemporaryDirectory() as d:
        names = []
        for _ in range(2):
            net = Net()
            model = Model(net, loss_fn=nn.MSELoss(), optimizer=nn.SGD(net.trainable_params(), 0.1))
            cfg = CheckpointConfig(save_checkpoint_steps=4, keep_checkpoint_max=3)
            ck = ModelCheckpoint(prefix="net", directory=d, config=cfg)
            model.train(3, make_ds(), callbacks=[ck])
            names.append(sorted(f for f in os.listdir(d) if not f.endswith(".meta")))
            names.append(os.path.basename(ck.latest_ckpt_file_name))
        out["ckpt_files"] = names
    # History / early stopping on loss
    net = Net()
    model = Model(net, loss_fn=nn.MSELoss(), optimizer=nn.SGD(net.trainable_params(), 0.1))
    hist = History()
    stop = EarlyStopping(monitor="loss", patience=1, min_delta=10.0)
    seen = []
    lam = LambdaCallback(on_train_epoch_end=lambda rc: seen.append(rc.original_args().cur_epoch_num))
    model.train(5, make_ds(), callbacks=[hist, stop, lam])
    out["history"] = {k: tolist(v) for k, v in hist.history.items()}
    out["early_stop_epochs"] = seen
    out["stopped_epoch"] = stop.stopped_epoch
    return out


def main():
    golden = {"metrics": metric_cases(), "model": model_cases(),
              "mindspore": ms.__version__}
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=0, sort_keys=True)
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
