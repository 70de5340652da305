using TorchSharp;

using static TorchSharp.torch;

namespace TorchLab.Training;

/// <summary>Progress of one optimizer step, for progress displays.</summary>
public readonly record struct StepReport(int Epoch, int Step, int StepsPerEpoch, double Loss);

/// <summary>
/// How <see cref="TrainingLoop.Fit"/> runs, with the hooks through which callers watch and steer it
/// (progress, checkpoints, early stopping, cancellation); the loop itself never prints or saves.
/// </summary>
public sealed record FitOptions
{
    /// <summary>Total epochs (a resumed run continues up to this number).</summary>
    public required int Epochs { get; init; }

    /// <summary>A learning-rate schedule, stepped once per epoch (or per step with <see cref="SchedulePerStep"/>).</summary>
    public optim.lr_scheduler.LRScheduler? Scheduler { get; init; }

    /// <summary>Step <see cref="Scheduler"/> after every optimizer step instead of every epoch.</summary>
    public bool SchedulePerStep { get; init; }

    /// <summary>Called after every optimizer step.</summary>
    public Action<StepReport>? OnStep { get; init; }

    /// <summary>Called after every epoch with its record; return false to stop (early stopping). Checkpoints hook in here.</summary>
    public Func<EpochRecord, History, bool>? OnEpoch { get; init; }

    /// <summary>Stops between steps when cancelled; the unfinished epoch is dropped, so the last checkpoint stays valid.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>Training produced a NaN or infinite loss.</summary>
public sealed class TrainingDivergedException(int epoch, int step, double loss)
    : Exception($"training diverged: the loss is {loss} at epoch {epoch}, step {step}; lower the learning rate (--lr) or check the data")
{
    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The 1-based step within the epoch.</summary>
    public int Step { get; } = step;
}
