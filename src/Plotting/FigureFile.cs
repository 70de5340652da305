using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>Writes a figure as a PNG atomically: readers see the old file or the whole new one, never half of it.</summary>
internal static class FigureFile
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/>x<paramref name="height"/> into <paramref name="path"/>.</summary>
    public static void Save(string path, Plot plot, int width, int height) =>
        Save(path, temporary => plot.SavePng(temporary, width, height));

    /// <summary>Renders <paramref name="figure"/> at <paramref name="width"/>x<paramref name="height"/> into <paramref name="path"/>.</summary>
    public static void Save(string path, Multiplot figure, int width, int height) =>
        Save(path, temporary => figure.SavePng(temporary, width, height));

    // The PNG goes to a temporary file beside the destination (same file system, so the move is
    // a rename) and replaces the destination only once it is complete.
    private static void Save(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new PlotException($"cannot write '{path}': folder '{folder}' does not exist");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            try
            {
                write(temporary);
                File.Move(temporary, full, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotException($"cannot write '{path}': {e.Message}", e);
        }
    }
}
