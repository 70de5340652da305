using System.Diagnostics;
using TorchLab.Torch;
using TorchLab.Training;
using TorchLab.Training.Data;
using static TorchLab.Torch.torch;

namespace TorchLab.Lab;

/// <summary>
/// One model's whole run: data, model, optimizer, the shared loop (with a checkpoint after
/// every epoch), the final test metrics, and the run's files.
/// </summary>
public static class TrainingRun
{
    /// <summary>The checkpoint's file name inside a run's output folder.</summary>
    public const string CheckpointFile = "checkpoint.pt";

    /// <summary>Trains as <paramref name="settings"/> says, reporting through <paramref name="progress"/>.</summary>
    public static RunResult Execute(TrainSettings settings, TrainingProgress progress, CancellationToken cancellation)
    {
        Directory.CreateDirectory(settings.OutputFolder);
        var (trainData, testData) = settings.Recipe.LoadData(settings.DataFolder, settings.Seed);
        using var train = new TensorDataset(trainData, settings.Device);
        using var test = new TensorDataset(testData, settings.Device);
        var trainLoader = new DataLoader(train, settings.BatchSize, shuffle: true);
        var testLoader = new DataLoader(test, settings.BatchSize, shuffle: false);

        manual_seed(settings.Seed);
        using var model = settings.Recipe.Create();
        model.to(settings.Device);
        using var optimizer = optim.Adam(model.parameters(), settings.LearningRate);
        var checkpoint = Path.Combine(settings.OutputFolder, CheckpointFile);
        var history = settings.ResumeFrom is { } resume ? Checkpoint.Load(resume, model, optimizer) : null;

        progress.Started(settings, trainLoader.BatchCount, history?.Epochs.Count ?? 0);
        history = TrainingLoop.Fit(model, optimizer, trainLoader, testLoader, new FitOptions
        {
            Epochs = settings.Epochs,
            OnStep = progress.Step,
            OnEpoch = (record, soFar) =>
            {
                Checkpoint.Save(checkpoint, model, optimizer, soFar);
                progress.Epoch(record);
                return true;
            },
            Cancellation = cancellation,
        }, history);

        var predictions = Evaluation.Predict(model, testLoader);
        var metrics = ClassificationMetrics.From(predictions, testData.Labels, testData.ClassNames);
        var seconds = history.Epochs.Select(e => e.Seconds).Order().ToArray();
        var result = new RunResult(settings, history, metrics, seconds.Length == 0 ? double.NaN : seconds[seconds.Length / 2]);
        RunOutputs.Write(result, model);
        progress.Finished(result);
        return result;
    }
}
