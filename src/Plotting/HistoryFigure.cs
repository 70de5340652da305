using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace TorchLab.Plotting;

/// <summary>Epoch i (1-based) is index i-1 of each per-epoch list; <c>StepLoss</c> holds every optimizer step's loss in order.</summary>
public sealed record HistoryFigureData(IReadOnlyList<double> TrainLoss, IReadOnlyList<double> ValidLoss,
    IReadOnlyList<double> TrainAccuracy, IReadOnlyList<double> ValidAccuracy, IReadOnlyList<double> LearningRate,
    IReadOnlyList<double>? StepLoss = null, int? BestEpoch = null);

/// <summary>Loss, accuracy and learning rate against the epoch, side by side under a title; needs nothing but ScottPlot.</summary>
public static class HistoryFigure
{
    // matplotlib's Category10, which readers of PyTorch tutorials know; ScottPlot's default font is a serif one on bare Linux.
    private static readonly Color Train = Color.FromHex("#1f77b4"), Valid = Color.FromHex("#ff7f0e"), Rate = Color.FromHex("#2ca02c");
    private static readonly string Font = new[] { "DejaVu Sans", "Liberation Sans", "Arial" }
        .FirstOrDefault(SkiaSharp.SKFontManager.Default.FontFamilies.Contains) ?? Fonts.Sans;

    /// <summary>NaN and infinite values leave a gap; no epochs, lists of different lengths or nothing finite throw <see cref="ArgumentException"/>.</summary>
    public static void SavePng(string path, HistoryFigureData data, string title, int width = 1500, int height = 460) =>
        Build(data, title).SavePng(path, width, height);

    internal static Multiplot Build(HistoryFigureData data, string title)
    {
        var epochs = data.TrainLoss.Count;
        IReadOnlyList<double>[] lists = [data.TrainLoss, data.ValidLoss, data.TrainAccuracy, data.ValidAccuracy, data.LearningRate];
        var problem = epochs == 0 ? "no epochs to plot"
            : lists.Any(l => l.Count != epochs) ? $"train and validation loss and accuracy and the learning rate need one value per epoch, not {string.Join(", ", lists.Select(l => l.Count))}"
            : !lists.SelectMany(l => l).Concat(data.StepLoss ?? []).Any(double.IsFinite) ? "nothing to plot, every value is NaN or infinite"
            : data.BestEpoch is < 1 || data.BestEpoch > epochs ? $"best epoch {data.BestEpoch} is not one of epochs 1 to {epochs}" : null;
        if (problem is not null) throw new ArgumentException($"history figure '{title}': {problem}");
        double[] xs = [.. Enumerable.Range(1, epochs).Select(e => (double)e)];
        var markers = epochs <= 30;

        var loss = Panel("Loss (cross-entropy)", "loss", epochs, data.BestEpoch);
        double[] losses = [.. data.TrainLoss.Concat(data.ValidLoss).Concat(data.StepLoss ?? []).Where(double.IsFinite)];
        var log = losses.Length > 0 && losses.Min() > 0;
        if (data.StepLoss is { Count: > 0 } steps)
        {
            // Step i of n ends at epoch i·E/n, so steps and epochs share the x axis.
            double[] at = [.. Enumerable.Range(1, steps.Count).Select(i => (double)i * epochs / steps.Count)];
            Line(loss, at, steps, Train.WithAlpha(0.25), "train, each step", log, width: 1);
            Line(loss, at, MovingAverage(steps, Math.Max(1, steps.Count / epochs)), Train, "train, moving average of steps", log, width: 2.5f);
        }
        Line(loss, xs, data.TrainLoss, Train, "train, per epoch", log, markers);
        Line(loss, xs, data.ValidLoss, Valid, "validation, per epoch", log, markers, width: 2.5f);
        if (log) LogScale(loss, Math.Log10(losses.Min()), Math.Log10(losses.Max()));

        var accuracy = Panel("Accuracy", "accuracy", epochs, data.BestEpoch);
        Line(accuracy, xs, data.TrainAccuracy, Train, "train", markers: markers);
        Line(accuracy, xs, data.ValidAccuracy, Valid, "validation", markers: markers, width: 2.5f);
        var rate = Panel("Learning rate", "learning rate", epochs, data.BestEpoch);
        Line(rate, xs, data.LearningRate, Rate, "learning rate", markers: markers);
        var highest = data.LearningRate.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        if (highest > 0) rate.Axes.SetLimitsY(0, 1.08 * highest);   // from zero, so a constant rate is a level line, not the axis' middle

        // The title, and under it one legend for all three panels: the loss panel's lines, in the colours the others share.
        var heading = new Plot();
        heading.Layout.Frameless();
        heading.HideGrid();
        heading.Axes.SetLimits(-1, 1, 0, 1);
        var text = heading.Add.Text(title, 0, 0.9);
        (text.LabelFontName, text.LabelFontSize, text.LabelBold, text.LabelAlignment) = (Font, 20, true, Alignment.UpperCenter);
        heading.ShowLegend([.. loss.GetPlottables().SelectMany(p => p.LegendItems)], Alignment.LowerCenter);
        (heading.Legend.Orientation, heading.Legend.TightHorizontalWrapping, heading.Legend.FontName, heading.Legend.FontSize) = (Orientation.Horizontal, true, Font, 13);
        var figure = new Multiplot(heading) { Layout = new TitleOverColumns() };
        foreach (var panel in new[] { loss, accuracy, rate }) figure.AddPlot(panel);
        return figure;
    }

