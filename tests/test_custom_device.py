"""ops.Custom (pyfunc and aot) and device plug-ins (the example CPUStandIn target)."""

import numpy as np
import pytest

import jax
import mindspore_jax as ms
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
def test_aot_is_a_custom_call(aot_op):
    a = np.ones((3,), np.float32)
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
