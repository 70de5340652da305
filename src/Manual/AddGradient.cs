namespace TorchLab.Manual;

/// <summary>
/// The backward of <see cref="Elementwise.Add"/>, a + b with b repeated over a's leading
/// dimensions. Addition passes the gradient unchanged to both terms (a residual connection's
/// gradient reaches both the skip and the branch), but a b that was used once per leading index
/// collects the sum of all those uses: db = Σ over the leading dimensions of dy.
/// </summary>
public static class AddGradient
{
    /// <summary>dL/d b of shape <paramref name="shape"/> (the end of dy's shape) from dL/d(a + b).</summary>
    public static NdArray OfRepeated(NdArray outputGradient, int[] shape)
    {
        var tail = outputGradient.Shape.Length - shape.Length;
        if (tail < 0 || !outputGradient.Shape[tail..].SequenceEqual(shape))
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape)}] must be the end of the gradient's shape " +
                outputGradient.ShapeText,
                nameof(shape));
        var sums = new double[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < outputGradient.Data.Length; i++) sums[i % sums.Length] += outputGradient.Data[i];
        return new NdArray(shape, Array.ConvertAll(sums, s => (float)s));
    }
}
