"""Writes tests/golden/math.npz and math.json from real MindSpore 2.10 (run with /work/msvenv).

Each case: a short expression over named inputs; outputs are stored per case (tuples flattened)
with their MindSpore dtype names; errors are stored as the exception class name.
Cases run in forked children because MindSpore's PyNative error state sticks after a failure.
"""


import numpy as np

import mindspore as ms
from mindspore import Tensor, mint, ops
from mindspore.ops import operations as P

from _golden_eval import record

ms.set_context(mode=ms.PYNATIVE_MODE)
rng = np.random.default_rng(0)
IN = {
    "xf": rng.standard_normal((3, 4)).astype(np.float32),
    "xp": (rng.random((3, 4)) + 0.1).astype(np.float32),          # positive
    "xu": (rng.random((3, 4)) * 1.8 - 0.9).astype(np.float32),    # in (-1, 1)
    "xi": rng.integers(-5, 6, (3, 4)).astype(np.int32),
    "xb": rng.random((3, 4)) > 0.5,
    "x3": rng.standard_normal((2, 3, 4)).astype(np.float32),
    "yf": rng.standard_normal((3, 4)).astype(np.float32),
    "sq": (np.eye(3) * 3 + rng.standard_normal((3, 3)) * 0.3).astype(np.float32),
    "halfs": np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.7], np.float32),
    "special": np.array([np.nan, np.inf, -np.inf, 0.0, -1.0, 2.0], np.float32),
    "v3": rng.standard_normal((3,)).astype(np.float32),
    "v4": rng.standard_normal((4,)).astype(np.float32),
    "b1": rng.standard_normal((2, 3, 4)).astype(np.float32),
    "b2": rng.standard_normal((2, 4, 5)).astype(np.float32),
    "m35": rng.standard_normal((3, 5)).astype(np.float32),
    "c3": rng.standard_normal((4, 3)).astype(np.float32),
    "d3": rng.standard_normal((4, 3)).astype(np.float32),
}
T = {k: Tensor(v) for k, v in IN.items()}

CASES = {}
for f in ["exp", "expm1", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "asinh", "erf", "erfc",
          "sigmoid", "floor", "ceil", "trunc", "round", "sign", "neg", "square", "frac", "rad2deg",
          "deg2rad", "exp2", "sinc", "abs", "isnan", "isfinite"]:
    CASES[f"{f}_f"] = f"ops.{f}(xf)"
for f in ["log", "log1p", "log2", "log10", "sqrt", "rsqrt", "reciprocal", "acosh"]:
    CASES[f"{f}_p"] = f"ops.{f}(xp + 1.0)" if f == "acosh" else f"ops.{f}(xp)"
for f in ["asin", "acos", "atanh", "erfinv"]:
    CASES[f"{f}_u"] = f"ops.{f}(xu)"
for f in ["exp", "log", "sin", "erf", "sigmoid", "floor", "ceil", "tanh", "rsqrt", "expm1"]:
    CASES[f"{f}_int_err"] = f"ops.{f}(xi)"
for f in ["sqrt", "reciprocal", "square", "sign", "trunc", "round", "neg", "isnan", "isfinite", "exp2"]:
    CASES[f"{f}_int"] = f"ops.{f}(xi)"
