"""``mindspore.mint.nn``: PyTorch-style layers (``nn/layer/ext.py``) where MindSpore's mint class
differs from the ``mindspore.nn`` class of the same name; other names fall back to ``mindspore.nn``."""

from .. import _expose
from . import functional  # noqa: F401
from ...nn.layer.ext import _MINT

globals().update(_expose.names("nn"))
globals().update(_MINT)


def __getattr__(name):
    from ... import nn as _nn

    if hasattr(_nn, name):
        return getattr(_nn, name)
    raise AttributeError(f"module 'mindspore.mint.nn' has no attribute '{name}'")
