using SkiaSharp;

namespace TorchLab.Plotting;

/// <summary>Writes a figure as a PNG atomically: readers see the old file or the whole new one, never half of it.</summary>
internal static class FigureFile
{
    /// <summary>Renders <paramref name="plot"/> at the given size into <paramref name="path"/>.</summary>
    public static void Save(string path, ScottPlot.Plot plot, int width, int height) =>
        Save(path, width, height, canvas => plot.Render(canvas, new ScottPlot.PixelRect(0, width, height, 0)));

    /// <summary>Draws <paramref name="plot"/> rendered at <paramref name="width"/>x<paramref name="height"/> with its top left corner at (left, top).</summary>
    /// <remarks>Each plot is rendered on its own first: a plot fills its whole canvas with its background.</remarks>
    public static void DrawPlot(SKCanvas canvas, ScottPlot.Plot plot, float left, float top, int width, int height)
    {
        using var image = SKImage.FromEncodedData(plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png));
        canvas.DrawImage(image, left, top);
    }

    /// <summary>Draws on a white <paramref name="width"/>x<paramref name="height"/> canvas and writes it to <paramref name="path"/>.</summary>
    public static void Save(string path, int width, int height, Action<SKCanvas> draw)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new PlotException($"cannot write '{path}': folder '{folder}' does not exist");
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = File.Create(temporary)) png.SaveTo(stream);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new PlotException($"cannot write '{path}': {e.Message}", e);
        }
    }
}
