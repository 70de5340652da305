using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>
/// One window of a sequence that a filter saw: its letters ('-' beyond the ends), where it starts (1-based),
/// the activation.
/// </summary>
public sealed record KmerWindow(string Letters, int Start, float Activation, int Sequence, long Label)
{
    /// <summary>
    /// The letter at sequence position <paramref name="position"/> (1-based), or '-' where the window does not reach.
    /// </summary>
    public char At(int position) =>
        position >= Start && position < Start + Letters.Length ? Letters[position - Start] : '-';

    /// <summary>
    /// The donor's GT, the first two letters of the intron, right after the boundary: positions 31-32.
    /// </summary>
    public bool HasDonor => At(JunctionKmers.Boundary + 1) == 'G' && At(JunctionKmers.Boundary + 2) == 'T';

    /// <summary>
    /// The acceptor's AG, the last two letters of the intron, right before the boundary: positions 29-30.
    /// </summary>
    public bool HasAcceptor => At(JunctionKmers.Boundary - 1) == 'A' && At(JunctionKmers.Boundary) == 'G';
}

/// <summary>
/// A first-layer filter's best-matching k-mer (argmax letter per column) and its strongest windows in the data.
/// </summary>
public sealed record FilterKmers(int Filter, string Consensus, IReadOnlyList<KmerWindow> Strongest)
{
    public int DonorHits => Strongest.Count(w => w.HasDonor);
    public int AcceptorHits => Strongest.Count(w => w.HasAcceptor);

    /// <summary>The letters that occur most often among the strongest windows (the earliest of equals).</summary>
    public string CommonWindow => Strongest.GroupBy(w => w.Letters).OrderByDescending(g => g.Count()).First().Key;

    /// <summary>
    /// A donor detector: GT at 31-32 in at least half of the strongest windows, most of which come from sequences of
    /// class <paramref name="donorClass"/> (EI). The class matters for AG at 29-30 below: it is also the last two
    /// letters of the exon in the donor's consensus (C/A)AG|GTAAGT.
    /// </summary>
    public bool FindsDonor(int donorClass) =>
        DonorHits * 2 >= Strongest.Count && Strongest.Count(w => w.Label == donorClass) * 2 > Strongest.Count;

    /// <summary>
    /// An acceptor detector: AG at 29-30 in at least half of the strongest windows, most of them from class
    /// <paramref name="acceptorClass"/> (IE).
    /// </summary>
    public bool FindsAcceptor(int acceptorClass) =>
        AcceptorHits * 2 >= Strongest.Count && Strongest.Count(w => w.Label == acceptorClass) * 2 > Strongest.Count;

    /// <summary>How many of the strongest windows come from each class, in label order.</summary>
    public int[] ClassCounts(int classes) =>
        [.. Enumerable.Range(0, classes).Select(c => Strongest.Count(w => w.Label == c))];
}

/// <summary>
/// What the first layer of a DNA model found at the splice junction: for each filter, the windows of the data
/// where it responds most, and whether they hold the donor's GT or the acceptor's AG next to the boundary.
/// </summary>
public static class JunctionKmers
{
    /// <summary>
    /// The junction, where there is one, lies between positions 30 and 31 (1-based) of the 60 (data/README.md).
    /// </summary>
    public const int Boundary = 30;

    /// <summary>
    /// For each filter of a conv layer with kernel width <paramref name="width"/> and "same" padding, the
    /// <paramref name="top"/> (sequence, position) windows of <paramref name="inputs"/> (N, 4, L, one-hot) with the
    /// largest <paramref name="activations"/> (N, filters, L), strongest first.
    /// </summary>
    public static IReadOnlyList<FilterKmers> Find(
        Tensor activations,
        Tensor inputs,
        IReadOnlyList<long> labels,
        float[][,] filters,
        int width,
        int top)
    {
        var fits = activations.dim() == 3 && inputs.dim() == 3
            && inputs.shape[0] == activations.shape[0] && inputs.shape[2] == activations.shape[2]
            && labels.Count == activations.shape[0] && filters.Length == activations.shape[1];
        if (!fits)
            throw new ArgumentException(
                $"activations ({string.Join(", ", activations.shape)}), inputs ({string.Join(", ", inputs.shape)}), "
                + $"{labels.Count} labels and {filters.Length} filters do not describe the same sequences and filters");
        var (n, count, length) = ((int)activations.shape[0], (int)activations.shape[1], (int)activations.shape[2]);
        var letters = Letters(inputs);
        var half = (width - 1) / 2;
        var result = new List<FilterKmers>();
        using var scope = NewDisposeScope();
        for (var f = 0; f < count; f++)
        {
            var (values, indices) = activations.select(1, f).flatten().topk(Math.Min(top, n * length));
            var (strength, where) = (values.cpu().data<float>().ToArray(), indices.cpu().data<long>().ToArray());
            var windows = new List<KmerWindow>();
            for (var k = 0; k < where.Length; k++)
            {
                var (sequence, position) = ((int)(where[k] / length), (int)(where[k] % length));
                var text = new string([.. Enumerable.Range(position - half, width)
                    .Select(p => p >= 0 && p < length ? letters[sequence][p] : '-')]);
                windows.Add(new KmerWindow(text, position - half + 1, strength[k], sequence, labels[sequence]));
            }
            result.Add(new FilterKmers(f, LearnedFilters.Consensus(filters[f]), windows));
        }
        return result;
    }

    /// <summary>
    /// Each one-hot sequence (N, 4, L) as letters; a position with no channel set (the neutral vector) reads '-'.
    /// </summary>
    public static string[] Letters(Tensor inputs)
    {
        var (n, channels, length) = ((int)inputs.shape[0], (int)inputs.shape[1], (int)inputs.shape[2]);
        var values = inputs.detach().cpu().to(float32).contiguous().data<float>().ToArray();
        var result = new string[n];
        for (var s = 0; s < n; s++)
        {
            var text = new char[length];
            for (var p = 0; p < length; p++)
            {
                var (best, value) = (-1, 0.5f);   // one-hot: a letter's channel holds 1
                for (var c = 0; c < channels; c++)
                {
                    var v = values[(s * channels + c) * length + p];
                    if (v > value) (best, value) = (c, v);
                }
                text[p] = best < 0 ? '-' : LearnedFilters.Alphabet[best];
            }
            result[s] = new string(text);
        }
        return result;
    }
}
