"""Sequence and sampled losses: CTC, sampled softmax and the uniform candidate sampler."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .._registry import call, functional, op, primitive
from ..primitive import Primitive
from ._loss_common import _F32, _check_reduction

# --- CTC ------------------------------------------------------------------------------------------


@op("ctc_loss")
def _ctc_loss_op(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """See ``_ctc_loss`` (jitted so eager calls reuse the compiled scan)."""
    _check_reduction("ctc_loss", reduction)
    return _ctc_jit(
        log_probs, targets, input_lengths, target_lengths, int(blank), reduction, bool(zero_infinity)
    )


def _ctc_loss(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """CTCLossV2 over (T, N, C) log-probabilities: (loss (N,) or reduced, log_alpha (N, T, 2S+1)).

    The forward (alpha) recursion runs as one ``lax.scan`` over time; a sample whose targets
    cannot be aligned within its input length gets ``inf`` (MindSpore's CPU kernel keeps it inf
    even with ``zero_infinity``, which only affects the gradient there)."""
    _check_reduction("ctc_loss", reduction)
    if log_probs.ndim == 2:  # unbatched (T, C)
        loss, log_alpha = _ctc_loss(
            log_probs[:, None],
            targets.reshape(1, -1),
            input_lengths.reshape(1),
            target_lengths.reshape(1),
            blank,
            reduction,
            zero_infinity,
        )
        return (loss[0] if loss.ndim else loss), log_alpha[0]
    t_max, n, _ = log_probs.shape
    s_max = targets.shape[1] if targets.ndim == 2 else 0
    lext = 2 * s_max + 1
    tg = targets.astype(np.int32).reshape(n, s_max)
    ext = jnp.full((n, lext), blank, np.int32).at[:, 1::2].set(tg)  # blank, l1, blank, l2, ...
    tl = target_lengths.astype(np.int32).reshape(n)
    il = input_lengths.astype(np.int32).reshape(n)
    pos = jnp.arange(lext)
    in_range = pos[None, :] < (2 * tl[:, None] + 1)
    prev2 = jnp.concatenate([jnp.full((n, 2), -1, np.int32), ext[:, :-2]], 1)
    can_skip = (ext != blank) & (ext != prev2) & (pos[None, :] >= 2)
    # a large finite "-inf" keeps logaddexp's gradient finite; true -inf is restored on output
    ninf = jnp.array(-1e30, log_probs.dtype)
    lp = jnp.transpose(log_probs, (1, 0, 2))  # (N, T, C)
    emit = jnp.take_along_axis(lp, jnp.broadcast_to(ext[:, None, :], (n, t_max, lext)), 2)  # (N, T, L)
    alpha0 = jnp.where((pos[None, :] < 2) & in_range, emit[:, 0], ninf)

    def step(alpha, t):
        a1 = jnp.concatenate([jnp.full((n, 1), ninf), alpha[:, :-1]], 1)
        a2 = jnp.concatenate([jnp.full((n, 2), ninf), alpha[:, :-2]], 1)
        a2 = jnp.where(can_skip, a2, ninf)
        new = jnp.logaddexp(jnp.logaddexp(alpha, a1), a2) + emit[:, t]
        new = jnp.where(in_range, new, ninf)
        new = jnp.where((t < il)[:, None], new, alpha)  # past the input length: hold
        return new, new

    last, hist = lax.scan(step, alpha0, jnp.arange(1, t_max))
    log_alpha = (
        jnp.concatenate([alpha0[:, None], jnp.transpose(hist, (1, 0, 2))], 1)
        if t_max > 1
        else alpha0[:, None]
    )
    valid_t = jnp.arange(t_max)[None, :, None] < il[:, None, None]
    log_alpha = jnp.where(valid_t & (log_alpha > -1e29), log_alpha, -jnp.inf)
    end1 = jnp.take_along_axis(last, (2 * tl)[:, None], 1)[:, 0]
    end2 = jnp.take_along_axis(last, jnp.maximum(2 * tl - 1, 0)[:, None], 1)[:, 0]
    end2 = jnp.where(tl > 0, end2, ninf)
    loss = -jnp.logaddexp(end1, end2)
    loss = jnp.where(loss > 1e29, jnp.inf, loss)
    if zero_infinity:
        # the value stays inf like MindSpore's kernel; the gradient of an infinite sample is zero
        loss = jnp.where(jnp.isinf(loss), lax.stop_gradient(loss), loss)
    if reduction == "sum":
        loss = jnp.sum(loss)
    elif reduction == "mean":
        dt = loss.dtype
        loss = jnp.mean(loss.astype(_F32) / jnp.maximum(tl.astype(_F32), 1.0)).astype(dt)
    return loss, log_alpha


_ctc_jit = jax.jit(_ctc_loss, static_argnums=(4, 5, 6))


# --- sampled softmax ------------------------------------------------------------------------------


@op("uniform_candidate_sample")
def _uniform_candidate_sample(true_classes, num_true, num_sampled, unique, range_max, key):
    """(sampled, true_expected_count, sampled_expected_count) of a uniform sampler."""
    if unique:
        sampled = jax.random.choice(key, range_max, (num_sampled,), replace=False)
    else:
        sampled = jax.random.randint(key, (num_sampled,), 0, range_max)
    p = num_sampled / range_max
    tec = jnp.full(true_classes.shape, p, _F32)
    sec = jnp.full((num_sampled,), p, _F32)
    return sampled.astype(np.int32), tec, sec


@op("sampled_softmax_loss")
def _sampled_softmax_loss(weights, biases, labels, logits, sampled, true_ec, sampled_ec, num_true):
    n_dim = weights.shape[1]
    labels_flat = labels.reshape(-1)
    sampled = sampled.astype(np.int32)
    true_w = weights[labels_flat]
    sampled_w = weights[sampled]
    sampled_logits = logits @ sampled_w.T + biases[sampled]
    true_logits = jnp.sum(logits[:, None, :] * true_w.reshape(-1, num_true, n_dim), -1)
    true_logits = true_logits + biases[labels_flat].reshape(-1, num_true)
    true_logits = true_logits - jnp.log(true_ec)
    sampled_logits = sampled_logits - jnp.log(sampled_ec)
    out_logits = jnp.concatenate([true_logits, sampled_logits], 1)
    out_labels = jnp.concatenate([jnp.ones_like(true_logits) / num_true, jnp.zeros_like(sampled_logits)], 1)
    e = jnp.exp(out_logits - jnp.max(out_logits, 1, keepdims=True))
    pred = e / jnp.sum(e, 1, keepdims=True)
    return -jnp.sum(out_labels * jnp.log(pred + 1.0e-20), 1)


@op("reshape_labels")
def _reshape_labels(labels, num_true):
    return labels.astype(np.int32).reshape(-1, num_true)


@functional
def ctc_loss(
    log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean", zero_infinity=False
):
    """``ops.ctc_loss``: returns (loss, log_alpha)."""
    return call(
        "ctc_loss", log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity
    )


class CTCLossV2(Primitive):
    """(neg_log_likelihood, log_alpha) with classes on the last axis of (T, N, C) log-probs."""

    def __init__(self, blank=0, reduction="none", zero_infinity=False):
        super().__init__("CTCLossV2")
        self.blank, self.reduction, self.zero_infinity = blank, reduction, zero_infinity

    def __call__(self, log_probs, targets, input_lengths, target_lengths):
        return call(
            "ctc_loss",
            log_probs,
            targets,
            input_lengths,
            target_lengths,
            self.blank,
            self.reduction,
            self.zero_infinity,
        )


class UniformCandidateSampler(Primitive):
    """Uniform class sampler (JAX's RNG: the samples differ from MindSpore's; the counts match)."""

    def __init__(self, num_true, num_sampled, unique, range_max, seed=0, remove_accidental_hits=False):
        super().__init__("UniformCandidateSampler")
        self.num_true, self.num_sampled, self.unique = num_true, num_sampled, unique
        self.range_max, self.seed = range_max, seed
        self.remove_accidental_hits = remove_accidental_hits

    def __call__(self, true_classes):
        from ...common.rng import next_key

        return call(
            "uniform_candidate_sample",
            true_classes,
            self.num_true,
            self.num_sampled,
            self.unique,
            self.range_max,
            next_key(),
        )

for _c in (
    CTCLossV2,
    UniformCandidateSampler,
):
    primitive(_c)
del _c
