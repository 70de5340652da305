// Reading a tensor's metadata and copying its values out to caller memory.
#include "torchlab.h"

#include <cstring>

TL_EXPORT int32_t tl_tensor_dim(tl_tensor t) { return static_cast<int32_t>(t->dim()); }

TL_EXPORT void tl_tensor_shape(tl_tensor t, int64_t* out) {
  auto sizes = t->sizes();
  std::copy(sizes.begin(), sizes.end(), out);
}

TL_EXPORT int64_t tl_tensor_numel(tl_tensor t) { return t->numel(); }

TL_EXPORT int32_t tl_tensor_dtype(tl_tensor t) { return static_cast<int32_t>(t->scalar_type()); }

TL_EXPORT int32_t tl_tensor_device_type(tl_tensor t) { return static_cast<int32_t>(t->device().type()); }

TL_EXPORT int32_t tl_tensor_device_index(tl_tensor t) { return t->device().index(); }

TL_EXPORT int32_t tl_tensor_defined(tl_tensor t) { return t->defined() ? 1 : 0; }

// Copies all elements, in row-major order, to dst; nbytes must equal numel * element size.
TL_EXPORT int32_t tl_tensor_copy_to(tl_tensor t, void* dst, int64_t nbytes) {
  return tl::status_call([&] {
    auto cpu = t->detach().to(torch::kCPU).contiguous();
    auto expected = static_cast<int64_t>(cpu.numel() * cpu.element_size());
    TORCH_CHECK(expected == nbytes, "copy_to: the tensor holds ", expected,
                " bytes but the destination has ", nbytes);
    if (nbytes > 0) std::memcpy(dst, cpu.data_ptr(), static_cast<size_t>(nbytes));
  });
}

TL_EXPORT tl_tensor tl_to_device(tl_tensor t, int32_t device_type, int32_t device_index) {
  return tl::tensor_call([&] { return t->to(tl::device(device_type, device_index)); });
}

TL_EXPORT tl_tensor tl_to_dtype(tl_tensor t, int32_t dtype) {
  return tl::tensor_call([&] { return t->to(static_cast<c10::ScalarType>(dtype)); });
}

TL_EXPORT tl_tensor tl_clone(tl_tensor t) {
  return tl::tensor_call([&] { return t->clone(); });
}

// A new handle to the same tensor (shared storage and autograd identity).
TL_EXPORT tl_tensor tl_alias(tl_tensor t) {
  return tl::tensor_call([&] { return *t; });
}
