"""Goldens for the optimizer-update primitives (ops.ApplyXxx, SparseApplyXxx, Adam, SGD, ...).

Run with the real MindSpore 2.10 (CPU) venv, from /tmp (MindSpore writes rank_0/ into the cwd):

    cd /tmp && /work/msvenv/bin/python /work/main/tools/make_golden_optim_prims.py

For each case the primitive is called twice on the same inputs (the states it writes carry over);
after each call the outputs and the value of every array input (Parameters and Tensors: both are
written in place) are recorded. Cases MindSpore cannot run on CPU are listed under "failures".
Writes tests/golden/optim_prims.npz (arrays + a JSON "__meta__" entry).
"""

from __future__ import annotations

import json
import os

import numpy as np

import mindspore as ms
from mindspore import Parameter, Tensor, ops
from mindspore.ops.operations import inner_ops

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "golden", "optim_prims.npz")

# arg kinds: "p" Parameter, "t" Tensor, "s" 0-d Tensor, "f" python float, "i" python int
_RNG = np.random.default_rng(0)


def U(shape, lo=-1.0, hi=1.0):
    return _RNG.uniform(lo, hi, shape).astype(np.float32)


def P(shape, lo=-1.0, hi=1.0):
    return ("p", U(shape, lo, hi))


def POS(shape):
    return ("p", U(shape, 0.1, 1.0))


def G(shape):
    return ("t", U(shape))


def S(v, dt=np.float32):
    return ("s", np.array(v, dt))


def F(v):
    return ("f", v)


def IDX(v, dt=np.int32):
    return ("t", np.array(v, dt))


def V1(v):
    return ("t", np.array([v], np.float32))


SH = (3, 2)
SP = (4, 2)


