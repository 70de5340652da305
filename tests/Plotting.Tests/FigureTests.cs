using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting.Tests;

public class FigureTests : IDisposable
{
    private static readonly (int, int, int) Blue = (0x1f, 0x77, 0xb4), Orange = (0xff, 0x7f, 0x0e);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Line_chart_puts_data_where_the_axes_say_and_draws_title_and_legend()
    {
        var plot = new Plot { Title = "Loss", XLabel = "epoch", YLabel = "loss" };
        plot.AddLine("train", [0, 1, 2, 3, 4], [4, 3, 2.5, 1, 0.5], markers: true);
        plot.AddLine("valid", [0, 1, 2, 3, 4], [4.5, 3.5, 3, 2, 1.5]);
        var path = folder.File("line.png");
        plot.SavePng(path, 800, 500);

        var png = new PngReadBack(path);
        Assert.Equal((800, 500), (png.Width, png.Height));
        using var canvas = new Canvas(800, 500);
        var axes = plot.Draw(canvas, 0, 0, 800, 500);
        var (x, y) = axes.ToPixel(2, 2.5);
        Assert.True(png.HasColorNear(x, y, Blue), $"no blue near ({x:F0}, {y:F0}) where (2, 2.5) of 'train' lies");
        var (vx, vy) = axes.ToPixel(3, 2);
        Assert.True(png.HasColorNear(vx, vy, Orange), $"no orange near ({vx:F0}, {vy:F0}) where (3, 2) of 'valid' lies");
        Assert.False(png.HasColorNear(x, y - 60, Blue, radius: 2), "blue where no series runs");
        Assert.InRange(png.InkShare(300, 5, 500, 35), 0.02, 0.6);        // the title band holds text
        Assert.True(PngReadBack.IsWhite(png.At(2, 2)));                   // white background
        Assert.InRange(png.InkShare(0, 0, 800, 500), 0.02, 0.5);          // drawn, but not blank or solid
        Assert.Equal([0, 1, 2, 3, 4], axes.XTicks);                        // 1-2-5 ticks
        Assert.Equal([0, 1, 2, 3, 4, 5], axes.YTicks);
    }

    [Fact]
    public void Nan_points_leave_a_gap_and_an_all_nan_chart_is_an_error()
    {
        var plot = new Plot();
        plot.AddLine("gappy", [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, double.NaN, 4, 5, 6]);
        var path = folder.File("gap.png");
        plot.SavePng(path);
        var png = new PngReadBack(path);
        using var canvas = new Canvas(800, 500);
        var axes = plot.Draw(canvas, 0, 0, 800, 500);
        var (x, y) = axes.ToPixel(3, 3);   // where the line would pass without the gap
        Assert.False(png.HasColorNear(x, y, Blue, radius: 2), "the NaN point was bridged");
        var (x1, y1) = axes.ToPixel(1.5, 1.5);
        Assert.True(png.HasColorNear(x1, y1, Blue), "the finite segment is missing");

        var empty = new Plot { Title = "nothing" };
        empty.AddLine("nan", [0, 1], [double.NaN, double.NaN]);
        var error = Assert.Throws<PlotException>(() => empty.SavePng(folder.File("empty.png")));
        Assert.Contains("nothing to plot", error.Message);
        Assert.False(File.Exists(folder.File("empty.png")));
    }

