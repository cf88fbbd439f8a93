"""ops.Custom (pyfunc and aot) and device plug-ins (the example CPUStandIn target)."""

import gc

import numpy as np
import pytest

import jax
import mindspore_jax as ms
from conftest import cpu_target
from mindspore_jax import Tensor, context, nn, ops
from mindspore_jax.ops._custom.build import compiler

needs_cxx = pytest.mark.skipif(compiler() is None, reason="no C++ compiler on this machine")

AOT_SRC = r"""
#include <cstdint>
extern "C" int ScaledAdd(int nparam, void **params, int *ndims, int64_t **shapes,
                         const char **dtypes, void *stream, void *extra) {
  if (nparam != 3) return 1;
  for (int i = 0; i < 3; ++i) if (dtypes[i][0] != 'f') return 2;  // float32 only
  const float *a = static_cast<const float *>(params[0]);
  const float *b = static_cast<const float *>(params[1]);
  float *c = static_cast<float *>(params[2]);
  int64_t n = 1;
  for (int i = 0; i < ndims[2]; ++i) n *= shapes[2][i];
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] * b[i] + 1.0f;
  return 0;
}
"""


@pytest.fixture(scope="module")
def aot_op(tmp_path_factory):
    src = tmp_path_factory.mktemp("aot") / "scaled_add.cc"
    src.write_text(AOT_SRC)

    def bprop(a, b, out, dout):
        return dout * b, dout * a

    return ops.Custom(f"{src}:ScaledAdd", out_shape=lambda a, b: a, out_dtype=lambda a, b: a,
                      func_type="aot", bprop=bprop)


class UseCustom(nn.Cell):
    def __init__(self, op):
        super().__init__()
        self.op = op

    def construct(self, a, b):
        return self.op(a, b) * 2


@needs_cxx
def test_aot_kernel_both_modes_and_grad(mode, aot_op):
    a = Tensor(np.array([[1.0, 2.0], [3.0, -1.0]], np.float32))
    b = Tensor(np.array([[0.5, 0.5], [2.0, 4.0]], np.float32))
    out = UseCustom(aot_op)(a, b)
    np.testing.assert_allclose(out.asnumpy(), (a.asnumpy() * b.asnumpy() + 1) * 2)
    ga, gb = ms.grad(lambda x, y: UseCustom(aot_op)(x, y).sum(), grad_position=(0, 1))(a, b)
    np.testing.assert_allclose(ga.asnumpy(), 2 * b.asnumpy())
    np.testing.assert_allclose(gb.asnumpy(), 2 * a.asnumpy())


@needs_cxx
def test_aot_kernel_under_vmap(aot_op):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.full((2, 3), 0.5, np.float32)
    out = ops.vmap(lambda x, y: aot_op(x, y))(Tensor(a), Tensor(b))
    np.testing.assert_allclose(out.asnumpy(), a * b + 1)


@needs_cxx
def test_aot_is_a_custom_call(aot_op):
    a = np.ones((3,), np.float32)
    with cpu_target():  # a C++ kernel is a CPU kernel: elsewhere it runs as a host callback
        hlo = jax.jit(lambda x: aot_op(Tensor._wrap(x), Tensor._wrap(x))._data).lower(a).as_text()
    assert "custom_call" in hlo and "mindspore_jax_aot" in hlo


