namespace TorchLab.Plotting.Tests;

/// <summary>A PNG decoded back to pixels, with the checks the figure tests share.</summary>
internal sealed class PngReadBack(string path)
{
    private readonly float[,,] rgb = PngFile.ReadRgb(path);

    public int Width => rgb.GetLength(2);
    public int Height => rgb.GetLength(1);

    public (int r, int g, int b) At(int x, int y) =>
        ((int)Math.Round(rgb[0, y, x] * 255), (int)Math.Round(rgb[1, y, x] * 255), (int)Math.Round(rgb[2, y, x] * 255));

    public double Brightness(int x, int y) => (rgb[0, y, x] + rgb[1, y, x] + rgb[2, y, x]) / 3;

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
