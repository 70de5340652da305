using TorchLab.Explanation;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests.Explanation;

/// <summary>The biology scores and the digits' class means on hand-made attributions whose answers are known.</summary>
public class JunctionScoresTests
{
    private const int Length = 60;

    // (N, 4, 60) attributions from (sequence, letter, 1-based position, value) entries.
    private static Tensor Attributions(int sequences, params (int n, int letter, int position, float value)[] entries)
    {
        var values = new float[sequences * 4 * Length];
        foreach (var (n, letter, position, value) in entries) values[(n * 4 + letter) * Length + position - 1] = value;
        return tensor(values, [sequences, 4, Length]);
    }

    [Fact]
    public void Mass_shares_and_strongest_positions_are_counted_per_class()
    {
        var entries = new List<(int, int, int, float)>();
        // EI 0: mass 1 on every position but 31-32; 31 holds G +3 and A -1 (mass 4), 32 holds T +2: 6 of 64.
        for (var p = 1; p <= Length; p++) if (p is not (31 or 32)) entries.Add((0, p % 4, p, p % 2 == 0 ? 1f : -1f));
        entries.AddRange([(0, 2, 31, 3f), (0, 0, 31, -1f), (0, 3, 32, 2f)]);
        entries.Add((1, 1, 5, 1f));                          // EI 1: all its mass on position 5
        // EI 2 has no mass at all and is left out.
        entries.AddRange([(3, 0, 29, -2f), (3, 1, 40, 2f)]);  // IE: half on 29, half on 40; the tie goes to 29
        for (var p = 1; p <= Length; p++) entries.Add((4, 0, p, 1f));   // N: even, strongest is position 1
        entries.Add((5, 3, 30, 7f));                         // a second N, all on 30
        using var attributions = Attributions(6, [.. entries]);

        var score = JunctionScores.Score("m", "gradient", attributions, [0, 0, 0, 1, 2, 2], ["EI", "IE", "N"]);

        Assert.Equal(6, score.Sequences);
        Assert.Equal((6.0 / 64 + 0) / 2, score.DonorMass, 12);
        Assert.Equal(0.5, score.DonorPeak, 12);
        Assert.Equal(0.5, score.AcceptorMass, 12);
        Assert.Equal(1.0, score.AcceptorPeak, 12);
        Assert.Equal((4.0 / 60 + 1) / 2, score.ControlMass, 12);
        Assert.Equal(0.5, score.ControlPeak, 12);
        Assert.Equal(2.0 / 60, JunctionScores.Even(JunctionScores.Donor, Length), 12);
        Assert.Equal(8.0 / 60, JunctionScores.Even(JunctionScores.Near, Length), 12);
    }

    [Fact]
    public void A_class_without_sequences_scores_nan_and_wrong_shapes_are_refused()
    {
        using var attributions = Attributions(1, (0, 2, 31, 1f));
        var score = JunctionScores.Score("m", "gradient", attributions, [0], ["EI", "IE", "N"]);
        Assert.Equal(1.0, score.DonorMass);
        Assert.Equal(1.0, score.DonorPeak);
        Assert.True(double.IsNaN(score.AcceptorMass) && double.IsNaN(score.ControlPeak));
        using var flat = zeros(2, 240);
        var error = Assert.Throws<ArgumentException>(() =>
            JunctionScores.Score("m", "gradient", flat, [0, 1], ["EI", "IE", "N"]));
        Assert.Contains("(2, 240)", error.Message);
    }

    [Fact]
    public void Digit_class_means_are_signed_means_per_class()
    {
        using var values = tensor(new float[] { 1, 2, 3, 4, 3, -2, 1, 0, 5, 6, 7, 8 }, [3, 1, 2, 2]);
        var maps = DigitMeanMaps.Of(values, [0, 0, 2], 3);
        Assert.Equal(3, maps.Count);
        Assert.Equal(new float[,] { { 2, 0 }, { 2, 2 } }, maps[0]);
        Assert.All(maps[1].Cast<float>(), v => Assert.True(float.IsNaN(v)));
        Assert.Equal(new float[,] { { 5, 6 }, { 7, 8 } }, maps[2]);
    }
}