def cases():
    c = {}
    c["momentum"] = ("ApplyMomentum", {}, [P(SH), P(SH), F(0.1), G(SH), F(0.9)])
    c["momentum_nesterov"] = ("ApplyMomentum", {"use_nesterov": True}, [P(SH), P(SH), S(0.1), G(SH), S(0.9)])
    c["momentum_gscale"] = ("ApplyMomentum", {"gradient_scale": 0.5}, [P(SH), P(SH), F(0.1), G(SH), F(0.9)])
    c["adagrad"] = ("ApplyAdagrad", {}, [P(SH), POS(SH), F(0.1), G(SH)])
    c["adagrad_noslots"] = ("ApplyAdagrad", {"update_slots": False}, [P(SH), POS(SH), S(0.1), G(SH)])
    c["adagrad_v2"] = ("ApplyAdagradV2", {"epsilon": 1e-3}, [P(SH), POS(SH), F(0.1), G(SH)])
    c["adagrad_v2_noslots"] = (
        "ApplyAdagradV2",
        {"epsilon": 1e-3, "update_slots": False},
        [P(SH), POS(SH), F(0.1), G(SH)],
    )
    c["adagrad_da"] = (
        "ApplyAdagradDA",
        {},
        [P(SH), P(SH), POS(SH), G(SH), S(0.01), S(0.3), S(0.02), S(2, np.int32)],
    )
    c["adagrad_da_l1zero"] = (
        "ApplyAdagradDA",
        {},
        [P(SH), P(SH), POS(SH), G(SH), S(0.01), S(0.0), S(0.02), S(3, np.int32)],
    )
    c["adamax"] = (
        "ApplyAdaMax",
        {},
        [P(SH), P(SH), POS(SH), S(0.9), S(0.01), S(0.9), S(0.99), S(1e-6), G(SH)],
    )
    c["adadelta"] = ("ApplyAdadelta", {}, [P(SH), POS(SH), POS(SH), S(0.5), S(0.9), S(1e-6), G(SH)])
    c["adam_amsgrad"] = (
        "ApplyAdamWithAmsgrad",
        {"beta1": 0.8, "beta2": 0.95, "epsilon": 1e-6},
        [P(SH), P(SH), POS(SH), POS(SH), S(0.8), S(0.95), S(0.01), G(SH)],
    )
    c["adam_amsgrad_v2"] = (
        "ApplyAdamWithAmsgradV2",
        {},
        [P(SH), P(SH), POS(SH), POS(SH), S(0.8), S(0.95), S(0.01), S(0.8), S(0.95), S(1e-6), G(SH)],
    )
    c["add_sign"] = ("ApplyAddSign", {}, [P(SH), P(SH), S(0.01), S(1.0), S(0.9), S(0.8), G(SH)])
    c["power_sign"] = ("ApplyPowerSign", {}, [P(SH), P(SH), S(0.01), S(np.e), S(0.9), S(0.8), G(SH)])
    c["centered_rmsprop"] = (
        "ApplyCenteredRMSProp",
        {},
        [P(SH), P(SH, -0.2, 0.2), POS(SH), P(SH), G(SH), S(0.01), F(0.9), F(0.5), F(1e-6)],
    )
    c["rmsprop"] = ("ApplyRMSProp", {}, [P(SH), POS(SH), P(SH), S(0.01), G(SH), F(0.9), F(0.5), F(1e-6)])
    c["ftrl"] = ("ApplyFtrl", {}, [P(SH), POS(SH), P(SH), G(SH), S(0.01), S(0.1), S(0.01), S(-0.5)])
    c["ftrl_l1zero"] = ("ApplyFtrl", {}, [P(SH), POS(SH), P(SH), G(SH), F(0.01), F(0.0), F(0.0), F(-0.5)])
    c["gradient_descent"] = ("ApplyGradientDescent", {}, [P(SH), F(0.1), G(SH)])
    c["proximal_adagrad"] = ("ApplyProximalAdagrad", {}, [P(SH), POS(SH), S(0.1), S(0.05), S(0.1), G(SH)])
    c["proximal_adagrad_l1zero"] = (
        "ApplyProximalAdagrad",
        {},
        [P(SH), POS(SH), F(0.1), F(0.0), F(0.1), G(SH)],
    )
    c["proximal_gd"] = ("ApplyProximalGradientDescent", {}, [P(SH), S(0.1), S(0.05), S(0.1), G(SH)])
    c["proximal_gd_l1zero"] = ("ApplyProximalGradientDescent", {}, [P(SH), F(0.1), F(0.0), F(0.1), G(SH)])
    c["sparse_adagrad"] = ("SparseApplyAdagrad", {"lr": 0.1}, [P(SP), POS(SP), G((2, 2)), IDX([0, 2])])
    c["sparse_adagrad_v2"] = (
        "SparseApplyAdagradV2",
        {"lr": 0.1, "epsilon": 1e-3},
        [P(SP), POS(SP), G((2, 2)), IDX([3, 1])],
    )
    c["sparse_adagrad_v2_noslots"] = (
        "SparseApplyAdagradV2",
        {"lr": 0.1, "epsilon": 1e-3, "update_slots": False},
        [P(SP), POS(SP), G((2, 2)), IDX([3, 1])],
    )
    c["sparse_ftrl"] = (
        "SparseApplyFtrl",
        {"lr": 0.01, "l1": 0.1, "l2": 0.01, "lr_power": -0.5},
        [P(SP), POS(SP), P(SP), G((2, 2)), IDX([0, 2])],
    )
    c["sparse_ftrl_i64"] = (
        "SparseApplyFtrl",
        {"lr": 0.01, "l1": 0.0, "l2": 0.0, "lr_power": -0.5},
        [P(SP), POS(SP), P(SP), G((2, 2)), IDX([1, 3], np.int64)],
    )
    c["sparse_rmsprop"] = (
        "SparseApplyRMSProp",
        {"rho": 0.9, "momentum": 0.5, "epsilon": 1e-6},
        [P(SP), POS(SP), P(SP), F(0.01), G(SP), IDX([2, 0, 3, 1])],
    )
    c["adam"] = (
        "Adam",
        {},
        [P(SH), P(SH), POS(SH), F(0.9), F(0.999), F(0.01), F(0.9), F(0.999), F(1e-8), G(SH)],
    )
    c["adam_nesterov"] = (
        "Adam",
        {"use_nesterov": True},
        [P(SH), P(SH), POS(SH), S(0.9), S(0.999), S(0.01), S(0.9), S(0.999), S(1e-8), G(SH)],
    )
    c["adam_weight_decay"] = (
        "AdamWeightDecay",
        {},
        [P(SH), P(SH), POS(SH), F(0.01), F(0.9), F(0.999), F(1e-6), F(0.1), G(SH)],
    )
    c["adam_no_update"] = (
        "AdamNoUpdateParam",
        {},
        [P(SH), POS(SH), S(0.9), S(0.999), S(0.01), S(0.9), S(0.999), S(1e-8), G(SH)],
    )
    c["fused_sparse_adam"] = (
        "FusedSparseAdam",
        {},
        [
            P(SP),
            P(SP),
            POS(SP),
            V1(0.9),
            V1(0.999),
            V1(0.01),
            V1(0.9),
            V1(0.999),
            V1(1e-8),
            G((3, 2)),
            IDX([0, 2, 0]),
        ],
    )
    c["fused_sparse_adam_nesterov"] = (
        "FusedSparseAdam",
        {"use_nesterov": True},
        [
            P(SP),
            P(SP),
            POS(SP),
            V1(0.9),
            V1(0.999),
            V1(0.01),
            V1(0.9),
            V1(0.999),
            V1(1e-8),
            G((2, 2)),
            IDX([1, 3]),
        ],
    )
    c["fused_sparse_lazy_adam"] = (
        "FusedSparseLazyAdam",
        {},
        [
            P(SP),
            P(SP),
            POS(SP),
            V1(0.9),
            V1(0.999),
            V1(0.01),
            V1(0.9),
            V1(0.999),
            V1(1e-8),
            G((3, 2)),
            IDX([0, 2, 0]),
        ],
    )
    c["fused_sparse_ftrl"] = (
        "FusedSparseFtrl",
        {"lr": 0.01, "l1": 0.1, "l2": 0.01, "lr_power": -0.5},
        [P(SP), POS(SP), P(SP), G((3, 2)), IDX([0, 2, 0])],
    )
    c["fused_sparse_proximal_adagrad"] = (
        "FusedSparseProximalAdagrad",
        {},
        [P(SP), POS(SP), S(0.1), S(0.05), S(0.1), G((3, 2)), IDX([3, 1, 3])],
    )
    c["sgd"] = ("SGD", {}, [P((4,)), G((4,)), S(0.01), P((4,)), S(0.1), P((4,))])
    c["sgd_wd_damp"] = (
        "SGD",
        {"dampening": 0.2, "weight_decay": 0.1},
        [P((4,)), G((4,)), S(0.01), P((4,)), S(0.9), ("p", np.array([1, 0, 1, 0], np.float32))],
    )
    c["sgd_nesterov"] = (
        "SGD",
        {"nesterov": True},
        [P((4,)), G((4,)), S(0.01), P((4,)), S(0.9), ("p", np.array([0, 1, 0, 1], np.float32))],
    )
    c["fused_cast_adam_wd"] = (
        "FusedCastAdamWeightDecay",
        {},
        [
            ("p", U(SH).astype(np.float16)),
            P(SH),
            POS(SH),
            F(0.01),
            F(0.9),
            F(0.999),
            F(1e-6),
            F(0.1),
            ("t", U(SH).astype(np.float16)),
            F(2.0),
        ],
    )
    # float16 variants
    for name in [
        "momentum",
        "adagrad",
        "adadelta",
        "adamax",
        "proximal_adagrad",
        "gradient_descent",
        "adam",
        "ftrl",
        "add_sign",
        "sparse_adagrad_v2",
        "sgd",
    ]:
        prim, kw, args = c[name]
        c[name + "_f16"] = (
            prim,
            kw,
            [(k, v.astype(np.float16)) if k in "pts" and v.dtype == np.float32 else (k, v) for k, v in args],
        )
    return c


