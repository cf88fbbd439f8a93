"""Builds the package's C++ libraries (the AOT custom-call bridge, the example plug-in's kernels)
at install time, against the XLA FFI headers of the jaxlib in the build environment.

The build is optional: without a C++ compiler or jaxlib the rest of the package installs, and
the libraries are built on first use instead (``ops/_custom/build.py``), whose error then says
exactly what is missing. Everything else is in pyproject.toml.
"""

import importlib.util
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "_msjax_build", os.path.join(HERE, "mindspore_jax", "ops", "_custom", "build.py"))
_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_build)  # stdlib only at import time


def _extensions():
    try:
        import jaxlib
    except ImportError:
        print("mindspore_jax: jaxlib is not importable while building; the C++ libraries will be "
              "built on first use")
        return []
    include = os.path.join(os.path.dirname(jaxlib.__file__), "include")
    exts = []
    for name, (rel, flags) in _build.PACKAGE_LIBS.items():
        # named by source and jaxlib hash: the runtime (build.package_lib) uses only a match
        mod = "mindspore_jax." + os.path.dirname(rel).replace("/", ".") + "." + \
            _build.prebuilt_name(name, jaxlib.__version__)
        exts.append(Extension(mod, sources=[os.path.join("mindspore_jax", rel)], language="c++",
                              include_dirs=[include], libraries=["stdc++"], optional=True,
                              extra_compile_args=["-std=c++17", "-O2", *flags]))
    return exts


setup(ext_modules=_extensions())
