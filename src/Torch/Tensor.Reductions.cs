using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>The sum of all elements (0-dimensional).</summary>
        public Tensor sum() => new(LibTorch.Check(LibTorch.tl_sum(handle)));
        /// <summary>Sums over <paramref name="dims"/>.</summary>
        public Tensor sum(long[] dims, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_sum_dims(handle, dims, dims.Length, keepdim ? 1 : 0)));
        /// <summary>Sums over one dimension.</summary>
        public Tensor sum(long dim, bool keepdim = false) => sum(new[] { dim }, keepdim);

        /// <summary>The mean of all elements (0-dimensional; floating-point tensors only).</summary>
        public Tensor mean() => new(LibTorch.Check(LibTorch.tl_mean(handle)));
        /// <summary>Means over <paramref name="dims"/>.</summary>
        public Tensor mean(long[] dims, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_mean_dims(handle, dims, dims.Length, keepdim ? 1 : 0)));
        /// <summary>Mean over one dimension.</summary>
        public Tensor mean(long dim, bool keepdim = false) => mean(new[] { dim }, keepdim);

        /// <summary>The largest element (0-dimensional).</summary>
        public Tensor max() => new(LibTorch.Check(LibTorch.tl_max(handle)));
        /// <summary>The smallest element (0-dimensional).</summary>
        public Tensor min() => new(LibTorch.Check(LibTorch.tl_min(handle)));

        /// <summary>Largest values along <paramref name="dim"/> and their positions.</summary>
        public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false)
        {
            LibTorch.Check(LibTorch.tl_max_dim(handle, dim, keepdim ? 1 : 0, out var values, out var indexes));
            return (new Tensor(LibTorch.Check(values)), new Tensor(LibTorch.Check(indexes)));
        }

        /// <summary>Smallest values along <paramref name="dim"/> and their positions.</summary>
        public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false)
        {
            LibTorch.Check(LibTorch.tl_min_dim(handle, dim, keepdim ? 1 : 0, out var values, out var indexes));
            return (new Tensor(LibTorch.Check(values)), new Tensor(LibTorch.Check(indexes)));
        }

        /// <summary>Position of the largest element in the flattened tensor.</summary>
        public Tensor argmax() => new(LibTorch.Check(LibTorch.tl_argmax(handle)));
        /// <summary>Positions of the largest elements along <paramref name="dim"/>.</summary>
        public Tensor argmax(long dim, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_argmax_dim(handle, dim, keepdim ? 1 : 0)));
        /// <summary>Position of the smallest element in the flattened tensor.</summary>
        public Tensor argmin() => new(LibTorch.Check(LibTorch.tl_argmin(handle)));
        /// <summary>Positions of the smallest elements along <paramref name="dim"/>.</summary>
        public Tensor argmin(long dim, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_argmin_dim(handle, dim, keepdim ? 1 : 0)));

        /// <summary>Maximum over <paramref name="dims"/> (values only).</summary>
        public Tensor amax(long[] dims, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_amax(handle, dims, dims.Length, keepdim ? 1 : 0)));
        /// <summary>Minimum over <paramref name="dims"/> (values only).</summary>
        public Tensor amin(long[] dims, bool keepdim = false) => new(LibTorch.Check(LibTorch.tl_amin(handle, dims, dims.Length, keepdim ? 1 : 0)));
    }
}
