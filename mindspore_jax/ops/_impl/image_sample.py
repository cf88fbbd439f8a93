"""Image sampling ops: CropAndResize, GridSampler2D/3D (grid_sample), AffineGrid, ExtractGlimpse.

Formulas follow MindSpore 2.10's CPU kernels: CropAndResize maps box corners to
``y1 * (H - 1)`` (TensorFlow style, ``bilinear_v2`` is MindSpore's own half-pixel variant),
grid sampling is PyTorch's (unnormalize, border/reflection padding, round-half-away nearest),
ExtractGlimpse truncates the window origin and fills what falls outside with noise.
Resizes live in ``image_resize.py`` and the colour-space ops in ``image_color.py``.
"""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np

from ...common.rng import next_key
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive
from ...common.tensor import Tensor
from ..primitive import Primitive

_FLOATS = (jnp.float16, jnp.float32, jnp.float64, jnp.bfloat16)


def _concrete(x):
    return not isinstance(x, jax.core.Tracer)


def static_ints(name, arg, v):
    """A size given as tuple/list/Tensor -> tuple of Python ints (it must be a constant)."""
    v = R.unwrap(v)
    if isinstance(v, jax.core.Tracer):
        R.raise_error(ValueError, name, f"the value of '{arg}' must be a constant, but got a variable.")
    return tuple(int(s) for s in np.asarray(v).reshape(-1))


# --- CropAndResize ----------------------------------------------------------------------------

_CROP_METHODS = ("bilinear", "nearest", "bilinear_v2")


def _crop(img, boxes, bi, ch, cw, method, extrapolation_value):
    """The forward of one CropAndResize method on a float32 image."""
    h, w = img.shape[1:3]
    y1, x1, y2, x2 = (boxes[:, i][:, None] for i in range(4))

    def gather(iy, ix):  # iy (B, ch), ix (B, cw) -> (B, ch, cw, C)
        iy = jnp.clip(iy, 0, h - 1)
        ix = jnp.clip(ix, 0, w - 1)
        return img[bi[:, None, None], iy[:, :, None], ix[:, None, :]]

    if method == "bilinear_v2":
        y1h = jnp.trunc(y1 * h).astype(jnp.int32)
        x1w = jnp.trunc(x1 * w).astype(jnp.int32)
        bh = jnp.maximum(jnp.trunc(y2 * h).astype(jnp.int32) - y1h + 1, 1)
        bw = jnp.maximum(jnp.trunc(x2 * w).astype(jnp.int32) - x1w + 1, 1)
        yp = (jnp.arange(ch, dtype=jnp.float32) + 0.5) * (bh.astype(jnp.float32) / ch) - 0.5
        xp = (jnp.arange(cw, dtype=jnp.float32) + 0.5) * (bw.astype(jnp.float32) / cw) - 0.5
        top = jnp.clip(jnp.floor(yp).astype(jnp.int32), 0, bh - 1)
        bot = jnp.clip(jnp.ceil(yp).astype(jnp.int32), 0, bh - 1)
        left = jnp.clip(jnp.floor(xp).astype(jnp.int32), 0, bw - 1)
        right = jnp.clip(jnp.ceil(xp).astype(jnp.int32), 0, bw - 1)
        yl = (yp - top)[:, :, None, None]
        xl = (xp - left)[:, None, :, None]
        t, b = jnp.maximum(y1h + top, 0), jnp.maximum(y1h + bot, 0)
        le, r = jnp.maximum(x1w + left, 0), jnp.maximum(x1w + right, 0)
        return (
            gather(t, le) * (1 - yl) * (1 - xl)
            + gather(b, r) * yl * xl
            + gather(t, r) * (1 - yl) * xl
            + gather(b, le) * yl * (1 - xl)
        )

    def target(c1, c2, n_in, n_out):
        if n_out > 1:
            scale = (c2 - c1) * (n_in - 1) / (n_out - 1)
            return c1 * (n_in - 1) + jnp.arange(n_out, dtype=jnp.float32) * scale
        return 0.5 * (c1 + c2) * (n_in - 1)

    ty = target(y1, y2, h, ch)  # (B, ch)
    tx = target(x1, x2, w, cw)  # (B, cw)
    inside = ((ty >= 0) & (ty <= h - 1))[:, :, None, None] & ((tx >= 0) & (tx <= w - 1))[:, None, :, None]
    if method == "nearest":
        # roundf (half away from zero); in-range targets are >= 0
        out = gather(jnp.floor(ty + 0.5).astype(jnp.int32), jnp.floor(tx + 0.5).astype(jnp.int32))
    else:
        top, bot = jnp.floor(ty), jnp.ceil(ty)
        left, right = jnp.floor(tx), jnp.ceil(tx)
        ti, bo, li, ri = (v.astype(jnp.int32) for v in (top, bot, left, right))
        xl = (tx - left)[:, None, :, None]
        yl = (ty - top)[:, :, None, None]
        tl, tr, bl, br = gather(ti, li), gather(ti, ri), gather(bo, li), gather(bo, ri)
        t = tl + (tr - tl) * xl
        b = bl + (br - bl) * xl
        out = t + (b - t) * yl
    return jnp.where(inside, out, jnp.float32(extrapolation_value))


