using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>
    /// A handle to a libtorch tensor. Dispose it (or let a <see cref="DisposeScope"/> do so)
    /// to free native memory promptly; the finalizer is only a safety net. Using a disposed
    /// tensor throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public partial class Tensor : IDisposable
    {
        private readonly TensorHandle handle;

        internal Tensor(TensorHandle handle)
        {
            this.handle = handle;
            DisposeScope.Current?.Add(this);
        }

        /// <summary>Tensors created in this process and not yet freed (for leak tests).</summary>
        public static long LiveCount => TensorHandle.Live;

        internal TensorHandle Handle => handle;

        internal DisposeScope? OwningScope { get; set; }

        /// <summary>Whether <see cref="Dispose"/> has run.</summary>
        public bool IsInvalid => handle.IsClosed;

        /// <summary>The size of each dimension.</summary>
        public long[] shape
        {
            get
            {
                var dims = new long[LibTorch.tl_tensor_dim(handle)];
                LibTorch.tl_tensor_shape(handle, dims);
                return dims;
            }
        }

        /// <summary>The number of dimensions.</summary>
        public long ndim => LibTorch.tl_tensor_dim(handle);

        /// <summary>The number of dimensions.</summary>
        public long dim() => ndim;

        /// <summary>The size of one dimension; negative counts from the end.</summary>
        public long size(int dimension)
        {
            var dims = shape;
            var d = dimension < 0 ? dimension + dims.Length : dimension;
            if (d < 0 || d >= dims.Length)
                throw new TorchException($"Dimension out of range (expected to be in range of [{-dims.Length}, {dims.Length - 1}], but got {dimension})");
            return dims[d];
        }

        /// <summary>The number of elements.</summary>
        public long numel() => LibTorch.tl_tensor_numel(handle);

        /// <summary>The element type.</summary>
        public ScalarType dtype => (ScalarType)LibTorch.tl_tensor_dtype(handle);

        /// <summary>The device the tensor lives on.</summary>
        public Device device => new((DeviceType)LibTorch.tl_tensor_device_type(handle), LibTorch.tl_tensor_device_index(handle));

        /// <summary>The kind of device the tensor lives on.</summary>
        public DeviceType device_type => (DeviceType)LibTorch.tl_tensor_device_type(handle);

        /// <summary>A copy of all elements, row-major; <typeparamref name="T"/> must match <see cref="dtype"/>.</summary>
        public unsafe T[] data<T>() where T : unmanaged
        {
            CheckElementType<T>("data");
            var values = new T[numel()];
            fixed (T* pointer = values)
                LibTorch.Check(LibTorch.tl_tensor_copy_to(handle, pointer, (long)values.Length * sizeof(T)));
            return values;
        }

        /// <summary>The value of a one-element tensor; <typeparamref name="T"/> must match <see cref="dtype"/>.</summary>
        public unsafe T item<T>() where T : unmanaged
        {
            CheckElementType<T>("item");
            var count = numel();
            if (count != 1)
                throw new TorchException($"a Tensor with {count} elements cannot be converted to Scalar");
            T value;
            LibTorch.Check(LibTorch.tl_tensor_copy_to(handle, &value, sizeof(T)));
            return value;
        }

        /// <summary>A copy on another device (the same tensor if already there).</summary>
        public Tensor to(Device target)
        {
            var (type, index) = Place(target);
            return new Tensor(LibTorch.Check(LibTorch.tl_to_device(handle, type, index)));
        }

        /// <summary>A copy converted to another element type (the same tensor if already so).</summary>
        public Tensor to(ScalarType type) => new(LibTorch.Check(LibTorch.tl_to_dtype(handle, (int)type)));

        /// <summary>Same as <c>to(device)</c> with a device string such as <c>cuda:0</c>.</summary>
        public Tensor to(string target) => to(Device.Parse(target));

        /// <summary>Moves to the CPU.</summary>
        public Tensor cpu() => to(CPU);

        /// <summary>Moves to the current CUDA device.</summary>
        public Tensor cuda() => to(CUDA);

        /// <summary>A copy with its own storage.</summary>
        public Tensor clone() => new(LibTorch.Check(LibTorch.tl_clone(handle)));

        /// <summary>
        /// A second handle to the same tensor (same storage, same autograd identity), for keeping
        /// a tensor alive independently of the handle it came from.
        /// </summary>
        public Tensor alias() => new(LibTorch.Check(LibTorch.tl_alias(handle)));

        /// <summary>Keeps this tensor alive past the current dispose scope (moves it to the enclosing one).</summary>
        public Tensor MoveToOuterDisposeScope() => OwningScope is { } scope ? scope.MoveToOuter(this) : this;

        /// <summary>Takes this tensor out of every dispose scope: the caller disposes it.</summary>
        public Tensor DetachFromDisposeScope()
        {
            OwningScope = null;
            return this;
        }

        /// <summary>PyTorch's print of the values (summarised past 1000 elements), then shape and dtype.</summary>
        public override string ToString() => TensorFormatter.Format(this);

        /// <summary>Frees the native tensor now.</summary>
        public void Dispose()
        {
            OwningScope = null;
            handle.Dispose();
            GC.SuppressFinalize(this);
        }

        private void CheckElementType<T>(string method) where T : unmanaged
        {
            var wanted = ElementTypeOf<T>(method);
            var actual = dtype;
            if (wanted != actual)
                throw new TorchException($"{method}<{typeof(T).Name}>: the tensor's dtype is {actual}, which is not {typeof(T).Name}; convert it with to(ScalarType.{wanted}) first");
        }

        private static ScalarType ElementTypeOf<T>(string method) =>
            typeof(T) == typeof(float) ? ScalarType.Float32
            : typeof(T) == typeof(double) ? ScalarType.Float64
            : typeof(T) == typeof(long) ? ScalarType.Int64
            : typeof(T) == typeof(int) ? ScalarType.Int32
            : typeof(T) == typeof(bool) ? ScalarType.Bool
            : typeof(T) == typeof(byte) ? ScalarType.Byte
            : throw new ArgumentException($"{method}<{typeof(T).Name}>: unsupported element type");
    }
}
