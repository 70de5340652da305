using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One sequence's attribution logo: <c>Heights[i]</c> belongs to the letter at <c>Sequence[i]</c>.</summary>
public sealed record AttributionLogo(string Title, string Sequence, IReadOnlyList<double> Heights);

/// <summary>
/// DNA attribution logos, one panel per logo, stacked. At each position the letter present stands in the cell
/// [x - 0.45, x + 0.45], as tall as |height|: above the axis when the height is positive, hanging below it when
/// negative. Letters stay upright below the axis (some logos flip them), so that every letter reads the same way;
/// the side of the axis gives the sign. A dashed line marks the junction, between the middle two positions
/// (30 and 31 of 60).
/// </summary>
public static class AttributionLogoFigure
{
    internal const int PanelHeight = 240;
    internal const double HalfWidth = 0.45;

    // The same margins in every panel, so that position x lies at the same pixel column in all of them.
    internal static readonly PixelPadding Padding = new(left: 90, right: 30, bottom: 55, top: 36);

    /// <summary>
    /// Writes the figure; no logos, a logo whose sequence and heights differ in length, a letter other than A, C,
    /// G, T, or a logo with no finite height throws <see cref="PlotException"/>. A NaN height leaves its position
    /// empty.
    /// </summary>
    public static void SavePng(string path, string title, IReadOnlyList<AttributionLogo> logos, int width = 1400)
    {
        var (figure, height) = Build(title, logos);
        figure.SavePng(path, width, height);
    }

    internal static (Multiplot figure, int height) Build(string title, IReadOnlyList<AttributionLogo> logos)
    {
        Check(title, logos);
        var panels = logos.Select((logo, i) => Panel(logo, i == logos.Count - 1)).ToArray();
        return FigureStyle.Stacked(title, PanelHeight, panels);
    }

    /// <summary>One logo; position p (from 1) is centred on x = p.</summary>
    internal static Plot Panel(AttributionLogo logo, bool withXLabel)
    {
        var plot = FigureStyle.NewPlot(logo.Title, withXLabel ? "position" : null, "attribution to logit");
        plot.Layout.Fixed(Padding);
        plot.Axes.Title.Label.FontSize = FigureStyle.LabelSize;
        var length = logo.Sequence.Length;
        for (var i = 0; i < length; i++)
        {
            var h = logo.Heights[i];
            if (!double.IsFinite(h) || h == 0) continue;
            var (x, bottom) = (i + 1, Math.Min(h, 0));
            foreach (var outline in LetterShapes.Of(logo.Sequence[i]))
            {
                Coordinates[] corners = [.. outline.Select(p =>
                    new Coordinates(x - HalfWidth + 2 * HalfWidth * p.X, bottom + Math.Abs(h) * p.Y))];
                var glyph = plot.Add.Polygon(corners);
                glyph.FillColor = FigureStyle.Letter(logo.Sequence[i]);
                glyph.LineWidth = 0;
            }
        }
        plot.Add.HorizontalLine(0, 1, Colors.Black);

        var finite = logo.Heights.Where(double.IsFinite).ToList();
        var (low, high) = (Math.Min(0, finite.Min()), Math.Max(0, finite.Max()));
        var span = Math.Max(high - low, 1e-12);
        // Room above the tallest letter for the junction's label.
        var top = high + 0.22 * span;
        plot.Axes.SetLimits(0.4, length + 0.6, low - 0.05 * span, top);
        plot.Axes.Bottom.TickGenerator = FigureStyle.IndexTicks(length, 1, i => i + 1);
        plot.Axes.Bottom.MinorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;

        var junction = length / 2 + 0.5;
        plot.Add.VerticalLine(junction, 1.5f, Colors.Black.WithAlpha(0.6), LinePattern.Dashed);
        var label = FigureStyle.Text(plot, $"junction {length / 2}|{length / 2 + 1}", junction, top,
            FigureStyle.TickSize, Alignment.UpperCenter);
        label.LabelBackgroundColor = Colors.White;
        label.OffsetY = 4;   // clear of the frame
        return plot;
    }

    private static void Check(string title, IReadOnlyList<AttributionLogo> logos)
    {
        if (logos.Count == 0) throw new PlotException($"attribution logo figure '{title}': no logos to plot");
        foreach (var logo in logos)
        {
            if (logo.Sequence.Length != logo.Heights.Count)
            {
                throw new PlotException($"attribution logo '{logo.Title}': the sequence has {logo.Sequence.Length} "
                    + $"letters but there are {logo.Heights.Count} heights");
            }
            var bad = logo.Sequence.AsSpan().IndexOfAnyExcept("ACGTacgt");
            if (bad >= 0)
            {
                throw new PlotException($"attribution logo '{logo.Title}': position {bad + 1} holds "
                    + $"'{logo.Sequence[bad]}', not one of the letters A, C, G, T");
            }
            if (!logo.Heights.Any(double.IsFinite))
                throw new PlotException($"attribution logo '{logo.Title}': nothing to plot, no height is finite");
        }
    }
}
