using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Attribution;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017; Captum's <c>IntegratedGradients</c>): along the
/// straight line from a baseline b to the input x,
/// <c>IG(x) = (x − b) ⊙ ∫₀¹ ∂logit/∂x (b + α(x − b)) dα</c>, the integral by the trapezoid rule over
/// <c>steps</c> equal intervals (steps + 1 points). Completeness, <c>Σ IG(x) = f(x) − f(b)</c>, holds
/// for the exact integral; the returned Delta is how far the rule misses it.
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
        var b = baselines.expand_as(inputs);                              // (N, ...)
        var difference = inputs - b;                                      // (N, ...)
        var points = steps + 1;
        var alphas = linspace(0, 1, points, dtype: inputs.dtype);         // (P)
        // Trapezoid weights: 1/M inside, half of it at both ends.
        var rule = Enumerable.Range(0, points).Select(k => k == 0 || k == steps ? 0.5 / steps : 1.0 / steps);
        var weights = tensor(rule.ToArray()).to_type(inputs.dtype);       // (P)

        var along = new long[inputs.dim() + 1];                           // (1, P, 1, ...)
        Array.Fill(along, 1L);
        along[1] = points;
        var path = b.unsqueeze(1) + alphas.view(along) * difference.unsqueeze(1);   // (N, P, ...)
        path = path.flatten(0, 1);                                        // (N·P, ...)
        var pathTargets = target.repeat_interleave(points);               // (N·P)

        var gradients = new List<Tensor>();
        for (long start = 0; start < n * points; start += ChunkRows)
        {
            var length = Math.Min(ChunkRows, n * points - start);
            gradients.Add(Saliency.Attribute(model, path.narrow(0, start, length),
                pathTargets.narrow(0, start, length)));
        }
        var gradient = cat(gradients, 0).unflatten(0, [n, points]);       // (N, P, ...)
        var integral = (gradient * weights.view(along)).sum(1);           // (N, ...)
        var attributions = difference * integral;                         // (N, ...)

        using var noGrad = no_grad();
        var ends = model.call(cat([inputs, b], 0)).gather(1, cat([target, target]).view(-1, 1)).view(-1);   // (2N)
        var delta = attributions.flatten(1).sum(1) - (ends.narrow(0, 0, n) - ends.narrow(0, n, n));          // (N)
        return (attributions.MoveToOuterDisposeScope(), delta.MoveToOuterDisposeScope());
    }
}
