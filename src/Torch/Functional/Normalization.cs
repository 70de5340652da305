using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public static partial class nn
    {
        public static partial class functional
        {
            /// <summary>
            /// Batch normalisation over the channel dimension (dim 1). In training it uses the
            /// batch's statistics and updates the running ones in place (by <paramref name="momentum"/>);
            /// otherwise it uses the running ones.
            /// </summary>
            public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null,
                Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
            {
                using var mean = new Borrowed(running_mean);
                using var variance = new Borrowed(running_var);
                using var w = new Borrowed(weight);
                using var b = new Borrowed(bias);
                return new Tensor(LibTorch.Check(LibTorch.tl_batch_norm(input.Handle, mean.Pointer, variance.Pointer, w.Pointer,
                    b.Pointer, training ? 1 : 0, momentum, eps)));
            }
        }
    }
}
