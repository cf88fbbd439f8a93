"""Goldens for the second batch of array / index / random / misc ops (and their bad-input errors),
recorded with real MindSpore 2.10 (CPU).

    /work/msvenv/bin/python tools/make_golden_array2.py
writes tests/golden/array2.npz and tests/golden/array2.json. Same format as make_golden_array.py:
each case is a Python expression over named inputs; tests/test_ops_array2.py evaluates the same
expression on mindspore_jax. Cases named ``rnd_*`` are random: only shapes and dtypes are compared.
Cases named ``err_*`` are expected to raise: the error class and message are recorded.
"""

import json
import os
import sys

import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, mint, ops
from mindspore.ops import operations as P

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "golden")
ms.set_context(mode=ms.PYNATIVE_MODE)
ms.set_device("CPU")

r = np.random.default_rng(4321)
x43 = r.standard_normal((4, 3)).astype(np.float32)
f23 = r.standard_normal((2, 3)).astype(np.float32)
f33 = r.standard_normal((3, 3)).astype(np.float32)
f234 = r.standard_normal((2, 3, 4)).astype(np.float32)
i43 = np.arange(12).reshape(4, 3).astype(np.int32)
ids = np.array([0, 2, 0, -1], np.int32)
sids = np.array([0, 0, 2, 2], np.int32)
s44 = np.arange(16).reshape(1, 1, 4, 4).astype(np.float32)
b22 = np.arange(16).reshape(4, 1, 2, 2).astype(np.float32)
i5 = np.array([3, 1, 2, 3, 1], np.int32)
v5 = np.array([0.5, -1.0, 2.0, 0.0, 3.5], np.float32)
m23 = np.array([[True, False, True], [False, True, False]])
X = {"x43": x43}
XI = {"x43": x43, "ids": ids}

