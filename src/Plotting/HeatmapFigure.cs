using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>A matrix as a heatmap with a colour bar; row 0 at the top, as in an image.</summary>
public static class HeatmapFigure
{
    /// <summary>
    /// Draws <paramref name="values"/> into a PNG. The ticks number rows and columns from
    /// <paramref name="firstIndex"/>; <paramref name="columnLines"/> draws a dashed line at each of those column
    /// numbers (30.5: between columns 30 and 31).
    /// </summary>
    public static void SavePng(string path, float[,] values, string title, ColorMap map = ColorMap.Grey,
        int width = 600, int height = 520, string xLabel = "column", string yLabel = "row", int firstIndex = 0,
        IReadOnlyList<double>? columnLines = null, string? barLabel = null) =>
        Build(values, title, map, xLabel, yLabel, firstIndex, columnLines, barLabel).SavePng(path, width, height);

    /// <summary>
    /// The figure; cell (r, c) is centred on x = c, y = rows-1-r, and the left axis counts rows from the top.
    /// </summary>
    internal static Plot Build(float[,] values, string title, ColorMap map, string xLabel = "column",
        string yLabel = "row", int firstIndex = 0, IReadOnlyList<double>? columnLines = null, string? barLabel = null)
    {
        if (values.Length == 0 || !values.Cast<float>().Any(float.IsFinite))
            throw new PlotException($"nothing to plot: '{title}' has no finite values");
        var (rows, columns) = (values.GetLength(0), values.GetLength(1));
        var plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        var heatmap = plot.Add.Heatmap(ColorMaps.ToDouble(values));
        heatmap.Colormap = ColorMaps.For(map);
        heatmap.ManualRange = ColorMaps.RangeOf(map, values.Cast<float>());
        FigureStyle.ColorBar(plot, heatmap, barLabel);
        FigureStyle.MatrixAxes(plot, rows, columns);
        plot.Axes.Bottom.TickGenerator = IndexTicks(columns, firstIndex, c => c);
        plot.Axes.Left.TickGenerator = IndexTicks(rows, firstIndex, r => rows - 1 - r);
        foreach (var column in columnLines ?? [])
            plot.Add.VerticalLine(column - firstIndex, 2, Colors.Black, LinePattern.Dashed);
        return plot;
    }

    // Ticks at every 1st, 2nd, 5th, 10th … number (at most about a dozen), labelled with the
    // number, which starts at first; position(i) says where index i lies on the axis.
    private static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, int first, Func<int, int> position)
    {
        var step = new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500 }.FirstOrDefault(s => count / s <= 12, 1000);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        // The first number and the multiples of the step (1, 5, 10 … from 1), as a reader counts.
        for (var n = first; n < first + count; n++)
            if (n == first || n % step == 0)
                ticks.AddMajor(position(n - first), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ticks;
    }
}
