using BenchmarkDotNet.Attributes;
using TorchLab.Manual;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.Benchmarks;

/// <summary>The lab's convolution sizes by the direct loops, by im2col, and by libtorch's conv2d.</summary>
[MemoryDiagnoser]
public class ManualConvolutions
{
    private NdArray toy = null!, toyKernel = null!, rgb = null!, rgbKernel = null!;
    private Tensor toyTensor = null!, toyKernelTensor = null!, rgbTensor = null!, rgbKernelTensor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        NdArray Make(params int[] shape) => new(shape, Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d)).Select(_ => (float)random.NextDouble()).ToArray());
        Tensor ToTorch(NdArray a) => tensor(a.Data, a.Shape.Select(d => (long)d).ToArray());
        (toy, toyKernel) = (Make(1, 1, 16, 16), Make(1, 1, 3, 3));
        (rgb, rgbKernel) = (Make(1, 3, 64, 64), Make(4, 3, 5, 5));
        (toyTensor, toyKernelTensor, rgbTensor, rgbKernelTensor) = (ToTorch(toy), ToTorch(toyKernel), ToTorch(rgb), ToTorch(rgbKernel));
    }

    [Benchmark] public NdArray Toy16x16DirectLoops() => ConvLayer.Conv2d(toy, toyKernel);
    [Benchmark] public NdArray Toy16x16Im2col() => Im2Col.Conv2d(toy, toyKernel);
    [Benchmark] public void Toy16x16LibTorch() { using var y = nn.functional.conv2d(toyTensor, toyKernelTensor); }

    [Benchmark] public NdArray Rgb64x64To4DirectLoops() => ConvLayer.Conv2d(rgb, rgbKernel);
    [Benchmark] public NdArray Rgb64x64To4Im2col() => Im2Col.Conv2d(rgb, rgbKernel);
    [Benchmark] public void Rgb64x64To4LibTorch() { using var y = nn.functional.conv2d(rgbTensor, rgbKernelTensor); }
}
