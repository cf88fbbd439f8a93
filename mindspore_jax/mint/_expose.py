"""Builds the ``mint`` namespaces from the op registry's ``mint`` views."""

from ..ops import _families  # noqa: F401
from ..ops._registry import MINT


def names(prefix):
    """{short name: fn} for registry mint views under ``prefix`` ('' for mint itself)."""
    out = {}
    for full, fn in MINT.items():
        if prefix:
            if full.startswith(prefix + ".") and "." not in full[len(prefix) + 1:]:
                out[full[len(prefix) + 1:]] = fn
        elif "." not in full:
            out[full] = fn
    return out
