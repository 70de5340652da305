namespace TorchLab.Plotting;

/// <summary>A matrix as a heatmap with a colour bar; row 0 at the top, as in an image.</summary>
public static class Heatmap
{
    /// <summary>Draws <paramref name="values"/> and writes the PNG atomically.</summary>
    public static void SavePng(string path, float[,] values, string title, ColorMap map = ColorMap.Grey, int width = 600, int height = 520)
    {
        if (values.Length == 0 || !values.Cast<float>().Any(float.IsFinite))
            throw new PlotException($"nothing to plot: '{title}' has no finite values");
        var plot = FigureStyle.NewPlot(title);
        var heatmap = plot.Add.Heatmap(ColorMaps.ToDouble(values));
        heatmap.Colormap = ColorMaps.For(map);
        heatmap.ManualRange = ColorMaps.RangeOf(map, values.Cast<float>());
        plot.Add.ColorBar(heatmap);
        plot.Axes.SquareUnits();
        FigureFile.Save(path, plot, width, height);
    }
}
