using TorchLab.Training;

namespace TorchLab.Runs;

/// <summary>What one training run produced, for printing and for the report.</summary>
/// <param name="BestEpoch">The epoch with the lowest validation loss, whose weights model.pt holds and the test set
/// scored.</param>
/// <param name="Interrupted">Stopped by Ctrl+C or SIGTERM (and rolled back to its last finished epoch).</param>
public sealed record RunResult(TrainSettings Settings, History History,
    ClassificationMetrics Metrics, double MedianEpochSeconds,
    int BestEpoch, bool Interrupted)
{
    public string Name => Settings.Recipe.Name;

    /// <summary>The model with the best epoch's weights, layer by layer, on the first test batch.</summary>
    public LayerSummary? Layers { get; init; }

    /// <summary>Whether the run used the recipe's protocol to its end, so PyTorch's reference applies.</summary>
    public bool FollowsProtocol => Settings.FollowProtocol && History.Epochs.Count == Settings.Epochs;
}
