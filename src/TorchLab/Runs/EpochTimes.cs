namespace TorchLab.Runs;

/// <summary>How the lab summarises epoch times: one definition for runs, reports and the benchmark.</summary>
public static class EpochTimes
{
    /// <summary>The median (the mean of the middle two for an even count); NaN when there are none.</summary>
    public static double Median(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
