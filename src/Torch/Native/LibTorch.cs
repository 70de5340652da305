using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

/// <summary>
/// The native shim's exports (native/src). Conventions, the same for every export: a tensor
/// result is a new owning pointer or zero on failure; a status result is 0 or -1; after a
/// failure <see cref="tl_last_error"/> holds libtorch's message for this thread.
/// </summary>
internal static partial class LibTorch
{
    internal const string Library = "torchlab_native";

    [LibraryImport(Library)] internal static partial IntPtr tl_last_error();
    [LibraryImport(Library)] internal static partial void tl_tensor_free(IntPtr tensor);

    /// <summary>Wraps a tensor result, turning a failure into a <see cref="TorchException"/>.</summary>
    internal static TensorHandle Check(IntPtr result) =>
        result == IntPtr.Zero ? throw LastError() : new TensorHandle(result);

    /// <summary>Turns a failed status into a <see cref="TorchException"/>.</summary>
    internal static void Check(int status)
    {
        if (status != 0) throw LastError();
    }

    internal static TorchException LastError() =>
        new(Marshal.PtrToStringUTF8(tl_last_error()) ?? "unknown libtorch error");
}
