namespace TorchLab.Explanation;

/// <summary>
/// The gradient against central finite differences in float64: the largest |finite difference −
/// autograd| of an input relative to that input's largest |gradient|, over the inputs checked.
/// </summary>
public sealed record FiniteDifferenceCheck(double MaxRelativeError, double Tolerance, double Step, int Inputs)
{
    public bool Passed => MaxRelativeError <= Tolerance;
}

/// <summary>Integrated gradients' completeness with <paramref name="Steps"/> intervals: the largest
/// |Σ attributions − (f(x) − f(b))| / |f(x) − f(b)| over the inputs checked.</summary>
public sealed record CompletenessCheck(int Steps, double MaxRelativeError);

/// <summary>
/// Mutagenesis against input × gradient: per input, Spearman's ρ over positions between the mean
/// drop of the logit when the position's letter is changed and input × gradient summed over letters.
/// </summary>
public sealed record MutagenesisAgreementCheck(IReadOnlyList<double> PerInput)
{
    public double Mean => PerInput.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
}

/// <summary>
/// Adebayo et al.'s model-randomisation check for one method: the mean over inputs of Spearman's ρ
/// between the trained model's map and a re-initialised model's, both as |attribution| summed over
/// channels per position or pixel. Above <paramref name="Threshold"/> the map barely changes: it
/// says more about the input than about what the model learned.
/// </summary>
public sealed record RandomisationCheck(AttributionMethod Method, double Correlation, double Threshold)
{
    public bool BarelyChanges => Correlation > Threshold;
}
