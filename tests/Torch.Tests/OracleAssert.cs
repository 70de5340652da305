namespace TorchLab.Torch.Tests;

/// <summary>Element-wise comparison against reference numbers, reporting the largest difference.</summary>
internal static class OracleAssert
{
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count} values, got {actual.Count}");
        var (worst, at) = (0.0, -1);
        for (var i = 0; i < expected.Count; i++)
        {
            var difference = Math.Abs(expected[i] - actual[i]);
            if (!(difference <= worst)) (worst, at) = (difference, i);
        }
        Assert.True(worst <= tolerance,
            $"{what}: max |difference| {worst:g3} > {tolerance:g3} at [{at}] (expected {expected[Math.Max(at, 0)]:r}, got {actual[Math.Max(at, 0)]:r})");
    }

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<float> actual, double tolerance, string what) =>
        Close(expected, actual.Select(v => (double)v).ToArray(), tolerance, what);
}
