"""Quick start: train a small CNN on real handwritten digits, evaluate, checkpoint, reload.

A plain MindSpore 2.x script: run it with ``python -m mindspore_jax tutorials/quickstart.py``
(``make demo`` does that). The data is the 8x8 digits set that scikit-learn ships (1,797 images),
so nothing is downloaded.
"""
import os
import tempfile
import time

import numpy as np
import mindspore as ms
import mindspore.dataset as ds
from mindspore import Tensor, nn
from mindspore.train import Accuracy, LossMonitor, Model, TimeMonitor
from sklearn.datasets import load_digits


def make_datasets(batch_size=32):
    digits = load_digits()
    x = (digits.images / 16.0).astype(np.float32)[:, None, :, :]  # N, C=1, 8, 8
    y = digits.target.astype(np.int32)
    rng = np.random.RandomState(0)
    order = rng.permutation(len(x))
    x, y = x[order], y[order]
    n_train = 1500
    train = ds.NumpySlicesDataset({"image": x[:n_train], "label": y[:n_train]}, shuffle=True)
    test = ds.NumpySlicesDataset({"image": x[n_train:], "label": y[n_train:]}, shuffle=False)
    return train.batch(batch_size, drop_remainder=True), test.batch(batch_size), x[n_train:]


class DigitsCNN(nn.Cell):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.SequentialCell([
            nn.Conv2d(1, 16, 3, pad_mode="same", has_bias=True),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.Conv2d(16, 32, 3, pad_mode="same", has_bias=True),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2),
        ])
        self.flatten = nn.Flatten()
        self.classifier = nn.SequentialCell([
            nn.Dense(32 * 2 * 2, 64, activation="relu"),
            nn.Dropout(p=0.1),
            nn.Dense(64, num_classes),
        ])

    def construct(self, x):
        return self.classifier(self.flatten(self.features(x)))


def main():
    ms.set_context(mode=ms.GRAPH_MODE)
    ms.set_seed(1)
    train_ds, test_ds, test_images = make_datasets()
    net = DigitsCNN()
    loss_fn = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    optimizer = nn.Momentum(net.trainable_params(), learning_rate=0.05, momentum=0.9)
    model = Model(net, loss_fn, optimizer, metrics={"accuracy": Accuracy()})

    print(f"train batches per epoch: {train_ds.get_dataset_size()}")
    start = time.perf_counter()
    model.train(8, train_ds, callbacks=[LossMonitor(per_print_times=46), TimeMonitor()],
                dataset_sink_mode=False)
    print(f"training took {time.perf_counter() - start:.1f}s")
    result = model.eval(test_ds)
    print(f"test accuracy: {result['accuracy']:.4f}")

    ckpt = os.path.join(tempfile.mkdtemp(), "digits_cnn.ckpt")
    ms.save_checkpoint(net, ckpt)
    fresh = DigitsCNN()
    not_loaded, _ = ms.load_param_into_net(fresh, ms.load_checkpoint(ckpt))
    fresh.set_train(False)
    net.set_train(False)
    probe = Tensor(test_images[:8])
    same = np.allclose(net(probe).asnumpy(), fresh(probe).asnumpy(), atol=1e-6)
    print(f"checkpoint {ckpt}: reloaded into a fresh network, predictions identical: {same}")
    print("predicted:", fresh(probe).argmax(axis=1).asnumpy().tolist())
    assert not not_loaded and same
    assert result["accuracy"] > 0.85, "the network should learn the digits"


if __name__ == "__main__":
    main()
