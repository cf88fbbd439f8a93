"""``mindspore.mint.linalg``: views of the registry."""

from . import _expose

globals().update(_expose.names("linalg"))
