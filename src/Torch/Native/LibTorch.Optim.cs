using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

// native/src/optim.cpp, serialize.cpp. Tensor arrays are raw pointers held alive by a
// TensorPointers for the call's duration; state slots may be null (created natively).
internal static unsafe partial class LibTorch
{
    [LibraryImport(Library)] internal static partial int tl_sgd_step(IntPtr* parameters, IntPtr* momentumBuffers, int count,
        double lr, double momentum, double dampening, double weightDecay, int nesterov);
    [LibraryImport(Library)] internal static partial int tl_adam_step(IntPtr* parameters, IntPtr* expAvgs, IntPtr* expAvgSqs,
        IntPtr* maxExpAvgSqs, double* steps, int count, double lr, double beta1, double beta2, double eps, double weightDecay,
        int amsgrad, int decoupled);
    [LibraryImport(Library)] internal static partial int tl_zero_grad(IntPtr* parameters, int count, int setToNone);

    [LibraryImport(Library)] internal static partial IntPtr tl_named_tensors_new();
    [LibraryImport(Library)] internal static partial void tl_named_tensors_free(IntPtr list);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int tl_named_tensors_add(NamedTensorsHandle list, string name, TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_named_tensors_count(NamedTensorsHandle list);
    [LibraryImport(Library)] internal static partial IntPtr tl_named_tensors_name(NamedTensorsHandle list, int index);
    [LibraryImport(Library)] internal static partial IntPtr tl_named_tensors_get(NamedTensorsHandle list, int index);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial int tl_save(NamedTensorsHandle list, string path);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr tl_load(string path);
}
