// The AOT ABI's runtime side, in one library with the FFI handler:
//   * one generic XLA FFI handler that calls a MindSpore AOT kernel:
//       int Func(int nparam, void **params, int *ndims, int64_t **shapes, const char **dtypes,
//                void *stream, void *extra)
//     params are the inputs, then the outputs, then the workspaces the kernel's init function
//     asked for (XLA allocates them as extra uint8 results). The kernel's address and its
//     AotExtra handle come in as attributes, so every AOT kernel goes through this single
//     registered FFI target: MsJaxAotCall on the CPU (stream is null) and MsJaxAotCallGpu on
//     CUDA, where params are device pointers and stream is the cudaStream_t XLA runs the
//     computation on (the kernel must launch its work on it).
//   * AotExtra (include/custom_aot_extra.h): the attributes of the op, the workspace sizes and
//     the kernel data, created from Python through the MsJaxAot* C entry points below, which
//     also call the kernel's FuncInit and FuncInferShape.
// Built with -D_GLIBCXX_USE_CXX11_ABI=0, as MindSpore builds kernels: std::string and
// std::vector cross the AotExtra interface by value.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "custom_aot_extra.h"
#include "xla/ffi/api/ffi.h"

namespace ffi = xla::ffi;

typedef int (*AotFn)(int, void **, int *, int64_t **, const char **, void *, void *);
typedef int (*AotInitFn)(int *, int64_t **, const char **, AotExtra *);
typedef std::vector<int64_t> (*AotInferFn)(int *, int64_t **, AotExtra *);
typedef std::vector<std::vector<int64_t>> (*AotInferMultiFn)(int *, int64_t **, AotExtra *);

