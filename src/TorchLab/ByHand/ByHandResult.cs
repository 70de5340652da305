namespace TorchLab.ByHand;

/// <summary>
/// One model's test set through TorchSharp and through the by-hand code. The relative difference
/// is <see cref="MaxAbsDifference"/> over <see cref="LogitScale"/>, the largest |logit| TorchSharp
/// gave on the set: a logit's rounding error grows with the terms summed into it, which are of
/// the logits' size, not with its own value, so a logit near zero would make a per-logit ratio
/// meaningless; and the predictions turn on differences between logits on that scale.
/// </summary>
public sealed record ByHandResult(
    string Model,
    int Examples,
    double MaxAbsDifference,
    double LogitScale,
    double Tolerance,
    int AgreeingPredictions,
    double ByHandSeconds)
{
    /// <summary>The relative tolerance of the lab's check.</summary>
    public const double RelativeTolerance = 1e-4;

    public double MaxRelativeDifference => LogitScale > 0 ? MaxAbsDifference / LogitScale : MaxAbsDifference;

    /// <summary>Within the tolerance, and every prediction the same.</summary>
    public bool Passed => MaxRelativeDifference <= Tolerance && AgreeingPredictions == Examples;
}
