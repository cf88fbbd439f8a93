"""Model.train / eval / predict / fit, dataset sink mode (one compiled loop per sink chunk),
DatasetHelper, and the e02 example when the layers, losses, optimizers and dataset exist."""

import os
import subprocess
import sys

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor
from mindspore_jax.train import Callback, DatasetHelper, Model, connect_network_with_dataset
from mindspore_jax.train.metrics import MAE, Accuracy, Loss

from _train_nets import ArrayDataset, EvalNet, Net, X, Y, make_step, numpy_sgd

HERE = os.path.dirname(__file__)


class Steps(Callback):
    def __init__(self):
        super().__init__()
        self.steps, self.outputs = [], []

    def on_train_step_end(self, rc):
        cb = rc.original_args()
        self.steps.append((cb.cur_epoch_num, cb.cur_step_num, cb.dataset_sink_mode))
        self.outputs.append(float(cb.net_outputs.asnumpy()))


def test_train_matches_numpy_sgd(mode):
    net = Net()
    Model(make_step(net)).train(2, ArrayDataset())
    w, b = numpy_sgd(12)
    np.testing.assert_allclose(net.w.asnumpy(), w, rtol=1e-5)
    np.testing.assert_allclose(net.b.asnumpy(), b, rtol=1e-5)


@pytest.mark.parametrize("sink_size", [-1, 2, 4])
def test_sink_mode_same_weights_as_non_sink(mode, sink_size):
    """sink_size steps per epoch; the weights equal the same number of plain steps."""
    epochs = 3
    net_a, net_b = Net(), Net()
    ca, cb = Steps(), Steps()
    Model(make_step(net_a)).train(epochs, ArrayDataset(), callbacks=ca, dataset_sink_mode=True,
                                  sink_size=sink_size)
    steps = epochs * (6 if sink_size == -1 else sink_size)
    # the same number of plain steps: a dataset cut to the batches the sink consumed
    reps = -(-steps // 6)
    xs, ys = np.concatenate([X] * reps)[:steps * 4], np.concatenate([Y] * reps)[:steps * 4]
    Model(make_step(net_b)).train(1, ArrayDataset(xs, ys), callbacks=cb)
    # one scan vs separate steps: equal up to float reassociation (XLA fuses them differently)
    np.testing.assert_allclose(net_a.w.asnumpy(), net_b.w.asnumpy(), rtol=1e-5)
    np.testing.assert_allclose(net_a.b.asnumpy(), net_b.b.asnumpy(), rtol=1e-5)
    per_epoch = 6 if sink_size == -1 else sink_size
    if mode == ms.GRAPH_MODE:  # callbacks once per chunk, cur_step_num advancing by the chunk
        assert ca.steps == [(e + 1, (e + 1) * per_epoch, True) for e in range(epochs)]
        # net_outputs is the last step of each chunk
        np.testing.assert_allclose(ca.outputs, [cb.outputs[(e + 1) * per_epoch - 1] for e in range(epochs)],
                                   rtol=1e-5)
    else:  # PyNative sink runs (and reports) step by step, as MindSpore's PyNative sink does
        assert [s[1] for s in ca.steps] == list(range(1, steps + 1))


def test_sink_mode_compiles_once_and_handles_short_batches():
    ms.set_context(mode=ms.GRAPH_MODE)
    net = Net()
    model = Model(make_step(net))
    # 22 rows, batch 4 -> 5 full batches and a short one (drop_remainder=False): two groups
    ds = ArrayDataset(X[:22], Y[:22])
    ds.get_dataset_size = lambda: 6

    def it(columns=None, num_epochs=-1, output_numpy=False, do_copy=True):
        for i in range(6):
            items = (X[i * 4:min(i * 4 + 4, 22)], Y[i * 4:min(i * 4 + 4, 22)])
            yield items if output_numpy else tuple(Tensor(a) for a in items)

    ds.create_tuple_iterator = it
    from mindspore_jax import compile_stats

    before = compile_stats().get("compiles", 0)
    model.train(3, ds, dataset_sink_mode=True)
    compiles = compile_stats().get("compiles", 0) - before
    assert compiles <= 2  # one loop for the 5 full batches, one for the short batch, reused per epoch
    ref = Net()
    step = make_step(ref)
    for _ in range(3):
        for i in range(6):
            step(Tensor(X[i * 4:min(i * 4 + 4, 22)]), Tensor(Y[i * 4:min(i * 4 + 4, 22)]))
    np.testing.assert_allclose(net.w.asnumpy(), ref.w.asnumpy(), rtol=1e-6)


def test_dataset_helper_manual_loop(mode):
    net = Net()
    step = make_step(net)
    helper = DatasetHelper(ArrayDataset(), dataset_sink_mode=True, sink_size=3, epoch_num=1)
    sink_net = connect_network_with_dataset(step, helper)
    n = 0
    for inputs in helper:
        sink_net(*inputs)
        n += helper.sink_size()
    assert n == 3
    w, b = numpy_sgd(3)
    np.testing.assert_allclose(net.w.asnumpy(), w, rtol=1e-5)
    plain = DatasetHelper(ArrayDataset(), dataset_sink_mode=False)
    assert sum(1 for _ in plain) == 6 and sum(1 for _ in plain) == 6  # each for is one epoch
    with pytest.raises(RuntimeError):
        connect_network_with_dataset(step, plain)
    with pytest.raises(ValueError):
        DatasetHelper(ArrayDataset(), sink_size=0)


def test_eval_predict_and_fit(mode):
    net = Net()
    metrics = {"mae": MAE(), "loss": Loss()}
    model = Model(make_step(net), eval_network=EvalNet(net), eval_indexes=[0, 1, 2], metrics=metrics)
    ev = model.eval(ArrayDataset(batch_size=6))
    pred = X @ np.array([[0.5], [-0.3]], np.float32)
    assert ev["mae"] == pytest.approx(np.abs(pred - Y).sum() / len(Y), rel=1e-5)
    assert ev["loss"] == pytest.approx(((pred - Y) ** 2).mean(), rel=1e-5)
    out = Model(net).predict(Tensor(X[:2]))
    np.testing.assert_allclose(out.asnumpy(), pred[:2], rtol=1e-6)
    with pytest.raises(ValueError):
        Model(net).predict(Tensor(np.zeros((0, 2), np.float32)))
    with pytest.raises(TypeError):
        Model(net).predict([1, 2])

    seen = []

    class EvalSeen(Callback):
        def on_train_epoch_end(self, rc):
            cb = rc.original_args()
            seen.append((cb.cur_epoch_num, sorted(cb.get("eval_results", {}))))

    model.fit(4, ArrayDataset(), valid_dataset=ArrayDataset(batch_size=6), valid_frequency=[2, 3],
              callbacks=[EvalSeen()])
    assert seen == [(1, []), (2, ["eval_loss", "loss", "mae"]), (3, ["eval_loss", "loss", "mae"]), (4, [])]


def test_initial_epoch_and_argument_errors():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    net = Net()
    model = Model(make_step(net))
    rec = []
    cb = type("C", (Callback,), {"on_train_epoch_begin": lambda self, rc: rec.append(
        (rc.original_args().cur_epoch_num, rc.original_args().epoch_num))})()
    ds = ArrayDataset()
    model.train(3, ds, callbacks=[cb], initial_epoch=1)
    assert rec == [(2, 2), (3, 2)]
    with pytest.raises(ValueError):
        model.train(2, ds, initial_epoch=2)
    with pytest.raises(ValueError):
        model.train(0, ds)
    with pytest.raises(ValueError):
        model.train(1, ds, sink_size=-2)
    with pytest.raises(TypeError):
        model.train(1, ds, dataset_sink_mode=1)
    with pytest.raises(RuntimeError):
        Model(make_step(Net())).train(1, ds)  # a dataset is tied to the first Model that trained on it
    with pytest.raises(ValueError):
        model.eval(ArrayDataset())  # no metrics
    with pytest.raises(ValueError):
        Model(net, metrics={"acc": Accuracy()})  # metrics need loss_fn or eval_network
    with pytest.raises(ValueError):
        Model(net, kwarg_typo=1)
    with pytest.raises(ValueError):
        Model(net, amp_level="O2")  # amp needs an optimizer
    with pytest.raises(ValueError):
        Model(net, eval_network=EvalNet(net), eval_indexes=[0, 1], metrics={"mae": MAE()})
    with pytest.raises(RuntimeError):
        model.infer_predict_layout(Tensor(X[:2]))
    assert model.train_network is model.predict_network  # no loss_fn / optimizer: the network itself
    assert model.eval_network is None


def test_model_builds_mindspore_networks(mode):
    from mindspore_jax import nn

    net = Net()
    model = Model(net, loss_fn=nn.MSELoss(), optimizer=nn.SGD(net.trainable_params(), 0.1),
                  metrics={"mae": MAE()})
    assert isinstance(model.train_network, nn.TrainOneStepCell)
    assert isinstance(model.eval_network, nn.WithEvalCell)
    assert model.predict_network is net
    model.train(2, ArrayDataset())
    w, b = numpy_sgd(12)
    np.testing.assert_allclose(net.w.asnumpy(), w, rtol=1e-5)
    with pytest.raises(ValueError, match="two elements"):
        Model(net, loss_fn=nn.MSELoss(), optimizer=nn.SGD(net.trainable_params(), 0.1)).train(1, _OneColumn())


class _OneColumn(ArrayDataset):
    def create_tuple_iterator(self, columns=None, num_epochs=-1, output_numpy=False, do_copy=True):
        for (x, _) in super().create_tuple_iterator(columns, num_epochs, output_numpy, do_copy):
            yield (x,)


CHECKER = os.path.join(HERE, "..", "..", "shared", "examples", "check_examples.py")


@pytest.mark.skipif(not os.path.exists(CHECKER), reason="../shared/examples is not beside this checkout")
def test_example_e02_spiral_mlp_model():
    root = os.path.join(HERE, "..")
    env = dict(os.environ, PYTHONPATH=os.path.abspath(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, CHECKER, "--python", sys.executable, "--only", "e02", "-v"],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
