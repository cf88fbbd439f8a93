"""Gather / scatter / select / sort ops: ops_golden fixture cases from real MindSpore 2.10 (run in
GRAPH_MODE and PYNATIVE_MODE), agreement with Tensor indexing and numpy, Parameter-writing
scatter primitives, static-shape variants and errors."""

import json
import os

import numpy as np
import pytest

import mindspore_jax as ms
from mindspore_jax import Parameter, Tensor, nn, ops
from mindspore_jax.ops import operations as P

FIX = os.path.join(os.path.dirname(__file__), "fixtures")
_META = {c["name"]: c for c in json.load(open(os.path.join(FIX, "ops_golden.json")))["cases"]}
_NPZ = np.load(os.path.join(FIX, "ops_golden.npz"))

# how gen_ops_golden.py called each case (inputs are the npz tensors in order)
RUN = {
    "ops_gather_axis0": lambda x, i: ops.gather(x, i, 0),
    "ops_gather_axis1": lambda x, i: ops.gather(x, i, 1),
    "ops_gather_elements": lambda x, i: ops.gather_elements(x, 1, i),
    "ops_gather_nd": lambda x, i: ops.gather_nd(x, i),
    "ops_gather_nd_rows": lambda x, i: ops.gather_nd(x, i),
    "P_Gather": lambda x, i: P.Gather()(x, i, 0),
    "P_GatherNd": lambda x, i: P.GatherNd()(x, i),
    "ops_index_select": lambda x, i: ops.index_select(x, 0, i),
    "ops_scatter_nd": lambda i, u: ops.scatter_nd(i, u, (4, 4)),
    "ops_tensor_scatter_update": ops.tensor_scatter_update,
    "ops_tensor_scatter_add": ops.tensor_scatter_add,
    "ops_scatter_torchlike": lambda x, i, s: ops.scatter(x, 1, i, s),
    "ops_masked_fill": ops.masked_fill,
    "ops_where": ops.where,
    "P_Select": lambda c, x, y: P.Select()(c, x, y),
    "ops_one_hot": lambda i: ops.one_hot(i, 4, Tensor(1.0, ms.float32), Tensor(0.0, ms.float32), -1),
    "P_OneHot_axis0": lambda i: P.OneHot(axis=0)(i, 3, Tensor(5.0, ms.float32), Tensor(-1.0, ms.float32)),
    "P_StridedSlice": lambda x: P.StridedSlice()(x, (0, 1), (6, 4), (2, 1)),
    "tensor_getitem_slices": lambda x: (x[1:, ::2], x[-1], x[:, 1], x[..., None, 0]),
    "ops_concat_axis1": lambda a, b: ops.concat((a, b), 1),
    "ops_cat_axis-1": lambda a, b: ops.cat((a, b), axis=-1),
    "ops_stack_axis1": lambda a, b: ops.stack((a, b), 1),
    "P_Concat_axis1": lambda a, b: P.Concat(axis=1)((a, b)),
    "P_Stack_axis0": lambda a, b: P.Stack(axis=0)((a, b)),
    "ops_split_size2": lambda x: ops.split(x, 2, axis=1),
    "ops_split_sections": lambda x: ops.split(x, [1, 2, 3], axis=1),
    "P_Split_3": lambda x: P.Split(axis=1, output_num=3)(x),
    "ops_chunk": lambda x: ops.chunk(x, 3),
    "ops_transpose": lambda x: ops.transpose(x, (2, 0, 1)),
    "ops_permute": lambda x: ops.permute(x, (0, 2, 1)),
    "P_Transpose": lambda x: P.Transpose()(x, (1, 0, 2)),
    "ops_reshape_-1": lambda x: ops.reshape(x, (3, -1)),
    "P_Reshape": lambda x: P.Reshape()(x, (6, 6)),
    "ops_broadcast_to": lambda x: ops.broadcast_to(x, (2, 3, 4)),
    "ops_broadcast_to_-1": lambda x: ops.broadcast_to(x, (-1, 5)),
    "ops_expand_dims": lambda x: ops.expand_dims(x, 1),
    "ops_squeeze_axis": lambda x: ops.squeeze(x, axis=3),
    "ops_squeeze_all": ops.squeeze,
    "ops_unsqueeze": lambda x: ops.unsqueeze(x, dim=-1),
    "ops_tile": lambda x: ops.tile(x, (2, 1, 2)),
    "P_Tile": lambda x: P.Tile()(x, (1, 3)),
    "ops_flatten_default": ops.flatten,
    "ops_repeat_interleave": lambda x: ops.repeat_interleave(x, repeats=2, axis=1),
    "ops_repeat_elements": lambda x: ops.repeat_elements(x, rep=2, axis=1),
    "ops_sort_desc": lambda x: ops.sort(x, descending=True),
    "ops_topk_k3": lambda x: ops.topk(x, 3),
    "ops_topk_smallest_dim0": lambda x: ops.topk(x, 2, dim=0, largest=False),
    "P_TopK": lambda x: P.TopK(sorted=True)(x, 2),
    "ops_arange": lambda: ops.arange(0, 5, 0.5),
    "ops_linspace": lambda: ops.linspace(0.0, 1.0, 5),
    "T_view": lambda x: x.view(6, -1),
    "T_reshape": lambda x: x.reshape((4, 6)),
    "T_transpose": lambda x: x.transpose(2, 0, 1),
    "T_squeeze": lambda x: x.squeeze(),
    "T_expand_as": lambda x, y: x.expand_as(y),
    "T_flatten": lambda x: x.flatten(),
    "T_masked_fill": lambda x, m: x.masked_fill(m, 9.0),
    "T_permute": lambda x: x.permute(2, 1, 0),
    "T_unsqueeze": lambda x: x.unsqueeze(0),
}


