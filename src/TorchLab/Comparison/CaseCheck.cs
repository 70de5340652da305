namespace TorchLab.Comparison;

/// <summary>
/// One case checked: shapes, how far apart the manual and libtorch outputs are, the output's
/// magnitude (the course's "inspect shape and magnitude"), and whether the gap is within tolerance.
/// </summary>
public sealed record CaseCheck(
    string Name,
    int[] InputShape,
    int[] OutputShape,
    double MaxAbsDifference,
    double MeanAbsDifference,
    double OutputMin,
    double OutputMax,
    double OutputMean,
    double Tolerance)
{
    /// <summary>Whether max |manual - torch| is within <see cref="Tolerance"/>.</summary>
    public bool Passed => MaxAbsDifference <= Tolerance;

    /// <summary>
    /// Compares the two outputs of <paramref name="outputs"/>; the tolerance is 1e-5 relative to the output's scale.
    /// </summary>
    public static CaseCheck Of(CaseResults outputs)
    {
        var (name, manual, libtorch) = (outputs.Name, outputs.Manual.Data, outputs.LibTorch.Data);
        if (manual.Length != libtorch.Length)
            throw new ArgumentException(
                $"{name}: manual output has {manual.Length} values, libtorch's {libtorch.Length}");
        double max = 0, sum = 0;
        for (var i = 0; i < manual.Length; i++)
        {
            var d = Math.Abs(manual[i] - libtorch[i]);
            max = Math.Max(max, d);
            sum += d;
        }
        var scale = Math.Max(1.0, libtorch.Max(Math.Abs));
        return new CaseCheck(
            name,
            outputs.Input.Shape,
            outputs.Manual.Shape,
            max,
            sum / manual.Length,
            libtorch.Min(),
            libtorch.Max(),
            libtorch.Average(v => (double)v),
            1e-5 * scale);
    }
}
