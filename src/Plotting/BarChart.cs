namespace TorchLab.Plotting;

/// <summary>Grouped bars: one group per category, one bar per series, with a legend.</summary>
public static class BarChart
{
    /// <summary>Draws the bars (values must be positive on a log axis) into a PNG.</summary>
    public static void SavePng(string path, IReadOnlyList<string> categories,
        IReadOnlyList<(string name, IReadOnlyList<double> values)> series, string title, string yLabel,
        bool logY = false, int width = 800, int height = 480)
    {
        if (series.Any(s => s.values.Count != categories.Count))
            throw new PlotException($"'{title}': every series needs one value per category ({categories.Count})");
        bool Drawable(double v) => double.IsFinite(v) && (!logY || v > 0);
        if (categories.Count == 0 || !series.SelectMany(s => s.values).Any(Drawable))
            throw new PlotException($"nothing to plot: '{title}' has no bars");

        var plot = FigureStyle.NewPlot(title, null, yLabel);
        var groupWidth = 0.8;
        var barWidth = groupWidth / series.Count;
        // On a log axis bars rise from one decade below the smallest value.
        var floor = logY ? Math.Floor(Math.Log10(series.SelectMany(s => s.values).Where(Drawable).Min())) : 0;
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<ScottPlot.Bar>();
            for (var c = 0; c < categories.Count; c++)
            {
                var v = series[s].values[c];
                if (!Drawable(v)) continue;
                bars.Add(new ScottPlot.Bar
                {
                    Position = c - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = logY ? Math.Log10(v) : v,
                    ValueBase = floor,
                    Size = barWidth * 0.92,
                    FillColor = FigureStyle.Series(s),
                    LineWidth = 0,
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series[s].name;
        }
        double[] positions = [.. Enumerable.Range(0, categories.Count).Select(c => (double)c)];
        plot.Axes.Bottom.SetTicks(positions, [.. categories]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        if (logY) FigureStyle.LogScale(plot, series.SelectMany(s => s.values).Append(Math.Pow(10, floor)));
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.Axes.Bottom.TickLabelStyle.FontSize = FigureStyle.CategorySize;
        plot.SavePng(path, width, height);
    }
}
