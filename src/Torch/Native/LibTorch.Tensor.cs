using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

// native/src/tensor_create.cpp, tensor_info.cpp, tensor_shape.cpp
internal static unsafe partial class LibTorch
{
    [LibraryImport(Library)] internal static partial IntPtr tl_tensor_from_data(void* data, int sourceDtype, ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_zeros(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_ones(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_empty(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_full(ReadOnlySpan<long> shape, int ndim, double value, int isIntegral, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_arange(double start, double end, double step, int isIntegral, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_rand(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_randn(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Library)] internal static partial IntPtr tl_randperm(long n, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial IntPtr tl_randint(long low, long high, ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(Library)] internal static partial int tl_tensor_dim(TensorHandle t);
    [LibraryImport(Library)] internal static partial void tl_tensor_shape(TensorHandle t, Span<long> shape);
    [LibraryImport(Library)] internal static partial long tl_tensor_numel(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_tensor_dtype(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_tensor_device_type(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_tensor_device_index(TensorHandle t);
    [LibraryImport(Library)] internal static partial int tl_tensor_copy_to(TensorHandle t, void* destination, long nbytes);
    [LibraryImport(Library)] internal static partial IntPtr tl_to_device(TensorHandle t, int deviceType, int deviceIndex);
    [LibraryImport(Library)] internal static partial IntPtr tl_to_dtype(TensorHandle t, int dtype);
    [LibraryImport(Library)] internal static partial IntPtr tl_clone(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr tl_alias(TensorHandle t);

    [LibraryImport(Library)] internal static partial IntPtr tl_reshape(TensorHandle t, ReadOnlySpan<long> shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr tl_view(TensorHandle t, ReadOnlySpan<long> shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr tl_flatten(TensorHandle t, long startDim, long endDim);
    [LibraryImport(Library)] internal static partial IntPtr tl_transpose(TensorHandle t, long dim0, long dim1);
    [LibraryImport(Library)] internal static partial IntPtr tl_permute(TensorHandle t, ReadOnlySpan<long> order, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr tl_contiguous(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr tl_squeeze(TensorHandle t);
    [LibraryImport(Library)] internal static partial IntPtr tl_squeeze_dim(TensorHandle t, long dim);
    [LibraryImport(Library)] internal static partial IntPtr tl_unsqueeze(TensorHandle t, long dim);
    [LibraryImport(Library)] internal static partial IntPtr tl_expand(TensorHandle t, ReadOnlySpan<long> shape, int ndim);
    [LibraryImport(Library)] internal static partial IntPtr tl_index_select(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Library)] internal static partial IntPtr tl_narrow(TensorHandle t, long dim, long start, long length);
    [LibraryImport(Library)] internal static partial IntPtr tl_select(TensorHandle t, long dim, long index);
    [LibraryImport(Library)] internal static partial IntPtr tl_slice(TensorHandle t, long dim, long start, long end, long step);
    [LibraryImport(Library)] internal static partial IntPtr tl_cat(ReadOnlySpan<IntPtr> tensors, int count, long dim);
    [LibraryImport(Library)] internal static partial IntPtr tl_stack(ReadOnlySpan<IntPtr> tensors, int count, long dim);
}
