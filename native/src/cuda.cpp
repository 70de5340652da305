// CUDA queries beyond libtorch's C++ API: device names and memory come from the CUDA runtime
// that a CUDA libtorch has already loaded (looked up with dlopen, so this file compiles and
// links against a CPU-only libtorch too, where the queries answer "no CUDA").
#include "torchlab.h"

#include <dlfcn.h>

#include <cstring>

namespace {

using get_properties_fn = int (*)(void* properties, int device);
using mem_get_info_fn = int (*)(size_t* free_bytes, size_t* total_bytes);
using set_device_fn = int (*)(int device);

void* cuda_runtime() {
  static void* handle = [] {
    for (const char* name : {"libcudart.so.12", "libcudart.so.11.0", "libcudart.so"}) {
      if (void* h = dlopen(name, RTLD_NOW | RTLD_NOLOAD)) return h;  // the copy libtorch loaded
      if (void* h = dlopen(name, RTLD_NOW)) return h;
    }
    return static_cast<void*>(nullptr);
  }();
  return handle;
}

template <class Fn>
Fn cuda_symbol(const char* name) {
  void* runtime = cuda_runtime();
  if (!runtime) throw std::runtime_error("the CUDA runtime library (libcudart) could not be loaded");
  auto symbol = reinterpret_cast<Fn>(dlsym(runtime, name));
  if (!symbol) throw std::runtime_error(std::string("the CUDA runtime lacks ") + name);
  return symbol;
}

void require_device(int32_t device) {
  if (!torch::cuda::is_available()) throw std::runtime_error("CUDA is not available in this libtorch");
  if (device < 0 || device >= static_cast<int32_t>(torch::cuda::device_count()))
    throw std::out_of_range("CUDA device " + std::to_string(device) + " does not exist");
}

}  // namespace

TL_EXPORT int32_t tl_cuda_synchronize(int32_t device) {
  return tl::status_call([&] { torch::cuda::synchronize(device); });
}

// The device's name: the first field of cudaDeviceProp (char[256]) in every CUDA version;
// the buffer is larger than any cudaDeviceProp so newer fields cannot overrun it.
TL_EXPORT int32_t tl_cuda_device_name(int32_t device, char* name, int32_t capacity) {
  return tl::status_call([&] {
    require_device(device);
    alignas(16) static thread_local char properties[8192];
    std::memset(properties, 0, sizeof properties);
    if (int error = cuda_symbol<get_properties_fn>("cudaGetDeviceProperties")(properties, device))
      throw std::runtime_error("cudaGetDeviceProperties failed with error " + std::to_string(error));
    std::strncpy(name, properties, static_cast<size_t>(capacity) - 1);
    name[capacity - 1] = '\0';
  });
}

TL_EXPORT int32_t tl_cuda_memory(int32_t device, int64_t* free_bytes, int64_t* total_bytes) {
  return tl::status_call([&] {
    require_device(device);
    if (int error = cuda_symbol<set_device_fn>("cudaSetDevice")(device))
      throw std::runtime_error("cudaSetDevice failed with error " + std::to_string(error));
    size_t free_memory = 0, total_memory = 0;
    if (int error = cuda_symbol<mem_get_info_fn>("cudaMemGetInfo")(&free_memory, &total_memory))
      throw std::runtime_error("cudaMemGetInfo failed with error " + std::to_string(error));
    *free_bytes = static_cast<int64_t>(free_memory);
    *total_bytes = static_cast<int64_t>(total_memory);
  });
}
