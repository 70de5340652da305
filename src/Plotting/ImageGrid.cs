using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>
/// One small image of a grid, with its caption, a colour map of its own if it differs from the grid's, and
/// optionally a name for each of its rows (A, C, G, T of a sequence filter), written at its left edge.
/// </summary>
public sealed record GridImage(float[,] Values, string Caption, ColorMap? Map = null,
    IReadOnlyList<string>? RowNames = null);

/// <summary>
/// Rows of small images with a label per row and a caption per image, e.g. "input channels /
/// per-channel terms / outputs". Each image is scaled to its own range unless the scale is shared.
/// </summary>
public static class ImageGrid
{
    // The layout in pixels: a title band, then per row a label column (wider where a label needs it) and
    // cells with captions below.
    internal const int MinLabelWidth = 170, Gap = 16, CaptionHeight = 24, TitleHeight = 48;
    private const float RowLabelSize = FigureStyle.LabelSize - 1, RowNameSize = 11;

    /// <summary>Draws the grid into a PNG.</summary>
    public static void SavePng(string path, IReadOnlyList<(string rowLabel, IReadOnlyList<GridImage> images)> rows,
        string title, ColorMap map = ColorMap.Grey, bool sharedScale = false, int cellSize = 140)
    {
        var (plot, width, height) = Build(rows, title, map, sharedScale, cellSize);
        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// One frameless plot whose coordinates are pixels from the top left (y grows downwards), so that image
    /// (r, c) fills the square at x = labelWidth + c·(cell + Gap), y = TitleHeight + r·(cell + CaptionHeight + Gap).
    /// </summary>
    internal static (Plot plot, int width, int height) Build(
        IReadOnlyList<(string rowLabel, IReadOnlyList<GridImage> images)> rows, string title, ColorMap map,
        bool sharedScale, int cellSize)
    {
        if (rows.Count == 0 || rows.All(r => r.images.Count == 0))
            throw new PlotException($"nothing to plot: '{title}' has no images");
        foreach (var image in rows.SelectMany(r => r.images))
        {
            if (image.Values.Length == 0) throw new PlotException($"'{title}': image '{image.Caption}' is empty");
            if (image.RowNames is { } names && names.Count != image.Values.GetLength(0))
                throw new PlotException($"'{title}': image '{image.Caption}' has {image.Values.GetLength(0)} rows "
                    + $"and {names.Count} row names");
        }
        var columns = rows.Max(r => r.images.Count);
        var widestLabel = rows.Max(r => FigureStyle.TextWidth(r.rowLabel, RowLabelSize, bold: true));
        var labelWidth = Math.Max(MinLabelWidth, (int)Math.Ceiling(widestLabel) + 2 * Gap);
        var width = labelWidth + columns * (cellSize + Gap) + Gap;
        var height = TitleHeight + rows.Count * (cellSize + CaptionHeight + Gap) + Gap;
        var allValues = rows.SelectMany(r => r.images).SelectMany(i => i.Values.Cast<float>());
        ScottPlot.Range? shared = sharedScale ? ColorMaps.RangeOf(map, allValues) : null;

        var plot = FigureStyle.NewPlot();
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(0, width, height, 0);   // bottom > top: y points down, as in an image
        FigureStyle.Text(plot, title, width / 2.0, 14, FigureStyle.TitleSize, Alignment.UpperCenter, bold: true);
        for (var r = 0; r < rows.Count; r++)
        {
            var top = TitleHeight + r * (cellSize + CaptionHeight + Gap);
            var middle = top + cellSize / 2.0;
            FigureStyle.Text(plot, rows[r].rowLabel, Gap, middle, RowLabelSize, Alignment.MiddleLeft, bold: true);
            for (var c = 0; c < rows[r].images.Count; c++)
            {
                var image = rows[r].images[c];
                var imageMap = image.Map ?? map;
                var left = labelWidth + c * (cellSize + Gap);
                var heatmap = plot.Add.Heatmap(Intensities(image.Values));
                heatmap.Colormap = ColorMaps.For(imageMap);
                heatmap.ManualRange = shared ?? ColorMaps.RangeOf(imageMap, image.Values.Cast<float>());
                heatmap.Rectangle = new CoordinateRect(left, left + cellSize, top + cellSize, top);
                heatmap.FlipVertically = true;   // ScottPlot puts row 0 at the largest y, which is the bottom here
                var (center, under) = (left + cellSize / 2.0, top + cellSize + 5);
                FigureStyle.Text(plot, image.Caption, center, under, FigureStyle.TickSize, Alignment.UpperCenter);
                var names = image.RowNames ?? [];
                for (var i = 0; i < names.Count; i++)   // in the gap before the cell, which fits a letter or two
                {
                    var y = top + (i + 0.5) * cellSize / names.Count;
                    FigureStyle.Text(plot, names[i], left - 2, y, RowNameSize, Alignment.MiddleRight);
                }
            }
        }
        return (plot, width, height);
    }

    // ScottPlot 5.1.59 draws nothing for a heatmap placed in a Rectangle when it has a single row
    // or column, so such an image is drawn with every pixel doubled, which looks the same.
    private static double[,] Intensities(float[,] values)
    {
        var scale = values.GetLength(0) == 1 || values.GetLength(1) == 1 ? 2 : 1;
        var result = new double[values.GetLength(0) * scale, values.GetLength(1) * scale];
        for (var r = 0; r < result.GetLength(0); r++)
        for (var c = 0; c < result.GetLength(1); c++)
            result[r, c] = values[r / scale, c / scale];
        return result;
    }
}
