// Optimizer steps. Each export updates all of one optimizer's parameters in a single call
// (per-call overhead dominates on small models), following PyTorch 1.13's single-tensor
// (foreach=False) code in torch/optim/{sgd,adam,adamw}.py operation for operation, so CPU
// results match torch.optim bit for bit.
//
// State slots (momentum buffers, moments) are owned by the managed optimizer. A slot passed
// as null is created here the first time its parameter has a gradient, and its new pointer is
// written back into the array; the managed side adopts every new pointer even when the call
// fails part-way, so nothing leaks.
#include "torchlab.h"

#include <cmath>

namespace {

torch::Tensor& lazy_zeros(tl_tensor* slots, int32_t i, const torch::Tensor& like) {
  if (!slots[i]) slots[i] = tl::wrap(torch::zeros_like(like, at::MemoryFormat::Preserve));
  return *slots[i];
}

}  // namespace

TL_EXPORT int32_t tl_sgd_step(tl_tensor* params, tl_tensor* momentum_buffers, int32_t count, double lr,
                              double momentum, double dampening, double weight_decay, int32_t nesterov) {
  return tl::status_call([&] {
    torch::NoGradGuard no_grad;
    for (int32_t i = 0; i < count; i++) {
      auto& param = *params[i];
      torch::Tensor d_p = param.grad();
      if (!d_p.defined()) continue;  // PyTorch skips parameters that took no part in the loss
      if (weight_decay != 0) d_p = d_p.add(param, weight_decay);
      if (momentum != 0) {
        if (!momentum_buffers[i]) {
          momentum_buffers[i] = tl::wrap(torch::clone(d_p).detach());
        } else {
          momentum_buffers[i]->mul_(momentum).add_(d_p, 1 - dampening);
        }
        const auto& buf = *momentum_buffers[i];
        d_p = nesterov ? d_p.add(buf, momentum) : buf;
      }
      param.add_(d_p, -lr);
    }
  });
}

// Adam and AdamW (decoupled != 0) differ only in where weight decay enters. steps[i] mirrors
// PyTorch's float32 step tensor, including its rounding (exact below 2^24 steps).
TL_EXPORT int32_t tl_adam_step(tl_tensor* params, tl_tensor* exp_avgs, tl_tensor* exp_avg_sqs,
                               tl_tensor* max_exp_avg_sqs, double* steps, int32_t count, double lr, double beta1,
                               double beta2, double eps, double weight_decay, int32_t amsgrad, int32_t decoupled) {
  return tl::status_call([&] {
    torch::NoGradGuard no_grad;
    for (int32_t i = 0; i < count; i++) {
      auto& param = *params[i];
      torch::Tensor grad = param.grad();
      if (!grad.defined()) continue;
      auto& exp_avg = lazy_zeros(exp_avgs, i, param);
      auto& exp_avg_sq = lazy_zeros(exp_avg_sqs, i, param);
      if (amsgrad) lazy_zeros(max_exp_avg_sqs, i, param);

      steps[i] = static_cast<float>(steps[i]) + 1.0f;
      if (decoupled) {
        param.mul_(1 - lr * weight_decay);
      } else if (weight_decay != 0) {
        grad = grad.add(param, weight_decay);
      }
      exp_avg.mul_(beta1).add_(grad, 1 - beta1);
      exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

      const double step = steps[i];
      const double bias_correction1 = 1 - std::pow(beta1, step);
      const double bias_correction2 = 1 - std::pow(beta2, step);
      const double step_size = lr / bias_correction1;
      const double bias_correction2_sqrt = std::sqrt(bias_correction2);

      torch::Tensor denom;
      if (amsgrad) {
        auto& max_exp_avg_sq = *max_exp_avg_sqs[i];
        at::maximum_out(max_exp_avg_sq, max_exp_avg_sq, exp_avg_sq);
        denom = (max_exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
      } else {
        denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
      }
      param.addcdiv_(exp_avg, denom, -step_size);
    }
  });
}

// PyTorch 1.13's Optimizer.zero_grad: with set_to_none the gradient is dropped, otherwise it
// is cut from any graph and zeroed in place.
TL_EXPORT int32_t tl_zero_grad(tl_tensor* params, int32_t count, int32_t set_to_none) {
  return tl::status_call([&] {
    for (int32_t i = 0; i < count; i++) {
      auto& grad = params[i]->mutable_grad();
      if (!grad.defined()) continue;
      if (set_to_none) {
        grad = torch::Tensor();
        continue;
      }
      if (grad.grad_fn()) {
        grad.detach_();
      } else {
        grad.requires_grad_(false);
      }
      grad.zero_();
    }
  });
}
