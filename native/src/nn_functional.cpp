// torch.nn.functional: convolutions, pooling, activations, losses, normalisation, GRU.
// Optional tensors (bias, weights, running stats) arrive as null pointers.
#include "torchlab.h"

namespace {

torch::Tensor optional(tl_tensor t) { return t ? *t : torch::Tensor(); }

// padding_mode: 0 numbers (padding array), 1 "same", 2 "valid".
torch::Tensor convolution(tl_tensor input, tl_tensor weight, tl_tensor bias, const int64_t* stride,
                          const int64_t* padding, const int64_t* dilation, int32_t spatial,
                          int32_t padding_mode, int64_t groups) {
  auto s = tl::dims(stride, spatial);
  auto d = tl::dims(dilation, spatial);
  auto b = optional(bias);
  if (padding_mode != 0) {
    c10::string_view mode = padding_mode == 1 ? "same" : "valid";
    return spatial == 1 ? at::conv1d(*input, *weight, b, s, mode, d, groups)
                        : at::conv2d(*input, *weight, b, s, mode, d, groups);
  }
  auto p = tl::dims(padding, spatial);
  return spatial == 1 ? at::conv1d(*input, *weight, b, s, p, d, groups)
                      : at::conv2d(*input, *weight, b, s, p, d, groups);
}

}  // namespace

TL_EXPORT tl_tensor tl_conv(tl_tensor input, tl_tensor weight, tl_tensor bias, const int64_t* stride,
                            const int64_t* padding, const int64_t* dilation, int32_t spatial,
                            int32_t padding_mode, int64_t groups) {
  return tl::tensor_call([&] {
    if (spatial != 1 && spatial != 2) throw std::invalid_argument("convolution: only 1-D and 2-D are bound");
    return convolution(input, weight, bias, stride, padding, dilation, spatial, padding_mode, groups);
  });
}

TL_EXPORT tl_tensor tl_max_pool(tl_tensor input, const int64_t* kernel, const int64_t* stride,
                                const int64_t* padding, const int64_t* dilation, int32_t spatial,
                                int32_t ceil_mode) {
  return tl::tensor_call([&] {
    auto k = tl::dims(kernel, spatial), s = tl::dims(stride, spatial);
    auto p = tl::dims(padding, spatial), d = tl::dims(dilation, spatial);
    return spatial == 1 ? at::max_pool1d(*input, k, s, p, d, ceil_mode != 0)
                        : at::max_pool2d(*input, k, s, p, d, ceil_mode != 0);
  });
}

TL_EXPORT tl_tensor tl_avg_pool(tl_tensor input, const int64_t* kernel, const int64_t* stride,
                                const int64_t* padding, int32_t spatial, int32_t ceil_mode,
                                int32_t count_include_pad) {
  return tl::tensor_call([&] {
    auto k = tl::dims(kernel, spatial), s = tl::dims(stride, spatial), p = tl::dims(padding, spatial);
    return spatial == 1 ? at::avg_pool1d(*input, k, s, p, ceil_mode != 0, count_include_pad != 0)
                        : at::avg_pool2d(*input, k, s, p, ceil_mode != 0, count_include_pad != 0);
  });
}

TL_EXPORT tl_tensor tl_adaptive_avg_pool(tl_tensor input, const int64_t* output_size, int32_t spatial) {
  return tl::tensor_call([&] {
    auto o = tl::dims(output_size, spatial);
    return spatial == 1 ? at::adaptive_avg_pool1d(*input, o) : at::adaptive_avg_pool2d(*input, o);
  });
}

TL_EXPORT tl_tensor tl_adaptive_max_pool1d(tl_tensor input, int64_t output_size) {
  return tl::tensor_call([&] { return std::get<0>(at::adaptive_max_pool1d(*input, {output_size})); });
}

#define TL_ACTIVATION(name, expr) \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a) { return tl::tensor_call([&] { return expr; }); }

TL_ACTIVATION(relu, at::relu(*a))
TL_ACTIVATION(gelu, at::gelu(*a))
TL_ACTIVATION(sigmoid, at::sigmoid(*a))
TL_ACTIVATION(tanh, at::tanh(*a))

TL_EXPORT tl_tensor tl_softmax(tl_tensor a, int64_t dim) {
  return tl::tensor_call([&] { return at::softmax(*a, dim); });
}

