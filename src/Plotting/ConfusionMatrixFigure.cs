using System.Globalization;
using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>A confusion matrix: true classes down, predicted classes across, counts in the cells.</summary>
public static class ConfusionMatrixFigure
{
    private static readonly Color Low = Color.White, High = Color.Hex(0x08519c);

    /// <summary>Draws <paramref name="counts"/>[true, predicted] and writes the PNG atomically.</summary>
    public static void SavePng(string path, int[,] counts, IReadOnlyList<string> classNames, string title, int size = 560)
    {
        var k = classNames.Count;
        if (k == 0 || counts.GetLength(0) != k || counts.GetLength(1) != k)
            throw new PlotException($"'{title}': a {counts.GetLength(0)}x{counts.GetLength(1)} matrix for {k} class names");
        var (left, top) = (90.0, 96.0);
        var cell = (size - left - 20) / k;
        using var canvas = new Canvas(size, (int)(top + k * cell + 24));
        canvas.Text(title, size / 2.0, 22, 15, Color.Text, Align.Center, bold: true);
        var max = Math.Max(1, counts.Cast<int>().Max());
        for (var t = 0; t < k; t++)
        for (var p = 0; p < k; p++)
        {
            var share = counts[t, p] / (double)max;
            var color = new Color(Low.R + (High.R - Low.R) * share, Low.G + (High.G - Low.G) * share, Low.B + (High.B - Low.B) * share);
            var (x, y) = (left + p * cell, top + t * cell);
            canvas.Fill(x, y, cell, cell, color);
            canvas.StrokeRectangle(x, y, cell, cell, Color.Grid);
            var ink = color.Luminance < 0.5 ? Color.White : Color.Text;   // readable on dark and light cells
            canvas.Text(counts[t, p].ToString(CultureInfo.InvariantCulture), x + cell / 2, y + cell / 2, Math.Min(16, cell / 3), ink, Align.Center, bold: t == p);
        }
        for (var i = 0; i < k; i++)
        {
            canvas.Text(classNames[i], left + i * cell + cell / 2, top - 12, 12, Color.Text, Align.Center);
            canvas.Text(classNames[i], left - 10, top + i * cell + cell / 2, 12, Color.Text, Align.End);
        }
        canvas.Text("predicted", left + k * cell / 2, top - 36, 13, Color.Text, Align.Center, bold: true);
        canvas.Text("true", 30, top + k * cell / 2, 13, Color.Text, Align.Center, bold: true, vertical: true);
        canvas.SavePng(path);
    }
}
