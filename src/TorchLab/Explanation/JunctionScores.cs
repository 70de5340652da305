using static TorchSharp.torch;

namespace TorchLab.Explanation;

/// <summary>
/// One method's attributions for one model, scored against the splice junction's known letters. A mass share is
/// the mean, over a class's sequences, of the share of a sequence's attribution mass (|value| summed over the 4
/// letters) on the given positions; a peak share is the share of the class's sequences whose strongest position
/// lies in 27-34. Sequences with no attribution mass at all have neither and are left out.
/// </summary>
/// <param name="DonorMass">EI sequences, positions 31-32 (the donor's GT; 2/60 if spread evenly).</param>
/// <param name="AcceptorMass">IE sequences, positions 29-30 (the acceptor's AG; 2/60 if spread evenly).</param>
/// <param name="ControlMass">N sequences, positions 29-32, the control (4/60 if spread evenly).</param>
/// <param name="DonorPeak">EI sequences whose strongest position lies in 27-34 (8/60 if spread evenly).</param>
/// <param name="AcceptorPeak">The same for IE sequences.</param>
/// <param name="ControlPeak">The same for N sequences.</param>
public sealed record JunctionScore(
    string Model,
    string Method,
    int Sequences,
    double DonorMass,
    double AcceptorMass,
    double ControlMass,
    double DonorPeak,
    double AcceptorPeak,
    double ControlPeak);

/// <summary>
/// Scores attributions of one-hot DNA (N, 4, L) against the junction between positions 30 and 31 (1-based):
/// the donor's GT right after it in EI sequences, the acceptor's AG right before it in IE sequences.
/// </summary>
public static class JunctionScores
{
    /// <summary>1-based, inclusive position ranges.</summary>
    public static readonly (int First, int Last) Donor = (31, 32), Acceptor = (29, 30), Control = (29, 32),
        Near = (27, 34);

    /// <summary>The share of <paramref name="length"/> positions a range holds: an even spread's score.</summary>
    public static double Even((int First, int Last) range, int length) =>
        (range.Last - range.First + 1) / (double)length;

    /// <summary>
    /// Scores <paramref name="attributions"/> (N, 4, L); <paramref name="labels"/> index
    /// <paramref name="classNames"/>, which hold EI, IE and N.
    /// </summary>
    public static JunctionScore Score(string model, string method, Tensor attributions, IReadOnlyList<long> labels,
        IReadOnlyList<string> classNames)
    {
        if (attributions.dim() != 3 || attributions.shape[0] != labels.Count)
            throw new ArgumentException($"expected attributions ({labels.Count}, 4, L), got shape " +
                $"({string.Join(", ", attributions.shape)})");
        var mass = Mass(attributions);
        IReadOnlyList<double[]> Of(string name)
        {
            var label = classNames.ToList().IndexOf(name);
            if (label < 0) throw new ArgumentException($"no class {name} in {string.Join(", ", classNames)}");
            return [.. mass.Where((_, i) => labels[i] == label && mass[i].Sum() > 0)];
        }
        var (ei, ie, n) = (Of("EI"), Of("IE"), Of("N"));
        return new JunctionScore(model, method, labels.Count,
            MeanShare(ei, Donor), MeanShare(ie, Acceptor), MeanShare(n, Control),
            PeakShare(ei), PeakShare(ie), PeakShare(n));
    }

    /// <summary>Each sequence's |attribution| summed over the letters: mass[sequence][position].</summary>
    public static double[][] Mass(Tensor attributions)
    {
        using var scope = NewDisposeScope();
        var length = (int)attributions.shape[2];
        var flat = attributions.abs().sum(1).to_type(ScalarType.Float64).cpu().data<double>().ToArray();  // (N, L)
        return [.. flat.Chunk(length)];
    }

    /// <summary>The share of one sequence's mass on <paramref name="range"/> (1-based, inclusive).</summary>
    public static double Share(double[] mass, (int First, int Last) range) =>
        mass[(range.First - 1)..range.Last].Sum() / mass.Sum();

    /// <summary>The strongest position, 1-based; the first one on a tie.</summary>
    public static int Strongest(double[] mass) => Array.IndexOf(mass, mass.Max()) + 1;

    private static double MeanShare(IReadOnlyList<double[]> masses, (int First, int Last) range) =>
        masses.Count == 0 ? double.NaN : masses.Average(m => Share(m, range));

    private static double PeakShare(IReadOnlyList<double[]> masses) =>
        masses.Count == 0
            ? double.NaN
            : masses.Count(m => Strongest(m) is var p && p >= Near.First && p <= Near.Last) / (double)masses.Count;
}