def _prim(name, kw):
    cls = getattr(ops, name, None) or getattr(inner_ops, name)
    return cls(**kw)


def build_args(args):
    out = []
    for j, (k, v) in enumerate(args):
        if k == "p":
            out.append(Parameter(Tensor(v.copy()), name=f"a{j}"))
        elif k in "ts":
            out.append(Tensor(v.copy()))
        else:
            out.append(v)
    return out


def main():
    ms.set_context(mode=ms.PYNATIVE_MODE)
    ms.set_device("CPU")
    arrays, meta = {}, {"cases": {}, "failures": {}, "errors": []}
    for name, (prim, kw, args) in cases().items():
        try:
            p = _prim(prim, kw)
            a = build_args(args)
            rec = {}
            for call in range(2):
                out = p(*a)
                tup = isinstance(out, (tuple, list))
                outs = list(out) if tup else [out]
                rec[f"c{call}/tuple"] = tup
                rec[f"c{call}/nout"] = len(outs)
                for i, o in enumerate(outs):
                    arrays[f"{name}/c{call}/out{i}"] = o.asnumpy().copy()
                for j, x in enumerate(a):
                    if isinstance(x, Tensor):
                        arrays[f"{name}/c{call}/arg{j}"] = x.asnumpy().copy()
        except Exception as e:  # noqa: BLE001
            meta["failures"][name] = f"{type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''}"
            print("FAIL", name, meta["failures"][name])
            for k in [k for k in arrays if k.startswith(name + "/")]:
                del arrays[k]
            continue
        for j, (k, v) in enumerate(args):
            if k in "pts":
                arrays[f"{name}/in{j}"] = v
        meta["cases"][name] = {
            "prim": prim,
            "kwargs": kw,
            "tuple": rec["c0/tuple"],
            "nout": rec["c0/nout"],
            "args": [[k, None if k in "pts" else v] for k, v in args],
        }
        print("ok", name)
    meta["errors"] = errors()
    arrays["__meta__"] = np.array(json.dumps(meta))
    np.savez_compressed(OUT, **arrays)
    print("wrote", OUT, len(meta["cases"]), "cases,", len(meta["failures"]), "failures")


