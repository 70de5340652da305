using static TorchSharp.torch;

namespace TorchLab.Manual.Tests;

/// <summary>
/// The gradient tests' one check: a by-hand gradient against a reference (autograd's, or a finite
/// difference), within a tolerance relative to the reference's scale (its largest |value|), since
/// gradients range from 1e-4 to 1e2 and float32 rounds each relative to its size.
/// </summary>
internal static class GradientCheck
{
    /// <summary>The largest |manual − reference|, the tolerance it was held to, and whether it passed.</summary>
    public static (double Difference, double Tolerance, bool Passed) Compare(float[] manual, double[] reference,
        double relative)
    {
        Assert.Equal(reference.Length, manual.Length);
        var comparison = GradientComparison.Of("", manual, reference, relative);
        return (comparison.Difference, comparison.Tolerance, comparison.Passed && manual.All(float.IsFinite));
    }

    public static void AssertClose(float[] manual, double[] reference, double relative, string what)
    {
        var (difference, tolerance, passed) = Compare(manual, reference, relative);
        Assert.True(passed, $"{what}: max |manual - reference| = {difference:E2} > {tolerance:E2} " +
            $"({relative:E0} of the largest |reference| {tolerance / relative:E2})");
    }

    public static void AssertClose(NdArray manual, Tensor reference, double relative, string what)
    {
        Assert.Equal(reference.shape, manual.Shape.Select(d => (long)d).ToArray());
        AssertClose(manual.Data, Values(reference), relative, what);
    }

    public static void AssertClose(float[] manual, Tensor reference, double relative, string what) =>
        AssertClose(manual, Values(reference), relative, what);

    public static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    /// <summary>An upstream gradient G = dL/d output: L = Σ output ⊙ G weighs every output differently.</summary>
    public static NdArray Upstream(Random random, params int[] shape) => RandomArrays.Make(random, shape);

    /// <summary>L = Σ output ⊙ G, the scalar that autograd and the finite differences differentiate.</summary>
    public static Tensor Loss(Tensor output, NdArray upstream) =>
        (output * TorchArrays.ToTorch(upstream).to_type(output.dtype)).sum();
}
