using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>One epoch as the figure draws it: the means a training history records for that epoch.</summary>
public sealed record EpochRow(double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy,
    double LearningRate);

/// <summary>Row i is epoch i + 1; <c>StepLosses</c> holds every optimizer step's loss in order.</summary>
public sealed record HistoryFigureData(IReadOnlyList<EpochRow> Epochs, IReadOnlyList<double> StepLosses,
    int? BestEpoch = null);

/// <summary>Loss, accuracy and learning rate against the epoch, side by side under a title and one legend.</summary>
public static class HistoryFigure
{
    private static readonly Color Train = FigureStyle.Series(0);
    private static readonly Color Valid = FigureStyle.Series(1);

    /// <summary>NaN and infinite values leave a gap; nothing to draw throws <see cref="ArgumentException"/>.</summary>
    public static void SavePng(string path, HistoryFigureData data, string title, int width = 1500, int height = 460) =>
        Build(data, title).SavePng(path, width, height);

    internal static Multiplot Build(HistoryFigureData data, string title)
    {
        Validate(data, title);
        var rows = data.Epochs;
        var steps = data.StepLosses;
        double[] epochs = [.. Enumerable.Range(1, rows.Count).Select(e => (double)e)];
        var markers = rows.Count <= 30;

        var loss = Panel("Loss (cross-entropy)", "loss", rows.Count, data.BestEpoch);
        var losses = rows.SelectMany(r => new[] { r.TrainLoss, r.ValidLoss }).Concat(steps).Where(double.IsFinite);
        var log = losses.Any() && losses.Min() > 0;
        if (steps.Count > 0)
        {
            // Step i of n ends at epoch i·E/n, so steps and epochs share the x axis.
            double[] at = [.. Enumerable.Range(1, steps.Count).Select(i => (double)i * rows.Count / steps.Count)];
            var window = Math.Max(1, steps.Count / rows.Count);
            Line(loss, at, steps, Train.WithAlpha(0.25), "train, each step", log, width: 1);
            Line(loss, at, MovingAverage(steps, window), Train, "train, moving average of steps", log, width: 2.5f);
        }
        Line(loss, epochs, rows.Select(r => r.TrainLoss), Train, "train, per epoch", log, markers);
        Line(loss, epochs, rows.Select(r => r.ValidLoss), Valid, "validation, per epoch", log, markers, 2.5f);
        if (log) FigureStyle.LogScale(loss, losses);
        loss.Grid.YAxisStyle.MinorLineStyle.Width = log ? 1 : 0;   // grid lines at 2, 3 … 9 of each decade

        var accuracy = Panel("Accuracy", "accuracy", rows.Count, data.BestEpoch);
        Line(accuracy, epochs, rows.Select(r => r.TrainAccuracy), Train, "train", markers: markers);
        Line(accuracy, epochs, rows.Select(r => r.ValidAccuracy), Valid, "validation", markers: markers, width: 2.5f);

        var rate = Panel("Learning rate", "learning rate", rows.Count, data.BestEpoch);
        Line(rate, epochs, rows.Select(r => r.LearningRate), FigureStyle.Series(2), "learning rate", markers: markers);
        var highest = rows.Select(r => r.LearningRate).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        if (highest > 0) rate.Axes.SetLimitsY(0, 1.08 * highest);   // from zero: a constant rate is a level line

        // One legend for the three panels: the loss panel's lines, whose colours the other panels share.
        var legend = loss.GetPlottables().SelectMany(p => p.LegendItems);
        return FigureStyle.UnderHeading(title, legend, loss, accuracy, rate);
    }

    private static void Validate(HistoryFigureData data, string title)
    {
        var epochs = data.Epochs.Count;
        var values = data.Epochs.SelectMany(r => new[] { r.TrainLoss, r.TrainAccuracy, r.ValidLoss, r.ValidAccuracy,
            r.LearningRate });
        if (epochs == 0) throw Refused("no epochs to plot");
        if (!values.Concat(data.StepLosses).Any(double.IsFinite))
            throw Refused("nothing to plot, every value is NaN or infinite");
        if (data.BestEpoch is < 1 || data.BestEpoch > epochs)
            throw Refused($"best epoch {data.BestEpoch} is not one of epochs 1 to {epochs}");
        ArgumentException Refused(string problem) => new($"history figure '{title}': {problem}");
    }

    private static Plot Panel(string title, string yLabel, int epochs, int? best)
    {
        var plot = FigureStyle.NewPlot(title, "epoch", yLabel);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(-0.04 * epochs, 1.04 * epochs);   // from epoch 0, where the step losses begin
        plot.HideLegend();
        if (best is not { } epoch) return plot;
        var line = plot.Add.VerticalLine(epoch, 1.5f, Colors.Gray, LinePattern.Dashed);
        line.LegendText = $"best validation epoch {epoch}";
        return plot;
    }

    // NaN breaks a ScottPlot line, so a non-finite value leaves a gap; on a log scale the line holds log10 values.
    private static void Line(Plot plot, double[] xs, IEnumerable<double> ys, Color color, string name,
        bool log = false, bool markers = false, float width = 2)
    {
        double[] drawn = [.. ys.Select(y => double.IsFinite(y) ? (log ? Math.Log10(y) : y) : double.NaN)];
        var line = plot.Add.ScatterLine(xs, drawn, color);
        line.LineWidth = width;
        line.LegendText = name;
        line.MarkerSize = markers ? 6 : 0;
        line.MarkerShape = MarkerShape.FilledCircle;
    }

    /// <summary>Each value's mean with the <paramref name="window"/> - 1 before it, non-finite ones left out.</summary>
    internal static double[] MovingAverage(IReadOnlyList<double> values, int window) =>
        [.. values.Select((_, i) => values.Skip(i + 1 - window).Take(Math.Min(window, i + 1))
            .Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average())];
}
