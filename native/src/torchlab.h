// The shim's one contract, shared by every export:
// - a tensor crosses the C ABI as an owning pointer to a heap-allocated torch::Tensor
//   (tl_tensor); the managed side frees it with tl_tensor_free;
// - no C++ exception crosses the ABI: each export catches everything, stores the message
//   in a thread-local string (tl_last_error) and returns a failure value (nullptr for a
//   tensor, -1 for a status) that the managed side turns into a TorchException.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <utility>

#define TL_EXPORT extern "C" __attribute__((visibility("default")))

using tl_tensor = torch::Tensor*;

namespace tl {

void set_error(const char* message);

inline tl_tensor wrap(torch::Tensor t) { return new torch::Tensor(std::move(t)); }

// The managed side passes a scalar as a double plus a flag, so integer tensors keep their
// dtype (t + 2 stays int64, t + 2.0 becomes float, as in PyTorch).
inline at::Scalar scalar(double value, int32_t is_integral) {
  return is_integral ? at::Scalar(static_cast<int64_t>(value)) : at::Scalar(value);
}

inline c10::Device device(int32_t type, int32_t index) {
  return c10::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

inline at::IntArrayRef dims(const int64_t* values, int32_t count) {
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

inline torch::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return torch::TensorOptions()
      .dtype(static_cast<c10::ScalarType>(dtype))
      .device(device(device_type, device_index));
}

template <class F>
void guarded(F&& body, bool& failed) {
  try {
    body();
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
    failed = true;
  } catch (const std::exception& e) {
    set_error(e.what());
    failed = true;
  } catch (...) {
    set_error("unknown native exception in libtorch");
    failed = true;
  }
}

// Runs body (which returns a torch::Tensor) and hands the result to the caller.
template <class F>
tl_tensor tensor_call(F&& body) {
  tl_tensor result = nullptr;
  bool failed = false;
  guarded([&] { result = wrap(body()); }, failed);
  return failed ? nullptr : result;
}

// Runs body (which returns nothing): 0 on success, -1 on failure.
template <class F>
int32_t status_call(F&& body) {
  bool failed = false;
  guarded(std::forward<F>(body), failed);
  return failed ? -1 : 0;
}

}  // namespace tl