class _Fn(nn.Cell):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def construct(self, *args):
        return self.fn(*args)


def _flat(o):
    if isinstance(o, (tuple, list)):
        return [y for x in o for y in _flat(x)]
    return [o]


@pytest.mark.parametrize("name", sorted(RUN))
def test_ops_golden_fixture(name, mode):
    case = _META[name]
    args = [Tensor(_NPZ[i["key"]]) for i in case["inputs"]]
    outs = _flat(_Fn(RUN[name])(*args))
    assert len(outs) == len(case["outputs"])
    for got, want in zip(outs, case["outputs"]):
        assert str(got.dtype) == want["ms_dtype"], (name, got.dtype, want["ms_dtype"])
        np.testing.assert_allclose(got.asnumpy(), _NPZ[want["key"]], rtol=1e-5, atol=1e-6, err_msg=name)


# --- gather agrees with indexing ---------------------------------------------------------------

T = np.arange(24, dtype=np.float32).reshape(6, 4)


def test_gather_family_agrees_with_indexing(mode):
    idx = np.array([[0, 5], [2, 2]], np.int32)

    class Net(nn.Cell):
        def construct(self, x, i):
            return (ops.gather(x, i, 0), x[i], ops.gather(x, i[1], 1), x[:, i[1]],
                    ops.index_select(x, 1, i[1]), x.gather(i, 0), ops.gather_nd(x, i),
                    x[i[:, 0], i[:, 1]], ops.take(x, i))

    o = Net()(Tensor(T), Tensor(idx))
    np.testing.assert_array_equal(o[0].asnumpy(), o[1].asnumpy())
    np.testing.assert_array_equal(o[2].asnumpy(), o[3].asnumpy())
    np.testing.assert_array_equal(o[4].asnumpy(), T[:, idx[1]])
    np.testing.assert_array_equal(o[5].asnumpy(), T[idx])
    np.testing.assert_array_equal(o[6].asnumpy(), o[7].asnumpy())
    np.testing.assert_array_equal(o[8].asnumpy(), T.ravel()[idx])


def test_gather_elements_and_scatter_are_inverse(mode):
    x = np.random.default_rng(0).standard_normal((3, 5)).astype(np.float32)
    perm = np.argsort(x, axis=1).astype(np.int64)

    class Net(nn.Cell):
        def construct(self, x, p):
            g = ops.gather_elements(x, 1, p)
            return g, ops.scatter(ops.zeros_like(x), 1, p, g), x.scatter_add(1, p, ops.ones_like(x))

    g, s, a = Net()(Tensor(x), Tensor(perm))
    np.testing.assert_array_equal(g.asnumpy(), np.take_along_axis(x, perm, 1))
    np.testing.assert_array_equal(s.asnumpy(), x)
    np.testing.assert_allclose(a.asnumpy(), x + 1)


