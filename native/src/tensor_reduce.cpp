// Reductions over all elements or over given dimensions.
#include "torchlab.h"

#define TL_REDUCE_ALL(name, expr) \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a) { return tl::tensor_call([&] { return expr; }); }
#define TL_REDUCE_DIMS(name, expr)                                                          \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a, const int64_t* dims, int32_t ndims, int32_t keepdim) { \
    auto d = tl::dims(dims, ndims);                                                         \
    bool k = keepdim != 0;                                                                  \
    return tl::tensor_call([&] { return expr; });                                           \
  }

TL_REDUCE_ALL(sum, torch::sum(*a))
TL_REDUCE_ALL(mean, torch::mean(*a))
TL_REDUCE_ALL(max, torch::max(*a))
TL_REDUCE_ALL(min, torch::min(*a))
TL_REDUCE_ALL(argmax, torch::argmax(*a))
TL_REDUCE_ALL(argmin, torch::argmin(*a))

TL_REDUCE_DIMS(sum_dims, torch::sum(*a, d, k))
TL_REDUCE_DIMS(mean_dims, torch::mean(*a, d, k))
TL_REDUCE_DIMS(amax, torch::amax(*a, d, k))
TL_REDUCE_DIMS(amin, torch::amin(*a, d, k))

TL_EXPORT tl_tensor tl_argmax_dim(tl_tensor a, int64_t dim, int32_t keepdim) {
  return tl::tensor_call([&] { return torch::argmax(*a, dim, keepdim != 0); });
}

TL_EXPORT tl_tensor tl_argmin_dim(tl_tensor a, int64_t dim, int32_t keepdim) {
  return tl::tensor_call([&] { return torch::argmin(*a, dim, keepdim != 0); });
}

// max/min along a dimension give two results: the values and where they were.
TL_EXPORT int32_t tl_max_dim(tl_tensor a, int64_t dim, int32_t keepdim, tl_tensor* values, tl_tensor* indices) {
  return tl::status_call([&] {
    auto [v, i] = torch::max(*a, dim, keepdim != 0);
    *values = tl::wrap(v);
    *indices = tl::wrap(i);
  });
}

TL_EXPORT int32_t tl_min_dim(tl_tensor a, int64_t dim, int32_t keepdim, tl_tensor* values, tl_tensor* indices) {
  return tl::status_call([&] {
    auto [v, i] = torch::min(*a, dim, keepdim != 0);
    *values = tl::wrap(v);
    *indices = tl::wrap(i);
  });
}
