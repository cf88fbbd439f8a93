"""GPU behaviour: device placement and switching, MindSpore's FP32 precision defaults, CUDA AOT
kernels on XLA's stream. Runs only where JAX sees a GPU (CI has none; these were run on a lent
H100/H200 through the device tool, see STATUS.md)."""

import numpy as np
import pytest

import jax
import mindspore_jax as ms
from mindspore_jax import Tensor, context, nn, ops
from mindspore_jax.ops._custom.build import compiler, nvcc

pytestmark = pytest.mark.skipif(not any(d.platform == "gpu" for d in jax.devices()),
                                reason="no GPU visible to JAX")

CU_SRC = r"""
#include <cstdint>
#include <cuda_runtime.h>
__global__ void scaled_add(const float *a, const float *b, float *c, int64_t n) {
  int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x;
  if (i < n) c[i] = a[i] * b[i] + 1.0f;
}
extern "C" int ScaledAdd(int nparam, void **params, int *ndims, int64_t **shapes,
                         const char **dtypes, void *stream, void *extra) {
  if (nparam != 3) return 1;
  int64_t n = 1;
  for (int i = 0; i < ndims[2]; ++i) n *= shapes[2][i];
  scaled_add<<<(n + 255) / 256, 256, 0, static_cast<cudaStream_t>(stream)>>>(
      static_cast<const float *>(params[0]), static_cast<const float *>(params[1]),
      static_cast<float *>(params[2]), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 2;
}
"""


class Mlp(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Dense(64, 128)
        self.fc2 = nn.Dense(128, 10)
        self.relu = nn.ReLU()

    def construct(self, x):
        return self.fc2(self.relu(self.fc1(x)))


def _train(steps=3):
    ms.set_seed(1)
    net = Mlp()
    step = nn.TrainOneStepCell(nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True,
                                                                                     reduction="mean")),
                               nn.Momentum(net.trainable_params(), 0.1, 0.9))
    rng = np.random.RandomState(0)
    x = Tensor(rng.randn(32, 64).astype(np.float32))
    y = Tensor(rng.randint(0, 10, 32).astype(np.int32))
    losses = [float(step(x, y).asnumpy()) for _ in range(steps)]
    return losses, net


def test_default_target_is_the_gpu_and_cells_run_there():
    assert context.get_context("device_target") == "GPU"
    assert ms.hal.device_count("GPU") >= 1 and ms.device_context.gpu.is_available()
    ms.set_context(mode=ms.GRAPH_MODE)
    losses, net = _train()
    assert losses[-1] < losses[0]
    assert net.fc1.weight.device.startswith("GPU")
    assert ms.hal.get_device_name(0).strip()


def test_switching_targets_mid_script_moves_the_work():
    ms.set_context(mode=ms.GRAPH_MODE)
    try:
        ms.set_device("CPU")
        cpu_losses, net = _train()
        assert net.fc1.weight.device.startswith("CPU")
        # the same network, created on the CPU, keeps training on the GPU
        ms.set_device("GPU")
        x = Tensor(np.ones((4, 64), np.float32))
        out = net(x)
        assert out.device.startswith("GPU")
        gpu_losses, _ = _train()
    finally:
        ms.set_device("GPU")
    np.testing.assert_allclose(gpu_losses, cpu_losses, rtol=1e-4)


def test_fp32_matmul_is_full_precision_unless_tf32_is_allowed():
    rng = np.random.RandomState(0)
    a = rng.randn(512, 512).astype(np.float32)
    b = rng.randn(512, 512).astype(np.float32)
    ref = a.astype(np.float64) @ b.astype(np.float64)

    def err():
        out = ops.matmul(Tensor(a), Tensor(b)).asnumpy()
        return np.abs(out - ref).max() / np.abs(ref).max()

    assert err() < 1e-5  # MindSpore's default: matmul_allow_tf32(False)
    try:
        ms.device_context.gpu.op_precision.matmul_allow_tf32(True)
        assert err() > 1e-5  # TF32 keeps 10 mantissa bits
    finally:
        ms.device_context.gpu.op_precision.matmul_allow_tf32(False)
    assert err() < 1e-5


def test_conv_matches_the_cpu():
    rng = np.random.RandomState(0)
    x = rng.randn(2, 3, 16, 16).astype(np.float32)
    w = rng.randn(8, 3, 3, 3).astype(np.float32)
    conv = ops.Conv2D(out_channel=8, kernel_size=3, pad_mode="same")
    gpu = conv(Tensor(x), Tensor(w)).asnumpy()
    try:
        ms.set_device("CPU")
        cpu = conv(Tensor(x), Tensor(w)).asnumpy()
    finally:
        ms.set_device("GPU")
    np.testing.assert_allclose(gpu, cpu, rtol=2e-2, atol=2e-2)  # conv_allow_tf32 defaults to True


