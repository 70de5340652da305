using SkiaSharp;

namespace TorchLab.Plotting.Tests;

/// <summary>A PNG decoded back to pixels, with the checks the figure tests share.</summary>
internal sealed class PngReadBack
{
    private readonly SKBitmap bitmap;

    public PngReadBack(string path)
    {
        using var codec = SKCodec.Create(path) ?? throw new InvalidDataException($"'{path}' is not an image");
        Assert.Equal(SKEncodedImageFormat.Png, codec.EncodedFormat);
        bitmap = new SKBitmap(codec.Info.Width, codec.Info.Height);
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());   // a truncated file reports IncompleteInput
        Assert.True(result == SKCodecResult.Success, $"'{path}' decodes with {result}");
    }

    public int Width => bitmap.Width;
    public int Height => bitmap.Height;

    public (int r, int g, int b) At(double x, double y)
    {
        var pixel = bitmap.GetPixel((int)Math.Round(x), (int)Math.Round(y));
        return (pixel.Red, pixel.Green, pixel.Blue);
    }

    public double Brightness(double x, double y)
    {
        var (r, g, b) = At(x, y);
        return (r + g + b) / (3 * 255.0);
    }

    public static bool IsWhite((int r, int g, int b) c) => c.r > 245 && c.g > 245 && c.b > 245;

    /// <summary>Share of pixels in the rectangle [x0, x1) × [y0, y1) that are not white.</summary>
    public double InkShare(int x0, int y0, int x1, int y1)
    {
        var ink = 0;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
            if (!IsWhite(At(x, y))) ink++;
        return (double)ink / ((x1 - x0) * (y1 - y0));
    }

    /// <summary>How many pixels of the rectangle are within <paramref name="tolerance"/> (sum of channel differences) of <paramref name="color"/>.</summary>
    public int CountColor((int r, int g, int b) color, int x0, int y0, int x1, int y1, int tolerance = 40)
    {
        var count = 0;
        for (var y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
        for (var x = Math.Max(0, x0); x < Math.Min(Width, x1); x++)
            if (Near(At(x, y), color, tolerance)) count++;
        return count;
    }

    /// <summary>Whether a pixel within <paramref name="radius"/> of (x, y) is close to <paramref name="color"/>.</summary>
    public bool HasColorNear(double x, double y, (int r, int g, int b) color, int radius = 3, int tolerance = 40)
    {
        var (px, py) = ((int)Math.Round(x), (int)Math.Round(y));
        return CountColor(color, px - radius, py - radius, px + radius + 1, py + radius + 1, tolerance) > 0;
    }

    private static bool Near((int r, int g, int b) c, (int r, int g, int b) color, int tolerance) =>
        Math.Abs(c.r - color.r) + Math.Abs(c.g - color.g) + Math.Abs(c.b - color.b) <= tolerance;
}

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("torchlab-plot-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the files and folders in the folder, sorted.</summary>
    public string[] Entries() => [.. Directory.GetFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order()!];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Where a data coordinate lands in a plot rendered at a given size.</summary>
internal static class PlotPixels
{
    public static ScottPlot.Pixel Of(ScottPlot.Plot plot, double x, double y, int width, int height)
    {
        plot.GetImage(width, height);   // lays the plot out at that size
        return plot.GetPixel(new ScottPlot.Coordinates(x, y));
    }
}
