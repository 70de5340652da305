using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// 2-D convolution (cross-correlation) of (N, C, H, W) or (C, H, W) input with weight
            /// (out, C/groups, kH, kW); stride, padding and dilation default to 1, 0, 1 per dimension.
            /// </summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null,
                long[]? padding = null, long[]? dilation = null, long groups = 1)
            {
                Span<long> s = stackalloc long[2], p = stackalloc long[2], d = stackalloc long[2];
                return Convolution(input, weight, bias, Pair(strides, 1, s), Pair(padding, 0, p), Pair(dilation, 1, d), 2, 0, groups);
            }

            /// <summary>2-D convolution with padding given as <see cref="Padding.Same"/> or <see cref="Padding.Valid"/>.</summary>
            public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[]? strides, Padding padding,
                long[]? dilation = null, long groups = 1)
            {
                Span<long> s = stackalloc long[2], d = stackalloc long[2];
                return Convolution(input, weight, bias, Pair(strides, 1, s), [0, 0], Pair(dilation, 1, d), 2, (int)padding, groups);
            }

            /// <summary>1-D convolution of (N, C, L) or (C, L) input with weight (out, C/groups, k).</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0,
                long dilation = 1, long groups = 1) =>
                Convolution(input, weight, bias, [stride], [padding], [dilation], 1, 0, groups);

            /// <summary>1-D convolution with padding given as <see cref="Padding.Same"/> or <see cref="Padding.Valid"/>.</summary>
            public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias, long stride, Padding padding,
                long dilation = 1, long groups = 1) =>
                Convolution(input, weight, bias, [stride], [0], [dilation], 1, (int)padding, groups);

            // Spans (collection expressions and stackalloc at the call sites) keep the per-call
            // arguments off the managed heap.
            private static Tensor Convolution(Tensor input, Tensor weight, Tensor? bias, ReadOnlySpan<long> stride, ReadOnlySpan<long> padding,
                ReadOnlySpan<long> dilation, int spatial, int paddingMode, long groups)
            {
                using var b = new Borrowed(bias);
                return new Tensor(LibTorch.Check(LibTorch.tl_conv(input.Handle, weight.Handle, b.Pointer, stride, padding,
                    dilation, spatial, paddingMode, groups)));
            }

            /// <summary>
            /// A per-dimension 2-D argument written into <paramref name="into"/>: absent means the
            /// default twice, one value means it twice.
            /// </summary>
            internal static ReadOnlySpan<long> Pair(long[]? values, long fallback, Span<long> into)
            {
                switch (values)
                {
                    case null: into.Fill(fallback); break;
                    case { Length: 1 }: into.Fill(values[0]); break;
                    case { Length: 2 }: values.CopyTo(into); break;
                    default: throw new ArgumentException($"expected 1 or 2 values for a 2-D argument, got {values.Length}: [{string.Join(", ", values)}]");
                }
                return into;
            }
        }
    }
}
