"""Optimizer-update primitives (ops.ApplyXxx, SparseApplyXxx, Adam, SGD, ...) against MindSpore 2.10.

Goldens: tests/golden/optim_prims.npz from tools/make_golden_optim_prims.py (two successive calls
per case; outputs and every array input recorded after each call). Ops MindSpore 2.10 cannot run
on CPU are checked against their documented formulas in numpy.
"""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "optim_prims.npz")
_NPZ = np.load(GOLDEN)
_META = json.loads(str(_NPZ["__meta__"]))
CASES = _META["cases"]


# outputs MindSpore 2.10's CPU kernels leave uninitialized ("the outputs are useless", say the docs
# of the Fused* ops): only their shape and dtype are compared; the updated inputs are checked
_GARBAGE = {
    "FusedSparseAdam": (1, 2),
    "FusedSparseLazyAdam": (1, 2),
    "FusedSparseFtrl": (1, 2),
    "FusedSparseProximalAdagrad": (1,),
    "ApplyCenteredRMSProp": (0,),
    "ApplyRMSProp": (0,),
    "Adam": (0, 1, 2),
    "AdamWeightDecay": (0, 1, 2),
    "FusedCastAdamWeightDecay": (0, 1, 2),
}
# known differences from MindSpore 2.10's CPU numbers (see the report in optim_prims.py's docstring)
_KNOWN_DIFF = {"fused_sparse_adam_nesterov", "sparse_adagrad_v2_f16"}


def _tol(name):
    return dict(rtol=4e-3, atol=4e-3) if name.endswith("_f16") else dict(rtol=2e-5, atol=2e-6)


def _args(name, case):
    out = []
    for j, (kind, val) in enumerate(case["args"]):
        if kind == "p":
            out.append(Parameter(Tensor(_NPZ[f"{name}/in{j}"].copy()), name=f"{name}_a{j}"))
        elif kind in ("t", "s"):
            out.append(Tensor(_NPZ[f"{name}/in{j}"].copy()))
        else:
            out.append(val)
    return out


def _prim(case):
    return getattr(ops, case["prim"])(**case["kwargs"])


def _check(name, case, call, out, args):
    tup = case["tuple"]
    outs = list(out) if tup else [out]
    assert isinstance(out, tuple) == tup, name
    assert len(outs) == case["nout"], name
    for i, o in enumerate(outs):
        want = _NPZ[f"{name}/c{call}/out{i}"]
        assert o.asnumpy().dtype == want.dtype, (name, i)
        assert o.shape == want.shape, (name, i)
        if i in _GARBAGE.get(case["prim"], ()):
            continue
        np.testing.assert_allclose(o.asnumpy(), want, err_msg=f"{name} call{call} out{i}", **_tol(name))
    for j, x in enumerate(args):
        if isinstance(x, Tensor):
            want = _NPZ[f"{name}/c{call}/arg{j}"]
            np.testing.assert_allclose(x.asnumpy(), want, err_msg=f"{name} call{call} arg{j}", **_tol(name))


@pytest.mark.parametrize("name", sorted(set(CASES) - _KNOWN_DIFF))
def test_golden_pynative(name):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    case = CASES[name]
    p = _prim(case)
    args = _args(name, case)
    for call in range(2):
        _check(name, case, call, p(*args), args)


class _Many(nn.Cell):
    """Every written input is a Parameter of the Cell; the rest are constants."""

    def __init__(self, names):
        super().__init__()
        self.names = names
        self.prims = [_prim(CASES[n]) for n in names]
        self.params = []
        self.consts = []
        k = 0
        for n in names:
            args = _args(n, CASES[n])
            kinds = [a[0] for a in CASES[n]["args"]]
            slots = []
            for a, kind in zip(args, kinds):
                if kind == "p":
                    setattr(self, f"p{k}", a)
                    slots.append(("p", f"p{k}"))
                    k += 1
                else:
                    slots.append(("c", a))
            self.consts.append(slots)

    def construct(self):
        outs = []
        for prim, slots in zip(self.prims, self.consts):
            args = [getattr(self, v) if kind == "p" else v for kind, v in slots]
            outs.append(prim(*args))
        return outs

    def arg_values(self, i):
        return [getattr(self, v) if kind == "p" else v for kind, v in self.consts[i]]


