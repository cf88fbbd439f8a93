"""Callbacks: order, cb_params, LossMonitor output, ModelCheckpoint files, History, EarlyStopping,
ReduceLROnPlateau... compared with what real MindSpore 2.10 did on the same run (golden/train.json)."""

import json
import os
import re

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor
from mindspore_jax.train import (Callback, CheckpointConfig, EarlyStopping, History, LambdaCallback,
                                 LearningRateScheduler, LossMonitor, Model, ModelCheckpoint,
                                 ReduceLROnPlateau, RunContext, SummaryCollector, TimeMonitor)
from mindspore_jax.train.callback import _CallbackManager, _InternalCallbackParam
from mindspore_jax.train.metrics import MAE, Loss

from _train_nets import ArrayDataset, EvalNet, Net, X, make_step

GOLDEN = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "train.json")))["model"]
MODE_NAMES = {ms.GRAPH_MODE: "graph", ms.PYNATIVE_MODE: "pynative"}


class Recorder(Callback):
    """Records every on_* hook with the cb_params fields MindSpore's run was recorded with."""

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


def _model(net, metrics=True):
    kw = {}
    if metrics:
        kw = dict(eval_network=EvalNet(net), eval_indexes=[0, 1, 2], metrics={"mae": MAE(), "loss": Loss()})
    return Model(make_step(net), **kw)


def _parse(lines):
    out = []
    for line in lines:
        m = re.fullmatch(r"epoch: (\d+) step: (\d+), loss is (\S+)", line)
        if m:
            out.append(("loss", int(m.group(1)), int(m.group(2)), float(m.group(3))))
            continue
        m = re.fullmatch(r"Eval result: epoch (\d+), metrics: \{'mae': (\S+), 'loss': (\S+)\}", line)
        assert m, line
        out.append(("eval", int(m.group(1)), float(m.group(2)), float(m.group(3))))
    return out


def test_fit_callback_order_cb_params_and_loss_monitor(mode, capsys):
    gold = GOLDEN[MODE_NAMES[mode]]
    net = Net()
    model = _model(net)
    rec = Recorder()
    model.fit(2, ArrayDataset(), valid_dataset=ArrayDataset(batch_size=6), callbacks=[rec, LossMonitor(2)])
    assert rec.events == gold["events"]
    assert rec.keys == gold["keys"]
    got, exp = _parse(capsys.readouterr().out.splitlines()), _parse(gold["stdout"])
    head = lambda t: t[:3] if t[0] == "loss" else t[:2]
    assert [head(g) for g in got] == [head(e) for e in exp]
    np.testing.assert_allclose([g[3:] for g in got if g[0] == "loss"], [e[3:] for e in exp if e[0] == "loss"],
                               rtol=1e-5)
    np.testing.assert_allclose([g[2:] for g in got if g[0] == "eval"], [e[2:] for e in exp if e[0] == "eval"],
                               rtol=1e-5)
    np.testing.assert_allclose(net.w.asnumpy(), gold["w"], rtol=1e-5)
    np.testing.assert_allclose(net.b.asnumpy(), gold["b"], rtol=1e-5)
    ev = model.eval(ArrayDataset(batch_size=6))
    assert [type(v).__name__ for v in ev.values()] == ["float64", "float64"]
    np.testing.assert_allclose(list(ev.values()), gold["eval"], rtol=1e-5)
    np.testing.assert_allclose(Model(net).predict(Tensor(X[:3])).asnumpy(), gold["predict"], rtol=1e-5)


def test_loss_monitor_format_and_nan(capsys):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    cb = _InternalCallbackParam(cur_epoch_num=3, cur_step_num=7, batch_num=5, dataset_sink_mode=False,
                                net_outputs=Tensor(np.array([0.25, 0.75], np.float32)))
    LossMonitor().on_train_step_end(RunContext(cb))
    assert capsys.readouterr().out == "epoch: 3 step: 2, loss is 0.5\n"
    cb.net_outputs = (Tensor(np.float32(1.5)), Tensor(False))  # tuples print their first Tensor
    cb.cur_step_num = 8
    LossMonitor().on_train_step_end(RunContext(cb))
    assert capsys.readouterr().out == "epoch: 3 step: 3, loss is 1.5\n"
    cb.net_outputs = Tensor(np.float32(np.nan))
    with pytest.raises(ValueError, match="In epoch: 3 step: 3, loss is NAN or INF"):
        LossMonitor().on_train_step_end(RunContext(cb))
    with pytest.raises(ValueError):
        LossMonitor(-1)


