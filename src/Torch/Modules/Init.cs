namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        /// <summary>
        /// Weight initialisers with PyTorch's formulas, drawing from the global generator in
        /// the same order, so a seeded TorchLab module starts with PyTorch's weights.
        /// </summary>
        public static class init
        {
            /// <summary>(fan_in, fan_out) of a weight: its input/output size times the receptive field.</summary>
            public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
            {
                var shape = tensor.shape;
                if (shape.Length < 2)
                    throw new ArgumentException($"fan in and fan out can not be computed for a tensor with fewer than 2 dimensions (shape [{string.Join(", ", shape)}])", nameof(tensor));
                var receptive = shape.Skip(2).Aggregate(1L, (a, b) => a * b);
                return (shape[1] * receptive, shape[0] * receptive);
            }

            /// <summary>
            /// He-uniform with leaky-ReLU slope <paramref name="a"/> over fan_in: U(-b, b) with
            /// b = sqrt(3)·gain/sqrt(fan_in), gain = sqrt(2/(1+a²)). Layers use a = sqrt(5).
            /// </summary>
            public static Tensor kaiming_uniform_(Tensor tensor, double a = 0)
            {
                var (fanIn, _) = calculate_fan_in_and_fan_out(tensor);
                var gain = Math.Sqrt(2.0 / (1 + a * a));
                var std = gain / Math.Sqrt(fanIn);
                var bound = Math.Sqrt(3.0) * std;
                return uniform_(tensor, -bound, bound);
            }

            /// <summary>Fills with U(<paramref name="a"/>, <paramref name="b"/>) without recording gradients.</summary>
            public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1)
            {
                using var noGrad = no_grad();
                return tensor.uniform_(a, b);
            }

            /// <summary>Fills with zeros.</summary>
            public static Tensor zeros_(Tensor tensor)
            {
                using var noGrad = no_grad();
                return tensor.zero_();
            }

            /// <summary>Fills with ones.</summary>
            public static Tensor ones_(Tensor tensor)
            {
                using var noGrad = no_grad();
                return tensor.fill_(1);
            }

            /// <summary>
            /// The default initialisation of PyTorch's Linear and Conv layers: weight kaiming-uniform
            /// with a = sqrt(5) (that is U(-1/sqrt(fan_in), 1/sqrt(fan_in))), then bias from the same range.
            /// </summary>
            internal static void DefaultLayer(Tensor weight, Tensor? bias)
            {
                kaiming_uniform_(weight, Math.Sqrt(5));
                if (bias is null) return;
                var (fanIn, _) = calculate_fan_in_and_fan_out(weight);
                var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
                uniform_(bias, -bound, bound);
            }
        }
    }
}
