"""Which tier-1/2 MindSpore names (``../shared/api/priority.tsv``) mindspore_jax resolves.

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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tiers", default="1,2")
    ap.add_argument("--file", default=PRIORITY)
    ap.add_argument("--all", action="store_true", help="also list resolved names")
    args = ap.parse_args(argv)
    rows = load(args.file, set(args.tiers.split(",")))
    ok = resolver()
    by_kind, missing = {}, []
    for r in rows:
        hit = ok(r["kind"], r["name"])
        tot = by_kind.setdefault(r["kind"], [0, 0])
        tot[0] += hit
        tot[1] += 1
        if not hit:
            missing.append(r)
        elif args.all:
            print(f"ok       {r['kind']:<14} {r['name']}")
    for kind, (h, n) in sorted(by_kind.items()):
        print(f"{kind:<14} {h}/{n} resolved")
    print(f"missing ({len(missing)}):")
    for r in missing:
        print(f"  tier {r['tier']}  {r['kind']:<14} {r['name']:<32} projects={r['n_projects']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
