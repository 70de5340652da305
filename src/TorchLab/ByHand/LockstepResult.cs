
namespace TorchLab.ByHand;

/// <summary>
/// One parameter after the run: the largest difference between the by-hand and TorchSharp values
/// of the weight and of Adam's two moments, each over that tensor's largest |value| in TorchSharp.
/// </summary>
public sealed record TensorDrift(string Name, double Weight, double FirstMoment, double SecondMoment);

/// <summary>
/// A model trained for <see cref="Steps"/> steps by TorchSharp and by hand side by side: each
/// step's two losses and the train-mode logits' difference (relative to their largest |value|:
/// with a wrong dropout mask it is of order 1), every step's largest relative weight difference,
/// the final drift of every parameter and moment, and the test set scored with both weights.
/// </summary>
public sealed record LockstepResult(
    string Model,
    int Steps,
    int BatchesPerEpoch,
    IReadOnlyList<double> TorchLosses,
    IReadOnlyList<double> HandLosses,
    IReadOnlyList<double> LogitDifferences,
    IReadOnlyList<double> WeightDrift,
    IReadOnlyList<TensorDrift> Tensors,
    ByHandResult Test,
    double Seconds,
    LockstepTolerance Tolerance)
{
    public double MaxLossDifference => TorchLosses.Zip(HandLosses, (a, b) => Math.Abs(a - b)).Max();

    public double MaxLogitDifference => LogitDifferences.Max();

    public double MaxWeightDifference => Tensors.Max(t => t.Weight);

    public double MaxMomentDifference => Tensors.Max(t => Math.Max(t.FirstMoment, t.SecondMoment));

    /// <summary>Losses, logits, weights and moments within the tolerance, and every test prediction equal.</summary>
    public bool Passed =>
        MaxLossDifference <= Tolerance.Loss
        && MaxLogitDifference <= Tolerance.Loss
        && MaxWeightDifference <= Tolerance.Weights
        && MaxMomentDifference <= Tolerance.Moments
        && Test.AgreeingPredictions == Test.Examples;
}
