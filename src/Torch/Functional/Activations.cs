using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>Stateless operations with PyTorch's names, semantics and defaults.</summary>
        public static partial class functional
        {
            /// <summary>max(x, 0).</summary>
            public static Tensor relu(Tensor input) => new(LibTorch.Check(LibTorch.tl_relu(input.Handle)));

            /// <summary>x·Φ(x), the exact (erf) form.</summary>
            public static Tensor gelu(Tensor input) => new(LibTorch.Check(LibTorch.tl_gelu(input.Handle)));

            /// <summary>1 / (1 + e^-x).</summary>
            public static Tensor sigmoid(Tensor input) => new(LibTorch.Check(LibTorch.tl_sigmoid(input.Handle)));

            /// <summary>Hyperbolic tangent.</summary>
            public static Tensor tanh(Tensor input) => new(LibTorch.Check(LibTorch.tl_tanh(input.Handle)));

            /// <summary>exp(x) normalised to sum to 1 along <paramref name="dim"/>.</summary>
            public static Tensor softmax(Tensor input, long dim) => new(LibTorch.Check(LibTorch.tl_softmax(input.Handle, dim)));

            /// <summary>log(softmax(x)), computed stably.</summary>
            public static Tensor log_softmax(Tensor input, long dim) => new(LibTorch.Check(LibTorch.tl_log_softmax(input.Handle, dim)));

            /// <summary>
            /// Zeroes each element with probability <paramref name="p"/> and scales the rest by
            /// 1/(1-p) when <paramref name="training"/>; the identity otherwise. Draws from the global generator.
            /// </summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
            {
                if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
                return new Tensor(LibTorch.Check(LibTorch.tl_dropout(input.Handle, p, training ? 1 : 0)));
            }

            /// <summary>x·Wᵀ + b.</summary>
            public static Tensor linear(Tensor input, Tensor weights, Tensor? bias = null)
            {
                using var b = new Borrowed(bias);
                return new Tensor(LibTorch.Check(LibTorch.tl_linear(input.Handle, weights.Handle, b.Pointer)));
            }

            /// <summary>
            /// Pads with a constant; <paramref name="pad"/> lists (before, after) pairs starting from
            /// the last dimension, as in PyTorch.
            /// </summary>
            public static Tensor pad(Tensor input, long[] pad, double value = 0) =>
                new(LibTorch.Check(LibTorch.tl_constant_pad(input.Handle, pad, pad.Length, value)));

            /// <summary>int64 class indices to one-hot rows; -1 infers the class count from the largest index.</summary>
            public static Tensor one_hot(Tensor input, long num_classes = -1) =>
                new(LibTorch.Check(LibTorch.tl_one_hot(input.Handle, num_classes)));
        }
    }
}
