// Autograd: requires_grad, backward, grad, detach, and the thread-local grad modes that
// torch.no_grad() / torch.inference_mode() switch.
#include "torchlab.h"

TL_EXPORT int32_t tl_requires_grad(tl_tensor t) { return t->requires_grad() ? 1 : 0; }

TL_EXPORT int32_t tl_is_leaf(tl_tensor t) { return t->is_leaf() ? 1 : 0; }

TL_EXPORT int32_t tl_set_requires_grad(tl_tensor t, int32_t on) {
  return tl::status_call([&] { t->set_requires_grad(on != 0); });
}

// gradient may be null (a scalar output's implicit gradient of 1).
TL_EXPORT int32_t tl_backward(tl_tensor t, tl_tensor gradient, int32_t retain_graph, int32_t create_graph) {
  return tl::status_call([&] {
    auto g = gradient ? *gradient : torch::Tensor();
    t->backward(g, retain_graph ? c10::optional<bool>(true) : c10::nullopt, create_graph != 0);
  });
}

// *out is null when the tensor has no gradient yet; that is not an error.
TL_EXPORT int32_t tl_grad(tl_tensor t, tl_tensor* out) {
  return tl::status_call([&] {
    const auto& g = t->grad();
    *out = g.defined() ? tl::wrap(g) : nullptr;
  });
}

// gradient may be null to drop the gradient (zero_grad with set_to_none).
TL_EXPORT int32_t tl_set_grad(tl_tensor t, tl_tensor gradient) {
  return tl::status_call([&] { t->mutable_grad() = gradient ? *gradient : torch::Tensor(); });
}

TL_EXPORT tl_tensor tl_detach(tl_tensor t) {
  return tl::tensor_call([&] { return t->detach(); });
}

TL_EXPORT int32_t tl_is_grad_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

TL_EXPORT void tl_set_grad_enabled(int32_t on) { at::GradMode::set_enabled(on != 0); }

// InferenceMode is an RAII guard bound to this thread: the managed guard enters and exits
// on the same thread, in nesting order.
TL_EXPORT void* tl_inference_mode_enter(int32_t on) {
  try {
    return new c10::InferenceMode(on != 0);
  } catch (const std::exception& e) {
    tl::set_error(e.what());
    return nullptr;
  }
}

TL_EXPORT void tl_inference_mode_exit(void* guard) { delete static_cast<c10::InferenceMode*>(guard); }

TL_EXPORT int32_t tl_is_inference_mode_enabled() { return c10::InferenceMode::is_enabled() ? 1 : 0; }
