using TorchLab.Training;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Inspection;

/// <summary>One model's test accuracy with every sequence shifted by each of <see cref="Shifts"/> positions.</summary>
public sealed record ShiftCurve(string Model, IReadOnlyList<int> Shifts, IReadOnlyList<double> Accuracy)
{
    public double At(int shift) => Accuracy[Shifts.ToList().IndexOf(shift)];
}

/// <summary>
/// Inductive bias, measured: how a sequence model's accuracy depends on where the junction sits. A model
/// that averages over positions sees a shifted sequence almost as before; one that weighs each position
/// separately meets its motifs where it never learned them.
/// </summary>
public static class ShiftTest
{
    /// <summary>
    /// The padding: no letter, the zero vector. SpliceCsv one-hot-encodes A, C, G, T and has no code for an
    /// ambiguous or unknown letter (the data file holds none), so "no letter" is the only neutral value the
    /// data has, and it is what the models' own zero padding puts beyond each end.
    /// </summary>
    public static readonly IReadOnlyList<float> Neutral = [0f, 0f, 0f, 0f];

    /// <summary>The shifts the lab measures, -10 to 10.</summary>
    public static readonly IReadOnlyList<int> LabShifts = [.. Enumerable.Range(-10, 21)];

    /// <summary>
    /// <paramref name="x"/> (N, C, L) moved <paramref name="shift"/> positions towards the end (towards the start
    /// when negative): out[:, :, p] = x[:, :, p - shift], and <paramref name="pad"/> (C values) where p - shift
    /// is outside.
    /// </summary>
    public static Tensor Shift(Tensor x, int shift, IReadOnlyList<float> pad)
    {
        if (x.dim() != 3 || x.shape[1] != pad.Count)
            throw new ArgumentException(
                $"shift needs sequences (N, {pad.Count}, L) for a padding of {pad.Count} values, "
                + $"got shape ({string.Join(", ", x.shape)})");
        var (n, channels, length) = (x.shape[0], x.shape[1], x.shape[2]);
        if (Math.Abs(shift) > length)
            throw new ArgumentException($"a shift of {shift} moves every position of a {length}-long sequence out");
        if (shift == 0) return x.clone();
        using var scope = NewDisposeScope();
        var block = tensor(pad.ToArray(), dtype: x.dtype, device: x.device)
            .view(1, channels, 1)
            .expand(n, channels, Math.Abs(shift));
        var moved = shift > 0
            ? cat([block, x.narrow(2, 0, length - shift)], 2)                  // (N, C, L)
            : cat([x.narrow(2, -shift, length + shift), block], 2);            // (N, C, L)
        return moved.contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="model"/>'s accuracy on <paramref name="test"/> shifted by each of <paramref name="shifts"/>.
    /// </summary>
    public static ShiftCurve Score(
        string name,
        nn.Module<Tensor, Tensor> model,
        LabeledData test,
        IReadOnlyList<int> shifts,
        IReadOnlyList<float> pad)
    {
        var accuracy = new List<double>();
        var (features, labels) = test.ToTensors();
        using (features)
        using (labels)
            foreach (var shift in shifts)
            {
                using var shifted = Shift(features, shift, pad);
                accuracy.Add(TrainingLoop.Evaluate(model, Batches.InOrder(shifted, labels, 512)).Accuracy);
            }
        return new ShiftCurve(name, shifts, accuracy);
    }
}
