using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// Input × gradient: x ⊙ ∂logit/∂x (Shrikumar et al. 2016; Captum's <c>InputXGradient</c>). For a
/// one-hot sequence only the letter present is non-zero: its gradient, the first-order change of the
/// logit were that letter removed.
/// </summary>
public static class InputXGradient
{
    /// <summary>inputs ⊙ ∂logit[n, target[n]]/∂inputs, shaped like <paramref name="inputs"/>.</summary>
    public static Tensor Attribute(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target)
    {
        using var scope = NewDisposeScope();
        var gradient = Saliency.Attribute(model, inputs, target);  // (N, ...)
        return inputs.mul(gradient).MoveToOuterDisposeScope();      // (N, ...)
    }
}
