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
    /// Dropout at test time: the identity. PyTorch scales the kept values by 1/(1 - p) while
    /// training (inverted dropout), so that nothing needs rescaling once every value is kept.
    /// </summary>
    public static NdArray DropoutAtTest(NdArray input) => input;
}
