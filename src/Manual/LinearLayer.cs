namespace TorchLab.Manual;

/// <summary>
/// The fully connected layer written as its formula, y[n, o] = b[o] + Σi x[n, i] · W[o, i]
/// (PyTorch's <c>x Wᵀ + b</c>: a weight row per output), summed in double so that thousands of
/// inputs (the GRU classifier has 3,840) lose no precision.
/// </summary>
public static class LinearLayer
{
    /// <summary>Input (N, in), weights (out, in), optional bias (out) → (N, out).</summary>
    public static NdArray Forward(NdArray input, NdArray weights, float[]? bias = null)
    {
        LayerPlan.RequireRank(input, 2, "input", "(N, in)");
        LayerPlan.RequireRank(weights, 2, "weights", "(out, in)");
        int batch = input.Shape[0], inputs = input.Shape[1], outputs = weights.Shape[0];
        if (weights.Shape[1] != inputs)
            throw new ArgumentException($"weights {weights.ShapeText} take {weights.Shape[1]} inputs, but input {input.ShapeText} has {inputs}", nameof(weights));
        if (bias is not null && bias.Length != outputs)
            throw new ArgumentException($"bias has {bias.Length} values for {outputs} outputs", nameof(bias));
        var output = NdArray.Zeros(batch, outputs);
        for (var n = 0; n < batch; n++)
        for (var o = 0; o < outputs; o++)
        {
            double sum = bias?[o] ?? 0f;
            for (var i = 0; i < inputs; i++) sum += (double)input.Data[n * inputs + i] * weights.Data[o * inputs + i];
            output.Data[n * outputs + o] = (float)sum;
        }
        return output;
    }
}
