"""Collects the public names (``__all__``) of every module in nn's sub-packages."""

import importlib
import pkgutil


def collect(package, namespace):
    for m in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if m.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{package.__name__}.{m.name}")
        for name in getattr(mod, "__all__", ()):
            namespace[name] = getattr(mod, name)
