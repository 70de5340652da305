// Creating tensors: from caller memory (always copied), and the factory functions.
#include "torchlab.h"

TL_EXPORT void tl_tensor_free(tl_tensor t) { delete t; }

// data holds numel elements of source_dtype; the result has dtype on the given device.
TL_EXPORT tl_tensor tl_tensor_from_data(const void* data, int32_t source_dtype, const int64_t* shape,
                                        int32_t ndim, int32_t dtype, int32_t device_type,
                                        int32_t device_index, int32_t requires_grad) {
  return tl::tensor_call([&] {
    auto source = torch::TensorOptions().dtype(static_cast<c10::ScalarType>(source_dtype));
    // from_blob borrows the managed buffer; copy=true makes the tensor own its values before
    // the managed side unpins the buffer.
    auto borrowed = torch::from_blob(const_cast<void*>(data), tl::dims(shape, ndim), source);
    auto device = tl::device(device_type, device_index);
    // The common case (same dtype, CPU) is a plain clone, the cheapest owning copy.
    auto t = dtype == source_dtype && device.is_cpu()
                 ? borrowed.clone()
                 : borrowed.to(device, static_cast<c10::ScalarType>(dtype), /*non_blocking=*/false, /*copy=*/true);
    return requires_grad ? t.set_requires_grad(true) : t;
  });
}

TL_EXPORT tl_tensor tl_zeros(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dt,
                             int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::zeros(tl::dims(shape, ndim), tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_ones(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dt,
                            int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::ones(tl::dims(shape, ndim), tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dt,
                             int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::empty(tl::dims(shape, ndim), tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_full(const int64_t* shape, int32_t ndim, double value, int32_t is_integral,
                            int32_t dtype, int32_t dt, int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::full(tl::dims(shape, ndim), tl::scalar(value, is_integral),
                       tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_arange(double start, double end, double step, int32_t is_integral,
                              int32_t dtype, int32_t dt, int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::arange(tl::scalar(start, is_integral), tl::scalar(end, is_integral),
                         tl::scalar(step, is_integral),
                         tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_rand(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dt,
                            int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::rand(tl::dims(shape, ndim), tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dt,
                             int32_t di, int32_t requires_grad) {
  return tl::tensor_call([&] {
    return torch::randn(tl::dims(shape, ndim), tl::options(dtype, dt, di).requires_grad(requires_grad != 0));
  });
}

TL_EXPORT tl_tensor tl_randperm(int64_t n, int32_t dtype, int32_t dt, int32_t di) {
  return tl::tensor_call([&] { return torch::randperm(n, tl::options(dtype, dt, di)); });
}

TL_EXPORT tl_tensor tl_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim,
                               int32_t dtype, int32_t dt, int32_t di) {
  return tl::tensor_call([&] {
    return torch::randint(low, high, tl::dims(shape, ndim), tl::options(dtype, dt, di));
  });
}
