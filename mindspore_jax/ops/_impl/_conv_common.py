"""Geometry helpers shared by the conv/pool families (layouts, kernel tuples, 'same'/explicit pads)."""

from __future__ import annotations

import numpy as np

from .. import _registry as R

# Channels-first layouts (NCW, NCHW, NCDHW). ``pad_mode='same'`` pads like TensorFlow (the
# smaller half before, the extra cell after); explicit padding is per spatial dim (before, after).

_DN = {1: ("NCH", "OIH", "NCH"), 2: ("NCHW", "OIHW", "NCHW"), 3: ("NCDHW", "OIDHW", "NCDHW")}


def _tup(v, n, name="kernel_size"):
    if isinstance(v, (int, np.integer)):
        return (int(v),) * n
    v = tuple(int(i) for i in v)
    if len(v) == 1:
        return v * n
    if len(v) != n:
        R.raise_error(ValueError, "Conv", f"the '{name}' must be an int or a tuple of {n} ints, but got {v}.")
    return v


def same_pads(sizes, kernel, stride, dilation):
    """TensorFlow 'SAME': total = max((ceil(n/s)-1)*s + (k-1)*d + 1 - n, 0), extra cell after."""
    pads = []
    for n, k, s, d in zip(sizes, kernel, stride, dilation):
        total = max((-(-n // s) - 1) * s + (k - 1) * d + 1 - n, 0)
        pads.append((total // 2, total - total // 2))
    return pads


def explicit_pads(padding, nsp):
    """int -> symmetric; nsp ints -> per-dim symmetric; 2*nsp ints -> (before, after) per dim."""
    if isinstance(padding, (int, np.integer)):
        return [(int(padding), int(padding))] * nsp
    p = tuple(int(i) for i in padding)
    if len(p) == 1:
        return [(p[0], p[0])] * nsp
    if len(p) == nsp:
        return [(i, i) for i in p]
    if len(p) == 2 * nsp:
        return [(p[2 * i], p[2 * i + 1]) for i in range(nsp)]
    R.raise_error(
        ValueError,
        "Conv",
        f"the 'padding' must be an int or a tuple of {nsp} or {2 * nsp} ints, but got {p}.",
    )


def _resolve_pads(x_sp, kernel, stride, dilation, pad_mode, padding):
    nsp = len(kernel)
    mode = pad_mode.lower() if isinstance(pad_mode, str) else pad_mode
    if isinstance(padding, str):
        mode = padding.lower()
    if mode == "same":
        return same_pads(x_sp, kernel, stride, dilation)
    if mode == "valid":
        return [(0, 0)] * nsp
    if mode == "pad":
        return explicit_pads(padding, nsp)
    R.raise_error(
        ValueError, "Conv", f"the 'pad_mode' must be 'same', 'valid' or 'pad', but got '{pad_mode}'."
    )


# --- pooling windows ----------------------------------------------------------------------------


def _pool_geometry(sp, kernel, stride, dilation, pad_mode, padding, ceil_mode):
    """(pads as (before, after), count_region pads) for each spatial dim."""
    mode = pad_mode.lower()
    if mode == "same":
        return same_pads(sp, kernel, stride, dilation), [(0, 0)] * len(sp)
    if mode == "valid":
        base = [(0, 0)] * len(sp)
    else:
        base = explicit_pads(padding, len(sp))
    pads = []
    for n, k, s, d, (b, a) in zip(sp, kernel, stride, dilation, base):
        eff = (k - 1) * d + 1
        if ceil_mode:
            out = -(-(n + b + a - eff) // s) + 1
            if (out - 1) * s >= n + b:  # last window must start inside the input or left pad
                out -= 1
        else:
            out = (n + b + a - eff) // s + 1
        pads.append((b, max((out - 1) * s + eff - n - b, a)))
    return pads, base


# --- rank checks ------------------------------------------------------------------------------
def _check_rank(name, x, ranks):
    if x.ndim not in ranks:
        R.raise_error(
            ValueError,
            name,
            f"the input must be {' or '.join(str(r) for r in ranks)}-D, but got shape {list(x.shape)}.",
        )