@op("crop_and_resize")
def _crop_and_resize(image, boxes, box_index, crop_size, method="bilinear", extrapolation_value=0.0):
    name = "CropAndResize"
    if image.ndim != 4:
        R.raise_error(ValueError, name, f"the dimension of 'x' must be 4, but got {image.ndim}.")
    if boxes.ndim != 2 or boxes.shape[1] != 4:
        R.raise_error(
            ValueError, name, f"the shape of 'boxes' must be [num_boxes, 4], but got {list(boxes.shape)}."
        )
    if box_index.ndim != 1 or box_index.shape[0] != boxes.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the shape of 'box_index' must be [{boxes.shape[0]}], but got {list(box_index.shape)}.",
        )
    if box_index.dtype.kind not in "iu":
        R.raise_error(
            TypeError, name, f"the dtype of 'box_index' must be int32, but got {R.ms_dtype(box_index)}."
        )
    batch, h, w, _ = image.shape
    if _concrete(box_index) and box_index.size:
        bad = np.asarray(box_index)
        bad = bad[(bad < 0) | (bad >= batch)]
        if bad.size:
            R.raise_error(
                ValueError, name, f"the value of box_index must be in [0, {batch}), but got [{bad[0]}]."
            )
    ch, cw = crop_size
    img = image.astype(jnp.float32)
    boxes = boxes.astype(jnp.float32)
    bi = box_index.astype(jnp.int32)
    sg = jax.lax.stop_gradient

    def part(method, i, b):
        return _crop(i, b, bi, ch, cw, method, extrapolation_value)

    if method == "bilinear":
        return part("bilinear", img, boxes)
    # MindSpore's backward: boxes always get the bilinear gradient, the image a nearest scatter
    box_path = part("bilinear", sg(img), boxes)
    img_path = part("nearest", img, sg(boxes))
    out = img_path if method == "nearest" else sg(part(method, img, boxes)) + img_path - sg(img_path)
    return out + box_path - sg(box_path)


def _check_crop_method(method, extrapolation_value):
    if not isinstance(method, str):
        R.raise_error(
            TypeError,
            "CropAndResize",
            f"the type of 'method' should be 'str', but got type '{type(method).__name__}'.",
        )
    if method not in _CROP_METHODS:
        R.raise_error(
            ValueError,
            "CropAndResize",
            f"the 'method' must be str and must be in '{list(_CROP_METHODS)}', but got '{method}'.",
        )
    if not isinstance(extrapolation_value, float):
        R.raise_error(
            TypeError,
            "CropAndResize",
            f"the type of 'extrapolation_value' should be 'float', but got type "
            f"'{type(extrapolation_value).__name__}'.",
        )


@primitive
class CropAndResize(Primitive):
    """``ops.CropAndResize(method='bilinear', extrapolation_value=0.0)(x, boxes, box_index, crop_size)``."""

    def __init__(self, method="bilinear", extrapolation_value=0.0):
        super().__init__("CropAndResize")
        _check_crop_method(method, extrapolation_value)
        self.method, self.extrapolation_value = method, extrapolation_value

    def __call__(self, x, boxes, box_index, crop_size):
        crop_size = static_ints("CropAndResize", "crop_size", crop_size)
        if len(crop_size) != 2 or min(crop_size) <= 0:
            R.raise_error(
                ValueError,
                "CropAndResize",
                f"the 'crop_size' must be two positive ints, but got {crop_size}.",
            )
        return call("crop_and_resize", x, boxes, box_index, crop_size, self.method, self.extrapolation_value)


