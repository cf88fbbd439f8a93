"""``mindspore.numpy`` shape manipulation, joining/splitting, indexing and selection."""

from __future__ import annotations

import jax.numpy as jnp
import numpy as np

from ..common.tensor import Tensor
from ._base import arg, asarray as _asarray
from ._base import finish, is_wide, npfunc, unwrap


def _one(jfn, name):
    """``f(a, *rest)``: ``a`` an array, the rest plain arguments (shapes, axes...)."""
    def f(a, *args, **kwargs):
        x = _asarray(a)
        return finish(jfn(x, *[unwrap(v) for v in args], **{k: unwrap(v) for k, v in kwargs.items()}),
                      is_wide(x))
    f.__name__ = f.__qualname__ = name
    f.__doc__ = f"``mindspore.numpy.{name}`` (``jax.numpy.{getattr(jfn, '__name__', name)}``)."
    return f


def _tup(v):
    return tuple(v) if isinstance(v, list) else v


reshape = _one(lambda x, new_shape: jnp.reshape(x, _tup(new_shape)), "reshape")
ravel = _one(jnp.ravel, "ravel")
squeeze = _one(lambda x, axis=None: jnp.squeeze(x, _tup(axis)), "squeeze")
expand_dims = _one(lambda x, axis: jnp.expand_dims(x, _tup(axis)), "expand_dims")
transpose = _one(lambda x, axes=None: jnp.transpose(x, _tup(axes)), "transpose")
swapaxes = _one(jnp.swapaxes, "swapaxes")
moveaxis = _one(jnp.moveaxis, "moveaxis")
rollaxis = _one(jnp.rollaxis, "rollaxis")
broadcast_to = _one(lambda x, shape: jnp.broadcast_to(x, _tup(shape)), "broadcast_to")
tile = _one(jnp.tile, "tile")
flip = _one(lambda x, axis=None: jnp.flip(x, _tup(axis)), "flip")
fliplr = _one(jnp.fliplr, "fliplr")
flipud = _one(jnp.flipud, "flipud")
roll = _one(lambda x, shift, axis=None: jnp.roll(x, _tup(shift), _tup(axis)), "roll")
rot90 = _one(jnp.rot90, "rot90")
argwhere = _one(jnp.argwhere, "argwhere")


def repeat(a, repeats, axis=None):
    x = _asarray(a)
    r = unwrap(repeats)
    if isinstance(r, (list, tuple)):
        r = np.asarray(r)
    return finish(jnp.repeat(x, r, axis=axis), is_wide(x))


def atleast_1d(*arys):
    out = [finish(jnp.atleast_1d(_asarray(a)), True) for a in arys]
    return out[0] if len(out) == 1 else out


def atleast_2d(*arys):
    out = [finish(jnp.atleast_2d(_asarray(a)), True) for a in arys]
    return out[0] if len(out) == 1 else out


def atleast_3d(*arys):
    out = [finish(jnp.atleast_3d(_asarray(a)), True) for a in arys]
    return out[0] if len(out) == 1 else out


def broadcast_arrays(*args):
    return [Tensor._wrap(b) for b in jnp.broadcast_arrays(*[_asarray(a) for a in args])]


def _seq(jfn, name):
    def f(arrays, *args, **kwargs):
        if isinstance(arrays, Tensor):
            xs = _asarray(arrays)
        else:
            xs = [_asarray(a) for a in arrays]
        wide = any(is_wide(x) for x in (xs if isinstance(xs, list) else [xs]))
        return finish(jfn(xs, *args, **kwargs), wide)
    f.__name__ = f.__qualname__ = name
    return f


concatenate = _seq(lambda xs, axis=0: jnp.concatenate(xs, axis=axis), "concatenate")
stack = _seq(lambda xs, axis=0: jnp.stack(xs, axis=axis), "stack")
hstack = _seq(jnp.hstack, "hstack")
vstack = _seq(jnp.vstack, "vstack")
dstack = _seq(jnp.dstack, "dstack")
column_stack = _seq(jnp.column_stack, "column_stack")


def append(arr, values, axis=None):
    a, v = _asarray(arr), _asarray(values)
    return finish(jnp.append(a, v, axis=axis), is_wide(a) or is_wide(v))


def _splitter(jfn, name):
    def f(x, indices_or_sections, axis=None):
        a = _asarray(x)
        ios = unwrap(indices_or_sections)
        ios = list(ios) if isinstance(ios, tuple) else ios
        kw = {} if axis is None else {"axis": axis}
        return [Tensor._wrap(p) for p in jfn(a, ios, **kw)]
    f.__name__ = f.__qualname__ = name
    return f


split = _splitter(jnp.split, "split")
array_split = _splitter(jnp.array_split, "array_split")
hsplit = _splitter(lambda a, i: jnp.hsplit(a, i), "hsplit")
vsplit = _splitter(lambda a, i: jnp.vsplit(a, i), "vsplit")
dsplit = _splitter(lambda a, i: jnp.dsplit(a, i), "dsplit")


def take(a, indices, axis=None, mode="clip"):
    x = _asarray(a)
    mode = {"raise": "clip"}.get(mode, mode)
    return finish(jnp.take(x, _asarray(indices), axis=axis, mode=mode), is_wide(x))


def take_along_axis(arr, indices, axis):
    x = _asarray(arr)
    return finish(jnp.take_along_axis(x, _asarray(indices), axis=axis), is_wide(x))


def choose(a, choices, mode="clip"):
    cs = [_asarray(c) for c in choices] if not isinstance(choices, Tensor) else _asarray(choices)
    return finish(jnp.choose(_asarray(a), cs, mode=mode))


