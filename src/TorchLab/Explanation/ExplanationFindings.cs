namespace TorchLab.Explanation;

/// <summary>
/// One model's checks on a few test inputs (<see cref="AttributionChecks"/>): the gradient against finite
/// differences, integrated gradients' completeness as the steps grow, mutagenesis against input × gradient (null
/// for the digits) and the randomisation check of every method.
/// </summary>
public sealed record ModelChecks(
    string Model,
    int Inputs,
    FiniteDifferenceCheck FiniteDifference,
    IReadOnlyList<CompletenessCheck> Completeness,
    MutagenesisAgreementCheck? MutagenesisAgreement,
    IReadOnlyList<RandomisationCheck> Randomisation);

/// <summary>One sequence model's attributions over the whole test set, scored per method, and its checks.</summary>
/// <param name="Times">The seconds each method over the test set took, and the checks.</param>
public sealed record SequenceExplanation(
    string Model,
    IReadOnlyList<JunctionScore> Scores,
    ModelChecks Checks,
    IReadOnlyList<(string step, double seconds)> Times,
    double Seconds)
{
    public JunctionScore Of(AttributionMethod method) => Scores.First(s => s.Method == method.Name());
}

/// <summary>tiny-cnn's checks and the number of test digits its class means average.</summary>
public sealed record DigitExplanation(string Model, int Digits, ModelChecks Checks, double Seconds);

/// <summary>
/// What the lab's "Why the models decided" phase found, for the console and the report: each attribution is of the
/// TRUE class's logit. A model the lab did not train has no entry.
/// </summary>
/// <param name="Figures">(caption, path relative to the report).</param>
public sealed record ExplanationFindings(
    IReadOnlyList<SequenceExplanation> Sequences,
    DigitExplanation? Digits,
    IReadOnlyList<(string caption, string path)> Figures,
    double Seconds);
