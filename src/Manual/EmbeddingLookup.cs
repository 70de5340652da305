namespace TorchLab.Manual;

/// <summary>
/// An embedding written as what it is, <c>F.embedding</c>: output row p is row indices[p] of the
/// weight (V, E). A lookup is a product with a one-hot vector, so its backward is that vector's
/// transpose: each output row's gradient is added into the weight row it was read from, rows read
/// twice collect both, and rows never read get 0. There is no input gradient: indices are not
/// differentiable.
/// </summary>
public static class EmbeddingLookup
{
    /// <summary>Weight (V, E) and P indices → (P, E); reshape it to the indices' own shape.</summary>
    public static NdArray Forward(NdArray weight, int[] indices)
    {
        var width = Check(weight, indices);
        var output = new float[indices.Length * width];
        for (var p = 0; p < indices.Length; p++)
            Array.Copy(weight.Data, indices[p] * width, output, p * width, width);
        return new NdArray([indices.Length, width], output);
    }

    /// <summary>dL/d weight (V, E) from the indices and dL/d output (P, E).</summary>
    public static NdArray Backward(NdArray weight, int[] indices, NdArray outputGradient)
    {
        var width = Check(weight, indices);
        if (!outputGradient.Shape.SequenceEqual([indices.Length, width]))
            throw new ArgumentException(
                $"output gradient {outputGradient.ShapeText} must be (P, E) = ({indices.Length}, {width})",
                nameof(outputGradient));
        var sums = new double[weight.Data.Length];
        for (var p = 0; p < indices.Length; p++)
        for (var e = 0; e < width; e++)
            sums[indices[p] * width + e] += outputGradient.Data[p * width + e];
        return new NdArray(weight.Shape, Array.ConvertAll(sums, s => (float)s));
    }

    private static int Check(NdArray weight, int[] indices)
    {
        LayerPlan.RequireRank(weight, 2, "weight", "(V, E)");
        var rows = weight.Shape[0];
        for (var p = 0; p < indices.Length; p++)
            if ((uint)indices[p] >= (uint)rows)
                throw new ArgumentException(
                    $"index {indices[p]} at position {p} is outside the embedding's {rows} rows", nameof(indices));
        return weight.Shape[1];
    }
}
