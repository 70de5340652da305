using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Training.Data;

/// <summary>
/// Examples as one flat row-major array plus integer labels, before they become tensors:
/// <c>Features</c> holds <c>Count</c> examples of shape <c>ExampleShape</c>.
/// </summary>
public sealed record LabeledData(float[] Features, long[] ExampleShape, long[] Labels, IReadOnlyList<string> ClassNames)
{
    public int Count => Labels.Length;
    public int ExampleSize => (int)ExampleShape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The rows [start, start+count) as a new data set.</summary>
    public LabeledData Rows(int start, int count) =>
        this with
        {
            Features = Features.AsSpan(start * ExampleSize, count * ExampleSize).ToArray(),
            Labels = Labels.AsSpan(start, count).ToArray(),
        };

    /// <summary>The given rows, in the given order, as a new data set.</summary>
    public LabeledData Select(IReadOnlyList<long> rows)
    {
        var size = ExampleSize;
        var features = new float[rows.Count * size];
        for (var i = 0; i < rows.Count; i++)
            Features.AsSpan((int)rows[i] * size, size).CopyTo(features.AsSpan(i * size));
        return this with { Features = features, Labels = rows.Select(r => Labels[r]).ToArray() };
    }

    /// <summary>Features (N, ...) and int64 labels (N) as tensors on <paramref name="device"/>.</summary>
    public (Tensor features, Tensor labels) ToTensors(Device? device = null) =>
        (tensor(Features, ExampleShape.Prepend(Count).ToArray()).to(device ?? CPU), tensor(Labels).to(device ?? CPU));
}
