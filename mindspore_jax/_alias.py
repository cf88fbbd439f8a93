"""``import mindspore`` -> ``mindspore_jax``: the import alias behind the drop-in runner.

``mindspore.xxx`` resolves to the very module object ``mindspore_jax.xxx``; a submodule that
mindspore_jax does not have raises ImportError naming it.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys

_ALIASES = {"mindspore": "mindspore_jax"}


class _Loader(importlib.abc.Loader):
    def __init__(self, real):
        self.real = real

    def create_module(self, spec):
        return importlib.import_module(self.real)

    def exec_module(self, module):
        pass


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        for alias, real_root in _ALIASES.items():
            if fullname == alias or fullname.startswith(alias + "."):
                real = real_root + fullname[len(alias):]
                try:
                    if importlib.util.find_spec(real) is None:
                        raise ModuleNotFoundError(
                            f"No module named '{fullname}': mindspore_jax has no '{real}'.",
                            name=fullname)
                except ModuleNotFoundError as e:
                    raise ModuleNotFoundError(
                        f"No module named '{fullname}' (mindspore_jax does not provide '{real}': "
                        f"{e})", name=fullname) from None
                return importlib.util.spec_from_loader(fullname, _Loader(real))
        return None


_FINDER = _Finder()


def enable_alias():
    """Makes ``import mindspore`` (and every submodule) resolve to mindspore_jax. Idempotent;
    use it in notebooks: ``import mindspore_jax; mindspore_jax.enable_alias()``."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    for name in list(sys.modules):
        if name == "mindspore_jax" or name.startswith("mindspore_jax."):
            alias = "mindspore" + name[len("mindspore_jax"):]
            sys.modules.setdefault(alias, sys.modules[name])


def disable_alias():
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
