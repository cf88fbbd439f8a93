"""Golden outputs of the sequence / block ops (seq_ops.py, seq_blocks.py), recorded with real
MindSpore 2.10 (CPU):

    cd /tmp && /work/msvenv/bin/python /work/main/tools/make_golden_seq_ops.py

writes tests/golden/seq_ops.{npz,json}: per case the Python expression, its input names and the
outputs (arrays in the npz). tests/test_seq_ops.py evaluates the same expressions with
mindspore_jax. Ops without a MindSpore CPU kernel (DynamicGRUV2, BasicLSTMCell, RNNTLoss,
ComputeAccidentalHits, swiglu, rms_norm, rotary_position_embedding, mse_loss_ext,
LogSoftmaxExt, Dropout{Gen,Do}Mask) are checked against numpy in the tests instead.
"""

import json
import os
import sys

import numpy as np
import mindspore as ms
from mindspore import Tensor, ops
from mindspore.ops import operations as P

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")
ms.set_context(mode=ms.PYNATIVE_MODE)
ms.set_device("CPU")

r = np.random.default_rng(2024)


def f32(*s, scale=1.0):
    return (r.standard_normal(s) * scale).astype(np.float32)


def lstm_inputs(i, h, layers, bias, bi, t=4, n=2):
    d = 2 if bi else 1
    size = sum(d * 4 * h * ((i if l == 0 else h * d) + h + (1 if bias else 0)) for l in range(layers))
    return {
        "x": f32(t, n, i),
        "h": f32(layers * d, n, h, scale=0.5),
        "c": f32(layers * d, n, h, scale=0.5),
        "w": f32(size, 1, 1, scale=0.5),
    }


# --- gradient helpers: tests/test_seq_ops.py defines the same functions over mindspore_jax ---


def grad_lstm_bidir(x, h, c, w):
    net = P.LSTM(3, 4, 1, True, True, 0.0)

    def f(x, h, c, w):
        out, _, cn, _, _ = net(x, h, c, w)
        return (out**2).sum() + 0.3 * cn.sum()

    return ms.grad(f, grad_position=(0, 1, 2, 3))(x, h, c, w)


def grad_lstm_2l(x, h, c, w):
    net = P.LSTM(2, 2, 2, True, False, 0.0)

    def f(x, h, c, w):
        out, hn, _, _, _ = net(x, h, c, w)
        return (out * x[..., :1]).sum() + hn.sum()

    return ms.grad(f, grad_position=(0, 1, 2, 3))(x, h, c, w)


def grad_lstm_nobias(x, h, c, w):
    net = P.LSTM(3, 2, 1, False, False, 0.0)

    def f(x, h, c, w):
        out, hn, cn, _, _ = net(x, h, c, w)
        return out.sum() + (hn * cn).sum()

    return ms.grad(f, grad_position=(0, 1, 2, 3))(x, h, c, w)


def grad_ctc(x, li, lv, sl):
    net = P.CTCLoss()

    def f(x):
        return (net(x, li, lv, sl)[0] * Tensor(np.array([1.0, 2.0, 0.5], np.float32))).sum()

    return ms.grad(f)(x)


def grad_ctc_no_merge(x, li, lv, sl):
    net = P.CTCLoss(ctc_merge_repeated=False)

    def f(x):
        return net(x, li, lv, sl)[0].sum()

    return ms.grad(f)(x)


HELPERS = {
    n: globals()[n]
    for n in ("grad_lstm_bidir", "grad_lstm_2l", "grad_lstm_nobias", "grad_ctc", "grad_ctc_no_merge")
}
CASES = {}
for name, (i, h, layers, bias, bi) in {
    "lstm_1l": (3, 2, 1, True, False),
    "lstm_nobias": (3, 2, 1, False, False),
    "lstm_bidir": (3, 4, 1, True, True),
    "lstm_2l": (2, 2, 2, True, False),
    "lstm_bidir_nobias": (5, 3, 1, False, True),
}.items():
    expr = f"P.LSTM({i}, {h}, {layers}, {bias}, {bi}, 0.0)(x, h, c, w)[:3]"
    CASES[name] = (expr, lstm_inputs(i, h, layers, bias, bi))
