using TorchLab.Training.Data;

namespace TorchLab.Inspection;

/// <summary>
/// The test digit whose feature maps are drawn: its row in the test set, its label and the model's answer.
/// </summary>
public sealed record DigitSample(int TestRow, long Label, long Predicted);

/// <summary>
/// The share of test sequences, of all and of each class (in label order), in which a filter's largest activation
/// lies at positions 27-34.
/// </summary>
public sealed record FilterPeaks(double All, IReadOnlyList<double> ByClass);

/// <summary>How often a junction's letters occur in the test set's sequences of one class.</summary>
public sealed record JunctionLetters(string Class, int Sequences, int Donor, int Acceptor);

/// <summary>
/// What the lab found inside the trained models, for the report: the figures (paths relative to the report),
/// seq-cnn's first-layer k-mers, seq-attn's attention, and the shift test. A model the lab did not train leaves
/// its part empty.
/// </summary>
/// <param name="KmerTop">How many strongest windows each filter's <see cref="Kmers"/> hold.</param>
/// <param name="PeaksNearBoundary">
/// Per seq-cnn filter, how often its largest activation lies next to the boundary.
/// </param>
/// <param name="Attention">seq-attn's mean attention per class, in label order.</param>
public sealed record LearnedFindings(
    IReadOnlyList<(string caption, string path)> Figures,
    DigitSample? Digit,
    IReadOnlyList<FilterKmers> Kmers,
    int KmerTop,
    IReadOnlyList<FilterPeaks> PeaksNearBoundary,
    IReadOnlyList<JunctionLetters> TestLetters,
    IReadOnlyList<ShiftCurve> Shifts,
    (string caption, string path)? ShiftFigure,
    string MajorityClass,
    double MajorityShare,
    IReadOnlyList<ClassAttention> Attention)
{
    /// <summary>The labels of the exon→intron (donor) and intron→exon (acceptor) classes.</summary>
    public int DonorClass => SpliceCsv.Classes.ToList().IndexOf("EI");
    public int AcceptorClass => SpliceCsv.Classes.ToList().IndexOf("IE");
}
