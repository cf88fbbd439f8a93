"""Random ops: uniform/normal/randint/..., multinomial, bernoulli, and MindSpore's random primitives.

Keys: with no seed an op draws ``rng.next_key()`` (the global RNG state, a Parameter: reproducible
after ``ms.set_seed`` and advanced in compiled code too). With an explicit seed, the key is
``op_seed_key(seed, seed2)`` folded with a call counter held in a Parameter: consecutive calls
differ, a fresh primitive (or a fresh process) replays the same sequence, as in MindSpore. The
counter of a primitive lives on the instance; the counter of a seeded functional call is shared
per (op, seed). Dropout lives with the nn functional ops (nn_dense.py).
"""

from __future__ import annotations

import builtins

import jax
import jax.numpy as jnp
import numpy as np

from ...common import dtype as mstype
from ...common import rng
from ...common.parameter import Parameter
from ...common.seed import op_seed_key
from ...common.tensor import Tensor
from .. import _registry as R
from .._registry import call, functional, mint, op, primitive, tensor_method
from ..primitive import Primitive
from ._promote import is_array
from ._array_common import _init_attrs, np_dtype, shape_arg, static_int, static_value

_F32 = np.dtype(np.float32)
_I32 = np.dtype(np.int32)
_I64 = np.dtype(np.int64)


# --- keys ---------------------------------------------------------------------------------------

_FN_COUNTERS: dict = {}


def _counter_param():
    # may be first needed while tracing: its start value must be concrete, not a tracer
    with jax.ensure_compile_time_eval():
        return Parameter(Tensor(np.array(0, np.uint32)), name="_rng_counter", requires_grad=False)


def _advance(counter, seed, seed2):
    c = counter._data
    counter._data = c + np.uint32(1)
    return jax.random.fold_in(op_seed_key(seed, seed2), c)


def fn_key(name, seed):
    """The key of a functional random op given ``seed`` (None: the global RNG state)."""
    if seed is None:
        return rng.next_key()
    seed = int(static_value(name, "seed", seed))
    counter = _FN_COUNTERS.get((name, seed))
    if counter is None:
        counter = _FN_COUNTERS[(name, seed)] = _counter_param()
    return _advance(counter, seed, 0)


class _RandomPrimitive(Primitive):
    """Base of seeded primitives: ``seed=seed2=0`` uses the global state, else a per-instance stream."""

    def _key(self):
        seed, seed2 = int(getattr(self, "seed", 0) or 0), int(getattr(self, "seed2", 0) or 0)
        if seed == 0 and seed2 == 0:
            return rng.next_key()
        counter = self.__dict__.get("_counter")
        if counter is None:
            counter = self.__dict__["_counter"] = _counter_param()
        return _advance(counter, seed, seed2)


def _rand_prim(name, attrs, fn, doc=None):
    cls = type(
        name,
        (_RandomPrimitive,),
        {"__init__": _init_attrs(name, **attrs), "__call__": fn, "__doc__": doc or f"``P.{name}``"},
    )
    primitive(cls)
    return cls


# --- registry ops (the key is an explicit argument) ---------------------------------------------


def _float_dtype(name, dtype):
    dt = np_dtype(dtype, _F32)
    if dt.kind != "f" and dt != jnp.bfloat16:
        R.raise_error(TypeError, name, f"the 'dtype' must be a float type, but got {mstype.from_np(dt)}.")
    return dt


def _sample_dt(dt):
    return _F32 if np.dtype(dt).itemsize < 4 else dt


@op("uniform_real")
def _uniform_real(key, shape, minval=0.0, maxval=1.0, dtype=None):
    dt = _float_dtype("UniformReal", dtype)
    lo, hi = jnp.asarray(minval), jnp.asarray(maxval)
    shape = jnp.broadcast_shapes(shape_arg("UniformReal", shape), lo.shape, hi.shape)
    u = jax.random.uniform(key, shape, _sample_dt(dt))
    return (lo + u * (hi - lo)).astype(dt)


