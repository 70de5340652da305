namespace TorchLab.Plotting;

/// <summary>How values become colours in heatmaps and image grids.</summary>
public enum ColorMap
{
    /// <summary>Black (lowest) to white (highest), for images.</summary>
    Grey,
    /// <summary>Blue (negative) through white (0) to red (positive), symmetric around 0, for signed values.</summary>
    Diverging,
    /// <summary>White (lowest) to dark blue (highest), for counts, where most cells are empty.</summary>
    Sequential,
    /// <summary>White (lowest) to black (highest), for a digit whose bright values are ink: dark on paper.</summary>
    Ink,
}

internal static class ColorMaps
{
    public static ScottPlot.IColormap For(ColorMap map) => map switch
    {
        ColorMap.Diverging => new ScottPlot.Colormaps.Balance(),
        ColorMap.Sequential => new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()),
        ColorMap.Ink => new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Grayscale()),
        _ => new ScottPlot.Colormaps.Grayscale(),
    };

    /// <summary>The value range a map shows: the data's, or symmetric around zero for a diverging map.</summary>
    public static ScottPlot.Range RangeOf(ColorMap map, IEnumerable<float> values)
    {
        var finite = values.Where(float.IsFinite).ToList();
        if (finite.Count == 0) return new ScottPlot.Range(0, 1);
        double low = finite.Min(), high = finite.Max();
        if (map == ColorMap.Diverging)
        {
            var extent = Math.Max(Math.Max(Math.Abs(low), Math.Abs(high)), 1e-12);
            return new ScottPlot.Range(-extent, extent);
        }
        return high > low ? new ScottPlot.Range(low, high) : new ScottPlot.Range(low - 0.5, low + 0.5);
    }

    public static double[,] ToDouble(float[,] values)
    {
        var result = new double[values.GetLength(0), values.GetLength(1)];
        for (var r = 0; r < values.GetLength(0); r++)
        for (var c = 0; c < values.GetLength(1); c++)
            result[r, c] = values[r, c];
        return result;
    }
}
