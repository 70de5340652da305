using ScottPlot;

namespace TorchLab.Plotting.Tests;

/// <summary>Line charts and bar charts, checked on the pixels written.</summary>
public class FigureTests : IDisposable
{
    internal static readonly (int, int, int) Blue = (0x1f, 0x77, 0xb4), Orange = (0xff, 0x7f, 0x0e);
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Line_chart_draws_each_series_where_the_axes_say_under_its_title()
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
        Assert.True(PngReadBack.IsWhite(png.At(2, 2)), "the background is not white");
        Assert.InRange(png.InkShare(300, 5, 500, 35), 0.02, 0.6);   // the title band holds text
        var plot = LineChart.Build("Loss", "epoch", "loss", series);
        var train = PlotPixels.Of(plot, 2, 2.5, 800, 500);
        Assert.True(png.HasColorNear(train.X, train.Y, Blue), $"no blue near ({train.X:F0}, {train.Y:F0}) where (2, 2.5) of 'train' lies");
        var valid = PlotPixels.Of(plot, 3, 2, 800, 500);
        Assert.True(png.HasColorNear(valid.X, valid.Y, Orange), $"no orange near ({valid.X:F0}, {valid.Y:F0}) where (3, 2) of 'valid' lies");
        var empty = PlotPixels.Of(plot, 1, 1, 800, 500);
        Assert.False(png.HasColorNear(empty.X, empty.Y, Blue, radius: 6) || png.HasColorNear(empty.X, empty.Y, Orange, radius: 6), "a series where none runs");
    }

    [Fact]
    public void Nan_points_leave_a_gap_and_a_chart_with_nothing_finite_is_an_error_writing_no_file()
    {
        LineSeries[] gappy = [new("gappy", [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, double.NaN, 4, 5, 6])];
        var path = folder.File("gap.png");
        LineChart.SavePng(path, "gap", "x", "y", gappy);
        var png = new PngReadBack(path);
        var plot = LineChart.Build("gap", "x", "y", gappy);
        var gap = PlotPixels.Of(plot, 3, 3, 800, 500);   // where the line would pass if NaN were bridged
        Assert.False(png.HasColorNear(gap.X, gap.Y, Blue, radius: 2), "the NaN point was bridged");
        var drawn = PlotPixels.Of(plot, 1.5, 1.5, 800, 500);
        Assert.True(png.HasColorNear(drawn.X, drawn.Y, Blue), "the finite run before the gap is missing");

        var error = Assert.Throws<PlotException>(() =>
            LineChart.SavePng(folder.File("empty.png"), "all NaN", "x", "y", [new LineSeries("nan", [0, 1], [double.NaN, double.PositiveInfinity])]));
        Assert.Contains("nothing to plot", error.Message);
        Assert.Contains("all NaN", error.Message);
        Assert.Throws<PlotException>(() =>
            LineChart.SavePng(folder.File("empty.png"), "log of negatives", "x", "y", [new LineSeries("neg", [0, 1], [-1, 0])], logY: true));
        Assert.Equal(["gap.png"], folder.Entries());
    }

    [Fact]
    public void Log_axis_plots_decades_evenly()
    {
        // On a log axis 1, 10, 100 lie on a straight line; the point y = 10 sits halfway up.
        LineSeries[] series = [new("powers", [0, 1, 2], [1, 10, 100])];
        var path = folder.File("log.png");
        LineChart.SavePng(path, "log", "x", "y", series, logY: true);
        var plot = LineChart.Build("log", "x", "y", series, logY: true);
        var (first, middle, last) = (PlotPixels.Of(plot, 0, 0, 800, 500), PlotPixels.Of(plot, 1, 1, 800, 500), PlotPixels.Of(plot, 2, 2, 800, 500));
        Assert.Equal((first.Y + last.Y) / 2, middle.Y, 1.0);
        Assert.True(new PngReadBack(path).HasColorNear(middle.X, middle.Y, Blue), "the line misses y = 10");
        var ticks = plot.Axes.Left.TickGenerator.Ticks;
        Assert.Equal(["1", "10", "100"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(20)) < 1e-9);   // 20 between 10 and 100
    }

    [Fact]
    public void A_figure_replaces_an_old_file_and_a_missing_folder_is_an_error_naming_the_path()
    {
        var path = folder.File("line.png");
        File.WriteAllText(path, "old");
        LineSeries[] line = [new("a", [0, 1], [0, 1])];
        LineChart.SavePng(path, "t", "x", "y", line);
        Assert.Equal(800, new PngReadBack(path).Width);

        var missing = Path.Combine(folder.Path, "missing", "x.png");
        Assert.Contains(missing, Assert.Throws<DirectoryNotFoundException>(() => LineChart.SavePng(missing, "t", "x", "y", line)).Message);
    }

    [Fact]
    public void Bar_chart_draws_every_series_and_needs_one_value_per_category()
    {
        var path = folder.File("bars.png");
        BarChart.SavePng(path, ["a", "b"], [("s1", [10.0, 100.0]), ("s2", [20.0, 200.0])], "bars", "ms", logY: true);
        var png = new PngReadBack(path);
        Assert.Equal((800, 480), (png.Width, png.Height));
        int blue = png.CountColor(Blue, 0, 0, 800, 480, tolerance: 10), orange = png.CountColor(Orange, 0, 0, 800, 480, tolerance: 10);
        Assert.True(blue > 2000 && orange > 2000, $"{blue} blue and {orange} orange pixels");
        Assert.True(orange > blue, "on a log axis from 1, bars of 20 and 200 should outsize bars of 10 and 100");

        Assert.Throws<PlotException>(() => BarChart.SavePng(path, ["a", "b"], [("s1", [1.0])], "bad", "ms"));
        Assert.Contains("nothing to plot", Assert.Throws<PlotException>(() => BarChart.SavePng(path, ["a"], [("s1", [-1.0])], "bad", "ms", logY: true)).Message);
    }
}
