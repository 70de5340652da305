namespace TorchLab.TrainingByHand;

/// <summary>
/// How far a by-hand run may drift from TorchSharp's and still pass, chosen from the drift measured
/// over the lab's steps (docs/training-by-hand.md): float32 sums taken in another order differ in
/// the last bits, and Adam carries those bits on from step to step.
/// </summary>
/// <param name="Loss">the largest per-step loss difference (losses are of order 1, so absolute).</param>
/// <param name="Weights">the largest final difference of a weight or moment over that tensor's largest |value|.</param>
public sealed record LockstepTolerance(double Loss, double Weights)
{
    public static LockstepTolerance For(string model) => model switch
    {
        _ => new LockstepTolerance(1e-4, 1e-3),
    };
}
