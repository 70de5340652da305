using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Training.Data;

/// <summary>
/// A whole data set held as two tensors on one device, features (N, ...) and int64 labels (N),
/// so a batch is two <c>index_select</c> calls and no host-device copy per batch.
/// </summary>
public sealed class TensorDataset : IDisposable
{
    /// <summary>Builds the tensors from <paramref name="data"/> on <paramref name="device"/>.</summary>
    public TensorDataset(LabeledData data, Device? device = null)
    {
        using var scope = NewDisposeScope();
        Features = tensor(data.Features, data.ExampleShape.Prepend(data.Count).ToArray()).to(device ?? CPU).DetachFromDisposeScope();
        Labels = tensor(data.Labels).to(device ?? CPU).DetachFromDisposeScope();
        ClassNames = data.ClassNames;
    }

    /// <summary>Features, (N, ...).</summary>
    public Tensor Features { get; }

    /// <summary>Labels, int64 (N).</summary>
    public Tensor Labels { get; }

    /// <summary>Class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How many examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
