// One generic XLA FFI handler that calls a MindSpore AOT kernel:
//   int Func(int nparam, void **params, int *ndims, int64_t **shapes, const char **dtypes,
//            void *stream, void *extra)
// params are the inputs then the outputs. The kernel's address comes in as an attribute, so
// every AOT kernel goes through this single registered FFI target: MsJaxAotCall on the CPU
// (stream is null) and MsJaxAotCallGpu on CUDA, where params are device pointers and stream is
// the cudaStream_t XLA runs the computation on (the kernel must launch its work on it).
#include <cstdint>
#include <string>
#include <vector>

#include "xla/ffi/api/ffi.h"

namespace ffi = xla::ffi;

typedef int (*AotFn)(int, void **, int *, int64_t **, const char **, void *, void *);

static const char *DtypeName(ffi::DataType t) {
  switch (t) {
    case ffi::DataType::PRED: return "bool";
    case ffi::DataType::S8: return "int8";
    case ffi::DataType::S16: return "int16";
    case ffi::DataType::S32: return "int32";
    case ffi::DataType::S64: return "int64";
    case ffi::DataType::U8: return "uint8";
    case ffi::DataType::U16: return "uint16";
    case ffi::DataType::U32: return "uint32";
    case ffi::DataType::U64: return "uint64";
    case ffi::DataType::F16: return "float16";
    case ffi::DataType::BF16: return "bfloat16";
    case ffi::DataType::F32: return "float32";
    case ffi::DataType::F64: return "float64";
    case ffi::DataType::C64: return "complex64";
    case ffi::DataType::C128: return "complex128";
    default: return "unknown";
  }
}

static ffi::Error AotCall(void *stream, ffi::RemainingArgs args, ffi::RemainingRets rets,
                          int64_t fn_ptr, int64_t extra_ptr) {
  const size_t n_in = args.size(), n = args.size() + rets.size();
  std::vector<void *> params(n);
  std::vector<int> ndims(n);
  std::vector<std::vector<int64_t>> shapes(n);
  std::vector<int64_t *> shape_ptrs(n);
  std::vector<const char *> dtypes(n);
  for (size_t i = 0; i < n; ++i) {
    ffi::AnyBuffer buf = [&]() {
      if (i < n_in) return *args.get<ffi::AnyBuffer>(i);
      return **rets.get<ffi::AnyBuffer>(i - n_in);
    }();
    params[i] = buf.untyped_data();
    auto dims = buf.dimensions();
    shapes[i].assign(dims.begin(), dims.end());
    ndims[i] = static_cast<int>(dims.size());
    shape_ptrs[i] = shapes[i].data();
    dtypes[i] = DtypeName(buf.element_type());
  }
  AotFn fn = reinterpret_cast<AotFn>(fn_ptr);
  int rc = fn(static_cast<int>(n), params.data(), ndims.data(), shape_ptrs.data(), dtypes.data(),
              stream, reinterpret_cast<void *>(extra_ptr));
  if (rc != 0) {
    return ffi::Error(ffi::ErrorCode::kInternal,
                      "the AOT kernel returned error code " + std::to_string(rc));
  }
  return ffi::Error::Success();
}

static ffi::Error AotCallCpu(ffi::RemainingArgs args, ffi::RemainingRets rets, int64_t fn_ptr,
                             int64_t extra_ptr) {
  return AotCall(nullptr, args, rets, fn_ptr, extra_ptr);
}

static ffi::Error AotCallGpu(void *stream, ffi::RemainingArgs args, ffi::RemainingRets rets,
                             int64_t fn_ptr, int64_t extra_ptr) {
  return AotCall(stream, args, rets, fn_ptr, extra_ptr);
}

XLA_FFI_DEFINE_HANDLER_SYMBOL(MsJaxAotCall, AotCallCpu,
                              ffi::Ffi::Bind()
                                  .RemainingArgs()
                                  .RemainingRets()
                                  .Attr<int64_t>("fn_ptr")
                                  .Attr<int64_t>("extra_ptr"));

// void* instead of cudaStream_t keeps this file free of CUDA headers: it builds with g++ anywhere.
XLA_FFI_DEFINE_HANDLER_SYMBOL(MsJaxAotCallGpu, AotCallGpu,
                              ffi::Ffi::Bind()
                                  .Ctx<ffi::PlatformStream<void *>>()
                                  .RemainingArgs()
                                  .RemainingRets()
                                  .Attr<int64_t>("fn_ptr")
                                  .Attr<int64_t>("extra_ptr"));
