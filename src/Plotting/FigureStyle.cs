using System.Globalization;
using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>
/// The one place the figures' look is decided: palette, font, sizes. It needs nothing but ScottPlot, so a learner
/// who lifts <see cref="HistoryFigure"/> copies this file beside it and gets the same look.
/// </summary>
internal static class FigureStyle
{
    /// <summary>Series colours, in order (matplotlib's Category10, which readers of PyTorch tutorials know).</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"),
    ];

    public const float TitleSize = 18, LabelSize = 15, TickSize = 12, LegendSize = 13;

    /// <summary>The title of a figure of several panels, above the panels' own titles.</summary>
    public const float HeadingSize = 20;

    /// <summary>Named ticks (categories, class names) read as labels, so they are larger than numbers.</summary>
    public const float CategorySize = 14;

    /// <summary>A sans-serif family that is installed; ScottPlot's own choice is a serif one on bare Linux.</summary>
    public static readonly string FontName = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }
        .FirstOrDefault(SkiaSharp.SKFontManager.Default.FontFamilies.Contains) ?? Fonts.Sans;

    public static Color Series(int index) => Palette[index % Palette.Length];

    /// <summary>A DNA letter's colour in a sequence logo: A green, C blue, G orange, T red, as logos draw them.</summary>
    public static Color Letter(char letter) => char.ToUpperInvariant(letter) switch
    {
        'A' => Color.FromHex("#109648"),
        'C' => Color.FromHex("#255c99"),
        'G' => Color.FromHex("#f7a21b"),
        _ => Color.FromHex("#d62839"),
    };

    /// <summary>The height of the band that holds the title of a figure of stacked panels.</summary>
    public const int HeadingHeight = 50;

    /// <summary>A plot with the lab's font and a white background.</summary>
    public static Plot NewPlot(string? title = null, string? xLabel = null, string? yLabel = null)
    {
        var plot = new Plot();
        // Not plot.Font.Set: that also changes ScottPlot's process-wide default font and drops bold.
        plot.Axes.Title.Label.FontName = FontName;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontName = FontName;
            axis.TickLabelStyle.FontName = FontName;
        }
        plot.Legend.FontName = FontName;
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

    /// <summary>
    /// The left axis of a plot holding log10 of <paramref name="values"/> as a log scale (the cookbook's
    /// recipe): ticks labelled at whole decades, log-spaced minor ticks between them.
    /// </summary>
    public static void LogScale(Plot plot, IEnumerable<double> values)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator { Divisions = 10 },
            // Ticks lie within 0.01 of a decade.
            LabelFormatter = y => Math.Pow(10, Math.Round(y)).ToString(CultureInfo.InvariantCulture),
        };
        // With fewer than two labelled decades in view, the view grows to the decade above the highest value.
        var logs = values.Where(v => double.IsFinite(v) && v > 0).Select(Math.Log10).ToList();
        var (low, high) = (logs.Min(), logs.Max());
        if (Math.Floor(high) - Math.Ceiling(low) < 1)
            plot.Axes.SetLimitsY(Math.Min(low, Math.Ceiling(high) - 1) - 0.05, Math.Ceiling(high) + 0.05);
    }

    /// <summary>
    /// <paramref name="panels"/> side by side under a band that holds <paramref name="title"/> and one legend of
    /// <paramref name="legend"/>, which the panels share.
    /// </summary>
    public static Multiplot UnderHeading(string title, IEnumerable<LegendItem> legend, params Plot[] panels)
    {
        var heading = NewPlot();
        heading.Layout.Frameless();
        heading.HideGrid();
        heading.Axes.SetLimits(-1, 1, 0, 1);
        Text(heading, title, 0, 0.9, HeadingSize, Alignment.UpperCenter, bold: true);
        heading.ShowLegend([.. legend], Alignment.LowerCenter);
        heading.Legend.Orientation = Orientation.Horizontal;
        heading.Legend.TightHorizontalWrapping = true;
        // Six rows: the heading fills the top one, the panels stand side by side in the five below.
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(heading, new GridCell(0, 0, 6, panels.Length, rowSpan: 1, colSpan: panels.Length));
        var figure = new Multiplot(heading) { Layout = layout };
        for (var column = 0; column < panels.Length; column++)
        {
            figure.AddPlot(panels[column]);
            layout.Set(panels[column], new GridCell(1, column, 6, panels.Length, rowSpan: 5, colSpan: 1));
        }
        return figure;
    }

    /// <summary>
    /// <paramref name="panels"/> one above another, each <paramref name="panelHeight"/> pixels tall, under a band
    /// that holds <paramref name="title"/>; the figure is <c>height</c> pixels tall.
    /// </summary>
    public static (Multiplot figure, int height) Stacked(string title, int panelHeight, params Plot[] panels)
    {
        var heading = NewPlot();
        heading.Layout.Frameless();
        heading.HideGrid();
        heading.Axes.SetLimits(-1, 1, 0, 1);
        Text(heading, title, 0, 0.5, HeadingSize, Alignment.MiddleCenter, bold: true);
        // One grid row per pixel, so that each panel gets exactly its height.
        var height = HeadingHeight + panels.Length * panelHeight;
        var layout = new ScottPlot.MultiplotLayouts.CustomGrid();
        layout.Set(heading, new GridCell(0, 0, height, 1, rowSpan: HeadingHeight, colSpan: 1));
        var figure = new Multiplot(heading) { Layout = layout };
        for (var row = 0; row < panels.Length; row++)
        {
            figure.AddPlot(panels[row]);
            var top = HeadingHeight + row * panelHeight;
            layout.Set(panels[row], new GridCell(top, 0, height, 1, rowSpan: panelHeight, colSpan: 1));
        }
        return (figure, height);
    }

    /// <summary>
    /// Ticks at every 1st, 2nd, 5th, 10th … number (at most about a dozen), labelled with the number, which starts
    /// at <paramref name="first"/>; <paramref name="position"/>(i) says where index i lies on the axis.
    /// </summary>
    public static ScottPlot.TickGenerators.NumericManual IndexTicks(int count, int first, Func<int, double> position)
    {
        var step = new[] { 1, 2, 5, 10, 20, 50, 100, 200, 500 }.FirstOrDefault(s => count / s <= 12, 1000);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        // The first number and the multiples of the step (1, 5, 10 … from 1), as a reader counts.
        for (var n = first; n < first + count; n++)
            if (n == first || n % step == 0)
                ticks.AddMajor(position(n - first), n.ToString(CultureInfo.InvariantCulture));
        return ticks;
    }

    /// <summary>A heatmap's axes: no grid over the cells, no minor ticks, the frame tight around the cells.</summary>
    public static void MatrixAxes(Plot plot, int rows, int columns)
    {
        plot.HideGrid();
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Axes.Left.MinorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
    }

    /// <summary>A colour bar at the right of <paramref name="heatmap"/>, in the lab's font.</summary>
    public static void ColorBar(Plot plot, ScottPlot.Plottables.Heatmap heatmap, string? label = null)
    {
        var bar = plot.Add.ColorBar(heatmap);
        bar.Axis.TickLabelStyle.FontName = FontName;
        bar.Axis.TickLabelStyle.FontSize = TickSize;
        bar.Axis.MinorTickStyle.Length = 0;
        bar.LabelStyle.FontName = FontName;
        bar.LabelStyle.FontSize = LabelSize;
        if (label is not null) bar.Label = label;
    }

    /// <summary>How many pixels wide <paramref name="text"/> is in the lab's font.</summary>
    public static float TextWidth(string text, float size, bool bold = false)
    {
        var style = bold ? SkiaSharp.SKFontStyle.Bold : SkiaSharp.SKFontStyle.Normal;
        using var typeface = SkiaSharp.SKTypeface.FromFamilyName(FontName, style);
        using var font = new SkiaSharp.SKFont(typeface, size);
        return font.MeasureText(text);
    }

    /// <summary>Text placed at a coordinate, in the lab's font.</summary>
    public static ScottPlot.Plottables.Text Text(Plot plot, string text, double x, double y, float size,
        Alignment alignment, bool bold = false)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontName = FontName;
        label.LabelFontSize = size;
        label.LabelBold = bold;
        label.LabelAlignment = alignment;
        return label;
    }
}
