using static TorchSharp.torch;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The oracle tests' one way across (an <see cref="NdArray"/> or a mask to a libtorch tensor of
/// the same shape, and back) and their shared check.
/// </summary>
internal static class TorchArrays
{
    public static Tensor ToTorch(NdArray a) => tensor(a.Data, a.Shape.Select(d => (long)d).ToArray());

    public static Tensor ToTorch(bool[,] mask) => tensor(mask.Cast<bool>().ToArray(), [mask.GetLength(0), mask.GetLength(1)]);

    public static NdArray FromTorch(Tensor t) => new(t.shape.Select(d => (int)d).ToArray(), t.contiguous().data<float>().ToArray());

    /// <summary>Equal shapes, and values within 1e-5 of the output's scale (its largest |value|, at least 1).</summary>
    public static void AssertCloseToScale(NdArray manual, Tensor expected, string what)
    {
        Assert.Equal(expected.shape, manual.Shape.Select(d => (long)d).ToArray());
        var reference = expected.contiguous().data<float>().ToArray();
        var scale = Math.Max(1.0, reference.DefaultIfEmpty(0f).Max(Math.Abs));
        var difference = RandomArrays.MaxDifference(manual.Data, reference);
        Assert.True(difference <= 1e-5 * scale, $"{what}: max |manual - libtorch| = {difference:E2} > {1e-5 * scale:E1}");
    }
}
