"""More math / reduction / linalg ops (ops/_impl/math_*.py) against goldens from real
MindSpore 2.10 (tools/make_golden_math2.py -> tests/golden/math2.{json,npz}).

Every golden case is evaluated eagerly (PYNATIVE); the value cases are also compiled together in
ONE Cell under GRAPH_MODE, and a sample of the error cases is traced in GRAPH_MODE too. Cases
where MindSpore 2.10 has no CPU kernel ("unregistered"/"Unsupported op") are checked against numpy
instead (documented semantics)."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Tensor, mint, nn, ops
from mindspore_jax.ops import operations as P

from conftest import GOLDEN

with open(os.path.join(GOLDEN, "math2.json")) as _f:
    GOLD = json.load(_f)["cases"]
ARR = dict(np.load(os.path.join(GOLDEN, "math2.npz")))
INPUTS = {k.split("/", 1)[1]: v for k, v in ARR.items() if k.startswith("input/")}
NAMES = sorted(INPUTS)
LOOSE = {"matrix_log", "bessel_y0", "bessel_y1", "bessel_k1", "bessel_k0", "matrix_solve_ls",
         "matrix_solve_ls_l2",
         "nuclear_norm", "nuclear_norm_dim", "lstsq", "T_lstsq", "P_Lstsq",
         "lu_solve", "T_chol_inv", "T_chol_solve", "P_MatrixPower",
         "P_MatrixTriangularSolve", "tri_solve", "eigvals", "geqrf", "orgqr", "betainc", "zeta", "P_Zeta",
         "polygamma2", "T_logmatdet", "logmatdet", "T_matdet", "T_slogdet", "T_logdet"}
# MindSpore 2.10 has no CPU kernel for these: compared with numpy below
NO_KERNEL = {n for n, c in GOLD.items() if not c["ok"] and (
    "unregistered" in c["msg"] or c["msg"].startswith("---") or "Not implement" in c["msg"]
    or "should not come here" in c["msg"] or "has no attribute" in c["msg"]
    or "only supports Ascend" in c["msg"] or "has no attr:__infer__" in c["msg"])}
# MindSpore quirks we do not reproduce: the error class differs (documented in the report)
ERR_CLASS_DIFF = {}
VALUE_CASES = sorted(n for n, c in GOLD.items() if c["ok"])
ERROR_CASES = sorted(n for n, c in GOLD.items() if not c["ok"] and n not in NO_KERNEL)


def _env(args):
    return {"np": np, "ops": ops, "P": P, "mint": mint, "ms": ms, **dict(zip(NAMES, args))}


def _flat(r):
    if isinstance(r, (tuple, list)):
        return [y for x in r for y in _flat(x)]
    return [r]


def _check(name, outs):
    g = GOLD[name]
    assert len(outs) == len(g["dtypes"]), name
    tol = dict(rtol=3e-4, atol=3e-4) if name in LOOSE else dict(rtol=2e-5, atol=2e-5)
    for i, (o, dt) in enumerate(zip(outs, g["dtypes"])):
        exp = ARR[f"{name}/out{i}"]
        if isinstance(o, Tensor):
            assert str(o.dtype) == dt, f"{name} out{i}: dtype {o.dtype} != {dt}"
            got = o.asnumpy()
        else:
            assert type(o).__name__ == dt, f"{name} out{i}: {type(o).__name__} != {dt}"
            got = np.asarray(o)
        assert got.shape == exp.shape, f"{name} out{i}: shape {got.shape} != {exp.shape}"
        if name == "eigvals":
            got, exp = np.sort_complex(got), np.sort_complex(exp)   # eigenvalue order is not defined
        if name in ("geqrf", "orgqr") or name.startswith("lu_") or name == "P_LuUnpack":
            got, exp = np.abs(got), np.abs(exp)    # Householder/LU sign conventions may differ
        np.testing.assert_allclose(got, exp, **tol, err_msg=name, equal_nan=True)


@pytest.mark.parametrize("name", VALUE_CASES)
def test_golden_values_pynative(name):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    _check(name, _flat(eval(GOLD[name]["expr"], _env([Tensor(INPUTS[k]) for k in NAMES]))))


_ERR = {"TypeError": TypeError, "ValueError": ValueError, "RuntimeError": RuntimeError,
        "IndexError": IndexError}


@pytest.mark.parametrize("name", ERROR_CASES)
def test_golden_errors_pynative(name):
    ms.set_context(mode=ms.PYNATIVE_MODE)
    cls = ERR_CLASS_DIFF.get(name, _ERR[GOLD[name]["error"]])
    with pytest.raises(cls) as ei:
        eval(GOLD[name]["expr"], _env([Tensor(INPUTS[k]) for k in NAMES]))
    assert str(ei.value).startswith("For ") and ("shape" in str(ei.value) or "dtype" in str(ei.value)
                                                 or "type" in str(ei.value) or "must" in str(ei.value))


# GRAPH_MODE: all value cases that return tensors in ONE compiled Cell (one trace, one compile)
_GRAPH_SKIP = {"scalar_add", "scalar_div", "scalar_floordiv", "scalar_mod", "scalar_pow", "scalar_lt",
               "scalar_max", "scalar_usub", "scalar_cast", "P_ScalarCast", "P_ScalarCast_b", "shape_mul",
               "tensor_range", "matrix_log", "fftfreq", "rfftfreq", "is_complex", "is_fp", "is_fp_i",
               "T_ndimension", "T_is_signed", "mvlgamma", "P_Mvlgamma",
               "T_mvlgamma", "combinations", "combinations_r", "lu_unpack", "P_LuUnpack", "eigvals"}
GRAPH_CASES = [n for n in VALUE_CASES if n not in _GRAPH_SKIP]


class _AllCases(nn.Cell):
    def construct(self, *args):
        env = _env(args)
        return tuple(tuple(_flat(eval(GOLD[n]["expr"], env))) for n in GRAPH_CASES)


def test_golden_values_graph():
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        outs = _AllCases()(*[Tensor(INPUTS[k]) for k in NAMES])
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)
    for n, o in zip(GRAPH_CASES, outs):
        _check(n, list(o))


# value-dependent checks (mvlgamma's x > (p-1)/2) cannot run while tracing
@pytest.mark.parametrize("name", [n for n in ERROR_CASES[::3] if n != "e_mvlgamma_p"])
def test_golden_errors_graph(name):
    class C(nn.Cell):
        def construct(self, *args):
            return eval(GOLD[name]["expr"], _env(args))
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        with pytest.raises(ERR_CLASS_DIFF.get(name, _ERR[GOLD[name]["error"]])):
            C()(*[Tensor(INPUTS[k]) for k in NAMES])
    finally:
        ms.set_context(mode=ms.PYNATIVE_MODE)


# --- no MindSpore CPU kernel: documented semantics against numpy --------------------------------

def test_no_cpu_kernel_cases_against_numpy():
    t = {k: Tensor(v) for k, v in INPUTS.items()}
    xf, yf, xp, xu, xi, nanx = (INPUTS[k] for k in ("xf", "yf", "xp", "xu", "xi", "nanx"))
    close = np.testing.assert_allclose
    close(ops.quantile(t["xf"], 0.3).asnumpy(), np.quantile(xf, 0.3), rtol=1e-5)
    close(ops.quantile(t["xf"], Tensor([0.25, 0.5], ms.float32), 1, True).asnumpy(),
          np.quantile(xf, [0.25, 0.5], axis=1, keepdims=True), rtol=1e-5)
    close(ops.nanquantile(t["nanx"], 0.5, 1).asnumpy(), np.nanquantile(nanx, 0.5, axis=1), rtol=1e-5)
    close(ops.fmin(t["nanx"], Tensor(np.full((2, 4), 1.5, np.float32))).asnumpy(), np.fmin(nanx, 1.5))
    close(P.Fmin()(t["xf"], t["yf"]).asnumpy(), np.fmin(xf, yf))
    close(P.AccumulateNV2()([t["xf"], t["yf"]]).asnumpy(), xf + yf, rtol=1e-6)
    close(mint.vdot(t["v3"], t["v3"] * 2).asnumpy(), np.vdot(INPUTS["v3"], INPUTS["v3"] * 2), rtol=1e-5)
    v, i = mint.kthvalue(t["xf"], 2, 1)
    close(v.asnumpy(), np.sort(xf, 1)[:, 1])
    assert str(i.dtype) == "Int64"
    assert (np.take_along_axis(xf, i.asnumpy()[:, None], 1)[:, 0] == v.asnumpy()).all()
    v, i = t["xf"].kthvalue(2, 0, True)
    assert v.shape == (1, 4)
    close(v.asnumpy()[0], np.sort(xf, 0)[1])
    # in-place methods keep the dtype and rebind the value
    a = Tensor(xf.copy())
    assert a.zero_() is a and not a.asnumpy().any()
    b = Tensor(xi.copy())
    b.fill_(7)
    assert str(b.dtype) == "Int32" and (b.asnumpy() == 7).all()
    for m, ref in [("floor_", np.floor(xf)), ("sign_", np.sign(xf)), ("tanh_", np.tanh(xf)),
                   ("sigmoid_", 1 / (1 + np.exp(-xf)))]:
        c = Tensor(xf.copy())
        getattr(c, m)()
        close(c.asnumpy(), ref, rtol=1e-5, atol=1e-6)
    c = Tensor(xp.copy())
    c.log_()
    close(c.asnumpy(), np.log(xp), rtol=1e-6)
    c = Tensor(xf.copy()).clamp_(-0.5, 0.5)
    close(c.asnumpy(), np.clip(xf, -0.5, 0.5))
    c = Tensor(xu.copy()).erfinv_()
    close(ops.erf(c).asnumpy(), xu, rtol=1e-4, atol=1e-5)
    sq = INPUTS["sq"]
    c = Tensor(sq.copy()).addmm_(Tensor(sq), Tensor(sq), beta=0.5, alpha=2)
    close(c.asnumpy(), 0.5 * sq + 2 * sq @ sq, rtol=1e-5, atol=1e-5)
    c = Tensor(xf.copy()).masked_fill_(Tensor(xf > 0), 0.0)
    close(c.asnumpy(), np.where(xf > 0, 0, xf))
    close(ops.tanh_(Tensor(xf.copy())).asnumpy(), np.tanh(xf), rtol=1e-5)
    assert (ops.zero_(Tensor(xf.copy())).asnumpy() == 0).all()
    close(ops.clamp_(Tensor(xf.copy()), 0.0).asnumpy(), np.maximum(xf, 0))
    close(Tensor(xi.copy()).fills(3.0).asnumpy(), np.full(xi.shape, 3))
    assert ops.type_as(t["xi"], t["xf"]).dtype == ms.float32
    # triangular solves
    spd, m44 = INPUTS["spd"], INPUTS["m44"]
    up, lo = np.triu(spd), np.tril(spd)
    x, a = mint.triangular_solve(t["m44"][:, :2], Tensor(up))
    close(up @ x.asnumpy(), m44[:, :2], rtol=1e-4, atol=1e-5)
    assert a.shape == (4, 4)
    x, _ = mint.triangular_solve(t["m44"][:, :2], Tensor(lo), upper=False, transpose=True)
    close(lo.T @ x.asnumpy(), m44[:, :2], rtol=1e-4, atol=1e-5)
    x, _ = t["m44"][:, :2].triangular_solve(Tensor(up), True, False, True)
    u1 = up.copy()
    np.fill_diagonal(u1, 1)
    close(u1 @ x.asnumpy(), m44[:, :2], rtol=1e-4, atol=1e-5)
    # ormqr: Q @ C and C @ Q^T with Q from geqrf
    q = np.linalg.qr(m44, "complete")[0]
    r = ops.ormqr(*ops.geqrf(t["m44"]), t["m44"][:, :3]).asnumpy()
    qm = ops.orgqr(*ops.geqrf(t["m44"])).asnumpy()
    close(r, qm @ m44[:, :3], rtol=1e-4, atol=1e-5)
    close(np.abs(qm), np.abs(q), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(P.DetTriangle()(Tensor(up)).asnumpy(), np.prod(np.diag(up)), rtol=1e-5)
    r = ops.ormqr(*ops.geqrf(t["m44"]), t["m44"][:3], False, True).asnumpy()
    close(r, m44[:3] @ qm.T, rtol=1e-4, atol=1e-5)


def test_inplace_graph_and_prims():
    """In-place Tensor methods and Inplace* primitives also work inside a compiled Cell."""
    class C(nn.Cell):
        def construct(self, x, y):
            z = x.copy()
            z.add_(y, alpha=2)
            z.mul_(2.0)
            w = P.InplaceAdd((0, 2))(x.copy(), y[:2])
            return z, w, ops.addn([x, y, x])

    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    y = np.ones((3, 4), np.float32)
    for mode in (ms.PYNATIVE_MODE, ms.GRAPH_MODE):
        ms.set_context(mode=mode)
        z, w, s = C()(Tensor(x), Tensor(y))
        np.testing.assert_allclose(z.asnumpy(), (x + 2 * y) * 2)
        np.testing.assert_allclose(w.asnumpy(), x + np.array([[1], [0], [1]], np.float32))
        np.testing.assert_allclose(s.asnumpy(), 2 * x + y)
    ms.set_context(mode=ms.PYNATIVE_MODE)