CASES = {
    # --- segment ops
    "unsorted_segment_sum": ("ops.unsorted_segment_sum(x43, ids, 4)", XI),
    "unsorted_segment_max": ("ops.unsorted_segment_max(x43, ids, 4)", XI),
    "unsorted_segment_min": ("ops.unsorted_segment_min(x43, ids, 4)", XI),
    "unsorted_segment_prod": ("ops.unsorted_segment_prod(x43, ids, 4)", XI),
    "unsorted_segment_max_int": ("ops.unsorted_segment_max(i43, ids, 3)", {"i43": i43, "ids": ids}),
    "unsorted_segment_min_int": ("ops.unsorted_segment_min(i43, ids, 3)", {"i43": i43, "ids": ids}),
    "unsorted_segment_sum_2d_ids": ("ops.unsorted_segment_sum(i43, i43 % 4, 4)", {"i43": i43}),
    "P_UnsortedSegmentSum": ("P.UnsortedSegmentSum()(x43, ids, 3)", XI),
    "P_UnsortedSegmentMax": ("P.UnsortedSegmentMax()(x43, ids, 3)", XI),
    "P_UnsortedSegmentMin": ("P.UnsortedSegmentMin()(x43, ids, 3)", XI),
    "P_UnsortedSegmentProd": ("P.UnsortedSegmentProd()(x43, ids, 3)", XI),
    "T_unsorted_segment_max": ("x43.unsorted_segment_max(ids, 3)", XI),
    "T_unsorted_segment_min": ("x43.unsorted_segment_min(ids, 3)", XI),
    "T_unsorted_segment_prod": ("x43.unsorted_segment_prod(ids, 3)", XI),
    "P_SegmentSum": ("P.SegmentSum()(x43, sids)", {"x43": x43, "sids": sids}),
    "P_SegmentMax": ("P.SegmentMax()(x43, sids)", {"x43": x43, "sids": sids}),
    "P_SegmentMin": ("P.SegmentMin()(x43, sids)", {"x43": x43, "sids": sids}),
    "P_SegmentMean": ("P.SegmentMean()(x43, sids)", {"x43": x43, "sids": sids}),
    "P_SegmentProd": ("P.SegmentProd()(x43, sids)", {"x43": x43, "sids": sids}),
    # --- space <-> batch
    "space_to_batch_nd": ("ops.space_to_batch_nd(s44, [2, 2], [[0, 0], [2, 0]])", {"s44": s44}),
    "space_to_batch_nd_1d": (
        "ops.space_to_batch_nd(s3, [2], [[1, 1]])",
        {"s3": np.arange(12).reshape(2, 3, 2).astype(np.float32)},
    ),
    "batch_to_space_nd": ("ops.batch_to_space_nd(b22, (2, 2), ((0, 0), (1, 0)))", {"b22": b22}),
    "P_SpaceToBatchND": ("P.SpaceToBatchND((2, 1), ((0, 0), (0, 0)))(s44)", {"s44": s44}),
    "P_BatchToSpaceND": ("P.BatchToSpaceND((2, 2), ((0, 0), (0, 0)))(b22)", {"b22": b22}),
    # --- creation
    "tril_indices": ("ops.tril_indices(4, 3, -1)", {}),
    "triu_indices": ("ops.triu_indices(4, 3, 1)", {}),
    "triu_indices_i32": ("ops.triu_indices(3, 3, dtype=ms.int32)", {}),
    "P_TrilIndices": ("P.TrilIndices(3, 3)()", {}),
    "P_TriuIndices": ("P.TriuIndices(3, 4, 1, ms.int64)()", {}),
    "bartlett_window": ("ops.bartlett_window(Tensor(5, ms.int32))", {}),
    "blackman_window": ("ops.blackman_window(Tensor(5, ms.int32), False)", {}),
    "hamming_window": ("ops.hamming_window(6)", {}),
    "hann_window": ("ops.hann_window(5, dtype=ms.float64)", {}),
    "kaiser_window": ("ops.kaiser_window(6, beta=5.0)", {}),
    "P_BartlettWindow": ("P.BartlettWindow(False)(Tensor(5))", {}),
    "P_HammingWindow": ("P.HammingWindow()(Tensor(np.array([6], np.int32)))", {}),
    "P_BlackmanWindow": ("P.BlackmanWindow()(Tensor(4))", {}),
    "block_diag": ("ops.block_diag(f23, v5)", {"f23": f23, "v5": v5}),
    "cartesian_prod": ("ops.cartesian_prod(i5[:2], i5[2:])", {"i5": i5}),
    "combinations": ("ops.combinations(i5[:4])", {"i5": i5}),
    "combinations_r3_rep": ("ops.combinations(v5[:3], 3, True)", {"v5": v5}),
    "vander": ("ops.vander(v5[:3], 4)", {"v5": v5}),
    "sequence_mask": ("ops.sequence_mask(Tensor(np.array([1, 3, 2], np.int32)), 4)", {}),
    "padding": ("ops.padding(c31, 4)", {"c31": np.array([[8.0], [10.0], [12.0]], np.float32)}),
    "P_Padding": ("P.Padding(3)(c31)", {"c31": np.array([[8], [10], [12]], np.int32)}),
    "P_ParallelConcat": ("P.ParallelConcat()((f23[:1], f23[1:]))", {"f23": f23}),
    "P_Expand": ("P.Expand()(c31, Tensor(np.array([2, 3, 4])))", {"c31": np.ones((3, 1), np.float32)}),
    "P_IdentityN": ("P.IdentityN()([f23, i5])", {"f23": f23, "i5": i5}),
    "P_InvertPermutation": ("P.InvertPermutation()((3, 4, 0, 2, 1))", {}),
    "matrix_band_part": ("ops.matrix_band_part(f234, 1, 0)", {"f234": f234}),
    "matrix_band_part_neg": ("ops.matrix_band_part(f234, -1, 1)", {"f234": f234}),
    "P_MatrixBandPart": ("P.MatrixBandPart()(f33, 0, -1)", {"f33": f33}),
    "matrix_diag": ("ops.matrix_diag(f23)", {"f23": f23}),
    "matrix_diag_k": ("ops.matrix_diag(f23, k=1, padding_value=9)", {"f23": f23}),
    "matrix_diag_part": ("ops.matrix_diag_part(f33, Tensor(0, ms.int32), Tensor(0.0))", {"f33": f33}),
    "matrix_diag_part_band": (
        "ops.matrix_diag_part(f234, Tensor(np.array([-1, 1], np.int32)), Tensor(0.0))",
        {"f234": f234},
    ),
    "matrix_set_diag": (
        "ops.matrix_set_diag(f33, Tensor(np.array([1.0, 2.0, 3.0], np.float32)))",
        {"f33": f33},
    ),
    # --- inplace_* / index_put / *_scatter
    "inplace_update": ("ops.inplace_update(x43, v, (0, 2))", {"x43": x43, "v": np.ones((2, 3), np.float32)}),
    "inplace_update_tensor_idx": (
        "ops.inplace_update(x43, v, Tensor(np.array([3], np.int32)))",
        {"x43": x43, "v": np.ones((1, 3), np.float32)},
    ),
    "inplace_add": ("ops.inplace_add(x43, v, (1, 1))", {"x43": x43, "v": np.ones((2, 3), np.float32)}),
    "inplace_sub": ("ops.inplace_sub(x43, v, 2)", {"x43": x43, "v": np.ones((1, 3), np.float32)}),
    "P_InplaceUpdateV2": (
        "P.InplaceUpdateV2()(x43, Tensor(np.array([1], np.int32)), v)",
        {"x43": x43, "v": np.zeros((1, 3), np.float32)},
    ),
    "P_InplaceUpdate": ("P.InplaceUpdate((0, 3))(x43, v)", {"x43": x43, "v": np.zeros((2, 3), np.float32)}),
    "P_InplaceAdd": ("P.InplaceAdd(1)(x43, v)", {"x43": x43, "v": np.ones((1, 3), np.float32)}),
    "P_InplaceSub": ("P.InplaceSub((0, 1))(x43, v)", {"x43": x43, "v": np.ones((2, 3), np.float32)}),
    "inplace_index_add": (
        "(lambda p: (ops.inplace_index_add(p, Tensor(np.array([0, 2], np.int32)), u, 1), p))"
        "(Parameter(x43, name='p'))",
        {"x43": x43, "u": np.ones((4, 2), np.float32)},
    ),
    "P_InplaceIndexAdd": (
        "(lambda p: (P.InplaceIndexAdd(0)(p, Tensor(np.array([1, 1], np.int32)), u), p))"
        "(Parameter(x43, name='p'))",
        {"x43": x43, "u": np.ones((2, 3), np.float32)},
    ),
    "P_IndexPut": (
        "P.IndexPut(0)(x43, Tensor(np.array([5.0], np.float32)), "
        "(Tensor(np.array([0, 2], np.int32)), Tensor(np.array([1, 2], np.int32))))",
        X,
    ),
    "P_IndexPut_acc": (
        "P.IndexPut(1)(x43, Tensor(np.array([5.0, 1.0], np.float32)), "
        "(Tensor(np.array([0, 0], np.int32)), Tensor(np.array([1, 1], np.int32))))",
        X,
    ),
    "T_index_put": (
        "x43.index_put((Tensor(np.array([3, 1], np.int32)),), Tensor(np.array([7.0], np.float32)))",
        X,
    ),
    "T_index_put_acc": (
        "x43.index_put((Tensor(np.array([1, 1], np.int64)), Tensor(np.array([2, 2], np.int64))),"
        " Tensor(np.array([1.0, 2.0], np.float32)), True)",
        X,
    ),
    "select_scatter": ("ops.select_scatter(x43, Tensor(np.ones(4, np.float32)), 1, 2)", X),
    "slice_scatter": ("ops.slice_scatter(x43, Tensor(np.ones((2, 3), np.float32)), 0, 1, 4, 2)", X),
    "slice_scatter_default": ("ops.slice_scatter(x43, Tensor(np.zeros((4, 3), np.float32)), 1)", X),
    "diagonal_scatter": ("ops.diagonal_scatter(x43, Tensor(np.ones(2, np.float32)), 1)", X),
    "diagonal_scatter_neg": ("ops.diagonal_scatter(x43, Tensor(np.ones(3, np.float32)), -1)", X),
    "T_select_scatter": ("x43.select_scatter(Tensor(np.ones(3, np.float32)), 0, -1)", X),
    "T_slice_scatter": ("x43.slice_scatter(Tensor(np.ones((4, 1), np.float32)), 1, 2)", X),
    "T_diagonal_scatter": ("x43.diagonal_scatter(Tensor(np.ones(3, np.float32)))", X),
    "P_ScatterAddWithAxis": (
        "P.ScatterAddWithAxis(1)(x43, Tensor(np.array([[0, 0]] * 4, np.int32)), "
        "Tensor(np.ones((4, 2), np.float32)))",
        X,
    ),
    "T_scatter_sub": (
        "x43.scatter_sub(Tensor(np.array([[0, 1], [2, 2]], np.int32)), Tensor(np.array([1.0, 2.0], np.float32)))",  # noqa: E501
        X,
    ),
    "T_scatter_mul": (
        "x43.scatter_mul(Tensor(np.array([[0, 1], [2, 2]], np.int32)), Tensor(np.array([2.0, 3.0], np.float32)))",  # noqa: E501
        X,
    ),
    "T_scatter_div": (
        "x43.scatter_div(Tensor(np.array([[0, 1], [2, 2]], np.int32)), Tensor(np.array([2.0, 4.0], np.float32)))",  # noqa: E501
        X,
    ),
    "T_scatter_max": (
        "x43.scatter_max(Tensor(np.array([[0, 1], [0, 1]], np.int32)), Tensor(np.array([2.0, 4.0], np.float32)))",  # noqa: E501
        X,
    ),
    "T_scatter_min": (
        "x43.scatter_min(Tensor(np.array([[0, 1], [3, 0]], np.int32)), Tensor(np.array([-2.0, 4.0], np.float32)))",  # noqa: E501
        X,
    ),
    # --- search / sort / select
    "P_LowerBound": (
        "P.LowerBound()(s, v)",
        {
            "s": np.array([[1, 3, 5, 7], [2, 4, 6, 8]], np.float32),
            "v": np.array([[3, 8], [1, 9]], np.float32),
        },
    ),
    "P_UpperBound": (
        "P.UpperBound(ms.int64)(s, v)",
        {
            "s": np.array([[1, 3, 5, 7], [2, 4, 6, 8]], np.float32),
            "v": np.array([[3, 8], [1, 9]], np.float32),
        },
    ),
    "P_NthElement": ("P.NthElement()(x43, 1)", X),
    "P_NthElement_rev": ("P.NthElement(True)(x43, 0)", X),
    "P_Histogram": (
        "P.Histogram(bins=4, min=0.0, max=3.0)(h)",
        {"h": np.array([1.0, 2, 1, 4, -1, 3], np.float32)},
    ),
    "P_UnravelIndex": (
        "P.UnravelIndex()(Tensor(np.array([2, 5, 7], np.int32)), Tensor(np.array([3, 3], np.int32)))",
        {},
    ),
    "P_ListDiff": (
        "P.ListDiff()(a, b)",
        {"a": np.array([1, 2, 3, 4, 5, 6], np.int32), "b": np.array([1, 3, 5], np.int32)},
    ),
    "msort": ("ops.msort(x43)", X),
    "T_msort": ("x43.msort()", X),
    "T_select": ("x43.select(1, -1)", X),
    "mint_select": ("mint.select(f234, 2, 1)", {"f234": f234}),
    "top_k": ("ops.top_k(x43, 2)", X),
    "T_top_k": ("x43.top_k(1, False)", X),
    "T_unique_with_pad": ("i5.unique_with_pad(-1)", {"i5": i5}),
    # --- shape / dtype helpers
    "expand_as": ("ops.expand_as(c31, f234)", {"c31": np.ones((3, 1), np.float32), "f234": f234}),
    "t": ("ops.t(f23)", {"f23": f23}),
    "t_1d": ("ops.t(i5)", {"i5": i5}),
    "T_t": ("f23.t()", {"f23": f23}),
    "T_type_as": ("i5.type_as(f23)", {"f23": f23, "i5": i5}),
    "T_type_str": ("f23.type()", {"f23": f23}),
    "T_type_cast": ("f23.type(ms.int32)", {"f23": f23}),
    "T_long": ("f23.long()", {"f23": f23}),
    "T_int": ("f23.int()", {"f23": f23}),
    "T_short": ("f23.short()", {"f23": f23}),
    "T_byte": ("i5.byte()", {"i5": i5}),
    "T_bool": ("f23.bool()", {"f23": f23}),
    "T_half": ("f23.half()", {"f23": f23}),
    "T_double": ("f23.double()", {"f23": f23}),
    "T_reshape_as": ("f234.reshape_as(x43.view(3, 4).tile((2, 1)))", {"f234": f234, "x43": x43}),
    "view_as": ("ops.view_as(f234, Tensor(np.zeros((6, 4), np.float32)))", {"f234": f234}),
    "T_reverse": ("f234.reverse((0, 2))", {"f234": f234}),
    "T_reverse_sequence": (
        "x43.reverse_sequence(Tensor(np.array([1, 2, 3, 4])), 1, 0)".replace("x43", "i43"),
        {"i43": np.arange(16).reshape(4, 4).astype(np.float32)},
    ),
    "T_rot90": ("f234.rot90(1, (1, 2))", {"f234": f234}),
    "T_hsplit": ("f234.hsplit(3)", {"f234": f234}),
    "T_vsplit": ("f234.vsplit([1])", {"f234": f234}),
    "T_dsplit": ("f234.dsplit(2)", {"f234": f234}),
    "mint_dstack": ("mint.dstack([f23, f23])", {"f23": f23}),
    "T_stride": ("f234.stride()", {"f234": f234}),
    "T_stride_dim": ("f234.stride(1)", {"f234": f234}),
    "T_ndimension": ("f234.ndimension()", {"f234": f234}),
    "T_is_floating_point": ("(f23.is_floating_point(), i5.is_floating_point())", {"f23": f23, "i5": i5}),
    "T_is_complex": ("f23.is_complex()", {"f23": f23}),
    "T_is_signed": ("(f23.is_signed(), i5.byte().is_signed())", {"f23": f23, "i5": i5}),
    "is_floating_point": ("ops.is_floating_point(i5)", {"i5": i5}),
    "is_complex": ("ops.is_complex(f23)", {"f23": f23}),
    "is_tensor": ("(ops.is_tensor(f23), ops.is_tensor(1))", {"f23": f23}),
    "is_nonzero": ("ops.is_nonzero(Tensor([0.5]))", {}),
    "T_sum_to_size": ("f234.sum_to_size(3, 1)", {"f234": f234}),
    "T_fill_diagonal": ("x43.fill_diagonal(5.0)", X),
    "T_fill_diagonal_wrap": ("Tensor(np.zeros((7, 3), np.float32)).fill_diagonal(2.0, True)", {}),
    "P_FillDiagonal": ("P.FillDiagonal(1.5)(x43)", X),
    "T_choose": (
        "i.choose(c)",
        {"i": np.array([0, 1, 2, 1], np.int32), "c": np.arange(12).reshape(3, 4).astype(np.float32)},
    ),
    "P_StopGradient": ("P.StopGradient()(f23)", {"f23": f23}),
    "stop_gradient_": ("ops.stop_gradient_(f23)", {"f23": f23}),
    "mixed_precision_cast_tuple": ("ops.mixed_precision_cast(ms.float16, (f23, i5))", {"f23": f23, "i5": i5}),
    # --- small primitives / F helpers
    "P_FillV2": ("P.FillV2()(Tensor(np.array([2, 3], np.int32)), Tensor(1.5, ms.float32))", {}),
    "P_DataFormatDimMap": ("P.DataFormatDimMap()(d)", {"d": np.array([-4, -3, -2, -1, 0, 1, 2, 3], np.int32)}),  # noqa: E501
    "P_DataFormatVecPermute": ("P.DataFormatVecPermute()(d)", {"d": np.array([1, 2, 3, 4], np.int32)}),
    "P_DataFormatVecPermute_2d": ("P.DataFormatVecPermute('NCHW', 'NHWC')(d)",
                                  {"d": np.arange(8).reshape(4, 2).astype(np.int32)}),
    "P_RaggedRange": ("P.RaggedRange(ms.int64)(a, b, c)", {"a": np.array([2, 5, 8], np.int32),
                                                          "b": np.array([3, 5, 12], np.int32),
                                                          "c": np.array([1, 1, 1], np.int32)}),
    "sparse_segment_mean": ("ops.sparse_segment_mean(x43, Tensor(np.array([0, 1, 2], np.int32)), "
                            "Tensor(np.array([1, 2, 2], np.int32)))", X),
    "P_MaskedScatter": ("P.MaskedScatter()(x43, x43 > 0, Tensor(np.arange(12).astype(np.float32)))", X),
    "P_SelectView": ("P.SelectView()(x43, 1, 1)", X),
    "reduced_shape": ("ops.reduced_shape((2, 3, 4), (1, -1))", {}),
    "tuple_setitem": ("ops.tuple_setitem((1, 2, 3), 1, 9)", {}),
    "dyn_shape": ("ops.dyn_shape(f234)", {"f234": f234}),
    "shape_": ("ops.shape_(f234)", {"f234": f234}),
    "tensor_slice": ("ops.tensor_slice(f234, (0, 1, 1), (2, 2, 2))", {"f234": f234}),
    "err_check_numerics": ("P.CheckNumerics()(Tensor(np.array([1.0, np.nan], np.float32)))", {}),
    # --- in-place Tensor methods: (return value, the tensor afterwards)
    "T_add_": (
        "(lambda t: (t.add_(f23, alpha=2), t))(x43[:2])".replace("x43[:2]", "g23"),
        {"g23": f23 * 2, "f23": f23},
    ),
    "T_add_scalar": ("(lambda t: (t.add_(1), t))(i5)", {"i5": i5}),
    "T_sub_": ("(lambda t: (t.sub_(f23), t))(g23)", {"g23": f23 * 2, "f23": f23}),
    "T_mul_": ("(lambda t: (t.mul_(3), t))(i5)", {"i5": i5}),
    "T_div_": ("(lambda t: (t.div_(2.0), t))(g23)", {"g23": f23}),
    "T_div_floor": ("(lambda t: (t.div_(2, rounding_mode='floor'), t))(v5)", {"v5": v5}),
    "T_exp_": ("(lambda t: (t.exp_(), t))(g23)", {"g23": f23}),
    "T_log_": ("(lambda t: (t.log_(), t))(g23)", {"g23": np.abs(f23) + 0.5}),
    "T_floor_": ("(lambda t: (t.floor_(), t))(g23)", {"g23": f23}),
    "T_sigmoid_": ("(lambda t: (t.sigmoid_(), t))(g23)", {"g23": f23}),
    "T_tanh_": ("(lambda t: (t.tanh_(), t))(g23)", {"g23": f23}),
    "T_sign_": ("(lambda t: (t.sign_(), t))(g23)", {"g23": f23}),
    "T_remainder_": ("(lambda t: (t.remainder_(2), t))(i5)", {"i5": i5}),
    "T_floor_divide_": ("(lambda t: (t.floor_divide_(2), t))(i5)", {"i5": i5}),
    "T_clamp_": ("(lambda t: (t.clamp_(-0.5, 0.5), t))(g23)", {"g23": f23}),
    "clamp_": ("ops.clamp_(g23, None, 0.0)", {"g23": f23}),
    "T_erfinv_": ("(lambda t: (t.erfinv_(), t))(g23)", {"g23": np.tanh(f23)}),
    "T_addmm_": (
        "(lambda t: (t.addmm_(f23, x43[:3], beta=2, alpha=0.5), t))(g22)".replace("x43[:3]", "f33"),
        {"g22": f23[:, :2].copy() * 0 + 1, "f23": f23, "f33": f33[:, :2].copy()},
    ),
    "T_zero_": ("(lambda t: (t.zero_(), t))(g23)", {"g23": f23}),
    "zero_": ("ops.zero_(g23)", {"g23": f23}),
    "T_fill": ("g23.fill(2)", {"g23": f23}),
    "T_fill_": ("(lambda t: (t.fill_(2.5), t))(i5)", {"i5": i5}),
    "T_copy_": ("(lambda t: (t.copy_(i3), t))(g23)", {"g23": f23, "i3": np.array([1, 2, 3], np.int32)}),
    "T_masked_fill_": ("(lambda t: (t.masked_fill_(m23, 0.0), t))(g23)", {"g23": f23, "m23": m23}),
    "T_masked_scatter_": (
        "(lambda t: (t.masked_scatter_(m23, s), t))(g23)",
        {"g23": f23, "m23": m23, "s": np.arange(6).astype(np.float32)},
    ),
    "T_index_add_": (
        "(lambda t: (t.index_add_(0, Tensor(np.array([1, 1], np.int32)), u, alpha=2), t))(x43)",
        {"x43": x43, "u": np.ones((2, 3), np.float32)},
    ),
    "T_index_fill_": ("(lambda t: (t.index_fill_(1, Tensor(np.array([0, 2], np.int32)), -1.0), t))(x43)", X),
    "T_index_copy_": (
        "(lambda t: (t.index_copy_(0, Tensor(np.array([3, 0], np.int64)), u), t))(x43)",
        {"x43": x43, "u": np.ones((2, 3), np.float32)},
    ),
    "T_put_": (
        "(lambda t: (t.put_(Tensor(np.array([0, 5, 5], np.int64)), Tensor(np.array([1.0, 2.0, 3.0], np.float32))), t))(x43)",  # noqa: E501
        X,
    ),
    "T_put_acc": (
        "(lambda t: (t.put_(Tensor(np.array([0, 5, 5], np.int64)), Tensor(np.array([1.0, 2.0, 3.0], np.float32)), True), t))(x43)",  # noqa: E501
        X,
    ),
    "T_scatter_add_": (
        "(lambda t: (t.scatter_add_(1, Tensor(np.array([[0, 0]] * 4, np.int64)), u), t))(x43)",
        {"x43": x43, "u": np.ones((4, 2), np.float32)},
    ),
    "T_fill_diagonal_": ("(lambda t: (t.fill_diagonal_(3.0), t))(x43)", X),
    "T_inplace_update": (
        "x43.inplace_update(v, Tensor(np.array([2], np.int32)))",
        {"x43": x43, "v": np.zeros((1, 3), np.float32)},
    ),
    # --- random: only shapes / dtypes are compared
    "rnd_P_Bernoulli": ("P.Bernoulli()(f23, Tensor(0.5, ms.float32))", {"f23": f23}),
    "rnd_P_Cauchy": ("P.Cauchy([2, 3])()", {}),
    "rnd_P_LogNormalReverse": ("P.LogNormalReverse()(f23)", {"f23": f23}),
    "rnd_P_RandomShuffle": ("P.RandomShuffle(1)(x43)", X),
    "rnd_P_RandpermV2": ("P.RandpermV2(1, 0, ms.int32)(5)", {}),
    "rnd_P_TruncatedNormal": ("P.TruncatedNormal()(Tensor(np.array([2, 3], np.int32)))", {}),
    "rnd_P_ParameterizedTruncatedNormal": (
        "P.ParameterizedTruncatedNormal()(Tensor(np.array([2, 3], np.int32)), Tensor(np.zeros(2, np.float32)),"  # noqa: E501
        " Tensor(np.ones(2, np.float32)), Tensor(-np.ones(2, np.float32)), Tensor(np.ones(2, np.float32)))",
        {},
    ),
    "rnd_P_MultinomialWithReplacement": (
        "P.MultinomialWithReplacement(4, True)(p, Tensor(1, ms.int64), Tensor(0, ms.int64))",
        {"p": np.array([[0.2, 0.8], [0.5, 0.5]], np.float32)},
    ),
    "rnd_P_NonDeterministicInts": ("P.NonDeterministicInts()(Tensor(np.array([2, 2], np.int32)))", {}),
    "rnd_P_UniformCandidateSampler": (
        "P.UniformCandidateSampler(1, 3, False, 5)(tc)",
        {"tc": np.array([[1], [3]], np.int64)},
    ),
    "rnd_P_LogUniformCandidateSampler": (
        "P.LogUniformCandidateSampler(1, 3, True, 5)(tc)",
        {"tc": np.array([[1], [3]], np.int64)},
    ),
    "rnd_uniform_candidate_sampler": (
        "ops.uniform_candidate_sampler(tc, 1, 3, True, 5)",
        {"tc": np.array([[1], [3]], np.int64)},
    ),
    "rnd_log_uniform_candidate_sampler": (
        "ops.log_uniform_candidate_sampler(tc, 1, 3, True, 5)",
        {"tc": np.array([[1], [3]], np.int64)},
    ),
    "rnd_laplace": ("ops.laplace((2, 3), Tensor(0.0), Tensor(1.0))", {}),
    "rnd_standard_laplace": ("ops.standard_laplace((3,))", {}),
    "rnd_bernoulli_ext": ("ops.bernoulli_ext(Tensor(np.full((2, 2), 0.5, np.float32)))", {}),
    "rnd_exponential_": ("ops.exponential_(Tensor(np.zeros((2, 2), np.float32)), 2.0)", {}),
    "rnd_uniform_": ("ops.uniform_(Tensor(np.zeros((2, 2), np.float32)), 1, 2)", {}),
    "rnd_normal_": ("ops.normal_(Tensor(np.zeros((2, 2), np.float16)))", {}),
    "rnd_random_": ("ops.random_(Tensor(np.zeros((2, 2), np.int32)), 0, 5)", {}),
    "rnd_choice_with_mask": ("ops.choice_with_mask(m23, 3)", {"m23": m23}),
    "rnd_multinomial_with_replacement": (
        "ops.multinomial_with_replacement(p, 1, 0, 3, True)",
        {"p": np.array([[0.2, 0.8]], np.float32)},
    ),
    "rnd_T_uniform": ("f23.uniform(1.0, 2.0)", {"f23": f23}),
    "rnd_T_cauchy": ("f23.cauchy()", {"f23": f23}),
    "rnd_T_log_normal": ("f23.log_normal()", {"f23": f23}),
    "rnd_T_exponential_": ("f23.exponential_()", {"f23": f23}),
    "rnd_T_bernoulli_": ("f23.bernoulli_(0.3)", {"f23": f23}),
    "rnd_T_random_categorical": ("f23.random_categorical(4)", {"f23": f23}),
    # --- bad inputs: the error class and message are recorded
    "err_uss_ids_shape": ("ops.unsorted_segment_sum(x43, Tensor(np.array([0, 1], np.int32)), 4)", X),
    "err_uss_ids_float": ("ops.unsorted_segment_sum(x43, Tensor(np.zeros(4, np.float32)), 4)", X),
    "err_segment_sum_unsorted": ("P.SegmentSum()(x43, Tensor(np.array([1, 0, 2, 2], np.int32)))", X),
    "err_b2s_batch": (
        "ops.batch_to_space_nd(b, (2, 2), ((0, 0), (0, 0)))",
        {"b": np.zeros((3, 1, 2, 2), np.float32)},
    ),
    "err_s2b_divisible": ("ops.space_to_batch_nd(s, [2, 2], [[0, 0], [1, 0]])", {"s": s44}),
    "err_tril_indices_neg": ("ops.tril_indices(-1, 3)", {}),
    "err_inplace_update_idx": (
        "ops.inplace_update(x43, v, (0, 9))",
        {"x43": x43, "v": np.ones((2, 3), np.float32)},
    ),
    "err_inplace_update_shape": (
        "ops.inplace_update(x43, v, (0, 1))",
        {"x43": x43, "v": np.ones((2, 2), np.float32)},
    ),
    "err_select_scatter_shape": ("ops.select_scatter(x43, Tensor(np.ones(3, np.float32)), 1, 0)", X),
    "err_slice_scatter_shape": ("ops.slice_scatter(x43, Tensor(np.ones((4, 3), np.float32)), 0, 0, 2)", X),
    "err_gather_float_idx": ("ops.gather(x43, Tensor(np.array([0.0, 1.0], np.float32)), 0)", X),
    "err_gather_axis": ("ops.gather(x43, Tensor(np.array([0, 1], np.int32)), 2)", X),
    "err_gather_oob": ("ops.gather(x43, Tensor(np.array([0, 9], np.int32)), 0)", X),
    "err_gather_elements_rank": ("ops.gather_elements(x43, 0, Tensor(np.array([0, 1], np.int32)))", X),
    "err_index_select_2d": ("ops.index_select(x43, 0, Tensor(np.zeros((2, 2), np.int32)))", X),
    "err_scatter_nd_shape": (
        "ops.scatter_nd(Tensor(np.array([[0], [1]], np.int32)), Tensor(np.ones(3, np.float32)), (4,))",
        {},
    ),
    "err_tensor_scatter_update_shape": (
        "ops.tensor_scatter_update(x43, Tensor(np.array([[0]], np.int32)), "
        "Tensor(np.ones((1, 2), np.float32)))",
        X,
    ),
    "err_tensor_scatter_elements_rank": (
        "ops.tensor_scatter_elements(x43, Tensor(np.array([0], np.int32)), Tensor(np.ones(1, np.float32)))",
        X,
    ),
    "err_one_hot_float": (
        "ops.one_hot(Tensor(np.array([0.0, 1.0], np.float32)), 3, Tensor(1.0), Tensor(0.0))",
        {},
    ),
    "err_sort_axis": ("ops.sort(x43, 2)", X),
    "err_topk_k": ("ops.topk(x43, 5)", X),
    "err_masked_fill_mask": ("ops.masked_fill(x43, Tensor(np.ones((4, 3), np.int32)), 0.0)", X),
    "err_masked_fill_bcast": ("ops.masked_fill(x43, Tensor(np.ones((2,), np.bool_)), 0.0)", X),
    "err_reshape": ("ops.reshape(x43, (5, 2))", X),
    "err_transpose_perm": ("ops.transpose(x43, (0, 0))", X),
    "err_transpose_len": ("ops.transpose(x43, (0,))", X),
    "err_concat_rank": ("ops.concat((x43, x43[0]), 0)", X),
    "err_concat_shape": ("ops.concat((x43, x43[:, :2]), 0)", X),
    "err_stack_shape": ("ops.stack((x43, x43[:2]))", X),
    "err_expand_dims_axis": ("ops.expand_dims(x43, 3)", X),
    "err_tile_neg": ("ops.tile(x43, (-1, 1))", X),
    "err_broadcast_to": ("ops.broadcast_to(x43, (2, 3))", X),
    "err_split_sum": ("ops.split(x43, [1, 1], 0)", X),
    "err_flip_axis": ("ops.flip(x43, (2,))", X),
    "err_narrow": ("ops.narrow(x43, 0, 3, 2)", X),
    "err_slice": ("ops.slice(x43, (0, 0), (5, 1))", X),
    "err_index_add_dtype": (
        "ops.index_add(Parameter(x43, name='q'), Tensor(np.array([0], np.float32)), "
        "Tensor(np.ones((1, 3), np.float32)), 0)",
        X,
    ),
    "err_index_fill_idx": ("ops.index_fill(x43, 0, Tensor(np.array([0.5], np.float32)), 1.0)", X),
    "err_searchsorted_dims": (
        "ops.searchsorted(Tensor(np.zeros((2, 3), np.float32)), Tensor(np.zeros((3, 1), np.float32)))",
        {},
    ),
    "err_range_delta": ("ops.range(Tensor(0), Tensor(5), Tensor(0))", {}),
    "err_zeros_neg": ("ops.zeros((2, -3))", {}),
    "err_zeros_float_shape": ("ops.zeros((2.5, 3))", {}),
    "err_eye_neg": ("ops.eye(-2)", {}),
    "err_diag_embed_dims": ("ops.diag_embed(x43, 0, 1, 1)", X),
    "err_uniform_dtype": ("ops.uniform((2,), Tensor(0.0), Tensor(1.0), dtype=ms.int32)", {}),
    "err_randint_range": ("ops.randint(5, 2, (2,))", {}),
    "err_multinomial_rank": ("ops.multinomial(Tensor(np.ones((2, 2, 2), np.float32)), 1)", {}),
    "err_matrix_band_part_rank": ("ops.matrix_band_part(i5, 1, 1)", {"i5": i5}),
    "err_inplace_index_add_axis": (
        "ops.inplace_index_add(Parameter(x43, name='r'), Tensor(np.array([0], np.int32)),"
        " Tensor(np.ones((1, 3), np.float32)), 2)",
        X,
    ),
    "err_unsorted_segment_num": (
        "ops.unsorted_segment_sum(x43, Tensor(np.array([0, 1, 0, 1], np.int32)), 0)",
        X,
    ),
    "err_cast_str": ("ops.cast(x43, 'int32')", X),
    "err_stride_dim": ("f234.stride(3)", {"f234": f234}),
}


