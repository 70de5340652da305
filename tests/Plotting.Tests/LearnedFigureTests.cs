namespace TorchLab.Plotting.Tests;

/// <summary>What the learned-filter figures add: row names on a grid's images, a count heatmap numbered from 1 with a marked column.</summary>
public class LearnedFigureTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Grid_images_carry_their_row_names_in_the_gap_at_their_left()
    {
        // Two 4x7 filters; the first named A, C, G, T, the second not. Cells span y 48..188, so row i is centred at 48 + 17.5 + 35 i.
        var filter = new float[4, 7];
        filter[2, 3] = 1;
        var path = folder.File("filters.png");
        ImageGrid.SavePng(path, [("filters", [new GridImage(filter, "named", RowNames: ["A", "C", "G", "T"]), new GridImage(filter, "plain")])],
            "filters", ColorMap.Diverging, sharedScale: true);
        var png = new PngReadBack(path);
        for (var row = 0; row < 4; row++)
        {
            var y = 48 + 17 + 35 * row;
            Assert.True(png.InkShare(170 - 14, y - 6, 170, y + 6) > 0.05, $"no letter left of row {row} of the named image");
        }
        Assert.True(png.InkShare(170 + 140 + 1, 48, 170 + 140 + 15, 188) < 0.01, "letters left of the image that has no row names");
        // The one positive weight (G, column 3) is red, a zero weight pale.
        var (r, g, b) = png.At(170 + 140 * 3.5 / 7, 48 + 35 * 2.5);
        Assert.True(r > b + 40, $"G at column 3 shows as ({r}, {g}, {b}), not red");
        Assert.True(png.Brightness(170 + 10, 48 + 10) > 0.9, "a zero weight is not pale");

        Assert.Contains("4 rows and 3 row names", Assert.Throws<PlotException>(() =>
            ImageGrid.SavePng(path, [("r", [new GridImage(filter, "wrong", RowNames: ["A", "C", "G"])])], "t")).Message);
    }

    [Fact]
    public void Count_heatmap_numbers_from_one_marks_a_column_and_shades_zero_white()
    {
        // Filter 1 peaks at position 2 in 9 sequences, filter 2 at position 3 in 3: white for none, dark blue for the most.
        var counts = new float[,] { { 0, 9, 0, 0 }, { 0, 0, 3, 0 } };
        var path = folder.File("firing.png");
        HeatmapFigure.SavePng(path, counts, "firing", ColorMap.Sequential, 600, 520, "position", "filter",
            firstIndex: 1, columnLines: [2.5], barLabel: "sequences");
        var png = new PngReadBack(path);
        var plot = HeatmapFigure.Build(counts, "firing", ColorMap.Sequential, "position", "filter", 1, [2.5],
            "sequences");
        double Shade(int filter, int position) { var p = PlotPixels.Of(plot, position - 1, 2 - filter, 600, 520); return png.Brightness(p.X + 8, p.Y); }
        Assert.True(Shade(1, 1) > 0.95, $"an empty cell has brightness {Shade(1, 1):F2}, not white");
        Assert.True(Shade(1, 2) < Shade(2, 3) && Shade(2, 3) < Shade(1, 1), $"shades {Shade(1, 2):F2} {Shade(2, 3):F2} {Shade(1, 1):F2} are not ordered like 9 > 3 > 0");
        var (r, g, b) = png.At(PlotPixels.Of(plot, 1, 1, 600, 520).X + 8, PlotPixels.Of(plot, 1, 1, 600, 520).Y);
        Assert.True(b > r + 40, $"the largest count shows as ({r}, {g}, {b}), not blue");
        // The dashed line between positions 2 and 3 is x = 1.5 in cell coordinates; some of it is black.
        var line = PlotPixels.Of(plot, 1.5, 0.5, 600, 520);
        var dark = Enumerable.Range(-60, 120).Count(dy => png.Brightness(line.X, line.Y + dy) < 0.3);
        Assert.True(dark > 20, $"only {dark} dark pixels along the marked column boundary");
        // Numbered from 1: position 1 is the first column, filter 1 the top row.
        Assert.Equal([(0.0, "1"), (1.0, "2"), (2.0, "3"), (3.0, "4")], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => (t.Position, t.Label)));
        Assert.Equal([(1.0, "1"), (0.0, "2")], plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => (t.Position, t.Label)));
    }
}
