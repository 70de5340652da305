using TorchLab.Plotting.Cairo;

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
        const int labelWidth = 150, gap = 14, captionHeight = 22, titleHeight = 44;
        var columns = rows.Max(r => r.images.Count);
        var width = labelWidth + columns * (cellSize + gap) + gap;
        var height = titleHeight + rows.Count * (cellSize + captionHeight + gap) + gap;
        using var canvas = new Canvas(width, height);
        canvas.Text(title, width / 2.0, 22, 15, Color.Text, Align.Center, bold: true);
        var shared = sharedScale ? ColorScale.For(map, rows.SelectMany(r => r.images).SelectMany(i => i.Values.Cast<float>())) : (ColorScale?)null;
        for (var r = 0; r < rows.Count; r++)
        {
            var top = titleHeight + r * (cellSize + captionHeight + gap);
            canvas.Text(rows[r].rowLabel, gap, top + cellSize / 2.0, 13, Color.Text, bold: true);
            for (var c = 0; c < rows[r].images.Count; c++)
            {
                var image = rows[r].images[c];
                var (h, w) = (image.Values.GetLength(0), image.Values.GetLength(1));
                if (h == 0 || w == 0) throw new PlotException($"'{title}': image '{image.Caption}' is empty");
                var scale = shared ?? ColorScale.For(image.Map ?? map, image.Values.Cast<float>());
                var fit = (double)cellSize / Math.Max(h, w);
                var left = labelWidth + c * (cellSize + gap) + (cellSize - w * fit) / 2;
                canvas.Image(Heatmap.Pixels(image.Values, scale), w, h, left, top + (cellSize - h * fit) / 2, w * fit, h * fit);
                canvas.StrokeRectangle(left, top + (cellSize - h * fit) / 2, w * fit, h * fit, Color.Grid);
                canvas.Text(image.Caption, labelWidth + c * (cellSize + gap) + cellSize / 2.0, top + cellSize + 12, 11, Color.Text, Align.Center);
            }
        }
        canvas.SavePng(path);
    }
}
