namespace TorchLab.Training;

/// <summary>
/// One epoch: train loss and accuracy are means over the epoch's batches (weighted by batch
/// size, taken during the updates, dropout on); valid ones come from a pass over the validation
/// set after the epoch. LearningRate is the rate the epoch trained with.
/// </summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValidLoss,
    double ValidAccuracy, double LearningRate, double Seconds);

/// <summary>Every step's loss and every epoch's record; a resumed run passes it back to continue.</summary>
public sealed class History
{
    public List<double> StepLosses { get; } = [];
    public List<EpochRecord> Epochs { get; } = [];

    /// <summary>Why training ended before its last epoch (cancelled, stopped early), or null.</summary>
    public string? StoppedReason { get; set; }
}

/// <summary>A step's loss was NaN or infinite; thrown before that step changed the weights.</summary>
public sealed class TrainingDivergedException(int epoch, int step, double loss)
    : Exception($"training diverged: the loss is {loss} at epoch {epoch}, step {step}")
{
    public int Epoch { get; } = epoch;
    public int Step { get; } = step;
    public double Loss { get; } = loss;
}
