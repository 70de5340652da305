using System.Globalization;
using TorchLab.Runs;

namespace TorchLab.Checkpoints;

/// <summary>
/// The settings of a resumed run: the checkpoint's own, since changing them mid-run would
/// report values that did not train (or, for the seed, change the digits split). An option
/// given on the command line that differs is refused, naming each conflict.
/// </summary>
public static class ResumedSettings
{
    /// <summary>
    /// <paramref name="requested"/> with the checkpoint's batch size, learning rate and seed; the
    /// epochs are the requested ones when <c>--epochs</c> was given, else the checkpoint's target.
    /// </summary>
    /// <param name="requested">What the command line asked for (defaults filled in).</param>
    /// <param name="given">The options the user actually typed, e.g. "--lr".</param>
    public static TrainSettings Reconcile(TrainSettings requested, IReadOnlySet<string> given, string checkpoint)
    {
        var (saved, done) = Checkpoint.ReadSettings(checkpoint, requested.Recipe);
        var conflicts = new List<string>();
        double Pick(string option, string key, double asked)
        {
            if (!saved.TryGetValue(key, out var value)) return asked;
            if (given.Contains(option) && asked != value)
                conflicts.Add(option == "--lr-schedule"
                    ? $"{option} {(LrSchedule)(int)asked} (the checkpoint's run used {(LrSchedule)(int)value})"
                    : $"{option} {Text(asked)} (the checkpoint's run used {Text(value)})");
            return value;
        }
        var settings = requested with
        {
            BatchSize = (int)Pick("--batch-size", "batch_size", requested.BatchSize),
            LearningRate = Pick("--lr", "lr", requested.LearningRate),
            Seed = (long)Pick("--seed", "seed", requested.Seed),
            Patience = Pick("--patience", "patience", requested.Patience ?? 0) is var p and > 0 ? (int)p : null,
            Schedule = (LrSchedule)(int)Pick("--lr-schedule", "lr_schedule", (int)requested.Schedule),
            Threads = (int)Pick("--threads", "threads", requested.Threads),
            Epochs = given.Contains("--epochs") || !saved.TryGetValue("epochs", out var target)
                ? requested.Epochs : (int)target,
        };
        if (conflicts.Count > 0)
            throw new InvalidSettingException($"--resume {checkpoint}: options differ from the run being resumed: " +
                $"{string.Join("; ", conflicts)}; leave them out to continue with the run's own");
        if (settings.Schedule == LrSchedule.Cosine && saved.TryGetValue("epochs", out var span)
            && settings.Epochs != (int)span)
            throw new InvalidSettingException(CosineSpan(checkpoint, (int)span, done, settings));
        if (settings.Epochs <= done)
            throw new InvalidSettingException($"--resume {checkpoint}: the run has finished {done} epoch(s) already; " +
                $"pass --epochs above {done} to train more");
        return settings;
    }

    // CosineAnnealingLR is laid over the run's epochs and reaches 0 at the last; PyTorch's
    // recursive form steps on from the rate it holds, so epochs past the end train at exactly 0, and
    // a new total part-way would join two schedules that no run from the start follows.
    private static string CosineSpan(string checkpoint, int span, int done, TrainSettings settings)
    {
        var fresh = string.Create(CultureInfo.InvariantCulture, $"train {settings.Recipe.Name} --epochs " +
            $"{settings.Epochs} --lr-schedule cosine --lr {settings.LearningRate} --batch-size {settings.BatchSize} " +
            $"--seed {settings.Seed}{(settings.Patience is { } p ? $" --patience {p}" : "")} --out NEW-FOLDER");
        return done >= span
            ? $"--resume {checkpoint}: the run's cosine schedule has run its {span} epochs down to a learning " +
                $"rate of 0, so --epochs {settings.Epochs} would train at 0 and change nothing; for " +
                $"{settings.Epochs} epochs of cosine annealing, start a new run: {fresh}"
            : $"--resume {checkpoint}: --epochs {settings.Epochs} differs from the {span} epochs the run's cosine " +
                $"schedule spans, and changing them part-way gives a schedule no run follows; leave out --epochs " +
                $"to finish the run's {span}, or start a new run: {fresh}";
    }

    private static string Text(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
