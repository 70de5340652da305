using TorchLab.Training;

namespace TorchLab.Runs;

/// <summary>
/// One model's whole run: the recipe's set-up, the shared loop (with a checkpoint after every
/// epoch), the final test metrics, and the run's files.
/// </summary>
public static class TrainingRun
{
    /// <summary>The checkpoint's file name inside a run's output folder.</summary>
    public const string CheckpointFile = "checkpoint.pt";

    /// <summary>
    /// Trains as <paramref name="settings"/> says, reporting through <paramref name="progress"/>,
    /// in a <see cref="RunFolder"/>: the output folder changes only when the run's files are all
    /// written. A run stopped mid-epoch is rolled back to its last finished epoch (the
    /// checkpoint), so every file describes that epoch; stopped before any epoch of its own
    /// finished, or failed, it leaves the folder as it was (and returns null when stopped).
    /// </summary>
    public static RunResult? Execute(TrainSettings settings, TrainingProgress progress, CancellationToken cancellation)
    {
        using var folder = RunFolder.Begin(settings.OutputFolder);
        if (folder.RemovedStaging is { } stale) progress.Note($"Removed {stale}, the unfinished files of a run that was killed.");
        using var setup = RunSetup.For(settings);
        var checkpoint = Path.Combine(folder.Staging, CheckpointFile);
        var history = settings.ResumeFrom is { } resume ? Checkpoint.Load(resume, setup.Model, setup.Optimizer) : null;
        var startEpochs = history?.Epochs.Count ?? 0;

        progress.Started(settings, setup.TrainLoader.BatchCount, startEpochs);
        history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.TrainLoader, setup.TestLoader, new FitOptions
        {
            Epochs = settings.Epochs,
            OnStep = progress.Step,
            OnEpoch = (record, soFar) =>
            {
                Checkpoint.Save(checkpoint, setup.Model, setup.Optimizer, soFar, ResumedSettings.ToCheckpoint(settings));
                progress.Epoch(record);
                return true;
            },
            Cancellation = cancellation,
        }, history);

        if (history.StoppedReason is not null && cancellation.IsCancellationRequested)
        {
            if (history.Epochs.Count == startEpochs) return null;
            var reason = history.StoppedReason;
            history = Checkpoint.Load(checkpoint, setup.Model, setup.Optimizer);
            history.StoppedReason = reason;
        }

        var predictions = Evaluation.Predict(setup.Model, setup.TestLoader);
        var metrics = ClassificationMetrics.From(predictions, setup.TestData.Labels, setup.TestData.ClassNames);
        var staged = new RunResult(settings with { OutputFolder = folder.Staging }, history, metrics,
            EpochTimes.Median(history.Epochs.Select(e => e.Seconds)));
        RunOutputs.Write(staged, setup.Model);
        folder.Commit();
        var result = staged with { Settings = settings };
        progress.Finished(result);
        return result;
    }
}
