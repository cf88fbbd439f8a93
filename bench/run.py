"""The benchmark suite: mindspore_jax vs hand-written JAX vs real MindSpore 2.10 (when its venv
exists). Prints a markdown table with ratios to the JAX column and writes JSON lines.

    python bench/run.py [--models mlp,lenet5,resnet,transformer] [--styles cell,functional]
                        [--mindspore PY] [--no-pynative] [--pairs-only] [--out bench/results.jsonl]

Every measurement runs in its own process (bench/worker.py). The MindSpore column uses the
interpreter given by --mindspore, $MINDSPORE_PYTHON, or ../msvenv/bin/python; when none exists
the column is skipped with a line saying so.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKER = os.path.join(HERE, "worker.py")


def run_worker(py, *args, timeout=1800):
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("GLOG_v", "3")
    t0 = time.perf_counter()
    r = subprocess.run([py, WORKER, *args], capture_output=True, text=True, env=env,
                       timeout=timeout, cwd=tempfile.gettempdir())
    for line in r.stdout.splitlines():
        if line.startswith("BENCH "):
            res = json.loads(line[6:])
            res["wall_s"] = time.perf_counter() - t0
            return res
    tail = (r.stderr or r.stdout).strip().splitlines()[-3:]
    return {"kind": "error", "args": list(args), "error": " | ".join(tail)}


def find_mindspore(arg):
    for cand in (arg, os.environ.get("MINDSPORE_PYTHON"),
                 os.path.join(ROOT, "..", "msvenv", "bin", "python"), "/work/msvenv/bin/python"):
        if cand and os.path.exists(cand):
            return cand
    return None


def import_time(py, module, env_extra=None):
    samples = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([py, "-c", f"import {module}"], capture_output=True,
                       env={**os.environ, "PYTHONPATH": ROOT, **(env_extra or {})})
        samples.append(time.perf_counter() - t0)
    return min(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="mlp,lenet5,resnet,transformer")
    ap.add_argument("--styles", default="cell,functional")
    ap.add_argument("--mindspore", default=None)
    ap.add_argument("--no-pynative", action="store_true")
    ap.add_argument("--pairs-only", action="store_true",
                    help="only the GRAPH_MODE rows (no dispatch, sink, cache or import timings)")
    ap.add_argument("--out", default=os.path.join(HERE, "results.jsonl"))
    args = ap.parse_args()
    py = sys.executable
    ms_py = find_mindspore(args.mindspore)
    results = []

    def record(res):
        results.append(res)
        print("  " + json.dumps(res), flush=True)

    print(f"# machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    if ms_py is None:
        print("# real MindSpore column skipped: no venv with mindspore==2.10.0 found "
              "(pass --mindspore PATH/bin/python or set MINDSPORE_PYTHON)")
    models = args.models.split(",")
    styles = args.styles.split(",")
    for model in models:
        for style in styles:
            print(f"## {model} / {style}", flush=True)
            record(run_worker(py, "pair", model, style))
            if ms_py:
                record(run_worker(ms_py, "mindspore", model, style))
            if not args.no_pynative and style == "cell":
                record(run_worker(py, "pynative", model, style))
    if args.pairs_only:
        _finish(args, results)
        return
    print("## eager dispatch", flush=True)
    record(run_worker(py, "dispatch", "jax"))
    record(run_worker(py, "dispatch", "msjax"))
    if ms_py:
        record(run_worker(ms_py, "dispatch", "mindspore"))
    print("## sink mode", flush=True)
    record(run_worker(py, "sink"))
    print("## compile cache", flush=True)
    cache_dir = tempfile.mkdtemp(prefix="msjax_cc_")
    first = run_worker(py, "cache", cache_dir)
    second = run_worker(py, "cache", cache_dir)
    record({"kind": "cache_pair", "first_s": first.get("compile_s"),
            "second_s": second.get("compile_s")})
    imp = {"kind": "import", "mindspore_jax_s": import_time(py, "mindspore_jax"),
           "jax_s": import_time(py, "jax")}
    if ms_py:
        imp["mindspore_s"] = import_time(ms_py, "mindspore")
    record(imp)
    _finish(args, results)


def _finish(args, results):
    with open(args.out, "w") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    print()
    print(render(results))


def render(results):
    rows = ["| model | style | hand-written JAX ms | mindspore_jax GRAPH ms (ratio) | "
            "MindSpore 2.10 GRAPH ms (ratio) | mindspore_jax PYNATIVE ms | compile s (msjax / jax) |",
            "|---|---|---|---|---|---|---|"]
    by = {}
    for r in results:
        if r["kind"] == "pair":
            by.setdefault((r["model"], r["style"]), {})["pair"] = r
        elif r["kind"] == "single":
            key = "ms" if r["impl"] == "mindspore" else "pyn"
            by.setdefault((r["model"], r["style"]), {})[key] = r
            if r["impl"] == "msjax":
                by.setdefault((r["model"], "functional"), {})["pyn"] = r
    for (model, style), d in by.items():
        p = d.get("pair")
        if p is None:
            continue
        j = p["jax"]["median_ms"]
        m = p["msjax"]["median_ms"]
        ms_cell = "n/a"
        if "ms" in d:
            ms_cell = f"{d['ms']['median_ms']:.2f} (x{d['ms']['median_ms'] / j:.2f})"
        pyn = f"{d['pyn']['median_ms']:.1f}" if "pyn" in d else "n/a"
        rows.append(f"| {model} | {style} | {j:.2f} | {m:.2f} (x{m / j:.3f}) | {ms_cell} | {pyn} | "
                    f"{p['msjax']['compile_s']:.2f} / {p['jax']['compile_s']:.2f} |")
    extra = []
    for r in results:
        if r["kind"] == "dispatch":
            extra.append(f"- eager dispatch, {r['impl']}: {r['us_per_op']:.1f} us/op")
        elif r["kind"] == "sink":
            extra.append(f"- Model.train MLP per step: no sink {r['no_sink']['ms_per_step']:.2f} ms, "
                         f"sink {r['sink']['ms_per_step']:.2f} ms (x{r['gain']:.2f})")
        elif r["kind"] == "cache_pair" and r["first_s"] and r["second_s"]:
            extra.append(f"- LeNet-5 first-step compile: {r['first_s']:.2f} s; second process with "
                         f"the compile cache: {r['second_s']:.2f} s "
                         f"({100 * r['second_s'] / r['first_s']:.0f}%)")
        elif r["kind"] == "import":
            extra.append("- import time: " + ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in r.items()
                                                        if k.endswith("_s")))
        elif r["kind"] == "error":
            extra.append(f"- ERROR {r['args']}: {r['error']}")
    return "\n".join(rows + [""] + extra)


if __name__ == "__main__":
    main()