def flatten(o):
    if isinstance(o, (tuple, list)):
        res = []
        for e in o:
            res.extend(flatten(e))
        return res
    if isinstance(o, (Tensor, Parameter)):
        return [("tensor", o.asnumpy(), str(o.dtype))]
    return [("py", o, type(o).__name__)]


def run_error_case(name):
    """MindSpore's PYNATIVE errors can surface one op late: each error case runs in a fresh process."""
    expr, inputs = CASES[name]
    ns = {"ops": ops, "P": P, "Tensor": Tensor, "ms": ms, "np": np, "Parameter": Parameter, "mint": mint}
    ns.update({k: Tensor(v.copy()) for k, v in inputs.items()})  # in-place ops must not touch v
    try:
        flatten(eval(expr, ns))
    except Exception as e:  # noqa: BLE001
        lines = [ln for ln in str(e).strip().split("\n") if ln.strip() and not ln.startswith("---")]
        return {"error": type(e).__name__, "message": (lines[0] if lines else "")[:300]}
    return None


if len(sys.argv) == 3 and sys.argv[1] == "--err":
    print("RESULT" + json.dumps(run_error_case(sys.argv[2])))
    sys.exit(0)


def error_results(names):
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    def one(n):
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--err", n],
            capture_output=True,
            text=True,
            cwd=os.getcwd(),
        ).stdout
        line = [ln for ln in out.splitlines() if ln.startswith("RESULT")]
        return n, json.loads(line[-1][6:]) if line else None

    with ThreadPoolExecutor(8) as ex:
        return dict(ex.map(one, names))