def test_golden_graph():
    """All cases whose written inputs are Parameters, compiled in one Cell, called twice."""
    ms.set_context(mode=ms.GRAPH_MODE)
    names = sorted(set(CASES) - _KNOWN_DIFF)
    net = _Many(names)
    for call in range(2):
        outs = net()
        for i, n in enumerate(names):
            _check(n, CASES[n], call, outs[i], net.arg_values(i))


# --- errors --------------------------------------------------------------------------------------


def _p(*s, dt=np.float32):
    return Parameter(Tensor(np.ones(s, dt)))


def _t(*s, dt=np.float32):
    return Tensor(np.ones(s, dt))


def test_errors_match_mindspore():
    errs = {e["label"]: e for e in _META["errors"]}
    with pytest.raises(ValueError, match="For 'ApplyAdagrad'.*shape"):
        ops.ApplyAdagrad()(_p(2, 2), _p(2, 2), 0.1, _t(3, 2))
    assert errs["adagrad_grad_f16_ok"]["type"] is None
    v, a = _p(2, 2), _p(2, 2)
    out = ops.ApplyAdagrad()(v, a, 0.1, _t(2, 2, dt=np.float16))
    assert out[0].dtype == ms.float32 and v.dtype == ms.float32
    assert errs["adagrad_var_f16_grad_f32"]["type"] == "TypeError"
    with pytest.raises(TypeError, match="conversion is not supported for a 'Parameter'"):
        ops.ApplyAdagrad()(_p(2, 2, dt=np.float16), _p(2, 2, dt=np.float16), 0.1, _t(2, 2))
    for label, fn, cls in [
        ("adagrad_update_slots_type", lambda: ops.ApplyAdagrad(update_slots=1), TypeError),
        ("adagrad_v2_epsilon_type", lambda: ops.ApplyAdagradV2(epsilon=1), TypeError),
        ("momentum_nesterov_type", lambda: ops.ApplyMomentum(use_nesterov=1), TypeError),
        ("momentum_gscale_type", lambda: ops.ApplyMomentum(gradient_scale=1), TypeError),
        (
            "sparse_ftrl_lr_neg",
            lambda: ops.SparseApplyFtrl(lr=-0.1, l1=0.0, l2=0.0, lr_power=-0.5),
            ValueError,
        ),
        (
            "sparse_ftrl_lr_power_pos",
            lambda: ops.SparseApplyFtrl(lr=0.1, l1=0.0, l2=0.0, lr_power=0.5),
            ValueError,
        ),
        (
            "sparse_rmsprop_rho",
            lambda: ops.SparseApplyRMSProp(rho=1.5, momentum=0.1, epsilon=1e-6),
            ValueError,
        ),
        (
            "sparse_rmsprop_eps",
            lambda: ops.SparseApplyRMSProp(rho=0.5, momentum=0.1, epsilon=0.0),
            ValueError,
        ),
        ("sgd_nesterov_dampening", lambda: ops.SGD(dampening=0.1, nesterov=True), ValueError),
    ]:
        assert errs[label]["type"] == cls.__name__, label
        with pytest.raises(cls) as e:
            fn()
        assert str(e.value) == errs[label]["msg"], label
    with pytest.raises(ValueError, match="ApplyMomentum"):
        ops.ApplyMomentum()(_p(2, 2), _p(3, 2), 0.1, _t(2, 2), 0.9)
    with pytest.raises(TypeError, match="ApplyGradientDescent"):
        ops.ApplyGradientDescent()(Parameter(Tensor(np.ones(2, np.int32))), 0.1, Tensor(np.ones(2, np.int32)))
    with pytest.raises(ValueError, match="Adam"):
        ops.Adam()(_p(2, 2), _p(2, 2), _p(2, 3), 0.9, 0.999, 0.01, 0.9, 0.999, 1e-8, _t(2, 2))
    with pytest.raises(ValueError, match="SparseApplyFtrl"):
        ops.SparseApplyFtrl(0.1, 0.0, 0.0, -0.5)(
            _p(4, 2), _p(4, 2), _p(4, 2), _t(2, 2), Tensor(np.array([0, 1, 2], np.int32))
        )
    with pytest.raises(TypeError, match="ApplyRMSProp"):
        ops.ApplyRMSProp()(_p(2), _p(2), _p(2), 0.01, _t(2), Tensor(0.9), 0.5, 1e-6)
    with pytest.raises(TypeError, match="ApplyAdagradDA"):
        ops.ApplyAdagradDA()(_p(2), _p(2), _p(2), _t(2), 0.01, 0.0, 0.0, Tensor(2.0))
    with pytest.raises(TypeError, match="'var' must be a Parameter or Tensor"):
        ops.ApplyAdagrad()(np.ones(2, np.float32), _p(2), 0.1, _t(2))


