using TorchLab.Plotting.Cairo;

namespace TorchLab.Plotting;

/// <summary>A training history: per-epoch losses and accuracies, and optionally every step's loss.</summary>
public sealed record HistoryFigureData(IReadOnlyList<double> Epochs, IReadOnlyList<double> TrainLoss, IReadOnlyList<double> ValidLoss,
    IReadOnlyList<double> TrainAccuracy, IReadOnlyList<double> ValidAccuracy, IReadOnlyList<double>? StepLoss = null);

/// <summary>
/// The training-history figure: loss on the left (every step's loss faint, its moving average
/// bold, train and validation per epoch), accuracy on the right; epochs on both x axes.
/// </summary>
public static class HistoryFigure
{
    /// <summary>Draws the two panels side by side and writes the PNG atomically.</summary>
    public static void SavePng(string path, HistoryFigureData data, string title, int width = 1200, int height = 450)
    {
        if (data.Epochs.Count == 0) throw new PlotException($"nothing to plot: '{title}' has no epochs");
        using var canvas = new Canvas(width, height);
        canvas.Text(title, width / 2.0, 20, 16, Color.Text, Align.Center, bold: true);
        LossPanel(data).Draw(canvas, 0, 30, width / 2.0, height - 30);
        AccuracyPanel(data).Draw(canvas, width / 2.0, 30, width / 2.0, height - 30);
        canvas.SavePng(path);
    }

    internal static Plot LossPanel(HistoryFigureData data)
    {
        var plot = new Plot { Title = "Loss (cross-entropy)", XLabel = "epoch", YLabel = "loss", LogY = AllPositive(data) };
        if (data.StepLoss is { Count: > 0 } steps)
        {
            // Steps are spread evenly over the epochs they belong to: step i of n ends at epoch (i+1)·E/n.
            var scale = data.Epochs[^1] / steps.Count;
            var xs = Enumerable.Range(1, steps.Count).Select(i => i * scale).ToArray();
            plot.AddLine("step loss", xs, steps, faint: true, colorIndex: 0);
            plot.AddLine("train (moving average)", xs, MovingAverage(steps, Math.Max(1, steps.Count / data.Epochs.Count)), colorIndex: 0);
        }
        else plot.AddLine("train", data.Epochs, data.TrainLoss, markers: data.Epochs.Count <= 30, colorIndex: 0);
        plot.AddLine("validation", data.Epochs, data.ValidLoss, markers: data.Epochs.Count <= 30, colorIndex: 1);
        return plot;
    }

    private static Plot AccuracyPanel(HistoryFigureData data)
    {
        var plot = new Plot { Title = "Accuracy", XLabel = "epoch", YLabel = "accuracy", LegendBottom = true };
        plot.AddLine("train", data.Epochs, data.TrainAccuracy, markers: data.Epochs.Count <= 30, colorIndex: 0);
        plot.AddLine("validation", data.Epochs, data.ValidAccuracy, markers: data.Epochs.Count <= 30, colorIndex: 1);
        return plot;
    }

    /// <summary>The mean of the last <paramref name="window"/> values at each point (fewer at the start).</summary>
    internal static double[] MovingAverage(IReadOnlyList<double> values, int window)
    {
        var result = new double[values.Count];
        double sum = 0;
        var count = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (double.IsFinite(values[i])) { sum += values[i]; count++; }
            if (i >= window && double.IsFinite(values[i - window])) { sum -= values[i - window]; count--; }
            result[i] = count > 0 ? sum / count : double.NaN;
        }
        return result;
    }

    private static bool AllPositive(HistoryFigureData data) =>
        data.TrainLoss.Concat(data.ValidLoss).Concat(data.StepLoss ?? []).Where(double.IsFinite).All(v => v > 0);
}
