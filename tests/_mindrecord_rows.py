"""Rows shared by tools/make_golden_top_mindrecord.py and tests/test_mindrecord.py."""

import numpy as np

SCHEMA_A = {"label": {"type": "int32"}, "f": {"type": "float64"}, "g": {"type": "float32"},
            "big": {"type": "int64"}, "name": {"type": "string"}, "data": {"type": "bytes"},
            "arr": {"type": "float32", "shape": [2, 3]}, "v": {"type": "int64", "shape": [-1]},
            "w": {"type": "int32", "shape": [-1, 2]}, "d": {"type": "float64", "shape": [3]}}
SCHEMA_S = {"v": {"type": "int64", "shape": [2]}, "s": {"type": "int32"}, "t": {"type": "float32"}}


def rows_a():
    rs = np.random.RandomState(0)
    out = []
    for i in range(45):
        n = i % 5 + 1
        out.append({"label": i - 7, "f": i * 0.1, "g": i * 0.5, "big": (-1) ** i * (1 << (i % 40)),
                    "name": "name_%d_" % i + "x" * (i % 40), "data": bytes(rs.randint(0, 256, 50 + 37 * i)
                                                                          .astype(np.uint8)),
                    "arr": rs.randn(2, 3).astype(np.float32),
                    "v": (rs.randint(-(1 << 40), 1 << 40, n) >> rs.randint(0, 40, n)).astype(np.int64),
                    "w": rs.randint(-70000, 70000, (n, 2)).astype(np.int32),
                    "d": rs.randn(3)})
    return out


def rows_s():
    return [{"v": np.array([i, -i * 1000], np.int64), "s": i, "t": 0.1 * i} for i in range(7)]
