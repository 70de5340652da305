using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

internal static partial class LibTorch
{
    [LibraryImport(Library)] internal static partial IntPtr tl_version();
    [LibraryImport(Library)] internal static partial int tl_manual_seed(ulong seed);
    [LibraryImport(Library)] internal static partial IntPtr tl_get_rng_state();
    [LibraryImport(Library)] internal static partial int tl_set_rng_state(TensorHandle state);
    [LibraryImport(Library)] internal static partial int tl_get_num_threads();
    [LibraryImport(Library)] internal static partial int tl_set_num_threads(int n);
    [LibraryImport(Library)] internal static partial int tl_cuda_is_available();
    [LibraryImport(Library)] internal static partial int tl_cuda_device_count();
    [LibraryImport(Library)] internal static partial int tl_cuda_synchronize(int device);
    [LibraryImport(Library)] internal static unsafe partial int tl_cuda_device_name(int device, byte* name, int capacity);
    [LibraryImport(Library)] internal static partial int tl_cuda_memory(int device, out long freeBytes, out long totalBytes);
}
