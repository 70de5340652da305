using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Training.Data;

/// <summary>
/// Batches of a <see cref="TensorDataset"/>, in order or shuffled by <c>torch.randperm</c> on the
/// global generator (one permutation per pass, drawn when the pass starts, as PyTorch's
/// RandomSampler does); the last batch may be smaller.
/// </summary>
public sealed class DataLoader(TensorDataset dataset, int batchSize, bool shuffle)
{
    /// <summary>The data set.</summary>
    public TensorDataset Dataset { get; } = dataset;

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be positive");

    /// <summary>Batches per pass.</summary>
    public int BatchCount => (int)((Dataset.Count + BatchSize - 1) / BatchSize);

    /// <summary>One pass over the data. Each batch owns its tensors: dispose it when done.</summary>
    public IEnumerable<Batch> Batches()
    {
        using var order = shuffle ? randperm(Dataset.Count, device: Dataset.Labels.device).DetachFromDisposeScope() : null;
        for (long start = 0; start < Dataset.Count; start += BatchSize)
        {
            var length = Math.Min(BatchSize, Dataset.Count - start);
            if (order is null)
            {
                yield return new Batch(Dataset.Features.narrow(0, start, length), Dataset.Labels.narrow(0, start, length));
                continue;
            }
            using var index = order.narrow(0, start, length).DetachFromDisposeScope();
            yield return new Batch(Dataset.Features.index_select(0, index), Dataset.Labels.index_select(0, index));
        }
    }
}

/// <summary>One batch: features (B, ...) and int64 labels (B), outside every dispose scope.</summary>
public sealed class Batch : IDisposable
{
    internal Batch(Tensor features, Tensor labels)
    {
        Features = features.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    /// <summary>Features, (B, ...).</summary>
    public Tensor Features { get; }

    /// <summary>Labels, (B).</summary>
    public Tensor Labels { get; }

    /// <summary>How many examples.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
