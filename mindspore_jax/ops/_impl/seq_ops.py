"""Sequence primitives: the flat-weight ``P.LSTM``, ``DynamicGRUV2``, ``BasicLSTMCell``, the
TensorFlow-style ``CTCLoss`` / ``CTCGreedyDecoder``, ``RNNTLoss``, ``EditDistance``,
``NoRepeatNGram`` and ``ComputeAccidentalHits``.

The recurrent layers reuse ``rnn_ops`` (one ``lax.scan`` per layer direction); the CTC/RNN-T
losses return MindSpore's (loss, gradient) pairs, the gradient taken by ``jax.grad`` of the loss.
Ops whose output shape depends on values (decoders, sparse edit distance, accidental hits) run
eagerly on concrete values, as MindSpore's dynamic-shape kernels do.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax import lax

from .._registry import call, functional, op, primitive, raise_error
from ..primitive import Primitive
from .rnn_ops import _rnn_layer_impl

_FLT_MAX = float(np.finfo(np.float32).max)


def _concrete(x, name, what):
    """A numpy copy of ``x``; these ops need values (their output shapes depend on them)."""
    try:
        return np.asarray(x)
    except Exception:  # a tracer: inside a compiled graph
        raise_error(
            RuntimeError,
            name,
            f"the '{what}' must be a concrete value: the output shape depends on it, "
            "so this op runs eagerly (PYNATIVE_MODE) only.",
        )


# --- LSTM (flat weights) -------------------------------------------------------------------------


def _lstm_split_weights(w, input_size, hidden_size, num_layers, has_bias, num_dir):
    """MindSpore's CPU layout of the flat ``w``: every (layer, direction)'s ``w_ih`` (4H, in),
    then every ``w_hh`` (4H, H), then (has_bias) every bias (4H,), gates i, f, g, o."""
    h4 = 4 * hidden_size
    sizes = [
        input_size if l == 0 else hidden_size * num_dir for l in range(num_layers) for _ in range(num_dir)
    ]
    n = len(sizes)
    total = sum(h4 * s for s in sizes) + n * h4 * hidden_size + (n * h4 if has_bias else 0)
    flat = w.reshape(-1)
    if flat.shape[0] != total:
        raise_error(
            ValueError,
            "LSTM",
            f"the size of 'w' must be {total} for input_size={input_size}, hidden_size={hidden_size}, "
            f"num_layers={num_layers}, has_bias={has_bias}, bidirectional={num_dir == 2}, "
            f"but got shape {tuple(w.shape)}.",
        )
    off, w_ih, w_hh, bias = 0, [], [], []
    for s in sizes:
        w_ih.append(flat[off : off + h4 * s].reshape(h4, s))
        off += h4 * s
    for _ in sizes:
        w_hh.append(flat[off : off + h4 * hidden_size].reshape(h4, hidden_size))
        off += h4 * hidden_size
    for _ in sizes:
        bias.append(flat[off : off + h4] if has_bias else None)
        off += h4 if has_bias else 0
    return w_ih, w_hh, bias


@op("lstm_flat")
def _lstm_flat(x, h, c, w, input_size, hidden_size, num_layers, has_bias, bidirectional):
    """``P.LSTM``: time-major (T, N, I) input, (L*D, N, H) states: (output, h_n, c_n)."""
    if x.ndim != 3 or h.ndim != 3 or c.ndim != 3:
        raise_error(
            ValueError,
            "LSTM",
            f"the 'input', 'h' and 'c' must be 3-D, but got shapes {x.shape}, {h.shape} and {c.shape}.",
        )
    num_dir = 2 if bidirectional else 1
    if x.shape[2] != input_size:
        raise_error(ValueError, "LSTM", f"the input.shape[2] must be {input_size}, but got {x.shape[2]}.")
    want = (num_layers * num_dir, x.shape[1], hidden_size)
    if tuple(h.shape) != want or tuple(c.shape) != want:
        raise_error(
            ValueError,
            "LSTM",
            f"the shape of 'h' and 'c' must be {want}, but got {tuple(h.shape)} and {tuple(c.shape)}.",
        )
    w_ih, w_hh, bias = _lstm_split_weights(
        w.astype(x.dtype), input_size, hidden_size, num_layers, has_bias, num_dir
    )
    inp, hs, cs = x, [], []
    for layer in range(num_layers):
        outs = []
        for d in range(num_dir):
            k = layer * num_dir + d
            # the single CPU bias plays b_ih; b_hh is zero
            b_hh = None if bias[k] is None else jnp.zeros_like(bias[k])
            o, hn, cn = _rnn_layer_impl(
                inp, h[k], c[k], w_ih[k], w_hh[k], bias[k], b_hh, "LSTM", None, d == 1
            )
            outs.append(o)
            hs.append(hn)
            cs.append(cn)
        inp = outs[0] if num_dir == 1 else jnp.concatenate(outs, -1)
    return inp, jnp.stack(hs), jnp.stack(cs)


@primitive
class LSTM(Primitive):
    """``P.LSTM``: a stacked LSTM over one flat weight tensor (MindSpore's CPU layout).

    ``dropout`` is accepted and ignored, as MindSpore's CPU kernel does; ``reserve`` and
    ``state`` are zero placeholders (oneDNN's workspace / the cuDNN dropout state)."""

    def __init__(self, input_size, hidden_size, num_layers, has_bias, bidirectional, dropout, proj_size=0):
        super().__init__("LSTM")
        for name, v in (("input_size", input_size), ("hidden_size", hidden_size), ("num_layers", num_layers)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise_error(TypeError, "LSTM", f"the '{name}' must be int, but got {type(v).__name__}.")
            if v <= 0:
                raise_error(ValueError, "LSTM", f"the '{name}' must be positive int, but got {v}.")
        for name, v in (("has_bias", has_bias), ("bidirectional", bidirectional)):
            if not isinstance(v, bool):
                raise_error(TypeError, "LSTM", f"the '{name}' must be bool, but got {type(v).__name__}.")
        if not isinstance(dropout, float):
            raise_error(TypeError, "LSTM", f"the 'dropout' must be float, but got {type(dropout).__name__}.")
        if not 0.0 <= dropout <= 1.0:
            raise_error(ValueError, "LSTM", f"the 'dropout' must be in range [0.0, 1.0], but got {dropout}.")
        if proj_size != 0:
            raise_error(ValueError, "LSTM", f"the 'proj_size' > 0 is not supported, but got {proj_size}.")
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.has_bias, self.bidirectional, self.dropout = has_bias, bidirectional, dropout
        self.proj_size = proj_size
        self.num_directions = 2 if bidirectional else 1

    def __call__(self, x, h, c, w):
        out, hn, cn = call(
            "lstm_flat",
            x,
            h,
            c,
            w,
            self.input_size,
            self.hidden_size,
            self.num_layers,
            self.has_bias,
            self.bidirectional,
        )
        z = call("lstm_placeholder", out)
        return out, hn, cn, z, z


@op("lstm_placeholder")
def _lstm_placeholder(out):
    return jnp.zeros((1, 1), out.dtype)


# --- DynamicGRUV2 / BasicLSTMCell (Ascend-only in MindSpore) ------------------------------------


@op("dynamic_gru_v2")
def _dynamic_gru_v2(x, w_i, w_h, b_i, b_h, init_h, gate_order="rzh", reset_after=True, cell_clip=-1.0):
    """Time-major GRU with ``w_i: (I, 3H)``, ``w_h: (H, 3H)`` (gate blocks r, z, n or z, r, n).
    Returns (y, output_h, update, reset, new, hidden_new), each (T, N, H)."""
    hsz = w_h.shape[0]
    bt = b_i.dtype if b_i is not None else (b_h.dtype if b_h is not None else init_h.dtype)

    def blocks(m):
        a, b, n = m[..., :hsz], m[..., hsz : 2 * hsz], m[..., 2 * hsz :]
        return (a, b, n) if gate_order == "rzh" else (b, a, n)

    f32 = np.float32
    gi_all = x.astype(f32) @ w_i.astype(f32)
    if b_i is not None:
        gi_all = gi_all + b_i.astype(f32)

    def step(h, gi):
        ir, iz, i_n = blocks(gi)
        if reset_after:
            gh = h @ w_h.astype(f32)
            if b_h is not None:
                gh = gh + b_h.astype(f32)
            hr, hz, hn = blocks(gh)
            r = jax.nn.sigmoid(ir + hr)
            z = jax.nn.sigmoid(iz + hz)
            n = jnp.tanh(i_n + r * hn)
        else:  # the reset gate scales h before its matmul
            wr, wz, wn = blocks(w_h.astype(f32))
            br, bz, bn = blocks(b_h.astype(f32)) if b_h is not None else (0.0, 0.0, 0.0)
            r = jax.nn.sigmoid(ir + h @ wr + br)
            z = jax.nn.sigmoid(iz + h @ wz + bz)
            hn = (r * h) @ wn + bn
            n = jnp.tanh(i_n + hn)
        h2 = (1 - z) * n + z * h
        if cell_clip > 0:
            h2 = jnp.clip(h2, -cell_clip, cell_clip)
        return h2, (h2, z, r, n, hn)

    _, (hs, z, r, n, hn) = lax.scan(step, init_h.astype(f32), gi_all)
    hs, z, r, n, hn = (a.astype(bt) for a in (hs, z, r, n, hn))
    return hs, hs, z, r, n, hn


@primitive
class DynamicGRUV2(Primitive):
    """``P.DynamicGRUV2`` (Ascend-only in MindSpore): the documented single-layer GRU."""

    def __init__(
        self,
        direction="UNIDIRECTIONAL",
        cell_depth=1,
        keep_prob=1.0,
        cell_clip=-1.0,
        num_proj=0,
        time_major=True,
        activation="tanh",
        gate_order="rzh",
        reset_after=True,
        is_training=True,
    ):
        super().__init__("DynamicGRUV2")
        if direction != "UNIDIRECTIONAL":
            raise_error(
                ValueError,
                "DynamicGRUV2",
                f"the 'direction' must be 'UNIDIRECTIONAL', but got '{direction}'.",
            )
        if activation != "tanh":
            raise_error(
                ValueError, "DynamicGRUV2", f"the 'activation' must be 'tanh', but got '{activation}'."
            )
        if gate_order not in ("rzh", "zrh"):
            raise_error(
                ValueError,
                "DynamicGRUV2",
                f"the 'gate_order' must be in ['rzh', 'zrh'], but got '{gate_order}'.",
            )
        if not time_major or num_proj:
            raise_error(ValueError, "DynamicGRUV2", "only time_major=True and num_proj=0 are supported.")
        self.cell_clip, self.gate_order, self.reset_after = float(cell_clip), gate_order, reset_after
        self.keep_prob, self.is_training = keep_prob, is_training

    def __call__(
        self, x, weight_input, weight_hidden, bias_input=None, bias_hidden=None, seq_length=None, init_h=None
    ):
        if seq_length is not None:
            raise_error(ValueError, "DynamicGRUV2", "the 'seq_length' must be None.")
        if len(x.shape) != 3:
            raise_error(ValueError, "DynamicGRUV2", f"the 'x' must be 3-D, but got shape {x.shape}.")
        hidden = weight_hidden.shape[0]
        if tuple(weight_input.shape) != (x.shape[2], 3 * hidden) or tuple(weight_hidden.shape) != (
            hidden,
            3 * hidden,
        ):
            raise_error(
                ValueError,
                "DynamicGRUV2",
                f"the shape of 'weight_input' must be {(x.shape[2], 3 * hidden)} and 'weight_hidden' "
                f"{(hidden, 3 * hidden)}, but got {tuple(weight_input.shape)} and "
                f"{tuple(weight_hidden.shape)}.",
            )
        if init_h is None:
            init_h = call("zeros", (x.shape[1], hidden), x.dtype)
        return call(
            "dynamic_gru_v2",
            x,
            weight_input,
            weight_hidden,
            bias_input,
            bias_hidden,
            init_h,
            self.gate_order,
            self.reset_after,
            self.cell_clip,
        )


@primitive
class BasicLSTMCell(Primitive):
    """``P.BasicLSTMCell`` (Ascend-only in MindSpore): one step of the i, j, f, o LSTM of
    ``DynamicRNN``; returns (ct, ht, it, jt, ft, ot, tanhct), ``ht`` in float16."""

    def __init__(self, keep_prob=1.0, forget_bias=1.0, state_is_tuple=True, activation="tanh"):
        super().__init__("BasicLSTMCell")
        if not isinstance(keep_prob, float) or not 0.0 <= keep_prob <= 1.0:
            raise_error(
                ValueError,
                "BasicLSTMCell",
                f"the 'keep_prob' must be a float in [0.0, 1.0], but got {keep_prob}.",
            )
        if activation != "tanh":
            raise_error(
                ValueError, "BasicLSTMCell", f"the 'activation' must be 'tanh', but got '{activation}'."
            )
        self.keep_prob, self.forget_bias, self.state_is_tuple = keep_prob, float(forget_bias), state_is_tuple

    def __call__(self, x, h, c, w, b):
        for name, t, rank in (("x", x, 2), ("h", h, 2), ("c", c, 2), ("w", w, 2), ("b", b, 1)):
            if len(t.shape) != rank:
                raise_error(
                    ValueError,
                    "BasicLSTMCell",
                    f"the rank of '{name}' must be {rank}, but got {len(t.shape)}.",
                )
        if tuple(w.shape) != (x.shape[1] + h.shape[1], 4 * h.shape[1]):
            raise_error(
                ValueError,
                "BasicLSTMCell",
                f"the shape of 'w' must be "
                f"{(x.shape[1] + h.shape[1], 4 * h.shape[1])}, but got {tuple(w.shape)}.",
            )
        outs = call("basic_lstm_cell", x, h, c, w, b, self.forget_bias)
        return outs


@op("basic_lstm_cell")
def _basic_lstm_cell(x, h, c, w, b, forget_bias):
    dt = c.dtype
    f32 = np.float32
    g = jnp.concatenate([x.astype(f32), h.astype(f32)], -1) @ w.astype(f32) + b.astype(f32)
    i, j, f, o = jnp.split(g, 4, -1)
    i, j, f, o = jax.nn.sigmoid(i), jnp.tanh(j), jax.nn.sigmoid(f + forget_bias), jax.nn.sigmoid(o)
    ct = f * c.astype(f32) + i * j
    tc = jnp.tanh(ct)
    ht = o * tc
    return (
        ct.astype(dt),
        ht.astype(np.float16),
        i.astype(dt),
        j.astype(dt),
        f.astype(dt),
        o.astype(dt),
        tc.astype(dt),
    )


# --- CTC (TensorFlow semantics: logits in, blank = num_classes - 1) ------------------------------


def _ctc_nll(logp, ext, lext_len, seq_len, blank, merge_repeated):
    """-log p(label | x) per sample by the alpha recursion over (T, N, C) log-probabilities;
    ``ext`` (N, 2S+1) is the blank-interleaved label, ``lext_len`` its used length."""
    t_max, n, _ = logp.shape
    lext = ext.shape[1]
    ninf = jnp.array(-1e30, logp.dtype)
    pos = jnp.arange(lext)
    in_range = pos[None, :] < lext_len[:, None]
    prev2 = jnp.concatenate([jnp.full((n, 2), -1, np.int32), ext[:, :-2]], 1)
    is_label = ext != blank
    can_skip = is_label & (pos[None, :] >= 2)
    if merge_repeated:
        can_skip = can_skip & (ext != prev2)
    can_stay = jnp.ones_like(is_label) if merge_repeated else ~is_label
    emit = jnp.take_along_axis(
        jnp.transpose(logp, (1, 0, 2)), jnp.broadcast_to(ext[:, None, :], (n, t_max, lext)), 2
    )
    alpha0 = jnp.where((pos[None, :] < 2) & in_range, emit[:, 0], ninf)

    def step(alpha, t):
        a0 = jnp.where(can_stay, alpha, ninf)
        a1 = jnp.concatenate([jnp.full((n, 1), ninf), alpha[:, :-1]], 1)
        a2 = jnp.where(can_skip, jnp.concatenate([jnp.full((n, 2), ninf), alpha[:, :-2]], 1), ninf)
        new = jnp.logaddexp(jnp.logaddexp(a0, a1), a2) + emit[:, t]
        new = jnp.where(in_range, new, ninf)
        return jnp.where((t < seq_len)[:, None], new, alpha), None

    last, _ = lax.scan(step, alpha0, jnp.arange(1, t_max))
    end1 = jnp.take_along_axis(last, jnp.maximum(lext_len - 1, 0)[:, None], 1)[:, 0]
    end2 = jnp.take_along_axis(last, jnp.maximum(lext_len - 2, 0)[:, None], 1)[:, 0]
    end2 = jnp.where(lext_len > 1, end2, ninf)
    return -jnp.logaddexp(end1, end2)


def _dense_labels(labels_indices, labels_values, n, collapse):
    """(targets (N, K), lengths (N,)) from the sparse (indices (K, 2), values (K,)) labels."""
    k = labels_indices.shape[0]
    b = labels_indices[:, 0].astype(np.int32)
    t = labels_indices[:, 1].astype(np.int32)
    tg = jnp.zeros((n, max(k, 1)), np.int32).at[b, t].set(labels_values.astype(np.int32), mode="drop")
    ln = jnp.zeros((n,), np.int32).at[b].add(1)
    if collapse:  # drop a label equal to its predecessor, then compact
        pos = jnp.arange(tg.shape[1])[None, :]
        prev = jnp.concatenate([jnp.full((n, 1), -1, np.int32), tg[:, :-1]], 1)
        keep = (pos < ln[:, None]) & ((pos == 0) | (tg != prev))
        dst = jnp.where(keep, jnp.cumsum(keep, 1) - 1, tg.shape[1])
        rows = jnp.broadcast_to(jnp.arange(n)[:, None], tg.shape)
        tg = jnp.zeros_like(tg).at[rows, dst].set(tg, mode="drop")
        ln = jnp.sum(keep, 1).astype(np.int32)
    return tg, ln


@op("ctc_loss_tf")
def _ctc_loss_tf(x, labels_indices, labels_values, seq_len, collapse, merge_repeated, ignore_longer):
    """``P.CTCLoss``: (loss (N,), gradient of the loss w.r.t. the logits ``x`` (T, N, C))."""
    if x.ndim != 3:
        raise_error(ValueError, "CTCLoss", f"the rank of 'x' must be 3, but got {x.ndim}.")
    if labels_indices.ndim != 2:
        raise_error(
            ValueError, "CTCLoss", f"the rank of 'labels_indices' must be 2, but got {labels_indices.ndim}."
        )
    t_max, n, c = x.shape
    blank = c - 1
    tg, ln = _dense_labels(labels_indices, labels_values, n, collapse)
    seq_len = seq_len.astype(np.int32)
    ext = jnp.full((n, 2 * tg.shape[1] + 1), blank, np.int32).at[:, 1::2].set(tg)
    # the time the labels need: one step each, plus a blank between merged repeats
    pos = jnp.arange(tg.shape[1])[None, :]
    prev = jnp.concatenate([jnp.full((n, 1), -1, np.int32), tg[:, :-1]], 1)
    repeats = jnp.sum((pos < ln[:, None]) & (pos > 0) & (tg == prev), 1) if merge_repeated else 0
    # MindSpore's CPU kernel: such a sample gets loss inf and a zero gradient, whatever
    # ignore_longer_outputs_than_inputs says (it raises nothing)
    too_long = seq_len < ln + repeats
    ct = x.dtype if x.dtype in (np.float32, np.float64) else np.float32

    def total(xx):
        logp = jax.nn.log_softmax(xx.astype(ct), -1)
        loss = _ctc_nll(logp, ext, 2 * ln + 1, seq_len, blank, merge_repeated)
        loss = jnp.where(too_long, 0.0, loss)
        return jnp.sum(loss), loss

    grad, loss = jax.grad(total, has_aux=True)(x)
    grad = jnp.where(too_long[None, :, None], 0, grad)
    loss = jnp.where(too_long, jnp.inf, loss)
    return loss.astype(x.dtype), grad.astype(x.dtype)


@primitive
class CTCLoss(Primitive):
    """``P.CTCLoss``: TensorFlow-style CTC over logits ``x`` (T, N, C), blank ``C - 1``, sparse
    labels; returns (loss, gradient) where ``gradient`` is d loss / d x."""

    def __init__(
        self,
        preprocess_collapse_repeated=False,
        ctc_merge_repeated=True,
        ignore_longer_outputs_than_inputs=False,
    ):
        super().__init__("CTCLoss")
        for name, v in (
            ("preprocess_collapse_repeated", preprocess_collapse_repeated),
            ("ctc_merge_repeated", ctc_merge_repeated),
            ("ignore_longer_outputs_than_inputs", ignore_longer_outputs_than_inputs),
        ):
            if not isinstance(v, bool):
                raise_error(TypeError, "CTCLoss", f"the '{name}' must be bool, but got {type(v).__name__}.")
        self.preprocess_collapse_repeated_ = preprocess_collapse_repeated
        self.ctc_merge_repeated_ = ctc_merge_repeated
        self.ignore_longer_outputs_than_inputs_ = ignore_longer_outputs_than_inputs

    def __call__(self, x, labels_indices, labels_values, sequence_length):
        return call(
            "ctc_loss_tf",
            x,
            labels_indices,
            labels_values,
            sequence_length,
            self.preprocess_collapse_repeated_,
            self.ctc_merge_repeated_,
            self.ignore_longer_outputs_than_inputs_,
        )


@op("ctc_greedy_decoder")
def _ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    name = "CTCGreedyDecoder"
    if inputs.ndim != 3:
        raise_error(ValueError, name, f"the rank of 'inputs' must be 3, but got {inputs.ndim}.")
    x = _concrete(inputs, name, "inputs")
    sl = _concrete(sequence_length, name, "sequence_length").astype(np.int64).reshape(-1)
    t_max, n, c = x.shape
    if sl.shape[0] != n:
        raise_error(ValueError, name, f"the shape of 'sequence_length' must be ({n},), but got {sl.shape}.")
    if (sl > t_max).any():
        raise_error(
            ValueError,
            name,
            f"the value of 'sequence_length' must not be greater than max_time "
            f"{t_max}, but got {sl.tolist()}.",
        )
    blank = c - 1
    idx, vals, logp, max_len = [], [], np.zeros((n, 1), x.dtype), 0
    for b in range(n):
        seq, prev = [], -1
        for t in range(int(sl[b])):
            k = int(np.argmax(x[t, b]))
            logp[b, 0] -= x[t, b, k]
            if k != blank and not (merge_repeated and k == prev):
                seq.append(k)
            prev = k
        idx += [[b, j] for j in range(len(seq))]
        vals += seq
        max_len = max(max_len, len(seq))
    return (
        jnp.asarray(np.array(idx, np.int64).reshape(-1, 2)),
        jnp.asarray(np.array(vals, np.int64)),
        jnp.asarray(np.array([n, max_len], np.int64)),
        jnp.asarray(logp),
    )


@primitive
class CTCGreedyDecoder(Primitive):
    """``P.CTCGreedyDecoder``: (decoded_indices, decoded_values, decoded_shape, log_probability)."""

    def __init__(self, merge_repeated=True):
        super().__init__("CTCGreedyDecoder")
        if not isinstance(merge_repeated, bool):
            raise_error(
                TypeError,
                "CTCGreedyDecoder",
                f"the 'merge_repeated' must be bool, but got {type(merge_repeated).__name__}.",
            )
        self.merge_repeated = merge_repeated

    def __call__(self, inputs, sequence_length):
        return call("ctc_greedy_decoder", inputs, sequence_length, self.merge_repeated)


@functional
def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    return call("ctc_greedy_decoder", inputs, sequence_length, merge_repeated)


# --- RNN-T ---------------------------------------------------------------------------------------


@op("rnnt_loss")
def _rnnt_loss(acts, labels, input_lengths, label_lengths, blank=0):
    """``P.RNNTLoss`` (Ascend-only in MindSpore): (costs (B,), d costs / d acts) over logits
    ``acts`` (B, T, U, V) with ``log_softmax`` over V (warp-transducer semantics)."""
    name = "RNNTLoss"
    if acts.ndim != 4 or labels.ndim != 2:
        raise_error(
            ValueError,
            name,
            f"the rank of 'acts' must be 4 and of 'labels' 2, but got {acts.ndim} and {labels.ndim}.",
        )
    bsz, t_max, u_max, _ = acts.shape
    if labels.shape != (bsz, u_max - 1):
        raise_error(
            ValueError, name, f"the shape of 'labels' must be {(bsz, u_max - 1)}, but got {labels.shape}."
        )
    il = input_lengths.astype(np.int32).reshape(bsz)
    ll = label_lengths.astype(np.int32).reshape(bsz)
    lab = jnp.concatenate([labels.astype(np.int32), jnp.zeros((bsz, 1), np.int32)], 1)  # (B, U)

    def costs_of(a):
        lp = jax.nn.log_softmax(a.astype(np.float32), -1)
        lp_blank = lp[..., blank]  # (B, T, U)
        lp_emit = jnp.take_along_axis(lp, jnp.broadcast_to(lab[:, None, :, None], (bsz, t_max, u_max, 1)), 3)[
            ..., 0
        ]
        ninf = jnp.float32(-1e30)

        def along_u(first, emit_row):
            # alpha[t, u] = logaddexp(from_above[u], alpha[t, u-1] + emit[t, u-1])
            def inner(prev, inp):
                above, e = inp
                cur = jnp.logaddexp(above, prev + e)
                return cur, cur

            _, rest = lax.scan(inner, first[:, 0], (first[:, 1:].T, emit_row[:, :-1].T))
            return jnp.concatenate([first[:, :1], rest.T], 1)

        u_pos = jnp.arange(u_max)[None, :]
        row0 = jnp.where(u_pos == 0, 0.0, ninf) + jnp.zeros((bsz, u_max))
        alpha0 = along_u(row0, lp_emit[:, 0])

        def step(alpha, t):
            above = alpha + lp_blank[:, t - 1]
            new = along_u(above, lp_emit[:, t])
            return new, new

        _, hist = lax.scan(step, alpha0, jnp.arange(1, t_max))
        alphas = jnp.concatenate([alpha0[None], hist], 0) if t_max > 1 else alpha0[None]  # (T, B, U)
        tb = jnp.maximum(il - 1, 0)
        a_end = alphas[tb, jnp.arange(bsz), ll]
        b_end = lp_blank[jnp.arange(bsz), tb, ll]
        costs = -(a_end + b_end)
        return jnp.sum(costs), costs

    grads, costs = jax.grad(costs_of, has_aux=True)(acts)
    return costs.astype(acts.dtype), grads.astype(acts.dtype)


@primitive
class RNNTLoss(Primitive):
    def __init__(self, blank_label=0):
        super().__init__("RNNTLoss")
        if not isinstance(blank_label, int):
            raise_error(
                TypeError, "RNNTLoss", f"the 'blank_label' must be int, but got {type(blank_label).__name__}."
            )
        self.blank_label = blank_label

    def __call__(self, acts, labels, input_length, label_length):
        return call("rnnt_loss", acts, labels, input_length, label_length, self.blank_label)


# --- EditDistance / NoRepeatNGram / ComputeAccidentalHits ----------------------------------------


def _levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


@op("edit_distance")
def _edit_distance(h_idx, h_val, h_shape, t_idx, t_val, t_shape, normalize=True):
    name = "EditDistance"
    h_idx, h_val, h_shape = (_concrete(a, name, "hypothesis") for a in (h_idx, h_val, h_shape))
    t_idx, t_val, t_shape = (_concrete(a, name, "truth") for a in (t_idx, t_val, t_shape))
    if h_idx.ndim != 2 or t_idx.ndim != 2 or h_idx.shape[1] != t_idx.shape[1]:
        raise_error(
            ValueError,
            name,
            f"the 'hypothesis_indices' and 'truth_indices' must be 2-D with the same "
            f"rank, but got shapes {h_idx.shape} and {t_idx.shape}.",
        )
    out_shape = tuple(int(v) for v in np.maximum(h_shape[:-1], t_shape[:-1]))

    def groups(idx, val):
        g = {}
        for i in np.lexsort(idx.T[::-1]):
            g.setdefault(tuple(int(v) for v in idx[i, :-1]), []).append(val[i].item())
        return g

    hg, tg = groups(h_idx, h_val), groups(t_idx, t_val)
    out = np.zeros(out_shape, np.float32)
    for key in set(hg) | set(tg):
        h, t = hg.get(key, []), tg.get(key, [])
        d = float(_levenshtein(h, t))
        if normalize:
            d = d / len(t) if t else (np.inf if h else 0.0)
        out[key] = d
    return jnp.asarray(out)


@primitive
class EditDistance(Primitive):
    """``P.EditDistance``: Levenshtein distances of sparse sequences (dense float32 output)."""

    def __init__(self, normalize=True):
        super().__init__("EditDistance")
        if not isinstance(normalize, bool):
            raise_error(
                TypeError,
                "EditDistance",
                f"the 'normalize' must be bool, but got {type(normalize).__name__}.",
            )
        self.normalize = normalize

    def __call__(
        self,
        hypothesis_indices,
        hypothesis_values,
        hypothesis_shape,
        truth_indices,
        truth_values,
        truth_shape,
    ):
        return call(
            "edit_distance",
            hypothesis_indices,
            hypothesis_values,
            hypothesis_shape,
            truth_indices,
            truth_values,
            truth_shape,
            self.normalize,
        )


@op("no_repeat_ngram")
def _no_repeat_ngram(state_seq, log_probs, ngram_size):
    """Sets to -FLT_MAX the log-prob of every token that would repeat an n-gram of ``state_seq``."""
    length = state_seq.shape[-1]
    vocab = log_probs.shape[-1]
    n = ngram_size
    if n > length or n < 1:
        return log_probs
    seq = state_seq.astype(np.int32)
    tail = seq[..., length - n + 1 :]  # the last n-1 tokens
    banned = jnp.zeros(log_probs.shape, bool)
    for j in range(length - n + 1):
        match = jnp.all(seq[..., j : j + n - 1] == tail, -1) if n > 1 else jnp.ones(seq.shape[:-1], bool)
        hit = jax.nn.one_hot(seq[..., j + n - 1], vocab, dtype=bool) & match[..., None]
        banned = banned | hit
    return jnp.where(banned, jnp.array(-_FLT_MAX, log_probs.dtype), log_probs)


@primitive
class NoRepeatNGram(Primitive):
    def __init__(self, ngram_size=1):
        super().__init__("NoRepeatNGram")
        if not isinstance(ngram_size, int) or ngram_size < 1:
            raise_error(
                ValueError, "NoRepeatNGram", f"the 'ngram_size' must be an int >= 1, but got {ngram_size}."
            )
        self.ngram_size = ngram_size

    def __call__(self, state_seq, log_probs):
        if (
            len(state_seq.shape) != 3
            or len(log_probs.shape) != 3
            or state_seq.shape[:2] != log_probs.shape[:2]
        ):
            raise_error(
                ValueError,
                "NoRepeatNGram",
                f"the 'state_seq' and 'log_probs' must be 3-D with the same "
                f"first two dims, but got {state_seq.shape} and {log_probs.shape}.",
            )
        return call("no_repeat_ngram", state_seq, log_probs, self.ngram_size)


@op("compute_accidental_hits")
def _compute_accidental_hits(true_classes, sampled, num_true):
    name = "ComputeAccidentalHits"
    tc = _concrete(true_classes, name, "true_classes")
    sc = _concrete(sampled, name, "sampled_candidates").reshape(-1)
    if tc.ndim != 2 or tc.shape[1] != num_true:
        raise_error(
            ValueError,
            name,
            f"the shape of 'true_classes' must be (batch_size, {num_true}), but got {tc.shape}.",
        )
    idx, ids = [], []
    for i in range(tc.shape[0]):
        row = set(tc[i].tolist())
        for j, s in enumerate(sc.tolist()):
            if s in row:
                idx.append(i)
                ids.append(j)
    return (
        jnp.asarray(np.array(idx, np.int32)),
        jnp.asarray(np.array(ids, tc.dtype)),
        jnp.asarray(np.full(len(idx), -_FLT_MAX, np.float32)),
    )


@primitive
class ComputeAccidentalHits(Primitive):
    """``P.ComputeAccidentalHits`` (Ascend-only in MindSpore): (indices, ids, weights) of the
    sampled candidates that equal a true class of their row; weights are -FLT_MAX."""

    def __init__(self, num_true=1):
        super().__init__("ComputeAccidentalHits")
        if not isinstance(num_true, int) or num_true < 1:
            raise_error(
                ValueError,
                "ComputeAccidentalHits",
                f"the 'num_true' must be an int >= 1, but got {num_true}.",
            )
        self.num_true = num_true

    def __call__(self, true_classes, sampled_candidates):
        return call("compute_accidental_hits", true_classes, sampled_candidates, self.num_true)
