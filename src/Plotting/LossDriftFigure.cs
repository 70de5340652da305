using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace TorchLab.Plotting;

/// <summary>
/// One model's |ours − theirs| train loss at every optimizer step (step i of an epoch of
/// <paramref name="StepsPerEpoch"/> sits at epoch i / StepsPerEpoch).
/// </summary>
public sealed record LossDriftSeries(string Name, IReadOnlyList<double> Differences, int StepsPerEpoch);

/// <summary>
/// Two runs of the same float32 training compared step by step: one panel per model, the difference on
/// a log axis against the epoch, a dashed line at the tolerance. A log axis has no place for an exact
/// 0, so zeros are drawn on a row of their own one decade below the lowest difference, labelled "0"
/// and set off by a dotted line.
/// </summary>
public static class LossDriftFigure
{
    /// <summary>
    /// Writes the figure; an empty list, a model with no steps, or a negative or non-finite difference
    /// throws <see cref="PlotException"/>.
    /// </summary>
    public static void SavePng(string path, IReadOnlyList<LossDriftSeries> models, string title, double tolerance,
        int width = 1000, int panelHeight = 220) =>
        Build(models, title, tolerance).SavePng(path, width, panelHeight * models.Count);

    /// <summary>The log10 position of the row that holds exact zeros, shared by every panel.</summary>
    public static int ZeroRow(IReadOnlyList<LossDriftSeries> models, double tolerance)
    {
        var lowest = models.SelectMany(m => m.Differences).Where(d => d > 0).Append(tolerance).Min();
        return (int)Math.Floor(Math.Log10(lowest)) - 1;
    }

    internal static Multiplot Build(IReadOnlyList<LossDriftSeries> models, string title, double tolerance)
    {
        Check(models, tolerance);
        var zeroRow = ZeroRow(models, tolerance);
        var top = Math.Ceiling(Math.Log10(models.SelectMany(m => m.Differences).Append(tolerance).Max()));
        var panels = models.Select((model, i) =>
        {
            var panelTitle = i == 0 ? $"{title}\n{model.Name}" : model.Name;
            var xLabel = i == models.Count - 1 ? "epoch" : null;
            var plot = FigureStyle.NewPlot(panelTitle, xLabel, "|difference|");
            Panel(plot, model, FigureStyle.Series(i), zeroRow, top, tolerance);
            return plot;
        }).ToList();
        var figure = new Multiplot(panels[0]);
        foreach (var plot in panels.Skip(1)) figure.AddPlot(plot);
        return figure;
    }

    private static void Panel(Plot plot, LossDriftSeries model, Color color, int zeroRow, double top, double tolerance)
    {
        var xs = Enumerable.Range(1, model.Differences.Count).Select(s => (double)s / model.StepsPerEpoch).ToArray();
        var ys = model.Differences.Select(d => d == 0 ? zeroRow : Math.Log10(d)).ToArray();
        var points = plot.Add.ScatterPoints(xs, ys, color);
        points.MarkerSize = 4;
        plot.Add.HorizontalLine(Math.Log10(tolerance), 1.5f, Colors.Black, LinePattern.Dashed);
        plot.Add.HorizontalLine(zeroRow + 0.5, 1, Colors.Gray, LinePattern.Dotted);
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new AboveZeroRow(zeroRow + 1),
            LabelFormatter = y => Decade(y, zeroRow),
        };
        plot.Axes.SetLimitsY(zeroRow - 0.5, top + 0.3);
        plot.Axes.SetLimitsX(0, xs[^1] * 1.01);
        plot.HideLegend();
    }

    // Ticks lie within 0.01 of a whole decade; the zero row's tick reads "0", not 10 to its power.
    private static string Decade(double y, int zeroRow)
    {
        var power = (int)Math.Round(y);
        return power == zeroRow ? "0" : $"1e{power.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void Check(IReadOnlyList<LossDriftSeries> models, double tolerance)
    {
        if (models.Count == 0) throw new PlotException("loss drift figure: no models to plot");
        if (!(tolerance > 0)) throw new PlotException($"loss drift figure: the tolerance {tolerance} is not positive");
        foreach (var m in models)
        {
            if (m.Differences.Count == 0 || m.StepsPerEpoch < 1)
            {
                throw new PlotException(
                    $"loss drift figure: '{m.Name}' has {m.Differences.Count} steps, {m.StepsPerEpoch} per epoch");
            }
            var bad = m.Differences.Where(d => !double.IsFinite(d) || d < 0).Take(1).ToList();
            if (bad.Count > 0)
            {
                var value = bad[0].ToString(CultureInfo.InvariantCulture);
                throw new PlotException($"loss drift figure: '{m.Name}' has a difference of {value}, not |difference|");
            }
        }
    }

    // The cookbook's log-spaced minor ticks, left out of the zero row's band, which is not on the log scale.
    private sealed class AboveZeroRow(double lowest) : IMinorTickGenerator
    {
        private readonly LogMinorTickGenerator log = new() { Divisions = 10 };

        public IEnumerable<double> GetMinorTicks(double[] majorPositions, CoordinateRange visibleRange) =>
            log.GetMinorTicks(majorPositions, visibleRange).Where(y => y > lowest);
    }
}
