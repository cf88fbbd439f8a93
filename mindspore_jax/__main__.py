"""Drop-in runner: ``python -m mindspore_jax script.py args...`` runs an unchanged MindSpore
script with ``import mindspore`` resolving to mindspore_jax."""

from __future__ import annotations

import os
import runpy
import sys


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python -m mindspore_jax script.py [args...]\n"
              "       python -m mindspore_jax -m module [args...]\n\n"
              "Runs a MindSpore script unchanged on JAX/XLA.")
        return 0 if argv else 2
    from mindspore_jax._alias import enable_alias

    enable_alias()
    if argv[0] == "-m":
        if len(argv) < 2:
            print("python -m mindspore_jax -m: missing module name", file=sys.stderr)
            return 2
        sys.argv = argv[1:]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        return 0
    script = argv[0]
    if not os.path.exists(script):
        print(f"python -m mindspore_jax: can't open file '{script}': No such file", file=sys.stderr)
        return 2
    sys.argv = argv
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    runpy.run_path(script, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
