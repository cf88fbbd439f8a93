"""The harness that make_golden_math*.py share: each case is an expression evaluated by real
MindSpore in a forked child (a crash or hang in one case cannot take the others down), and the
results go to tests/golden/<name>.{npz,json} (or $GOLDEN_DIR, to check a regeneration)."""

import json
import os
import pickle
import sys

import numpy as np


def _run(evaluate, expr, wfd):
    try:
        r = evaluate(expr)
        payload = {"ok": True, "dtypes": [d for d, _ in r], "arrays": [np.asarray(a) for _, a in r]}
    except Exception as e:  # noqa: BLE001
        msg = str(e).strip()
        payload = {"ok": False, "error": type(e).__name__, "msg": msg.splitlines()[0][:200] if msg else ""}
    os.write(wfd, pickle.dumps(payload))


def _in_child(evaluate, expr):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        _run(evaluate, expr, w)
        os._exit(0)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks))


def record(cases, evaluate, inputs, name, version):
    """Evaluates ``cases`` ({case: expr}) with ``evaluate(expr) -> [(dtype str, array), ...]`` and
    writes ``name``.npz (outputs and ``inputs``) and ``name``.json (dtypes or errors)."""
    out_json, arrays = {}, {}
    for case, expr in cases.items():
        p = _in_child(evaluate, expr)
        entry = {"expr": expr, "ok": p["ok"]}
        if p["ok"]:
            entry["dtypes"] = p["dtypes"]
            for i, a in enumerate(p["arrays"]):
                arrays[f"{case}/out{i}"] = a
        else:
            entry["error"], entry["msg"] = p["error"], p["msg"]
        out_json[case] = entry
        print(case, entry.get("dtypes", entry.get("error")), file=sys.stderr)
    for k, v in inputs.items():
        arrays[f"input/{k}"] = v
    gdir = os.environ.get("GOLDEN_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                         "tests", "golden")
    np.savez_compressed(os.path.join(gdir, f"{name}.npz"), **arrays)
    with open(os.path.join(gdir, f"{name}.json"), "w") as f:
        json.dump({"mindspore": version, "cases": out_json}, f, indent=1, sort_keys=True)