@op("uniform_int")
def _uniform_int(key, shape, minval, maxval, dtype=None):
    dt = np_dtype(dtype, _I64)
    if dt.kind not in "iu":
        R.raise_error(
            TypeError, "UniformInt", f"the 'dtype' must be an int type, but got {mstype.from_np(dt)}."
        )
    lo, hi = jnp.asarray(minval), jnp.asarray(maxval)
    if not is_array(minval) and not is_array(maxval) and minval >= maxval:
        R.raise_error(
            ValueError, "UniformInt", f"the 'minval' ({minval}) must be less than 'maxval' ({maxval})."
        )
    shape = jnp.broadcast_shapes(shape_arg("UniformInt", shape), lo.shape, hi.shape)
    return jax.random.randint(key, shape, lo.astype(_I64), hi.astype(_I64), _I64).astype(dt)


@op("normal")
def _normal(key, shape, mean=0.0, stddev=1.0, dtype=None):
    dt = _float_dtype("Normal", dtype)
    m, s = jnp.asarray(mean), jnp.asarray(stddev)
    shape = jnp.broadcast_shapes(shape_arg("Normal", shape), m.shape, s.shape)
    z = jax.random.normal(key, shape, _sample_dt(dt))
    return (m + z * s).astype(dt)


@op("bernoulli")
def _bernoulli(key, x, p=0.5):
    p = jnp.asarray(p)
    if p.size > 1 and p.shape != x.shape:
        p = jnp.broadcast_to(p, x.shape)
    return jax.random.bernoulli(key, p.astype(jnp.float32), x.shape).astype(x.dtype)


@op("multinomial")
def _multinomial(key, probs, num_samples, replacement=True, dtype=None):
    """Categorical draws from (unnormalised) probabilities; without replacement via Gumbel top-k."""
    n = static_int("Multinomial", "num_samples", num_samples)
    if probs.ndim not in (1, 2):
        R.raise_error(
            ValueError, "Multinomial", f"the 'input' must be 1-D or 2-D, but got shape {list(probs.shape)}."
        )
    p = probs.astype(jnp.float32)
    logits = jnp.where(p > 0, jnp.log(jnp.where(p > 0, p, 1.0)), -jnp.inf)
    if replacement:
        shape = (n,) if p.ndim == 1 else (p.shape[0], n)
        out = jax.random.categorical(key, logits if p.ndim == 1 else logits[:, None, :], shape=shape)
    else:
        if n > p.shape[-1]:
            R.raise_error(
                ValueError,
                "Multinomial",
                f"the 'num_samples' ({n}) must be <= the number of categories ({p.shape[-1]}) "
                "without replacement.",
            )
        g = jax.random.gumbel(key, p.shape)
        out = jax.lax.top_k(logits + g, n)[1]
    return out.astype(np_dtype(dtype, _I32))


@op("categorical_logits")
def _categorical_logits(key, logits, num_sample, dtype=None):
    n = static_int("RandomCategorical", "num_sample", num_sample)
    out = jax.random.categorical(key, logits[:, None, :], shape=(logits.shape[0], n))
    return out.astype(np_dtype(dtype, _I64))


@op("randperm")
def _randperm(key, n, dtype=None):
    n = static_int("Randperm", "n", n)
    if n < 0:
        R.raise_error(ValueError, "Randperm", f"the 'n' must be non-negative, but got {n}.")
    return jax.random.permutation(key, n).astype(np_dtype(dtype, _I64))


@op("shuffle")
def _shuffle(key, x):
    if x.ndim == 0:
        return x
    return jax.random.permutation(key, x, axis=0)


@op("gamma")
def _gamma(key, shape, alpha, beta=None, append=False):
    """``append``: output shape is ``shape + alpha.shape`` (random_gamma); else broadcast (ops.gamma)."""
    a = jnp.asarray(alpha, jnp.float32) if not is_array(alpha) else alpha
    b = jnp.ones((), a.dtype) if beta is None else jnp.asarray(beta).astype(a.dtype)
    shape = shape_arg("Gamma", shape)
    out_shape = shape + a.shape if append else jnp.broadcast_shapes(shape, a.shape, b.shape)
    g = jax.random.gamma(key, jnp.broadcast_to(a, out_shape).astype(_sample_dt(a.dtype)), out_shape)
    return (g / b).astype(a.dtype)


