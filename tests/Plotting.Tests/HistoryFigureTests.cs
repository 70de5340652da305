using ScottPlot;
using ScottPlot.TickGenerators;

namespace TorchLab.Plotting.Tests;

/// <summary>The training-history figure: its three panels read back from the PNG, its log scale, and the input it refuses.</summary>
public class HistoryFigureTests : IDisposable
{
    private static readonly (int, int, int) Blue = FigureTests.Blue, Orange = FigureTests.Orange, Green = (0x2c, 0xa0, 0x2c), Grey = (128, 128, 128);
    private const int Width = 1500, Height = 460;
    private readonly TempFolder folder = new();

    // Three epochs of three steps each, a cosine-like learning rate, the best validation loss at epoch 2.
    // Rows are (train loss, train accuracy, validation loss, validation accuracy, learning rate).
    private static readonly HistoryFigureData Sample = new(
        [new(1, 0.5, 1.1, 0.4, 0.01), new(0.5, 0.8, 0.45, 0.7, 0.005), new(0.3, 0.9, 0.5, 0.85, 0.001)],
        [2, 1.5, 1.2, 1, 0.8, 0.6, 0.5, 0.4, 0.3], BestEpoch: 2);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Draws_loss_accuracy_and_learning_rate_side_by_side_under_the_title()
    {
        var path = folder.File("history.png");
        HistoryFigure.SavePng(path, Sample, "history");
        var png = new PngReadBack(path);
        Assert.Equal((Width, Height), (png.Width, png.Height));
        Assert.True(PngReadBack.IsWhite(png.At(2, 2)), "the background is not white");
        Assert.InRange(png.InkShare(700, 5, 800, 40), 0.02, 0.6);   // the figure's title
        var (loss, accuracy, rate) = Panels(Sample);
        for (var panel = 0; panel < 3; panel++) Assert.InRange(png.InkShare(panel * 500, 50, panel * 500 + 500, Height), 0.02, 0.6);

        // Each point in its own third: the loss on a log scale (the line holds log10 values), the others linear.
        AssertColorAt(png, loss, 2, Math.Log10(0.45), Orange, 0, "validation loss at epoch 2");
        AssertColorAt(png, loss, 3, Math.Log10(0.3), Blue, 0, "train loss at epoch 3");
        AssertColorAt(png, accuracy, 3, 0.9, Blue, 1, "train accuracy at epoch 3");
        AssertColorAt(png, accuracy, 1, 0.4, Orange, 1, "validation accuracy at epoch 1");
        AssertColorAt(png, rate, 2, 0.005, Green, 2, "learning rate at epoch 2");
        Assert.True(png.CountColor((199, 221, 236), 0, 50, 500, Height, tolerance: 30) > 20, "no faint line of every step's loss");

        // The best epoch's dashed line crosses every panel, away from the data.
        foreach (var (plot, y) in new[] { (loss, Math.Log10(1.9)), (accuracy, 0.45), (rate, 0.009) })
        {
            var at = plot.GetPixel(new Coordinates(2, y));
            var grey = png.CountColor(Grey, (int)at.X - 2, (int)at.Y - 30, (int)at.X + 3, (int)at.Y + 30, tolerance: 90);
            Assert.True(grey > 10, $"{grey} grey pixels of the best-epoch line around ({at.X:F0}, {at.Y:F0})");
        }
    }

    [Fact]
    public void One_legend_under_the_title_names_the_train_and_validation_sets_never_the_test_set()
    {
        var figure = HistoryFigure.Build(Sample, "history");
        string[] legend = [.. figure.GetPlot(0).Legend.ManualItems.Select(i => i.LabelText)];
        Assert.Equal(["train, each step", "train, moving average of steps", "train, per epoch", "validation, per epoch"], legend.Where(t => !t.StartsWith("best")));
        Assert.Contains("best validation epoch 2", legend);
        Assert.DoesNotContain(legend, t => t.Contains("test"));
        Assert.All(figure.GetPlots().Skip(1), panel => Assert.False(panel.Legend.IsVisible));
    }

