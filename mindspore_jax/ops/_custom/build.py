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

INCLUDE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "include")
"""Holds custom_aot_extra.h (the AotExtra interface); searched after a source's own folder, so a
user's copy of the header wins."""

_CACHE = os.environ.get("MINDSPORE_JAX_BUILD_DIR") or os.path.join(
    os.path.expanduser("~"), ".cache", "mindspore_jax", "build")


def compiler():
    for name in (os.environ.get("CXX"), "g++", "c++", "clang++"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


# The package's own C++ libraries: name -> (source, relative to the package root, extra flags).
# setup.py builds them at install time (optional: where it cannot, they build here on first use).
_PKG = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE_LIBS = {
    "aot_bridge": ("ops/_custom/aot_bridge.cc", ("-D_GLIBCXX_USE_CXX11_ABI=0", "-I" + INCLUDE_DIR)),
    "standin_kernels": ("device/example_plugin/kernels.cc", ()),
}


def prebuilt_name(name, jaxlib_version):
    """The module-style name setup.py gives library ``name``: it carries a hash of the source
    and of the jaxlib it is built against (the XLA FFI headers come from jaxlib), so a library
    left from another source or jaxlib is never picked up."""
    rel = PACKAGE_LIBS[name][0]
    with open(os.path.join(_PKG, rel), "rb") as f:
        key = hashlib.sha256(f.read() + jaxlib_version.encode()).hexdigest()[:12]
    return f"_{name}_{key}"


def package_lib(name):
    """Path of the package's library ``name``: the one built at install when it matches this
    source and this jaxlib, else one built now (cached)."""
    import importlib.machinery

    import jaxlib

    rel, flags = PACKAGE_LIBS[name]
    src = os.path.join(_PKG, rel)
    lib = os.path.join(os.path.dirname(src), prebuilt_name(name, jaxlib.__version__)
                       + importlib.machinery.EXTENSION_SUFFIXES[0])
    if os.path.exists(lib):
        return lib
    return build_shared(src, extra_flags=flags)


def nvcc():
    """The CUDA compiler: $NVCC, nvcc on PATH, or under $CUDA_HOME / /usr/local/cuda."""
    cands = [os.environ.get("NVCC"), shutil.which("nvcc")]
    for home in (os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH"), "/usr/local/cuda"):
        if home:
            cands.append(os.path.join(home, "bin", "nvcc"))
    for c in cands:
        if c and os.path.exists(c):
            return c
    return None


def _gpu_arch_flags():
    """Code for the GPU JAX sees (SASS plus PTX, so newer chips can JIT it); nvcc's default
    when no GPU is visible."""
    try:
        import jax

        cc = jax.devices("gpu")[0].compute_capability.replace(".", "")
    except Exception:
        return []
    return ["-gencode", f"arch=compute_{cc},code=[sm_{cc},compute_{cc}]"]


def build_cuda(src_path):
    """Compiles a CUDA source into a shared library with nvcc, with MindSpore's AOT flags."""
    exe = nvcc()
    if exe is None:
        raise RuntimeError(
            f"Building '{src_path}' needs nvcc (the CUDA compiler), and none was found on PATH, "
            "$CUDA_HOME/bin or /usr/local/cuda/bin. Install the CUDA toolkit, or build the library "
            "yourself and pass 'lib.so:FuncName'.")
    flags = ["--shared", "-Xcompiler", "-fPIC", "-O3", "--use_fast_math", "--expt-relaxed-constexpr",
             "-D_GLIBCXX_USE_CXX11_ABI=0", "-I" + os.path.dirname(os.path.abspath(src_path)),
             "-I" + INCLUDE_DIR, *_gpu_arch_flags()]
    return _compile(exe, flags, src_path)


def build_shared(src_path, extra_flags=(), with_ffi=True):
    """Compiles ``src_path`` into a shared library; returns its path (cached by content)."""
    cxx = compiler()
    if cxx is None:
        raise RuntimeError(
            f"Building '{src_path}' needs a C++ compiler (g++ or clang++), and none was found on "
            "PATH. Install one (e.g. `apt-get install g++`) or set CXX.")
    flags = ["-shared", "-fPIC", "-O2", "-std=c++17", *extra_flags]
    if with_ffi:
        import jax.ffi

        flags.append("-I" + jax.ffi.include_dir())
    return _compile(cxx, flags, src_path)


def _our_headers(flags):
    """The contents of our headers when INCLUDE_DIR is searched: part of the cache key, so an
    updated header rebuilds what includes it."""
    if "-I" + INCLUDE_DIR not in flags:
        return b""
    out = b""
    for name in sorted(os.listdir(INCLUDE_DIR)):
        with open(os.path.join(INCLUDE_DIR, name), "rb") as f:
            out += name.encode() + f.read()
    return out


def _compile(exe, flags, src_path):
    with open(src_path, "rb") as f:
        src = f.read()
    key = hashlib.sha256(src + _our_headers(flags) + " ".join(flags).encode() + exe.encode()).hexdigest()[:16]
    os.makedirs(_CACHE, exist_ok=True)
    base = os.path.splitext(os.path.basename(src_path))[0]
    out = os.path.join(_CACHE, f"{base}-{key}.so")
    if os.path.exists(out):
        return out
    fd, tmp = tempfile.mkstemp(suffix=".so", dir=_CACHE)
    os.close(fd)
    cmd = [exe, *flags, src_path, "-o", tmp]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        os.unlink(tmp)
        raise RuntimeError(f"Compiling '{src_path}' failed:\n{' '.join(cmd)}\n{r.stderr[-4000:]}")
    os.replace(tmp, out)  # atomic: concurrent builders never see a half-written library
    return out
