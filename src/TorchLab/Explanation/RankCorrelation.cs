namespace TorchLab.Explanation;

/// <summary>Spearman's rank correlation: Pearson's correlation of the ranks, ties given their mean rank.</summary>
public static class RankCorrelation
{
    /// <summary>ρ of <paramref name="a"/> and <paramref name="b"/> (same length, at least 2); NaN when either is
    /// constant (no order to compare).</summary>
    public static double Spearman(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count || a.Count < 2)
            throw new ArgumentException($"rank correlation needs two lists of one length, at least 2, not {a.Count} " +
                $"and {b.Count}");
        var (ra, rb) = (Ranks(a), Ranks(b));
        var (ma, mb) = (ra.Average(), rb.Average());
        double covariance = 0, va = 0, vb = 0;
        for (var i = 0; i < ra.Length; i++)
        {
            covariance += (ra[i] - ma) * (rb[i] - mb);
            va += (ra[i] - ma) * (ra[i] - ma);
            vb += (rb[i] - mb) * (rb[i] - mb);
        }
        return va == 0 || vb == 0 ? double.NaN : covariance / Math.Sqrt(va * vb);
    }

    // 1-based ranks; a run of equal values shares the mean of the ranks it spans.
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            for (var i = start; i <= end; i++) ranks[order[i]] = (start + end) / 2.0 + 1;
            start = end + 1;
        }
        return ranks;
    }
}
