"""Recurrent cells, whole recurrent layers (one ``lax.scan`` each) and multi-head attention.

Gate layouts follow MindSpore 2.x (PyTorch's): LSTM gates i, f, g, o; GRU gates r, z, n with
``b_hn`` inside ``r * (W_hn h + b_hn)``. ``nn.RNN/LSTM/GRU`` and ``nn.MultiheadAttention`` call
these ops; a whole layer direction compiles to one loop and is differentiable through the scan.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .. import _registry as R
from .._registry import op


def _linear(x, w, b):
    y = x @ w.T
    return y if b is None else y + b


def _cell(mode, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One step: returns (h, c) (c is None except for LSTM)."""
    if mode not in ("LSTM", "GRU", "RNN_TANH", "RNN_RELU"):
        R.raise_error(
            ValueError,
            "RNN",
            f"the 'mode' must be in ['RNN_RELU', 'RNN_TANH', 'LSTM', 'GRU'], but got {mode}.",
        )
    return _step_gates(mode, _linear(x, w_ih, b_ih), h, c, w_hh, b_hh)


@op("rnn_cell")
def _rnn_cell(x, h, c, w_ih, w_hh, b_ih=None, b_hh=None, mode="LSTM"):
    """One step of an RNN/LSTM/GRU cell: (h, c) for LSTM, h otherwise."""
    h2, c2 = _cell(mode, x, h, c, w_ih, w_hh, b_ih, b_hh)
    return (h2, c2) if mode == "LSTM" else h2


def _reverse_sequence(x, seq_length):
    """ReverseSequence(seq_dim=0, batch_dim=1): reverses the first seq_length[b] steps of sample b."""
    t = x.shape[0]
    idx = jnp.arange(t)[:, None]
    L = seq_length[None, :]
    src = jnp.where(idx < L, L - 1 - idx, idx)  # (T, N)
    return jnp.take_along_axis(x, src[..., None].astype(np.int32), 0)


@op("rnn_layer")
def _rnn_layer(x, h0, c0, w_ih, w_hh, b_ih=None, b_hh=None, mode="LSTM", seq_length=None, reverse=False):
    """One direction of one layer (see ``_rnn_layer_impl``); jitted so eager calls reuse the
    compiled loop instead of re-tracing the scan body each time."""
    return _rnn_layer_jit(x, h0, c0, w_ih, w_hh, b_ih, b_hh, mode, seq_length, reverse)


def _rnn_layer_impl(x, h0, c0, w_ih, w_hh, b_ih=None, b_hh=None, mode="LSTM", seq_length=None, reverse=False):
    """One direction of one layer over time-major ``x`` (T, N, I): (output (T, N, H), h_n, c_n).

    With ``seq_length``, sample b stops at step seq_length[b]: later outputs are zero and the
    final state is the one at its last valid step (MindSpore's ``variable_recurrent``); the
    reverse direction reverses only each sample's valid prefix."""
    dt = x.dtype
    w_ih, w_hh = w_ih.astype(dt), w_hh.astype(dt)
    if b_ih is not None:
        b_ih, b_hh = b_ih.astype(dt), b_hh.astype(dt)
    if seq_length is not None:
        seq_length = seq_length.astype(np.int32)
    if reverse:
        x = jnp.flip(x, 0) if seq_length is None else _reverse_sequence(x, seq_length)
    is_lstm = mode == "LSTM"
    # the input projection of every step at once; only the recurrent part stays in the loop
    gi_all = _linear(x, w_ih, b_ih)

    def step(carry, inp):
        h, c = carry
        gi, t = inp
        h2, c2 = _step_gates(mode, gi, h, c, w_hh, b_hh)
        if seq_length is not None:
            valid = (t < seq_length)[:, None]
            out = jnp.where(valid, h2, 0)
            h2 = jnp.where(valid, h2, h)
            if is_lstm:
                c2 = jnp.where(valid, c2, c)
        else:
            out = h2
        return (h2, c2 if is_lstm else c), out

    carry0 = (h0, c0 if is_lstm else jnp.zeros((), dt))
    (h_n, c_n), out = lax.scan(step, carry0, (gi_all, jnp.arange(x.shape[0])))
    if reverse:
        out = jnp.flip(out, 0) if seq_length is None else _reverse_sequence(out, seq_length)
    return out, h_n, (c_n if is_lstm else None)


_rnn_layer_jit = jax.jit(_rnn_layer_impl, static_argnums=(7, 9))


