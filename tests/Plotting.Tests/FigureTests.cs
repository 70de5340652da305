using ScottPlot;

namespace TorchLab.Plotting.Tests;

public class FigureTests : IDisposable
{
    private static readonly (int, int, int) Blue = (0x1f, 0x77, 0xb4), Orange = (0xff, 0x7f, 0x0e);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // Where a data coordinate lands in a width x height rendering of the plot.
    private static Pixel PixelOf(Plot plot, double x, double y, int width = 800, int height = 500)
    {
        plot.GetImage(width, height);
        return plot.GetPixel(new Coordinates(x, y));
    }

    [Fact]
    public void Line_chart_puts_data_where_the_axes_say_and_draws_title_and_legend()
    {
        LineSeries[] series =
        [
            new("train", [0, 1, 2, 3, 4], [4, 3, 2.5, 1, 0.5], Markers: true),
            new("valid", [0, 1, 2, 3, 4], [4.5, 3.5, 3, 2, 1.5]),
        ];
        var path = folder.File("line.png");
        LineChart.SavePng(path, "Loss", "epoch", "loss", series);

        var png = new PngReadBack(path);
        Assert.Equal((800, 500), (png.Width, png.Height));
        var plot = LineChart.Build("Loss", "epoch", "loss", series);
        var train = PixelOf(plot, 2, 2.5);
        Assert.True(png.HasColorNear(train.X, train.Y, Blue), $"no blue near ({train.X:F0}, {train.Y:F0}) where (2, 2.5) of 'train' lies");
        var valid = PixelOf(plot, 3, 2);
        Assert.True(png.HasColorNear(valid.X, valid.Y, Orange), $"no orange near ({valid.X:F0}, {valid.Y:F0}) where (3, 2) of 'valid' lies");
        Assert.False(png.HasColorNear(train.X, train.Y - 60, Blue, radius: 2), "blue where no series runs");
        Assert.InRange(png.InkShare(300, 5, 500, 35), 0.02, 0.6);        // the title band holds text
        Assert.True(PngReadBack.IsWhite(png.At(2, 2)));                   // white background
        Assert.InRange(png.InkShare(0, 0, 800, 500), 0.02, 0.5);          // drawn, but not blank or solid
    }

    [Fact]
    public void Nan_points_leave_a_gap_and_an_all_nan_chart_is_an_error()
    {
        LineSeries[] gappy = [new("gappy", [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, double.NaN, 4, 5, 6])];
        var path = folder.File("gap.png");
        LineChart.SavePng(path, "gap", "x", "y", gappy);
        var png = new PngReadBack(path);
        var plot = LineChart.Build("gap", "x", "y", gappy);
        var gap = PixelOf(plot, 3, 3);   // where the line would pass without the gap
        Assert.False(png.HasColorNear(gap.X, gap.Y, Blue, radius: 2), "the NaN point was bridged");
        var drawn = PixelOf(plot, 1.5, 1.5);
        Assert.True(png.HasColorNear(drawn.X, drawn.Y, Blue), "the finite segment is missing");

        var error = Assert.Throws<PlotException>(() =>
            LineChart.SavePng(folder.File("empty.png"), "nothing", "x", "y", [new LineSeries("nan", [0, 1], [double.NaN, double.PositiveInfinity])]));
        Assert.Contains("nothing to plot", error.Message);
        Assert.False(File.Exists(folder.File("empty.png")));
    }

