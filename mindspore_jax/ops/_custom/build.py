"""Builds the C++ parts (the AOT bridge, example plug-in kernels, user .cc kernels) with the
system C++ compiler against the XLA FFI headers jaxlib ships; results are cached by content hash.

Building happens on first use rather than at ``pip install``: the package installs everywhere,
and where no compiler exists the error says exactly what is missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile

_CACHE = os.environ.get("MINDSPORE_JAX_BUILD_DIR") or os.path.join(
    os.path.expanduser("~"), ".cache", "mindspore_jax", "build")


def compiler():
    for name in (os.environ.get("CXX"), "g++", "c++", "clang++"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def build_shared(src_path, extra_flags=(), with_ffi=True):
    """Compiles ``src_path`` into a shared library; returns its path (cached by content)."""
    cxx = compiler()
    if cxx is None:
        raise RuntimeError(
            f"Building '{src_path}' needs a C++ compiler (g++ or clang++), and none was found on "
            "PATH. Install one (e.g. `apt-get install g++`) or set CXX.")
    with open(src_path, "rb") as f:
        src = f.read()
    flags = ["-shared", "-fPIC", "-O2", "-std=c++17", *extra_flags]
    if with_ffi:
        import jax.ffi

        flags.append("-I" + jax.ffi.include_dir())
    key = hashlib.sha256(src + " ".join(flags).encode() + cxx.encode()).hexdigest()[:16]
    os.makedirs(_CACHE, exist_ok=True)
    base = os.path.splitext(os.path.basename(src_path))[0]
    out = os.path.join(_CACHE, f"{base}-{key}.so")
    if os.path.exists(out):
        return out
    fd, tmp = tempfile.mkstemp(suffix=".so", dir=_CACHE)
    os.close(fd)
    cmd = [cxx, *flags, src_path, "-o", tmp]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        os.unlink(tmp)
        raise RuntimeError(f"Compiling '{src_path}' failed:\n{' '.join(cmd)}\n{r.stderr[-4000:]}")
    os.replace(tmp, out)  # atomic: concurrent builders never see a half-written library
    return out
