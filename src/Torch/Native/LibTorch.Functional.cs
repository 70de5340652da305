using System.Runtime.InteropServices;

namespace TorchLab.Torch.Native;

// native/src/nn_functional.cpp. Optional tensors are IntPtr (null when absent), see Borrowed.
internal static partial class LibTorch
{
    [LibraryImport(Library)]
    internal static partial IntPtr tl_conv(TensorHandle input, TensorHandle weight, IntPtr bias, ReadOnlySpan<long> stride,
        ReadOnlySpan<long> padding, ReadOnlySpan<long> dilation, int spatial, int paddingMode, long groups);
    [LibraryImport(Library)]
    internal static partial IntPtr tl_max_pool(TensorHandle input, ReadOnlySpan<long> kernel, ReadOnlySpan<long> stride,
        ReadOnlySpan<long> padding, ReadOnlySpan<long> dilation, int spatial, int ceilMode);
    [LibraryImport(Library)]
    internal static partial IntPtr tl_avg_pool(TensorHandle input, ReadOnlySpan<long> kernel, ReadOnlySpan<long> stride,
        ReadOnlySpan<long> padding, int spatial, int ceilMode, int countIncludePad);
    [LibraryImport(Library)] internal static partial IntPtr tl_adaptive_avg_pool(TensorHandle input, ReadOnlySpan<long> outputSize, int spatial);
    [LibraryImport(Library)] internal static partial IntPtr tl_adaptive_max_pool1d(TensorHandle input, long outputSize);

    [LibraryImport(Library)] internal static partial IntPtr tl_relu(TensorHandle input);
    [LibraryImport(Library)] internal static partial IntPtr tl_gelu(TensorHandle input);
    [LibraryImport(Library)] internal static partial IntPtr tl_sigmoid(TensorHandle input);
    [LibraryImport(Library)] internal static partial IntPtr tl_tanh(TensorHandle input);
    [LibraryImport(Library)] internal static partial IntPtr tl_softmax(TensorHandle input, long dim);
    [LibraryImport(Library)] internal static partial IntPtr tl_log_softmax(TensorHandle input, long dim);
    [LibraryImport(Library)] internal static partial IntPtr tl_dropout(TensorHandle input, double p, int training);
    [LibraryImport(Library)] internal static partial IntPtr tl_linear(TensorHandle input, TensorHandle weight, IntPtr bias);
    [LibraryImport(Library)] internal static partial IntPtr tl_constant_pad(TensorHandle input, ReadOnlySpan<long> pads, int count, double value);
    [LibraryImport(Library)] internal static partial IntPtr tl_one_hot(TensorHandle input, long numClasses);

    [LibraryImport(Library)]
    internal static partial IntPtr tl_cross_entropy(TensorHandle input, TensorHandle target, IntPtr weight, int reduction,
        long ignoreIndex, double labelSmoothing);
    [LibraryImport(Library)]
    internal static partial IntPtr tl_nll_loss(TensorHandle input, TensorHandle target, IntPtr weight, int reduction, long ignoreIndex);
    [LibraryImport(Library)] internal static partial IntPtr tl_mse_loss(TensorHandle input, TensorHandle target, int reduction);
    [LibraryImport(Library)]
    internal static partial IntPtr tl_binary_cross_entropy_with_logits(TensorHandle input, TensorHandle target, IntPtr weight,
        IntPtr posWeight, int reduction);
    [LibraryImport(Library)]
    internal static partial IntPtr tl_batch_norm(TensorHandle input, IntPtr runningMean, IntPtr runningVar, IntPtr weight,
        IntPtr bias, int training, double momentum, double eps);
    [LibraryImport(Library)]
    internal static partial int tl_gru(TensorHandle input, IntPtr hx, ReadOnlySpan<IntPtr> weights, int weightCount, int hasBiases,
        long numLayers, double dropout, int train, int bidirectional, int batchFirst, out IntPtr output, out IntPtr hN);
}
