using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

// native/src/autograd.cpp, tensor_inplace.cpp
internal static partial class LibTorch
{
    [LibraryImport(Library)] internal static partial int tl_requires_grad(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_is_leaf(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_set_requires_grad(TensorHandle t, int on);
    [LibraryImport(Library)] internal static partial int tl_backward(TensorHandle t, TensorHandle gradient, int retainGraph, int createGraph);
    // SafeHandle parameters cannot be null; these pass a null tensor pointer instead.
    [LibraryImport(Library, EntryPoint = "tl_backward")] internal static partial int tl_backward_implicit(TensorHandle t, IntPtr none, int retainGraph, int createGraph);
    [LibraryImport(Library)] internal static partial int tl_grad(TensorHandle t, out IntPtr gradient);
    [LibraryImport(Library)] internal static partial int tl_set_grad(TensorHandle t, TensorHandle gradient);
    [LibraryImport(Library, EntryPoint = "tl_set_grad")] internal static partial int tl_clear_grad(TensorHandle t, IntPtr none);
    [LibraryImport(Library)] internal static partial IntPtr tl_detach(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_is_grad_enabled();
    [LibraryImport(Library)] internal static partial void tl_set_grad_enabled(int on);
    [LibraryImport(Library)] internal static partial IntPtr tl_inference_mode_enter(int on);
    [LibraryImport(Library)] internal static partial void tl_inference_mode_exit(IntPtr guard);
    [LibraryImport(Library)] internal static partial int tl_is_inference_mode_enabled();

    [LibraryImport(Library)] internal static partial int tl_zero_(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_fill_(TensorHandle t, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial int tl_uniform_(TensorHandle t, double low, double high);
    [LibraryImport(Library)] internal static partial int tl_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Library)] internal static partial int tl_copy_(TensorHandle t, TensorHandle source);
    [LibraryImport(Library)] internal static partial int tl_add_(TensorHandle t, TensorHandle other, double alpha);
    [LibraryImport(Library)] internal static partial int tl_mul_scalar_(TensorHandle t, double value);
    [LibraryImport(Library)] internal static partial int tl_add_scalar_(TensorHandle t, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial int tl_clamp_(TensorHandle t, double low, double high);
    [LibraryImport(Library)] internal static partial int tl_set_data(TensorHandle t, TensorHandle data);
}
