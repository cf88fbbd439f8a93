"""Writes tiny datasets in their real on-disk formats (MNIST idx, CIFAR bin, image folders).

Shared by tests/test_dataset.py and tools/make_golden_dataset.py (run by real MindSpore), so the
golden outputs and the tests read byte-identical files. Pure numpy + Pillow.
"""

import gzip
import os
import struct

import numpy as np


def _rs(seed):
    return np.random.RandomState(seed)


def write_mnist(d, n_train=5, n_test=3, gz=False):
    os.makedirs(d, exist_ok=True)
    rs = _rs(0)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rs.randint(0, 256, size=(n, 28, 28)).astype(np.uint8)
        labels = rs.randint(0, 10, size=n).astype(np.uint8)
        op = gzip.open if gz else open
        ext = ".gz" if gz else ""
        with op(os.path.join(d, f"{prefix}-images-idx3-ubyte{ext}"), "wb") as f:
            f.write(struct.pack(">IIII", 2051, n, 28, 28) + images.tobytes())
        with op(os.path.join(d, f"{prefix}-labels-idx1-ubyte{ext}"), "wb") as f:
            f.write(struct.pack(">II", 2049, n) + labels.tobytes())
    return d


def write_cifar10(d, per_batch=10000, n_batches=1, n_test=10000):
    """Real MindSpore only reads full files (10000 records each), hence the default sizes."""
    os.makedirs(d, exist_ok=True)
    rs = _rs(1)
    names = [f"data_batch_{i + 1}.bin" for i in range(n_batches)] + ["test_batch.bin"]
    for name in names:
        n = n_test if name.startswith("test") else per_batch
        recs = np.concatenate([rs.randint(0, 10, size=(n, 1), dtype=np.uint8),
                               rs.randint(0, 256, size=(n, 3072), dtype=np.uint8)], axis=1)
        recs.tofile(os.path.join(d, name))
    return d


def write_cifar100(d, n_train=0, n_test=10000):
    os.makedirs(d, exist_ok=True)
    rs = _rs(2)
    for name, n in (("train.bin", n_train), ("test.bin", n_test)):
        if not n:
            continue
        recs = np.concatenate([rs.randint(0, 20, size=(n, 1), dtype=np.uint8),
                               rs.randint(0, 100, size=(n, 1), dtype=np.uint8),
                               rs.randint(0, 256, size=(n, 3072), dtype=np.uint8)], axis=1)
        recs.tofile(os.path.join(d, name))
    return d


def write_image_folder(d):
    """Two classes of small PNGs (lossless, so decoded pixels are exact), plus a non-image file."""
    from PIL import Image

    rs = _rs(3)
    layout = {"cat": ["b.png", "a.png"], "dog": ["x.png"], "eel": ["z.png", "y.png"]}
    for cls, files in layout.items():
        os.makedirs(os.path.join(d, cls), exist_ok=True)
        for i, f in enumerate(files):
            img = rs.randint(0, 256, size=(4 + i, 5, 3)).astype(np.uint8)
            Image.fromarray(img).save(os.path.join(d, cls, f))
    with open(os.path.join(d, "cat", "notes.txt"), "w") as f:
        f.write("not an image")
    return d


def sample_image(seed=4, shape=(6, 8, 3)):
    return _rs(seed).randint(0, 256, size=shape).astype(np.uint8)
