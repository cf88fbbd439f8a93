"""Goldens for tests/test_sparse.py from real MindSpore 2.10 (CPU).

Run from /tmp: PYTHONPATH=<dir with the 'decorator' package> /work/msvenv/bin/python
/work/main/tools/make_golden_sparse.py  (MindSpore's CPU csr_mv/csr_mm/csr_mul/coo2csr... are
graph-kernel ops that compile with akg, which imports 'decorator'.) Writes tests/golden/sparse.{npz,json}.
"""

import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests"))

import mindspore as ms  # noqa: E402
from _sparse_cases import CASES, ERRORS  # noqa: E402

ms.set_context(mode=ms.PYNATIVE_MODE, device_target="CPU")
arrays, meta = {}, {"cases": {}, "errors": {}}
for name, (fn, _akg) in CASES.items():
    try:
        out = fn(ms)
    except Exception as e:  # recorded: the test checks we raise the same class
        meta["cases"][name] = {"error": type(e).__name__, "msg": str(e).splitlines()[0][:300]}
        print(name, "ERROR", type(e).__name__, str(e).splitlines()[0][:200])
        continue
    if isinstance(out, str):
        meta["cases"][name] = {"str": out}
    elif isinstance(out, tuple):
        meta["cases"][name] = {"n": len(out)}
        for i, a in enumerate(out):
            arrays[f"{name}:{i}"] = np.asarray(a)
    else:
        meta["cases"][name] = {"n": None}
        arrays[name] = np.asarray(out)
    print(name, "ok")
for name, fn in ERRORS.items():
    try:
        fn(ms)
        meta["errors"][name] = None
        print(name, "NO ERROR")
    except Exception as e:
        meta["errors"][name] = {"type": type(e).__name__, "msg": str(e).splitlines()[0][:300]}
        print(name, type(e).__name__, str(e).splitlines()[0][:150])
out = os.path.join(HERE, "..", "tests", "golden", "sparse")
np.savez(out + ".npz", **arrays)
with open(out + ".json", "w") as f:
    json.dump(meta, f, indent=1, sort_keys=True)
