"""``mindspore.nn``: Cell, layers, losses, optimizers, learning-rate schedules, wrappers."""

from .cell import Cell, GraphCell
from ._collect import collect as _collect
from . import layer, loss, optim, wrap

_collect(layer, globals())
_collect(loss, globals())
_collect(optim, globals())
_collect(wrap, globals())
