using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>The one place the figures' look is decided: palette, fonts and sizes.</summary>
internal static class FigureStyle
{
    /// <summary>Series colours, in order (the Category10 palette).</summary>
    public static readonly Color[] Palette =
        [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#9467bd")];

    public const float TitleSize = 18, LabelSize = 15, TickSize = 12, LegendSize = 13;

    public static Color Series(int index) => Palette[index % Palette.Length];

    /// <summary>A plot with the lab's fonts and a white background.</summary>
    public static Plot NewPlot(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        if (title is not null) { plot.Title(title); plot.Axes.Title.Label.FontSize = TitleSize; }
        if (xLabel is not null) { plot.XLabel(xLabel); plot.Axes.Bottom.Label.FontSize = LabelSize; }
        if (yLabel is not null) { plot.YLabel(yLabel); plot.Axes.Left.Label.FontSize = LabelSize; }
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickSize;
        plot.Legend.FontSize = LegendSize;
        return plot;
    }

    /// <summary>Heading text drawn straight onto a composed figure.</summary>
    public static SkiaSharp.SKFont Font(float size, bool bold = false) =>
        new(SkiaSharp.SKTypeface.FromFamilyName(Fonts.Default, bold ? SkiaSharp.SKFontStyle.Bold : SkiaSharp.SKFontStyle.Normal), size);
}
