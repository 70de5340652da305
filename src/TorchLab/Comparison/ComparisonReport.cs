namespace TorchLab.Comparison;

/// <summary>
/// One manual-against-libtorch check: shapes, how far apart the two outputs are, the output's
/// magnitude (the course's "inspect shape and magnitude"), and whether the gap is within tolerance.
/// </summary>
public sealed record ComparisonCase(string Name, long[] InputShape, long[] OutputShape, double MaxAbsDifference,
    double MeanAbsDifference, double OutputMin, double OutputMax, double OutputMean, double Tolerance)
{
    /// <summary>Whether max |manual - torch| is within <see cref="Tolerance"/>.</summary>
    public bool Passed => MaxAbsDifference <= Tolerance;

    /// <summary>Compares two outputs of the same shape; the tolerance is 1e-5 relative to the output's scale.</summary>
    public static ComparisonCase From(string name, long[] inputShape, long[] outputShape, float[] manual, float[] libtorch)
    {
        if (manual.Length != libtorch.Length)
            throw new ArgumentException($"{name}: manual output has {manual.Length} values, libtorch's {libtorch.Length}");
        double max = 0, sum = 0;
        for (var i = 0; i < manual.Length; i++)
        {
            var d = Math.Abs(manual[i] - libtorch[i]);
            max = Math.Max(max, d);
            sum += d;
        }
        var scale = Math.Max(1.0, libtorch.Max(Math.Abs));
        return new ComparisonCase(name, inputShape, outputShape, max, sum / manual.Length, libtorch.Min(), libtorch.Max(),
            libtorch.Average(v => (double)v), 1e-5 * scale);
    }
}

/// <summary>All comparison cases and the figures drawn for them (paths relative to the output folder).</summary>
public sealed record ComparisonReport(IReadOnlyList<ComparisonCase> Cases, IReadOnlyList<(string caption, string path)> Figures)
{
    /// <summary>Whether every case passed.</summary>
    public bool AllPassed => Cases.All(c => c.Passed);
}