@functional
def crop_and_resize(image, boxes, box_indices, crop_size, method="bilinear", extrapolation_value=0.0):
    """``ops.crop_and_resize``: (num_boxes, crop_h, crop_w, depth) float32 crops of NHWC images."""
    fn = "For crop_and_resize, "
    for arg, v in (("image", image), ("boxes", boxes), ("box_indices", box_indices)):
        if not isinstance(v, Tensor):
            raise TypeError(f"{fn}the input {arg} must be a tensor")
    if not isinstance(crop_size, tuple):
        raise TypeError(f"{fn}the input crop_size must be a tuple, but got {type(crop_size)}")
    if len(crop_size) != 2:
        raise ValueError(f"{fn}the crop_size's length must be 2, bot got {len(crop_size)}")
    if image.ndim != 4:
        raise ValueError(f"{fn}the input image must be 4D Tensor, but got is {image.ndim}D")
    if str(boxes.dtype) != "Float32":
        raise TypeError(f"{fn}the input boxes must be Float32, but got {boxes.dtype}")
    if boxes.ndim != 2 or boxes.shape[-1] != 4:
        raise ValueError(
            f"{fn}the input boxes must be 2D and the second-dim must be 4, but got {tuple(boxes.shape)}"
        )
    if str(box_indices.dtype) != "Int32":
        raise TypeError(f"{fn}the input box_indices must be Int32, but got {box_indices.dtype}")
    if box_indices.ndim != 1:
        raise ValueError(f"{fn}the input box_indices must be 1D, but got {tuple(box_indices.shape)}")
    if boxes.shape[0] != box_indices.shape[0]:
        raise ValueError(
            f"{fn}the first dim of input box_indices must be equal to that of input boxes, "
            f"but got {box_indices.shape[0]} vs {boxes.shape[0]}"
        )
    if not isinstance(crop_size[0], int) or not isinstance(crop_size[1], int):
        raise TypeError(f"{fn}the crop_size's value must be int.")
    if crop_size[0] <= 0 or crop_size[1] <= 0:
        raise ValueError(f"{fn}the crop_size's value must be positive.")
    return CropAndResize(method, extrapolation_value)(image, boxes, box_indices, crop_size)


# --- grid sampling (PyTorch's formulas, which MindSpore's kernels follow) --------------------

_GS_MODES = ("bilinear", "nearest")
_GS_PADS = ("zeros", "border", "reflection")


def _reflect(x, twice_low, twice_high):
    if twice_low == twice_high:
        return jnp.zeros_like(x)
    lo = twice_low / 2
    span = (twice_high - twice_low) / 2
    x = jnp.abs(x - lo)
    extra = jnp.fmod(x, span)
    flips = jnp.floor(x / span)
    return jnp.where(jnp.fmod(flips, 2) == 0, extra + lo, span - extra + lo)


def _clip(c, size):
    """clip_coordinates with PyTorch's gradient: zero at and beyond either border."""
    return jnp.where(c <= 0, 0.0, jnp.where(c >= size - 1, float(size - 1), c)).astype(c.dtype)


def _source_index(coord, size, padding_mode, align_corners):
    if align_corners:
        coord = (coord + 1) / 2 * (size - 1)
    else:
        coord = ((coord + 1) * size - 1) / 2
    if padding_mode == "border":
        coord = _clip(coord, size)
    elif padding_mode == "reflection":
        if align_corners:
            coord = _reflect(coord, 0, 2 * (size - 1))
        else:
            coord = _reflect(coord, -1, 2 * size - 1)
        coord = _clip(coord, size)
    return coord


def _all(conds):
    out = conds[0]
    for c in conds[1:]:
        out = out & c
    return out


def _grid_sample_one(x, coords, mode):
    """x (C, *S); coords: per spatial dim (ordered like S) float arrays of the output shape."""
    sizes = x.shape[1:]

    def fetch(idx):
        ok = _all([(i >= 0) & (i < s) for i, s in zip(idx, sizes)])
        safe = tuple(jnp.clip(i, 0, s - 1) for i, s in zip(idx, sizes))
        return jnp.where(ok, x[(slice(None),) + safe], 0)

    if mode == "nearest":
        # std::round: halves go away from zero
        return fetch([(jnp.sign(c) * jnp.floor(jnp.abs(c) + 0.5)).astype(jnp.int32) for c in coords])
    lo = [jnp.floor(c) for c in coords]
    out = 0
    for corner in itertools.product((0, 1), repeat=len(coords)):
        wgt = 1
        idx = []
        for c, f, k in zip(coords, lo, corner):
            wgt = wgt * ((c - f) if k else (f + 1 - c))
            idx.append((f + k).astype(jnp.int32))
        out = out + fetch(idx) * wgt
    return out