def test_model_checkpoint_naming_keep_max_and_suffix(tmp_path):
    from mindspore_jax.train.serialization import load_checkpoint

    ms.set_context(mode=ms.PYNATIVE_MODE)
    got = []
    for _ in range(2):
        net = Net()
        cfg = CheckpointConfig(save_checkpoint_steps=4, keep_checkpoint_max=3)
        ck = ModelCheckpoint(prefix="net", directory=str(tmp_path), config=cfg)
        Model(make_step(net)).train(3, ArrayDataset(), callbacks=[ck])
        got.append(sorted(os.listdir(tmp_path)))
        got.append(os.path.basename(ck.latest_ckpt_file_name))
    assert got == GOLDEN["ckpt_files"]
    params = load_checkpoint(os.path.join(tmp_path, "net_1-3_6.ckpt"))
    w = [v for k, v in params.items() if k.endswith("w")]
    np.testing.assert_allclose(w[0].asnumpy(), net.w.asnumpy())


def test_checkpoint_config_checks_and_append_info(tmp_path):
    with pytest.raises(ValueError):
        CheckpointConfig(save_checkpoint_steps=0, keep_checkpoint_max=0)
    with pytest.raises(ValueError):
        ModelCheckpoint(prefix="a/b")
    with pytest.raises(TypeError):
        ModelCheckpoint(config={"x": 1})
    cfg = CheckpointConfig(save_checkpoint_steps=None, save_checkpoint_seconds=100, keep_checkpoint_max=2,
                           append_info=["epoch_num", "step_num", {"lr": 0.5}])
    assert cfg.save_checkpoint_seconds == 100
    assert cfg.append_dict == {"epoch_num": 0, "step_num": 0, "lr": 0.5}
    cfg = CheckpointConfig(save_checkpoint_steps=3, save_checkpoint_seconds=9)
    assert cfg.save_checkpoint_seconds is None
    with pytest.raises(ValueError):
        CheckpointConfig(append_info=["foo"])

    from mindspore_jax.train.serialization import load_checkpoint

    ms.set_context(mode=ms.PYNATIVE_MODE)
    cfg = CheckpointConfig(save_checkpoint_steps=6, append_info=["epoch_num", "step_num"])
    ck = ModelCheckpoint(prefix="p", directory=str(tmp_path / "sub"), config=cfg)
    Model(make_step(Net())).train(2, ArrayDataset(), callbacks=ck)
    assert sorted(os.listdir(tmp_path / "sub")) == ["p-1_6.ckpt", "p-2_6.ckpt"]
    loaded = load_checkpoint(str(tmp_path / "sub" / "p-2_6.ckpt"))
    assert int(loaded["epoch_num"].asnumpy()) == 2 and int(loaded["step_num"].asnumpy()) == 12


def test_history_and_early_stopping():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    hist = History()
    stop = EarlyStopping(monitor="loss", patience=1, min_delta=10.0)
    seen = []
    lam = LambdaCallback(on_train_epoch_end=lambda rc: seen.append(rc.original_args().cur_epoch_num))
    Model(make_step(Net())).train(5, ArrayDataset(), callbacks=[hist, stop, lam])
    assert seen == GOLDEN["early_stop_epochs"] and stop.stopped_epoch == GOLDEN["stopped_epoch"]
    assert hist.epoch == {"epoch": seen}
    np.testing.assert_allclose(hist.history["net_output"], GOLDEN["history"]["net_output"], rtol=1e-5)
    with pytest.raises(ValueError):
        EarlyStopping(mode="sideways")