def where(condition, x=None, y=None):
    c = _asarray(condition)
    if x is None and y is None:
        return tuple(Tensor._wrap(i) for i in jnp.nonzero(c))
    if x is None or y is None:
        raise ValueError("For 'where', either both or neither of 'x' and 'y' should be given.")
    xa, ya = arg(x), arg(y)
    wide = is_wide(xa) or is_wide(ya)
    return finish(jnp.where(c.astype(bool), xa, ya), wide)


def select(condlist, choicelist, default=0):
    conds = [_asarray(c).astype(bool) for c in condlist]
    chs = [_asarray(c) for c in choicelist]
    return finish(jnp.select(conds, chs, arg(default)), any(is_wide(c) for c in chs))


def piecewise(x, condlist, funclist, *args, **kw):
    a = _asarray(x)
    if isinstance(condlist, Tensor) or not isinstance(condlist, (list, tuple)):
        condlist = [condlist]
    conds = [_asarray(c).astype(bool) for c in condlist]

    def lift(fn):
        if not callable(fn):
            return fn
        return lambda v, *aa, **kk: unwrap(fn(Tensor._wrap(v), *aa, **kk))

    return finish(jnp.piecewise(a, conds, [lift(f) for f in funclist], *args, **kw), is_wide(a))


def clip(x, xmin, xmax, dtype=None):
    if xmin is None and xmax is None:
        raise ValueError("For 'clip', at least one of 'xmin' and 'xmax' must not be None.")
    a = _asarray(x)
    out = jnp.clip(a, None if xmin is None else arg(xmin), None if xmax is None else arg(xmax))
    return finish(out.astype(a.dtype) if dtype is None else out, is_wide(a), dtype)


def pad(arr, pad_width, mode="constant", stat_length=None, constant_values=0, end_values=0,
        reflect_type="even", **kwargs):
    a = _asarray(arr)
    pw = unwrap(pad_width)
    kw = {}
    if mode == "constant":
        kw["constant_values"] = unwrap(constant_values)
    elif mode == "linear_ramp":
        kw["end_values"] = unwrap(end_values)
    elif mode in ("maximum", "minimum", "mean", "median"):
        kw["stat_length"] = unwrap(stat_length)
    elif mode in ("reflect", "symmetric"):
        kw["reflect_type"] = reflect_type
    if callable(mode):
        raise NotImplementedError("For 'pad', a callable 'mode' is not supported.")
    return finish(jnp.pad(a, pw, mode=mode, **kw), is_wide(a))


def size(a, axis=None):
    x = _asarray(a)
    return int(x.size if axis is None else x.shape[axis])


def shape(a):
    return tuple(_asarray(a).shape)


def ndim(a):
    return _asarray(a).ndim


def unique(x, return_inverse=False):
    """Distinct values of the flattened input in order of first appearance (as MindSpore)."""
    a = np.asarray(_asarray(x)).reshape(-1)
    _, first, inv = np.unique(a, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    vals = a[np.sort(first)]
    out = Tensor._wrap(jnp.asarray(vals))
    if return_inverse:
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        return out, Tensor._wrap(jnp.asarray(rank[inv.reshape(-1)].astype(np.int32)))
    return out


def unravel_index(indices, shape, order="C"):
    return tuple(Tensor._wrap(i.astype(np.int32))
                 for i in jnp.unravel_index(_asarray(indices), tuple(shape)))


def ravel_multi_index(multi_index, dims, mode="clip", order="C"):
    idx = [_asarray(i) for i in multi_index]
    out = jnp.ravel_multi_index(idx, tuple(dims), mode=mode, order=order)
    return Tensor._wrap(out.astype(np.float32))  # MindSpore 2.10 returns Float32 here


def in1d(ar1, ar2, invert=False):
    return Tensor._wrap(jnp.isin(_asarray(ar1).reshape(-1), _asarray(ar2), invert=invert))


def isin(element, test_elements, invert=False):
    return Tensor._wrap(jnp.isin(_asarray(element), _asarray(test_elements), invert=invert))


def setdiff1d(ar1, ar2, assume_unique=False):
    return finish(jnp.asarray(np.setdiff1d(np.asarray(_asarray(ar1)), np.asarray(_asarray(ar2)),
                                           assume_unique)))


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    out = np.intersect1d(np.asarray(_asarray(ar1)), np.asarray(_asarray(ar2)), assume_unique,
                         return_indices)
    if return_indices:
        return tuple(finish(jnp.asarray(o)) for o in out)
    return finish(jnp.asarray(out))


sometrue = npfunc(lambda a, axis=None, keepdims=False: jnp.any(a, axis=axis, keepdims=keepdims),
                  1, name="sometrue")


__all__ = ["reshape", "ravel", "squeeze", "expand_dims", "transpose", "swapaxes", "moveaxis",
           "rollaxis", "broadcast_to", "tile", "flip", "fliplr", "flipud", "roll", "rot90",
           "argwhere", "repeat", "atleast_1d", "atleast_2d", "atleast_3d", "broadcast_arrays",
           "concatenate", "stack", "hstack", "vstack", "dstack", "column_stack", "append",
           "split", "array_split", "hsplit", "vsplit", "dsplit", "take", "take_along_axis",
           "choose", "where", "select", "piecewise", "clip", "pad", "size", "unique",
           "unravel_index", "ravel_multi_index", "in1d", "isin", "setdiff1d", "intersect1d",
           "sometrue"]
