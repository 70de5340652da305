namespace TorchLab.Manual;

/// <summary>The layers of a forward pass that act on each value alone.</summary>
public static class Elementwise
{
    /// <summary>ReLU: max(0, x) for every value, into a new array of the same shape.</summary>
    public static NdArray Relu(NdArray input)
    {
        var output = new float[input.Data.Length];
        for (var i = 0; i < output.Length; i++) output[i] = input.Data[i] > 0f ? input.Data[i] : 0f;
        return new NdArray(input.Shape, output);
    }

    /// <summary>
    /// a + b, where b's shape is the end of a's (a residual connection, equal shapes; a position
    /// embedding (L, E) added to every example of (N, L, E)): b repeats over a's leading dimensions, as torch broadcasts it.
    /// </summary>
    public static NdArray Add(NdArray a, NdArray b)
    {
        if (b.Rank > a.Rank || !a.Shape[(a.Rank - b.Rank)..].SequenceEqual(b.Shape))
            throw new ArgumentException($"cannot add {b.ShapeText} to {a.ShapeText}: its shape must be the end of {a.ShapeText}", nameof(b));
        var output = new float[a.Data.Length];
        for (var i = 0; i < output.Length; i++) output[i] = a.Data[i] + b.Data[i % b.Data.Length];
        return new NdArray(a.Shape, output);
    }

    /// <summary>
    /// Dropout at test time: the identity. PyTorch scales the kept values by 1/(1 - p) while
    /// training (inverted dropout), so that nothing needs rescaling once every value is kept.
    /// </summary>
    public static NdArray DropoutAtTest(NdArray input) => input;
}