@op("grid_sample")
def _grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False):
    nd = x.ndim - 2
    name = "GridSampler2D" if nd == 2 else "GridSampler3D"
    if x.ndim not in (4, 5) or grid.ndim != x.ndim:
        R.raise_error(
            ValueError,
            name,
            f"'input_x' and 'grid' must be both {x.ndim if x.ndim in (4, 5) else 4}-D, but got shapes "
            f"{list(x.shape)} and {list(grid.shape)}.",
        )
    if x.dtype != grid.dtype:
        R.raise_error(TypeError, name, "'input_x' and 'grid' must have the same dtype.")
    if x.dtype not in _FLOATS:
        R.raise_error(
            TypeError,
            name,
            f"the dtype of 'input_x' must be float16, float32 or float64, but got {R.ms_dtype(x)}.",
        )
    if grid.shape[0] != x.shape[0]:
        R.raise_error(ValueError, name, "the first dimension of 'grid' and 'input_x' must be equal.")
    if grid.shape[-1] != nd:
        R.raise_error(
            ValueError, name, f"the last dimension of 'grid' must be {nd}, but got shape {list(grid.shape)}."
        )
    if mode not in _GS_MODES:
        R.raise_error(
            ValueError, name, f"the 'interpolation_mode' must be one of {list(_GS_MODES)}, but got '{mode}'."
        )
    if padding_mode not in _GS_PADS:
        R.raise_error(
            ValueError, name, f"the 'padding_mode' must be one of {list(_GS_PADS)}, but got '{padding_mode}'."
        )
    cdt = jnp.float32 if x.dtype in (jnp.float16, jnp.bfloat16) else x.dtype
    xs, gs = x.astype(cdt), grid.astype(cdt)
    sizes = x.shape[2:]
    # grid's last axis is (x, y[, z]) = reversed spatial order
    coords = [_source_index(gs[..., nd - 1 - d], sizes[d], padding_mode, align_corners) for d in range(nd)]
    out = jax.vmap(lambda xi, *ci: _grid_sample_one(xi, ci, mode))(xs, *coords)
    return out.astype(x.dtype)


class _GridSampler(Primitive):
    def __init__(self, interpolation_mode="bilinear", padding_mode="zeros", align_corners=False):
        super().__init__(type(self).__name__)
        for arg, v, allowed in (
            ("interpolation_mode", interpolation_mode, _GS_MODES),
            ("padding_mode", padding_mode, _GS_PADS),
        ):
            if v not in allowed:
                op_name = "grid_sampler_2d" if self._rank == 4 else self.name
                raise ValueError(
                    f"Failed to convert the value \"{v}\" of input '{arg}' of '{op_name}' to enum."
                )
        if not isinstance(align_corners, bool):
            R.raise_error(
                TypeError,
                self.name,
                f"the 'align_corners' must be bool, but got {type(align_corners).__name__}.",
            )
        self.interpolation_mode, self.padding_mode, self.align_corners = (
            interpolation_mode,
            padding_mode,
            align_corners,
        )

    def __call__(self, input_x, grid):
        if input_x.ndim != self._rank:
            R.raise_error(
                ValueError,
                self.name,
                f"the dimension of 'input_x' must be {self._rank}, but got {input_x.ndim}.",
            )
        # the messages of MindSpore's shape/type inference (they carry no "For 'X'" prefix)
        if input_x.dtype != grid.dtype:
            raise TypeError(
                f"Input grid must have the same data type with input x! input[x] data type = "
                f"Tensor[{input_x.dtype}] but input[grid] data type = Tensor[{grid.dtype}]"
            )
        if grid.ndim >= 1 and grid.shape[0] != input_x.shape[0]:
            raise ValueError(
                f"The shape of grid is {tuple(grid.shape)} , but the shape of input_x is "
                f"{tuple(input_x.shape)} . The first dimension of grid and input_x must be equal."
            )
        mode, pad, align = self.interpolation_mode, self.padding_mode, self.align_corners
        return call("grid_sample", input_x, grid, mode, pad, align)


