// The floor for the binding's overhead benchmarks: the same libtorch calls the managed
// micro-benchmarks make, looped here in C++, timed with a steady clock (the caller warms up). Each export returns
// nanoseconds per call (or -1 on failure) so both sides are measured in one process.
#include "torchlab.h"

#include <chrono>

namespace {

template <class F>
double nanoseconds_per_call(int64_t iterations, F&& call) {
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < iterations; ++i) call();
  std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / static_cast<double>(iterations);
}

template <class F>
double guarded_timing(F&& body) {
  double result = -1;
  bool failed = false;
  tl::guarded([&] { result = body(); }, failed);
  return failed ? -1 : result;
}

}  // namespace

TL_EXPORT double tl_bench_from_data(const float* data, int64_t count, int64_t iterations) {
  return guarded_timing([&] {
    return nanoseconds_per_call(iterations, [&] {
      auto t = torch::from_blob(const_cast<float*>(data), {count}, torch::kFloat32).clone();
    });
  });
}

TL_EXPORT double tl_bench_add(tl_tensor a, tl_tensor b, int64_t iterations) {
  return guarded_timing([&] { return nanoseconds_per_call(iterations, [&] { auto c = torch::add(*a, *b); }); });
}

TL_EXPORT double tl_bench_conv2d(tl_tensor input, tl_tensor weight, int64_t iterations) {
  return guarded_timing([&] {
    return nanoseconds_per_call(iterations, [&] { auto y = at::conv2d(*input, *weight, {}, 1, 1); });
  });
}

// y = sum(relu(x * w)); backward — a small graph like one layer's.
TL_EXPORT double tl_bench_backward(tl_tensor x, tl_tensor w, int64_t iterations) {
  return guarded_timing([&] {
    return nanoseconds_per_call(iterations, [&] {
      auto y = at::relu(*x * *w).sum();
      y.backward();
    });
  });
}
