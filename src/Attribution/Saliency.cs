using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// Saliency: the gradient of the target class's logit with respect to the input, ∂logit/∂x, signed
/// (Simonyan et al. 2014; Captum's <c>Saliency</c> with <c>abs=False</c>).
/// </summary>
public static class Saliency
{
    /// <summary>
    /// ∂logit[n, target[n]]/∂inputs[n] for every input of the batch, shaped like <paramref name="inputs"/>
    /// and of its type. The model should be in eval mode: then the inputs of a batch do not touch each
    /// other, and the gradient of the logits' sum is each input's own gradient.
    /// </summary>
    public static Tensor Attribute(nn.Module<Tensor, Tensor> model, Tensor inputs, Tensor target)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var x = inputs.detach().clone().requires_grad_(true);       // (N, ...), a leaf of its own
        var logits = model.call(x);                                 // (N, classes)
        var picked = logits.gather(1, target.view(-1, 1)).sum();    // Σn logit[n, target[n]]
        // autograd.grad, not backward(): the parameters' .grad stay as they were.
        var gradient = autograd.grad([picked], [x])[0];             // (N, ...)
        return gradient.detach().MoveToOuterDisposeScope();
    }
}