@primitive
class GridSampler2D(_GridSampler):
    """``ops.GridSampler2D(interpolation_mode, padding_mode, align_corners)(input_x, grid)``."""

    _rank = 4


@primitive
class GridSampler3D(_GridSampler):
    """``ops.GridSampler3D(interpolation_mode, padding_mode, align_corners)(input_x, grid)``."""

    _rank = 5


@functional
def grid_sample(input, grid, mode="bilinear", padding_mode="zeros", align_corners=None):
    """``ops.grid_sample`` / ``mint.nn.functional.grid_sample``: 4-D (bilinear/nearest) or 5-D input."""
    align_corners = False if align_corners is None else align_corners
    cls = GridSampler2D if input.ndim == 4 else GridSampler3D
    return cls(mode, padding_mode, align_corners)(input, grid)


mint("nn.functional.grid_sample")(grid_sample)


# --- AffineGrid -------------------------------------------------------------------------------


def _base_coords(n, align_corners):
    if n <= 1:
        return np.zeros((max(n, 1),), np.float64)
    v = np.linspace(-1.0, 1.0, n)
    return v if align_corners else v * (n - 1) / n


@op("affine_grid")
def _affine_grid(theta, size, align_corners=False):
    name = "AffineGrid"
    if theta.dtype not in (jnp.float16, jnp.float32):
        R.raise_error(
            TypeError,
            name,
            f"the input argument[theta] must be a type of {{Tensor[Float16], Tensor[Float32]}}, "
            f"but got Tensor[{R.ms_dtype(theta)}].",
        )
    size = tuple(int(s) for s in size)
    ok2 = theta.ndim == 3 and theta.shape[1:] == (2, 3) and len(size) == 4
    ok3 = theta.ndim == 3 and theta.shape[1:] == (3, 4) and len(size) == 5
    if not (ok2 or ok3):
        R.raise_error(
            ValueError,
            name,
            "the shape of 'theta' must be [N, 2, 3] and the size of 'output_size' must be 4 for 2D; "
            "or the shape of 'theta' must be [N, 3, 4] and the size of 'output_size' must be 5 for 3D. "
            "But got the shape of "
            f"'theta is {list(theta.shape)} and the size of 'output_size' is {len(size)}.",
        )
    if size[0] != theta.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the output_size[0] must be equal to the shape[0] of theta, "
            f"but got the output_size[0] is {size[0]} "
            f"and the shape[0] of theta is {theta.shape[0]}.",
        )
    sp = size[2:]  # (H, W) or (D, H, W)
    mesh = np.meshgrid(*[_base_coords(n, align_corners) for n in sp], indexing="ij")[::-1]
    base = np.stack(list(mesh) + [np.ones(sp)], -1).astype(np.float32)  # (*sp, nd + 1)
    t = theta.astype(jnp.float32)
    out = jnp.einsum("...k,nck->n...c", jnp.asarray(base), t, precision=jax.lax.Precision.HIGHEST)
    return out.astype(theta.dtype)


@primitive
class AffineGrid(Primitive):
    """``ops.AffineGrid(align_corners=False)(theta, output_size)``."""

    def __init__(self, align_corners=False):
        super().__init__("AffineGrid")
        if not isinstance(align_corners, bool):
            R.raise_error(
                TypeError,
                "AffineGrid",
                f"the 'align_corners' must be bool, but got {type(align_corners).__name__}.",
            )
        self.align_corners = align_corners

    def __call__(self, theta, output_size):
        return call(
            "affine_grid", theta, static_ints("AffineGrid", "output_size", output_size), self.align_corners
        )


@functional
def affine_grid(theta, size, align_corners=False):
    """``ops.affine_grid(theta (N, 2, 3) | (N, 3, 4), size (N, C, H, W) | (N, C, D, H, W))``."""
    if not isinstance(theta, Tensor):
        raise TypeError(f"For 'affine_grid', the 'theta' must be a Tensor, but got {type(theta).__name__}.")
    if not isinstance(size, tuple):
        raise TypeError(f"For 'affine_grid', the 'size' must be a tuple, but got {type(size).__name__}.")
    return AffineGrid(align_corners)(theta, size)


