namespace TorchLab.AgainstPyTorch;

/// <summary>
/// The lab's runs against PyTorch's references: the runs compared, one line per run that was not
/// (why), and the figure's path relative to the lab's folder (null when nothing was compared).
/// </summary>
public sealed record ParityFindings(
    IReadOnlyList<LossDrift> Compared,
    IReadOnlyList<(string model, string reason)> NotCompared,
    string? Figure);