    [Fact]
    public void Loss_is_on_a_log_scale_labelled_at_decades_by_scottplots_tick_generator()
    {
        // Losses between 0.3 and 2: the view grows to show two labelled decades, with minor ticks at 2 … 9 between.
        var (loss, _, _) = Panels(Sample);
        var ticks = loss.Axes.Left.TickGenerator.Ticks;
        Assert.True(loss.Axes.Left.TickGenerator is NumericAutomatic { IntegerTicksOnly: true, MinorTickGenerator: LogMinorTickGenerator });
        Assert.Equal(["1", "10"], ticks.Where(t => t.IsMajor).Select(t => t.Label));
        foreach (var minor in new[] { 0.5, 0.9, 2, 5, 9 }) Assert.Contains(ticks, t => !t.IsMajor && Math.Abs(t.Position - Math.Log10(minor)) < 1e-9);

        // A loss of zero cannot be drawn on a log scale, so the panel is linear.
        var zero = Sample with { Epochs = [.. Sample.Epochs.SkipLast(1), Sample.Epochs[2] with { TrainLoss = 0 }] };
        var (linear, _, _) = Panels(zero);
        Assert.False(linear.Axes.Left.TickGenerator is NumericAutomatic { MinorTickGenerator: LogMinorTickGenerator });
    }

    [Fact]
    public void Nan_and_infinite_values_leave_a_gap()
    {
        double[] train = [1, 0.8, double.NaN, 0.4, 0.3];
        double[] valid = [1, 0.9, 0.7, double.PositiveInfinity, 0.6];
        var data = new HistoryFigureData([.. train.Select((t, i) => new EpochRow(t, 0.1, valid[i], 0.1, 1))], []);
        var path = folder.File("gaps.png");
        HistoryFigure.SavePng(path, data, "gaps");
        var png = new PngReadBack(path);
        var (loss, _, _) = Panels(data);
        // Where each line would pass if the missing point were bridged, and where it is drawn.
        AssertNoColorAt(png, loss, 3, (Math.Log10(0.8) + Math.Log10(0.4)) / 2, Blue, "train loss bridged over epoch 3");
        AssertNoColorAt(png, loss, 4, (Math.Log10(0.7) + Math.Log10(0.6)) / 2, Orange, "validation loss bridged over epoch 4");
        AssertColorAt(png, loss, 4.5, (Math.Log10(0.4) + Math.Log10(0.3)) / 2, Blue, 0, "train loss from epoch 4 to 5");
    }

    [Fact]
    public void Same_data_gives_the_same_png()
    {
        HistoryFigure.SavePng(folder.File("a.png"), Sample, "history");
        HistoryFigure.SavePng(folder.File("b.png"), Sample, "history");
        Assert.Equal(File.ReadAllBytes(folder.File("a.png")), File.ReadAllBytes(folder.File("b.png")));
    }

    [Fact]
    public void Refuses_no_epochs_nothing_finite_and_a_best_epoch_out_of_range()
    {
        var path = folder.File("history.png");
        string Refused(HistoryFigureData data) => Assert.Throws<ArgumentException>(() => HistoryFigure.SavePng(path, data, "run")).Message;
        Assert.Contains("'run': no epochs", Refused(new HistoryFigureData([], [])));
        var nan = double.NaN;
        var nothing = new HistoryFigureData([new(nan, nan, nan, nan, double.PositiveInfinity)], [nan]);
        Assert.Contains("nothing to plot", Refused(nothing));
        Assert.Contains("best epoch 4", Refused(Sample with { BestEpoch = 4 }));
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Moving_average_skips_non_finite_values()
    {
        Assert.Equal([1.0, 1.5, 2.5], HistoryFigure.MovingAverage([1, 2, 3], 2));
        Assert.Equal([1.0, 1.0, 3.0, 3.0], HistoryFigure.MovingAverage([1, double.NaN, 3, double.NaN], 2));
    }

    // The loss, accuracy and learning-rate panels, laid out at the PNG's size so their pixels match it.
    private static (Plot loss, Plot accuracy, Plot rate) Panels(HistoryFigureData data)
    {
        var figure = HistoryFigure.Build(data, "history");
        figure.Render(Width, Height);
        return (figure.GetPlot(1), figure.GetPlot(2), figure.GetPlot(3));
    }

    private static void AssertColorAt(PngReadBack png, Plot plot, double x, double y, (int, int, int) color, int panel, string what)
    {
        var at = plot.GetPixel(new Coordinates(x, y));
        Assert.True(at.X > panel * 500 && at.X < panel * 500 + 500, $"{what} lies at x = {at.X:F0}, outside panel {panel}");
        Assert.True(png.HasColorNear(at.X, at.Y, color), $"{what} missing at ({at.X:F0}, {at.Y:F0})");
    }

    private static void AssertNoColorAt(PngReadBack png, Plot plot, double x, double y, (int, int, int) color, string what)
    {
        var at = plot.GetPixel(new Coordinates(x, y));
        Assert.False(png.HasColorNear(at.X, at.Y, color, radius: 2), $"{what} at ({at.X:F0}, {at.Y:F0})");
    }
}
