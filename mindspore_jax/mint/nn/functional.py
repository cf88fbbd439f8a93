"""``mindspore.mint.nn.functional``: views of the registry's nn ops."""

from .. import _expose

globals().update(_expose.names("nn.functional"))


def __getattr__(name):
    from ... import ops as _ops

    if hasattr(_ops, name):
        return getattr(_ops, name)
    raise AttributeError(f"module 'mindspore.mint.nn.functional' has no attribute '{name}'")
