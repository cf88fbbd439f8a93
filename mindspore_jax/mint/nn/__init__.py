"""``mindspore.mint.nn``: layers (falling back to ``mindspore.nn`` classes of the same name)."""

from .. import _expose
from . import functional  # noqa: F401

globals().update(_expose.names("nn"))


def __getattr__(name):
    from ... import nn as _nn

    if hasattr(_nn, name):
        return getattr(_nn, name)
    raise AttributeError(f"module 'mindspore.mint.nn' has no attribute '{name}'")
