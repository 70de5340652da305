using System.Globalization;
using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>
/// ScottPlot has no log axis: a log-scale figure plots log10 of its values, and this puts the
/// ticks at 1, 2, 5 × 10^k (only 10^k past two decades) labelled with the values themselves.
/// </summary>
internal static class LogAxis
{
    /// <summary>Ticks on the left axis for the log10 data already added to <paramref name="plot"/>.</summary>
    public static void Apply(Plot plot)
    {
        var limits = plot.GetPlottables().Select(p => p.GetAxisLimits()).Where(l => double.IsFinite(l.Bottom) && double.IsFinite(l.Top)).ToList();
        var (bottom, top) = (limits.Min(l => l.Bottom), limits.Max(l => l.Top));
        var (low, high) = ((int)Math.Floor(bottom), (int)Math.Ceiling(top));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        int[] labelled = top - bottom <= 2 ? [1, 2, 5] : [1];
        for (var power = low; power <= high; power++)
        for (var mantissa = 1; mantissa <= 9; mantissa++)
        {
            var position = power + Math.Log10(mantissa);
            if (labelled.Contains(mantissa)) ticks.AddMajor(position, Label(mantissa * Math.Pow(10, power)));
            else ticks.AddMinor(position);
        }
        plot.Axes.Left.TickGenerator = ticks;
    }

    // Plain numbers where they are short (0.001 … 100000), powers of ten beyond.
    private static string Label(double value) =>
        value is >= 1e-3 and <= 1e5 ? value.ToString("0.###", CultureInfo.InvariantCulture) : value.ToString("0e0", CultureInfo.InvariantCulture);
}
