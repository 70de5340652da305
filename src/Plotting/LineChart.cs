using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One named line of a chart; <see cref="Markers"/> draws a dot at every point.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, bool Markers = false);

/// <summary>Line charts with a legend; NaN and infinite points leave a gap in their line.</summary>
public static class LineChart
{
    /// <summary>Draws <paramref name="series"/> into a PNG.</summary>
    public static void SavePng(string path, string title, string xLabel, string yLabel,
        IReadOnlyList<LineSeries> series, bool logY = false, int width = 800, int height = 500) =>
        Build(title, xLabel, yLabel, series, logY).SavePng(path, width, height);

    internal static Plot Build(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series,
        bool logY = false)
    {
        var plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++) AddLine(plot, series[i], FigureStyle.Series(i), logY);
        if (!HasData(plot)) throw new PlotException($"nothing to plot: '{title}' has no finite points");
        if (logY) FigureStyle.LogScale(plot, series.SelectMany(s => s.Ys));
        plot.ShowLegend(Edge.Right);   // beside the data, so it never hides a line
        return plot;
    }

    /// <summary>
    /// Adds a line in finite runs (log10 of y on a log axis, which the caller then labels with
    /// <see cref="FigureStyle.LogScale"/>), named once in the legend.
    /// </summary>
    internal static void AddLine(Plot plot, LineSeries series, Color color, bool logY, float width = 2)
    {
        if (series.Xs.Count != series.Ys.Count)
            throw new PlotException($"'{series.Name}': {series.Xs.Count} x values for {series.Ys.Count} y values");
        var named = false;
        foreach (var (xs, ys) in FiniteRuns(series.Xs, series.Ys, logY))
        {
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = width;
            line.MarkerSize = series.Markers ? 6 : 0;
            if (series.Markers) line.MarkerShape = MarkerShape.FilledCircle;
            if (xs.Length == 1) line.MarkerSize = Math.Max(line.MarkerSize, 4);
            if (!named) { line.LegendText = series.Name; named = true; }
        }
    }

    internal static bool HasData(Plot plot) => plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Any();

    // Consecutive points whose x and y (and, on a log axis, y > 0) are finite; each run is drawn
    // as its own line so a NaN breaks the line instead of being bridged.
    private static IEnumerable<(double[] xs, double[] ys)> FiniteRuns(IReadOnlyList<double> xs,
        IReadOnlyList<double> ys, bool logY)
    {
        var runX = new List<double>();
        var runY = new List<double>();
        for (var i = 0; i <= xs.Count; i++)
        {
            var usable = i < xs.Count && double.IsFinite(xs[i]) && double.IsFinite(ys[i]) && (!logY || ys[i] > 0);
            if (usable)
            {
                runX.Add(xs[i]);
                runY.Add(logY ? Math.Log10(ys[i]) : ys[i]);
                continue;
            }
            if (runX.Count > 0) yield return (runX.ToArray(), runY.ToArray());
            runX.Clear();
            runY.Clear();
        }
    }
}
