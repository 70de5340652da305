using System.Globalization;
using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One digit (<c>Pixels</c>, bright is ink) and its attribution map, both 8x8.</summary>
public sealed record DigitAttribution(string Title, float[,] Pixels, float[,] Attribution);

/// <summary>
/// Digits beside their attribution maps, in a grid: each item's digit in grey, ink dark, then its attribution,
/// blue negative and red positive on a scale symmetric around 0 of its own, with a colour strip under it that
/// gives the range.
/// </summary>
public static class DigitAttributionFigure
{
    // The layout in pixels: a title band, then rows of items; an item is its title, the two images side by side,
    // and under them a caption (digit) and the colour strip with its labels (attribution).
    internal const int Cell = 130, Gap = 12, Margin = 24, ItemGap = 36, TitleHeight = 52, ItemTitleHeight = 26,
        StripHeight = 10, UnderHeight = 44, MaxColumns = 4;
    private const float ItemTitleSize = FigureStyle.TickSize + 1;

    /// <summary>
    /// Writes the figure; no items, an item whose digit and attribution are empty or differ in shape, or an
    /// attribution with no finite value throws <see cref="PlotException"/>.
    /// </summary>
    public static void SavePng(string path, string title, IReadOnlyList<DigitAttribution> items)
    {
        var (plot, width, height) = Build(title, items);
        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// One frameless plot whose coordinates are pixels from the top left (y grows downwards): item i's digit fills
    /// the square at (ItemLeft(i), ImageTop(i)), its attribution the square <see cref="Cell"/> + <see cref="Gap"/>
    /// to the right.
    /// </summary>
    internal static (Plot plot, int width, int height) Build(string title, IReadOnlyList<DigitAttribution> items)
    {
        Check(title, items);
        var itemWidth = ItemWidth(items);
        var columns = Math.Min(items.Count, MaxColumns);
        var rows = (items.Count + columns - 1) / columns;
        var width = Math.Max(2 * Margin + columns * itemWidth + (columns - 1) * ItemGap,
            (int)FigureStyle.TextWidth(title, FigureStyle.TitleSize, bold: true) + 2 * Margin);
        var height = TitleHeight + rows * RowHeight + Margin;

        var plot = FigureStyle.NewPlot();
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.Axes.SetLimits(0, width, height, 0);   // bottom > top: y points down, as in an image
        FigureStyle.Text(plot, title, width / 2.0, 14, FigureStyle.TitleSize, Alignment.UpperCenter, bold: true);
        for (var i = 0; i < items.Count; i++)
        {
            var (left, top) = (ItemLeft(i, itemWidth), ImageTop(i));
            var item = items[i];
            var center = left + Cell + Gap / 2.0;
            FigureStyle.Text(plot, item.Title, center, top - 6, ItemTitleSize, Alignment.LowerCenter, bold: true);
            Image(plot, item.Pixels, ColorMap.Ink, ColorMaps.RangeOf(ColorMap.Ink, item.Pixels.Cast<float>()),
                left, top, Cell, Cell);
            FigureStyle.Text(plot, "input", left + Cell / 2.0, top + Cell + 5, FigureStyle.TickSize,
                Alignment.UpperCenter);
            var range = ColorMaps.RangeOf(ColorMap.Diverging, item.Attribution.Cast<float>());
            var mapLeft = left + Cell + Gap;
            Image(plot, item.Attribution, ColorMap.Diverging, range, mapLeft, top, Cell, Cell);
            Strip(plot, range, mapLeft, top + Cell + 6);
        }
        return (plot, width, height);
    }

    internal static int RowHeight => ItemTitleHeight + Cell + UnderHeight + ItemGap / 2;

    internal static double ItemLeft(int index, int itemWidth) =>
        Margin + index % MaxColumns * (itemWidth + ItemGap) + (itemWidth - 2 * Cell - Gap) / 2.0;

    internal static double ImageTop(int index) => TitleHeight + index / MaxColumns * RowHeight + ItemTitleHeight;

    // Wide enough for the two images and the item's title.
    internal static int ItemWidth(IReadOnlyList<DigitAttribution> items) => Math.Max(2 * Cell + Gap,
        (int)Math.Ceiling(items.Max(i => FigureStyle.TextWidth(i.Title, ItemTitleSize, bold: true))) + 8);

    private static void Image(Plot plot, float[,] values, ColorMap map, ScottPlot.Range range, double left,
        double top, double width, double height)
    {
        var heatmap = plot.Add.Heatmap(ColorMaps.ToDouble(values));
        heatmap.Colormap = ColorMaps.For(map);
        heatmap.ManualRange = range;
        heatmap.Rectangle = new CoordinateRect(left, left + width, top + height, top);
        heatmap.FlipVertically = true;   // ScottPlot puts row 0 at the largest y, which is the bottom here
    }

    // The attribution's colour scale, from -extent to +extent, as a thin strip labelled at its ends and middle.
    private static void Strip(Plot plot, ScottPlot.Range range, double left, double top)
    {
        // Two rows: ScottPlot draws nothing for a heatmap of one row placed in a rectangle.
        var steps = new float[2, 65];
        for (var c = 0; c < 65; c++)
            steps[0, c] = steps[1, c] = (float)(range.Min + (range.Max - range.Min) * c / 64);
        Image(plot, steps, ColorMap.Diverging, range, left, top, Cell, StripHeight);
        var labelTop = top + StripHeight + 2;
        FigureStyle.Text(plot, Signed(range.Min), left, labelTop, FigureStyle.TickSize, Alignment.UpperLeft);
        FigureStyle.Text(plot, "0", left + Cell / 2.0, labelTop, FigureStyle.TickSize, Alignment.UpperCenter);
        FigureStyle.Text(plot, Signed(range.Max), left + Cell, labelTop, FigureStyle.TickSize, Alignment.UpperRight);
    }

    private static string Signed(double value) =>
        (value > 0 ? "+" : "") + value.ToString("G2", CultureInfo.InvariantCulture);

    private static void Check(string title, IReadOnlyList<DigitAttribution> items)
    {
        if (items.Count == 0) throw new PlotException($"digit attribution figure '{title}': no items to plot");
        foreach (var item in items)
        {
            var (pixels, attribution) = (Shape(item.Pixels), Shape(item.Attribution));
            if (item.Pixels.Length == 0 || pixels != attribution)
            {
                throw new PlotException($"digit attribution '{item.Title}': the digit is {pixels} and its "
                    + $"attribution {attribution}; they must be the same, non-empty shape");
            }
            if (!item.Attribution.Cast<float>().Any(float.IsFinite))
                throw new PlotException($"digit attribution '{item.Title}': nothing to plot, no attribution is finite");
        }
    }

    private static string Shape(float[,] values) => $"{values.GetLength(0)}x{values.GetLength(1)}";
}