ERR = error_results([n for n in CASES if n.startswith("err_")])
arrays, index, errors = {}, [], []
for name, (expr, inputs) in CASES.items():
    if name.startswith("err_"):
        res = ERR[name]
        if res is None:
            print("NOERR", name)
            continue
        errors.append({"name": name, "expr": expr, "inputs": sorted(inputs), **res})
        for k, v in inputs.items():
            arrays[f"{name}/in/{k}"] = v
        print("err", name, res["error"], res["message"][:150])
        continue
    ns = {"ops": ops, "P": P, "Tensor": Tensor, "ms": ms, "np": np, "Parameter": Parameter, "mint": mint}
    ns.update({k: Tensor(v.copy()) for k, v in inputs.items()})  # in-place ops must not touch v
    try:
        outs = flatten(eval(expr, ns))
    except Exception as e:  # noqa: BLE001
        msg = " ".join(str(e).strip().split("\n")[0:1])[:300]
        if name.startswith("err_"):
            errors.append(
                {
                    "name": name,
                    "expr": expr,
                    "inputs": sorted(inputs),
                    "error": type(e).__name__,
                    "message": msg,
                }
            )
            for k, v in inputs.items():
                arrays[f"{name}/in/{k}"] = v
            print("err", name, type(e).__name__, msg[:150])
        else:
            print("FAIL", name, type(e).__name__, msg[:200])
        continue
    if name.startswith("err_"):
        print("NOERR", name, [o[2] for o in outs])
        continue
    entry = {
        "name": name,
        "expr": expr,
        "inputs": sorted(inputs),
        "outputs": [],
        "random": name.startswith("rnd_"),
    }
    for k, v in inputs.items():
        arrays[f"{name}/in/{k}"] = v
    for j, (kind, val, dt) in enumerate(outs):
        if kind == "tensor":
            arrays[f"{name}/out{j}"] = val
            entry["outputs"].append({"key": f"{name}/out{j}", "ms_dtype": dt, "shape": list(val.shape)})
        else:
            entry["outputs"].append({"value": val if not isinstance(val, tuple) else list(val), "type": dt})
    index.append(entry)
    print(
        "ok",
        name,
        [(o.get("ms_dtype", o.get("type")), o.get("shape", o.get("value"))) for o in entry["outputs"]],
    )

os.makedirs(OUT, exist_ok=True)
np.savez_compressed(os.path.join(OUT, "array2.npz"), **arrays)
with open(os.path.join(OUT, "array2.json"), "w") as f:
    json.dump(
        {
            "mindspore_version": ms.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
            "mode": "PYNATIVE_MODE",
            "device": "CPU",
            "generator": "tools/make_golden_array2.py",
            "cases": index,
            "errors": errors,
        },
        f,
        indent=1,
        default=str,
    )
print(len(index), "cases,", len(errors), "errors")