def _step_gates(mode, gi, h, c, w_hh, b_hh):
    """A cell step given the precomputed input gates ``gi = x W_ih^T + b_ih``."""
    gh = _linear(h, w_hh, b_hh)
    if mode == "LSTM":
        i, f, g, o = jnp.split(gi + gh, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        return jax.nn.sigmoid(o) * jnp.tanh(c), c
    if mode == "GRU":
        i_r, i_z, i_n = jnp.split(gi, 3, axis=-1)
        h_r, h_z, h_n = jnp.split(gh, 3, axis=-1)
        r = jax.nn.sigmoid(i_r + h_r)
        z = jax.nn.sigmoid(i_z + h_z)
        n = jnp.tanh(i_n + r * h_n)
        return n + z * (h - n), None
    if mode == "RNN_TANH":
        return jnp.tanh(gi + gh), None
    return jax.nn.relu(gi + gh), None


# --- attention ------------------------------------------------------------------------------------


def _mask_to_float(mask, dtype):
    if mask.dtype == np.bool_:
        return jnp.where(mask, jnp.array(-jnp.inf, dtype), jnp.array(0, dtype))
    return mask.astype(dtype)


@op("multi_head_attention_forward")
def _mha_forward(
    query,
    key,
    value,
    num_heads,
    in_proj_weight,
    in_proj_bias,
    bias_k,
    bias_v,
    add_zero_attn,
    out_proj_weight,
    out_proj_bias,
    key_padding_mask=None,
    attn_mask=None,
    q_proj_weight=None,
    k_proj_weight=None,
    v_proj_weight=None,
    average_attn_weights=True,
    dropout_p=0.0,
    dropout_key=None,
):
    """See ``_mha_impl`` (jitted: shape checks run once per signature while tracing)."""
    return _mha_jit(
        query,
        key,
        value,
        num_heads,
        in_proj_weight,
        in_proj_bias,
        bias_k,
        bias_v,
        bool(add_zero_attn),
        out_proj_weight,
        out_proj_bias,
        key_padding_mask,
        attn_mask,
        q_proj_weight,
        k_proj_weight,
        v_proj_weight,
        bool(average_attn_weights),
        float(dropout_p),
        dropout_key,
    )


def _mha_impl(
    query,
    key,
    value,
    num_heads,
    in_proj_weight,
    in_proj_bias,
    bias_k,
    bias_v,
    add_zero_attn,
    out_proj_weight,
    out_proj_bias,
    key_padding_mask=None,
    attn_mask=None,
    q_proj_weight=None,
    k_proj_weight=None,
    v_proj_weight=None,
    average_attn_weights=True,
    dropout_p=0.0,
    dropout_key=None,
):
    """MindSpore's ``multi_head_attention_forward`` on (L, N, E) inputs (or unbatched (L, E)).

    Returns (attn_output (L, N, E), attn_weights (N, L, S) averaged over heads, or (N, h, L, S)).
    Boolean masks mark positions to ignore; float masks are added to the scores."""
    name = "MultiheadAttention"
    if query.ndim not in (2, 3):
        R.raise_error(
            ValueError,
            name,
            f"the `query` should be unbatched 2D or batched 3D tensor, but got `query` with {query.ndim}D.",
        )
    batched = query.ndim == 3
    if key.ndim != query.ndim or value.ndim != query.ndim:
        R.raise_error(
            ValueError,
            name,
            f"the `key` and `value` must be {query.ndim}D tensors like `query`, "
            f"but "
            f"got `key` with {key.ndim}D and `value` with {value.ndim}D.",
        )
    if not batched:
        query, key, value = query[:, None], key[:, None], value[:, None]
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask[None]
    tgt_len, bsz, embed_dim = query.shape
    head_dim = embed_dim // num_heads
    dt = query.dtype
    if in_proj_weight is not None:
        if key.shape != value.shape:
            R.raise_error(
                ValueError, name, f"the shape of `key` {key.shape} does not match `value` {value.shape}."
            )
        w_q, w_k, w_v = jnp.split(in_proj_weight, 3)
    else:
        w_q, w_k, w_v = q_proj_weight, k_proj_weight, v_proj_weight
    b_q = b_k = b_v = None
    if in_proj_bias is not None:
        b_q, b_k, b_v = jnp.split(in_proj_bias, 3)
    q, k, v = _linear(query, w_q, b_q), _linear(key, w_k, b_k), _linear(value, w_v, b_v)

    if attn_mask is not None:
        if attn_mask.dtype == np.uint8:
            attn_mask = attn_mask.astype(bool)
        if attn_mask.ndim == 2:
            if attn_mask.shape != (tgt_len, key.shape[0]):
                R.raise_error(
                    ValueError,
                    name,
                    f"the shape of the `attn_mask` should be "
                    f"{(tgt_len, key.shape[0])}, but got {attn_mask.shape}.",
                )
            attn_mask = attn_mask[None]
        elif attn_mask.ndim == 3:
            if attn_mask.shape != (bsz * num_heads, tgt_len, key.shape[0]):
                R.raise_error(
                    ValueError,
                    name,
                    f"the shape of the `attn_mask` should be "
                    f"{(bsz * num_heads, tgt_len, key.shape[0])}, but got "
                    f"{attn_mask.shape}.",
                )
    if bias_k is not None and bias_v is not None:
        k = jnp.concatenate([k, jnp.tile(bias_k, (1, bsz, 1))])
        v = jnp.concatenate([v, jnp.tile(bias_v, (1, bsz, 1))])
        if attn_mask is not None:
            attn_mask = jnp.pad(attn_mask, ((0, 0), (0, 0), (0, 1)))
        if key_padding_mask is not None:
            key_padding_mask = jnp.pad(key_padding_mask, ((0, 0), (0, 1)))
    q = q.reshape(tgt_len, bsz * num_heads, head_dim).swapaxes(0, 1)
    k = k.reshape(k.shape[0], bsz * num_heads, head_dim).swapaxes(0, 1)
    v = v.reshape(v.shape[0], bsz * num_heads, head_dim).swapaxes(0, 1)
    if add_zero_attn:
        z = jnp.zeros((bsz * num_heads, 1, head_dim), dt)
        k = jnp.concatenate([k, z], 1)
        v = jnp.concatenate([v, z], 1)
        if attn_mask is not None:
            attn_mask = jnp.pad(attn_mask, ((0, 0), (0, 0), (0, 1)))
        if key_padding_mask is not None:
            key_padding_mask = jnp.pad(key_padding_mask, ((0, 0), (0, 1)))
    src_len = k.shape[1]
    if key_padding_mask is not None:
        if key_padding_mask.dtype != np.bool_ and not jnp.issubdtype(key_padding_mask.dtype, jnp.floating):
            R.raise_error(ValueError, name, "only bool and floating types of key_padding_mask are supported")
        if key_padding_mask.shape != (bsz, src_len):
            R.raise_error(
                ValueError,
                name,
                f"the shape of `key_padding_mask` should be {(bsz, src_len)}, "
                f"but got "
                f"{key_padding_mask.shape}.",
            )
        kpm = jnp.tile(key_padding_mask.reshape(bsz, 1, 1, src_len), (1, num_heads, 1, 1))
        kpm = kpm.reshape(bsz * num_heads, 1, src_len)
        if attn_mask is None:
            attn_mask = kpm
        elif attn_mask.dtype == np.bool_ and kpm.dtype == np.bool_:
            attn_mask = attn_mask | kpm
        else:
            attn_mask = _mask_to_float(attn_mask, dt) + _mask_to_float(kpm, dt)
    if attn_mask is not None:
        attn_mask = _mask_to_float(attn_mask, dt)
        attn_mask = (
            attn_mask[None] if attn_mask.shape[0] == 1 else attn_mask.reshape(bsz, num_heads, -1, src_len)
        )
    q = q.reshape(bsz, num_heads, tgt_len, head_dim)
    k = k.reshape(bsz, num_heads, src_len, head_dim)
    v = v.reshape(bsz, num_heads, src_len, head_dim)
    scale = jnp.sqrt(jnp.sqrt(jnp.asarray(head_dim, dt)))
    scores = (q / scale) @ (k.swapaxes(-2, -1) / scale)
    if attn_mask is not None:
        scores = scores + attn_mask
    attn = jax.nn.softmax(scores, -1)
    if dropout_key is not None and 0.0 < dropout_p <= 1.0:
        keep = jax.random.bernoulli(dropout_key, 1.0 - dropout_p, attn.shape)
        attn = (
            jnp.where(keep, attn / (1.0 - dropout_p), 0).astype(dt)
            if dropout_p < 1.0
            else jnp.zeros_like(attn)
        )
    out = attn @ v  # (N, h, L, d)
    out = out.transpose(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = _linear(out, out_proj_weight, out_proj_bias).reshape(tgt_len, bsz, -1)
    weights = attn.reshape(bsz, num_heads, tgt_len, src_len)
    if average_attn_weights:
        weights = jnp.sum(weights, 1) / num_heads
    if not batched:
        out, weights = out[:, 0], weights[0]
    return out, weights


_mha_jit = jax.jit(_mha_impl, static_argnums=(3, 8, 16, 17))
