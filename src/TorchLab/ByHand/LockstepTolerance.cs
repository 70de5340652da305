namespace TorchLab.ByHand;

/// <summary>
/// How far a by-hand run may drift from TorchSharp's and still pass, chosen from the drift measured
/// over the lab's steps and longer runs (docs/training-by-hand.md): float32 sums taken in another
/// order differ in the last bits, and Adam carries those bits on from step to step. Each bound is
/// 10 to 30 times the largest drift measured; a wrong mask or gradient formula is off by 1e-2 or more.
/// </summary>
/// <param name="Loss">
/// the largest per-step loss difference (losses are of order 1, so absolute), and the largest
/// train-mode logit difference over the step's largest |logit|.
/// </param>
/// <param name="Weights">the largest final weight difference over that tensor's largest |value|.</param>
/// <param name="Moments">the same for Adam's m and v.</param>
public sealed record LockstepTolerance(double Loss, double Weights, double Moments)
{
    public static LockstepTolerance For(string model) => model switch
    {
        // Adam's first step is about ±lr for every weight, whatever its gradient's size, so a weight
        // whose gradient is mostly rounding noise moves by a different fraction of lr in each run:
        // after step 1, 5.7e-6 of the scale in the GRU, 3.5e-5 in attention's in_proj_weight (the
        // part that sees what all positions share, which the softmax cancels); then it stays.
        "seq-gru" => new LockstepTolerance(1e-5, 1e-4, 1e-4),
        "seq-attn" => new LockstepTolerance(1e-5, 1e-3, 1e-4),
        _ => new LockstepTolerance(1e-5, 1e-5, 1e-4),
    };
}