CASES["lstm_dropout_ignored"] = ("P.LSTM(2, 2, 2, True, False, 0.5)(x, h, c, w)[:3]", CASES["lstm_2l"][1])
CASES["lstm_grad_bidir"] = ("grad_lstm_bidir(x, h, c, w)", CASES["lstm_bidir"][1])
CASES["lstm_grad_2l"] = ("grad_lstm_2l(x, h, c, w)", CASES["lstm_2l"][1])
CASES["lstm_grad_nobias"] = ("grad_lstm_nobias(x, h, c, w)", CASES["lstm_nobias"][1])

# CTC: (T, N, C) logits, blank = C - 1, sparse labels
ctc_x = f32(6, 3, 5)
ctc_in = {
    "x": ctc_x,
    "li": np.array([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [2, 0], [2, 1], [2, 2]], np.int64),
    "lv": np.array([1, 1, 2, 3, 0, 2, 2, 2], np.int32),
    "sl": np.array([6, 5, 6], np.int32),
}
CASES["ctc_default"] = ("P.CTCLoss()(x, li, lv, sl)", ctc_in)
CASES["ctc_collapse"] = ("P.CTCLoss(preprocess_collapse_repeated=True)(x, li, lv, sl)", ctc_in)
CASES["ctc_no_merge"] = ("P.CTCLoss(ctc_merge_repeated=False)(x, li, lv, sl)", ctc_in)
CASES["ctc_collapse_no_merge"] = ("P.CTCLoss(True, False)(x, li, lv, sl)", ctc_in)
short = dict(ctc_in, sl=np.array([6, 5, 4], np.int32))  # sample 2 needs 5 steps (2, 2, 2 merged)
CASES["ctc_ignore_longer"] = ("P.CTCLoss(ignore_longer_outputs_than_inputs=True)(x, li, lv, sl)", short)
CASES["ctc_too_long"] = ("P.CTCLoss()(x, li, lv, sl)", short)
CASES["ctc_grad"] = ("grad_ctc(x, li, lv, sl)", ctc_in)
CASES["ctc_grad_no_merge"] = ("grad_ctc_no_merge(x, li, lv, sl)", ctc_in)
CASES["ctc_f64"] = ("P.CTCLoss()(x, li, lv, sl)", dict(ctc_in, x=ctc_x.astype(np.float64)))

dec_x = f32(5, 3, 4)
dec_x[1, 0] = dec_x[0, 0]  # a repeat to merge
dec_in = {"x": dec_x, "sl": np.array([5, 3, 0], np.int32)}
CASES["ctc_greedy"] = ("P.CTCGreedyDecoder()(x, sl)", dec_in)
CASES["ctc_greedy_nomerge"] = ("P.CTCGreedyDecoder(merge_repeated=False)(x, sl)", dec_in)
CASES["ctc_greedy_fn"] = ("ops.ctc_greedy_decoder(x, sl, False)", dec_in)
CASES["ctc_greedy_f64"] = ("ops.ctc_greedy_decoder(x, sl)", dict(dec_in, x=dec_x.astype(np.float64)))

ed_in = {
    "hi": np.array([[0, 0, 0], [1, 0, 1], [1, 1, 1]], np.int64),
    "hv": np.array([1, 2, 3], np.float32),
    "hs": np.array([2, 2, 2], np.int64),
    "ti": np.array([[0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1]], np.int64),
    "tv": np.array([1, 2, 3, 1], np.float32),
    "ts": np.array([2, 2, 2], np.int64),
}
CASES["edit_distance"] = ("P.EditDistance()(hi, hv, hs, ti, tv, ts)", ed_in)
CASES["edit_distance_raw"] = ("P.EditDistance(False)(hi, hv, hs, ti, tv, ts)", ed_in)
ed2 = {
    "hi": np.array([[0, 0], [0, 1], [0, 2], [2, 0]], np.int64),
    "hv": np.array([1, 2, 3, 4], np.int32),
    "hs": np.array([3, 3], np.int64),
    "ti": np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.int64),
    "tv": np.array([1, 3, 5, 6], np.int32),
    "ts": np.array([2, 4], np.int64),
}
CASES["edit_distance_1d"] = ("P.EditDistance()(hi, hv, hs, ti, tv, ts)", ed2)

