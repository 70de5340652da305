namespace TorchLab.Training;

/// <summary>One epoch's results: mean training loss and accuracy (over the epoch's batches, weighted by size), validation loss and accuracy, the learning rate at its end, and its wall time.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss, double ValidAccuracy,
    double LearningRate, double Seconds);

/// <summary>What a training run produced: every step's loss and every epoch's record.</summary>
public sealed class History
{
    /// <summary>The loss of every optimizer step, in order.</summary>
    public List<double> StepLosses { get; } = new();

    /// <summary>One record per completed epoch.</summary>
    public List<EpochRecord> Epochs { get; } = new();

    /// <summary>Why training ended early (diverged, stopped by a hook, cancelled), or null when it ran every epoch.</summary>
    public string? StoppedReason { get; set; }

    /// <summary>The last epoch's record.</summary>
    public EpochRecord Last => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("no epoch has completed");
}
