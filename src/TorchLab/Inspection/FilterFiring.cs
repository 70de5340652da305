using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>Where each filter of a 1-D convolution responds most, counted over a set of sequences.</summary>
public static class FilterFiring
{
    /// <summary>
    /// counts[f, p]: in how many sequences filter f's largest activation is at position p (0-based; the first
    /// position on a tie). <paramref name="activations"/> is a conv layer's output, (N, filters, L).
    /// </summary>
    public static int[,] PeakCounts(Tensor activations)
    {
        if (activations.dim() != 3)
            throw new ArgumentException(
                $"expected activations (N, filters, L), got shape ({string.Join(", ", activations.shape)})");
        var (filters, length) = ((int)activations.shape[1], (int)activations.shape[2]);
        using var scope = NewDisposeScope();
        var peaks = activations.argmax(2).cpu().data<long>().ToArray();   // (N, filters), row-major
        var counts = new int[filters, length];
        for (var i = 0; i < peaks.Length; i++) counts[i % filters, peaks[i]]++;
        return counts;
    }
}
