using TorchLab.Torch.Native;

namespace TorchLab.Torch;

public static partial class torch
{
    /// <summary>A tensor holding a copy of <paramref name="data"/>, shaped by <paramref name="dimensions"/> (1-D when omitted).</summary>
    public static Tensor tensor(float[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<float>(data, dimensions, ScalarType.Float32, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float[], long[], ScalarType?, Device?, bool)"/>
    public static Tensor tensor(double[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<double>(data, dimensions, ScalarType.Float64, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float[], long[], ScalarType?, Device?, bool)"/>
    public static Tensor tensor(long[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<long>(data, dimensions, ScalarType.Int64, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float[], long[], ScalarType?, Device?, bool)"/>
    public static Tensor tensor(int[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<int>(data, dimensions, ScalarType.Int32, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float[], long[], ScalarType?, Device?, bool)"/>
    public static Tensor tensor(bool[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<bool>(data, dimensions, ScalarType.Bool, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float[], long[], ScalarType?, Device?, bool)"/>
    public static Tensor tensor(byte[] data, long[]? dimensions = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<byte>(data, dimensions, ScalarType.Byte, dtype, device, requires_grad);

    /// <summary>A copy of a span of floats, shaped by <paramref name="dimensions"/>.</summary>
    public static Tensor tensor(ReadOnlySpan<float> data, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan(data, dimensions, ScalarType.Float32, dtype, device, requires_grad);

    /// <summary>A copy of a 2-D array, rows first.</summary>
    public static Tensor tensor(float[,] data, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var flat = new float[data.Length];
        Buffer.BlockCopy(data, 0, flat, 0, data.Length * sizeof(float));
        return tensor(flat, new long[] { data.GetLength(0), data.GetLength(1) }, dtype, device, requires_grad);
    }

    /// <summary>A 0-dimensional tensor holding one value.</summary>
    public static Tensor tensor(float scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<float>(new[] { scalar }, Array.Empty<long>(), ScalarType.Float32, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float, ScalarType?, Device?, bool)"/>
    public static Tensor tensor(double scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<double>(new[] { scalar }, Array.Empty<long>(), ScalarType.Float64, dtype, device, requires_grad);

    /// <inheritdoc cref="tensor(float, ScalarType?, Device?, bool)"/>
    public static Tensor tensor(long scalar, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromSpan<long>(new[] { scalar }, Array.Empty<long>(), ScalarType.Int64, dtype, device, requires_grad);

    /// <summary>Zeros of the given shape.</summary>
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(size, dtype, device, requires_grad, LibTorch.tl_zeros);

    /// <summary>Zeros of the given shape (float32, cpu).</summary>
    public static Tensor zeros(params long[] size) => zeros(size, null);

    /// <summary>Ones of the given shape.</summary>
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(size, dtype, device, requires_grad, LibTorch.tl_ones);

    /// <summary>Ones of the given shape (float32, cpu).</summary>
    public static Tensor ones(params long[] size) => ones(size, null);

    /// <summary>An uninitialised tensor of the given shape.</summary>
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(size, dtype, device, requires_grad, LibTorch.tl_empty);

    /// <summary>An uninitialised tensor of the given shape (float32, cpu).</summary>
    public static Tensor empty(params long[] size) => empty(size, null);

    /// <summary>Uniform samples from [0, 1) drawn from the global generator.</summary>
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(size, dtype, device, requires_grad, LibTorch.tl_rand);

    /// <summary>Uniform samples from [0, 1) (float32, cpu).</summary>
    public static Tensor rand(params long[] size) => rand(size, null);

    /// <summary>Standard normal samples drawn from the global generator.</summary>
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(size, dtype, device, requires_grad, LibTorch.tl_randn);

    /// <summary>Standard normal samples (float32, cpu).</summary>
    public static Tensor randn(params long[] size) => randn(size, null);

    /// <summary>A tensor filled with <paramref name="value"/> (float32 unless <paramref name="dtype"/> says otherwise).</summary>
    public static Tensor full(long[] size, double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_full(size, size.Length, value, 0, (int)(dtype ?? float32), type, index, requires_grad ? 1 : 0)));
    }

    /// <summary>A tensor filled with an integer <paramref name="value"/> (int64 unless <paramref name="dtype"/> says otherwise).</summary>
    public static Tensor full(long[] size, long value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_full(size, size.Length, value, 1, (int)(dtype ?? int64), type, index, requires_grad ? 1 : 0)));
    }

    /// <summary>Integers <c>0 .. stop-1</c> (int64), as PyTorch's <c>arange(stop)</c>.</summary>
    public static Tensor arange(long stop, ScalarType? dtype = null, Device? device = null) => arange(0, stop, 1, dtype, device);

    /// <summary>Integers from <paramref name="start"/> up to, not including, <paramref name="stop"/> (int64).</summary>
    public static Tensor arange(long start, long stop, long step = 1, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_arange(start, stop, step, 1, (int)(dtype ?? int64), type, index, 0)));
    }

    /// <summary>Evenly spaced floats from <paramref name="start"/> up to, not including, <paramref name="stop"/> (float32).</summary>
    public static Tensor arange(double start, double stop, double step = 1.0, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_arange(start, stop, step, 0, (int)(dtype ?? float32), type, index, 0)));
    }

    /// <summary>A random permutation of <c>0 .. n-1</c> (int64) drawn from the global generator.</summary>
    public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_randperm(n, (int)(dtype ?? int64), type, index)));
    }

    /// <summary>Random integers in [<paramref name="low"/>, <paramref name="high"/>) (int64).</summary>
    public static Tensor randint(long low, long high, long[] size, ScalarType? dtype = null, Device? device = null)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(LibTorch.tl_randint(low, high, size, size.Length, (int)(dtype ?? int64), type, index)));
    }

    /// <summary>Joins tensors along an existing dimension.</summary>
    public static Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, LibTorch.tl_cat);

    /// <summary>Joins tensors along a new dimension.</summary>
    public static Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, LibTorch.tl_stack);