namespace {

// One attribute as Python serialised it (see custom.py _attrs_blob): a kind letter and text.
//   b bool "0"/"1", i int, f float, s str, I ints "1,2", F floats, J / G 2-D ints / floats
//   "rows;1,2;3,4", E empty list (any vector kind), x a value AotExtra has no reader for.
struct AttrValue {
  char kind;
  std::string text;
};

std::vector<std::string> Split(const std::string &s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

const char *KindName(char kind) {
  switch (kind) {
    case 'b': return "a bool";
    case 'i': return "an int";
    case 'f': return "a float";
    case 's': return "a str";
    case 'I': return "a list of int";
    case 'F': return "a list of float";
    case 'J': return "a 2-D list of int";
    case 'G': return "a 2-D list of float";
    case 'E': return "an empty list";
    default: return "a value of a type AotExtra cannot read";
  }
}

class AotExtraImpl : public AotExtra {
 public:
  explicit AotExtraImpl(std::string func_name) : func_name_(std::move(func_name)) {}
  ~AotExtraImpl() override { DestructKernelData(); }

  bool HasAttr(std::string name) override { return attrs_.count(name) != 0; }

  void Set(const std::string &name, char kind, const std::string &text) { attrs_[name] = {kind, text}; }

  // The first error recorded since the last call (empty when none), cleared.
  std::string TakeError() {
    std::lock_guard<std::mutex> lock(mu_);
    std::string e;
    e.swap(error_);
    return e;
  }
  void RecordError(const std::string &msg) {
    std::lock_guard<std::mutex> lock(mu_);
    if (error_.empty()) error_ = msg;
  }
  const std::string &func_name() const { return func_name_; }

 private:
  // The attribute's text if it exists and is one of `kinds` (a vector reader also takes 'E');
  // else records the error and returns null (the reader then returns T()).
  const std::string *Find(const std::string &name, const char *kinds, const char *type) {
    auto it = attrs_.find(name);
    if (it == attrs_.end()) {
      RecordError("For the AOT kernel '" + func_name_ + "', Attr<" + type + ">(\"" + name +
                  "\"): there is no attribute called '" + name +
                  "'. Give it a value in reg_info (CustomRegOp().attr(..., value=...)) or with "
                  "op.add_prim_attr(name, value) before the first call.");
      return nullptr;
    }
    char k = it->second.kind;
    bool vector_reader = std::strchr("IFJG", kinds[0]) != nullptr;
    if (std::strchr(kinds, k) == nullptr && !(vector_reader && k == 'E')) {
      RecordError("For the AOT kernel '" + func_name_ + "', Attr<" + type + ">(\"" + name +
                  "\"): the attribute holds " + KindName(k) + ", which does not read as " + type + ".");
      return nullptr;
    }
    return &it->second.text;
  }
  static std::vector<int64_t> Ints(const std::string &text) {
    std::vector<int64_t> v;
    if (text.empty()) return v;
    for (const auto &t : Split(text, ',')) v.push_back(std::strtoll(t.c_str(), nullptr, 10));
    return v;
  }
  static std::vector<float> Floats(const std::string &text) {
    std::vector<float> v;
    if (text.empty()) return v;
    for (const auto &t : Split(text, ',')) v.push_back(static_cast<float>(std::strtod(t.c_str(), nullptr)));
    return v;
  }
  template <typename V, typename F>
  static std::vector<V> Rows(const std::string &text, F row) {
    std::vector<V> out;
    auto parts = Split(text, ';');  // "rows;row0;row1..."; the count tells [] from [[]]
    long n = std::strtol(parts[0].c_str(), nullptr, 10);
    for (long r = 0; r < n && r + 1 < static_cast<long>(parts.size()); ++r) out.push_back(row(parts[r + 1]));
    return out;
  }

  bool GetAttrBool(std::string name) override {
    const std::string *t = Find(name, "b", "bool");
    return t != nullptr && *t == "1";
  }
  int64_t GetAttrInt(std::string name) override {
    const std::string *t = Find(name, "i", "int64_t");
    return t == nullptr ? 0 : std::strtoll(t->c_str(), nullptr, 10);
  }
  float GetAttrFloat(std::string name) override {
    const std::string *t = Find(name, "f", "float");
    return t == nullptr ? 0.0f : static_cast<float>(std::strtod(t->c_str(), nullptr));
  }
  std::string GetAttrStr(std::string name) override {
    const std::string *t = Find(name, "s", "std::string");
    return t == nullptr ? std::string() : *t;
  }
  std::vector<int64_t> GetAttrIntVec(std::string name) override {
    const std::string *t = Find(name, "I", "std::vector<int64_t>");
    return t == nullptr ? std::vector<int64_t>() : Ints(*t);
  }
  std::vector<float> GetAttrFloatVec(std::string name) override {
    const std::string *t = Find(name, "F", "std::vector<float>");
    return t == nullptr ? std::vector<float>() : Floats(*t);
  }
  std::vector<std::vector<int64_t>> GetAttrInt2DVec(std::string name) override {
    const std::string *t = Find(name, "J", "std::vector<std::vector<int64_t>>");
    if (t == nullptr || t->empty()) return {};
    return Rows<std::vector<int64_t>>(*t, Ints);
  }
  std::vector<std::vector<float>> GetAttrFloat2DVec(std::string name) override {
    const std::string *t = Find(name, "G", "std::vector<std::vector<float>>");
    if (t == nullptr || t->empty()) return {};
    return Rows<std::vector<float>>(*t, Floats);
  }

  std::string func_name_;
  std::map<std::string, AttrValue> attrs_;
  std::mutex mu_;
  std::string error_;
};

// Live handles: a compiled computation that outlives its Custom op finds its handle gone and
// says so instead of reading freed memory.
std::mutex g_live_mu;
std::set<AotExtraImpl *> g_live;

AotExtraImpl *Live(void *h) {
  std::lock_guard<std::mutex> lock(g_live_mu);
  auto *p = static_cast<AotExtraImpl *>(h);
  return g_live.count(p) ? p : nullptr;
}

// Reads "<len>:<bytes>" tokens.
bool NextToken(const char *&p, const char *end, std::string *out) {
  const char *colon = static_cast<const char *>(std::memchr(p, ':', end - p));
  if (colon == nullptr) return false;
  size_t len = std::strtoull(std::string(p, colon).c_str(), nullptr, 10);
  if (static_cast<size_t>(end - colon - 1) < len) return false;
  out->assign(colon + 1, len);
  p = colon + 1 + len;
  return true;
}

// Calls user code, turning a C++ exception into an error recorded on the handle.
template <typename F>
bool Guarded(AotExtraImpl *h, const char *what, F f) {
  try {
    f();
    return true;
  } catch (const std::exception &e) {
    h->RecordError(std::string("the AOT kernel's ") + what + " '" + h->func_name() +
                   "' threw an exception: " + e.what());
  } catch (...) {
    h->RecordError(std::string("the AOT kernel's ") + what + " '" + h->func_name() +
                   "' threw an exception");
  }
  return false;
}

}  // namespace

// The C entry points custom.py calls through ctypes.
extern "C" {

// A new AotExtra holding the attributes in `blob` (tokens name, kind, text, repeated); null if
// the blob is malformed.
void *MsJaxAotExtraNew(const char *func_name, const char *blob, size_t len) {
  auto *h = new AotExtraImpl(func_name);
  const char *p = blob, *end = blob + len;
  while (p < end) {
    std::string name, kind, text;
    if (!NextToken(p, end, &name) || !NextToken(p, end, &kind) || !NextToken(p, end, &text) ||
        kind.size() != 1) {
      delete h;
      return nullptr;
    }
    h->Set(name, kind[0], text);
  }
  std::lock_guard<std::mutex> lock(g_live_mu);
  g_live.insert(h);
  return h;
}

// Deletes the kernel data (DestructKernelData) and the handle.
void MsJaxAotExtraFree(void *h) {
  {
    std::lock_guard<std::mutex> lock(g_live_mu);
    if (!g_live.erase(static_cast<AotExtraImpl *>(h))) return;
  }
  delete static_cast<AotExtraImpl *>(h);
}

// Calls FuncInit(ndims, shapes, dtypes, extra); returns its code. -1 with an error message
// (MsJaxAotTakeError) when it threw or read a missing attribute; Init's own code otherwise.
int MsJaxAotInit(void *init_fn, void *h, int *ndims, int64_t **shapes, const char **dtypes) {
  auto *x = static_cast<AotExtraImpl *>(h);
  int rc = 0;
  if (!Guarded(x, "init function", [&] { rc = reinterpret_cast<AotInitFn>(init_fn)(ndims, shapes, dtypes, x); })) {
    return -1;
  }
  return rc;
}

size_t MsJaxAotWorkspaceCount(void *h) { return static_cast<AotExtraImpl *>(h)->WorkSpace().size(); }

size_t MsJaxAotWorkspaceSize(void *h, size_t i) { return static_cast<AotExtraImpl *>(h)->WorkSpace()[i]; }

// Copies the pending error message (empty when none) into buf and clears it; returns its length.
size_t MsJaxAotTakeError(void *h, char *buf, size_t cap) {
  std::string e = static_cast<AotExtraImpl *>(h)->TakeError();
  if (cap > 0) {
    size_t n = e.size() < cap - 1 ? e.size() : cap - 1;
    std::memcpy(buf, e.data(), n);
    buf[n] = '\0';
  }
  return e.size();
}

// Calls a single-output FuncInferShape (multi=0) or a multi-output one returning
// std::vector<std::vector<int64_t>> (multi=1). Writes the result flattened as
// [n_outputs, rank0, dims0..., rank1, dims1...] into out (capacity cap); returns the number
// of int64 written, or -1 when it threw / read a missing attribute (MsJaxAotTakeError), or
// -2 when cap is too small.
long MsJaxAotInferShape(void *infer_fn, void *h, int multi, int *ndims, int64_t **shapes,
                        int64_t *out, long cap) {
  auto *x = static_cast<AotExtraImpl *>(h);
  std::vector<std::vector<int64_t>> res;
  bool ok = Guarded(x, "infer-shape function", [&] {
    if (multi) {
      res = reinterpret_cast<AotInferMultiFn>(infer_fn)(ndims, shapes, x);
    } else {
      res.push_back(reinterpret_cast<AotInferFn>(infer_fn)(ndims, shapes, x));
    }
  });
  std::string err = x->TakeError();
  if (!ok || !err.empty()) {
    x->RecordError(err);
    return -1;
  }
  std::vector<int64_t> flat{static_cast<int64_t>(res.size())};
  for (const auto &s : res) {
    flat.push_back(static_cast<int64_t>(s.size()));
    flat.insert(flat.end(), s.begin(), s.end());
  }
  if (static_cast<long>(flat.size()) > cap) return -2;
  std::memcpy(out, flat.data(), flat.size() * sizeof(int64_t));
  return static_cast<long>(flat.size());
}

}  // extern "C"

static const char *DtypeName(ffi::DataType t) {
  switch (t) {
    case ffi::DataType::PRED: return "a bool";
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
  AotExtraImpl *extra = Live(reinterpret_cast<void *>(extra_ptr));
  if (extra == nullptr) {
    return ffi::Error(ffi::ErrorCode::kFailedPrecondition,
                      "the AOT kernel's AotExtra handle was freed: the ops.Custom that built this "
                      "computation no longer exists. Keep the op alive while its compiled code runs.");
  }
  AotFn fn = reinterpret_cast<AotFn>(fn_ptr);
  int rc = 0;
  Guarded(extra, "function", [&] {
    rc = fn(static_cast<int>(n), params.data(), ndims.data(), shape_ptrs.data(), dtypes.data(), stream,
            static_cast<AotExtra *>(extra));
  });
  std::string err = extra->TakeError();
  if (!err.empty()) return ffi::Error(ffi::ErrorCode::kInternal, err);
  if (rc != 0) {
    return ffi::Error(ffi::ErrorCode::kInternal, "the AOT kernel '" + extra->func_name() +
                                                     "' returned error code " + std::to_string(rc));
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