def test_request_stop_and_old_style_callbacks():
    ms.set_context(mode=ms.PYNATIVE_MODE)

    class StopAt3(Callback):
        def __init__(self):
            super().__init__()
            self.calls = []

        def begin(self, rc):
            self.calls.append("begin")

        def step_end(self, rc):
            self.calls.append(rc.original_args().cur_step_num)
            if rc.original_args().cur_step_num == 3:
                rc.request_stop()

        def end(self, rc):
            self.calls.append("end")

    cb = StopAt3()
    Model(make_step(Net())).train(4, ArrayDataset(), callbacks=cb)
    assert cb.calls == ["begin", 1, 2, 3, "end"]
    with pytest.raises(TypeError):
        _CallbackManager([cb, 3])
    with pytest.raises(TypeError):
        RunContext([1])


def test_callback_context_managers_enter_and_exit():
    log = []

    class Ctx(Callback):
        def __enter__(self):
            log.append("enter")
            return self

        def __exit__(self, *err):
            log.append("exit")

    ms.set_context(mode=ms.PYNATIVE_MODE)
    Model(make_step(Net())).train(1, ArrayDataset(), callbacks=[Ctx()])
    assert log == ["enter", "exit"]


def test_time_monitor_prints(capsys):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    Model(make_step(Net())).train(1, ArrayDataset(), callbacks=[TimeMonitor()])
    out = capsys.readouterr().out
    assert re.fullmatch(r"Train epoch time: \d+\.\d{3} ms, per step time: \d+\.\d{3} ms\n", out), out


class _Opt:
    def __init__(self, lr):
        self.learning_rate = Parameter(Tensor(np.float32(lr)), name="learning_rate")


def test_reduce_lr_on_plateau_and_lr_scheduler(capsys):
    opt = _Opt(0.1)
    cb = ReduceLROnPlateau(monitor="eval_loss", factor=0.5, patience=1, verbose=True, min_lr=0.03)
    params = _InternalCallbackParam(optimizer=opt, cur_epoch_num=1, eval_results={"eval_loss": 1.0})
    rc = RunContext(params)
    cb.on_train_begin(rc)
    cb.on_train_epoch_end(rc)  # improvement from inf
    params.cur_epoch_num = 2
    cb.on_train_epoch_end(rc)  # no improvement -> 0.05
    assert opt.learning_rate.asnumpy() == pytest.approx(0.05)
    params.cur_epoch_num = 3
    cb.on_train_epoch_end(rc)  # -> max(0.025, 0.03)
    assert opt.learning_rate.asnumpy() == pytest.approx(0.03)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Epoch 00002: ReduceLROnPlateau reducing learning rate to 0.05")
    with pytest.raises(ValueError):
        ReduceLROnPlateau(factor=1.5)

    sched = LearningRateScheduler(lambda lr, step: lr * 0.5 if step % 2 == 0 else lr)
    opt = _Opt(0.2)
    params = _InternalCallbackParam(optimizer=opt, cur_step_num=2)
    sched.on_train_step_end(RunContext(params))
    assert opt.learning_rate.asnumpy() == pytest.approx(0.1)


def test_summary_collector_writes_summary_file(tmp_path):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    sc = SummaryCollector(str(tmp_path / "summary"), collect_freq=1)
    Model(make_step(Net())).train(1, ArrayDataset(), callbacks=[sc])
    assert len(list((tmp_path / "summary").glob("events.out.events.summary.*_MS"))) == 1


def test_exception_save_writes_breakpoint(tmp_path):
    ms.set_context(mode=ms.PYNATIVE_MODE)

    class Boom(Callback):
        def on_train_step_end(self, rc):
            if rc.original_args().cur_step_num == 3:
                raise RuntimeError("boom")

    cfg = CheckpointConfig(save_checkpoint_steps=100, exception_save=True)
    ck = ModelCheckpoint(prefix="ex", directory=str(tmp_path), config=cfg)
    with pytest.raises(RuntimeError, match="boom"):
        Model(make_step(Net())).train(1, ArrayDataset(), callbacks=[ck, Boom()])
    assert os.listdir(tmp_path) == ["ex-1_3_breakpoint.ckpt"]
