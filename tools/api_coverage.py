"""Which tier-1/2 MindSpore names (``../shared/api/priority.tsv``) mindspore_jax implements, and
which of those a golden recorded from real MindSpore 2.10 exercises.

    .venv/bin/python tools/api_coverage.py [--tiers 1,2] [--all]

A name counts as resolved when ``P.X`` (primitive), ``ops.x`` (functional), ``Tensor.x``
(tensor_method) or ``nn.X`` (cell) is an attribute of mindspore_jax. Prints per-kind counts and
the missing names (with their project counts); exit status 0 either way.
"""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

PRIORITY = os.path.join(HERE, "..", "..", "shared", "api", "priority.tsv")


def load(path, tiers):
    rows = []
    with open(path) as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            r = dict(zip(header, cols))
            if r["tier"] in tiers:
                rows.append(r)
    return rows


def resolver():
    import mindspore_jax as ms
    from mindspore_jax import nn, ops
    from mindspore_jax.ops import operations as P

    targets = {"primitive": P, "functional": ops, "tensor_method": ms.Tensor, "cell": nn}
    return lambda kind, name: kind in targets and hasattr(targets[kind], name)


# Sources that ran MindSpore API calls on real MindSpore 2.10 to record the goldens the tests
# compare against (generators, shared case tables, recorded examples).
GOLDEN_SOURCES = [
    "tools/make_golden_*.py", "tests/golden/*_cases.py", "tests/_*cases*.py", "tests/golden/*.json",
    "tests/fixtures/gen_*.py", "tests/fixtures/ops_golden.json", "../shared/examples/e*.py",
]


def golden_text():
    import glob

    root = os.path.dirname(HERE)
    parts = []
    for pat in GOLDEN_SOURCES:
        for f in sorted(glob.glob(os.path.join(root, pat))):
            with open(f, errors="replace") as fh:
                parts.append(fh.read())
    return "\n".join(parts)


def verified(kind, name, text):
    """Whether a golden generator called ``name`` in the form of ``kind`` (a textual check)."""
    import re

    n = re.escape(name)
    pats = {
        "primitive": [rf"\b(P|ops|operations|C)\.{n}\b", rf"\"api\": \"P\.{n}\b"],
        "functional": [rf"\b(ops|F|C|ms|mindspore|mint)\.{n}\b", rf"\"api\": \"ops\.{n}\b",
                       rf"@{n}\b"],
        "tensor_method": [rf"\.{n}\b", rf"\"api\": \"Tensor\.{n}\b"],
        "cell": [rf"\bnn\.{n}\b", rf"\b{n}\(", rf"\"api\": \"nn\.{n}\b"],
    }
    return any(re.search(p, text) for p in pats.get(kind, []))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tiers", default="1,2")
    ap.add_argument("--file", default=PRIORITY)
    ap.add_argument("--all", action="store_true", help="also list resolved names")
    args = ap.parse_args(argv)
    rows = load(args.file, set(args.tiers.split(",")))
    ok = resolver()
    text = golden_text()
    table, missing, unverified = {}, [], []
    for r in rows:
        hit = ok(r["kind"], r["name"])
        ver = hit and verified(r["kind"], r["name"], text)
        t = table.setdefault((r["tier"], r["kind"]), [0, 0, 0])
        t[0] += hit
        t[1] += ver
        t[2] += 1
        if not hit:
            missing.append(r)
        elif not ver:
            unverified.append(r)
        elif args.all:
            print(f"ok       {r['kind']:<14} {r['name']}")
    print("| tier | kind | implemented | verified against MindSpore goldens | total |")
    print("|---|---|---|---|---|")
    for (tier, kind), (h, v, n) in sorted(table.items()):
        print(f"| {tier} | {kind} | {h} ({100 * h // n}%) | {v} ({100 * v // n}%) | {n} |")
    print(f"missing ({len(missing)}):")
    for r in missing:
        print(f"  tier {r['tier']}  {r['kind']:<14} {r['name']:<32} projects={r['n_projects']}")
    print(f"implemented, no golden found ({len(unverified)}):")
    for r in unverified:
        print(f"  tier {r['tier']}  {r['kind']:<14} {r['name']:<32} projects={r['n_projects']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
