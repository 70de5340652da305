using TorchLab.Training;

namespace TorchLab.Runs;

/// <summary>What one training run produced, for printing and for the report.</summary>
public sealed record RunResult(TrainSettings Settings, History History, ClassificationMetrics Metrics, double MedianEpochSeconds)
{
    /// <summary>The run's model name.</summary>
    public string Name => Settings.Recipe.Name;

    /// <summary>Whether the run used the recipe's protocol (epochs, batch, learning rate, seed 0), so PyTorch's reference applies.</summary>
    public bool FollowsProtocol => Settings is { Seed: 0 } && Settings.Epochs == Settings.Recipe.Epochs && History.Epochs.Count == Settings.Epochs
        && Settings.BatchSize == Settings.Recipe.BatchSize && Settings.LearningRate == Settings.Recipe.LearningRate;

    /// <summary>Whether the run trained every epoch it was asked for.</summary>
    public bool Completed => History.StoppedReason is null;
}