# --- ops without a MindSpore CPU kernel: the documented formulas -------------------------------

_R = np.random.default_rng(1)


def _u(*s, lo=-1.0, hi=1.0):
    return _R.uniform(lo, hi, s).astype(np.float32)


def test_apply_keras_momentum(mode):
    for nesterov in (False, True):
        v0, a0, g = _u(3, 2), _u(3, 2), _u(3, 2)
        v, a = Parameter(Tensor(v0)), Parameter(Tensor(a0))
        out = ops.ApplyKerasMomentum(use_nesterov=nesterov)(v, a, 0.1, Tensor(g), 0.9)
        acc = a0 * 0.9 - g * 0.1
        want = v0 + acc * 0.9 - g * 0.1 if nesterov else v0 + acc
        np.testing.assert_allclose(out[0].asnumpy(), want, rtol=1e-6)
        np.testing.assert_allclose(v.asnumpy(), want, rtol=1e-6)
        np.testing.assert_allclose(a.asnumpy(), acc, rtol=1e-6)


def test_sparse_apply_adadelta():
    v0, a0, u0, g = _u(4, 2), _u(4, 2, lo=0.1), _u(4, 2, lo=0.1), _u(2, 2)
    v, a, u = Parameter(Tensor(v0)), Parameter(Tensor(a0)), Parameter(Tensor(u0))
    idx = np.array([3, 1], np.int32)
    out = ops.SparseApplyAdadelta(epsilon=1e-6)(v, a, u, 0.5, 0.9, Tensor(g), Tensor(idx))
    wv, wa, wu = v0.copy(), a0.copy(), u0.copy()
    wa[idx] = 0.9 * a0[idx] + 0.1 * g * g
    upd = np.sqrt(u0[idx] + 1e-6) * g / np.sqrt(wa[idx] + 1e-6)
    wu[idx] = 0.9 * u0[idx] + 0.1 * upd * upd
    wv[idx] = v0[idx] - 0.5 * upd
    for o, x, w in zip(out, (v, a, u), (wv, wa, wu)):
        np.testing.assert_allclose(o.asnumpy(), w, rtol=1e-5)
        np.testing.assert_allclose(x.asnumpy(), w, rtol=1e-5)


def test_sparse_apply_proximal_adagrad_matches_fused():
    v0, a0, g = _u(4, 2), _u(4, 2, lo=0.1), _u(2, 2)
    idx = Tensor(np.array([0, 2], np.int32))
    v1, a1 = Parameter(Tensor(v0)), Parameter(Tensor(a0))
    v2, a2 = Parameter(Tensor(v0)), Parameter(Tensor(a0))
    out = ops.SparseApplyProximalAdagrad()(v1, a1, 0.1, 0.05, 0.1, Tensor(g), idx)
    ops.FusedSparseProximalAdagrad()(v2, a2, Tensor(0.1), Tensor(0.05), Tensor(0.1), Tensor(g), idx)
    np.testing.assert_allclose(out[0].asnumpy(), v2.asnumpy(), rtol=1e-6)
    np.testing.assert_allclose(a1.asnumpy(), a2.asnumpy(), rtol=1e-6)
    assert v1.asnumpy()[1].tolist() == v0[1].tolist()


