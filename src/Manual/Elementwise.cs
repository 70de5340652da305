namespace TorchLab.Manual;

/// <summary>The layers of a forward pass that act on each value alone, and their gradients.</summary>
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
    /// dL/dx = dL/dy where x &gt; 0, else 0: ReLU passes the gradient through the values it kept and
    /// stops it at those it cut. At x = 0 exactly the gradient is 0, as in libtorch (it tests the output &gt; 0).
    /// </summary>
    public static NdArray ReluBackward(NdArray input, NdArray outputGradient)
    {
        RequireSameShape(input, outputGradient, nameof(outputGradient));
        var gradient = new float[input.Data.Length];
        for (var i = 0; i < gradient.Length; i++) gradient[i] = input.Data[i] > 0f ? outputGradient.Data[i] : 0f;
        return new NdArray(input.Shape, gradient);
    }

    /// <summary>
    /// a + b, where b's shape is the end of a's (a residual connection, equal shapes; a position
    /// embedding (L, E) added to every example of (N, L, E)): b repeats over a's leading dimensions,
    /// as torch broadcasts it.
    /// </summary>
    public static NdArray Add(NdArray a, NdArray b)
    {
        if (b.Rank > a.Rank || !a.Shape[(a.Rank - b.Rank)..].SequenceEqual(b.Shape))
            throw new ArgumentException(
                $"cannot add {b.ShapeText} to {a.ShapeText}: its shape must be the end of {a.ShapeText}", nameof(b));
        var output = new float[a.Data.Length];
        for (var i = 0; i < output.Length; i++) output[i] = a.Data[i] + b.Data[i % b.Data.Length];
        return new NdArray(a.Shape, output);
    }

    /// <summary>
    /// Dropout at test time: the identity. PyTorch scales the kept values by 1/(1 - p) while
    /// training (inverted dropout), so that nothing needs rescaling once every value is kept.
    /// </summary>
    public static NdArray DropoutAtTest(NdArray input) => input;

    /// <summary>
    /// Dropout while training, given the multiplier torch drew: y = x · mask, where each mask value is
    /// 0 (dropped, with probability p) or 1/(1 - p) (kept and scaled). Torch draws the mask as
    /// bernoulli(1 - p) / (1 - p) and multiplies, so the same mask gives the same y bit for bit.
    /// </summary>
    public static NdArray DropoutInTraining(NdArray input, NdArray mask)
    {
        RequireSameShape(input, mask, nameof(mask));
        var output = new float[input.Data.Length];
        for (var i = 0; i < output.Length; i++) output[i] = input.Data[i] * mask.Data[i];
        return new NdArray(input.Shape, output);
    }

    /// <summary>
    /// dL/dx = dL/dy · mask: y is x times a constant, so the gradient is scaled by the same constant;
    /// a dropped value's gradient is 0, a kept one's is multiplied by 1/(1 - p).
    /// </summary>
    public static NdArray DropoutBackward(NdArray mask, NdArray outputGradient)
    {
        RequireSameShape(mask, outputGradient, nameof(outputGradient));
        var gradient = new float[mask.Data.Length];
        for (var i = 0; i < gradient.Length; i++) gradient[i] = outputGradient.Data[i] * mask.Data[i];
        return new NdArray(mask.Shape, gradient);
    }

    private static void RequireSameShape(NdArray expected, NdArray actual, string name)
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            throw new ArgumentException(
                $"{name} has shape {actual.ShapeText}, but the input has {expected.ShapeText}", name);
    }
}