    [Fact]
    public void Ticks_are_nice_and_their_labels_clean()
    {
        var (ticks, low, high) = Ticks.Linear(0.1, 0.93);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks);
        Assert.Equal((0.0, 1.0), (low, high));
        Assert.Equal("0.3", Ticks.Label(0.1 * 3, 0.1));
        Assert.Equal("1500", Ticks.Label(1500, 500));
        Assert.Equal([0.01, 0.1, 1, 10], Ticks.Log(0.02, 5).ticks);
    }

    [Fact]
    public void Heatmap_corners_carry_the_colours_of_their_values()
    {
        var values = new float[4, 5];
        values[0, 0] = -1;   // the minimum: darkest grey
        values[3, 4] = 3;    // the maximum: lightest grey
        var path = folder.File("heat.png");
        Heatmap.SavePng(path, values, "Heat", ColorMap.Grey, 600, 520);
        var png = new PngReadBack(path);
        var (x, y, cell) = Heatmap.Layout(600, 520, 4, 5);
        var dark = png.At((int)(x + cell / 2), (int)(y + cell / 2));
        var light = png.At((int)(x + 4.5 * cell), (int)(y + 3.5 * cell));
        Assert.InRange(dark.r, 70, 84);     // grey 30%
        Assert.InRange(light.r, 223, 236);  // grey 90%
        Assert.True(light.r > png.At((int)(x + 2.5 * cell), (int)(y + 1.5 * cell)).r, "the maximum is not the lightest cell");

        var signed = new float[,] { { -2, 0 }, { 0, 2 } };
        Heatmap.SavePng(path, signed, "Signed", ColorMap.Diverging, 600, 520);
        png = new PngReadBack(path);
        (x, y, cell) = Heatmap.Layout(600, 520, 2, 2);
        var negative = png.At((int)(x + cell / 2), (int)(y + cell / 2));
        var zero = png.At((int)(x + 1.5 * cell), (int)(y + cell / 2));
        var positive = png.At((int)(x + 1.5 * cell), (int)(y + 1.5 * cell));
        Assert.True(negative.b > negative.r + 60, $"negative cell {negative} is not blue");
        Assert.True(positive.r > positive.b + 60, $"positive cell {positive} is not red");
        Assert.True(PngReadBack.IsWhite(zero), $"zero cell {zero} is not white");
    }

    [Fact]
    public void History_grid_confusion_and_bar_figures_render()
    {
        var history = new HistoryFigureData([1, 2, 3], [1.0, 0.6, 0.4], [1.1, 0.7, 0.5], [0.5, 0.7, 0.8], [0.45, 0.65, 0.75],
            Enumerable.Range(0, 30).Select(i => 1.2 - i * 0.03).ToArray());
        HistoryFigure.SavePng(folder.File("history.png"), history, "History");
        var png = new PngReadBack(folder.File("history.png"));
        Assert.Equal((1200, 450), (png.Width, png.Height));
        Assert.True(png.InkShare(0, 60, 600, 450) > 0.02 && png.InkShare(600, 60, 1200, 450) > 0.02, "a panel is empty");

        ImageGrid.SavePng(folder.File("grid.png"), [("row", [new GridImage(new float[,] { { 0, 1 }, { 1, 0 } }, "a"), new GridImage(new float[3, 3], "b")])], "Grid");
        Assert.True(new PngReadBack(folder.File("grid.png")).InkShare(150, 44, 450, 200) > 0.2);

        ConfusionMatrixFigure.SavePng(folder.File("confusion.png"), new[,] { { 50, 0 }, { 10, 40 } }, ["a", "b"], "Confusion");
        var confusion = new PngReadBack(folder.File("confusion.png"));
        var darkest = confusion.At(90 + 225 / 2, 96 + 225 / 2);   // cell (0, 0): the largest count
        Assert.True(darkest.b > darkest.r + 80, $"the largest count's cell {darkest} is not dark blue");

        BarChart.SavePng(folder.File("bars.png"), ["x", "y"], [("s", [1.0, 2.0])], "Bars", "value");
        Assert.True(new PngReadBack(folder.File("bars.png")).InkShare(0, 0, 800, 480) > 0.02);
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error_and_no_file_is_left()
    {
        var plot = new Plot();
        plot.AddLine("a", [0, 1], [0, 1]);
        var path = Path.Combine(folder.Path, "no-such-folder", "x.png");
        var error = Assert.Throws<PlotException>(() => plot.SavePng(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Empty(Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rgb_images_read_back_as_channels()
    {
        var values = new float[,] { { -1, 1 } };
        Heatmap.SavePng(folder.File("h.png"), values, "t", ColorMap.Diverging);
        var rgb = PngFile.ReadRgb(folder.File("h.png"));
        Assert.Equal((3, 520, 600), (rgb.GetLength(0), rgb.GetLength(1), rgb.GetLength(2)));
        Assert.Equal(1f, rgb[0, 0, 0]);   // white corner
        Assert.Throws<FileNotFoundException>(() => PngFile.ReadRgb(folder.File("missing.png")));
        File.WriteAllText(folder.File("fake.png"), "not a png");
        Assert.Throws<PlotException>(() => PngFile.ReadRgb(folder.File("fake.png")));
    }
}