TL_EXPORT tl_tensor tl_log_softmax(tl_tensor a, int64_t dim) {
  return tl::tensor_call([&] { return at::log_softmax(*a, dim); });
}

TL_EXPORT tl_tensor tl_dropout(tl_tensor a, double p, int32_t training) {
  return tl::tensor_call([&] { return at::dropout(*a, p, training != 0); });
}

TL_EXPORT tl_tensor tl_linear(tl_tensor input, tl_tensor weight, tl_tensor bias) {
  return tl::tensor_call([&] { return at::linear(*input, *weight, optional(bias)); });
}

TL_EXPORT tl_tensor tl_constant_pad(tl_tensor input, const int64_t* pads, int32_t count, double value) {
  return tl::tensor_call([&] { return at::constant_pad_nd(*input, tl::dims(pads, count), value); });
}

TL_EXPORT tl_tensor tl_one_hot(tl_tensor input, int64_t num_classes) {
  return tl::tensor_call([&] { return at::one_hot(*input, num_classes); });
}

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's values).
TL_EXPORT tl_tensor tl_cross_entropy(tl_tensor input, tl_tensor target, tl_tensor weight, int32_t reduction,
                                     int64_t ignore_index, double label_smoothing) {
  return tl::tensor_call([&] {
    return at::cross_entropy_loss(*input, *target, optional(weight), reduction, ignore_index, label_smoothing);
  });
}

TL_EXPORT tl_tensor tl_nll_loss(tl_tensor input, tl_tensor target, tl_tensor weight, int32_t reduction,
                                int64_t ignore_index) {
  return tl::tensor_call([&] { return at::nll_loss_nd(*input, *target, optional(weight), reduction, ignore_index); });
}

TL_EXPORT tl_tensor tl_mse_loss(tl_tensor input, tl_tensor target, int32_t reduction) {
  return tl::tensor_call([&] { return at::mse_loss(*input, *target, reduction); });
}

TL_EXPORT tl_tensor tl_binary_cross_entropy_with_logits(tl_tensor input, tl_tensor target, tl_tensor weight,
                                                         tl_tensor pos_weight, int32_t reduction) {
  return tl::tensor_call([&] {
    return at::binary_cross_entropy_with_logits(*input, *target, optional(weight), optional(pos_weight), reduction);
  });
}

TL_EXPORT tl_tensor tl_batch_norm(tl_tensor input, tl_tensor running_mean, tl_tensor running_var, tl_tensor weight,
                                  tl_tensor bias, int32_t training, double momentum, double eps) {
  return tl::tensor_call([&] {
    return at::batch_norm(*input, optional(weight), optional(bias), optional(running_mean), optional(running_var),
                          training != 0, momentum, eps, at::globalContext().userEnabledCuDNN());
  });
}

// libtorch's own GRU kernel (cuDNN on a GPU). weights: PyTorch's flat order, per layer and
// direction w_ih, w_hh[, b_ih, b_hh]. hx may be null (zeros).
TL_EXPORT int32_t tl_gru(tl_tensor input, tl_tensor hx, tl_tensor* weights, int32_t weight_count,
                         int32_t has_biases, int64_t num_layers, double dropout, int32_t train,
                         int32_t bidirectional, int32_t batch_first, tl_tensor* output, tl_tensor* h_n) {
  return tl::status_call([&] {
    std::vector<torch::Tensor> params;
    params.reserve(weight_count);
    for (int32_t i = 0; i < weight_count; ++i) params.push_back(*weights[i]);
    auto h = hx ? *hx : torch::Tensor();
    if (!h.defined()) {
      auto batch = input->size(batch_first && input->dim() == 3 ? 0 : 1);
      auto hidden = params[1].size(1);
      std::vector<int64_t> shape{num_layers * (bidirectional ? 2 : 1), batch, hidden};
      if (input->dim() == 2) shape.erase(shape.begin() + 1);
      h = torch::zeros(shape, input->options());
    }
    auto result = at::gru(*input, h, params, has_biases != 0, num_layers, dropout, train != 0,
                          bidirectional != 0, batch_first != 0);
    *output = tl::wrap(std::get<0>(result));
    *h_n = tl::wrap(std::get<1>(result));
  });
}
