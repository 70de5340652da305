using System.Reflection;
using BenchmarkDotNet.Attributes;
using TorchLab.Torch;
using static TorchLab.Torch.torch;

namespace TorchLab.Benchmarks;

/// <summary>
/// Per-call cost of the binding: each operation through TorchLab (C# → C ABI → libtorch) beside
/// the same libtorch call looped in C++ (the *InCpp rows, 1,000 calls per invocation). The
/// difference is the binding's overhead.
/// </summary>
[MemoryDiagnoser]
public class BindingOverhead
{
    private const int Loop = 1000;
    private readonly float[] data = Enumerable.Range(0, 64).Select(i => (float)i).ToArray();
    private Tensor a = null!, b = null!, image = null!, kernel = null!, x = null!, w = null!;

    [GlobalSetup]
    public void Setup()
    {
        a = rand(64);
        b = rand(64);
        image = rand(1, 1, 16, 16);
        kernel = rand(1, 1, 3, 3);
        x = rand(16);
        w = rand(new long[] { 16 }, requires_grad: true);
    }

    [Benchmark] public void TensorFrom64Floats() { using var t = tensor(data); }
    [Benchmark(OperationsPerInvoke = Loop)] public unsafe double TensorFrom64FloatsInCpp() { fixed (float* p = data) return NativeLoops.tl_bench_from_data(p, 64, Loop); }

    [Benchmark] public void Add() { using var c = a + b; }
    [Benchmark(OperationsPerInvoke = Loop)] public double AddInCpp() => NativeLoops.tl_bench_add(Pointer(a), Pointer(b), Loop);

    [Benchmark] public void Conv2d3x3On16x16() { using var y = nn.functional.conv2d(image, kernel, padding: [1]); }
    [Benchmark(OperationsPerInvoke = Loop)] public double Conv2d3x3On16x16InCpp() => NativeLoops.tl_bench_conv2d(Pointer(image), Pointer(kernel), Loop);

    [Benchmark]
    public void BackwardSmallGraph()
    {
        using var scope = NewDisposeScope();
        (x * w).relu_sum().backward();
    }
    [Benchmark(OperationsPerInvoke = Loop)] public double BackwardSmallGraphInCpp() => NativeLoops.tl_bench_backward(Pointer(x), Pointer(w), Loop);

    // The benchmark reads the handle the way the binding passes it; no reference is taken
    // because the tensors outlive every call.
    private static IntPtr Pointer(Tensor t) =>
        ((System.Runtime.InteropServices.SafeHandle)typeof(Tensor).GetProperty("Handle", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(t)!).DangerousGetHandle();
}

internal static class SmallGraph
{
    public static Tensor relu_sum(this Tensor t) => nn.functional.relu(t).sum();
}