    /// <summary>Matrix product with PyTorch's broadcasting rules.</summary>
    public static Tensor matmul(Tensor left, Tensor right) => left.matmul(right);

    /// <summary>Whether all elements are close: |a - b| ≤ atol + rtol·|b|.</summary>
    public static bool allclose(Tensor left, Tensor right, double rtol = 1e-05, double atol = 1e-08, bool equal_nan = false) =>
        left.allclose(right, rtol, atol, equal_nan);

    private delegate IntPtr FactoryCall(ReadOnlySpan<long> shape, int ndim, int dtype, int deviceType, int deviceIndex, int requiresGrad);

    private delegate IntPtr JoinCall(ReadOnlySpan<IntPtr> tensors, int count, long dim);

    private static Tensor Factory(long[] size, ScalarType? dtype, Device? device, bool requiresGrad, FactoryCall call)
    {
        var (type, index) = Place(device);
        return new Tensor(LibTorch.Check(call(size, size.Length, (int)(dtype ?? float32), type, index, requiresGrad ? 1 : 0)));
    }

    internal static (int type, int index) Place(Device? device) =>
        device is null ? (0, -1) : ((int)device.type, device.index);

    private static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> dimensions, ScalarType natural,
        ScalarType? dtype, Device? device, bool requiresGrad) where T : unmanaged
    {
        long count = 1;
        foreach (var d in dimensions)
        {
            if (d < 0) throw new ArgumentException($"torch.tensor: dimension {d} in shape [{string.Join(", ", dimensions.ToArray())}] is negative.", nameof(dimensions));
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"torch.tensor: shape [{string.Join(", ", dimensions.ToArray())}] holds {count} elements but the data has {data.Length}.", nameof(dimensions));
        var (type, index) = Place(device);
        fixed (T* pointer = data)
        {
            return new Tensor(LibTorch.Check(LibTorch.tl_tensor_from_data(pointer, (int)natural, dimensions, dimensions.Length,
                (int)(dtype ?? natural), type, index, requiresGrad ? 1 : 0)));
        }
    }

    private static Tensor FromSpan<T>(T[] data, long[]? dimensions, ScalarType natural, ScalarType? dtype, Device? device, bool requiresGrad)
        where T : unmanaged
    {
        // A 1-D shape on the stack: creating a tensor from an array allocates nothing but the tensor.
        ReadOnlySpan<long> shape = dimensions ?? stackalloc long[] { data.Length };
        return FromSpan<T>(data.AsSpan(), shape, natural, dtype, device, requiresGrad);
    }

    private static Tensor Join(IReadOnlyList<Tensor> tensors, long dim, JoinCall call)
    {
        if (tensors.Count == 0) throw new ArgumentException("expected a non-empty list of tensors", nameof(tensors));
        using var borrowed = new BorrowedList(tensors);
        return new Tensor(LibTorch.Check(call(borrowed.Pointers, tensors.Count, dim)));
    }
}
