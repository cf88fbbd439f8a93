"""mindspore.train.metrics against values (and result types) recorded from real MindSpore 2.10."""

import json
import os
import warnings

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor
from mindspore_jax.train import metrics as M

from _train_metric_cases import cases, make_inputs, run_case, to_json, type_name

GOLDEN = json.load(open(os.path.join(os.path.dirname(__file__), "golden", "train.json")))["metrics"]
CASES = cases(M, Tensor, make_inputs())


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_metric_matches_mindspore(case):
    name, metric, updates, kw = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # MindSpore's own 0/0 in multilabel precision
        r = run_case(metric, updates, kw)
    assert type_name(r) == GOLDEN["_types"][name]
    got, exp = to_json(r), GOLDEN[name]
    if isinstance(exp, list) and exp and isinstance(exp[0], list) and name.startswith("roc"):
        for g, e in zip(got, exp):
            np.testing.assert_allclose(np.asarray(g, float), np.asarray(e, float), rtol=1e-7, atol=0)
    else:
        np.testing.assert_allclose(np.asarray(got, float), np.asarray(exp, float), rtol=1e-7, atol=0)


def test_auc_and_names():
    inp = make_inputs()
    fpr, tpr, _ = M.ROC(pos_label=1)(Tensor(inp["bin_p"]), Tensor(inp["bin_y"]))
    assert M.auc(fpr, tpr) == pytest.approx(GOLDEN["auc"], rel=1e-12)
    assert M.names() == GOLDEN["names"]
    assert isinstance(M.get_metric_fn("acc"), M.Accuracy)
    assert isinstance(M.get_metric_fn("precision", eval_type="multilabel"), M.Precision)
    with pytest.raises(KeyError):
        M.get_metric_fn("nope")


def test_call_clears_and_inputs_kinds():
    acc = M.Accuracy()
    logits = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]], np.float32)
    assert acc(Tensor(logits), Tensor(np.array([1, 0, 0]))) == pytest.approx(2 / 3)
    assert acc(logits.tolist(), [1, 0, 1]) == 1.0  # lists and arrays work too, __call__ clears first
    with pytest.raises(TypeError):
        acc.update((1, 2), [1])
    acc.clear()
    with pytest.raises(RuntimeError):
        acc.eval()
    with pytest.raises(TypeError):
        M.Accuracy("regression")
    with pytest.raises(ValueError):
        M.Accuracy().update(Tensor(logits), Tensor(np.array([[1], [0], [1]])))


def test_set_indexes_and_rearrange_inputs():
    class MyMAE(M.Metric):
        def __init__(self):
            super().__init__()
            self.clear()

        def clear(self):
            self._sum, self._n = 0, 0

        @M.rearrange_inputs
        def update(self, *inputs):
            self._sum += np.abs(inputs[1].asnumpy() - inputs[0].asnumpy()).sum()
            self._n += inputs[1].shape[0]

        def eval(self):
            return self._sum / self._n

    x = Tensor(np.array([[0.1, 0.2, 0.6, 0.9], [0.1, 0.2, 0.6, 0.9]]), ms.float32)
    y = Tensor(np.array([[0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1]]), ms.float32)
    y2 = Tensor(np.array([[0.1, 0.25, 0.7, 0.9], [0.1, 0.25, 0.7, 0.9]]), ms.float32)
    metric = MyMAE().set_indexes([0, 2])
    metric.update(x, y, y2)
    assert metric.eval() == pytest.approx(0.15, rel=1e-6)  # |y2 - x| summed / 2 samples
    assert metric.indexes == [0, 2]
    with pytest.raises(ValueError):
        metric.set_indexes((0, 1))
    loss = M.Loss().set_indexes([1])
    loss.update(Tensor(np.float32(5.0)), Tensor(np.float32(1.0)))
    assert loss.eval() == 1.0


def test_get_metrics_forms():
    assert M.get_metrics(None) is None
    d = M.get_metrics({"acc", "mae"})
    assert isinstance(d["acc"], M.Accuracy) and isinstance(d["mae"], M.MAE)
    with pytest.raises(TypeError):
        M.get_metrics(["acc"])
    with pytest.raises(TypeError):
        M.get_metrics({"acc": 1})


def test_module_paths():
    import mindspore_jax.nn.metrics as nn_metrics
    from mindspore_jax import nn, train

    assert nn.Accuracy is M.Accuracy and nn.TopKCategoricalAccuracy is M.TopKCategoricalAccuracy
    assert nn_metrics.Accuracy is M.Accuracy and nn_metrics.names() == M.names()
    assert train.Accuracy is M.Accuracy and train.Loss is M.Loss
