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
        plot.Axes.Bottom.TickGenerator = FigureStyle.IndexTicks(columns, firstIndex, c => c);
        plot.Axes.Left.TickGenerator = FigureStyle.IndexTicks(rows, firstIndex, r => rows - 1 - r);
        foreach (var column in columnLines ?? [])
            plot.Add.VerticalLine(column - firstIndex, 2, Colors.Black, LinePattern.Dashed);
        return plot;
    }
}
