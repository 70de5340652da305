using System.Runtime.InteropServices;

namespace TorchLab.Benchmarks;

/// <summary>native/src/bench.cpp: the same calls looped in C++, nanoseconds per call.</summary>
internal static unsafe partial class NativeLoops
{
    private const string Library = "torchlab_native";

    [LibraryImport(Library)] public static partial double tl_bench_from_data(float* data, long count, long iterations);
    [LibraryImport(Library)] public static partial double tl_bench_add(IntPtr a, IntPtr b, long iterations);
    [LibraryImport(Library)] public static partial double tl_bench_conv2d(IntPtr input, IntPtr weight, long iterations);
    [LibraryImport(Library)] public static partial double tl_bench_backward(IntPtr x, IntPtr w, long iterations);
}
