using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>Softmax cross-entropy of logits (N, C) against int64 class indices (N).</summary>
            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0)
            {
                using var w = new Borrowed(weight);
                return new Tensor(LibTorch.Check(LibTorch.tl_cross_entropy(input.Handle, target.Handle, w.Pointer, (int)reduction,
                    ignore_index, label_smoothing)));
            }

            /// <summary>Negative log-likelihood of log-probabilities (N, C) against int64 class indices (N).</summary>
            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean)
            {
                using var w = new Borrowed(weight);
                return new Tensor(LibTorch.Check(LibTorch.tl_nll_loss(input.Handle, target.Handle, w.Pointer, (int)reduction, ignore_index)));
            }

            /// <summary>Mean (or summed) squared error.</summary>
            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(LibTorch.Check(LibTorch.tl_mse_loss(input.Handle, target.Handle, (int)reduction)));

            /// <summary>Binary cross-entropy of logits against targets in [0, 1], computed stably.</summary>
            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                Reduction reduction = Reduction.Mean, Tensor? pos_weights = null)
            {
                using var w = new Borrowed(weight);
                using var pw = new Borrowed(pos_weights);
                return new Tensor(LibTorch.Check(LibTorch.tl_binary_cross_entropy_with_logits(input.Handle, target.Handle, w.Pointer,
                    pw.Pointer, (int)reduction)));
            }
        }
    }
}
