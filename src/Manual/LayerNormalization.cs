namespace TorchLab.Manual;

/// <summary>dL/d input (the input's shape), dL/d γ and dL/d β (E values each).</summary>
public sealed record LayerNormGradients(NdArray Input, float[] Weight, float[] Bias);

/// <summary>
/// Layer normalization (Ba et al. 2016) over the last dimension, as <c>nn.LayerNorm(E)</c>:
/// y = (x − mean) / √(var + eps) · γ + β, each row of E values normalized on its own. The
/// variance is the biased one (divided by E, not E − 1), as torch's; mean and variance are
/// summed in double.
/// </summary>
public static class LayerNormalization
{
    /// <summary>
    /// Input (…, E) → the same shape. <paramref name="weight"/> (γ) and <paramref name="bias"/> (β)
    /// have E values each, as LayerNorm's <c>weight</c> and <c>bias</c>; null leaves that step out
    /// (<c>elementwise_affine: false</c>).
    /// </summary>
    public static NdArray Forward(NdArray input, float[]? weight = null, float[]? bias = null, double eps = 1e-5)
    {
        var width = Check(input, weight, bias, eps);
        var output = new float[input.Data.Length];
        var normalized = new double[width];
        for (var start = 0; start < input.Data.Length; start += width)
        {
            Normalize(input.Data, start, eps, normalized);
            for (var i = 0; i < width; i++)
                output[start + i] = (float)(normalized[i] * (weight?[i] ?? 1f) + (bias?[i] ?? 0f));
        }
        return new NdArray(input.Shape, output);
    }

    /// <summary>
    /// The gradients from dL/d output, with the forward's input, γ and eps. With x̂ = (x − mean) ρ,
    /// ρ = 1/√(var + eps), and g = dy ⊙ γ the gradient reaching x̂, per row of E:
    /// <code>
    /// dγ = Σ_rows dy ⊙ x̂,   dβ = Σ_rows dy
    /// dx = ρ (g − mean(g) − x̂ ⊙ mean(g ⊙ x̂))
    /// </code>
    /// The two means are the paths through the row's mean and variance: moving one x moves every
    /// x̂ of its row, so the gradient is g with its part along 1 and along x̂ removed.
    /// </summary>
    public static LayerNormGradients Backward(NdArray input, NdArray outputGradient, float[]? weight = null,
        double eps = 1e-5)
    {
        var width = Check(input, weight, null, eps);
        if (!outputGradient.Shape.SequenceEqual(input.Shape))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must have the input's shape {input.ShapeText}",
                nameof(outputGradient));
        var dy = outputGradient.Data;
        var inputGradient = new float[input.Data.Length];
        var (weightSums, biasSums) = (new double[width], new double[width]);
        var normalized = new double[width];
        var g = new double[width];
        for (var start = 0; start < input.Data.Length; start += width)
        {
            var inverseDeviation = Normalize(input.Data, start, eps, normalized);
            double mean = 0, meanAlong = 0;
            for (var i = 0; i < width; i++)
            {
                weightSums[i] += dy[start + i] * normalized[i];
                biasSums[i] += dy[start + i];
                g[i] = dy[start + i] * (weight?[i] ?? 1f);
                mean += g[i];
                meanAlong += g[i] * normalized[i];
            }
            (mean, meanAlong) = (mean / width, meanAlong / width);
            for (var i = 0; i < width; i++)
                inputGradient[start + i] = (float)(inverseDeviation * (g[i] - mean - normalized[i] * meanAlong));
        }
        return new LayerNormGradients(new NdArray(input.Shape, inputGradient),
            Array.ConvertAll(weightSums, s => (float)s), Array.ConvertAll(biasSums, s => (float)s));
    }

    // The row at start as x̂ = (x − mean) ρ into normalized; returns ρ = 1/√(var + eps).
    private static double Normalize(float[] data, int start, double eps, double[] normalized)
    {
        var width = normalized.Length;
        double sum = 0;
        for (var i = 0; i < width; i++) sum += data[start + i];
        var mean = sum / width;
        double squares = 0;
        for (var i = 0; i < width; i++) squares += (data[start + i] - mean) * (data[start + i] - mean);
        var inverseDeviation = 1 / Math.Sqrt(squares / width + eps);
        for (var i = 0; i < width; i++) normalized[i] = (data[start + i] - mean) * inverseDeviation;
        return inverseDeviation;
    }

    private static int Check(NdArray input, float[]? weight, float[]? bias, double eps)
    {
        if (input.Rank < 1)
            throw new ArgumentException(
                $"input must have at least one dimension to normalize, got shape {input.ShapeText}", nameof(input));
        var width = input.Shape[^1];
        if (width == 0)
            throw new ArgumentException(
                $"input {input.ShapeText} has no values in its last dimension to normalize", nameof(input));
        if (weight is not null && weight.Length != width)
            throw new ArgumentException(
                $"weight has {weight.Length} values for the last dimension {width} of input {input.ShapeText}",
                nameof(weight));
        if (bias is not null && bias.Length != width)
            throw new ArgumentException(
                $"bias has {bias.Length} values for the last dimension {width} of input {input.ShapeText}",
                nameof(bias));
        if (!(eps >= 0)) throw new ArgumentException($"eps must be zero or positive, got {eps}", nameof(eps));
        return width;
    }
}
