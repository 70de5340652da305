using TorchLab.Files;
using System.Globalization;
using TorchLab.Plotting;
using TorchLab.Training;

namespace TorchLab.Runs;

/// <summary>A run's figures: the training history on the train and validation sets (loss.png) and the confusion matrix on the test set (confusion.png).</summary>
public static class RunFigures
{
    /// <summary>Draws both figures into <paramref name="folder"/>.</summary>
    public static void Write(RunResult result, string folder)
    {
        var epochs = result.History.Epochs;
        var data = new HistoryFigureData(
            [.. epochs.Select(e => e.TrainLoss)], [.. epochs.Select(e => e.ValidLoss)],
            [.. epochs.Select(e => e.TrainAccuracy)], [.. epochs.Select(e => e.ValidAccuracy)],
            [.. epochs.Select(e => e.LearningRate)], result.History.StepLosses, BestEpoch(epochs));
        AtomicFile.Write(Path.Combine(folder, "loss.png"), path =>
            HistoryFigure.SavePng(path, data, $"{result.Name}: training history (train and validation sets)"));
        var accuracy = (100 * result.Metrics.Accuracy).ToString("F1", CultureInfo.InvariantCulture);
        AtomicFile.Write(Path.Combine(folder, "confusion.png"), path =>
            ConfusionMatrixFigure.SavePng(path, result.Metrics.Confusion, result.Metrics.ClassNames,
                $"{result.Name}: confusion matrix on the test set\naccuracy {accuracy}%"));
    }

    /// <summary>The first epoch (1-based, as the figure counts) with the lowest finite validation loss, or null when none is finite.</summary>
    internal static int? BestEpoch(IReadOnlyList<EpochRecord> epochs) =>
        Enumerable.Range(1, epochs.Count).Where(e => double.IsFinite(epochs[e - 1].ValidLoss)).OrderBy(e => epochs[e - 1].ValidLoss)
            .Select(e => (int?)e).FirstOrDefault();
}
