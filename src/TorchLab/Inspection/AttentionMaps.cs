using TorchLab.ByHand;
using TorchLab.Manual;
using TorchLab.Training.Data;

namespace TorchLab.Inspection;

/// <summary>
/// seq-attn's attention in one class of test sequences: <see cref="Map"/>[query, key] is the
/// weight a position (query) gives another (key), averaged over the encoder's heads and the
/// class's sequences. Each row sums to 1. <see cref="Letters"/>[position] is the letter the class's
/// sequences hold there most often, with its share: what the attended positions hold.
/// </summary>
public sealed record ClassAttention(
    string Class,
    int Sequences,
    float[,] Map,
    IReadOnlyList<(char Letter, double Share)> Letters)
{
    public int Positions => Map.GetLength(1);

    /// <summary>The attention each key position receives, averaged over all queries.</summary>
    public double[] Received { get; } = [.. Enumerable.Range(0, Map.GetLength(1))
        .Select(k => Enumerable.Range(0, Map.GetLength(0)).Average(q => (double)Map[q, k]))];

    /// <summary>The share of all attention that lands on <see cref="AttentionMaps.BoundaryKeys"/>.</summary>
    public double BoundaryShare => AttentionMaps.BoundaryKeys.Sum(k => Received[k]);

    /// <summary>The key position (1-based) that receives the most attention.</summary>
    public int MostAttended => Array.IndexOf(Received, Received.Max()) + 1;
}

/// <summary>
/// Where seq-attn looks, from its trained weights: the attention weights by hand
/// (<see cref="ByHandForward.SeqAttn"/>, whose predictions the lab's by-hand check holds equal to
/// TorchSharp's), averaged per class over the test set.
/// </summary>
public static class AttentionMaps
{
    /// <summary>
    /// Keys 28-31, 0-based: positions 29-32, the two letters on each side of the boundary
    /// (the acceptor's AG, the donor's GT).
    /// </summary>
    public static readonly int[] BoundaryKeys =
        [JunctionKmers.Boundary - 2, JunctionKmers.Boundary - 1, JunctionKmers.Boundary, JunctionKmers.Boundary + 1];

    // Sequences per by-hand pass: the weights of a pass are (batch, 4, 60, 60) floats, 7 MB at 128.
    private const int Batch = 128;

    public static IReadOnlyList<ClassAttention> ByClass(IReadOnlyDictionary<string, NdArray> weights, LabeledData test)
    {
        var classes = test.ClassNames.Count;
        var alphabet = SpliceCsv.Alphabet.Length;
        var positions = (int)test.ExampleShape[1];                                  // examples are (4, L) one-hot
        var sums = Enumerable.Range(0, classes).Select(_ => new double[positions, positions]).ToList();
        var counts = new int[classes];
        var letters = new int[classes, positions, alphabet];
        for (var start = 0; start < test.Count; start += Batch)
        {
            var rows = test.Rows(start, Math.Min(Batch, test.Count - start));
            var attention = ByHandForward.SeqAttn(weights, ByHandForward.Inputs(rows)).Attention;    // (n, H, L, L)
            var heads = attention.Shape[1];
            for (var n = 0; n < rows.Count; n++)
            {
                var sum = sums[(int)rows.Labels[n]];
                counts[rows.Labels[n]]++;
                for (var p = 0; p < positions; p++)
                for (var c = 0; c < alphabet; c++)
                    if (rows.Features[(n * alphabet + c) * positions + p] == 1) letters[rows.Labels[n], p, c]++;
                for (var h = 0; h < heads; h++)
                for (var q = 0; q < positions; q++)
                for (var k = 0; k < positions; k++)
                    sum[q, k] += attention.Data[((n * heads + h) * positions + q) * positions + k] / heads;
            }
        }
        return [.. test.ClassNames.Select((name, c) => new ClassAttention(
            name,
            counts[c],
            Mean(sums[c], counts[c]),
            [.. Enumerable.Range(0, positions).Select(p => Commonest(letters, c, p, counts[c]))]))];
    }

    private static (char, double) Commonest(int[,,] letters, int label, int position, int sequences)
    {
        var best = Enumerable.Range(0, SpliceCsv.Alphabet.Length).MaxBy(c => letters[label, position, c]);
        var share = sequences == 0 ? double.NaN : letters[label, position, best] / (double)sequences;
        return (SpliceCsv.Alphabet[best], share);
    }

    private static float[,] Mean(double[,] sum, int count)
    {
        var mean = new float[sum.GetLength(0), sum.GetLength(1)];
        for (var q = 0; q < mean.GetLength(0); q++)
        for (var k = 0; k < mean.GetLength(1); k++)
            mean[q, k] = count == 0 ? float.NaN : (float)(sum[q, k] / count);
        return mean;
    }
}
