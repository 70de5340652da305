using BenchmarkDotNet.Attributes;
using TorchLab.Training;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Benchmarks;

/// <summary>
/// One shuffled pass over the 1,293 training digits in batches of 64: the lab's
/// <see cref="Batches"/> (one randperm, two index_select per batch) against TorchSharp's
/// <c>torch.utils.data.DataLoader</c> over a <c>TensorDataset</c>, which fetches every example on
/// its own and stacks them. The figure in Batches' comment comes from here.
/// <c>dotnet run -c Release --project benchmarks/TorchLab.Benchmarks -- --filter *Batching* --inProcess --job short</c>
/// </summary>
[MemoryDiagnoser]
public class Batching
{
    private Tensor features = null!, labels = null!;
    private TorchSharp.Modules.IterableDataLoader loader = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        var folder = Cli.LabOptions.DefaultDataFolder();
        (features, labels) = LabSplits.Digits(Path.Combine(folder, "digits.csv"), 0).Train.ToTensors();
        loader = utils.data.DataLoader(utils.data.TensorDataset(features, labels), 64, shuffle: true);
    }

    [Benchmark(Baseline = true, Description = "Batches.Shuffled (randperm + index_select)")]
    public long LabBatches()
    {
        long rows = 0;
        foreach (var (x, y) in Batches.Shuffled(features, labels, 64))
        {
            rows += y.shape[0];
            x.Dispose();
            y.Dispose();
        }
        return rows;
    }

    [Benchmark(Description = "torch.utils.data.DataLoader(TensorDataset), shuffled")]
    public long TorchSharpDataLoader()
    {
        long rows = 0;
        foreach (var batch in loader)
        {
            rows += batch[1].shape[0];
            foreach (var tensor in batch) tensor.Dispose();
        }
        return rows;
    }
}