def test_gather_out_of_range_eager_raises():
    with pytest.raises(RuntimeError, match="Gather"):
        ops.gather(Tensor(T), Tensor(np.array([6], np.int32)), 0)


@pytest.mark.parametrize("fn, exc, op", [
    (lambda x: ops.gather(x, Tensor(np.array([0.5])), 0), TypeError, "Gather"),
    (lambda x: ops.gather(x, Tensor(np.array([0], np.int32)), 2), ValueError, "Gather"),
    (lambda x: ops.gather_nd(x, Tensor(np.array([[0, 1, 2]], np.int32))), ValueError, "GatherNd"),
    (lambda x: ops.gather_elements(x, 1, Tensor(np.array([0], np.int32))), ValueError, "GatherD"),
    (lambda x: ops.scatter_nd(Tensor(np.array([[0]], np.int32)), x, (4, 4)), ValueError, "ScatterNd"),
    (lambda x: ops.tensor_scatter_add(x, Tensor(np.array([[0]], np.int32)), x), ValueError,
     "TensorScatterAdd"),
    (lambda x: ops.masked_fill(x, x, 1.0), TypeError, "MaskedFill"),
    (lambda x: ops.where(x, x, x), TypeError, "Select"),
    (lambda x: ops.one_hot(x, 3), TypeError, "OneHot"),
    (lambda x: ops.topk(x, 5), ValueError, "TopK"),
    (lambda x: ops.sort(x, 2), ValueError, "Sort"),
])
def test_index_errors(fn, exc, op):
    with pytest.raises(exc, match=f"For '{op}'"):
        fn(Tensor(T))


# --- Parameter-writing scatter primitives -------------------------------------------------------

def test_scatter_primitives_write_parameter(mode):
    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.p = Parameter(Tensor(np.zeros((4, 3), np.float32)), name="p")
            self.upd = P.ScatterUpdate()
            self.add = P.ScatterAdd()
            self.ndadd = P.ScatterNdAdd()

        def construct(self, i, u):
            self.upd(self.p, i, u)
            self.add(self.p, i, u)
            self.ndadd(self.p, Tensor(np.array([[3, 2]], np.int32)), Tensor(np.array([1.0], np.float32)))
            return self.p + 0

    net = Net()
    i = Tensor(np.array([1, 3], np.int32))
    u = Tensor(np.ones((2, 3), np.float32))
    out1 = net(i, u).asnumpy()
    out2 = net(i, u).asnumpy()
    want1 = np.zeros((4, 3), np.float32)
    want1[[1, 3]] = 2.0
    want1[3, 2] += 1
    np.testing.assert_array_equal(out1, want1)
    want2 = want1.copy()
    want2[[1, 3]] = 2.0
    want2[3, 2] += 1
    np.testing.assert_array_equal(out2, want2)
    np.testing.assert_array_equal(net.p.asnumpy(), want2)


def test_scatter_add_sums_duplicates():
    p = Parameter(Tensor(np.zeros((3,), np.float32)), name="q")
    ops.scatter_add(p, Tensor(np.array([0, 0, 2], np.int32)), Tensor(np.array([1.0, 2.0, 3.0], np.float32)))
    assert p.asnumpy().tolist() == [3.0, 0.0, 3.0]
    out = ops.scatter_nd(Tensor(np.array([[1], [1]], np.int32)), Tensor(np.array([2, 5], np.int32)), (3,))
    assert out.dtype == ms.int32 and out.asnumpy().tolist() == [0, 7, 0]


# --- select / mask / static-shape variants -----------------------------------------------------

def test_masked_and_where(mode):
    x = np.random.default_rng(1).standard_normal((3, 4)).astype(np.float32)
    src = np.arange(12, dtype=np.float32)

    class Net(nn.Cell):
        def construct(self, x, s):
            m = x > 0
            return (ops.masked_fill(x, m, 0.0), ops.where(m, x, 1), ops.masked_scatter(x, m, s),
                    ops.unique_with_pad(Tensor(np.array([4, 4, 1, 9, 1], np.int32)), -1))

    mf, w, ms_, (u, ui) = Net()(Tensor(x), Tensor(src))
    np.testing.assert_array_equal(mf.asnumpy(), np.where(x > 0, 0, x))
    np.testing.assert_array_equal(w.asnumpy(), np.where(x > 0, x, 1))
    want = x.copy()
    want[x > 0] = src[: (x > 0).sum()]
    np.testing.assert_array_equal(ms_.asnumpy(), want)
    assert u.asnumpy().tolist() == [4, 1, 9, -1, -1] and ui.asnumpy().tolist() == [0, 0, 1, 2, 1]


