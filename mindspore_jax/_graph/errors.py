"""Errors raised while compiling: name the Cell/function, the user's source line and the values."""

from __future__ import annotations

import contextlib
import os
import sys

import jax

_PKG = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_JAX = os.path.dirname(os.path.abspath(jax.__file__))


class GraphSyntaxError(RuntimeError):
    """A statement GRAPH_MODE does not compile (MindSpore rejects it too), with its location."""

    def __init__(self, what, filename, line):
        import linecache

        src = linecache.getline(filename, line).strip() if line else ""
        super().__init__(
            f"Unsupported statement '{what}' in GRAPH_MODE / ms.jit code at {filename}:{line}: "
            f"`{src}`. MindSpore's static graph syntax has no '{what}' either; move it out of "
            "construct / the jit function, or run in PYNATIVE_MODE.")
        self.filename, self.lineno = filename, line


_SOURCE_MAPS = {}  # generated file (control-flow conversion) -> {LineLocation: OriginInfo}


def register_source_map(filename, source_map):
    if filename:
        _SOURCE_MAPS[filename] = source_map


def _original(filename, lineno):
    smap = _SOURCE_MAPS.get(filename)
    if not smap:
        return None
    for loc, origin in smap.items():
        if loc.lineno == lineno:
            return origin.loc.filename, origin.loc.lineno
    return None


def user_frame():
    """(filename, lineno, source line) of the innermost user frame outside this package and JAX;
    a frame of converted code (construct after control-flow conversion) maps to its source."""
    import linecache

    f = sys._getframe(1)
    while f is not None:
        fn = os.path.abspath(f.f_code.co_filename)
        if "__autograph_generated" in fn:
            orig = _original(f.f_code.co_filename, f.f_lineno)
            if orig is not None:
                return orig[0], orig[1], linecache.getline(orig[0], orig[1]).strip()
        if (not fn.startswith(_PKG) and not fn.startswith(_JAX) and "<frozen" not in fn
                and "__autograph_generated" not in fn and f"{os.sep}malt{os.sep}" not in fn):
            import linecache

            return fn, f.f_lineno, linecache.getline(fn, f.f_lineno).strip()
        f = f.f_back
    return "<unknown>", 0, ""


def where():
    """'(at file:line: `source`)' for the innermost user frame."""
    fn, line, src = user_frame()
    return f"(at {fn}:{line}: `{src}`)"


def tensor_bool_error(t, what):
    fn, line, src = user_frame()
    return RuntimeError(
        f"A Tensor's value was used as a Python {what} while compiling (GRAPH_MODE / ms.jit): "
        f"Tensor(shape={list(t.shape)}, dtype={t.dtype}) at {fn}:{line}: `{src}`. The value is not "
        "known until the compiled graph runs. Write the condition with Tensor ops (ops.select / "
        "mindspore.numpy.where), let the control-flow conversion handle it, or run in PYNATIVE_MODE.")


@contextlib.contextmanager
def trace_context(name):
    """Adds the compiled Cell/function's name to any error raised while tracing it."""
    try:
        yield
    except Exception as e:  # noqa: BLE001 - annotate and re-raise unchanged
        note = f"(raised while compiling '{name}' for GRAPH_MODE / ms.jit)"
        notes = getattr(e, "__notes__", [])
        if note not in notes and not any("while compiling" in n for n in notes):
            e.add_note(note)
        raise
