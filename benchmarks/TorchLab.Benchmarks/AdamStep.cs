using BenchmarkDotNet.Attributes;
using TorchLab.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TorchLab.Benchmarks;

/// <summary>One TorchSharp Adam step (and zero_grad) over the tiny CNN's six parameters.</summary>
[MemoryDiagnoser]
public class AdamStep
{
    private TinyCnn model = null!;
    private Adam optimizer = null!;

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
