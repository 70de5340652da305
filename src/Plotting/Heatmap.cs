using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>A matrix as a heatmap with a colour bar; row 0 at the top, as in an image.</summary>
public static class Heatmap
{
    /// <summary>Draws <paramref name="values"/> into a PNG.</summary>
    public static void SavePng(string path, float[,] values, string title, ColorMap map = ColorMap.Grey, int width = 600, int height = 520) =>
        Build(values, title, map).SavePng(path, width, height);

    /// <summary>The figure; cell (r, c) is centred on x = c, y = rows-1-r, and the left axis counts rows from the top.</summary>
    internal static Plot Build(float[,] values, string title, ColorMap map)
    {
        if (values.Length == 0 || !values.Cast<float>().Any(float.IsFinite))
            throw new PlotException($"nothing to plot: '{title}' has no finite values");
        var (rows, columns) = (values.GetLength(0), values.GetLength(1));
        var plot = FigureStyle.NewPlot(title, "column", "row");
        var heatmap = plot.Add.Heatmap(ColorMaps.ToDouble(values));
        heatmap.Colormap = ColorMaps.For(map);
        heatmap.ManualRange = ColorMaps.RangeOf(map, values.Cast<float>());
        FigureStyle.ColorBar(plot, heatmap);
        FigureStyle.MatrixAxes(plot, rows, columns);
        plot.Axes.Bottom.TickGenerator = IndexTicks(columns, c => c);
        plot.Axes.Left.TickGenerator = IndexTicks(rows, r => rows - 1 - r);
        return plot;
    }

    // Ticks at every 1st, 2nd, 5th, 10th … index (at most about a dozen), labelled with the
    // index; position(i) says where index i lies on the axis.
    private static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, Func<int, int> position)
    {
        var step = new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500 }.FirstOrDefault(s => count / s <= 12, 1000);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < count; i += step) ticks.AddMajor(position(i), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ticks;
    }
}