@pytest.mark.skipif(nvcc() is None, reason="no nvcc")
def test_cuda_aot_kernel_runs_on_xla_stream(mode, tmp_path):
    src = tmp_path / "scaled_add.cu"
    src.write_text(CU_SRC)
    op = ops.Custom(f"{src}:ScaledAdd", out_shape=lambda a, b: a, out_dtype=lambda a, b: a,
                    func_type="aot", bprop=lambda a, b, out, dout: (dout * b, dout * a))

    class Net(nn.Cell):
        def __init__(self):
            super().__init__()
            self.op = op

        def construct(self, a, b):
            return self.op(a * 1.0, b) * 2

    a = Tensor(np.linspace(-1, 1, 3000).astype(np.float32))
    b = Tensor(np.linspace(0, 2, 3000).astype(np.float32))
    out = Net()(a, b)
    assert out.device.startswith("GPU")
    np.testing.assert_allclose(out.asnumpy(), (a.asnumpy() * b.asnumpy() + 1) * 2, rtol=1e-6)
    ga, gb = ms.grad(lambda x, y: Net()(x, y).sum(), grad_position=(0, 1))(a, b)
    np.testing.assert_allclose(ga.asnumpy(), 2 * b.asnumpy(), rtol=1e-6)
    np.testing.assert_allclose(gb.asnumpy(), 2 * a.asnumpy(), rtol=1e-6)
    hlo = jax.jit(lambda x: op(Tensor._wrap(x), Tensor._wrap(x))._data).lower(a._data).as_text()
    assert "mindspore_jax_aot" in hlo
    # a CUDA kernel on the CPU target says what to do instead of crashing
    try:
        ms.set_device("CPU")
        with pytest.raises(RuntimeError, match="is a GPU kernel"):
            op(a, b)
    finally:
        ms.set_device("GPU")


@pytest.mark.skipif(compiler() is None, reason="no C++ compiler")
def test_cpu_aot_kernel_under_the_gpu_target_runs_on_the_host(tmp_path):
    src = tmp_path / "scaled_add.cc"
    src.write_text(r"""
#include <cstdint>
extern "C" int ScaledAdd(int nparam, void **params, int *ndims, int64_t **shapes,
                         const char **dtypes, void *stream, void *extra) {
  const float *a = static_cast<const float *>(params[0]);
  const float *b = static_cast<const float *>(params[1]);
  float *c = static_cast<float *>(params[2]);
  int64_t n = 1;
  for (int i = 0; i < ndims[2]; ++i) n *= shapes[2][i];
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] * b[i] + 1.0f;
  return 0;
}
""")
    op = ops.Custom(f"{src}:ScaledAdd", out_shape=lambda a, b: a, out_dtype=lambda a, b: a,
                    func_type="aot")
    a = Tensor(np.array([1.0, 2.0, 3.0], np.float32))
    ms.set_context(mode=ms.GRAPH_MODE)

    class Net(nn.Cell):
        def construct(self, x):
            return op(x, x) + 1

    np.testing.assert_allclose(Net()(a).asnumpy(), [3.0, 6.0, 11.0])


CU_INIT_SRC = r"""
#include <cstdint>
#include <cuda_runtime.h>
#include "custom_aot_extra.h"

class ScaleData : public AotKernelData {
 public:
  float scale;
};

extern "C" int ScaledSumInit(int *ndims, int64_t **shapes, const char **dtypes, AotExtra *extra) {
  int64_t n = 1;
  for (int i = 0; i < ndims[0]; ++i) n *= shapes[0][i];
  extra->SetWorkSpace({static_cast<size_t>(n) * sizeof(float)});
  ScaleData *data = new ScaleData;
  data->scale = extra->Attr<float>("scale");
  extra->SetKernelData(data);
  return 0;
}

__global__ void scale_into(const float *a, float s, float *tmp, int64_t n) {
  int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x;
  if (i < n) tmp[i] = a[i] * s;
}
__global__ void add(const float *tmp, const float *b, float *c, int64_t n) {
  int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x;
  if (i < n) c[i] = tmp[i] + b[i];
}

extern "C" int ScaledSum(int nparam, void **params, int *ndims, int64_t **shapes,
                         const char **dtypes, void *stream, void *extra) {
  if (nparam != 4) return 1;  // a, b, c, workspace
  auto *data = static_cast<const ScaleData *>(static_cast<AotExtra *>(extra)->KernelData());
  int64_t n = 1;
  for (int i = 0; i < ndims[2]; ++i) n *= shapes[2][i];
  cudaStream_t s = static_cast<cudaStream_t>(stream);
  float *tmp = static_cast<float *>(params[3]);
  scale_into<<<(n + 255) / 256, 256, 0, s>>>(static_cast<const float *>(params[0]), data->scale, tmp, n);
  add<<<(n + 255) / 256, 256, 0, s>>>(tmp, static_cast<const float *>(params[1]),
                                       static_cast<float *>(params[2]), n);
  return cudaGetLastError() == cudaSuccess ? 0 : 2;
}
"""


@pytest.mark.skipif(nvcc() is None, reason="no nvcc")
def test_cuda_aot_kernel_with_init_attrs_and_workspace(mode, tmp_path):
    src = tmp_path / "scaled_sum.cu"
    src.write_text(CU_INIT_SRC)
    reg = (ops.CustomRegOp("scaled_sum").input(0, "a").input(1, "b").output(0, "c")
           .dtype_format(ops.DataType.F32_Default, ops.DataType.F32_Default, ops.DataType.F32_Default)
           .attr("scale", "required", "float", value=2.5).target("GPU").get_op_info())
    op = ops.Custom(f"{src}:ScaledSum", out_shape=lambda a, b: a, out_dtype=lambda a, b: a,
                    func_type="aot", reg_info=reg)

    class Net(nn.Cell):
        def construct(self, a, b):
            return op(a, b) - 1

    a = np.linspace(-1, 1, 5000).astype(np.float32)
    b = np.linspace(0, 3, 5000).astype(np.float32)
    out = Net()(Tensor(a), Tensor(b))
    assert out.device.startswith("GPU")
    np.testing.assert_allclose(out.asnumpy(), a * 2.5 + b - 1, rtol=1e-6, atol=1e-6)
