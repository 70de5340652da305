using System.Globalization;
using TorchLab.Plotting;
using TorchLab.Runs;
using TorchLab.Storage.Files;

namespace TorchLab.Outputs;

/// <summary>
/// A run's figures: the training history on the train and validation sets (loss.png) and the
/// confusion matrix on the test set (confusion.png).
/// </summary>
public static class RunFigures
{
    /// <summary>Draws both figures into <paramref name="folder"/>.</summary>
    public static void Write(RunResult result, string folder)
    {
        var history = result.History;
        EpochRow[] perEpoch = [.. history.Epochs.Select(e => new EpochRow(e.TrainLoss, e.TrainAccuracy, e.ValidLoss,
            e.ValidAccuracy, e.LearningRate))];
        var data = new HistoryFigureData(perEpoch, history.StepLosses, result.BestEpoch);
        AtomicFile.Write(Path.Combine(folder, "loss.png"), path =>
            HistoryFigure.SavePng(path, data, $"{result.Name}: training history (train and validation sets)"));
        var accuracy = (100 * result.Metrics.Accuracy).ToString("F1", CultureInfo.InvariantCulture);
        AtomicFile.Write(Path.Combine(folder, "confusion.png"), path =>
            ConfusionMatrixFigure.SavePng(path, result.Metrics.Confusion, result.Metrics.ClassNames,
                $"{result.Name}: confusion matrix on the test set\naccuracy {accuracy}%"));
    }
}
