"""Tiny networks and datasets for the Model / callback tests (no nn layers needed).

``Net`` is ``x @ w + b``; ``make_step(net, lr)`` is the SGD train step that
``TrainOneStepCell(WithLossCell(net, MSELoss()), SGD(lr))`` computes; ``EvalNet`` returns
``(loss, logits, label)`` as ``WithEvalCell``. ``ArrayDataset`` batches numpy arrays in order
and has the two methods Model uses (``create_tuple_iterator``, ``get_dataset_size``).
"""

import numpy as np

import mindspore_jax as ms
from mindspore_jax import Parameter, ParameterTuple, Tensor, nn, ops

X = np.random.RandomState(0).randn(24, 2).astype(np.float32)
Y = (X @ np.array([[1.0], [2.0]], np.float32) + 0.5).astype(np.float32)


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.w = Parameter(Tensor(np.array([[0.5], [-0.3]], np.float32)), name="w")
        self.b = Parameter(Tensor(np.zeros((1,), np.float32)), name="b")

    def construct(self, x):
        return ops.matmul(x, self.w) + self.b


class LossNet(nn.Cell):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def construct(self, x, y):
        d = self.net(x) - y
        return (d * d).mean()


class Step(nn.Cell):
    def __init__(self, loss_net, lr=0.1):
        super().__init__()
        self.loss_net = loss_net
        self.weights = ParameterTuple(loss_net.trainable_params())
        self.grad = ops.GradOperation(get_by_list=True)
        self.lr = lr

    def construct(self, x, y):
        loss = self.loss_net(x, y)
        grads = self.grad(self.loss_net, self.weights)(x, y)
        for w, g in zip(self.weights, grads):
            ops.assign(w, w - self.lr * g)
        return loss


class EvalNet(nn.Cell):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def construct(self, x, y):
        out = self.net(x)
        d = out - y
        return (d * d).mean(), out, y


def make_step(net, lr=0.1):
    return Step(LossNet(net), lr)


class ArrayDataset:
    def __init__(self, x=X, y=Y, batch_size=4):
        self.x, self.y, self.bs = x, y, batch_size
        self.resets = 0

    def get_dataset_size(self):
        return len(self.x) // self.bs

    def create_tuple_iterator(self, columns=None, num_epochs=-1, output_numpy=False, do_copy=True):
        for i in range(self.get_dataset_size()):
            sl = slice(i * self.bs, (i + 1) * self.bs)
            items = (self.x[sl], self.y[sl])
            yield items if output_numpy else tuple(Tensor(a) for a in items)

    def reset(self):
        self.resets += 1


def numpy_sgd(steps, lr=0.1, batch_size=4):
    """Reference weights after ``steps`` SGD steps over the batches in order (wrapping)."""
    w = np.array([[0.5], [-0.3]], np.float64)
    b = np.zeros((1,), np.float64)
    n = len(X) // batch_size
    for s in range(steps):
        i = s % n
        x = X[i * batch_size:(i + 1) * batch_size].astype(np.float64)
        y = Y[i * batch_size:(i + 1) * batch_size].astype(np.float64)
        d = x @ w + b - y
        gw = 2 * x.T @ d / d.size
        gb = 2 * d.sum(0) / d.size
        w, b = w - lr * gw, b - lr * gb
    return w, b


def has_nn_training():
    return all(hasattr(nn, n) for n in ("TrainOneStepCell", "WithLossCell", "WithEvalCell", "SGD", "MSELoss"))


__all__ = ["ms", "Net", "EvalNet", "make_step", "ArrayDataset", "numpy_sgd", "X", "Y", "has_nn_training"]
