namespace TorchLab.Manual;

/// <summary>
/// Softmax over the last dimension, as <c>softmax(x, -1)</c>: yᵢ = exp(xᵢ − m) / Σⱼ exp(xⱼ − m),
/// with m the row's largest value (it cancels, and keeps exp from overflowing). Its backward:
/// since ∂yᵢ/∂xⱼ = yᵢ (δᵢⱼ − yⱼ), dxᵢ = yᵢ (dyᵢ − Σⱼ yⱼ dyⱼ): each gradient minus the
/// softmax-weighted mean of the row's gradients, scaled by its own weight. The backward needs
/// only the output y, not x.
/// </summary>
public static class SoftmaxByHand
{
    /// <summary>Input (…, K) → the same shape, each row of K values summing to 1.</summary>
    public static NdArray Forward(NdArray input)
    {
        var width = Width(input, nameof(input));
        var output = new float[input.Data.Length];
        var row = new double[width];
        for (var start = 0; start < output.Length; start += width)
        {
            for (var k = 0; k < width; k++) row[k] = input.Data[start + k];
            if (!RowForward(row))
                throw new ArgumentException(
                    $"row {start / width} of input {input.ShapeText} is −∞ throughout: its softmax is 0/0",
                    nameof(input));
            for (var k = 0; k < width; k++) output[start + k] = (float)row[k];
        }
        return new NdArray(input.Shape, output);
    }

    /// <summary>dL/d input from the forward's output y and dL/d y, both (…, K).</summary>
    public static NdArray Backward(NdArray output, NdArray outputGradient)
    {
        var width = Width(output, nameof(output));
        if (!outputGradient.Shape.SequenceEqual(output.Shape))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must have the output's shape {output.ShapeText}",
                nameof(outputGradient));
        var inputGradient = new float[output.Data.Length];
        var (weights, gradient) = (new double[width], new double[width]);
        for (var start = 0; start < inputGradient.Length; start += width)
        {
            for (var k = 0; k < width; k++)
                (weights[k], gradient[k]) = (output.Data[start + k], outputGradient.Data[start + k]);
            RowBackward(weights, gradient);
            for (var k = 0; k < width; k++) inputGradient[start + k] = (float)gradient[k];
        }
        return new NdArray(output.Shape, inputGradient);
    }

    // Scores → weights in place; false when every score is −∞ (nothing to normalize).
    internal static bool RowForward(Span<double> scores)
    {
        var largest = double.NegativeInfinity;
        foreach (var s in scores) largest = Math.Max(largest, s);
        if (double.IsNegativeInfinity(largest)) return false;
        double total = 0;
        for (var k = 0; k < scores.Length; k++) total += scores[k] = Math.Exp(scores[k] - largest);
        for (var k = 0; k < scores.Length; k++) scores[k] /= total;
        return true;
    }

    // dL/d weights → dL/d scores in place: gₖ ← yₖ (gₖ − Σⱼ yⱼ gⱼ).
    internal static void RowBackward(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        double mean = 0;
        for (var k = 0; k < weights.Length; k++) mean += weights[k] * gradient[k];
        for (var k = 0; k < weights.Length; k++) gradient[k] = weights[k] * (gradient[k] - mean);
    }

    private static int Width(NdArray array, string name)
    {
        if (array.Rank < 1 || array.Shape[^1] == 0)
            throw new ArgumentException($"{name} {array.ShapeText} has no last dimension to take the softmax over",
                name);
        return array.Shape[^1];
    }
}
