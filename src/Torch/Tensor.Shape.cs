using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>The same elements in a new shape (a view when possible); one size may be -1.</summary>
        public Tensor reshape(params long[] shape) => new(LibTorch.Check(LibTorch.tl_reshape(handle, shape, shape.Length)));

        /// <summary>A view with a new shape; fails when the memory layout does not allow one.</summary>
        public Tensor view(params long[] shape) => new(LibTorch.Check(LibTorch.tl_view(handle, shape, shape.Length)));

        /// <summary>Merges dimensions <paramref name="start_dim"/>..<paramref name="end_dim"/> into one.</summary>
        public Tensor flatten(long start_dim = 0, long end_dim = -1) => new(LibTorch.Check(LibTorch.tl_flatten(handle, start_dim, end_dim)));

        /// <summary>Swaps two dimensions.</summary>
        public Tensor transpose(long dim0, long dim1) => new(LibTorch.Check(LibTorch.tl_transpose(handle, dim0, dim1)));

        /// <summary>Reorders the dimensions.</summary>
        public Tensor permute(params long[] dims) => new(LibTorch.Check(LibTorch.tl_permute(handle, dims, dims.Length)));

        /// <summary>A tensor with row-major memory (itself when it already is).</summary>
        public Tensor contiguous() => new(LibTorch.Check(LibTorch.tl_contiguous(handle)));

        /// <summary>Removes every dimension of size 1.</summary>
        public Tensor squeeze() => new(LibTorch.Check(LibTorch.tl_squeeze(handle)));

        /// <summary>Removes dimension <paramref name="dim"/> if its size is 1.</summary>
        public Tensor squeeze(long dim) => new(LibTorch.Check(LibTorch.tl_squeeze_dim(handle, dim)));

        /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/>.</summary>
        public Tensor unsqueeze(long dim) => new(LibTorch.Check(LibTorch.tl_unsqueeze(handle, dim)));

        /// <summary>Broadcasts size-1 dimensions to a larger shape without copying.</summary>
        public Tensor expand(params long[] shape) => new(LibTorch.Check(LibTorch.tl_expand(handle, shape, shape.Length)));

        /// <summary>The entries at <paramref name="index"/> (int64) along <paramref name="dim"/>.</summary>
        public Tensor index_select(long dim, Tensor index) => new(LibTorch.Check(LibTorch.tl_index_select(handle, dim, index.handle)));

        /// <summary>A view of <paramref name="length"/> entries from <paramref name="start"/> along <paramref name="dim"/>.</summary>
        public Tensor narrow(long dim, long start, long length) => new(LibTorch.Check(LibTorch.tl_narrow(handle, dim, start, length)));

        /// <summary>A view of entry <paramref name="index"/> along <paramref name="dim"/>, which disappears.</summary>
        public Tensor select(long dim, long index) => new(LibTorch.Check(LibTorch.tl_select(handle, dim, index)));

        /// <summary>A view of entries <paramref name="start"/>..<paramref name="end"/> (exclusive) every <paramref name="step"/>.</summary>
        public Tensor slice(long dim, long start, long end, long step = 1) => new(LibTorch.Check(LibTorch.tl_slice(handle, dim, start, end, step)));

        /// <summary>Indexes the leading dimensions, as <c>t[i, j]</c> does in PyTorch.</summary>
        public Tensor this[params long[] indices]
        {
            get
            {
                if (indices.Length == 0) return alias();
                var result = select(0, indices[0]);
                for (var i = 1; i < indices.Length; i++)
                {
                    using var previous = result;
                    result = previous.select(0, indices[i]);
                }
                return result;
            }
        }
    }
}
