using ScottPlot;

namespace TorchLab.Plotting;

/// <summary>A training history: per-epoch losses and accuracies, and optionally every step's loss.</summary>
public sealed record HistoryFigureData(IReadOnlyList<double> Epochs, IReadOnlyList<double> TrainLoss, IReadOnlyList<double> ValidLoss,
    IReadOnlyList<double> TrainAccuracy, IReadOnlyList<double> ValidAccuracy, IReadOnlyList<double>? StepLoss = null);

/// <summary>
/// The training-history figure: loss on the left (every step's loss faint, its moving average
/// bold, train and validation per epoch; log scale when all losses are positive), accuracy on the right.
/// </summary>
public static class HistoryFigure
{
    /// <summary>Draws the two panels side by side under the title and writes the PNG atomically.</summary>
    public static void SavePng(string path, HistoryFigureData data, string title, int width = 1200, int height = 450) =>
        FigureFile.Save(path, Build(data, title), width, height);

    internal static Multiplot Build(HistoryFigureData data, string title)
    {
        if (data.Epochs.Count == 0) throw new PlotException($"nothing to plot: '{title}' has no epochs");
        var loss = LossPanel(data);
        var accuracy = AccuracyPanel(data);
        if (!LineChart.HasData(loss) && !LineChart.HasData(accuracy)) throw new PlotException($"nothing to plot: '{title}' has no finite values");
        var heading = FigureStyle.NewPlot();
        heading.Layout.Frameless();
        heading.HideGrid();
        heading.Axes.SetLimits(0, 1, 0, 1);
        FigureStyle.Text(heading, title, 0.5, 0.5, FigureStyle.TitleSize + 2, Alignment.MiddleCenter, bold: true);
        var figure = new Multiplot(heading);
        figure.AddPlot(loss);
        figure.AddPlot(accuracy);
        figure.Layout = new HeadingOverColumns();
        return figure;
    }

    // The first plot is a band across the top; the others share the rest side by side.
    private sealed class HeadingOverColumns : IMultiplotLayout
    {
        private const float HeadingHeight = 44;

        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figure)
        {
            var columns = subplots.Count - 1;
            var columnWidth = figure.Width / columns;
            var top = figure.Top + HeadingHeight;
            return
            [
                new PixelRect(figure.Left, figure.Right, top, figure.Top),
                .. Enumerable.Range(0, columns).Select(c =>
                    new PixelRect(figure.Left + c * columnWidth, figure.Left + (c + 1) * columnWidth, figure.Bottom, top)),
            ];
        }
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
        LineChart.AddLine(plot, new LineSeries("train", data.Epochs, data.TrainLoss, markers), FigureStyle.Series(0), logY);
        LineChart.AddLine(plot, new LineSeries("validation", data.Epochs, data.ValidLoss, markers), FigureStyle.Series(1), logY, width: 2.5f);
        if (logY && LineChart.HasData(plot)) LogAxis.Apply(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static ScottPlot.Plot AccuracyPanel(HistoryFigureData data)
    {
        var plot = FigureStyle.NewPlot("Accuracy", "epoch", "accuracy");
        var markers = data.Epochs.Count <= 30;
        LineChart.AddLine(plot, new LineSeries("train", data.Epochs, data.TrainAccuracy, markers), FigureStyle.Series(0), logY: false);
        LineChart.AddLine(plot, new LineSeries("validation", data.Epochs, data.ValidAccuracy, markers), FigureStyle.Series(1), logY: false);
        plot.ShowLegend(Alignment.LowerRight);
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
