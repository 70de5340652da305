using TorchLab.Checkpoints;
using TorchLab.Outputs;
using TorchLab.Runs;
using TorchLab.Storage.Folders;
using TorchLab.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Runner;

/// <summary>
/// One model's whole run: the recipe's set-up, the shared loop (with the schedule, the best
/// weights, early stopping and a checkpoint after every epoch hooked in), the test score and the
/// layer summary of the best epoch's weights, and the run's files.
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Trains as <paramref name="settings"/> says, reporting through <paramref name="progress"/>,
    /// in a <see cref="RunFolder"/>: the output folder changes only when the run's files are all
    /// written (<paramref name="writeReport"/> adds the run's report.md to them). A run stopped
    /// mid-epoch is rolled back to its last finished epoch (the checkpoint), so every file
    /// describes that epoch; stopped before any epoch of its own finished, or failed, it leaves
    /// the folder as it was (and returns null when stopped).
    /// </summary>
    public static RunResult? Execute(TrainSettings settings, TrainingProgress progress, CancellationToken cancellation,
        Action<RunResult> writeReport)
    {
        // Resumed from a killed run's staging folder, the checkpoint is kept there while it is read.
        using var folder = RunFolder.Begin(settings.OutputFolder, RunOutputs.Layout, settings.ResumeFrom);
        torch.set_num_threads(settings.Threads);
        if (folder.RemovedStaging is { } stale)
            progress.Note($"Removed {stale}, the unfinished files of a run that was killed.");
        using var setup = RunSetup.For(settings);
        using var best = new BestWeights();
        var checkpoint = Path.Combine(folder.Staging, RunOutputs.CheckpointFile);
        var history = settings.ResumeFrom is { } resume ? Resume(folder.Kept ?? resume, settings,
            setup, best) : new History();
        var startEpochs = history.Epochs.Count;

        progress.Started(settings, setup.BatchesPerEpoch, startEpochs);
        TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train, setup.Valid, settings.Epochs, history,
            onEpoch: record =>
            {
                setup.Scheduler?.step(record.ValidLoss);   // the plateau schedule reads it; the cosine one ignores it
                best.Update(record, setup.Model);
                Checkpoint.Save(checkpoint, setup.Model, setup.Optimizer, history, settings.ToCheckpoint(), best.State);
                progress.Epoch(record);
                return !best.PatienceRanOut(settings.Patience, record.Epoch);
            },
            onStep: YoungCollection.AfterStep(settings.Recipe, progress.Step), cancel: cancellation);

        var interrupted = cancellation.IsCancellationRequested && history.StoppedReason is not null;
        if (interrupted)
        {
            if (history.Epochs.Count == startEpochs) return null;
            var reason = history.StoppedReason;
            history = Checkpoint.Load(checkpoint, setup.Model, setup.Optimizer, best, setup.BatchesPerEpoch);
            history.StoppedReason = reason;
        }
        else if (history.StoppedReason is not null)
            history.StoppedReason = $"early stopping: no better validation loss for {settings.Patience} " +
                $"epochs after epoch {best.Epoch}";

        if (best.Epoch == 0) throw new TrainingDivergedException(history.Epochs.Count, 0, double.NaN);
        Checkpoint.LoadModel(checkpoint, setup.Model, best.State);
        var predictions = Predict(setup.Model, setup.Test);
        var metrics = ClassificationMetrics.From(predictions, setup.TestData.Labels, setup.TestData.ClassNames);
        var staged = new RunResult(settings with { OutputFolder = folder.Staging }, history, metrics,
            EpochTimes.Median(history.Epochs.Select(e =>
                e.Seconds)), best.Epoch, interrupted) { Layers = Summarise(setup) };
        RunOutputs.Write(staged, setup.Model);
        writeReport(staged);
        folder.Commit();
        var result = staged with { Settings = settings };
        progress.Finished(result);
        return result;
    }

    // The checkpoint restores the model, Adam, the generator and the best weights; the schedule is
    // replayed over the recorded validation losses, which leaves it in the state it had.
    private static History Resume(string path, TrainSettings settings, RunSetup setup, BestWeights best)
    {
        var history = Checkpoint.Load(path, setup.Model, setup.Optimizer, best, setup.BatchesPerEpoch);
        if (best.PatienceRanOut(settings.Patience, history.Epochs.Count))
            throw new InvalidSettingException($"{path}: the run stopped early after epoch {history.Epochs.Count}, " +
                $"{settings.Patience} epochs without a better validation loss than epoch {best.Epoch}'s; " +
                    $"there is nothing to continue");
        var learningRate = setup.Optimizer.ParamGroups.First().LearningRate;
        foreach (var record in history.Epochs) setup.Scheduler?.step(record.ValidLoss);
        foreach (var group in setup.Optimizer.ParamGroups) group.LearningRate = learningRate;
        return history;
    }

    // The first test batch, as `summary MODEL --weights` shows it.
    private static LayerSummary Summarise(RunSetup setup)
    {
        var (x, y) = setup.Test.First();
        using (x)
        using (y)
            return LayerSummary.Of(setup.Model, x);
    }

    /// <summary>The predicted class of every example, in order.</summary>
    public static long[] Predict(nn.Module<Tensor, Tensor> model, IEnumerable<(Tensor x, Tensor y)> batches)
    {
        model.eval();
        using var inference = inference_mode();
        var predictions = new List<long>();
        foreach (var (x, y) in batches)
        {
            using (x)
            using (y)
            using (NewDisposeScope())
                predictions.AddRange(model.call(x).argmax(1).cpu().data<long>());
        }
        return predictions.ToArray();
    }
}
