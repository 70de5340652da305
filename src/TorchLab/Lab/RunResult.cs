using TorchLab.Training;

namespace TorchLab.Lab;

/// <summary>What one training run produced, for printing and for the report.</summary>
public sealed record RunResult(TrainSettings Settings, History History, ClassificationMetrics Metrics, double MedianEpochSeconds)
{
    /// <summary>The run's model name.</summary>
    public string Name => Settings.Recipe.Name;

    /// <summary>Whether the run trained every epoch it was asked for.</summary>
    public bool Completed => History.StoppedReason is null;
}