def test_dynamic_shape_ops_eager_and_clear_error_in_graph():
    x = Tensor(np.array([[0, 2], [3, 0]], np.float32))
    assert ops.nonzero(x).asnumpy().tolist() == [[0, 1], [1, 0]] and ops.nonzero(x).dtype == ms.int64
    rows, cols = ops.nonzero(x, as_tuple=True)
    assert rows.asnumpy().tolist() == [0, 1] and cols.asnumpy().tolist() == [1, 0]
    assert ops.masked_select(x, x > 0).asnumpy().tolist() == [2.0, 3.0]
    u, inv, cnt = ms.mint.unique(Tensor(np.array([3, 1, 3], np.int64)), return_inverse=True,
                                 return_counts=True)
    assert u.asnumpy().tolist() == [1, 3] and inv.asnumpy().tolist() == [1, 0, 1]
    assert cnt.asnumpy().tolist() == [1, 2]

    class Net(nn.Cell):
        def construct(self, x):
            return ops.nonzero(x)

    ms.set_context(mode=ms.GRAPH_MODE)
    with pytest.raises(RuntimeError, match="NonZero"):
        Net()(x)


# --- sort / search ---------------------------------------------------------------------------------

def test_sort_topk_search_against_numpy(mode):
    x = np.random.default_rng(2).standard_normal((4, 7)).astype(np.float32)

    class Net(nn.Cell):
        def construct(self, x):
            return (ops.sort(x, 0), ops.argsort(x, 1, True), ops.topk(x, 3, 0, False),
                    ops.searchsorted(ops.sort(x)[0], x), ops.bucketize(x, [-1.0, 0.0, 1.0]),
                    ops.histc(x, 4, -2.0, 2.0), ops.intopk(x, Tensor(np.array([0, 1, 2, 3], np.int32)), 3))

    (sv, si), ai, (tv, ti), ss, bk, hc, it = Net()(Tensor(x))
    np.testing.assert_array_equal(sv.asnumpy(), np.sort(x, 0))
    assert si.dtype == ms.int32 and ai.dtype == ms.int32 and ti.dtype == ms.int32
    np.testing.assert_array_equal(ai.asnumpy(), np.argsort(-x, 1, kind="stable"))
    np.testing.assert_array_equal(tv.asnumpy(), np.sort(x, 0)[:3])
    np.testing.assert_array_equal(ss.asnumpy(), np.stack([np.searchsorted(np.sort(r), r) for r in x]))
    assert ss.dtype == ms.int64
    np.testing.assert_array_equal(bk.asnumpy(), np.searchsorted([-1.0, 0.0, 1.0], x))
    np.testing.assert_array_equal(hc.asnumpy(), np.histogram(np.clip(x, -3, 3), 4, (-2, 2))[0])
    ranks = (x > x[np.arange(4), [0, 1, 2, 3]][:, None]).sum(1)
    np.testing.assert_array_equal(it.asnumpy(), ranks < 3)


def test_one_hot_dtype_follows_on_value(mode):
    class Net(nn.Cell):
        def construct(self, i):
            return ops.one_hot(i, 3), ops.one_hot(i, 3, 1.0, 0.0), P.OneHot()(i, 3, Tensor(2, ms.int32),
                                                                            Tensor(0, ms.int32))

    a, b, c = Net()(Tensor(np.array([0, 2, 5], np.int32)))
    assert (a.dtype, b.dtype, c.dtype) == (ms.int64, ms.float32, ms.int32)
    assert a.asnumpy().tolist() == [[1, 0, 0], [0, 0, 1], [0, 0, 0]]
    assert c.asnumpy().tolist() == [[2, 0, 0], [0, 0, 2], [0, 0, 0]]