@op("poisson")
def _poisson(key, shape, rate, append=False, dtype=None):
    r = jnp.asarray(rate, jnp.float32) if not is_array(rate) else rate
    shape = shape_arg("Poisson", shape)
    out_shape = shape + r.shape if append else jnp.broadcast_shapes(shape, r.shape)
    out = jax.random.poisson(key, jnp.broadcast_to(r, out_shape).astype(jnp.float32), out_shape)
    return out.astype(np_dtype(dtype, r.dtype if r.dtype.kind == "f" else _F32))


@op("random_choice_with_mask")
def _random_choice_with_mask(key, x, count=256):
    """(indices (count, rank) Int32, mask (count,) Bool): a random order of the True positions."""
    if x.dtype != np.bool_:
        R.raise_error(
            TypeError, "RandomChoiceWithMask", f"the 'input_x' must be Bool, but got {R.ms_dtype(x)}."
        )
    flat = x.ravel()
    score = jnp.where(flat, jax.random.uniform(key, flat.shape), 2.0)
    order = jnp.argsort(score)
    pad = builtins.max(count - flat.size, 0)
    order = jnp.concatenate([order, jnp.zeros((pad,), order.dtype)])[:count]
    valid = jnp.concatenate([flat[order[: count - pad]], jnp.zeros((pad,), jnp.bool_)])
    idx = jnp.stack(jnp.unravel_index(order, x.shape), axis=-1) if x.ndim else order[:, None]
    return jnp.where(valid[:, None], idx, 0).astype(_I32), valid


# --- functional views ----------------------------------------------------------------------------


