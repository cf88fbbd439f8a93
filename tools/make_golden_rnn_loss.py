"""Goldens for losses, RNNs and Transformer layers, recorded with real MindSpore 2.10 (CPU).

    /work/msvenv/bin/python tools/make_golden_rnn_loss.py

Writes tests/golden/loss.{json,npz} and tests/golden/rnn.{json,npz}. Each json case names the API
(``ops.x``, ``nn.X``, ``P.X``), constructor and call keywords, and npz keys of its inputs and
outputs (tuples flattened depth first). A keyword value ``{"tensor": key}`` is an npz array passed
as a Tensor. RNN / Transformer weights are set by parameter name from numpy, so nothing depends on
MindSpore's initialisers. Runs in PYNATIVE_MODE (the numbers are the same in GRAPH_MODE).
"""

import json
import os
import tempfile
import zlib

import numpy as np
import mindspore as ms
from mindspore import nn, ops, Tensor
from mindspore.ops import operations as P

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "golden")
os.makedirs(OUT, exist_ok=True)
os.chdir(tempfile.mkdtemp())
ms.set_context(mode=ms.PYNATIVE_MODE)
NS = {"ops": ops, "P": P, "nn": nn}


def rng(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def flat(x):
    if isinstance(x, (tuple, list)):
        return [a for i in x for a in flat(i)]
    return [x]


def resolve(api):
    mod, name = api.split(".", 1)
    return getattr(NS[mod], name)


class Recorder:
    def __init__(self):
        self.cases, self.arrays = [], {}

    def tensorize(self, case, v, tag):
        """``np.ndarray`` -> npz entry + ``{"tensor": key}``; other values pass through."""
        if isinstance(v, np.ndarray):
            key = f"{case}/{tag}"
            self.arrays[key] = v
            return {"tensor": key}, Tensor(v)
        return v, v

    def add(self, name, api, inputs, init=None, kwargs=None, kind=None, note=""):
        init, kwargs = dict(init or {}), dict(kwargs or {})
        spec = {"name": name, "api": api, "init": {}, "kwargs": {}, "inputs": [], "note": note}
        args = []
        for i, x in enumerate(inputs):
            s, t = self.tensorize(name, x, f"in{i}")
            spec["inputs"].append(s)
            args.append(t)
        init_t, kw_t = {}, {}
        for k, v in init.items():
            spec["init"][k], init_t[k] = self.tensorize(name, v, f"init_{k}")
        for k, v in kwargs.items():
            spec["kwargs"][k], kw_t[k] = self.tensorize(name, v, f"kw_{k}")
        obj = resolve(api)
        kind = kind or ("cell" if api.startswith("nn.") else "prim" if api.startswith("P.") else "fn")
        try:
            if kind == "fn":
                out = obj(*args, **kw_t)
            else:
                out = obj(**init_t)(*args, **kw_t)
            outs = [o.asnumpy() for o in flat(out)]
            dts = [str(o.dtype) for o in flat(out)]
        except Exception as e:  # record the error type: tests check we raise the same class
            spec["error"] = type(e).__name__
            spec["error_msg"] = str(e).splitlines()[0][:200]
            self.cases.append(spec)
            print("ERR", name, type(e).__name__, str(e).splitlines()[0][:120])
            return
        spec["outputs"] = []
        for j, (o, dt) in enumerate(zip(outs, dts)):
            key = f"{name}/out{j}"
            self.arrays[key] = o
            spec["outputs"].append({"key": key, "dtype": dt, "shape": list(o.shape)})
        self.cases.append(spec)

    def save(self, stem):
        np.savez_compressed(os.path.join(OUT, stem + ".npz"), **self.arrays)
        with open(os.path.join(OUT, stem + ".json"), "w") as f:
            json.dump({"mindspore_version": ms.__version__, "cases": self.cases}, f, indent=1)


def f32(r, *shape, lo=None, hi=None):
    if lo is not None:
        return r.uniform(lo, hi, shape).astype(np.float32)
    return r.normal(size=shape).astype(np.float32)


def loss_cases():
    R = Recorder()
    r = rng("loss")
    x, y = f32(r, 4, 5), f32(r, 4, 5)
    x3 = f32(r, 2, 3, 4)
    for red in ("mean", "sum", "none"):
        R.add(f"L1Loss_{red}", "nn.L1Loss", [x, y], init={"reduction": red})
        R.add(f"MSELoss_{red}", "nn.MSELoss", [x, y], init={"reduction": red})
        R.add(f"MAELoss_{red}", "nn.MAELoss", [x, y], init={"reduction": red})
        R.add(f"HuberLoss_{red}", "nn.HuberLoss", [x * 2, y], init={"reduction": red, "delta": 0.7})
        R.add(f"SmoothL1Loss_{red}", "nn.SmoothL1Loss", [x * 2, y], init={"reduction": red, "beta": 0.5})
        R.add(f"SoftMarginLoss_{red}", "nn.SoftMarginLoss", [x, np.sign(y)], init={"reduction": red})
    R.add("RMSELoss", "nn.RMSELoss", [x, y])
    R.add("SmoothL1Loss_default", "nn.SmoothL1Loss", [x * 2, y])
    R.add("MSELoss_3d", "nn.MSELoss", [x3, f32(r, 2, 3, 4)])
    R.add("ops_l1_loss", "ops.l1_loss", [x, y])
    R.add("ops_mse_loss_sum", "ops.mse_loss", [x, y], kwargs={"reduction": "sum"})
    R.add("ops_smooth_l1_loss", "ops.smooth_l1_loss", [x * 2, y], kwargs={"beta": 2.0, "reduction": "mean"})
    R.add(
        "ops_smooth_l1_loss_beta0", "ops.smooth_l1_loss", [x * 2, y], kwargs={"beta": 0.0, "reduction": "sum"}
    )
    R.add("ops_huber_loss", "ops.huber_loss", [x * 2, y], kwargs={"reduction": "sum", "delta": 1.5})
    R.add("P_SmoothL1Loss", "P.SmoothL1Loss", [x * 2, y], init={"beta": 1.0})
    R.add("ops_soft_margin_loss", "ops.soft_margin_loss", [x, np.sign(y)])

    # classification
    logits = f32(r, 5, 4)
    lab = np.array([0, 3, 1, 2, 3], np.int32)
    lab64 = lab.astype(np.int64)
    lab_ign = np.array([0, -100, 1, 2, -100], np.int32)
    w4 = np.array([0.5, 1.0, 2.0, 0.7], np.float32)
    probs = np.abs(f32(r, 5, 4)) + 0.1
    probs = (probs / probs.sum(1, keepdims=True)).astype(np.float32)
    onehot = np.eye(4, dtype=np.float32)[lab]
    for red in ("mean", "sum", "none"):
        R.add(
            f"SCEWL_sparse_{red}",
            "nn.SoftmaxCrossEntropyWithLogits",
            [logits, lab],
            init={"sparse": True, "reduction": red},
        )
        R.add(
            f"SCEWL_dense_{red}",
            "nn.SoftmaxCrossEntropyWithLogits",
            [logits, onehot],
            init={"sparse": False, "reduction": red},
        )
        R.add(f"CrossEntropyLoss_{red}", "nn.CrossEntropyLoss", [logits, lab], init={"reduction": red})
        R.add(
            f"CrossEntropyLoss_w_{red}",
            "nn.CrossEntropyLoss",
            [logits, lab_ign],
            init={"reduction": red, "weight": w4},
        )
        R.add(
            f"CrossEntropyLoss_ls_w_{red}",
            "nn.CrossEntropyLoss",
            [logits, lab_ign],
            init={"reduction": red, "weight": w4, "label_smoothing": 0.2},
        )
        R.add(
            f"CrossEntropyLoss_probs_{red}",
            "nn.CrossEntropyLoss",
            [logits, probs],
            init={"reduction": red, "weight": w4, "label_smoothing": 0.1},
        )
        R.add(f"NLLLoss_{red}", "nn.NLLLoss", [logits, lab_ign], init={"reduction": red, "weight": w4})
        R.add(f"BCELoss_{red}", "nn.BCELoss", [probs, onehot], init={"reduction": red, "weight": probs * 2})
        R.add(
            f"BCEWithLogitsLoss_{red}",
            "nn.BCEWithLogitsLoss",
            [logits, probs],
            init={"reduction": red, "weight": w4, "pos_weight": w4 * 1.5},
        )
        R.add(
            f"KLDivLoss_{red}", "nn.KLDivLoss", [np.log(probs), probs[::-1].copy()], init={"reduction": red}
        )
        R.add(
            f"MultiLabelSoftMarginLoss_{red}",
            "nn.MultiLabelSoftMarginLoss",
            [logits, onehot],
            init={"reduction": red, "weight": w4},
        )
        R.add(
            f"MultiMarginLoss_{red}",
            "nn.MultiMarginLoss",
            [logits, lab64],
            init={"reduction": red, "p": 2, "margin": 0.8, "weight": w4},
        )
        R.add(
            f"MultilabelMarginLoss_{red}",
            "nn.MultilabelMarginLoss",
            [
                logits,
                np.array(
                    [[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0], [0, 1, 2, 3], [2, -1, 1, 0]], np.int32
                ),
            ],
            init={"reduction": red},
        )
        R.add(
            f"FocalLoss_{red}",
            "nn.FocalLoss",
            [f32(r, 3, 4, 2), np.array([[[1, 0]], [[3, 2]], [[0, 1]]], np.int32)],
            init={"reduction": red, "gamma": 1.5, "weight": w4},
        )
        R.add(
            f"PoissonNLLLoss_{red}",
            "nn.PoissonNLLLoss",
            [x, np.abs(y) * 3],
            init={"reduction": red, "full": True},
        )
        R.add(
            f"GaussianNLLLoss_{red}",
            "nn.GaussianNLLLoss",
            [x, y, np.abs(f32(r, 4, 5)) + 0.01],
            init={"reduction": red, "full": True},
        )
        R.add(
            f"HingeEmbeddingLoss_{red}",
            "nn.HingeEmbeddingLoss",
            [x, np.sign(y)],
            init={"reduction": red, "margin": 0.5},
        )
        R.add(
            f"CosineEmbeddingLoss_{red}",
            "nn.CosineEmbeddingLoss",
            [x, y, np.array([1, -1, -1, 1], np.int32)],
            init={"reduction": red, "margin": 0.1},
        )
        R.add(
            f"MarginRankingLoss_{red}",
            "nn.MarginRankingLoss",
            [x[0], y[0], np.sign(x[1])],
            init={"reduction": red, "margin": 0.2},
        )
        R.add(
            f"TripletMarginLoss_{red}",
            "nn.TripletMarginLoss",
            [x, y, f32(r, 4, 5)],
            init={"reduction": red, "swap": True, "margin": 0.5, "p": 2},
        )
    R.add("FocalLoss_onehot", "nn.FocalLoss", [logits, onehot])
    R.add(
        "FocalLoss_4d",
        "nn.FocalLoss",
        [f32(r, 2, 3, 2, 2), np.array(r.integers(0, 3, (2, 1, 2, 2)), np.int32)],
        init={"gamma": 2.0},
    )
    R.add(
        "PoissonNLLLoss_nolog",
        "nn.PoissonNLLLoss",
        [np.abs(x) + 0.1, np.abs(y) * 3],
        init={"log_input": False},
    )
    R.add("GaussianNLLLoss_var_bcast", "nn.GaussianNLLLoss", [x, y, np.abs(f32(r, 4)) + 0.1])
    R.add("TripletMarginLoss_p1", "nn.TripletMarginLoss", [x, y, f32(r, 4, 5)], init={"p": 1})
    R.add("MultiMarginLoss_default", "nn.MultiMarginLoss", [logits, lab64])
    R.add(
        "KLDivLoss_batchmean_fn",
        "ops.kl_div",
        [np.log(probs), probs[::-1].copy()],
        kwargs={"reduction": "batchmean"},
    )
    R.add("DiceLoss", "nn.DiceLoss", [probs, onehot], init={"smooth": 1e-5})
    R.add(
        "MultiClassDiceLoss",
        "nn.MultiClassDiceLoss",
        [logits, onehot],
        init={"weights": np.ones((4, 4), np.float32) * 0.5, "ignore_indiex": 2},
    )
    R.add("MultiClassDiceLoss_default", "nn.MultiClassDiceLoss", [logits, onehot])
    R.add("BCELoss_noweight", "nn.BCELoss", [probs, onehot])
    R.add("BCEWithLogitsLoss_plain", "nn.BCEWithLogitsLoss", [logits, onehot])
    R.add("NLLLoss_plain", "nn.NLLLoss", [logits, lab])
    # functional forms
    R.add("ops_cross_entropy", "ops.cross_entropy", [logits, lab])
    R.add(
        "ops_cross_entropy_4d",
        "ops.cross_entropy",
        [f32(r, 2, 3, 2, 2), np.array(r.integers(0, 3, (2, 2, 2)), np.int32)],
        kwargs={"weight": w4[:3], "label_smoothing": 0.1},
    )
    R.add(
        "ops_cross_entropy_3d_none",
        "ops.cross_entropy",
        [f32(r, 2, 3, 4), np.array(r.integers(0, 3, (2, 4)), np.int32)],
        kwargs={"reduction": "none"},
    )
    R.add("ops_cross_entropy_1d", "ops.cross_entropy", [logits[0], np.array(2, np.int32)])
    R.add("ops_nll_loss_ls", "ops.nll_loss", [logits, lab_ign], kwargs={"label_smoothing": 0.3, "weight": w4})
    R.add(
        "ops_nll_loss_3d",
        "ops.nll_loss",
        [f32(r, 2, 3, 4), np.array(r.integers(0, 3, (2, 4)), np.int32)],
        kwargs={"reduction": "none"},
    )
    R.add("ops_binary_cross_entropy", "ops.binary_cross_entropy", [probs, onehot])
    R.add(
        "ops_bce_with_logits",
        "ops.binary_cross_entropy_with_logits",
        [logits, onehot],
        kwargs={"reduction": "sum"},
    )
    R.add("ops_kl_div", "ops.kl_div", [np.log(probs), probs[::-1].copy()])
    R.add(
        "ops_cosine_embedding_loss", "ops.cosine_embedding_loss", [x, y, np.array([1, -1, -1, 1], np.int32)]
    )
    R.add("ops_margin_ranking_loss", "ops.margin_ranking_loss", [x, y, np.sign(x)], kwargs={"margin": 0.3})
    R.add("ops_multi_margin_loss", "ops.multi_margin_loss", [logits, lab64], kwargs={"margin": 2})
    R.add("ops_multilabel_soft_margin_loss", "ops.multilabel_soft_margin_loss", [logits, onehot])
    R.add(
        "ops_multilabel_margin_loss",
        "ops.multilabel_margin_loss",
        [
            logits,
            np.array([[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0], [0, 1, 2, 3], [2, -1, 1, 0]], np.int32),
        ],
    )
    R.add(
        "ops_triplet_margin_loss",
        "ops.triplet_margin_loss",
        [x, y, f32(r, 4, 5)],
        kwargs={"margin": 0.7, "p": 3},
    )
    R.add("ops_gaussian_nll_loss", "ops.gaussian_nll_loss", [x, y, np.abs(f32(r, 4, 5)) + 0.01])
    R.add(
        "ops_hinge_embedding_loss", "ops.hinge_embedding_loss", [x, np.sign(y)], kwargs={"reduction": "sum"}
    )
    # primitives
    R.add("P_SoftmaxCrossEntropyWithLogits", "P.SoftmaxCrossEntropyWithLogits", [logits, probs])
    R.add("P_SparseSoftmaxCrossEntropyWithLogits", "P.SparseSoftmaxCrossEntropyWithLogits", [logits, lab])
    R.add(
        "P_SparseSoftmaxCrossEntropyWithLogits_grad",
        "P.SparseSoftmaxCrossEntropyWithLogits",
        [logits, lab],
        init={"is_grad": True},
    )
    R.add("P_BinaryCrossEntropy", "P.BinaryCrossEntropy", [probs, onehot, probs], init={"reduction": "sum"})
    R.add("P_BinaryCrossEntropy_none", "P.BinaryCrossEntropy", [probs, onehot], init={"reduction": "none"})
    R.add("P_KLDivLoss", "P.KLDivLoss", [np.log(probs), probs[::-1].copy()], init={"reduction": "sum"})
    R.add("P_KLDivLoss_none", "P.KLDivLoss", [np.log(probs), probs[::-1].copy()], init={"reduction": "none"})
    R.add("P_NLLLoss", "P.NLLLoss", [logits, lab, w4], init={"reduction": "mean"})
    R.add("P_NLLLoss_none", "P.NLLLoss", [logits, lab_ign, w4], init={"reduction": "none"})
    R.add("P_NLLLoss_sum", "P.NLLLoss", [logits, lab, w4], init={"reduction": "sum"})
    R.add("P_SigmoidCrossEntropyWithLogits", "P.SigmoidCrossEntropyWithLogits", [logits, probs])
    R.add(
        "P_BCEWithLogitsLoss", "P.BCEWithLogitsLoss", [logits, probs, w4, w4 * 2], init={"reduction": "mean"}
    )
    R.add("P_MultiMarginLoss", "P.MultiMarginLoss", [logits, lab64, w4], init={"p": 1, "margin": 1.0})
    R.add(
        "P_MultilabelMarginLoss",
        "P.MultilabelMarginLoss",
        [
            logits,
            np.array([[3, 0, -1, 1], [1, 2, 3, -1], [-1, 0, 0, 0], [0, 1, 2, 3], [2, -1, 1, 0]], np.int32),
        ],
        init={"reduction": "none"},
    )
    R.add("P_TripletMarginLoss", "P.TripletMarginLoss", [x, y, f32(r, 4, 5), np.array(0.5, np.float32)])
    R.add("P_SoftMarginLoss", "P.SoftMarginLoss", [x, np.sign(y)])
    R.add("P_L2Loss", "P.L2Loss", [x])
    # CTC
    T, N, C = 6, 2, 5
    lp = f32(r, T, N, C)
    lp = (lp - np.log(np.exp(lp).sum(-1, keepdims=True))).astype(np.float32)
    tg = np.array([[1, 2, 2], [3, 1, 0]], np.int32)
    il = np.array([6, 5], np.int32)
    tl = np.array([3, 2], np.int32)
    for red in ("mean", "sum", "none"):
        R.add(f"CTCLoss_{red}", "nn.CTCLoss", [lp, tg, il, tl], init={"reduction": red})
    R.add("ops_ctc_loss", "ops.ctc_loss", [lp, tg, il, tl], kwargs={"blank": 0, "reduction": "none"})
    R.add(
        "ops_ctc_loss_inf",
        "ops.ctc_loss",
        [lp[:3], tg, np.array([3, 2], np.int32), tl],
        kwargs={"reduction": "none", "zero_infinity": True},
    )
    R.add(
        "ops_ctc_loss_inf_keep",
        "ops.ctc_loss",
        [lp[:3], tg, np.array([3, 2], np.int32), tl],
        kwargs={"reduction": "none"},
    )
    R.add("CTCLoss_2d", "nn.CTCLoss", [lp[:, 0], tg[0], np.array([6], np.int32), np.array([3], np.int32)])
    # errors
    R.add("err_reduction", "nn.L1Loss", [x, y], init={"reduction": "avg"})
    R.save("loss")


def set_weights(net, scale=0.4):
    params = {}
    for p in net.get_parameters():
        rr = np.random.RandomState(zlib.crc32(p.name.encode()) % (2**31))
        v = rr.uniform(-scale, scale, p.shape).astype(np.float32)
        p.set_data(Tensor(v))
        params[p.name] = v
    return params


class RnnRecorder(Recorder):
    def add_net(self, name, api, init, inputs, kwargs=None, train=False):
        """A layer whose weights are set by name; records its params too."""
        net = resolve(api)(**init)
        params = set_weights(net)
        net.set_train(train)
        spec = {"name": name, "api": api, "init": init, "kwargs": {}, "inputs": [], "params": {}}
        args = []
        for i, x in enumerate(inputs):
            if isinstance(x, tuple):
                keys = []
                for j, a in enumerate(x):
                    self.arrays[f"{name}/in{i}_{j}"] = a
                    keys.append({"tensor": f"{name}/in{i}_{j}"})
                spec["inputs"].append({"tuple": keys})
                args.append(tuple(Tensor(a) for a in x))
            else:
                s, t = self.tensorize(name, x, f"in{i}")
                spec["inputs"].append(s)
                args.append(t)
        kw_t = {}
        for k, v in (kwargs or {}).items():
            spec["kwargs"][k], kw_t[k] = self.tensorize(name, v, f"kw_{k}")
        for k, v in params.items():
            self.arrays[f"{name}/param/{k}"] = v
            spec["params"][k] = f"{name}/param/{k}"
        spec["param_order"] = [p.name for p in net.get_parameters()]
        out = net(*args, **kw_t)
        spec["outputs"] = []
        for j, o in enumerate(flat(out)):
            key = f"{name}/out{j}"
            self.arrays[key] = o.asnumpy()
            spec["outputs"].append({"key": key, "dtype": str(o.dtype), "shape": list(o.shape)})
        # gradient of sum(outputs * fixed weights) w.r.t. the input and the first weight
        self.cases.append(spec)


def rnn_cases():
    R = RnnRecorder()
    r = rng("rnn")
    x = f32(r, 5, 3, 4)  # (T, N, I)
    xb = f32(r, 3, 5, 4)  # batch first
    h2 = f32(r, 2, 3, 6) * 0.5
    c2 = f32(r, 2, 3, 6) * 0.5
    h4 = f32(r, 4, 3, 6) * 0.5
    c4 = f32(r, 4, 3, 6) * 0.5
    seq = np.array([5, 2, 3], np.int32)
    R.add_net("LSTM_basic", "nn.LSTM", {"input_size": 4, "hidden_size": 6}, [x])
    R.add_net("LSTM_2l_h0", "nn.LSTM", {"input_size": 4, "hidden_size": 6, "num_layers": 2}, [x, (h2, c2)])
    R.add_net(
        "LSTM_bi_2l_bf",
        "nn.LSTM",
        {"input_size": 4, "hidden_size": 6, "num_layers": 2, "bidirectional": True, "batch_first": True},
        [xb, (h4, c4)],
    )
    R.add_net("LSTM_nobias", "nn.LSTM", {"input_size": 4, "hidden_size": 6, "has_bias": False}, [x])
    R.add_net("LSTM_seq", "nn.LSTM", {"input_size": 4, "hidden_size": 6}, [x, None, seq])
    R.add_net(
        "LSTM_bi_seq", "nn.LSTM", {"input_size": 4, "hidden_size": 6, "bidirectional": True}, [x, None, seq]
    )
    R.add_net("GRU_basic", "nn.GRU", {"input_size": 4, "hidden_size": 6}, [x])
    R.add_net(
        "GRU_2l_bf",
        "nn.GRU",
        {"input_size": 4, "hidden_size": 6, "num_layers": 2, "batch_first": True},
        [xb, h2],
    )
    R.add_net(
        "GRU_bi",
        "nn.GRU",
        {"input_size": 4, "hidden_size": 6, "bidirectional": True, "num_layers": 2},
        [x, h4],
    )
    R.add_net("GRU_seq", "nn.GRU", {"input_size": 4, "hidden_size": 6}, [x, None, seq])
    R.add_net(
        "GRU_bi_seq", "nn.GRU", {"input_size": 4, "hidden_size": 6, "bidirectional": True}, [x, None, seq]
    )
    R.add_net("RNN_tanh", "nn.RNN", {"input_size": 4, "hidden_size": 6, "num_layers": 2}, [x, h2])
    R.add_net(
        "RNN_relu_bi",
        "nn.RNN",
        {"input_size": 4, "hidden_size": 6, "nonlinearity": "relu", "bidirectional": True},
        [x],
    )
    R.add_net("RNN_seq", "nn.RNN", {"input_size": 4, "hidden_size": 6}, [x, None, seq])
    R.add_net("RNNCell", "nn.RNNCell", {"input_size": 4, "hidden_size": 6}, [x[0], h2[0]])
    R.add_net(
        "RNNCell_relu",
        "nn.RNNCell",
        {"input_size": 4, "hidden_size": 6, "nonlinearity": "relu"},
        [x[0], h2[0]],
    )
    R.add_net("LSTMCell", "nn.LSTMCell", {"input_size": 4, "hidden_size": 6}, [x[0], (h2[0], c2[0])])
    R.add_net("GRUCell", "nn.GRUCell", {"input_size": 4, "hidden_size": 6}, [x[0], h2[0]])
    R.add_net(
        "GRUCell_nobias", "nn.GRUCell", {"input_size": 4, "hidden_size": 6, "has_bias": False}, [x[0], h2[0]]
    )

    # attention / transformer (eval mode: dropout off)
    q = f32(r, 4, 2, 8)
    kv = f32(r, 5, 2, 8)
    kpm = np.array([[False, False, True, False, True], [False, False, False, False, False]])
    am = np.triu(np.ones((4, 5), bool), 2)
    amf = (np.triu(np.ones((4, 5), np.float32), 2) * -1e4).astype(np.float32)
    R.add_net("MHA_self", "nn.MultiheadAttention", {"embed_dim": 8, "num_heads": 2}, [q, q, q])
    R.add_net(
        "MHA_cross_masks",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 2},
        [q, kv, kv],
        kwargs={"key_padding_mask": kpm, "attn_mask": am},
    )
    R.add_net(
        "MHA_float_mask_noavg",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 2},
        [q, kv, kv * 0.5],
        kwargs={"attn_mask": amf, "average_attn_weights": False},
    )
    R.add_net(
        "MHA_kdim_bf",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 4, "kdim": 3, "vdim": 5, "batch_first": True},
        [q.swapaxes(0, 1).copy(), f32(r, 2, 5, 3), f32(r, 2, 5, 5)],
    )
    R.add_net(
        "MHA_bias_kv_zero",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 2, "add_bias_kv": True, "add_zero_attn": True},
        [q, kv, kv],
        kwargs={"key_padding_mask": kpm},
    )
    R.add_net(
        "MHA_unbatched",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 2},
        [q[:, 0], kv[:, 0], kv[:, 0]],
    )
    R.add_net(
        "MHA_nobias_noweights",
        "nn.MultiheadAttention",
        {"embed_dim": 8, "num_heads": 2, "has_bias": False},
        [q, kv, kv],
        kwargs={"need_weights": False},
    )
    src = f32(r, 5, 2, 8)
    tgt = f32(r, 4, 2, 8)
    R.add_net(
        "EncLayer", "nn.TransformerEncoderLayer", {"d_model": 8, "nhead": 2, "dim_feedforward": 16}, [src]
    )
    R.add_net(
        "EncLayer_nf_gelu_bf",
        "nn.TransformerEncoderLayer",
        {
            "d_model": 8,
            "nhead": 2,
            "dim_feedforward": 16,
            "norm_first": True,
            "activation": "gelu",
            "batch_first": True,
        },
        [src.swapaxes(0, 1).copy()],
        kwargs={"src_key_padding_mask": kpm},
    )
    R.add_net(
        "DecLayer",
        "nn.TransformerDecoderLayer",
        {"d_model": 8, "nhead": 2, "dim_feedforward": 16},
        [tgt, src],
        kwargs={"tgt_mask": np.triu(np.ones((4, 4), bool), 1)},
    )
    R.add_net(
        "DecLayer_nf",
        "nn.TransformerDecoderLayer",
        {"d_model": 8, "nhead": 2, "dim_feedforward": 16, "norm_first": True},
        [tgt, src],
        kwargs={"memory_key_padding_mask": kpm},
    )
    R.add_net(
        "Transformer",
        "nn.Transformer",
        {"d_model": 8, "nhead": 2, "num_encoder_layers": 2, "num_decoder_layers": 1, "dim_feedforward": 16},
        [src, tgt],
        kwargs={"tgt_mask": np.triu(np.ones((4, 4), bool), 1)},
    )
    R.save("rnn")


if __name__ == "__main__":
    loss_cases()
    rnn_cases()