    [Fact]
    public void Writes_are_atomic_and_a_missing_folder_is_an_error()
    {
        var path = folder.File("line.png");
        File.WriteAllText(path, "old");
        LineChart.SavePng(path, "t", "x", "y", [new LineSeries("a", [0, 1], [0, 1])]);
        Assert.Equal(800, new PngReadBack(path).Width);
        Assert.Equal(["line.png"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));   // no temporary file left

        var error = Assert.Throws<PlotException>(() =>
            LineChart.SavePng(Path.Combine(folder.Path, "missing", "x.png"), "t", "x", "y", [new LineSeries("a", [0, 1], [0, 1])]));
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Confusion_matrix_is_darkest_at_the_largest_count()
    {
        var counts = new[,] { { 50, 2, 0 }, { 5, 30, 1 }, { 0, 0, 12 } };
        var path = folder.File("confusion.png");
        ConfusionMatrixFigure.SavePng(path, counts, ["EI", "IE", "N"], "confusion");
        var png = new PngReadBack(path);
        var plot = ConfusionMatrixFigure.Build(counts, ["EI", "IE", "N"], "confusion");
        double Shade(int t, int p)
        {
            var centre = PixelOf(plot, p, 2 - t, 640, 560);
            return png.Brightness((int)centre.X + 12, (int)centre.Y + 12);   // beside the number, inside the cell
        }
        Assert.True(Shade(0, 0) < Shade(1, 1) && Shade(1, 1) < Shade(2, 2) && Shade(2, 2) < Shade(0, 2),
            $"cell shades {Shade(0, 0):F2} {Shade(1, 1):F2} {Shade(2, 2):F2} {Shade(0, 2):F2} are not ordered like 50 > 30 > 12 > 0");
        Assert.Throws<PlotException>(() => ConfusionMatrixFigure.SavePng(path, counts, ["a", "b"], "wrong"));
    }

    [Fact]
    public void Image_grid_shows_each_image_in_its_cell_with_row_labels()
    {
        var path = folder.File("grid.png");
        var image = new float[,] { { 0, 1 }, { 1, 0 } };
        ImageGrid.SavePng(path, [("row one", [new GridImage(image, "checker")])], "grid");
        var png = new PngReadBack(path);
        // Layout: 170 px of row labels, a 48 px title band, then 140 px cells.
        Assert.True(png.Brightness(205, 83) < 0.1, "top-left quarter should be black (0)");
        Assert.True(png.Brightness(275, 83) > 0.9, "top-right quarter should be white (1)");
        Assert.True(png.Brightness(205, 153) > 0.9, "bottom-left quarter should be white (1)");
        Assert.InRange(png.InkShare(10, 100, 160, 135), 0.01, 0.6);       // the row label
        Assert.Throws<PlotException>(() => ImageGrid.SavePng(path, [], "empty"));
    }

    [Fact]
    public void Diverging_heatmap_is_red_above_zero_and_blue_below()
    {
        var path = folder.File("heat.png");
        Heatmap.SavePng(path, new float[,] { { -0.5f, -1 }, { 0.5f, 1 } }, "signed", ColorMap.Diverging);
        var png = new PngReadBack(path);
        var (reds, blues) = (0, 0);
        for (var y = 0; y < png.Height; y += 2)
        for (var x = 0; x < png.Width - 120; x += 2)   // left of the colour bar
        {
            var (r, g, b) = png.At(x, y);
            if (r > b + 50 && r > g + 30) reds++;
            if (b > r + 50) blues++;
        }
        Assert.True(reds > 500 && blues > 500, $"{reds} red and {blues} blue pixels");
        Assert.Throws<PlotException>(() => Heatmap.SavePng(path, new float[,] { { float.NaN } }, "nan"));
    }

    [Fact]
    public void History_figure_draws_both_panels_and_needs_an_epoch()
    {
        var path = folder.File("history.png");
        double[] epochs = [1, 2, 3];
        HistoryFigure.SavePng(path, new HistoryFigureData(epochs, [1, 0.5, 0.3], [1.1, 0.7, 0.5], [0.5, 0.8, 0.9], [0.4, 0.7, 0.85],
            [2, 1.5, 1.2, 1, 0.8, 0.6, 0.5, 0.4, 0.3]), "history");
        var png = new PngReadBack(path);
        Assert.Equal((1200, 450), (png.Width, png.Height));
        Assert.InRange(png.InkShare(0, 60, 600, 450), 0.02, 0.6);
        Assert.InRange(png.InkShare(600, 60, 1200, 450), 0.02, 0.6);
        Assert.Throws<PlotException>(() => HistoryFigure.SavePng(path, new HistoryFigureData([], [], [], [], []), "none"));
        Assert.Equal([1.0, 1.5, 2.5], HistoryFigure.MovingAverage([1, 2, 3], 2));
    }

    [Fact]
    public void Bar_chart_needs_one_value_per_category()
    {
        var path = folder.File("bars.png");
        BarChart.SavePng(path, ["a", "b"], [("s1", [10.0, 100.0]), ("s2", [20.0, 200.0])], "bars", "ms", logY: true);
        var png = new PngReadBack(path);
        Assert.Equal((800, 480), (png.Width, png.Height));
        var (blue, orange) = (0, 0);
        for (var y = 0; y < png.Height; y += 2)
        for (var x = 0; x < png.Width; x += 2)
        {
            if (png.HasColorNear(x, y, Blue, radius: 0, tolerance: 10)) blue++;
            if (png.HasColorNear(x, y, Orange, radius: 0, tolerance: 10)) orange++;
        }
        Assert.True(blue > 500 && orange > 500, $"{blue} blue and {orange} orange pixels");
        Assert.Throws<PlotException>(() => BarChart.SavePng(path, ["a", "b"], [("s1", [1.0])], "bad", "ms"));
        Assert.Throws<PlotException>(() => BarChart.SavePng(path, ["a"], [("s1", [-1.0])], "bad", "ms", logY: true));
    }
}