def test_aot_errors(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        ops.Custom(str(tmp_path / "nope.so") + ":F", func_type="aot")
    with pytest.raises(TypeError, match="'file_name:func_name'"):
        ops.Custom("no_colon", func_type="aot")
    with pytest.raises(NotImplementedError, match="pyfunc"):
        ops.Custom(lambda x: x, func_type="tbe")
    with pytest.raises(ValueError, match="'func_type' must be one of"):
        ops.Custom(lambda x: x, func_type="cuda")


@needs_cxx
def test_cpu_kernel_on_another_target_runs_on_the_host(tmp_path):
    """A kernel registered for CPU keeps running on the host when the context names another
    target (MindSpore's heterogeneous execution); here the example plug-in's target."""
    src = tmp_path / "scaled_add.cc"
    src.write_text(AOT_SRC)
    reg = ops.CustomRegOp("scaled_add").input(0, "a").input(1, "b").output(0, "c").target("CPU").get_op_info()
    op = ops.Custom(f"{src}:ScaledAdd", out_shape=lambda a, b: a, out_dtype=lambda a, b: a,
                    func_type="aot", reg_info=reg)
    a = Tensor(np.array([1.0, 2.0, 3.0], np.float32))
    try:
        context.set_context(device_target="CPUStandIn")
        out = op(a, a).asnumpy()
        hlo = jax.jit(lambda x: op(Tensor._wrap(x), Tensor._wrap(x))._data).lower(a._data).as_text()
    finally:
        context.set_context(device_target="CPU")
    np.testing.assert_allclose(out, [2.0, 5.0, 10.0])
    assert "mindspore_jax_aot" not in hlo  # a host callback, not the device custom call


def test_pyfunc_jit_grad_vmap(mode):
    op = ops.Custom(lambda x: np.sin(x), out_shape=lambda s: s, out_dtype=lambda d: d,
                    func_type="pyfunc", bprop=lambda x, out, dout: (dout * ops.cos(x),))
    x = Tensor(np.array([0.1, 0.5, 1.0], np.float32))
    np.testing.assert_allclose(op(x).asnumpy(), np.sin(x.asnumpy()), rtol=1e-6)
    g = ms.grad(lambda v: op(v).sum())(x)
    np.testing.assert_allclose(g.asnumpy(), np.cos(x.asnumpy()), rtol=1e-6)
    batched = ops.vmap(lambda v: op(v))(Tensor(np.ones((2, 3), np.float32)))
    np.testing.assert_allclose(batched.asnumpy(), np.sin(np.ones((2, 3))), rtol=1e-6)


@needs_cxx
def test_example_plugin_replaces_registry_ops():
    x = Tensor(np.random.RandomState(0).randn(3, 5).astype(np.float32))
    g = Tensor(np.linspace(0.5, 1.5, 5).astype(np.float32))
    b = Tensor(np.linspace(-0.2, 0.2, 5).astype(np.float32))
    ln = ops.operations.LayerNorm(begin_norm_axis=-1, begin_params_axis=-1, epsilon=1e-5)
    ref_sm = ops.softmax(x, -1).asnumpy()
    ref_ln = [t.asnumpy() for t in ln(x, g, b)]
    try:
        context.set_context(device_target="CPUStandIn")
        sm = ops.softmax(x, -1).asnumpy()
        out = [t.asnumpy() for t in ln(x, g, b)]
        hlo = jax.jit(lambda a: ops.softmax(Tensor._wrap(a), -1)._data).lower(x._data).as_text()
        assert "standin_softmax" in hlo
        hlo = jax.jit(lambda a: ln(Tensor._wrap(a), g, b)[0]._data).lower(x._data).as_text()
        assert "standin_layer_norm" in hlo
        # a compiled Cell picks the plug-in's kernels too (the context is part of the cache key)
        ms.set_context(mode=ms.GRAPH_MODE)

        class Net(nn.Cell):
            def construct(self, v):
                return ops.softmax(v, -1)

        np.testing.assert_allclose(Net()(x).asnumpy(), ref_sm, rtol=1e-5, atol=1e-7)
    finally:
        context.set_context(device_target="CPU")
    np.testing.assert_allclose(sm, ref_sm, rtol=1e-5, atol=1e-7)
    for o, r in zip(out, ref_ln):
        np.testing.assert_allclose(o.reshape(r.shape), r, rtol=1e-5, atol=1e-5)
    # back on CPU the registry's own code runs again
    hlo = jax.jit(lambda a: ops.softmax(Tensor._wrap(a), -1)._data).lower(x._data).as_text()
    assert "standin_softmax" not in hlo


def test_ascend_without_plugin_says_what_to_install():
    with pytest.raises(RuntimeError, match="entry point named 'Ascend' in group 'mindspore_jax.devices'"):
        context.set_context(device_target="Ascend")
    assert context.get_context("device_target") == "CPU"


# --- the AOT ABI's optional parts: AotExtra (attributes, workspaces, kernel data), <Func>Init,
# --- <Func>InferShape. The kernel below also runs unchanged in MindSpore 2.10 (CPU), giving
# --- the same numbers (checked by hand with /work/msvenv, kernel built next to a copy of
# --- custom_aot_extra.h: ReduceKernel with out_shape=None in both modes, ShiftKernel, TwoOut;
# --- MindSpore also rejects an int attribute read as float, as the bridge does).

EXTRA_SRC = r"""
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>
#include "custom_aot_extra.h"

static int g_destroyed = 0;

class ReduceData : public AotKernelData {
 public:
  int64_t axis = 0;
  float scale = 1.0f;
  float offset = 0.0f;
  ~ReduceData() override { ++g_destroyed; }
};

extern "C" int DestroyedCount() { return g_destroyed; }

// x (rows, cols) float32 -> the sum over `axis`, times `scale`, plus an offset from the vector
// attributes; the sums go through workspace 0 (workspace 1 is there to test two).
extern "C" int ReduceKernelInit(int *ndims, int64_t **shapes, const char **dtypes, AotExtra *extra) {
  ReduceData *d = new ReduceData;
  d->axis = extra->Attr<int64_t>("axis");
  bool keep_dim = extra->Attr<bool>("keep_dim");
  d->scale = extra->Attr<float>("scale");
  std::string tag = extra->Attr<std::string>("tag");
  for (int64_t b : extra->Attr<std::vector<int64_t>>("bias")) d->offset += static_cast<float>(b);
  if (extra->HasAttr("weights"))
    for (float w : extra->Attr<std::vector<float>>("weights")) d->offset += w;
  if (extra->HasAttr("pads"))
    for (const auto &row : extra->Attr<std::vector<std::vector<int64_t>>>("pads"))
      for (int64_t p : row) d->offset += 100.0f * static_cast<float>(p);
  if (extra->HasAttr("grid"))
    for (const auto &row : extra->Attr<std::vector<std::vector<float>>>("grid"))
      for (float g : row) d->offset += g;
  if (tag != "sum") { delete d; return 3; }
  // inputs then outputs: x and y, with their dtypes
  if (ndims[0] != 2 || ndims[1] != (keep_dim ? 2 : 1) || std::string(dtypes[0]) != "float32" ||
      std::string(dtypes[1]) != "float32") {
    delete d;
    return 4;
  }
  int64_t n_out = shapes[0][d->axis == 0 ? 1 : 0];
  extra->SetWorkSpace({static_cast<size_t>(n_out) * sizeof(float), 16});
  extra->SetKernelData(d);
  return 0;
}

extern "C" std::vector<int64_t> ReduceKernelInferShape(int *ndims, int64_t **shapes, AotExtra *extra) {
  int64_t axis = extra->Attr<int64_t>("axis");
  bool keep = extra->Attr<bool>("keep_dim");
  std::vector<int64_t> out;
  for (int64_t i = 0; i < ndims[0]; ++i) {
    if (i != axis) out.push_back(shapes[0][i]);
    else if (keep) out.push_back(1);
  }
  return out;
}

extern "C" int ReduceKernel(int nparam, void **params, int *ndims, int64_t **shapes,
                            const char **dtypes, void *stream, void *extra) {
  AotExtra *ex = static_cast<AotExtra *>(extra);
  ReduceData *d = static_cast<ReduceData *>(ex->KernelData());
  if (d == nullptr) return 10;
  if (nparam != 4 || ex->WorkSpace().size() != 2) return 11;  // x, y, two workspaces
  const float *x = static_cast<const float *>(params[0]);
  float *y = static_cast<float *>(params[1]);
  float *tmp = static_cast<float *>(params[2]);
  std::memset(params[3], 0x7f, 16);  // the second workspace is writable
  int64_t rows = shapes[0][0], cols = shapes[0][1];
  int64_t n_out = d->axis == 0 ? cols : rows;
  std::memset(tmp, 0, n_out * sizeof(float));
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) tmp[d->axis == 0 ? c : r] += x[r * cols + c];
  for (int64_t i = 0; i < n_out; ++i) y[i] = tmp[i] * d->scale + d->offset;
  return 0;
}

// No Init: the kernel reads its attributes itself, through the `extra` argument.
extern "C" int ShiftKernel(int nparam, void **params, int *ndims, int64_t **shapes,
                           const char **dtypes, void *stream, void *extra) {
  AotExtra *ex = static_cast<AotExtra *>(extra);
  float alpha = ex->HasAttr("alpha") ? ex->Attr<float>("alpha") : 1.0f;
  float shift = static_cast<float>(ex->Attr<int64_t>("shift"));
  const float *x = static_cast<const float *>(params[0]);
  float *y = static_cast<float *>(params[1]);
  int64_t n = 1;
  for (int i = 0; i < ndims[0]; ++i) n *= shapes[0][i];
  for (int64_t i = 0; i < n; ++i) y[i] = x[i] * alpha + shift;
  return 0;
}

// Two outputs (reg_info lists two): x (n,) -> (x * 2, [sum(x)]); the multi-output InferShape.
extern "C" std::vector<std::vector<int64_t>> TwoOutInferShape(int *ndims, int64_t **shapes, AotExtra *) {
  return {{shapes[0][0]}, {1}};
}

extern "C" int TwoOut(int nparam, void **params, int *ndims, int64_t **shapes, const char **dtypes,
                      void *stream, void *extra) {
  const float *x = static_cast<const float *>(params[0]);
  float *y = static_cast<float *>(params[1]), *s = static_cast<float *>(params[2]);
  s[0] = 0;
  for (int64_t i = 0; i < shapes[0][0]; ++i) { y[i] = 2 * x[i]; s[0] += x[i]; }
  return 0;
}
"""

# From MindSpore 2.10 (/work/msvenv), for the builder calls in reduce_reg_info below:
# print(repr(CustomRegOp("reduce_kernel")....get_op_info()))
MS_REDUCE_REG_INFO = {
    'op_name': 'reduce_kernel',
    'inputs': [{'index': 0, 'name': 'x1', 'paramType': 'required'}],
    'outputs': [{'index': 0, 'name': 'y', 'paramType': 'required'}],
    'attr': [{'name': 'axis', 'paramType': 'required', 'type': 'all', 'value': 1},
             {'name': 'keep_dim', 'paramType': 'required', 'type': 'all', 'value': False},
             {'name': 'scale', 'paramType': 'optional', 'type': 'float', 'value': 2.5},
             {'name': 'tag', 'paramType': 'required', 'type': 'str', 'value': 'sum'},
             {'name': 'bias', 'paramType': 'required', 'type': 'listInt', 'value': [3, 4]}],
    'fusion_type': '',
    'dtype_format': [(('float32', 'DefaultFormat'), ('float32', 'DefaultFormat'))],
    'target': 'CPU'}
# and print(repr(CustomRegOp().get_op_info())), and the odd cases below
MS_EMPTY_REG_INFO = {'op_name': 'Custom', 'inputs': [], 'outputs': [], 'attr': [], 'fusion_type': '',
                     'dtype_format': [], 'target': 'UnKnown'}
MS_ODD_REG_INFO = {'op_name': 'x', 'inputs': [{'index': 1}],
                   'outputs': [{'index': 0, 'name': 'y', 'paramType': 'dynamic', 'foo': 3}],
                   'attr': [{'name': 'a', 'defaultValue': '1'}], 'fusion_type': '', 'dtype_format': [],
                   'target': None}


def reduce_reg_info(axis=1, keep_dim=False, scale=2.5, tag="sum", bias=(3, 4), skip=(), target="CPU"):
    reg = ops.CustomRegOp("reduce_kernel").input(0, "x1").output(0, "y")
    for name, ptype, vtype, value in [("axis", "required", "all", axis),
                                      ("keep_dim", "required", "all", keep_dim),
                                      ("scale", "optional", "float", scale),
                                      ("tag", "required", "str", tag),
                                      ("bias", "required", "listInt", list(bias))]:
        if name not in skip:
            reg = reg.attr(name, ptype, vtype, value=value)
    return reg.dtype_format(ops.DataType.F32_Default, ops.DataType.F32_Default).target(target).get_op_info()


def reduce_expect(x, axis=1, keep_dim=False, scale=2.5, offset=7.0):
    return x.sum(axis, keepdims=keep_dim) * scale + offset


@pytest.fixture(scope="module")
def extra_src(tmp_path_factory):
    src = tmp_path_factory.mktemp("aot_extra") / "reduce_kernel.cc"
    src.write_text(EXTRA_SRC)
    return src


def test_custom_reg_op_info_is_mindsporess():
    assert reduce_reg_info() == MS_REDUCE_REG_INFO
    assert ops.CustomRegOp().get_op_info() == MS_EMPTY_REG_INFO
    odd = (ops.CustomRegOp("x").input(1, None, None).output(0, "y", "dynamic", foo=3)
           .attr("a", default_value="1").target().get_op_info())
    assert odd == MS_ODD_REG_INFO
    with pytest.raises(ValueError, match="sum of input tensors and output tensors"):
        ops.CustomRegOp().input(0, "x").dtype_format(ops.DataType.F32_Default, ops.DataType.F32_Default)


@needs_cxx
def test_aot_init_attrs_workspace_kernel_data(mode, extra_src):
    x = np.arange(12, dtype=np.float32).reshape(3, 4)

    def bprop(x, out, dout):  # d(sum(x, 1) * 2.5 + c)/dx
        return (ops.broadcast_to(ops.expand_dims(dout, 1), x.shape) * 2.5,)

    op = ops.Custom(f"{extra_src}:ReduceKernel", out_shape=None, out_dtype=lambda d: d, func_type="aot",
                    bprop=bprop, reg_info=reduce_reg_info())
    assert op.attrs["axis"] == 1 and op.attrs["tag"] == "sum" and op.attrs["cpp_infer_shape"] is True
    net = UseCustom1(op)
    out = net(Tensor(x))
    assert out.shape == (3,)  # from ReduceKernelInferShape
    np.testing.assert_allclose(out.asnumpy(), reduce_expect(x) * 2)
    g = ms.grad(lambda v: UseCustom1(op)(v).sum())(Tensor(x))
    np.testing.assert_allclose(g.asnumpy(), np.full((3, 4), 5.0, np.float32))
    # under jit: one custom call whose extra results (the workspaces) are dropped
    f = jax.jit(lambda v: op(Tensor._wrap(v))._data)
    np.testing.assert_allclose(np.asarray(f(x)), reduce_expect(x))
    hlo = f.lower(x).as_text()
    assert "mindspore_jax_aot" in hlo and "tensor<12xui8>" in hlo and "tensor<16xui8>" in hlo
    # other attributes (another reduce axis, keep_dim) give another shape and another Init
    op0 = ops.Custom(f"{extra_src}:ReduceKernel", out_shape=None, out_dtype=lambda d: d, func_type="aot",
                     reg_info=reduce_reg_info(axis=0, keep_dim=True, scale=-1.0, bias=[]))
    out0 = UseCustom1(op0)(Tensor(x))
    assert out0.shape == (1, 4)
    np.testing.assert_allclose(out0.asnumpy(), reduce_expect(x, 0, True, -1.0, 0.0) * 2)


class UseCustom1(nn.Cell):
    def __init__(self, op):
        super().__init__()
        self.op = op

    def construct(self, x):
        return self.op(x) * 2


@needs_cxx
def test_aot_add_prim_attr_vectors_and_kernel_data_freed(extra_src):
    x = np.ones((2, 3), np.float32)
    op = ops.Custom(f"{extra_src}:ReduceKernel", out_shape=lambda s: (s[0],), out_dtype=lambda d: d,
                    func_type="aot", reg_info=reduce_reg_info(scale=1.0, bias=(1,)))
    op.add_prim_attr("weights", [0.5, 0.25]).add_prim_attr("pads", [[1], [2, 3]])
    op.add_prim_attr("grid", ((0.125, 2), (1,)))  # ints among floats read as floats
    np.testing.assert_allclose(op(Tensor(x)).asnumpy(), [3 + 1 + 0.75 + 600 + 3.125] * 2)
    # changing an attribute re-runs Init for the new values
    op.add_prim_attr("pads", [])
    np.testing.assert_allclose(op(Tensor(x)).asnumpy(), [3 + 1 + 0.75 + 3.125] * 2)
    lib = op._lib
    jax.clear_caches()  # JAX's caches of the eager calls hold ops (see custom._Handle)
    gc.collect()  # ops of earlier tests go now
    before = lib.DestroyedCount()
    del op
    jax.clear_caches()
    gc.collect()
    assert lib.DestroyedCount() == before + 2  # both handles' ReduceData deleted


@needs_cxx
def test_aot_kernel_reads_attrs_without_init(mode, extra_src):
    x = Tensor(np.array([1.0, 2.0, 3.0], np.float32))
    op = ops.Custom(f"{extra_src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d,
                    func_type="aot")
    op.add_prim_attr("shift", 10)
    np.testing.assert_allclose(UseCustom1(op)(x).asnumpy(), [22.0, 24.0, 26.0])  # no alpha: HasAttr
    op2 = ops.Custom(f"{extra_src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d,
                     func_type="aot").add_prim_attr("shift", -1).add_prim_attr("alpha", 3.0)
    np.testing.assert_allclose(UseCustom1(op2)(x).asnumpy(), [4.0, 10.0, 16.0])


@needs_cxx
def test_aot_extra_errors(extra_src):
    x = Tensor(np.ones((2, 3), np.float32))
    path = f"{extra_src}:ReduceKernel"

    def make(**kw):
        return ops.Custom(path, out_shape=lambda s: (s[0],), out_dtype=lambda d: d, func_type="aot",
                          reg_info=reduce_reg_info(**kw))

    with pytest.raises(RuntimeError, match=r"'ReduceKernelInit' returned error code 3"):
        make(tag="max")(x)
    with pytest.raises(RuntimeError, match=r"Attr<float>\(\"scale\"\): there is no attribute called 'scale'"):
        make(skip=("scale",))(x)
    with pytest.raises(RuntimeError, match=r"Attr<int64_t>\(\"axis\"\): the attribute holds a float, which"):
        make(axis=1.0)(x)
    with pytest.raises(RuntimeError, match=r"Attr<bool>\(\"keep_dim\"\): the attribute holds an int"):
        make(keep_dim=1)(x)
    with pytest.raises(RuntimeError, match=r"holds a value of a type AotExtra cannot read"):
        make(tag=["sum"])(x)
    # the same op works once the attribute is there
    op = make(skip=("scale",))
    with pytest.raises(RuntimeError, match="no attribute called 'scale'"):
        op(x)
    op.add_prim_attr("scale", 2.0)
    np.testing.assert_allclose(op(x).asnumpy(), [13.0, 13.0])
    # out_shape=None: the shape function must exist, and its attribute errors are reported
    with pytest.raises(ValueError, match=r"ShiftKernelInferShape"):
        ops.Custom(f"{extra_src}:ShiftKernel", out_dtype=lambda d: d, func_type="aot")(x)
    op = ops.Custom(path, out_dtype=lambda d: d, func_type="aot", reg_info=reduce_reg_info(skip=("axis",)))
    with pytest.raises(RuntimeError, match=r"ReduceKernelInferShape failed: .*no attribute called 'axis'"):
        op(x)
    # a kernel that reads a missing attribute while it runs fails its call with the message
    op = ops.Custom(f"{extra_src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d, func_type="aot")
    with pytest.raises(RuntimeError, match=r"Attr<int64_t>\(\"shift\"\): there is no attribute called"):
        op(x).asnumpy()


@needs_cxx
def test_aot_init_and_workspaces_on_the_host_path(extra_src):
    """A CPU kernel under another target runs through ctypes: same Init, workspaces, handle."""
    op = ops.Custom(f"{extra_src}:ReduceKernel", out_shape=None, out_dtype=lambda d: d, func_type="aot",
                    reg_info=reduce_reg_info())
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    try:
        context.set_context(device_target="CPUStandIn")
        out = op(Tensor(x)).asnumpy()
        hlo = jax.jit(lambda v: op(Tensor._wrap(v))._data).lower(x).as_text()
    finally:
        context.set_context(device_target="CPU")
    np.testing.assert_allclose(out, reduce_expect(x))
    assert "mindspore_jax_aot" not in hlo
    src = extra_src.parent / "shift_kernel_host.cc"
    src.write_text(EXTRA_SRC)
    op = ops.Custom(f"{src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d, func_type="aot",
                    reg_info=ops.CustomRegOp().input(0, "x").output(0, "y").target("CPU")
                    .dtype_format(ops.DataType.F32_Default, ops.DataType.F32_Default).get_op_info())
    try:
        context.set_context(device_target="CPUStandIn")
        with pytest.raises(RuntimeError, match="no attribute called 'shift'"):
            op(Tensor(x)).asnumpy()
    finally:
        context.set_context(device_target="CPU")


@needs_cxx
def test_a_users_copy_of_the_header_wins(tmp_path):
    from mindspore_jax.ops._custom.build import INCLUDE_DIR

    with open(f"{INCLUDE_DIR}/custom_aot_extra.h") as f:
        header = f.read()
    (tmp_path / "custom_aot_extra.h").write_text(header + "\n#define USERS_OWN_COPY 1\n")
    src = tmp_path / "k.cc"
    src.write_text(EXTRA_SRC + "\n#ifndef USERS_OWN_COPY\n#error not the user's header\n#endif\n")
    op = ops.Custom(f"{src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d,
                    func_type="aot").add_prim_attr("shift", 1)
    np.testing.assert_allclose(op(Tensor(np.zeros(2, np.float32))).asnumpy(), [1.0, 1.0])


@needs_cxx
def test_aot_multi_output_infer_shape(mode, extra_src):
    reg = (ops.CustomRegOp("two_out").input(0, "x").output(0, "y").output(1, "s")
           .dtype_format(*[ops.DataType.F32_Default] * 3).target("CPU").get_op_info())
    op = ops.Custom(f"{extra_src}:TwoOut", out_dtype=lambda d: (d, d), func_type="aot", reg_info=reg)

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.op = op

        def construct(self, x):
            y, s = self.op(x)
            return y, s

    y, s = Net()(Tensor(np.array([1.0, 2.0, 4.0], np.float32)))
    assert y.shape == (3,) and s.shape == (1,)
    np.testing.assert_allclose(y.asnumpy(), [2.0, 4.0, 8.0])
    np.testing.assert_allclose(s.asnumpy(), [7.0])


@needs_cxx
def test_aot_op_built_inside_a_jitted_function(extra_src):
    """Compiled code can outlive an op built while tracing: the traced call keeps the op (so
    its kernel data) alive; without Init the attributes-only AotExtra is shared and kept."""
    x = np.array([1.0, 2.0], np.float32)

    @jax.jit
    def shift(v):
        op = ops.Custom(f"{extra_src}:ShiftKernel", out_shape=lambda s: s, out_dtype=lambda d: d,
                        func_type="aot").add_prim_attr("shift", 5)
        return op(Tensor._wrap(v))._data

    @jax.jit
    def reduce(v):
        op = ops.Custom(f"{extra_src}:ReduceKernel", out_shape=lambda s: (s[0],), out_dtype=lambda d: d,
                        func_type="aot", reg_info=reduce_reg_info(bias=()))
        return op(Tensor._wrap(v))._data

    x2 = np.ones((2, 2), np.float32)
    for _ in range(2):  # the second call reuses the compiled code
        np.testing.assert_allclose(np.asarray(shift(x)), [6.0, 7.0])
        np.testing.assert_allclose(np.asarray(reduce(x2)), [5.0, 5.0])
        gc.collect()


@needs_cxx
def test_setup_builds_the_libraries_at_install(tmp_path):
    """setup.py (run by pip install) builds the bridge and the plug-in kernels against this jaxlib,
    under the names package_lib() looks for; here into a temporary build folder."""
    import ctypes
    import importlib.machinery
    import os
    import subprocess
    import sys

    import jaxlib

    from mindspore_jax.ops._custom.build import PACKAGE_LIBS, prebuilt_name

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    r = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--build-lib", str(tmp_path),
                        "--build-temp", str(tmp_path / "tmp")], cwd=root, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    libs = {}
    for name, (rel, _) in PACKAGE_LIBS.items():
        lib = tmp_path / "mindspore_jax" / os.path.dirname(rel) / (prebuilt_name(name, jaxlib.__version__)
                                                                   + suffix)
        assert lib.exists(), sorted(str(p) for p in tmp_path.rglob("*.so"))
        libs[name] = ctypes.CDLL(str(lib))
    bridge = libs["aot_bridge"]
    assert bridge.MsJaxAotCall and bridge.MsJaxAotCallGpu and bridge.MsJaxAotInit
    # another jaxlib gives another name: a library built for it is never loaded here
    assert prebuilt_name("aot_bridge", "0.0.0") != prebuilt_name("aot_bridge", jaxlib.__version__)