seq = np.array([[[1, 2, 1, 2, 5, 1, 2], [3, 3, 3, 4, 3, 3, 3]]], np.int32)
lp = f32(1, 2, 8)
for k in (1, 2, 3):
    CASES[f"no_repeat_ngram_{k}"] = (f"P.NoRepeatNGram({k})(s, lp)", {"s": seq, "lp": lp})

sig = f32(64)
sig2 = f32(2, 40)
win = np.hanning(12).astype(np.float32)
CASES["stft_default"] = ("ops.stft(s, 16)", {"s": sig})
CASES["stft_window"] = ("ops.stft(s, 16, 5, 12, win, normalized=True)", {"s": sig, "win": win})
CASES["stft_twosided_real"] = ("ops.stft(s, 8, onesided=False, return_complex=False)", {"s": sig2})
CASES["stft_nocenter"] = ("ops.stft(s, 16, 4, center=False, return_complex=True)", {"s": sig2})
CASES["stft_constpad"] = ("ops.stft(s, 16, pad_mode='CONSTANT')", {"s": sig})
CASES["P_STFT"] = ("P.STFT(16, 4, 12, False, True, True)(s, win)", {"s": sig2, "win": win})
CASES["P_STFT_real"] = (
    "P.STFT(8, 3, 8, True, False, False)(s, w8)",
    {"s": sig, "w8": np.ones(8, np.float32)},
)

px = f32(2, 3, 4)
CASES["mirror_pad_reflect"] = (
    "ops.mirror_pad(x, p, 'REFLECT')",
    {"x": px, "p": np.array([[0, 0], [1, 2], [2, 1]], np.int64)},
)
CASES["mirror_pad_symmetric"] = (
    "ops.mirror_pad(x, p, 'SYMMETRIC')",
    {"x": px, "p": np.array([[1, 0], [0, 3], [2, 2]], np.int64)},
)
CASES["soft_shrink"] = ("ops.soft_shrink(x, 0.3)", {"x": px})
CASES["tensor_soft_shrink"] = ("x.soft_shrink()", {"x": px})
CASES["Gelu"] = ("P.Gelu()(x)", {"x": px})


def flatten(o):
    if isinstance(o, (tuple, list)):
        res = []
        for e in o:
            res.extend(flatten(e))
        return res
    if isinstance(o, Tensor):
        return [("tensor", o.asnumpy(), str(o.dtype))]
    return [("py", o, type(o).__name__)]


arrays, index, failures = {}, [], []
for name, (expr, inputs) in CASES.items():
    ns = {"ops": ops, "P": P, "Tensor": Tensor, "ms": ms, "np": np, **HELPERS}
    ns.update({k: Tensor(v) for k, v in inputs.items()})
    try:
        outs = flatten(eval(expr, ns))
    except Exception as e:  # recorded: the tests expect the same failure class
        failures.append(
            {
                "name": name,
                "expr": expr,
                "inputs": sorted(inputs),
                "error": type(e).__name__,
                "message": str(e).strip().splitlines()[0][:300],
            }
        )
        for k, v in inputs.items():
            arrays[f"{name}/in/{k}"] = v
        print("FAIL", name, type(e).__name__, str(e).splitlines()[0][:150])
        continue
    entry = {"name": name, "expr": expr, "inputs": sorted(inputs), "outputs": []}
    for k, v in inputs.items():
        arrays[f"{name}/in/{k}"] = v
    for j, (kind, val, dt) in enumerate(outs):
        if kind == "tensor":
            arrays[f"{name}/out{j}"] = val
            entry["outputs"].append({"key": f"{name}/out{j}", "ms_dtype": dt, "shape": list(val.shape)})
        else:
            entry["outputs"].append({"value": val, "type": dt})
    index.append(entry)
    print("ok", name, [o.get("ms_dtype", o.get("type")) for o in entry["outputs"]])

os.makedirs(OUT, exist_ok=True)
np.savez_compressed(os.path.join(OUT, "seq_ops.npz"), **arrays)
with open(os.path.join(OUT, "seq_ops.json"), "w") as f:
    json.dump(
        {
            "mindspore_version": ms.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
            "mode": "PYNATIVE_MODE",
            "device": "CPU",
            "generator": "tools/make_golden_seq_ops.py",
            "cases": index,
            "failures": failures,
        },
        f,
        indent=1,
    )
