// Example device plug-in kernels: a fused softmax and a layer norm over the last axis (float32),
// as XLA FFI handlers. They stand in for a vendor's kernels (e.g. Ascend aclnn ops).
#include <cmath>
#include <cstdint>

#include "xla/ffi/api/ffi.h"

namespace ffi = xla::ffi;

static int64_t Rows(const ffi::Buffer<ffi::F32> &x, int64_t *cols) {
  auto dims = x.dimensions();
  *cols = dims.size() == 0 ? 1 : dims.back();
  int64_t n = 1;
  for (auto d : dims) n *= d;
  return *cols ? n / *cols : 0;
}

static ffi::Error SoftmaxImpl(ffi::Buffer<ffi::F32> x, ffi::ResultBuffer<ffi::F32> y) {
  int64_t cols;
  int64_t rows = Rows(x, &cols);
  const float *in = x.typed_data();
  float *out = y->typed_data();
  for (int64_t r = 0; r < rows; ++r) {
    const float *a = in + r * cols;
    float *b = out + r * cols;
    float m = -INFINITY;
    for (int64_t c = 0; c < cols; ++c) m = a[c] > m ? a[c] : m;
    double s = 0;
    for (int64_t c = 0; c < cols; ++c) { b[c] = std::exp(a[c] - m); s += b[c]; }
    for (int64_t c = 0; c < cols; ++c) b[c] = static_cast<float>(b[c] / s);
  }
  return ffi::Error::Success();
}

static ffi::Error LayerNormImpl(ffi::Buffer<ffi::F32> x, ffi::Buffer<ffi::F32> gamma,
                                ffi::Buffer<ffi::F32> beta, float eps,
                                ffi::ResultBuffer<ffi::F32> y, ffi::ResultBuffer<ffi::F32> mean,
                                ffi::ResultBuffer<ffi::F32> var) {
  int64_t cols;
  int64_t rows = Rows(x, &cols);
  const float *in = x.typed_data(), *g = gamma.typed_data(), *bt = beta.typed_data();
  float *out = y->typed_data(), *mo = mean->typed_data(), *vo = var->typed_data();
  for (int64_t r = 0; r < rows; ++r) {
    const float *a = in + r * cols;
    double m = 0, v = 0;
    for (int64_t c = 0; c < cols; ++c) m += a[c];
    m /= cols;
    for (int64_t c = 0; c < cols; ++c) v += (a[c] - m) * (a[c] - m);
    v /= cols;
    float inv = static_cast<float>(1.0 / std::sqrt(v + eps));
    for (int64_t c = 0; c < cols; ++c)
      out[r * cols + c] = (a[c] - static_cast<float>(m)) * inv * g[c] + bt[c];
    mo[r] = static_cast<float>(m);
    vo[r] = static_cast<float>(v);
  }
  return ffi::Error::Success();
}

XLA_FFI_DEFINE_HANDLER_SYMBOL(StandInSoftmax, SoftmaxImpl,
                              ffi::Ffi::Bind().Arg<ffi::Buffer<ffi::F32>>().Ret<ffi::Buffer<ffi::F32>>());

XLA_FFI_DEFINE_HANDLER_SYMBOL(StandInLayerNorm, LayerNormImpl,
                              ffi::Ffi::Bind()
                                  .Arg<ffi::Buffer<ffi::F32>>()
                                  .Arg<ffi::Buffer<ffi::F32>>()
                                  .Arg<ffi::Buffer<ffi::F32>>()
                                  .Attr<float>("eps")
                                  .Ret<ffi::Buffer<ffi::F32>>()
                                  .Ret<ffi::Buffer<ffi::F32>>()
                                  .Ret<ffi::Buffer<ffi::F32>>());
