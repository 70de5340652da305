using Spectre.Console;
using System.Globalization;
using TorchLab.Runs;
using TorchLab.Training;

namespace TorchLab.Runner;

/// <summary>
/// Shows a run's progress: a live bar with the current loss on a terminal, plain lines (a few
/// per run) when output is redirected, as in CI logs.
/// </summary>
/// <param name="shownFolder">
/// Where a finished run's folder is said to be: the lab trains inside its staging folder, and the
/// console names the place the run will have once the lab commits.
/// </param>
public sealed class TrainingProgress(IAnsiConsole console, Func<string, string>? shownFolder = null)
{
    private readonly bool live = console.Profile.Capabilities.Interactive;
    private ProgressTask? bar;
    private TrainSettings? settings;
    private int batches;

    /// <summary>After every training step, with its epoch and its number in the epoch (the resume tests stop a run at
    /// an exact step through it).</summary>
    public event Action<int, int>? Stepped;

    /// <summary>After every finished epoch, once its checkpoint is saved.</summary>
    public event Action<EpochRecord>? EpochSaved;

    /// <summary>Runs <paramref name="work"/> with the live display around it when there is one.</summary>
    public T Run<T>(Func<TrainingProgress, T> work)
    {
        if (!live) return work(this);
        T result = default!;
        console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                bar = context.AddTask("starting", autoStart: true, maxValue: 1);
                result = work(this);
            });
        bar = null;
        return result;
    }

    /// <summary>A line about the run folder, before the run begins.</summary>
    public void Note(string line)
    {
        if (bar is null) console.WriteLine(line);
        else console.MarkupLine($"[yellow]{Markup.Escape(line)}[/]");
    }

    /// <summary>A run begins (at <paramref name="firstEpoch"/> + 1 when resumed).</summary>
    public void Started(TrainSettings run, int batchesPerEpoch, int firstEpoch)
    {
        (settings, batches) = (run, batchesPerEpoch);
        var resumed = firstEpoch > 0 ? $", resuming after epoch {firstEpoch}" : "";
        var schedule = run.Schedule == LrSchedule.None ? ""
            : $", {run.Schedule.ToString().ToLowerInvariant()} schedule";
        var patience = run.Patience is { } p ? $", early stopping after {p} epochs without " +
            $"a better validation loss" : "";
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{run.Recipe.Name}: {run.Epochs} epochs × {batchesPerEpoch} batches of {run.BatchSize}, Adam lr " +
                $"{run.LearningRate}{schedule}{patience}, seed {run.Seed}, {run.Device}, " +
                    $"{run.Threads} thread(s){resumed}");
        if (bar is null) console.WriteLine(line);
        else
        {
            console.MarkupLine($"[bold]{Markup.Escape(line)}[/]");
            bar.MaxValue = (double)run.Epochs * batchesPerEpoch;
            bar.Value = (double)firstEpoch * batchesPerEpoch;
        }
    }
    public void Step(int epoch, int step, double loss)
    {
        Stepped?.Invoke(epoch, step);
        if (bar is null || settings is null) return;
        bar.Value = (double)(epoch - 1) * batches + step;
        bar.Description = string.Create(CultureInfo.InvariantCulture,
            $"{settings.Recipe.Name} epoch {epoch}/{settings.Epochs} loss {loss:F4}");
    }

    /// <summary>After every epoch: a line every tenth of the run (and the last epoch).</summary>
    public void Epoch(EpochRecord record)
    {
        EpochSaved?.Invoke(record);
        var total = settings?.Epochs ?? record.Epoch;
        if (bar is not null || (record.Epoch % Math.Max(1, total / 10) != 0 && record.Epoch != total)) return;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  epoch {record.Epoch,3}/{total}: train loss {record.TrainLoss:F4} acc {record.TrainAccuracy:P1} | " +
                $"validation loss {record.ValidLoss:F4} acc {record.ValidAccuracy:P1} | lr " +
                    $"{record.LearningRate:G3} | {record.Seconds:F2} s"));
    }
    public void Finished(RunResult result)
    {
        var status = result.History.StoppedReason is { } reason ? $" ({reason})" : "";
        var recipe = result.Settings.Recipe;
        // PyTorch's figure is for the protocol's settings; beside any other run it is only a landmark.
        var reference = result.FollowsProtocol
            ? $"PyTorch, same protocol: {recipe.ReferenceAccuracy:P2}"
            : $"not the protocol; PyTorch reached {recipe.ReferenceAccuracy:P2} with the protocol's {recipe.Epochs} " +
                $"epochs, lr {recipe.LearningRate}, batch {recipe.BatchSize}, seed 0";
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Name}: test accuracy {result.Metrics.Accuracy:P2} with epoch {result.BestEpoch}'s weights, " +
                $"the best validation loss ({reference}), {result.MedianEpochSeconds:F3} s/epoch{status} → " +
                $"{shownFolder?.Invoke(result.Settings.OutputFolder) ?? result.Settings.OutputFolder}"));
    }
}