def test_sparse_apply_ftrl_v2():
    v0, a0, l0, g = _u(4, 2), _u(4, 2, lo=0.1), _u(4, 2), _u(2, 2)
    idx = np.array([0, 2], np.int32)
    v, a, lin = Parameter(Tensor(v0)), Parameter(Tensor(a0)), Parameter(Tensor(l0))
    out = ops.SparseApplyFtrlV2(lr=0.01, l1=0.0, l2=0.0, l2_shrinkage=0.0, lr_power=-0.5)(
        v, a, lin, Tensor(g), Tensor(idx)
    )
    v_ref, a_ref, l_ref = Parameter(Tensor(v0)), Parameter(Tensor(a0)), Parameter(Tensor(l0))
    ops.SparseApplyFtrl(lr=0.01, l1=0.0, l2=0.0, lr_power=-0.5)(v_ref, a_ref, l_ref, Tensor(g), Tensor(idx))
    np.testing.assert_allclose(out[0].asnumpy(), v_ref.asnumpy(), rtol=1e-6)
    np.testing.assert_allclose(lin.asnumpy(), l_ref.asnumpy(), rtol=1e-6)
    # the shrinkage term only enters the linear accumulator
    lin2 = Parameter(Tensor(l0))
    ops.SparseApplyFtrlV2(lr=0.01, l1=0.0, l2=0.0, l2_shrinkage=0.5, lr_power=-0.5)(
        Parameter(Tensor(v0)), Parameter(Tensor(a0)), lin2, Tensor(g), Tensor(idx)
    )
    np.testing.assert_allclose(lin2.asnumpy()[idx], l_ref.asnumpy()[idx] + 2 * 0.5 * v0[idx], rtol=1e-5)


def test_fused_weight_scale_apply_momentum(mode):
    v0, a0, g = _u(3, 2), _u(3, 2), _u(3, 2)
    v, a = Parameter(Tensor(v0)), Parameter(Tensor(a0))
    out = ops.FusedWeightScaleApplyMomentum()(
        Tensor(np.float32(0.01)),
        Tensor(np.float32(0.5)),
        v,
        a,
        Tensor(np.float32(0.1)),
        Tensor(g),
        Tensor(np.float32(0.9)),
    )
    acc = a0 * 0.9 + (v0 * 0.01 + g * 0.5)
    np.testing.assert_allclose(a.asnumpy(), acc, rtol=1e-6)
    np.testing.assert_allclose(out.asnumpy(), v0 - 0.1 * acc, rtol=1e-6)


def test_lamb_assign_ops():
    g, v0, m0, w0 = _u(3, 2), _u(3, 2, lo=0.1), _u(3, 2), _u(3, 2)
    v, m, w = Parameter(Tensor(v0)), Parameter(Tensor(m0)), Parameter(Tensor(w0))
    s = lambda x: Tensor(np.float32(x))  # noqa: E731
    upd, vo, mo = ops.LambApplyOptimizerAssign()(
        Tensor(g), v, m, w, s(0.9), s(0.1), s(0.999), s(0.001), s(1e-6), s(2.0), s(1.0), s(0.01)
    )
    m1 = 0.9 * m0 + 0.1 * g
    v1 = 0.999 * v0 + 0.001 * g * g
    want = (m1 / (1 - 0.9**2)) / (np.sqrt(v1 / (1 - 0.999**2)) + 1e-6) + 0.01 * w0
    np.testing.assert_allclose(upd.asnumpy(), want, rtol=1e-4)
    np.testing.assert_allclose(m.asnumpy(), m1, rtol=1e-6)
    np.testing.assert_allclose(vo.asnumpy(), v1, rtol=1e-6)
    np.testing.assert_allclose(mo.asnumpy(), m1, rtol=1e-6)
    out = ops.LambApplyWeightAssign()(s(2.0), s(0.5), s(0.01), upd, w)
    np.testing.assert_allclose(w.asnumpy(), w0 - 0.01 * 4.0 * want, rtol=1e-4)
    np.testing.assert_allclose(out.asnumpy(), w.asnumpy())


def test_lars_update():
    w, g = _u(3, 2), _u(3, 2)
    nw, ng = float((w * w).sum()), float((g * g).sum())
    out = ops.LARSUpdate(hyperpara=0.001)(
        Tensor(w), Tensor(g), Tensor(np.float32(nw)), Tensor(np.float32(ng)), 0.01, 0.1
    )
    coeff = 0.001 * np.sqrt(nw) / (np.sqrt(ng) + 0.01 * np.sqrt(nw) + 1e-5)
    np.testing.assert_allclose(out.asnumpy(), coeff * (g + 0.01 * w), rtol=1e-5)
    with pytest.raises(TypeError, match="LARSUpdate"):
        ops.LARSUpdate(epsilon=1)
