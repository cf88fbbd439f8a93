"""Writes tiny datasets in the on-disk layouts MindSpore's loaders expect (USPS, Semeion, EMNIST,
SVHN, STL10, AG News, DBpedia, Yelp Review). Shared by tests/test_dataset_more.py and
tools/make_golden_dataset_more.py (run by real MindSpore), so both read byte-identical files."""

import os
import struct

import numpy as np


def _rs(seed):
    return np.random.RandomState(seed)


def write_usps(d):
    os.makedirs(d, exist_ok=True)
    rs = _rs(10)
    for name, n in (("usps", 3), ("usps.t", 2)):
        with open(os.path.join(d, name), "w") as f:
            for _ in range(n):
                vals = rs.uniform(-1, 1, size=256)
                f.write(
                    f"{rs.randint(1, 11)} " + " ".join(f"{i + 1}:{v:.6f}" for i, v in enumerate(vals)) + " \n"
                )
    return d


def write_semeion(d):
    os.makedirs(d, exist_ok=True)
    rs = _rs(11)
    with open(os.path.join(d, "semeion.data"), "w") as f:
        for _ in range(4):
            bits = rs.randint(0, 2, size=256)
            onehot = np.eye(10, dtype=int)[rs.randint(10)]
            f.write(" ".join(f"{b:.4f}" for b in bits) + " " + " ".join(map(str, onehot)) + " \n")
    return d


def write_emnist(d, name="balanced"):
    os.makedirs(d, exist_ok=True)
    rs = _rs(12)
    for usage, n in (("train", 3), ("test", 2)):
        images = rs.randint(0, 256, size=(n, 28, 28)).astype(np.uint8)
        labels = rs.randint(0, 47, size=n).astype(np.uint8)
        with open(os.path.join(d, f"emnist-{name}-{usage}-images-idx3-ubyte"), "wb") as f:
            f.write(struct.pack(">IIII", 2051, n, 28, 28) + images.tobytes())
        with open(os.path.join(d, f"emnist-{name}-{usage}-labels-idx1-ubyte"), "wb") as f:
            f.write(struct.pack(">II", 2049, n) + labels.tobytes())
    return d


def write_svhn(d):
    import scipy.io

    os.makedirs(d, exist_ok=True)
    rs = _rs(13)
    for usage, n in (("train", 3), ("test", 2), ("extra", 2)):
        x = rs.randint(0, 256, size=(32, 32, 3, n)).astype(np.uint8)
        y = rs.randint(1, 11, size=(n, 1)).astype(np.uint8)
        scipy.io.savemat(os.path.join(d, f"{usage}_32x32.mat"), {"X": x, "y": y})
    return d


def write_stl10(d):
    os.makedirs(d, exist_ok=True)
    rs = _rs(14)
    for usage, n in (("train", 3), ("test", 2), ("unlabeled", 2)):
        rs.randint(0, 256, size=(n, 3, 96, 96)).astype(np.uint8).tofile(os.path.join(d, f"{usage}_X.bin"))
        if usage != "unlabeled":
            rs.randint(1, 11, size=n).astype(np.uint8).tofile(os.path.join(d, f"{usage}_y.bin"))
    return d


def write_ag_news(d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train.csv"), "w") as f:
        f.write(
            '"3","Wall St. Bears","Reuters - Short-sellers, ""quoted"" here."\n'
            '"4","Title two","Second\\ndescription"\n"1","T3","D3"\n'
        )
    with open(os.path.join(d, "test.csv"), "w") as f:
        f.write('"2","Test title","Test description"\n')
    return d


def write_dbpedia(d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train.csv"), "w") as f:
        f.write('1,"E. D. Abbott Ltd"," Abbott of Farnham, ""E D"" Abbott"\n14,Plain title,plain content\n')
    with open(os.path.join(d, "test.csv"), "w") as f:
        f.write('5,"Test","Content, with comma"\n')
    return d


def write_yelp(d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "train.csv"), "w") as f:
        f.write('"1","Unfortunately, the ""frustration"" of being"\n"2","Good\\nfood"\n')
    with open(os.path.join(d, "test.csv"), "w") as f:
        f.write('"2","fine"\n')
    return d


WRITERS = {
    "usps": write_usps,
    "semeion": write_semeion,
    "emnist": write_emnist,
    "svhn": write_svhn,
    "stl10": write_stl10,
    "ag_news": write_ag_news,
    "dbpedia": write_dbpedia,
    "yelp": write_yelp,
}


def write_all(root):
    for name, w in WRITERS.items():
        w(os.path.join(root, name))
    return root


def write_mnist_like(d):
    """A 5-image MNIST train split (for the serialize test)."""
    os.makedirs(d, exist_ok=True)
    rs = _rs(15)
    images = rs.randint(0, 256, size=(5, 28, 28)).astype(np.uint8)
    labels = rs.randint(0, 10, size=5).astype(np.uint8)
    with open(os.path.join(d, "train-images-idx3-ubyte"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, 5, 28, 28) + images.tobytes())
    with open(os.path.join(d, "train-labels-idx1-ubyte"), "wb") as f:
        f.write(struct.pack(">II", 2049, 5) + labels.tobytes())
    return d
