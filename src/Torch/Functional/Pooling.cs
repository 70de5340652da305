using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>2-D max pooling; stride defaults to the kernel size.</summary>
            public static Tensor max_pool2d(Tensor input, long[] kernelSize, long[]? strides = null, long[]? padding = null,
                long[]? dilation = null, bool ceil_mode = false)
            {
                Span<long> k = stackalloc long[2], s = stackalloc long[2], p = stackalloc long[2], d = stackalloc long[2];
                var kernel = Pair(kernelSize, 1, k);
                return new Tensor(LibTorch.Check(LibTorch.tl_max_pool(input.Handle, kernel, strides is null ? kernel : Pair(strides, 1, s),
                    Pair(padding, 0, p), Pair(dilation, 1, d), 2, ceil_mode ? 1 : 0)));
            }

            /// <summary>1-D max pooling; stride defaults to the kernel size.</summary>
            public static Tensor max_pool1d(Tensor input, long kernelSize, long? stride = null, long padding = 0,
                long dilation = 1, bool ceil_mode = false) =>
                new(LibTorch.Check(LibTorch.tl_max_pool(input.Handle, [kernelSize], [stride ?? kernelSize], [padding], [dilation],
                    1, ceil_mode ? 1 : 0)));

            /// <summary>2-D average pooling; stride defaults to the kernel size; padding counts as zeros by default.</summary>
            public static Tensor avg_pool2d(Tensor input, long[] kernelSize, long[]? strides = null, long[]? padding = null,
                bool ceil_mode = false, bool count_include_pad = true)
            {
                Span<long> k = stackalloc long[2], s = stackalloc long[2], p = stackalloc long[2];
                var kernel = Pair(kernelSize, 1, k);
                return new Tensor(LibTorch.Check(LibTorch.tl_avg_pool(input.Handle, kernel, strides is null ? kernel : Pair(strides, 1, s),
                    Pair(padding, 0, p), 2, ceil_mode ? 1 : 0, count_include_pad ? 1 : 0)));
            }

            /// <summary>1-D average pooling; stride defaults to the kernel size.</summary>
            public static Tensor avg_pool1d(Tensor input, long kernelSize, long? stride = null, long padding = 0,
                bool ceil_mode = false, bool count_include_pad = true) =>
                new(LibTorch.Check(LibTorch.tl_avg_pool(input.Handle, [kernelSize], [stride ?? kernelSize], [padding], 1,
                    ceil_mode ? 1 : 0, count_include_pad ? 1 : 0)));

            /// <summary>Averages each channel down to <paramref name="outputSize"/> (H, W) cells, whatever the input size.</summary>
            public static Tensor adaptive_avg_pool2d(Tensor input, long[] outputSize) =>
                new(LibTorch.Check(LibTorch.tl_adaptive_avg_pool(input.Handle, Pair(outputSize, 1, stackalloc long[2]), 2)));

            /// <summary>Averages each channel down to <paramref name="outputSize"/> positions.</summary>
            public static Tensor adaptive_avg_pool1d(Tensor input, long outputSize) =>
                new(LibTorch.Check(LibTorch.tl_adaptive_avg_pool(input.Handle, [outputSize], 1)));

            /// <summary>Takes each channel's maximum over <paramref name="outputSize"/> equal regions.</summary>
            public static Tensor adaptive_max_pool1d(Tensor input, long outputSize) =>
                new(LibTorch.Check(LibTorch.tl_adaptive_max_pool1d(input.Handle, outputSize)));
        }
    }
}
