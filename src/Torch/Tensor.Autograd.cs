using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    public partial class Tensor
    {
        /// <summary>Whether autograd records operations on this tensor (settable on leaves).</summary>
        public bool requires_grad
        {
            get => LibTorch.tl_requires_grad(handle) != 0;
            set => LibTorch.Check(LibTorch.tl_set_requires_grad(handle, value ? 1 : 0));
        }

        /// <summary>Sets <see cref="requires_grad"/> and returns this tensor, for chaining.</summary>
        public Tensor requires_grad_(bool requires = true)
        {
            requires_grad = requires;
            return this;
        }

        /// <summary>Whether the tensor was created by the user rather than by a recorded operation.</summary>
        public bool is_leaf => LibTorch.tl_is_leaf(handle) != 0;

        /// <summary>
        /// The gradient accumulated by <see cref="backward"/>, or null before the first
        /// backward pass (or after <c>zero_grad</c> set it to none). Each read is a new handle
        /// to the same gradient storage.
        /// </summary>
        public Tensor? grad
        {
            get
            {
                LibTorch.Check(LibTorch.tl_grad(handle, out var gradient));
                return gradient == IntPtr.Zero ? null : new Tensor(new TensorHandle(gradient));
            }
            set => LibTorch.Check(value is null
                ? LibTorch.tl_clear_grad(handle, IntPtr.Zero)
                : LibTorch.tl_set_grad(handle, value.handle));
        }

        /// <summary>
        /// Computes the gradient of this tensor with respect to every leaf that requires grad,
        /// accumulating into their <see cref="grad"/>. A non-scalar output needs <paramref name="gradient"/>.
        /// </summary>
        public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
            LibTorch.Check(gradient is null
                ? LibTorch.tl_backward_implicit(handle, IntPtr.Zero, retain_graph ? 1 : 0, create_graph ? 1 : 0)
                : LibTorch.tl_backward(handle, gradient.handle, retain_graph ? 1 : 0, create_graph ? 1 : 0));

        /// <summary>The same values, cut from the autograd graph.</summary>
        public Tensor detach() => new(LibTorch.Check(LibTorch.tl_detach(handle)));

        /// <summary>Sets every element to zero, in place.</summary>
        public Tensor zero_() => InPlace(LibTorch.tl_zero_(handle));

        /// <summary>Sets every element to <paramref name="value"/>, in place.</summary>
        public Tensor fill_(double value) => InPlace(LibTorch.tl_fill_(handle, value, 0));

        /// <summary>Fills with draws from U(low, high) on the global generator, in place.</summary>
        public Tensor uniform_(double low = 0, double high = 1) => InPlace(LibTorch.tl_uniform_(handle, low, high));

        /// <summary>Fills with draws from N(mean, std²) on the global generator, in place.</summary>
        public Tensor normal_(double mean = 0, double std = 1) => InPlace(LibTorch.tl_normal_(handle, mean, std));

        /// <summary>Copies <paramref name="source"/>'s values (broadcast, converted) into this tensor.</summary>
        public Tensor copy_(Tensor source) => InPlace(LibTorch.tl_copy_(handle, source.handle));

        /// <summary>this += alpha * other, in place.</summary>
        public Tensor add_(Tensor other, double alpha = 1) => InPlace(LibTorch.tl_add_(handle, other.handle, alpha));

        /// <summary>this += value, in place.</summary>
        public Tensor add_(double value) => InPlace(LibTorch.tl_add_scalar_(handle, value, 0));

        /// <summary>this += value, in place; keeps integer tensors integer.</summary>
        public Tensor add_(long value) => InPlace(LibTorch.tl_add_scalar_(handle, value, 1));

        /// <summary>this *= value, in place.</summary>
        public Tensor mul_(double value) => InPlace(LibTorch.tl_mul_scalar_(handle, value));

        /// <summary>Clamps every element into [min, max], in place.</summary>
        public Tensor clamp_(double min, double max) => InPlace(LibTorch.tl_clamp_(handle, min, max));

        private Tensor InPlace(int status)
        {
            LibTorch.Check(status);
            return this;
        }
    }
}
