using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

// native/src/tensor_math.cpp, tensor_reduce.cpp
internal static partial class LibTorch
{
    [LibraryImport(Library)] internal static partial IntPtr tl_add(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_sub(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_pow(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_maximum(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_minimum(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_eq(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_ne(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_lt(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_le(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_gt(TensorHandle a, TensorHandle b);
    [LibraryImport(Library)] internal static partial IntPtr tl_ge(TensorHandle a, TensorHandle b);

    [LibraryImport(Library)] internal static partial IntPtr tl_add_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_sub_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_rsub_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_mul_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_div_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_rdiv_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_pow_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_rpow_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_eq_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_ne_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_lt_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_le_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_gt_scalar(TensorHandle a, double value, int isIntegral);
    [LibraryImport(Library)] internal static partial IntPtr tl_ge_scalar(TensorHandle a, double value, int isIntegral);

    [LibraryImport(Library)] internal static partial IntPtr tl_neg(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_abs(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_exp(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_log(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_sqrt(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_square(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_sign(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_floor(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_round(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_logical_not(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_isnan(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_isfinite(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax);
    [LibraryImport(Library)] internal static partial int tl_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int equalNan, out int result);

    [LibraryImport(Library)] internal static partial IntPtr tl_sum(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_mean(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_max(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_min(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_argmax(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_argmin(TensorHandle a);
    [LibraryImport(Library)] internal static partial IntPtr tl_sum_dims(TensorHandle a, ReadOnlySpan<long> dims, int ndims, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr tl_mean_dims(TensorHandle a, ReadOnlySpan<long> dims, int ndims, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr tl_amax(TensorHandle a, ReadOnlySpan<long> dims, int ndims, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr tl_amin(TensorHandle a, ReadOnlySpan<long> dims, int ndims, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr tl_argmax_dim(TensorHandle a, long dim, int keepdim);
    [LibraryImport(Library)] internal static partial IntPtr tl_argmin_dim(TensorHandle a, long dim, int keepdim);
    [LibraryImport(Library)] internal static partial int tl_max_dim(TensorHandle a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
    [LibraryImport(Library)] internal static partial int tl_min_dim(TensorHandle a, long dim, int keepdim, out IntPtr values, out IntPtr indices);
}
