using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>Grouped bars: one group per category, one bar per series, with a legend.</summary>
public static class BarChart
{
    /// <summary>Draws the bars (values must be positive on a log axis) and writes the PNG atomically.</summary>
    public static void SavePng(string path, IReadOnlyList<string> categories, IReadOnlyList<(string name, IReadOnlyList<double> values)> series,
        string title, string yLabel, bool logY = false, int width = 800, int height = 480)
    {
        var values = series.SelectMany(s => s.values).Where(v => double.IsFinite(v) && (!logY || v > 0)).ToList();
        if (categories.Count == 0 || values.Count == 0) throw new PlotException($"nothing to plot: '{title}' has no bars");
        if (series.Any(s => s.values.Count != categories.Count))
            throw new PlotException($"'{title}': every series needs one value per category ({categories.Count})");
        using var canvas = new Canvas(width, height);
        canvas.Text(title, width / 2.0, 22, 15, Color.Text, Align.Center, bold: true);
        var axes = new Axes(80, 44, width - 104, height - 100, -0.5, categories.Count - 0.5,
            logY ? values.Min() : Math.Min(0, values.Min()), values.Max(), logY, categoricalX: true);
        axes.DrawBackground(canvas, null, yLabel);
        var groupWidth = axes.Width / categories.Count * 0.7;
        var barWidth = groupWidth / series.Count;
        for (var c = 0; c < categories.Count; c++)
        {
            var (center, baseline) = axes.ToPixel(c, logY ? axes.YLow : 0);
            canvas.Text(categories[c], center, axes.Top + axes.Height + 16, 12, Color.Text, Align.Center);
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].values[c];
                if (!axes.Drawable(c, v)) continue;
                var (_, top) = axes.ToPixel(c, v);
                canvas.Fill(center - groupWidth / 2 + s * barWidth, top, barWidth - 2, baseline - top, Color.Series(s));
            }
        }
        axes.DrawLegend(canvas, series.Select((s, i) => (s.name, Color.Series(i))).ToList());
        canvas.SavePng(path);
    }
}
