namespace TorchLab.Plotting.Tests;

/// <summary>A PNG read back through cairo, with the checks the figure tests share.</summary>
internal sealed class PngReadBack
{
    private readonly uint[] pixels;

    public PngReadBack(string path) => (Width, Height, pixels) = PngFile.ReadArgb(path);

    public int Width { get; }
    public int Height { get; }

    public (int r, int g, int b) At(int x, int y)
    {
        var p = pixels[y * Width + x];
        return ((int)(p >> 16) & 255, (int)(p >> 8) & 255, (int)p & 255);
    }

    public static bool IsWhite((int r, int g, int b) c) => c.r > 245 && c.g > 245 && c.b > 245;

    /// <summary>Share of pixels in the rectangle that are not white.</summary>
    public double InkShare(int x0, int y0, int x1, int y1)
    {
        var ink = 0;
        for (var y = y0; y < y1; y++)
        for (var x = x0; x < x1; x++)
            if (!IsWhite(At(x, y))) ink++;
        return (double)ink / ((x1 - x0) * (y1 - y0));
    }

    /// <summary>Whether a pixel within <paramref name="radius"/> of (x, y) is close to <paramref name="color"/>.</summary>
    public bool HasColorNear(double x, double y, (int r, int g, int b) color, int radius = 3, int tolerance = 40)
    {
        for (var dy = -radius; dy <= radius; dy++)
        for (var dx = -radius; dx <= radius; dx++)
        {
            int px = (int)Math.Round(x) + dx, py = (int)Math.Round(y) + dy;
            if (px < 0 || py < 0 || px >= Width || py >= Height) continue;
            var c = At(px, py);
            if (Math.Abs(c.r - color.r) + Math.Abs(c.g - color.g) + Math.Abs(c.b - color.b) <= tolerance) return true;
        }
        return false;
    }
}

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("torchlab-plot-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