    private static Plot Panel(string title, string yLabel, int epochs, int? best)
    {
        var plot = new Plot();
        plot.Title(title, 18);
        plot.XLabel("epoch", 15);
        plot.YLabel(yLabel, 15);
        plot.Axes.Title.Label.FontName = Font;
        foreach (var axis in plot.Axes.GetAxes()) (axis.Label.FontName, axis.TickLabelStyle.FontName, axis.TickLabelStyle.FontSize) = (Font, Font, 12);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.04 * epochs, 1.04 * epochs);   // from epoch 0, the start of training, where the step losses begin
        plot.HideLegend();
        if (best is { } epoch) plot.Add.VerticalLine(epoch, 1.5f, Colors.Gray, LinePattern.Dashed).LegendText = $"best validation epoch {epoch}";
        return plot;
    }

    // NaN breaks a ScottPlot line, so every non-finite value becomes NaN and leaves a gap; on a log scale the line holds log10 values.
    private static void Line(Plot plot, double[] xs, IEnumerable<double> ys, Color color, string name, bool log = false, bool markers = false, float width = 2)
    {
        var line = plot.Add.ScatterLine(xs, [.. ys.Select(y => !double.IsFinite(y) ? double.NaN : log ? Math.Log10(y) : y)], color);
        (line.LineWidth, line.LegendText, line.MarkerSize, line.MarkerShape) = (width, name, markers ? 6 : 0, MarkerShape.FilledCircle);
    }

    // The cookbook's log scale for log10 data from low to high: ticks labelled at whole decades, log-spaced minor ticks and grid lines between.
    private static void LogScale(Plot plot, double low, double high)
    {
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true, MinorTickGenerator = new LogMinorTickGenerator { Divisions = 10 },
            LabelFormatter = y => Math.Pow(10, Math.Round(y)).ToString(CultureInfo.InvariantCulture) };   // ticks lie within 0.01 of a decade
        plot.Grid.YAxisStyle.MinorLineStyle.Width = 1;
        // With fewer than two labelled decades in view, the view grows to the decade above the highest loss.
        if (Math.Floor(high) - Math.Ceiling(low) < 1) plot.Axes.SetLimitsY(Math.Min(low, Math.Ceiling(high) - 1) - 0.05, Math.Ceiling(high) + 0.05);
    }

    /// <summary>The mean of each value and the <paramref name="window"/> - 1 before it, skipping non-finite ones (fewer at the start).</summary>
    internal static double[] MovingAverage(IReadOnlyList<double> values, int window) =>
        [.. values.Select((_, i) => values.Skip(Math.Max(0, i + 1 - window)).Take(Math.Min(window, i + 1)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())];

    // The first plot is a band 80 pixels high across the top; the others share the rest side by side.
    private sealed class TitleOverColumns : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figure)
        {
            var (top, width) = (figure.Top + 80, figure.Width / (subplots.Count - 1));
            return [new(figure.Left, figure.Right, top, figure.Top),
                .. Enumerable.Range(0, subplots.Count - 1).Select(c => new PixelRect(figure.Left + c * width, figure.Left + (c + 1) * width, figure.Bottom, top))];
        }
    }
}
