"""Imports every op family in ``ops/_impl`` so that the registry and its views are complete."""

import importlib
import pkgutil

from . import _impl

for _m in sorted(pkgutil.iter_modules(_impl.__path__), key=lambda m: m.name):
    if not _m.name.startswith("_"):
        importlib.import_module(f"{_impl.__name__}.{_m.name}")
