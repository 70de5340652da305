// Views and rearrangements: ops that change how elements are indexed, not their values.
#include "torchlab.h"

#include <vector>

namespace {
std::vector<torch::Tensor> gather(const tl_tensor* tensors, int32_t count) {
  std::vector<torch::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) list.push_back(*tensors[i]);
  return list;
}
}  // namespace

TL_EXPORT tl_tensor tl_reshape(tl_tensor t, const int64_t* shape, int32_t ndim) {
  return tl::tensor_call([&] { return t->reshape(tl::dims(shape, ndim)); });
}

TL_EXPORT tl_tensor tl_view(tl_tensor t, const int64_t* shape, int32_t ndim) {
  return tl::tensor_call([&] { return t->view(tl::dims(shape, ndim)); });
}

TL_EXPORT tl_tensor tl_flatten(tl_tensor t, int64_t start_dim, int64_t end_dim) {
  return tl::tensor_call([&] { return t->flatten(start_dim, end_dim); });
}

TL_EXPORT tl_tensor tl_transpose(tl_tensor t, int64_t dim0, int64_t dim1) {
  return tl::tensor_call([&] { return t->transpose(dim0, dim1); });
}

TL_EXPORT tl_tensor tl_permute(tl_tensor t, const int64_t* order, int32_t ndim) {
  return tl::tensor_call([&] { return t->permute(tl::dims(order, ndim)); });
}

TL_EXPORT tl_tensor tl_contiguous(tl_tensor t) {
  return tl::tensor_call([&] { return t->contiguous(); });
}

TL_EXPORT tl_tensor tl_squeeze(tl_tensor t) {
  return tl::tensor_call([&] { return t->squeeze(); });
}

TL_EXPORT tl_tensor tl_squeeze_dim(tl_tensor t, int64_t dim) {
  return tl::tensor_call([&] { return t->squeeze(dim); });
}

TL_EXPORT tl_tensor tl_unsqueeze(tl_tensor t, int64_t dim) {
  return tl::tensor_call([&] { return t->unsqueeze(dim); });
}

TL_EXPORT tl_tensor tl_expand(tl_tensor t, const int64_t* shape, int32_t ndim) {
  return tl::tensor_call([&] { return t->expand(tl::dims(shape, ndim)); });
}

TL_EXPORT tl_tensor tl_index_select(tl_tensor t, int64_t dim, tl_tensor index) {
  return tl::tensor_call([&] { return t->index_select(dim, *index); });
}

TL_EXPORT tl_tensor tl_narrow(tl_tensor t, int64_t dim, int64_t start, int64_t length) {
  return tl::tensor_call([&] { return t->narrow(dim, start, length); });
}

TL_EXPORT tl_tensor tl_select(tl_tensor t, int64_t dim, int64_t index) {
  return tl::tensor_call([&] { return t->select(dim, index); });
}

TL_EXPORT tl_tensor tl_slice(tl_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step) {
  return tl::tensor_call([&] { return t->slice(dim, start, end, step); });
}

TL_EXPORT tl_tensor tl_cat(const tl_tensor* tensors, int32_t count, int64_t dim) {
  return tl::tensor_call([&] { return torch::cat(gather(tensors, count), dim); });
}

TL_EXPORT tl_tensor tl_stack(const tl_tensor* tensors, int32_t count, int64_t dim) {
  return tl::tensor_call([&] { return torch::stack(gather(tensors, count), dim); });
}