CASES.update({
    "round_halfs": "ops.round(halfs)",
    "sign_special": "ops.sign(special)",
    "isnan_special": "ops.isnan(special)", "isinf_special": "ops.isinf(special)",
    "isfinite_special": "ops.isfinite(special)",
    "nan_to_num": "ops.nan_to_num(special)", "nan_to_num_args": "ops.nan_to_num(special, 1.0, 2.0, -3.0)",
    "atan2": "ops.atan2(xf, yf)", "xlogy": "ops.xlogy(xf, xp)", "hypot": "ops.hypot(xf, yf)",
    "logaddexp": "ops.logaddexp(xf, yf)", "logaddexp2": "ops.logaddexp2(xf, yf)",
    "atan2_int_err": "ops.atan2(xi, xi)",
    "sqdiff": "P.SquaredDifference()(xf, yf)", "sqdiff_int": "P.SquaredDifference()(xi, xi)",
    "divnonan": "P.DivNoNan()(xf, ops.round(yf))",
    "lerp": "ops.lerp(xf, yf, 0.3)", "lerp_t": "ops.lerp(xf, yf, xp)",
    "addcmul": "ops.addcmul(xf, yf, xp, 0.5)", "addcdiv": "ops.addcdiv(xf, yf, xp, 2.0)",
    "addcmul_int": "ops.addcmul(xi, xi, xi, 2)",
    "clamp": "ops.clamp(xf, -0.5, 0.7)", "clamp_int_float": "ops.clamp(xi, -1.5, 2.5)",
    "clamp_int": "ops.clamp(xi, -1, 2)", "clamp_max": "ops.clamp(xi, max=1)",
    "clamp_none_err": "ops.clamp(xi)", "clamp_minmax": "ops.clamp(xf, 0.5, -0.5)",
    "clip_by_value_int": "ops.clip_by_value(xi, 1.5, 3.0)",
    "T_clip_int": "xi.clip(-1, 2)", "T_clamp_int_float": "xi.clamp(-1.5, 2)",
    "isclose": "ops.isclose(xf, xf + 1e-6)", "isclose_tol": "ops.isclose(xf, yf, rtol=0.5, atol=0.5)",
    "isclose_dtype_err": "ops.isclose(xi, xf)",
    "logit": "ops.logit(xp * 0.5)", "logit_eps": "ops.logit(xp, eps=0.2)",
    "float_power": "ops.float_power(xi, xi * 0 + 2)",
    "T_exp": "xf.exp()", "T_sqrt_int": "xi.sqrt()", "T_round": "halfs.round()",
    "P_Exp": "P.Exp()(xf)", "P_Sqrt_int": "P.Sqrt()(xi)", "P_Round": "P.Round()(halfs)",
    "P_Erf": "P.Erf()(xf)", "P_IsClose": "P.IsClose(rtol=0.1)(xf, yf)",
    "mint_sqrt_int": "mint.sqrt(xi)", "mint_clamp": "mint.clamp(xi, -1.5, 2)",
    # reductions
    "sum_all": "ops.sum(xf)", "sum_int": "ops.sum(xi)", "sum_bool": "ops.sum(xb)",
    "sum_dim": "ops.sum(x3, 1, True)", "sum_dtype": "ops.sum(xi, 1, dtype=ms.float32)",
    "sum_bad_axis_err": "ops.sum(xf, 2)", "sum_float_axis_err": "ops.sum(xf, 1.0)",
    "ReduceSum_int": "P.ReduceSum()(xi, 1)", "ReduceSum_bool": "P.ReduceSum()(xb, 0)",
    "ReduceSum_keep_all": "P.ReduceSum(keep_dims=True)(x3)", "ReduceSum_tuple": "P.ReduceSum()(x3, (0, 2))",
    "ReduceSum_bad_err": "P.ReduceSum()(x3, 3)",
    "ReduceMean": "P.ReduceMean(keep_dims=True)(x3, -1)", "ReduceMean_int": "P.ReduceMean()(xi, 1)",
    "ReduceMax": "P.ReduceMax()(x3, (1, 2))", "ReduceMin_int": "P.ReduceMin()(xi, 0)",
    "ReduceProd": "P.ReduceProd()(xp, 1)", "ReduceProd_int": "P.ReduceProd()(xi, 1)",
    "ReduceAll": "P.ReduceAll()(xb, 1)", "ReduceAny_f": "P.ReduceAny(keep_dims=True)(xf, 0)",
    "mean_int": "ops.mean(xi, 1)", "mean_tuple": "ops.mean(x3, (0, 2), True)",
    "prod_int": "ops.prod(xi, 1)", "prod_f": "ops.prod(xp, 0, True)",
    "amax": "ops.amax(x3, (0, 2))", "amin_keep": "ops.amin(x3, 1, True)",
    "max_axis": "ops.max(x3, 1)", "max_axis_keep": "ops.max(xi, 0, keepdims=True)",
    "min_axis": "ops.min(xf, -1)", "max_noaxis": "ops.max(xf)",
    "max_initial": "ops.max(xf, 1, initial=0.5)",
    "argmax_flat": "ops.argmax(xf)", "argmax_dim": "ops.argmax(x3, 2, keepdim=True)",
    "argmin_flat": "ops.argmin(xf)", "argmin_axis": "ops.argmin(x3, 1)",
    "P_Argmax": "P.Argmax()(xf)", "P_Argmax_i64": "P.Argmax(axis=0, output_type=ms.int64)(xf)",
    "P_Argmin": "P.Argmin(axis=0)(xf)",
    "ArgMaxWithValue": "P.ArgMaxWithValue(axis=1)(xf)",
    "ArgMinWithValue_keep": "P.ArgMinWithValue(axis=0, keep_dims=True)(xf)",
    "T_argmax": "xf.argmax()", "T_argmax_axis": "x3.argmax(axis=1)", "T_argmin": "xf.argmin()",
    "T_argmin_axis": "xf.argmin(1)", "T_max": "xf.max()", "T_max_pos": "xf.max(1)",
    "T_max_kw": "x3.max(axis=2, keepdims=True)", "T_min_pos": "xf.min(0)",
    "T_max_ri": "xf.max(axis=1, return_indices=True)",
    "T_sum_int": "xi.sum()", "T_sum_initial": "xf.sum(1, initial=10.0)",
    "T_mean": "x3.mean(1, True)", "T_prod_int": "xi.prod()", "T_any": "xb.any()", "T_all_axis": "xb.all(1)",
    "std": "ops.std(x3)", "std_ddof": "ops.std(x3, 2, ddof=1, keepdims=True)", "var": "ops.var(xf, 0)",
    "std_int_err": "ops.std(xi, 1)",
    "std_mean": "ops.std_mean(xf, 1)", "var_mean": "ops.var_mean(xf, 0, ddof=1)",
    "T_std": "xf.std()", "T_var_ddof": "xf.var(1, ddof=1)",
    "norm": "ops.norm(xf)", "norm_dim": "ops.norm(xf, 2, 1)", "norm_inf": "ops.norm(xf, float('inf'), 1)",
    "norm_nuc": "ops.norm(xf, 'nuc')", "norm_mat2": "ops.norm(xf, 2)", "norm_mat1": "ops.norm(xf, 1)",
    "norm_matinf": "ops.norm(xf, float('inf'))", "norm_0": "ops.norm(xf, 0, 1)",
    "norm_vec3": "ops.norm(v4, 3)", "norm_int": "ops.norm(xi)", "norm_3d_dims": "ops.norm(x3, None, (1, 2))",
    "T_norm": "xf.norm(dim=0, keepdim=True)",
    "logsumexp": "ops.logsumexp(x3, 1)", "logsumexp_keep": "ops.logsumexp(xf, (0, 1), True)",
    "count_nonzero": "ops.count_nonzero(xi)", "count_nonzero_ax": "ops.count_nonzero(xi, 1)",
    "median": "ops.median(xf)", "median_ax": "ops.median(x3, 1, True)",
    "nansum": "ops.nansum(special)", "nanmean": "ops.nanmean(special)",
    "aminmax": "ops.aminmax(xf, axis=1)",
    "reduce_max": "ops.reduce_max(xf, 1)",
    "mint_sum_int": "mint.sum(xi, 1)", "mint_mean": "mint.mean(xf, 0)",
    "mint_max": "mint.max(xf)", "mint_max_dim": "mint.max(xf, 1, True)",
    "mint_min_dim": "mint.min(xf, dim=0)", "mint_prod_int": "mint.prod(xi)",
    "mint_any": "mint.any(xf, 1)", "mint_amax": "mint.amax(x3, 1)",
    # cumulative
    "cumsum": "ops.cumsum(x3, 1)", "cumsum_int": "ops.cumsum(xi, 1)",
    "cumsum_dtype": "ops.cumsum(xi, 0, dtype=ms.float32)", "cumsum_bad_err": "ops.cumsum(xf, 2)",
    "CumSum_excl_rev": "P.CumSum(exclusive=True, reverse=True)(xf, 1)",
    "CumSum_excl": "P.CumSum(True)(xi, 0)",
    "cumprod": "ops.cumprod(xp, 1)", "cumprod_int": "ops.cumprod(xi, 0)",
    "CumProd_excl_rev": "P.CumProd(True, True)(xp, 1)",
    "cummax": "ops.cummax(xf, 1)", "cummin": "ops.cummin(xf, 0)", "cummax_int": "ops.cummax(xi, 1)",
    "logcumsumexp": "ops.logcumsumexp(xf, 1)",
    "T_cumsum": "xi.cumsum()", "T_cumsum_axis": "xf.cumsum(axis=0)", "T_cumprod": "xp.cumprod(1)",
    "mint_cumprod": "mint.cumprod(xi, 1)", "mint_cummax": "mint.cummax(xf, 1)",
    # products / linalg
    "dot": "ops.dot(xf, m35.T[:4])", "dot_3d": "ops.dot(b1, b2)", "dot_1d_err": "ops.dot(v3, v3)",
    "inner": "ops.inner(xf, yf)", "outer": "ops.outer(v3, v4)",
    "einsum_note": "ops.mm(xf, yf.T)",
    "baddbmm": "ops.baddbmm(ops.ones((2, 3, 5), ms.float32), b1, b2, beta=0.5, alpha=2)",
    "addbmm": "ops.addbmm(ops.ones((3, 5), ms.float32), b1, b2)",
    "addmm": "ops.addmm(m35, xf, b2[0], beta=2, alpha=0.5)",
    "addmv": "ops.addmv(v3, xf, v4)", "addr": "ops.addr(xf, v3, v4, beta=0.5)",
    "mv": "ops.mv(xf, v4)", "kron": "ops.kron(sq, xf[:2, :2])",
    "trace": "ops.trace(sq)", "trace_int": "ops.trace(xi)", "T_trace": "xf.trace()",
    "diag": "ops.diag(v3)", "diag_2d": "ops.diag(sq[:2, :2])", "diagonal": "ops.diagonal(x3, 1, 1, 2)",
    "tril": "ops.tril(xf)", "triu_int": "ops.triu(xi, 1)", "P_Tril": "P.Tril(-1)(sq)",
    "P_Triu": "P.Triu(1)(x3)", "T_tril": "xf.tril(1)",
    "cross": "ops.cross(c3, d3)", "cross_dim": "ops.cross(c3.T, d3.T, dim=0)",
    "inverse": "ops.inverse(sq)", "inverse_int_err": "ops.inverse(xi[:3, :3])",
    "P_MatrixInverse": "P.MatrixInverse()(sq)",
    "det": "ops.det(sq)", "P_MatrixDeterminant": "P.MatrixDeterminant()(sq)", "slogdet": "ops.slogdet(sq)",
    "svd_s": "ops.svd(xf, compute_uv=False)",
    "cholesky": "ops.cholesky(ops.matmul(sq, sq.T))",
    "cholesky_up": "ops.cholesky(ops.matmul(sq, sq.T), upper=True)",
    "matrix_solve": "ops.matrix_solve(sq, xf[:, :2])", "pinv": "ops.pinv(xf)",
    "cdist": "ops.cdist(c3, d3)", "cdist_p1": "ops.cdist(c3, d3, 1.0)", "dist": "ops.dist(xf, yf)",
    "matrix_power": "ops.matrix_power(sq, 3)", "mm": "ops.mm(xf, b2[0])",
    "batch_dot": "ops.batch_dot(b1, b1, (2, 2))",
    "T_det": "sq.det()", "T_inverse": "sq.inverse()",
    "mint_cross": "mint.cross(c3, d3)", "mint_cdist": "mint.cdist(c3, d3)",
})


def flat(r):
    if isinstance(r, (tuple, list)):
        out = []
        for i in r:
            out += flat(i)
        return out
    if isinstance(r, Tensor):
        return [(str(r.dtype), r.asnumpy())]
    return [(type(r).__name__, np.asarray(r))]


def main():
    names = {"ops": ops, "P": P, "mint": mint, "ms": ms, **T}
    record(CASES, lambda expr: flat(eval(expr, names)), IN, "math", ms.__version__)


if __name__ == "__main__":
    main()
