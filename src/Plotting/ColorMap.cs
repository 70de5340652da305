namespace TorchLab.Plotting;

/// <summary>How values become colours in heatmaps and image grids.</summary>
public enum ColorMap
{
    /// <summary>A grey ramp like R's grey.colors: the lowest value dark grey, the highest near white.</summary>
    Grey,
    /// <summary>Blue for negative, white at zero, red for positive, symmetric around 0 (for signed filter responses).</summary>
    Diverging,
}

/// <summary>Maps values to premultiplied ARGB pixels for a colour map and a value range.</summary>
internal readonly record struct ColorScale(ColorMap Map, double Low, double High)
{
    private static readonly Color Blue = Color.Hex(0x2166ac), Red = Color.Hex(0xb2182b);

    /// <summary>The range of <paramref name="values"/> for the map: symmetric around 0 for the diverging one.</summary>
    public static ColorScale For(ColorMap map, IEnumerable<float> values)
    {
        var finite = values.Where(float.IsFinite).DefaultIfEmpty(0f).ToArray();
        double low = finite.Min(), high = finite.Max();
        if (map == ColorMap.Diverging)
        {
            var extent = Math.Max(Math.Abs(low), Math.Abs(high));
            (low, high) = (-extent, extent);
        }
        if (high <= low) (low, high) = (low - 0.5, high + 0.5);
        return new ColorScale(map, low, high);
    }

    public Color ColorOf(double value)
    {
        if (!double.IsFinite(value)) return Color.Hex(0xff00ff);   // magenta marks a NaN cell
        var t = Math.Clamp((value - Low) / (High - Low), 0, 1);
        if (Map == ColorMap.Grey)
        {
            var grey = 0.3 + 0.6 * t;   // grey.colors spans grey 30% .. 90%
            return new Color(grey, grey, grey);
        }
        return t < 0.5 ? Mix(Blue, Color.White, t * 2) : Mix(Color.White, Red, (t - 0.5) * 2);
    }

    public uint Pixel(double value)
    {
        var c = ColorOf(value);
        return 0xFF000000u | (uint)Math.Round(c.R * 255) << 16 | (uint)Math.Round(c.G * 255) << 8 | (uint)Math.Round(c.B * 255);
    }

    private static Color Mix(Color a, Color b, double t) => new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);
}
