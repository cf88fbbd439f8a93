"""``mindspore.mint.optim``: views of the registry."""

from . import _expose

globals().update(_expose.names("optim"))
