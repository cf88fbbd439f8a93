"""Records real MindSpore 2.10 GRAPH_MODE results for the cases in tests/_syntax_cases.py.

    cd /tmp && /path/to/mindspore-venv/bin/python /work/main/tools/make_golden_syntax.py

Writes tests/golden/syntax.npz (outputs, flattened: '<case>/<i>') and tests/golden/syntax.json
(per case: the output structure, Python scalar outputs, or the error MindSpore raised).
"""
import importlib.util
import json
import os
import sys

import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, nn, ops

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load(ms_, nn_, ops_, tensor_, param_):
    spec = importlib.util.spec_from_file_location("_syntax_cases",
                                                  os.path.join(ROOT, "tests", "_syntax_cases.py"))
    mod = importlib.util.module_from_spec(spec)
    mod.ms, mod.nn, mod.ops, mod.Tensor, mod.Parameter = ms_, nn_, ops_, tensor_, param_
    sys.modules["_syntax_cases"] = mod
    spec.loader.exec_module(mod)
    return mod


def flatten(out, prefix, arrays):
    if isinstance(out, (tuple, list)):
        return [flatten(o, f"{prefix}.{i}", arrays) for i, o in enumerate(out)]
    if isinstance(out, Tensor):
        arrays[prefix] = out.asnumpy()
        return {"tensor": prefix, "dtype": str(out.dtype)}
    return {"py": out if isinstance(out, (int, float, bool, str, type(None))) else repr(out)}


def main():
    ms.set_context(mode=ms.GRAPH_MODE)
    mod = load(ms, nn, ops, Tensor, Parameter)
    arrays, meta = {}, {}
    for name, (make, inputs) in mod.CASES.items():
        try:
            out = make()(*inputs())
            meta[name] = {"out": flatten(out, name, arrays)}
        except Exception as e:  # noqa: BLE001
            meta[name] = {"error": type(e).__name__, "msg": str(e)[:400]}
        print(name, meta[name])
    for name, (make, inputs) in mod.GRAD_CASES.items():
        try:
            net = make()
            args = inputs()
            g = ms.grad(net, grad_position=0, weights=net.trainable_params())(*args)
            val = net(*args)
            meta[name] = {"out": flatten((val, g[0], tuple(g[1])), name, arrays)}
        except Exception as e:  # noqa: BLE001
            meta[name] = {"error": type(e).__name__, "msg": str(e)[:400]}
        print(name, meta[name])
    os.makedirs(os.path.join(ROOT, "tests", "golden"), exist_ok=True)
    np.savez(os.path.join(ROOT, "tests", "golden", "syntax.npz"), **arrays)
    with open(os.path.join(ROOT, "tests", "golden", "syntax.json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
