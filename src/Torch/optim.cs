using TorchLab.Torch.Modules;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>Optimizers and learning-rate schedules, named as in PyTorch's <c>torch.optim</c>.</summary>
    public static partial class optim
    {
        /// <summary>Stochastic gradient descent (see <see cref="Optim.SGD"/>); PyTorch's defaults.</summary>
        public static Optim.SGD SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0,
            double weight_decay = 0, bool nesterov = false) =>
            new(parameters, lr, momentum, dampening, weight_decay, nesterov);

        /// <summary>Adam (see <see cref="Optim.Adam"/>); PyTorch's defaults.</summary>
        public static Optim.Adam Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);

        /// <summary>Adam with decoupled weight decay (see <see cref="Optim.AdamW"/>); PyTorch's defaults.</summary>
        public static Optim.AdamW AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
            double eps = 1e-8, double weight_decay = 0.01, bool amsgrad = false) =>
            new(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad);
    }
}
