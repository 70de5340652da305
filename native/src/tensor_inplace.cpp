// In-place operations (trailing underscore, as in PyTorch): initialisers, optimizer
// arithmetic and gradient resets. Each returns a status; the tensor keeps its handle.
#include "torchlab.h"

#define TL_INPLACE(name, params, expr) \
  TL_EXPORT int32_t tl_##name params { return tl::status_call([&] { expr; }); }

TL_INPLACE(zero_, (tl_tensor t), t->zero_())
TL_INPLACE(fill_, (tl_tensor t, double value, int32_t is_integral), t->fill_(tl::scalar(value, is_integral)))
TL_INPLACE(uniform_, (tl_tensor t, double low, double high), t->uniform_(low, high))
TL_INPLACE(normal_, (tl_tensor t, double mean, double std), t->normal_(mean, std))
TL_INPLACE(copy_, (tl_tensor t, tl_tensor source), t->copy_(*source))
TL_INPLACE(add_, (tl_tensor t, tl_tensor other, double alpha), t->add_(*other, alpha))
TL_INPLACE(mul_scalar_, (tl_tensor t, double value), t->mul_(value))
TL_INPLACE(add_scalar_, (tl_tensor t, double value, int32_t is_integral), t->add_(tl::scalar(value, is_integral)))
TL_INPLACE(clamp_, (tl_tensor t, double low, double high), t->clamp_(low, high))
// Swaps the tensor's data for another's (other device or dtype allowed) while the handle and
// its autograd identity stay: how Module.to(device) moves parameters, as PyTorch's param.data = ...
TL_INPLACE(set_data, (tl_tensor t, tl_tensor data), t->set_data(*data))
