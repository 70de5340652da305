using SkiaSharp;

namespace TorchLab.Plotting;

/// <summary>One small image of a grid, with its caption, and a colour map of its own if it differs from the grid's.</summary>
public sealed record GridImage(float[,] Values, string Caption, ColorMap? Map = null);

/// <summary>
/// Rows of small images with a label per row and a caption per image, e.g. "input channels /
/// per-channel terms / outputs". Each image is scaled to its own range unless the scale is shared.
/// </summary>
public static class ImageGrid
{
    /// <summary>Draws the grid and writes the PNG atomically.</summary>
    public static void SavePng(string path, IReadOnlyList<(string rowLabel, IReadOnlyList<GridImage> images)> rows, string title,
        ColorMap map = ColorMap.Grey, bool sharedScale = false, int cellSize = 140)
    {
        if (rows.Count == 0 || rows.All(r => r.images.Count == 0)) throw new PlotException($"nothing to plot: '{title}' has no images");
        foreach (var image in rows.SelectMany(r => r.images))
            if (image.Values.Length == 0) throw new PlotException($"'{title}': image '{image.Caption}' is empty");
        const int labelWidth = 170, gap = 16, captionHeight = 24, titleHeight = 48;
        var columns = rows.Max(r => r.images.Count);
        var width = labelWidth + columns * (cellSize + gap) + gap;
        var height = titleHeight + rows.Count * (cellSize + captionHeight + gap) + gap;
        var shared = sharedScale ? ColorMaps.RangeOf(map, rows.SelectMany(r => r.images).SelectMany(i => i.Values.Cast<float>())) : (ScottPlot.Range?)null;

        FigureFile.Save(path, width, height, canvas =>
        {
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var titleFont = FigureStyle.Font(FigureStyle.TitleSize, bold: true);
            using var labelFont = FigureStyle.Font(FigureStyle.LabelSize - 1, bold: true);
            using var captionFont = FigureStyle.Font(FigureStyle.TickSize);
            canvas.DrawText(title, width / 2f, 30, SKTextAlign.Center, titleFont, ink);
            for (var r = 0; r < rows.Count; r++)
            {
                var top = titleHeight + r * (cellSize + captionHeight + gap);
                canvas.DrawText(rows[r].rowLabel, gap, top + cellSize / 2f + 5, SKTextAlign.Left, labelFont, ink);
                for (var c = 0; c < rows[r].images.Count; c++)
                {
                    var image = rows[r].images[c];
                    var imageMap = image.Map ?? map;
                    var left = labelWidth + c * (cellSize + gap);
                    FigureFile.DrawPlot(canvas, Cell(image, imageMap, shared ?? ColorMaps.RangeOf(imageMap, image.Values.Cast<float>())),
                        left, top, cellSize, cellSize);
                    canvas.DrawText(image.Caption, left + cellSize / 2f, top + cellSize + 17, SKTextAlign.Center, captionFont, ink);
                }
            }
        });
    }

    // One image filling its cell: no axes, no margins, square pixels.
    private static ScottPlot.Plot Cell(GridImage image, ColorMap map, ScottPlot.Range range)
    {
        var plot = FigureStyle.NewPlot();
        var heatmap = plot.Add.Heatmap(ColorMaps.ToDouble(image.Values));
        heatmap.Colormap = ColorMaps.For(map);
        heatmap.ManualRange = range;
        plot.Axes.Frameless();
        plot.HideGrid();
        plot.Axes.SquareUnits();
        plot.Axes.Margins(0, 0);
        return plot;
    }
}
