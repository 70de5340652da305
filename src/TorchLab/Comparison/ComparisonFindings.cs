namespace TorchLab.Comparison;

/// <summary>Every case's check and the figures drawn for them (paths relative to the output folder).</summary>
public sealed record ComparisonFindings(
    IReadOnlyList<CaseCheck> Cases,
    IReadOnlyList<(string caption, string path)> Figures)
{
    public bool AllPassed => Cases.All(c => c.Passed);
}
