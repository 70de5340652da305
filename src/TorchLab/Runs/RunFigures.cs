using TorchLab.Plotting;

namespace TorchLab.Runs;

/// <summary>A run's figures: the training history (loss.png) and the test confusion matrix (confusion.png).</summary>
public static class RunFigures
{
    /// <summary>Draws both figures into <paramref name="folder"/>.</summary>
    public static void Write(RunResult result, string folder)
    {
        var epochs = result.History.Epochs;
        var data = new HistoryFigureData(
            epochs.Select(e => (double)e.Epoch).ToArray(),
            epochs.Select(e => e.TrainLoss).ToArray(), epochs.Select(e => e.ValidLoss).ToArray(),
            epochs.Select(e => e.TrainAccuracy).ToArray(), epochs.Select(e => e.ValidAccuracy).ToArray(),
            result.History.StepLosses);
        HistoryFigure.SavePng(Path.Combine(folder, "loss.png"), data,
            $"{result.Name}: training history (test accuracy {result.Metrics.Accuracy:P1})");
        ConfusionMatrixFigure.SavePng(Path.Combine(folder, "confusion.png"), result.Metrics.Confusion, result.Metrics.ClassNames,
            $"{result.Name}: confusion matrix on the test set");
    }
}
