// Process-wide libtorch state: seeds, random state, threads, version, CUDA.
#include "torchlab.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/version.h>

TL_EXPORT const char* tl_version() { return TORCH_VERSION; }

TL_EXPORT int32_t tl_manual_seed(uint64_t seed) {
  return tl::status_call([&] { torch::manual_seed(seed); });
}

TL_EXPORT tl_tensor tl_get_rng_state() {
  return tl::tensor_call([&] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    return gen.get_state();
  });
}

TL_EXPORT int32_t tl_set_rng_state(tl_tensor state) {
  return tl::status_call([&] {
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(*state);
  });
}

TL_EXPORT int32_t tl_get_num_threads() { return at::get_num_threads(); }

TL_EXPORT int32_t tl_set_num_threads(int32_t n) {
  return tl::status_call([&] { at::set_num_threads(n); });
}

TL_EXPORT int32_t tl_cuda_is_available() { return torch::cuda::is_available() ? 1 : 0; }

TL_EXPORT int32_t tl_cuda_device_count() { return static_cast<int32_t>(torch::cuda::device_count()); }
