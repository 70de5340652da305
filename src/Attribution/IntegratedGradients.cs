using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017; Captum's <c>IntegratedGradients</c>): along the
/// straight line from a baseline b to the input x,
/// <c>IG(x) = (x − b) ⊙ ∫₀¹ ∂logit/∂x (b + α(x − b)) dα</c>, the integral by the trapezoid rule over
/// <c>steps</c> equal intervals (steps + 1 points, α = k/steps). Completeness,
/// <c>Σ IG(x) = f(x) − f(b)</c>, holds for the exact integral; the returned Delta is how far the rule misses it.
/// </summary>
public static class IntegratedGradients
{
    // Path points per forward and backward pass: bounds the activations (the GRU keeps every position's).
    private const int ChunkRows = 1024;

    /// <summary>
    /// The attributions, shaped like <paramref name="inputs"/>, and Delta (N) = Σ attributions − (f(x) − f(b))
    /// per input, f the target's logit. <paramref name="baselines"/> has the shape of the inputs or of one input.
    /// </summary>
    public static (Tensor Attributions, Tensor Delta) Attribute(nn.Module<Tensor, Tensor> model, Tensor inputs,
        Tensor target, Tensor baselines, int steps = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = NewDisposeScope();
        var n = inputs.shape[0];
        var b = baselines.expand_as(inputs);                                    // (N, ...)
        var points = steps + 1;
        var alphas = linspace(0, 1, points, dtype: inputs.dtype);               // (P)
        // The trapezoid rule's weights: 1/M inside, half of that at both ends.
        var rule = Enumerable.Range(0, points).Select(k => k == 0 || k == steps ? 0.5 / steps : 1.0 / steps);
        var weights = tensor(rule.ToArray()).to_type(inputs.dtype);             // (P)
        var along = Enumerable.Repeat(1L, (int)inputs.dim() + 1).ToArray();
        along[1] = points;                                                      // (1, P, 1, ...)

        // The path of a whole chunk of inputs is one batch.
        var perChunk = Math.Max(1, ChunkRows / points);
        var integrals = new List<Tensor>();
        for (long start = 0; start < n; start += perChunk)
        {
            var count = Math.Min(perChunk, n - start);
            var x = inputs.narrow(0, start, count);                             // (B, ...), B inputs
            var origin = b.narrow(0, start, count);                             // (B, ...)
            var path = origin.unsqueeze(1) + alphas.view(along) * (x - origin).unsqueeze(1);   // (B, P, ...)
            var gradient = Saliency.Attribute(model, path.flatten(0, 1),
                target.narrow(0, start, count).repeat_interleave(points));     // (B·P, ...)
            integrals.Add((gradient.unflatten(0, [count, points]) * weights.view(along)).sum(1));   // (B, ...)
        }
        var attributions = (inputs - b) * cat(integrals, 0);                   // (N, ...)

        using var noGrad = no_grad();
        var ends = model.call(cat([inputs, b], 0)).gather(1, cat([target, target]).view(-1, 1)).view(-1);   // (2N)
        var delta = attributions.flatten(1).sum(1) - (ends.narrow(0, 0, n) - ends.narrow(0, n, n));          // (N)
        return (attributions.MoveToOuterDisposeScope(), delta.MoveToOuterDisposeScope());
    }
}
