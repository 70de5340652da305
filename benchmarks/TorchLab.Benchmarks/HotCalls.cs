using BenchmarkDotNet.Attributes;
using TorchLab.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.Benchmarks;

/// <summary>
/// TorchSharp's per-call cost for the lab's hot calls, on one torch thread, on the shapes the lab
/// uses; benchmarks/pytorch_calls.py times the same calls in PyTorch 1.13 for the comparison.
/// Each result is disposed at once, as a dispose scope would at the end of a step.
/// </summary>
[MemoryDiagnoser]
public class HotCalls
{
    private Tensor data = null!, index = null!, digits = null!, conv2dWeight = null!, conv2dBias = null!, sequence = null!,
        conv1dWeight = null!, conv1dBias = null!, features = null!, fcWeight = null!, fcBias = null!, logits = null!, labels = null!,
        small = null!, leaf = null!;
    private TinyCnn tiny = null!;
    private Adam torchSharpAdam = null!;

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(1);
        manual_seed(0);
        data = rand(2000, 4, 60);
        index = randperm(2000).narrow(0, 0, 64);
        digits = rand(64, 1, 8, 8);
        (conv2dWeight, conv2dBias) = (rand(8, 1, 3, 3), rand(8));
        sequence = rand(64, 4, 60);
        (conv1dWeight, conv1dBias) = (rand(32, 4, 7), rand(32));
        (features, fcWeight, fcBias) = (rand(64, 480), rand(3, 480), rand(3));
        (logits, labels) = (rand(64, 3), randint(0, 3, [64]));
        small = rand(8);
        leaf = rand(64, 480).requires_grad_();
        tiny = new TinyCnn();
        torchSharpAdam = optim.Adam(tiny.parameters(), 1e-3);
        using var scope = NewDisposeScope();
        F.cross_entropy(tiny.call(digits), randint(0, 10, [64])).backward();
    }

    [Benchmark(Description = "add (8 floats)")] public void Add() => small.add(small).Dispose();

    [Benchmark(Description = "index_select (64 of 2000 rows, 4x60)")] public void IndexSelect() => data.index_select(0, index).Dispose();

    [Benchmark(Description = "conv2d (64x1x8x8 -> 8, 3x3, pad 1)")]
    public void Conv2d() => F.conv2d(digits, conv2dWeight, conv2dBias, padding: [1]).Dispose();

    [Benchmark(Description = "conv1d (64x4x60 -> 32, k7, pad 3)")]
    public void Conv1d() => F.conv1d(sequence, conv1dWeight, conv1dBias, padding: 3).Dispose();

    [Benchmark(Description = "linear (64x480 -> 3)")] public void Linear() => F.linear(features, fcWeight, fcBias).Dispose();

    [Benchmark(Description = "cross_entropy (64x3)")] public void CrossEntropy() => F.cross_entropy(logits, labels).Dispose();

    [Benchmark(Description = "linear + cross_entropy + backward")]
    public void Backward()
    {
        using var scope = NewDisposeScope();
        F.cross_entropy(F.linear(leaf, fcWeight, fcBias), labels).backward();
    }

    [Benchmark(Description = "Adam.step, TorchSharp's (tiny-cnn, 6 parameters)")] public void TorchSharpAdamStep() => torchSharpAdam.step();
}
