// The AotExtra interface of MindSpore's AOT custom-op ABI, for kernels built by mindspore_jax.
//
// A kernel's optional init function receives an AotExtra* (and the kernel the same pointer as
// its `extra` argument):
//   extern "C" int FuncInit(int *ndims, int64_t **shapes, const char **dtypes, AotExtra *extra);
//   extern "C" std::vector<int64_t> FuncInferShape(int *ndims, int64_t **shapes, AotExtra *extra);
// It reads the op's attributes with extra->Attr<T>("name"), asks for scratch buffers with
// SetWorkSpace({bytes, ...}) (passed to the kernel after the outputs) and may keep its own
// state with SetKernelData(new MyData) (deleted when the op is freed).
//
// The object layout (virtual functions in this order, then the workspace vector, then the
// kernel-data pointer) is the one MindSpore's own copy of this header declares, so a kernel
// written against either header works with either implementation. Build kernels with
// -D_GLIBCXX_USE_CXX11_ABI=0 as MindSpore does (mindspore_jax passes it when it compiles a .cc
// or .cu source): std::string and std::vector cross this interface by value.
#ifndef MINDSPORE_JAX_CUSTOM_AOT_EXTRA_H_
#define MINDSPORE_JAX_CUSTOM_AOT_EXTRA_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

class AotKernelData {
 public:
  AotKernelData() = default;
  virtual ~AotKernelData() = default;
};

class AotExtra {
 public:
  AotExtra() = default;
  virtual ~AotExtra() = default;
  virtual bool HasAttr(std::string name) = 0;

  // Supported T: bool, int64_t, float, std::string, std::vector<int64_t>, std::vector<float>,
  // std::vector<std::vector<int64_t>>, std::vector<std::vector<float>> (specialised below).
  template <typename T>
  inline T Attr(std::string name) {
    return T();
  }

  void SetWorkSpace(const std::vector<size_t> &workspace) { workspace_ = workspace; }
  const std::vector<size_t> &WorkSpace() const { return workspace_; }

  void SetKernelData(AotKernelData *kernel_data) { kernel_data_ = kernel_data; }
  AotKernelData *KernelData() const { return kernel_data_; }

  void DestructKernelData() {
    delete kernel_data_;
    kernel_data_ = nullptr;
  }

 private:
  virtual bool GetAttrBool(std::string name) = 0;
  virtual int64_t GetAttrInt(std::string name) = 0;
  virtual float GetAttrFloat(std::string name) = 0;
  virtual std::string GetAttrStr(std::string name) = 0;
  virtual std::vector<int64_t> GetAttrIntVec(std::string name) = 0;
  virtual std::vector<float> GetAttrFloatVec(std::string name) = 0;
  virtual std::vector<std::vector<int64_t>> GetAttrInt2DVec(std::string name) = 0;
  virtual std::vector<std::vector<float>> GetAttrFloat2DVec(std::string name) = 0;

  std::vector<size_t> workspace_;
  AotKernelData *kernel_data_{nullptr};
};

template <>
inline bool AotExtra::Attr<bool>(std::string name) {
  return GetAttrBool(name);
}
template <>
inline int64_t AotExtra::Attr<int64_t>(std::string name) {
  return GetAttrInt(name);
}
template <>
inline float AotExtra::Attr<float>(std::string name) {
  return GetAttrFloat(name);
}
template <>
inline std::string AotExtra::Attr<std::string>(std::string name) {
  return GetAttrStr(name);
}
template <>
inline std::vector<int64_t> AotExtra::Attr<std::vector<int64_t>>(std::string name) {
  return GetAttrIntVec(name);
}
template <>
inline std::vector<float> AotExtra::Attr<std::vector<float>>(std::string name) {
  return GetAttrFloatVec(name);
}
template <>
inline std::vector<std::vector<int64_t>> AotExtra::Attr<std::vector<std::vector<int64_t>>>(
    std::string name) {
  return GetAttrInt2DVec(name);
}
template <>
inline std::vector<std::vector<float>> AotExtra::Attr<std::vector<std::vector<float>>>(
    std::string name) {
  return GetAttrFloat2DVec(name);
}

#endif  // MINDSPORE_JAX_CUSTOM_AOT_EXTRA_H_
