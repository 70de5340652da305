namespace TorchLab.Manual;

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
        if (input.Rank < 1) throw new ArgumentException($"input must have at least one dimension to normalize, got shape {input.ShapeText}", nameof(input));
        var width = input.Shape[^1];
        if (width == 0) throw new ArgumentException($"input {input.ShapeText} has no values in its last dimension to normalize", nameof(input));
        if (weight is not null && weight.Length != width)
            throw new ArgumentException($"weight has {weight.Length} values for the last dimension {width} of input {input.ShapeText}", nameof(weight));
        if (bias is not null && bias.Length != width)
            throw new ArgumentException($"bias has {bias.Length} values for the last dimension {width} of input {input.ShapeText}", nameof(bias));
        if (!(eps >= 0)) throw new ArgumentException($"eps must be zero or positive, got {eps}", nameof(eps));
        var output = new float[input.Data.Length];
        for (var row = 0; row < input.Data.Length / width; row++)
        {
            var start = row * width;
            double sum = 0;
            for (var i = 0; i < width; i++) sum += input.Data[start + i];
            var mean = sum / width;
            double squares = 0;
            for (var i = 0; i < width; i++) squares += (input.Data[start + i] - mean) * (input.Data[start + i] - mean);
            var inverseDeviation = 1 / Math.Sqrt(squares / width + eps);
            for (var i = 0; i < width; i++)
                output[start + i] = (float)((input.Data[start + i] - mean) * inverseDeviation * (weight?[i] ?? 1f) + (bias?[i] ?? 0f));
        }
        return new NdArray(input.Shape, output);
    }
}
