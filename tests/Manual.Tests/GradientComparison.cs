namespace TorchLab.Manual.Tests;

/// <summary>
/// A gradient by hand against a reference (autograd, or a finite difference): the largest difference,
/// and a tolerance relative to a scale: the reference's largest |value|, or the size of the terms its
/// sums add up (floor) if that is larger, since a sum that cancels to near zero keeps
/// the rounding of its terms. A reference of zeros with no floor demands zeros.
/// A comparison reports; the tests assert, so that a mutation test can show that it reports a failure.
/// </summary>
internal sealed record GradientComparison(string What, double Difference, double Largest, double Scale,
    double Tolerance)
{
    public bool Passed => Difference <= Tolerance;

    public static GradientComparison Of(string what, float[] manual, float[] reference, double relativeTolerance,
        double floor = 0) =>
        Of(what, manual, [.. reference.Select(v => (double)v)], relativeTolerance, floor);

    public static GradientComparison Of(string what, float[] manual, double[] reference, double relativeTolerance,
        double floor = 0)
    {
        Assert.True(manual.Length == reference.Length,
            $"{what}: {manual.Length} values by hand, {reference.Length} in the reference");
        var largest = reference.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var scale = Math.Max(floor, largest);
        var difference = manual.Zip(reference, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max();
        return new GradientComparison(what, difference, largest, scale, relativeTolerance * scale);
    }

    public override string ToString() =>
        $"{What}: max |by hand - reference| = {Difference:E2} vs tolerance {Tolerance:E2} (scale {Scale:E2})";

    public static void AssertAllPassed(IEnumerable<GradientComparison> comparisons)
    {
        var failed = comparisons.Where(c => !c.Passed).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}
