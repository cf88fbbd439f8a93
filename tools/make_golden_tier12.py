"""Records tests/golden/tier12.{npz,json} with real MindSpore 2.10 (PYNATIVE_MODE).

    cd /tmp && /path/to/mindspore-venv/bin/python /path/to/repo/tools/make_golden_tier12.py
"""
import json
import os
import sys

import numpy as np
import mindspore as ms
from mindspore import Tensor, nn, ops
from mindspore.ops import composite as C
from mindspore.ops import functional as F
from mindspore.ops import operations as P

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "golden"))
from tier12_cases import CASES, INPUTS  # noqa: E402


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    env = {"ms": ms, "ops": ops, "P": P, "nn": nn, "F": F, "C": C, "Tensor": Tensor, "np": np}
    env.update({k: Tensor(v) for k, v in INPUTS.items()})
    arrays, meta = {}, {}
    for name, expr in CASES:
        try:
            out = eval(expr, dict(env))
            outs = list(out) if isinstance(out, (tuple, list)) else [out]
            [o.asnumpy() for o in outs]
        except Exception as e:  # noqa: BLE001 - no CPU kernel in MindSpore 2.10: recorded, not compared
            meta[name] = {"expr": expr, "error": f"{type(e).__name__}: {str(e).splitlines()[0]}"}
            continue
        meta[name] = {"expr": expr, "dtypes": [str(o.dtype) for o in outs]}
        for k, o in enumerate(outs):
            arrays[f"{name}/{k}"] = o.asnumpy()
    np.savez(os.path.join(ROOT, "tests", "golden", "tier12.npz"), **arrays)
    with open(os.path.join(ROOT, "tests", "golden", "tier12.json"), "w") as f:
        json.dump({"mindspore": ms.__version__, "cases": meta}, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
