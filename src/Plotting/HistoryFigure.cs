using SkiaSharp;

namespace TorchLab.Plotting;

/// <summary>A training history: per-epoch losses and accuracies, and optionally every step's loss.</summary>
public sealed record HistoryFigureData(IReadOnlyList<double> Epochs, IReadOnlyList<double> TrainLoss, IReadOnlyList<double> ValidLoss,
    IReadOnlyList<double> TrainAccuracy, IReadOnlyList<double> ValidAccuracy, IReadOnlyList<double>? StepLoss = null);

/// <summary>
/// The training-history figure: loss on the left (every step's loss faint, its moving average
/// bold, validation per epoch; log scale when all losses are positive), accuracy on the right.
/// </summary>
public static class HistoryFigure
{
    /// <summary>Draws the two panels side by side and writes the PNG atomically.</summary>
    public static void SavePng(string path, HistoryFigureData data, string title, int width = 1200, int height = 450)
    {
        if (data.Epochs.Count == 0) throw new PlotException($"nothing to plot: '{title}' has no epochs");
        var loss = LossPanel(data);
        var accuracy = AccuracyPanel(data);
        if (!LineChart.HasData(loss) && !LineChart.HasData(accuracy)) throw new PlotException($"nothing to plot: '{title}' has no finite values");
        const int titleHeight = 40;
        FigureFile.Save(path, width, height, canvas =>
        {
            using var font = FigureStyle.Font(FigureStyle.TitleSize + 2, bold: true);
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(title, width / 2f, 28, SKTextAlign.Center, font, paint);
            FigureFile.DrawPlot(canvas, loss, 0, titleHeight, width / 2, height - titleHeight);
            FigureFile.DrawPlot(canvas, accuracy, width / 2f, titleHeight, width - width / 2, height - titleHeight);
        });
    }

    private static ScottPlot.Plot LossPanel(HistoryFigureData data)
    {
        var plot = FigureStyle.NewPlot("Loss (cross-entropy)", "epoch", "loss");
        var logY = data.TrainLoss.Concat(data.ValidLoss).Concat(data.StepLoss ?? []).Where(double.IsFinite).All(v => v > 0);
        var markers = data.Epochs.Count <= 30;
        if (data.StepLoss is { Count: > 0 } steps)
        {
            // Step i of n ends at epoch (i+1)·E/n, so steps and epochs share the x axis.
            var scale = data.Epochs[^1] / steps.Count;
            var xs = Enumerable.Range(1, steps.Count).Select(i => i * scale).ToArray();
            LineChart.AddLine(plot, new LineSeries("step loss", xs, steps), FigureStyle.Series(0).WithAlpha(0.25), logY, width: 1);
            LineChart.AddLine(plot, new LineSeries("train (moving average)", xs, MovingAverage(steps, Math.Max(1, steps.Count / data.Epochs.Count))),
                FigureStyle.Series(0), logY, width: 2.5f);
        }
        else LineChart.AddLine(plot, new LineSeries("train", data.Epochs, data.TrainLoss, markers), FigureStyle.Series(0), logY);
        LineChart.AddLine(plot, new LineSeries("validation", data.Epochs, data.ValidLoss, markers), FigureStyle.Series(1), logY, width: 2.5f);
        plot.Legend.Alignment = ScottPlot.Alignment.UpperRight;
        return plot;
    }

    private static ScottPlot.Plot AccuracyPanel(HistoryFigureData data)
    {
        var plot = FigureStyle.NewPlot("Accuracy", "epoch", "accuracy");
        var markers = data.Epochs.Count <= 30;
        LineChart.AddLine(plot, new LineSeries("train", data.Epochs, data.TrainAccuracy, markers), FigureStyle.Series(0), logY: false);
        LineChart.AddLine(plot, new LineSeries("validation", data.Epochs, data.ValidAccuracy, markers), FigureStyle.Series(1), logY: false);
        plot.Legend.Alignment = ScottPlot.Alignment.LowerRight;
        return plot;
    }

    /// <summary>The mean of the last <paramref name="window"/> finite values at each point (fewer at the start).</summary>
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
}