def _size(size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        return tuple(size[0])
    if len(size) == 1 and isinstance(size[0], Tensor):
        return size[0]
    return tuple(size)


@functional
def uniform(shape, minval, maxval, seed=None, dtype=mstype.float32):
    key = fn_key("uniform", seed)
    kinds = {np.dtype(R.unwrap(v).dtype).kind for v in (minval, maxval) if isinstance(v, Tensor)}
    if kinds and kinds != {"f" if np_dtype(dtype, _F32).kind == "f" else "i"}:
        R.raise_error(
            TypeError,
            "uniform",
            f"the dtype of 'minval' and 'maxval' must match the 'dtype' "
            f"{dtype}, but got {[str(v.dtype) for v in (minval, maxval) if isinstance(v, Tensor)]}.",
        )
    if np_dtype(dtype, _F32).kind in "iu":
        return call("uniform_int", key, shape, minval, maxval, dtype)
    return call("uniform_real", key, shape, minval, maxval, dtype)


@functional
def standard_normal(shape, seed=None):
    return call("normal", fn_key("standard_normal", seed), shape)


@functional
def normal(shape, mean, stddev, seed=None):
    return call("normal", fn_key("normal", seed), shape, mean, stddev)


@functional
def randn(*size, dtype=None, seed=None):
    return call("normal", fn_key("randn", seed), _size(size), 0.0, 1.0, dtype)


@functional
def rand(*size, dtype=None, seed=None):
    return call("uniform_real", fn_key("rand", seed), _size(size), 0.0, 1.0, dtype)


@functional
def randint(low, high, size, seed=None, *, dtype=None):
    if isinstance(low, int) and isinstance(high, int) and low >= high:  # MindSpore's kernel check
        R.raise_error(
            RuntimeError,
            "randint",
            f"invalid min/max values: the 'low' ({low}) must be less than the 'high' ({high}).",
        )
    return call("uniform_int", fn_key("randint", seed), size, low, high, dtype)


def _like_float(input, dtype):
    if dtype is not None:
        return dtype
    return input.dtype if input.dtype.np_dtype.kind == "f" else mstype.float32


@functional
def randn_like(input, seed=None, *, dtype=None):
    return call("normal", fn_key("randn_like", seed), input.shape, 0.0, 1.0, _like_float(input, dtype))


@functional
def rand_like(input, seed=None, *, dtype=None):
    return call("uniform_real", fn_key("rand_like", seed), input.shape, 0.0, 1.0, _like_float(input, dtype))


@functional
def randint_like(input, low, high, seed=None, *, dtype=None):
    dt = dtype or input.dtype
    if np_dtype(mstype.to_np(dt)).kind not in "iu":
        R.raise_error(ValueError, "randint_like", f"the 'dtype' must be an int type, but got {dt}.")
    return call("uniform_int", fn_key("randint_like", seed), input.shape, low, high, dt)


@functional
def randperm(n, seed=0, offset=0, dtype=mstype.int64):
    return call("randperm", fn_key("randperm", seed or None), n, dtype)


@functional
def multinomial(input, num_samples, replacement=True, seed=None):
    return call("multinomial", fn_key("multinomial", seed), input, num_samples, replacement)


@functional
def bernoulli(input, p=0.5, seed=None):
    return call("bernoulli", fn_key("bernoulli", seed), input, p)


@functional
def shuffle(x, seed=None):
    return call("shuffle", fn_key("shuffle", seed), x)


@functional
def gamma(shape, alpha, beta, seed=None):
    return call("gamma", fn_key("gamma", seed), shape, alpha, beta)


@functional
def random_gamma(shape, alpha, seed=None):
    return call("gamma", fn_key("random_gamma", seed), shape, alpha, None, True)


@functional
def poisson(shape, mean, seed=None):
    return call("poisson", fn_key("poisson", seed), shape, mean)


@functional
def random_poisson(shape, rate, seed=None, dtype=mstype.float32):
    return call("poisson", fn_key("random_poisson", seed), shape, rate, True, dtype)


@functional
def random_categorical(logits, num_sample, seed=0, dtype=mstype.int64):
    return call("categorical_logits", fn_key("random_categorical", seed or None), logits, num_sample, dtype)


# --- primitive views ----------------------------------------------------------------------------

_rand_prim(
    "UniformReal",
    {"seed": 0, "seed2": 0},
    lambda self, shape: call("uniform_real", self._key(), shape, 0.0, 1.0),
)
_rand_prim("StandardNormal", {"seed": 0, "seed2": 0}, lambda self, shape: call("normal", self._key(), shape))
_rand_prim(
    "StandardLaplace",
    {"seed": 0, "seed2": 0},
    lambda self, shape: R.wrap(jax.random.laplace(self._key(), shape_arg("StandardLaplace", shape))),
)
_rand_prim(
    "UniformInt",
    {"seed": 0, "seed2": 0},
    lambda self, shape, minval, maxval: call("uniform_int", self._key(), shape, minval, maxval, mstype.int32),
)
_rand_prim(
    "RandomChoiceWithMask",
    {"count": 256, "seed": 0, "seed2": 0},
    lambda self, x: call("random_choice_with_mask", self._key(), x, self.count),
)
_rand_prim(
    "Multinomial",
    {"seed": 0, "seed2": 0, "dtype": mstype.int32},
    lambda self, x, num_samples: call("multinomial", self._key(), x, num_samples, True, self.dtype),
)
_rand_prim(
    "Gamma",
    {"seed": 0, "seed2": 0},
    lambda self, shape, alpha, beta: call("gamma", self._key(), shape, alpha, beta),
)
_rand_prim(
    "RandomGamma",
    {"seed": 0, "seed2": 0},
    lambda self, shape, alpha: call("gamma", self._key(), shape, alpha, None, True),
)
_rand_prim(
    "Poisson", {"seed": 0, "seed2": 0}, lambda self, shape, mean: call("poisson", self._key(), shape, mean)
)
_rand_prim(
    "RandomPoisson",
    {"seed": 0, "seed2": 0, "dtype": mstype.int64},
    lambda self, shape, rate: call("poisson", self._key(), shape, rate, True, self.dtype),
)


def _rc_call(self, logits, num_sample, seed=0):
    key = self._key() if not seed else fn_key("RandomCategorical", seed)
    return call("categorical_logits", key, logits, num_sample, self.dtype)


_rand_prim("RandomCategorical", {"dtype": mstype.int64}, _rc_call)


def _randperm_call(self, n):
    """Static shape (max_length,): a random order of 0..n-1, then ``pad``; ``n`` may be traced."""
    m = int(self.max_length)
    nv = jnp.reshape(n._data if isinstance(n, Tensor) else jnp.asarray(n), ())
    if not isinstance(nv, jax.core.Tracer) and int(nv) > m:
        R.raise_error(ValueError, "Randperm", f"the 'n' ({int(nv)}) must be <= 'max_length' ({m}).")
    pos = jnp.arange(m)
    score = jnp.where(pos < nv, jax.random.uniform(self._key(), (m,)), 2.0)
    perm = jnp.argsort(score)
    out = jnp.where(pos < nv, perm, self.pad).astype(np_dtype(R.unwrap(self.dtype), _I32))
    return R.wrap(out)


_rand_prim("Randperm", {"max_length": 1, "pad": -1, "dtype": mstype.int32}, _randperm_call)


# --- Tensor methods ----------------------------------------------------------------------------


def _inplace(self, new):
    self._data = new._data
    return self


tensor_method("uniform_")(
    lambda self, from_=0, to=1, *, generator=None: _inplace(
        self, call("uniform_real", rng.next_key(), self.shape, from_, to, self.dtype)
    )
)
tensor_method("normal_")(
    lambda self, mean=0, std=1, *, generator=None: _inplace(
        self, call("normal", rng.next_key(), self.shape, mean, std, self.dtype)
    )
)
tensor_method("random_")(
    lambda self, from_=0, to=None, *, generator=None: _inplace(
        self,
        call(
            "uniform_int",
            rng.next_key(),
            self.shape,
            0 if to is None else from_,
            from_ if to is None else to,
            mstype.int64,
        ).astype(self.dtype),
    )
)
tensor_method("bernoulli")(
    lambda self, p=None, *, generator=None, seed=None: call(
        "bernoulli", fn_key("bernoulli", seed), self, self if p is None else p
    )
)
tensor_method("multinomial")(
    lambda self, num_samples, replacement=True, seed=None: call(
        "multinomial", fn_key("multinomial", seed), self, num_samples, replacement
    )
)

# --- mint --------------------------------------------------------------------------------------

mint("rand")(
    lambda *size, generator=None, dtype=None, device=None: call(
        "uniform_real", rng.next_key(), _size(size), 0.0, 1.0, dtype
    )
)
mint("randn")(
    lambda *size, generator=None, dtype=None, device=None: call(
        "normal", rng.next_key(), _size(size), 0.0, 1.0, dtype
    )
)
mint("rand_like")(
    lambda input, *, dtype=None, device=None: call(
        "uniform_real", rng.next_key(), input.shape, 0.0, 1.0, _like_float(input, dtype)
    )
)
mint("randn_like")(
    lambda input, *, dtype=None, device=None: call(
        "normal", rng.next_key(), input.shape, 0.0, 1.0, _like_float(input, dtype)
    )
)


def _mint_randint(*args, generator=None, dtype=None, device=None):
    """``mint.randint(high, size)`` or ``mint.randint(low, high, size)``."""
    low, high, size = (0, *args) if len(args) == 2 else args
    return call("uniform_int", rng.next_key(), size, low, high, dtype)


def _mint_randint_like(input, *args, dtype=None, device=None):
    low, high = (0, args[0]) if len(args) == 1 else args
    return call("uniform_int", rng.next_key(), input.shape, low, high, dtype or input.dtype)


mint("randint")(_mint_randint)
mint("randint_like")(_mint_randint_like)
mint("randperm")(lambda n, *, generator=None, dtype=mstype.int64: call("randperm", rng.next_key(), n, dtype))
mint("normal")(
    lambda mean=0.0, std=1.0, size=None, generator=None: call(
        "normal", rng.next_key(), () if size is None else size, mean, std
    )
)
mint("multinomial")(
    lambda input, num_samples, replacement=False, *, generator=None: call(
        "multinomial", rng.next_key(), input, num_samples, replacement, mstype.int64
    )
)
mint("bernoulli")(lambda input, *, generator=None: call("bernoulli", rng.next_key(), input, input))


# --- more random ops: distributions, samplers and in-place fills --------------------------------


@op("cauchy")
def _cauchy(key, shape, median=0.0, sigma=1.0, dtype=None):
    dt = _float_dtype("Cauchy", dtype)
    return (median + sigma * jax.random.cauchy(key, shape_arg("Cauchy", shape), _F32)).astype(dt)


@op("log_normal")
def _log_normal(key, shape, mean=1.0, std=2.0, dtype=None):
    dt = _float_dtype("LogNormalReverse", dtype)
    return jnp.exp(mean + std * jax.random.normal(key, shape_arg("LogNormalReverse", shape), _F32)).astype(dt)


@op("exponential")
def _exponential(key, shape, lambd=1.0, dtype=None):
    dt = _float_dtype("exponential_", dtype)
    return (jax.random.exponential(key, shape_arg("exponential_", shape), _F32) / lambd).astype(dt)


@op("laplace")
def _laplace(key, shape, mean=0.0, scale=1.0):
    m, s = jnp.asarray(mean, _F32), jnp.asarray(scale, _F32)
    shape = jnp.broadcast_shapes(shape_arg("Laplace", shape), m.shape, s.shape)
    return (m + s * jax.random.laplace(key, shape, _F32)).astype(_F32)


@op("truncated_normal")
def _truncated_normal(key, shape, mean=0.0, std=1.0, lower=-2.0, upper=2.0, dtype=None):
    """Normal samples truncated to [lower, upper] (in units of the standard normal)."""
    dt = _float_dtype("TruncatedNormal", dtype)
    z = jax.random.truncated_normal(
        key, jnp.asarray(lower, _F32), jnp.asarray(upper, _F32), shape_arg("TruncatedNormal", shape), _F32
    )
    return (mean + std * z).astype(dt)


def _candidate_probs(kind, k, range_max):
    k = k.astype(jnp.float32)
    if kind == "uniform":
        return jnp.full(k.shape, 1.0 / range_max, jnp.float32)
    return jnp.log((k + 2.0) / (k + 1.0)) / np.log(range_max + 1.0)


@op("candidate_sampler")
def _candidate_sampler(
    key, true_classes, num_true, num_sampled, unique, range_max, kind="uniform", remove_accidental_hits=False
):
    """TensorFlow's Uniform / LogUniform candidate samplers: (sampled (num_sampled,) Int64,
    true expected count (batch, num_true) Float32, sampled expected count (num_sampled,) Float32)."""
    name = "UniformCandidateSampler" if kind == "uniform" else "LogUniformCandidateSampler"
    num_sampled, range_max = (
        static_int(name, "num_sampled", num_sampled),
        static_int(name, "range_max", range_max),
    )
    if true_classes.ndim != 2 or true_classes.shape[1] != num_true:
        R.raise_error(
            ValueError,
            name,
            f"the 'true_classes' must be 2-D with {num_true} columns, but got shape "
            f"{list(true_classes.shape)}.",
        )
    if unique and num_sampled > range_max:
        R.raise_error(
            ValueError,
            name,
            f"the 'num_sampled' ({num_sampled}) must be <= 'range_max' ({range_max}) when 'unique' is True.",
        )
    all_k = jnp.arange(range_max)
    p_all = _candidate_probs(kind, all_k, range_max)
    logits = jnp.log(p_all)
    if unique:  # Gumbel top-k draws without replacement with the sampler's probabilities
        sampled = jax.lax.top_k(logits + jax.random.gumbel(key, (range_max,)), num_sampled)[1]
        # expected count after the number of tries it takes to draw num_sampled unique values
        tries = jnp.asarray(num_sampled, jnp.float32) / jnp.maximum(jnp.sum(p_all[sampled]), 1e-12) * 1.0
        tries = jnp.maximum(tries, float(num_sampled))

        def expected(p):
            return -jnp.expm1(tries * jnp.log1p(-jnp.minimum(p, 1 - 1e-7)))
    else:
        sampled = jax.random.categorical(key, logits, shape=(num_sampled,))

        def expected(p):
            return p * num_sampled

    true_exp = expected(_candidate_probs(kind, true_classes, range_max))
    samp_exp = expected(_candidate_probs(kind, sampled, range_max))
    return sampled.astype(_I64), true_exp.astype(_F32), samp_exp.astype(_F32)


@functional
def laplace(shape, mean, lambda_param, seed=None):
    return call("laplace", fn_key("laplace", seed), shape, mean, lambda_param)


@functional
def standard_laplace(shape, seed=None):
    return call("laplace", fn_key("standard_laplace", seed), shape, 0.0, 1.0)


@functional
def uniform_candidate_sampler(
    true_classes, num_true, num_sampled, unique, range_max, seed=0, remove_accidental_hits=False
):
    return call(
        "candidate_sampler",
        fn_key("uniform_candidate_sampler", seed or None),
        true_classes,
        num_true,
        num_sampled,
        unique,
        range_max,
        "uniform",
        remove_accidental_hits,
    )


@functional
def log_uniform_candidate_sampler(true_classes, num_true=1, num_sampled=5, unique=True, range_max=5, seed=0):
    return call(
        "candidate_sampler",
        fn_key("log_uniform_candidate_sampler", seed or None),
        true_classes,
        num_true,
        num_sampled,
        unique,
        range_max,
        "log",
    )


@functional
def choice_with_mask(input_x, count=256, seed=None):
    return call("random_choice_with_mask", fn_key("choice_with_mask", seed), input_x, count)


@functional
def multinomial_with_replacement(x, seed, offset, numsamples, replacement=False):
    s = int(static_value("multinomial_with_replacement", "seed", seed))
    key = (
        rng.next_key()
        if s == -1
        else jax.random.fold_in(
            op_seed_key(s, 0), int(static_value("multinomial_with_replacement", "offset", offset))
        )
    )
    return call("multinomial", key, x, numsamples, replacement, mstype.int64)


@functional
def bernoulli_ext(input, *, generator=None):
    return call("bernoulli", rng.next_key(), input, input)


@functional
def uniform_(input, from_=0, to=1, *, generator=None):
    return _inplace(input, call("uniform_real", rng.next_key(), input.shape, from_, to, input.dtype))


@functional
def normal_(input, mean=0, std=1, *, generator=None):
    return _inplace(input, call("normal", rng.next_key(), input.shape, mean, std, input.dtype))


@functional
def exponential_(input, lambd=1, *, generator=None):
    return _inplace(input, call("exponential", rng.next_key(), input.shape, lambd, input.dtype))


@functional
def random_(input, from_=0, to=None, *, generator=None):
    return input.random_(from_, to)


@functional
def bernoulli_(input, p=0.5, *, generator=None):
    return _inplace(input, call("bernoulli", rng.next_key(), input, p))


tensor_method("exponential_")(lambda self, lambd=1, *, generator=None: exponential_(self, lambd))
tensor_method("bernoulli_")(lambda self, p=0.5, *, generator=None: bernoulli_(self, p))
tensor_method("uniform")(
    lambda self, from_=0.0, to=1.0, generator=None: call(
        "uniform_real", rng.next_key(), self.shape, from_, to, self.dtype
    )
)
tensor_method("cauchy")(
    lambda self, median=0.0, sigma=1.0: call("cauchy", rng.next_key(), self.shape, median, sigma, self.dtype)
)
tensor_method("log_normal")(
    lambda self, mean=1.0, std=2.0: call("log_normal", rng.next_key(), self.shape, mean, std, self.dtype)
)
tensor_method("random_categorical")(
    lambda self, num_sample, seed=0, dtype=mstype.int64: random_categorical(self, num_sample, seed, dtype)
)


def _bernoulli_prim(self, x, p):
    key = rng.next_key() if int(self.seed) == -1 else _advance(self._ctr(), int(self.seed), int(self.offset))
    return call("bernoulli", key, x, p)


def _ctr(self):
    c = self.__dict__.get("_counter")
    if c is None:
        c = self.__dict__["_counter"] = _counter_param()
    return c


_RandomPrimitive._ctr = _ctr
_rand_prim("Bernoulli", {"seed": -1, "offset": 0}, _bernoulli_prim)
_rand_prim(
    "Cauchy",
    {"size": (), "median": 0.0, "sigma": 1.0},
    lambda self: call("cauchy", rng.next_key(), self.size, self.median, self.sigma),
)
_rand_prim(
    "LogNormalReverse",
    {"mean": 1.0, "std": 2.0},
    lambda self, x: call("log_normal", rng.next_key(), x.shape, self.mean, self.std, x.dtype),
)
_rand_prim("RandomShuffle", {"seed": 0, "seed2": 0}, lambda self, x: call("shuffle", self._key(), x))
_rand_prim(
    "RandpermV2",
    {"seed": 0, "offset": 0, "dtype": mstype.int64},
    lambda self, n: call("randperm", self._key(), n, self.dtype),
)
_rand_prim(
    "TruncatedNormal",
    {"dtype": mstype.float32, "seed": 0, "seed2": 0},
    lambda self, shape: call("truncated_normal", self._key(), shape, 0.0, 1.0, -2.0, 2.0, self.dtype),
)


def _ptn_call(self, shape, mean, stdevs, min, max):
    """Per-batch (shape[0]) truncated normal: rows b in [min[b], max[b]] with mean[b], stdevs[b]."""
    shp = shape_arg("ParameterizedTruncatedNormal", R.unwrap(shape))
    m, s, lo, hi = (R.unwrap(v) for v in (mean, stdevs, min, max))
    col = (shp[0],) + (1,) * (len(shp) - 1)
    m, s, lo, hi = (jnp.reshape(jnp.broadcast_to(jnp.asarray(v), (shp[0],)), col) for v in (m, s, lo, hi))
    z = jax.random.truncated_normal(
        self._key(), ((lo - m) / s).astype(_F32), ((hi - m) / s).astype(_F32), shp, _F32
    )
    return R.wrap((m + s * z).astype(m.dtype))


_rand_prim("ParameterizedTruncatedNormal", {"seed": 0, "seed2": 0}, _ptn_call)


def _mwr_call(self, x, seed, offset):
    return multinomial_with_replacement(x, seed, offset, self.numsamples, self.replacement)


_rand_prim("MultinomialWithReplacement", {"numsamples": 1, "replacement": False}, _mwr_call)
_rand_prim(
    "NonDeterministicInts",
    {"dtype": mstype.int64},
    lambda self, shape: R.wrap(
        jax.random.bits(
            rng.next_key(), shape_arg("NonDeterministicInts", R.unwrap(shape)), jnp.uint32
        ).astype(np_dtype(R.unwrap(self.dtype), _I64))
    ),
)
_rand_prim(
    "UniformCandidateSampler",
    {
        "num_true": 1,
        "num_sampled": 1,
        "unique": True,
        "range_max": 1,
        "seed": 0,
        "remove_accidental_hits": False,
    },
    lambda self, tc: call(
        "candidate_sampler",
        self._key(),
        tc,
        self.num_true,
        self.num_sampled,
        self.unique,
        self.range_max,
        "uniform",
        self.remove_accidental_hits,
    ),
)
_rand_prim(
    "LogUniformCandidateSampler",
    {"num_true": 1, "num_sampled": 5, "unique": True, "range_max": 5, "seed": 0},
    lambda self, tc: call(
        "candidate_sampler",
        self._key(),
        tc,
        self.num_true,
        self.num_sampled,
        self.unique,
        self.range_max,
        "log",
    ),
)