def _err(label, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        msg = str(e).splitlines()[0] if str(e) else ""
        print("err", label, type(e).__name__, msg[:200])
        return {"label": label, "type": type(e).__name__, "msg": msg}
    print("err", label, "NO ERROR")
    return {"label": label, "type": None, "msg": ""}


def errors():
    f32 = lambda *s: Parameter(Tensor(np.ones(s, np.float32)))  # noqa: E731
    t32 = lambda *s: Tensor(np.ones(s, np.float32))  # noqa: E731
    t16 = lambda *s: Tensor(np.ones(s, np.float16))  # noqa: E731
    f16 = lambda *s: Parameter(Tensor(np.ones(s, np.float16)))  # noqa: E731
    return [
        _err("adagrad_shape", lambda: ops.ApplyAdagrad()(f32(2, 2), f32(2, 2), 0.1, t32(3, 2))),
        _err("adagrad_grad_f16_ok", lambda: ops.ApplyAdagrad()(f32(2, 2), f32(2, 2), 0.1, t16(2, 2))),
        _err("adagrad_var_f16_grad_f32", lambda: ops.ApplyAdagrad()(f16(2, 2), f16(2, 2), 0.1, t32(2, 2))),
        _err("adagrad_update_slots_type", lambda: ops.ApplyAdagrad(update_slots=1)),
        _err("adagrad_v2_epsilon_type", lambda: ops.ApplyAdagradV2(epsilon=1)),
        _err("momentum_nesterov_type", lambda: ops.ApplyMomentum(use_nesterov=1)),
        _err("momentum_gscale_type", lambda: ops.ApplyMomentum(gradient_scale=1)),
        _err("momentum_accum_shape", lambda: ops.ApplyMomentum()(f32(2, 2), f32(3, 2), 0.1, t32(2, 2), 0.9)),
        _err(
            "gd_int_var",
            lambda: ops.ApplyGradientDescent()(
                Parameter(Tensor(np.ones(2, np.int32))), 0.1, Tensor(np.ones(2, np.int32))
            ),
        ),
        _err(
            "adam_shape",
            lambda: ops.Adam()(
                f32(2, 2), f32(2, 2), f32(2, 3), 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, t32(2, 2)
            ),
        ),
        _err("sparse_ftrl_lr_neg", lambda: ops.SparseApplyFtrl(lr=-0.1, l1=0.0, l2=0.0, lr_power=-0.5)),
        _err("sparse_ftrl_lr_power_pos", lambda: ops.SparseApplyFtrl(lr=0.1, l1=0.0, l2=0.0, lr_power=0.5)),
        _err(
            "sparse_ftrl_idx_len",
            lambda: ops.SparseApplyFtrl(0.1, 0.0, 0.0, -0.5)(
                f32(4, 2), f32(4, 2), f32(4, 2), t32(2, 2), Tensor(np.array([0, 1, 2], np.int32))
            ),
        ),
        _err("sparse_rmsprop_rho", lambda: ops.SparseApplyRMSProp(rho=1.5, momentum=0.1, epsilon=1e-6)),
        _err("sparse_rmsprop_eps", lambda: ops.SparseApplyRMSProp(rho=0.5, momentum=0.1, epsilon=0.0)),
        _err("sgd_nesterov_dampening", lambda: ops.SGD(dampening=0.1, nesterov=True)),
        _err(
            "rmsprop_decay_tensor",
            lambda: ops.ApplyRMSProp()(f32(2), f32(2), f32(2), 0.01, t32(2), Tensor(0.9), 0.5, 1e-6),
        ),
        _err(
            "adagrad_da_step_float",
            lambda: ops.ApplyAdagradDA()(f32(2), f32(2), f32(2), t32(2), 0.01, 0.0, 0.0, Tensor(2.0)),
        ),
    ]


if __name__ == "__main__":
    main()
