"""Remaining user-facing primitives: ``AdaptiveMaxPool3D``, ``CompareAndBitpack``,
``ConfusionMatrix``, ``FFTWithSize``, ``SampleDistortedBoundingBoxV2``, THOR's ``CholeskyTrsm``,
``PyFunc`` (a host Python function through ``jax.pure_callback``, as ``ops.Custom`` pyfunc),
``Morph``, ``TensorToTuple`` and ``DtypeToEnum``."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common.tensor import Tensor
from .._registry import call, op, primitive, raise_error
from ..primitive import Primitive


def _arr(x):
    return x._data if isinstance(x, Tensor) else jnp.asarray(x)


# --- AdaptiveMaxPool3D --------------------------------------------------------------------------


@primitive
class AdaptiveMaxPool3D(Primitive):
    """``(y, argmax)`` of adaptive 3-D max pooling; ``output_size`` is a 1-D int Tensor of 3
    values; argmax (int32) indexes each (D, H, W) volume."""

    def __init__(self):
        super().__init__("AdaptiveMaxPool3D")

    def __call__(self, x, output_size):
        xa = _arr(x)
        if xa.ndim not in (4, 5):
            raise_error(ValueError, self.name, f"the dimension of 'x' must be 4 or 5, but got {xa.ndim}.")
        osz = output_size.asnumpy() if isinstance(output_size, Tensor) else np.asarray(output_size)
        if osz.ndim != 1 or osz.size != 3:
            raise_error(
                ValueError,
                self.name,
                f"the 'output_size' must be a 1-D Tensor of 3 elements, but got shape {tuple(osz.shape)}.",
            )
        y, idx = call("adaptive_max_pool", x, tuple(int(v) for v in osz), True)
        return y, call("cast", idx, mstype.int32)


# --- CompareAndBitpack ----------------------------------------------------------------------------


@op("compare_and_bitpack")
def _compare_and_bitpack(x, threshold):
    # MindSpore's CPU kernel: ``x > threshold`` packed first element high for numbers; a bool x is
    # packed as is (threshold unused), first element low
    is_bool = x.dtype == np.bool_
    bits = x if is_bool else x > threshold
    b = bits.reshape(x.shape[:-1] + (x.shape[-1] // 8, 8)).astype(jnp.uint8)
    w = [1, 2, 4, 8, 16, 32, 64, 128] if is_bool else [128, 64, 32, 16, 8, 4, 2, 1]
    return jnp.sum(b * jnp.asarray(w, jnp.uint8), axis=-1, dtype=jnp.uint8)


@primitive
class CompareAndBitpack(Primitive):
    """``x > threshold`` packed 8 to a uint8 along the last axis (first element the high bit;
    a bool ``x`` itself, first element the low bit, as MindSpore's CPU kernel)."""

    def __init__(self):
        super().__init__("CompareAndBitpack")

    def __call__(self, x, threshold):
        xa, t = _arr(x), _arr(threshold)
        if xa.ndim < 1:
            raise_error(ValueError, self.name, "the rank of 'x' must be greater than 0.")
        if xa.shape[-1] % 8:
            raise_error(
                ValueError,
                self.name,
                f"the last dimension of 'x' must be a multiple of 8, but got {xa.shape[-1]}.",
            )
        if t.ndim != 0:
            raise_error(
                ValueError, self.name, f"the 'threshold' must be a scalar Tensor, but got rank {t.ndim}."
            )
        if xa.dtype != t.dtype:
            raise_error(
                TypeError,
                self.name,
                f"the dtype of 'threshold' must be the dtype of 'x', but got "
                f"{Tensor._wrap(t).dtype} and {Tensor._wrap(xa).dtype}.",
            )
        return call("compare_and_bitpack", x, threshold)


# --- ConfusionMatrix ---------------------------------------------------------------------------------


@op("confusion_matrix")
def _confusion_matrix(labels, predictions, weights, num_classes, dtype):
    w = jnp.ones(labels.shape, dtype) if weights is None else weights.astype(dtype)
    m = jnp.zeros((num_classes, num_classes), dtype)
    return m.at[labels.astype(jnp.int32), predictions.astype(jnp.int32)].add(w, mode="drop")


@primitive
class ConfusionMatrix(Primitive):
    """``out[labels[i], predictions[i]] += weights[i]`` (1 without weights), a (num_classes,
    num_classes) matrix of ``dtype`` (MindSpore 2.10 has no CPU kernel; TensorFlow semantics)."""

    def __init__(self, num_classes, dtype="int32"):
        super().__init__("ConfusionMatrix")
        if not isinstance(num_classes, int) or isinstance(num_classes, bool):
            raise_error(
                TypeError, self.name, f"the 'num_classes' must be int, but got {type(num_classes).__name__}."
            )
        if num_classes < 0:
            raise_error(ValueError, self.name, f"the 'num_classes' must be >= 0, but got {num_classes}.")
        if not isinstance(dtype, str):
            raise_error(TypeError, self.name, f"the 'dtype' must be str, but got {type(dtype).__name__}.")
        self.num_classes, self.dtype = num_classes, dtype

    def __call__(self, labels, predictions, weights=None):
        la, pa = _arr(labels), _arr(predictions)
        if la.ndim != 1 or tuple(la.shape) != tuple(pa.shape):
            raise_error(
                ValueError,
                self.name,
                f"the 'labels' and 'predictions' must be 1-D of the same shape, but "
                f"got {tuple(la.shape)} and {tuple(pa.shape)}.",
            )
        if weights is not None and tuple(_arr(weights).shape) != tuple(la.shape):
            raise_error(
                ValueError,
                self.name,
                f"the shape of 'weights' must be {tuple(la.shape)}, but got {tuple(_arr(weights).shape)}.",
            )
        return call("confusion_matrix", labels, predictions, weights, self.num_classes, np.dtype(self.dtype))


# --- FFTWithSize ------------------------------------------------------------------------------------


@op("fft_with_size")
def _fft_with_size(x, signal_ndim, inverse, real, norm, onesided, signal_sizes):
    axes = tuple(range(-signal_ndim, 0))
    if not real:
        xc = x if jnp.iscomplexobj(x) else x.astype(jnp.complex64)
        return (jnp.fft.ifftn if inverse else jnp.fft.fftn)(xc, axes=axes, norm=norm)
    if not inverse:
        xr = x.astype(jnp.float32) if x.dtype not in (np.float32, np.float64) else x
        if onesided:
            return jnp.fft.rfftn(xr, axes=axes, norm=norm)
        return jnp.fft.fftn(xr, axes=axes, norm=norm)
    if onesided:
        s = (
            tuple(signal_sizes)
            if signal_sizes
            else tuple(x.shape[a] for a in axes[:-1]) + (2 * (x.shape[-1] - 1),)
        )
        return jnp.fft.irfftn(x, s=s, axes=axes, norm=norm)
    return jnp.real(jnp.fft.ifftn(x, axes=axes, norm=norm))


@primitive
class FFTWithSize(Primitive):
    """Torch-1.x style ``fft``/``ifft``/``rfft``/``irfft`` over the last ``signal_ndim`` (1-3) axes."""

    def __init__(self, signal_ndim, inverse, real, norm="backward", onesided=True, signal_sizes=()):
        super().__init__("FFTWithSize")
        if signal_ndim not in (1, 2, 3):
            raise_error(ValueError, self.name, f"the 'signal_ndim' must be 1, 2 or 3, but got {signal_ndim}.")
        if norm not in ("backward", "forward", "ortho"):
            raise_error(
                ValueError,
                self.name,
                f"the 'norm' must be one of 'backward', 'forward', 'ortho', but got {norm}.",
            )
        self.signal_ndim, self.inverse, self.real = signal_ndim, bool(inverse), bool(real)
        self.norm, self.onesided, self.signal_sizes = norm, bool(onesided), tuple(signal_sizes)

    def __call__(self, x):
        xa = _arr(x)
        if xa.ndim < self.signal_ndim:
            raise_error(
                ValueError,
                self.name,
                f"the rank of 'x' must be >= signal_ndim {self.signal_ndim}, but got {xa.ndim}.",
            )
        if self.signal_sizes and len(self.signal_sizes) != self.signal_ndim:
            raise_error(
                ValueError,
                self.name,
                f"signal_sizes is expected to be empty (default) or of "
                f"signal_ndim={self.signal_ndim}D, but got signal_sizes={list(self.signal_sizes)}",
            )
        if self.real and self.inverse and self.onesided and self.signal_sizes:
            n = xa.shape[-1]
            want = tuple(xa.shape[-self.signal_ndim : -1])
            if tuple(self.signal_sizes[:-1]) != want or self.signal_sizes[-1] not in (
                2 * (n - 1),
                2 * (n - 1) + 1,
            ):
                raise_error(
                    ValueError,
                    self.name,
                    f"got invalid signal_sizes: {list(self.signal_sizes)}, a valid one should be "
                    f"{list(want) + [2 * (n - 1)]}, or {list(want) + [2 * (n - 1) + 1]}.",
                )
        return call(
            "fft_with_size",
            x,
            self.signal_ndim,
            self.inverse,
            self.real,
            self.norm,
            self.onesided,
            self.signal_sizes,
        )


# --- SampleDistortedBoundingBoxV2 ---------------------------------------------------------------------


@primitive
class SampleDistortedBoundingBoxV2(Primitive):
    """A random crop window of an image (TensorFlow's sample_distorted_bounding_box_v2): tries
    ``max_attempts`` random windows of an aspect ratio and area in range that cover at least
    ``min_object_covered`` of some box, else the whole image. Runs on the host (eager)."""

    def __init__(
        self,
        seed=0,
        seed2=0,
        aspect_ratio_range=(0.75, 1.33),
        area_range=(0.05, 1.0),
        max_attempts=100,
        use_image_if_no_bounding_boxes=False,
    ):
        super().__init__("SampleDistortedBoundingBoxV2")
        for n, v in (("seed", seed), ("seed2", seed2), ("max_attempts", max_attempts)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise_error(TypeError, self.name, f"the '{n}' must be int, but got {type(v).__name__}.")
        for n, v in (("aspect_ratio_range", aspect_ratio_range), ("area_range", area_range)):
            if not isinstance(v, (list, tuple)) or not all(isinstance(e, float) for e in v):
                raise_error(TypeError, self.name, f"the '{n}' must be a list or tuple of float, but got {v}.")
            if len(v) != 2:
                raise_error(ValueError, self.name, f"the length of '{n}' must be 2, but got {len(v)}.")
        if not (aspect_ratio_range[0] > 0 and aspect_ratio_range[1] > 0):
            raise_error(
                ValueError,
                self.name,
                f"the 'aspect_ratio_range' must be positive, but got {aspect_ratio_range}.",
            )
        if not (0 < area_range[0] <= 1 and 0 < area_range[1] <= 1):
            raise_error(
                ValueError, self.name, f"the 'area_range' must be in (0.0, 1.0], but got {area_range}."
            )
        if max_attempts <= 0:
            raise_error(
                ValueError, self.name, f"the 'max_attempts' must be positive, but got {max_attempts}."
            )
        if not isinstance(use_image_if_no_bounding_boxes, bool):
            raise_error(TypeError, self.name, "the 'use_image_if_no_bounding_boxes' must be bool.")
        self.seed, self.seed2 = seed, seed2
        self.aspect_ratio_range, self.area_range = tuple(aspect_ratio_range), tuple(area_range)
        self.max_attempts, self.use_image_if_no_bounding_boxes = max_attempts, use_image_if_no_bounding_boxes
        self._rng = np.random.default_rng([seed, seed2]) if (seed or seed2) else None

    def _generator(self):
        if self._rng is not None:
            return self._rng
        from ...common.rng import next_key

        return np.random.default_rng(np.asarray(jax.random.key_data(next_key())).astype(np.uint64))

    def __call__(self, image_size, bounding_boxes, min_object_covered):
        for n, v in (
            ("image_size", image_size),
            ("bounding_boxes", bounding_boxes),
            ("min_object_covered", min_object_covered),
        ):
            if not isinstance(v, Tensor):
                raise_error(TypeError, self.name, f"the '{n}' must be a Tensor, but got {type(v).__name__}.")
        size = image_size.asnumpy()
        boxes = bounding_boxes.asnumpy()
        moc = min_object_covered.asnumpy()
        if size.ndim != 1 or size.size != 3:
            raise_error(
                ValueError,
                self.name,
                f"the 'image_size' must be 1-D with 3 elements, but got shape {tuple(size.shape)}.",
            )
        if boxes.ndim != 3 or boxes.shape[-1] != 4:
            raise_error(
                ValueError,
                self.name,
                f"the 'bounding_boxes' must be 3-D with last dimension 4, but got "
                f"shape {tuple(boxes.shape)}.",
            )
        if moc.size != 1:
            raise_error(
                ValueError,
                self.name,
                f"the min_object_covered dimension must be equal to 1, but got {moc.size}.",
            )
        h, w = int(size[0]), int(size[1])
        boxes = boxes.reshape(-1, 4)
        if boxes.shape[0] == 0:
            if not self.use_image_if_no_bounding_boxes:
                raise_error(
                    ValueError,
                    self.name,
                    "no bounding boxes provided as input. One must enable "
                    "use_image_if_no_bounding_boxes if you wish to not provide any bounding boxes.",
                )
            boxes = np.array([[0.0, 0.0, 1.0, 1.0]], np.float32)
        crop = self._sample(h, w, boxes, float(moc.reshape(-1)[0]), self._generator())
        y0, x0, ch, cw = crop
        dt = size.dtype
        last = 255 if dt == np.uint8 else -1
        begin = np.array([y0, x0, 0], dt)
        out_size = np.array([ch, cw, last], dt)
        bbox = np.array([[[y0 / h, x0 / w, (y0 + ch) / h, (x0 + cw) / w]]], np.float32)
        return Tensor(begin), Tensor(out_size), Tensor(bbox)

    def _sample(self, h, w, boxes, min_covered, rng):
        px = boxes * np.array([h, w, h, w], np.float32)
        area_img = h * w
        for _ in range(self.max_attempts):
            ar = rng.uniform(*self.aspect_ratio_range)
            min_area, max_area = self.area_range[0] * area_img, self.area_range[1] * area_img
            max_h = int(round(np.sqrt(max_area / ar)))
            min_h = int(round(np.sqrt(min_area / ar)))
            max_h = min(max_h, h, int(w / ar))
            if int(round(max_h * ar)) > w:
                max_h = int((w + 0.4999999) / ar)
            min_h = min(min_h, max_h)
            if max_h <= 0:
                continue
            ch = int(rng.integers(min_h, max_h + 1))
            cw = int(round(ch * ar))
            if cw <= 0 or cw > w or ch > h:
                continue
            area = ch * cw
            if area < min_area or area > max_area:
                continue
            y0 = int(rng.integers(0, h - ch + 1))
            x0 = int(rng.integers(0, w - cw + 1))
            ok = False
            for b in px:
                bh, bw = b[2] - b[0], b[3] - b[1]
                if bh <= 0 or bw <= 0:
                    continue
                iy = max(0.0, min(y0 + ch, b[2]) - max(y0, b[0]))
                ix = max(0.0, min(x0 + cw, b[3]) - max(x0, b[1]))
                if iy * ix / (bh * bw) >= min_covered:
                    ok = True
                    break
            if ok or min_covered <= 0:
                return y0, x0, ch, cw
        return 0, 0, h, w


# --- CholeskyTrsm (THOR) -----------------------------------------------------------------------------------


@op("cholesky_trsm")
def _cholesky_trsm(x, split_dim=0):
    """inv(L) of each matrix's lower Cholesky factor (A = L L^T), as the GPU kernel (potrf +
    trsm on the identity); with ``split_dim``, the diagonal blocks of that size (the last one
    padded with the identity)."""
    if split_dim and x.shape[0] > split_dim:
        n = x.shape[0]
        nb = -(-n // split_dim)
        pad = nb * split_dim - n
        xp = jnp.pad(x, ((0, pad), (0, pad)))
        if pad:
            xp = xp.at[n:, n:].set(jnp.eye(pad, dtype=x.dtype))
        x = jnp.stack(
            [xp[i * split_dim : (i + 1) * split_dim, i * split_dim : (i + 1) * split_dim] for i in range(nb)]
        )
    elif split_dim:
        x = x[None]
    lower = jnp.linalg.cholesky(x)
    eye = jnp.broadcast_to(jnp.eye(x.shape[-1], dtype=x.dtype), x.shape)
    return jax.scipy.linalg.solve_triangular(lower, eye, lower=True)


@primitive
class CholeskyTrsm(Primitive):
    """THOR's CholeskyTrsm: the inverse of the lower Cholesky factor of each (batched) matrix."""

    def __init__(self, lower=False, clean=True, split_dim=0):
        super().__init__("CholeskyTrsm")
        for n, v in (("lower", lower), ("clean", clean)):
            if not isinstance(v, bool):
                raise_error(TypeError, self.name, f"the '{n}' must be bool, but got {type(v).__name__}.")
        self.lower, self.clean, self.split_dim = lower, clean, split_dim
        self.add_prim_attr("lower", lower).add_prim_attr("clean", clean).add_prim_attr("split_dim", split_dim)

    def __call__(self, x):
        xa = _arr(x)
        if np.dtype(xa.dtype) not in (np.float32, np.float64):
            raise_error(
                TypeError,
                self.name,
                f"the 'x1' must be a Tensor of float32 or float64, but got {Tensor._wrap(xa).dtype}.",
            )
        if self.split_dim:
            if xa.ndim != 2 or xa.shape[0] != xa.shape[1]:
                raise_error(
                    ValueError,
                    self.name,
                    f"the input must be a square 2-D matrix, but got {tuple(xa.shape)}.",
                )
        elif xa.ndim not in (2, 3) or xa.shape[-1] != xa.shape[-2]:
            raise_error(
                ValueError,
                self.name,
                f"the input must be square matrices of rank 2 or 3, but got {tuple(xa.shape)}.",
            )
        return call("cholesky_trsm", x, self.split_dim)


# --- PyFunc -------------------------------------------------------------------------------------------


@primitive
class PyFunc(Primitive):
    """A host Python function over numpy arrays (run through ``jax.pure_callback``, so it also
    runs in compiled code); returns a tuple of ``len(out_types)`` Tensors."""

    def __init__(self, fn, in_types, in_shapes, out_types, out_shapes, stateful=True):
        super().__init__("PyFunc")
        if not callable(fn):
            raise_error(TypeError, self.name, f"the 'fn' must be callable, but got {type(fn).__name__}.")
        for n, v in (
            ("in_types", in_types),
            ("in_shapes", in_shapes),
            ("out_types", out_types),
            ("out_shapes", out_shapes),
        ):
            if not isinstance(v, (list, tuple)):
                raise_error(
                    TypeError, self.name, f"the '{n}' must be list or tuple, but got {type(v).__name__}."
                )
        if len(out_types) != len(out_shapes):
            raise_error(
                ValueError,
                self.name,
                f"the length of 'out_types' and 'out_shapes' must be equal, but got "
                f"{len(out_types)} and {len(out_shapes)}.",
            )
        self.fn, self.in_types, self.in_shapes = fn, list(in_types), [tuple(s) for s in in_shapes]
        self.out_types, self.out_shapes, self.stateful = (
            list(out_types),
            [tuple(s) for s in out_shapes],
            stateful,
        )
        self.add_prim_attr("fn_id", id(fn))

    def __call__(self, *args):
        from ..custom import Custom

        if not self.out_types:
            self.fn(*[a.asnumpy() if isinstance(a, Tensor) else a for a in args])
            return ()
        outs = Custom(
            self.fn,
            out_shape=[list(s) for s in self.out_shapes],
            out_dtype=list(self.out_types),
            func_type="pyfunc",
        )(*args)
        return tuple(outs) if isinstance(outs, (tuple, list)) else (outs,)


# --- Morph ---------------------------------------------------------------------------------------------


def _in_graph(args):
    from ... import context

    if context.get_context("mode") == context.GRAPH_MODE:
        return True
    return any(isinstance(_arr(a), jax.core.Tracer) for a in args if isinstance(a, Tensor))


@primitive
class Morph(Primitive):
    """Applies a user function ``fn`` as one primitive (GRAPH_MODE only, as MindSpore); with
    ``bprop_fn(*inputs, out, dout)`` its gradient is that function's."""

    def __init__(self, fn, infer_shape, infer_dtype, bprop_fn=None):
        super().__init__("Morph")
        import inspect

        self._infer_shape, self._infer_dtype = infer_shape, infer_dtype
        self.add_prim_attr("side_effect_backprop", True).add_prim_attr("side_effect_mem", True)
        self.add_prim_attr("side_effect_io", True).add_prim_attr("__metamorphosis__", True)
        self.__morph_fn__ = fn
        self.__morph_bprop_fn__ = None
        if bprop_fn:
            for p in inspect.signature(fn).parameters.values():
                if not (
                    p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is inspect.Parameter.empty
                ):
                    raise ValueError(
                        f"When use `bprop` in Morph, Morph `fn` only support positional or keyword "
                        f"parameters with default value is empty, but got param '{p.name}' of kind "
                        f"'{p.kind.name}' with default value '{p.default}'."
                    )
            self.__morph_bprop_fn__ = bprop_fn

    def infer_shape(self, *args):
        return self._infer_shape(*args)

    def infer_dtype(self, *args):
        return self._infer_dtype(*args)

    def __call__(self, *args):
        if not _in_graph(args):
            raise RuntimeError("Morph is only supported in GRAPH_MODE.")
        fn, bprop = self.__morph_fn__, self.__morph_bprop_fn__
        if bprop is None:
            return fn(*args)
        tensor_pos = [i for i, a in enumerate(args) if isinstance(a, Tensor)]

        def run(arrays):
            full = list(args)
            for i, a in zip(tensor_pos, arrays):
                full[i] = Tensor._wrap(a)
            return full

        def unwrap(out):
            return jax.tree_util.tree_map(
                lambda t: t._data if isinstance(t, Tensor) else t,
                out,
                is_leaf=lambda t: isinstance(t, Tensor),
            )

        def wrap(out):
            return jax.tree_util.tree_map(Tensor._wrap, out)

        @jax.custom_vjp
        def f(*arrays):
            return unwrap(fn(*run(arrays)))

        def fwd(*arrays):
            out = f(*arrays)
            return out, (arrays, out)

        def bwd(res, dout):
            arrays, out = res
            grads = bprop(*run(arrays), wrap(out), wrap(dout))
            grads = grads if isinstance(grads, (tuple, list)) else (grads,)
            gt = [grads[i] for i in tensor_pos] if len(grads) == len(args) else list(grads)
            return tuple(jnp.asarray(_arr(g), a.dtype).reshape(a.shape) for g, a in zip(gt, arrays))

        f.defvjp(fwd, bwd)
        return wrap(f(*[args[i]._data for i in tensor_pos]))


# --- TensorToTuple / DtypeToEnum ----------------------------------------------------------------------


@primitive
class TensorToTuple(Primitive):
    """A 1-D Tensor as a tuple of Python scalars."""

    def __init__(self):
        super().__init__("TensorToTuple")

    def __call__(self, input_x):
        if not isinstance(input_x, Tensor):
            raise_error(
                TypeError, self.name, f"the input must be a Tensor, but got {type(input_x).__name__}."
            )
        if input_x.ndim > 1:
            raise_error(
                ValueError, self.name, f"the input must be a 1-D Tensor, but got rank {input_x.ndim}."
            )
        return tuple(np.asarray(input_x.asnumpy()).reshape(-1).tolist())


_TYPE_IDS = {  # MindSpore's TypeId numbers of the tensor element types
    "Bool": 30,
    "Int8": 32,
    "Int16": 33,
    "Int32": 34,
    "Int64": 35,
    "UInt8": 37,
    "UInt16": 38,
    "UInt32": 39,
    "UInt64": 40,
    "Float16": 42,
    "Float32": 43,
    "Float64": 44,
    "BFloat16": 45,
    "Complex64": 51,
    "Complex128": 52,
}


@primitive
class DtypeToEnum(Primitive):
    """``DtypeToEnum()(op_name, arg_name, dtype)``: MindSpore's TypeId number of ``dtype``."""

    def __init__(self):
        super().__init__("DtypeToEnum")

    def __call__(self, op_name, arg_name, dtype):
        if not isinstance(dtype, mstype.Type) or str(dtype) not in _TYPE_IDS:
            raise TypeError(
                f"For '{op_name}', the input '{arg_name}' should be mindspore dtype, but got {dtype}."
            )
        return _TYPE_IDS[str(dtype)]
