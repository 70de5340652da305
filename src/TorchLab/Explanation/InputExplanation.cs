namespace TorchLab.Explanation;

/// <summary>
/// One input explained: where it came from, the input itself (one example of <paramref name="Shape"/>, flattened),
/// the target class and the class the model predicted (indices into the model's classes), the target's logit for
/// the input and for the blank baseline, and the attribution of each element to the target's logit
/// (<paramref name="Values"/>, flattened like the example). <paramref name="Delta"/>, integrated gradients'
/// completeness error Σ values − (f(x) − f(b)), is null for the other methods.
/// </summary>
public sealed record InputExplanation(
    string Source,
    float[] Example,
    long[] Shape,
    int Target,
    int Predicted,
    float TargetLogit,
    float BaselineLogit,
    float[] Values,
    float? Delta)
{
    /// <summary>How far completeness may miss before explain warns: |Delta| at most this share of |f(x) − f(b)|, or
    /// of 1 when the difference is smaller (docs/explain.md measures it on the trained models).</summary>
    public const double CompletenessBound = 0.05;

    /// <summary>|Delta| / max(|f(x) − f(b)|, 1); NaN without integrated gradients.</summary>
    public double RelativeDelta => Delta is { } delta
        ? Math.Abs(delta) / Math.Max(Math.Abs(TargetLogit - BaselineLogit), 1)
        : double.NaN;

    /// <summary>Whether the completeness error is over <see cref="CompletenessBound"/>.</summary>
    public bool OverBound => RelativeDelta > CompletenessBound;
}
