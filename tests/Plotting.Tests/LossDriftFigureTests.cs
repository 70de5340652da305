using ScottPlot;

namespace TorchLab.Plotting.Tests;

/// <summary>The parity figure: differences on a log axis, exact zeros on a row of their own.</summary>
public class LossDriftFigureTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // Two epochs of four steps: exact zeros first, then one point per decade from 1e-8 to 1e-5.
    private static readonly LossDriftSeries Drifting = new("drifting", [0, 0, 1e-8, 1e-7, 0, 1e-6, 3e-6, 1e-5], 4);
    private static readonly LossDriftSeries Exact = new("exact", [0, 0, 0, 0], 2);

    [Fact]
    public void Points_sit_on_decades_evenly_and_zeros_on_the_row_labelled_0_below_them()
    {
        var path = folder.File("drift.png");
        LossDriftFigure.SavePng(path, [Drifting, Exact], "parity", tolerance: 1e-5, width: 900, panelHeight: 300);

        var png = new PngReadBack(path);
        Assert.Equal((900, 600), (png.Width, png.Height));
        var figure = LossDriftFigure.Build([Drifting, Exact], "parity", 1e-5);
        figure.Render(900, 600);   // lays every panel out where the PNG has it
        var (drifting, exact) = (figure.GetPlot(0), figure.GetPlot(1));
        Assert.Equal(-9, LossDriftFigure.ZeroRow([Drifting, Exact], 1e-5));

        Pixel At(Plot plot, double epoch, double log10) => plot.GetPixel(new Coordinates(epoch, log10));
        var (e8, e7, e6) = (At(drifting, 0.75, -8), At(drifting, 1.0, -7), At(drifting, 1.5, -6));
        Assert.Equal(e8.Y - e7.Y, e7.Y - e6.Y, 1.0);   // a decade is the same height everywhere
        (int, int, int) blue = (0x1f, 0x77, 0xb4), orange = (0xff, 0x7f, 0x0e);
        foreach (var (pixel, what) in new[] { (e8, "1e-8 at step 3"), (e7, "1e-7 at step 4"), (e6, "1e-6 at step 6") })
            Assert.True(png.HasColorNear(pixel.X, pixel.Y, blue), $"no blue at ({pixel.X:F0}, {pixel.Y:F0}): {what}");
        var zero = At(drifting, 0.25, -9);
        Assert.True(png.HasColorNear(zero.X, zero.Y, blue), $"no blue on the zero row at ({zero.X:F0}, {zero.Y:F0})");
        var exactZero = At(exact, 1.0, -9);
        Assert.True(png.HasColorNear(exactZero.X, exactZero.Y, orange), "nothing on the all-zero model's zero row");

        var ticks = drifting.Axes.Left.TickGenerator.Ticks;
        var labels = ticks.Where(t => t.IsMajor).ToDictionary(t => (int)Math.Round(t.Position), t => t.Label);
        Assert.Equal("0", labels[-9]);
        Assert.Equal("1e-7", labels[-7]);
        Assert.DoesNotContain(ticks, t => !t.IsMajor && t.Position < -8);   // no log-scale ticks in the zero row
    }

    [Fact]
    public void Only_zeros_still_draw_below_the_tolerance_and_bad_differences_are_errors_writing_no_file()
    {
        Assert.Equal(-6, LossDriftFigure.ZeroRow([Exact], 1e-5));
        LossDriftFigure.SavePng(folder.File("exact.png"), [Exact], "parity", 1e-5);
        Assert.Equal(220, new PngReadBack(folder.File("exact.png")).Height);

        var negative = Assert.Throws<PlotException>(() =>
            LossDriftFigure.SavePng(folder.File("bad.png"), [new("signed", [1e-6, -1e-6], 2)], "parity", 1e-5));
        Assert.Contains("'signed' has a difference of -1E-06", negative.Message);
        var nan = Assert.Throws<PlotException>(() =>
            LossDriftFigure.SavePng(folder.File("bad.png"), [new("nan", [double.NaN], 1)], "parity", 1e-5));
        Assert.Contains("'nan' has a difference of NaN", nan.Message);
        Assert.Throws<PlotException>(() => LossDriftFigure.SavePng(folder.File("bad.png"), [], "parity", 1e-5));
        Assert.Equal(["exact.png"], folder.Entries());
    }
}
