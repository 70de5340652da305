using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>
/// A line chart in the spirit of ScottPlot: add named series, set labels, save a PNG.
/// NaN and infinite points (and non-positive ones on a log axis) are skipped and break the
/// line, leaving a gap; a chart with no drawable point at all throws <see cref="PlotException"/>.
/// </summary>
public sealed class Plot
{
    private readonly List<Series> series = new();

    /// <summary>The title above the chart.</summary>
    public string? Title { get; set; }
    /// <summary>The x axis label.</summary>
    public string? XLabel { get; set; }
    /// <summary>The y axis label.</summary>
    public string? YLabel { get; set; }
    /// <summary>A logarithmic y axis (ticks at powers of ten).</summary>
    public bool LogY { get; set; }
    /// <summary>Put the legend in the lower right corner (for curves that rise, like accuracy).</summary>
    public bool LegendBottom { get; set; }

    /// <summary>
    /// Adds a series. <paramref name="faint"/> draws it thin and translucent without a legend
    /// entry (raw values under a smoothed line); <paramref name="colorIndex"/> picks a palette
    /// colour (default: the next one).
    /// </summary>
    public void AddLine(string name, IReadOnlyList<double> xs, IReadOnlyList<double> ys, bool markers = false, bool faint = false, int colorIndex = -1)
    {
        if (xs.Count != ys.Count) throw new PlotException($"series '{name}': {xs.Count} x values but {ys.Count} y values");
        var color = Color.Series(colorIndex >= 0 ? colorIndex : series.Count(s => !s.Faint));
        series.Add(new Series(name, xs, ys, markers, faint, color));
    }

    /// <summary>Draws the chart and writes it to <paramref name="path"/> atomically.</summary>
    public void SavePng(string path, int width = 800, int height = 500)
    {
        using var canvas = new Canvas(width, height);
        Draw(canvas, 0, 0, width, height);
        canvas.SavePng(path);
    }

    /// <summary>Draws into the rectangle of <paramref name="canvas"/>; returns the axes (tests ask them where data lands).</summary>
    internal Axes Draw(Canvas canvas, double x, double y, double width, double height)
    {
        var points = series.SelectMany(s => s.Xs.Zip(s.Ys)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!LogY || p.Second > 0)).ToList();
        if (points.Count == 0) throw new PlotException($"nothing to plot: '{Title}' has no finite {(LogY ? "positive " : "")}points");
        var top = y + (Title is null ? 16 : 44);
        var axes = new Axes(x + 72, top, width - 72 - 24, height - (top - y) - 56,
            points.Min(p => p.First), points.Max(p => p.First), points.Min(p => p.Second), points.Max(p => p.Second), LogY);
        if (Title is not null) canvas.Text(Title, x + width / 2, y + 22, 15, Color.Text, Align.Center, bold: true);
        axes.DrawBackground(canvas, XLabel, YLabel);
        canvas.Clipped(axes.Left, axes.Top, axes.Width, axes.Height, () =>
        {
            foreach (var s in series)
            {
                var pixels = s.Xs.Zip(s.Ys, (a, b) => axes.Drawable(a, b) ? axes.ToPixel(a, b) : ((double, double)?)null).ToList();
                canvas.Polyline(pixels, s.Faint ? s.Color.WithAlpha(0.3) : s.Color, s.Faint ? 1 : 2.2);
                if (s.Markers)
                    foreach (var p in pixels)
                        if (p is { } m) canvas.Dot(m.Item1, m.Item2, 3.2, s.Color);
            }
        });
        axes.DrawLegend(canvas, series.Where(s => !s.Faint).Select(s => (s.Name, s.Color)).ToList(), LegendBottom);
        return axes;
    }

    private sealed record Series(string Name, IReadOnlyList<double> Xs, IReadOnlyList<double> Ys, bool Markers, bool Faint, Color Color);
}
