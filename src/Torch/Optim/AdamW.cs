using TorchLab.Torch.Modules;

namespace TorchLab.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter, 2019): PyTorch 1.13's
/// <c>torch.optim.AdamW</c>. Each step first shrinks the parameter by <c>1 − lr·weight_decay</c>,
/// then takes the Adam step on the undecayed gradient.
/// </summary>
public sealed class AdamW : Adam
{
    internal AdamW(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay, bool amsgrad)
        : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled: true) { }
}
