using System.Globalization;
using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>A confusion matrix: true classes down, predicted ones across, counts in the cells, a colour bar.</summary>
public static class ConfusionMatrixFigure
{
    /// <summary>Draws <paramref name="counts"/>[true, predicted] into a PNG.</summary>
    public static void SavePng(string path, int[,] counts, IReadOnlyList<string> classNames, string title,
        int size = 560) =>
        Build(counts, classNames, title).SavePng(path, size + 80, size);

    /// <summary>The figure; cell (t, p) is centred on x = p, y = k-1-t (true class 0 at the top).</summary>
    internal static Plot Build(int[,] counts, IReadOnlyList<string> classNames, string title)
    {
        var k = classNames.Count;
        if (k == 0 || counts.GetLength(0) != k || counts.GetLength(1) != k)
            throw new PlotException(
                $"'{title}': a {counts.GetLength(0)}x{counts.GetLength(1)} matrix for {k} class names");
        var plot = FigureStyle.NewPlot(title, "predicted", "true");
        var values = new double[k, k];
        for (var t = 0; t < k; t++)
        for (var p = 0; p < k; p++)
            values[t, p] = counts[t, p];
        var heatmap = plot.Add.Heatmap(values);   // row 0 (true class 0) at the top
        // White for 0, dark blue for the most.
        heatmap.Colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues());
        var max = Math.Max(1, counts.Cast<int>().Max());
        heatmap.ManualRange = new ScottPlot.Range(0, max);
        FigureStyle.ColorBar(plot, heatmap, "count");

        for (var t = 0; t < k; t++)
        for (var p = 0; p < k; p++)
        {
            var text = FigureStyle.Text(plot, counts[t, p].ToString(CultureInfo.InvariantCulture), p, k - 1 - t,
                Math.Clamp(220f / k, 10, 18), Alignment.MiddleCenter, bold: t == p);
            // Readable on dark and light cells.
            text.LabelFontColor = counts[t, p] > max / 2.0 ? Colors.White : Colors.Black;
        }
        var ticks = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, classNames.ToArray());
        plot.Axes.Left.SetTicks(ticks.Select(v => k - 1 - v).ToArray(), classNames.ToArray());
        FigureStyle.MatrixAxes(plot, k, k);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.MajorTickStyle.Length = 0;
            axis.TickLabelStyle.FontSize = FigureStyle.CategorySize;
        }
        return plot;
    }
}
