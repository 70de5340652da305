using System.Runtime.InteropServices;
using TorchLab.Torch.Native;

namespace TorchLab.Torch;

/// <summary>
/// The root of the API, named and shaped like TorchSharp's <c>torch</c> class (and PyTorch's
/// module), so that code reads <c>torch.zeros(2, 3)</c>, <c>torch.nn.functional.conv2d(...)</c>.
/// </summary>
public static partial class torch
{
    /// <summary>The default element type of new floating-point tensors.</summary>
    public const ScalarType float32 = ScalarType.Float32;
    /// <summary>64-bit float.</summary>
    public const ScalarType float64 = ScalarType.Float64;
    /// <summary>64-bit integer.</summary>
    public const ScalarType int64 = ScalarType.Int64;
    /// <summary>32-bit integer.</summary>
    public const ScalarType int32 = ScalarType.Int32;
    /// <summary>Boolean.</summary>
    public const ScalarType @bool = ScalarType.Bool;
    /// <summary>8-bit unsigned integer.</summary>
    public const ScalarType uint8 = ScalarType.Byte;

    /// <summary>The host processor.</summary>
    public static readonly Device CPU = new(DeviceType.CPU);
    /// <summary>The current CUDA device.</summary>
    public static readonly Device CUDA = new(DeviceType.CUDA);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static Device device(string description) => Device.Parse(description);

    /// <summary>The version of the libtorch this process runs on, e.g. <c>1.13.1</c>.</summary>
    public static string __version__ => Marshal.PtrToStringUTF8(LibTorch.tl_version()) ?? "unknown";

    /// <summary>Seeds every libtorch random generator (CPU and CUDA), as PyTorch's does.</summary>
    public static void manual_seed(long seed) => LibTorch.Check(LibTorch.tl_manual_seed(unchecked((ulong)seed)));

    /// <summary>Threads libtorch uses for intra-op parallelism.</summary>
    public static int get_num_threads() => LibTorch.tl_get_num_threads();

    /// <summary>Sets the threads libtorch uses for intra-op parallelism.</summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "set_num_threads: threads must be at least 1.");
        LibTorch.Check(LibTorch.tl_set_num_threads(threads));
    }

    /// <summary>Opens a dispose scope on this thread (use it with <c>using</c>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>The state of libtorch's default CPU generator.</summary>
    public static class random
    {
        /// <summary>A byte tensor holding the generator's state (PyTorch's <c>torch.get_rng_state()</c>).</summary>
        public static Tensor get_rng_state() => new(LibTorch.Check(LibTorch.tl_get_rng_state()));

        /// <summary>Restores a state taken with <see cref="get_rng_state"/>.</summary>
        public static void set_rng_state(Tensor state) => LibTorch.Check(LibTorch.tl_set_rng_state(state.Handle));

        /// <summary>Same as <see cref="torch.manual_seed"/>.</summary>
        public static void manual_seed(long seed) => torch.manual_seed(seed);
    }

    /// <summary>CUDA queries; all answer "none" on a CPU-only libtorch.</summary>
    public static partial class cuda
    {
        /// <summary>Whether libtorch was built with CUDA and sees a GPU.</summary>
        public static bool is_available() => LibTorch.tl_cuda_is_available() != 0;

        /// <summary>How many CUDA devices libtorch sees.</summary>
        public static int device_count() => LibTorch.tl_cuda_device_count();

        /// <summary>Waits for every queued kernel on <paramref name="device"/> (-1: the current one) to finish.</summary>
        public static void synchronize(int device = -1) => LibTorch.Check(LibTorch.tl_cuda_synchronize(device));

        /// <summary>The GPU's name, e.g. "NVIDIA H100 80GB HBM3".</summary>
        public static unsafe string get_device_name(int device = 0)
        {
            var buffer = stackalloc byte[256];
            LibTorch.Check(LibTorch.tl_cuda_device_name(device, buffer, 256));
            return Marshal.PtrToStringUTF8((IntPtr)buffer) ?? "";
        }

        /// <summary>Free and total memory of the GPU, in bytes, as the CUDA runtime reports them.</summary>
        public static (long free, long total) mem_get_info(int device = 0)
        {
            LibTorch.Check(LibTorch.tl_cuda_memory(device, out var free, out var total));
            return (free, total);
        }
    }
}
