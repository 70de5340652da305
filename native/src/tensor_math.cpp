// Element-wise arithmetic, comparisons, unary math and matmul. Each macro line is one
// libtorch operation exported under tl_<name>; the managed wrappers mirror this list.
#include "torchlab.h"

#define TL_BINARY(name, expr)                                  \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a, tl_tensor b) {    \
    return tl::tensor_call([&] { return expr; });              \
  }
#define TL_SCALAR(name, expr)                                                   \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a, double value, int32_t is_integral) { \
    auto s = tl::scalar(value, is_integral);                                    \
    return tl::tensor_call([&] { return expr; });                               \
  }
#define TL_UNARY(name, expr) \
  TL_EXPORT tl_tensor tl_##name(tl_tensor a) { return tl::tensor_call([&] { return expr; }); }

TL_BINARY(add, torch::add(*a, *b))
TL_BINARY(sub, torch::sub(*a, *b))
TL_BINARY(mul, torch::mul(*a, *b))
TL_BINARY(div, torch::div(*a, *b))
TL_BINARY(pow, torch::pow(*a, *b))
TL_BINARY(matmul, torch::matmul(*a, *b))
TL_BINARY(maximum, torch::maximum(*a, *b))
TL_BINARY(minimum, torch::minimum(*a, *b))
TL_BINARY(eq, torch::eq(*a, *b))
TL_BINARY(ne, torch::ne(*a, *b))
TL_BINARY(lt, torch::lt(*a, *b))
TL_BINARY(le, torch::le(*a, *b))
TL_BINARY(gt, torch::gt(*a, *b))
TL_BINARY(ge, torch::ge(*a, *b))

TL_SCALAR(add_scalar, torch::add(*a, s))
TL_SCALAR(sub_scalar, torch::sub(*a, s))
TL_SCALAR(rsub_scalar, torch::rsub(*a, s))
TL_SCALAR(mul_scalar, torch::mul(*a, s))
TL_SCALAR(div_scalar, torch::div(*a, s))
TL_SCALAR(rdiv_scalar, torch::reciprocal(*a) * s)
TL_SCALAR(pow_scalar, torch::pow(*a, s))
TL_SCALAR(rpow_scalar, torch::pow(s, *a))
TL_SCALAR(eq_scalar, torch::eq(*a, s))
TL_SCALAR(ne_scalar, torch::ne(*a, s))
TL_SCALAR(lt_scalar, torch::lt(*a, s))
TL_SCALAR(le_scalar, torch::le(*a, s))
TL_SCALAR(gt_scalar, torch::gt(*a, s))
TL_SCALAR(ge_scalar, torch::ge(*a, s))

TL_UNARY(neg, torch::neg(*a))
TL_UNARY(abs, torch::abs(*a))
TL_UNARY(exp, torch::exp(*a))
TL_UNARY(log, torch::log(*a))
TL_UNARY(sqrt, torch::sqrt(*a))
TL_UNARY(square, torch::square(*a))
TL_UNARY(sign, torch::sign(*a))
TL_UNARY(floor, torch::floor(*a))
TL_UNARY(round, torch::round(*a))
TL_UNARY(logical_not, torch::logical_not(*a))
TL_UNARY(isnan, torch::isnan(*a))
TL_UNARY(isfinite, torch::isfinite(*a))

// has_min/has_max say which bound is given (PyTorch's None for the other).
TL_EXPORT tl_tensor tl_clamp(tl_tensor a, double min, int32_t has_min, double max, int32_t has_max) {
  return tl::tensor_call([&] {
    c10::optional<at::Scalar> lo, hi;
    if (has_min) lo = at::Scalar(min);
    if (has_max) hi = at::Scalar(max);
    return torch::clamp(*a, lo, hi);
  });
}

TL_EXPORT int32_t tl_allclose(tl_tensor a, tl_tensor b, double rtol, double atol, int32_t equal_nan,
                              int32_t* result) {
  return tl::status_call([&] { *result = torch::allclose(*a, *b, rtol, atol, equal_nan != 0) ? 1 : 0; });
}
