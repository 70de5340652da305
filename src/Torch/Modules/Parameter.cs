using TorchLab.Torch.Native;

namespace TorchLab.Torch.Modules;

/// <summary>
/// A tensor that is a module's learnable weight: it requires grad, lives outside every
/// dispose scope (the module owns it), and is what optimizers update.
/// </summary>
public sealed class Parameter : torch.Tensor
{
    internal Parameter(torch.Tensor data, bool requires_grad)
        : base(LibTorch.Check(LibTorch.tl_detach(data.Handle)))
    {
        DetachFromDisposeScope();
        this.requires_grad = requires_grad;
    }
}
