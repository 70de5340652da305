using BenchmarkDotNet.Attributes;
using TorchLab.Models;
using TorchLab.Torch;
using static TorchLab.Torch.torch;

namespace TorchLab.Benchmarks;

/// <summary>One Adam step over the tiny CNN's six parameters: one native call for all of them.</summary>
[MemoryDiagnoser]
public class AdamStep
{
    private TinyCnn model = null!;
    private Torch.Optim.Optimizer optimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(0);
        model = new TinyCnn();
        optimizer = optim.Adam(model.parameters(), 1e-3);
        using var scope = NewDisposeScope();
        nn.functional.cross_entropy(model.call(rand(64, 1, 8, 8)), randint(0, 10, [64])).backward();
    }

    [Benchmark] public void Step() => optimizer.step();

    [Benchmark] public void ZeroGrad() => optimizer.zero_grad();
}
