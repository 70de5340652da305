using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One sequence's in-silico mutagenesis: <c>Change[letter, position]</c>, letters A, C, G, T.</summary>
public sealed record MutagenesisMap(string Title, string Sequence, float[,] Change);

/// <summary>
/// In-silico mutagenesis heatmaps, one panel per map, stacked: the letters A, C, G, T down, the positions across,
/// blue where a letter lowers the logit and red where it raises it, on a scale symmetric around 0 per map. A black
/// dot marks the letter present (its change is 0 by definition), a dashed line the junction between the middle
/// two positions (30 and 31 of 60).
/// </summary>
public static class MutagenesisFigure
{
    internal const int PanelHeight = 220;
    internal const string Letters = "ACGT";

    // The same margins in every panel, so that the columns line up; the right one holds the colour bar.
    internal static readonly PixelPadding Padding = new(left: 70, right: 130, bottom: 55, top: 36);

    /// <summary>
    /// Writes the figure; no maps, a change that is not 4 x (sequence length), a letter other than A, C, G, T, or a
    /// map with no finite value throws <see cref="PlotException"/>.
    /// </summary>
    public static void SavePng(string path, string title, IReadOnlyList<MutagenesisMap> maps, int width = 1400)
    {
        var (figure, height) = Build(title, maps);
        figure.SavePng(path, width, height);
    }

    internal static (Multiplot figure, int height) Build(string title, IReadOnlyList<MutagenesisMap> maps)
    {
        Check(title, maps);
        var panels = maps.Select((map, i) => Panel(map, i == maps.Count - 1)).ToArray();
        return FigureStyle.Stacked(title, PanelHeight, panels);
    }

    /// <summary>One map; position p (from 1) is the column at x = p - 1, letter l the row at y = 3 - l.</summary>
    internal static Plot Panel(MutagenesisMap map, bool withXLabel)
    {
        var length = map.Sequence.Length;
        var plot = HeatmapFigure.Build(map.Change, map.Title, ColorMap.Diverging, withXLabel ? "position" : "",
            "letter", firstIndex: 1, columnLines: [length / 2 + 0.5], barLabel: "change of logit");
        plot.Layout.Fixed(Padding);
        plot.Axes.Title.Label.FontSize = FigureStyle.LabelSize;
        var letters = new ScottPlot.TickGenerators.NumericManual();
        for (var l = 0; l < Letters.Length; l++) letters.AddMajor(Letters.Length - 1 - l, Letters[l].ToString());
        plot.Axes.Left.TickGenerator = letters;
        plot.Axes.Left.TickLabelStyle.FontSize = FigureStyle.CategorySize;

        double[] xs = [.. Enumerable.Range(0, length).Select(p => (double)p)];
        double[] ys = [.. map.Sequence.Select(letter => (double)(Letters.Length - 1 - Row(letter)))];
        var present = plot.Add.ScatterPoints(xs, ys, Colors.Black);
        present.MarkerSize = 5;
        present.MarkerShape = MarkerShape.FilledCircle;
        present.MarkerStyle.OutlineColor = Colors.White;   // seen on the darkest cells too
        present.MarkerStyle.OutlineWidth = 1;
        return plot;
    }

    private static int Row(char letter) => Letters.IndexOf(char.ToUpperInvariant(letter));

    private static void Check(string title, IReadOnlyList<MutagenesisMap> maps)
    {
        if (maps.Count == 0) throw new PlotException($"mutagenesis figure '{title}': no maps to plot");
        foreach (var map in maps)
        {
            var (rows, columns) = (map.Change.GetLength(0), map.Change.GetLength(1));
            if (rows != Letters.Length || columns != map.Sequence.Length)
            {
                throw new PlotException($"mutagenesis map '{map.Title}': the change is {rows}x{columns}, not "
                    + $"{Letters.Length}x{map.Sequence.Length} (letters x positions of the sequence)");
            }
            var bad = map.Sequence.AsSpan().IndexOfAnyExcept("ACGTacgt");
            if (bad >= 0)
            {
                throw new PlotException($"mutagenesis map '{map.Title}': position {bad + 1} holds "
                    + $"'{map.Sequence[bad]}', not one of the letters A, C, G, T");
            }
            if (!map.Change.Cast<float>().Any(float.IsFinite))
                throw new PlotException($"mutagenesis map '{map.Title}': nothing to plot, no change is finite");
        }
    }
}