# --- ExtractGlimpse ---------------------------------------------------------------------------


@op("extract_glimpse")
def _extract_glimpse(x, size, offsets, centered=True, normalized=True, uniform_noise=True, noise="uniform"):
    name = "ExtractGlimpse"
    if x.ndim != 4:
        R.raise_error(ValueError, name, f"the dimension of 'x' must be 4, but got {x.ndim}.")
    if offsets.ndim != 2 or offsets.shape[1] != 2:
        R.raise_error(
            ValueError, name, f"the shape of 'offsets' must be [batch, 2], but got {list(offsets.shape)}."
        )
    if offsets.shape[0] != x.shape[0]:
        R.raise_error(
            ValueError,
            name,
            f"the first dimension of 'offsets' must be equal to the batch of 'x', but got {offsets.shape[0]} "
            f"and {x.shape[0]}.",
        )
    gh, gw = size
    if gh <= 0 or gw <= 0:
        R.raise_error(
            ValueError, name, f"the value of 'size' must be greater than zero, but got {list(size)}."
        )
    n, h, w, c = x.shape
    off = offsets.astype(jnp.float32)
    oy, ox = off[:, 0], off[:, 1]
    if normalized:
        oy, ox = oy * jnp.float32(h), ox * jnp.float32(w)
    if centered:
        oy = oy / 2.0 + h / 2.0
        ox = ox / 2.0 + w / 2.0
    oy = jnp.trunc(oy - gh / 2.0).astype(jnp.int32)
    ox = jnp.trunc(ox - gw / 2.0).astype(jnp.int32)
    rows = oy[:, None] + jnp.arange(gh)[None]  # (N, gh)
    cols = ox[:, None] + jnp.arange(gw)[None]  # (N, gw)
    inside = ((rows >= 0) & (rows < h))[:, :, None, None] & ((cols >= 0) & (cols < w))[:, None, :, None]
    vals = x.astype(jnp.float32)[
        jnp.arange(n)[:, None, None],
        jnp.clip(rows, 0, h - 1)[:, :, None],
        jnp.clip(cols, 0, w - 1)[:, None, :],
    ]
    shape = (n, gh, gw, c)
    if uniform_noise or noise == "uniform":
        fill = jax.random.uniform(next_key(), shape, jnp.float32, -1.0, 1.0)
    elif noise == "gaussian":
        fill = jnp.maximum(0.0, 10.0 + 0.5 * jax.random.normal(next_key(), shape, jnp.float32))
    else:
        fill = jnp.zeros(shape, jnp.float32)
    return jnp.where(inside, vals, fill)


@primitive
class ExtractGlimpse(Primitive):
    """``ops.ExtractGlimpse(centered, normalized, uniform_noise, noise)(x, size, offsets)`` (NHWC float32)."""

    def __init__(self, centered=True, normalized=True, uniform_noise=True, noise="uniform"):
        super().__init__("ExtractGlimpse")
        for arg, v in (("centered", centered), ("normalized", normalized), ("uniform_noise", uniform_noise)):
            if not isinstance(v, bool):
                R.raise_error(
                    TypeError,
                    self.name,
                    f"the type of '{arg}' should be 'bool', but got type '{type(v).__name__}'.",
                )
        if not isinstance(noise, str):
            R.raise_error(
                TypeError,
                self.name,
                f"the type of 'noise' should be 'str', but got type '{type(noise).__name__}'.",
            )
        if noise not in ("uniform", "gaussian", "zero"):
            R.raise_error(
                ValueError,
                self.name,
                "the 'noise' must be str and must be in '['uniform', 'gaussian', 'zero']', "
                f"but got '{noise}'.",
            )
        if uniform_noise and noise != "uniform":
            raise ValueError(
                f"For '{self.name}', the value of 'noise' must be uniform when uniform_noise is True, "
                f"but got {noise}."
            )
        self.centered, self.normalized, self.uniform_noise, self.noise = (
            centered,
            normalized,
            uniform_noise,
            noise,
        )

    def __call__(self, x, size, offsets):
        size = static_ints(self.name, "size", size)
        if len(size) != 2:
            R.raise_error(ValueError, self.name, f"the 'size' must have 2 elements, but got {list(size)}.")
        return call(
            "extract_glimpse",
            x,
            size,
            offsets,
            self.centered,
            self.normalized,
            self.uniform_noise,
            self.noise,
        )
