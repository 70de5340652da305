namespace TorchLab.Manual;

/// <summary>
/// A dense float array of any rank: a shape and the values in one contiguous row-major
/// <see cref="float"/>[] (the last index varies fastest), like a contiguous tensor, without torch.
/// </summary>
public sealed class NdArray
{
    /// <summary>Wraps <paramref name="data"/> (not copied) with <paramref name="shape"/>.</summary>
    public NdArray(int[] shape, float[] data)
    {
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] has a negative dimension", nameof(shape));
        var count = shape.Aggregate(1L, (a, b) => a * b);
        if (count != data.Length)
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape)}] holds {count} values but data has {data.Length}", nameof(data));
        Shape = shape;
        Data = data;
    }

    /// <summary>A zero-filled array of <paramref name="shape"/>.</summary>
    public static NdArray Zeros(params int[] shape) => new(shape, new float[shape.Aggregate(1, (a, b) => a * b)]);

    /// <summary>A 2-D array copied from a C# matrix.</summary>
    public static NdArray From(float[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var data = new float[rows * columns];
        Buffer.BlockCopy(matrix, 0, data, 0, data.Length * sizeof(float));
        return new NdArray([rows, columns], data);
    }

    /// <summary>The size of each dimension.</summary>
    public int[] Shape { get; }

    /// <summary>The values, row-major.</summary>
    public float[] Data { get; }

    /// <summary>How many dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The element at the given indices (as many as <see cref="Rank"/>).</summary>
    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>Element (i, j) of a 2-D array; fixed-rank indexers avoid the params array in hot loops.</summary>
    public float this[int i, int j]
    {
        get => Data[Check(i, 0) * Shape[1] + Check(j, 1)];
        set => Data[Check(i, 0) * Shape[1] + Check(j, 1)] = value;
    }

    /// <summary>Element (i, j, k) of a 3-D array.</summary>
    public float this[int i, int j, int k]
    {
        get => Data[(Check(i, 0) * Shape[1] + Check(j, 1)) * Shape[2] + Check(k, 2)];
        set => Data[(Check(i, 0) * Shape[1] + Check(j, 1)) * Shape[2] + Check(k, 2)] = value;
    }

    /// <summary>Element (i, j, k, l) of a 4-D array, e.g. X[n, c, row, column].</summary>
    public float this[int i, int j, int k, int l]
    {
        get => Data[((Check(i, 0) * Shape[1] + Check(j, 1)) * Shape[2] + Check(k, 2)) * Shape[3] + Check(l, 3)];
        set => Data[((Check(i, 0) * Shape[1] + Check(j, 1)) * Shape[2] + Check(k, 2)) * Shape[3] + Check(l, 3)] = value;
    }

    /// <summary>The same values under another shape with the same element count.</summary>
    public NdArray Reshape(params int[] shape) => new(shape, Data);

    /// <summary>
    /// (N, d1, d2, ...) → (N, d1·d2·...): each example's values in one row, in row-major order,
    /// like torch's <c>flatten(1)</c>. No copy: a contiguous array is already in that order.
    /// </summary>
    public NdArray Flatten()
    {
        if (Rank < 1)
            throw new InvalidOperationException(
                "Flatten needs at least one dimension (the batch), this array has none");
        return Reshape(Shape[0], Shape.Skip(1).Aggregate(1, (a, b) => a * b));
    }

    /// <summary>
    /// The gradient of <see cref="Flatten"/>: dL/dy (N, d1·d2·...) read back in the input's shape
    /// <paramref name="inputShape"/>. Flattening moves no value, so neither does its gradient.
    /// </summary>
    public static NdArray FlattenBackward(NdArray outputGradient, int[] inputShape) =>
        outputGradient.Reshape(inputShape);

    /// <summary>
    /// A copy with dimensions <paramref name="first"/> and <paramref name="second"/> swapped, like torch's
    /// <c>transpose</c> followed by <c>contiguous</c>.
    /// </summary>
    public NdArray Transpose(int first, int second)
    {
        if ((uint)first >= (uint)Rank || (uint)second >= (uint)Rank)
            throw new ArgumentException(
                $"cannot swap dimensions {first} and {second} of an array of shape {ShapeText}", nameof(first));
        var shape = (int[])Shape.Clone();
        (shape[first], shape[second]) = (shape[second], shape[first]);
        var strides = new int[Rank];   // of the source, indexed by the destination's dimensions
        var stride = 1;
        for (var d = Rank - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Shape[d];
        }
        (strides[first], strides[second]) = (strides[second], strides[first]);
        var output = new float[Data.Length];
        var index = new int[Rank];
        for (var i = 0; i < output.Length; i++)
        {
            var source = 0;
            for (var d = 0; d < Rank; d++) source += index[d] * strides[d];
            output[i] = Data[source];
            for (var d = Rank - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;   // odometer step
        }
        return new NdArray(shape, output);
    }

    /// <summary>A 2-D array as a C# matrix (for plotting).</summary>
    public float[,] ToMatrix()
    {
        if (Rank != 2)
            throw new InvalidOperationException(
                $"ToMatrix needs a 2-D array, this one has shape [{string.Join(", ", Shape)}]");
        var matrix = new float[Shape[0], Shape[1]];
        Buffer.BlockCopy(Data, 0, matrix, 0, Data.Length * sizeof(float));
        return matrix;
    }

    /// <summary>"[2, 3, 5]".</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    private int Check(int index, int dimension)
    {
        if (Rank <= dimension || (uint)index >= (uint)Shape[dimension])
            throw new IndexOutOfRangeException(
                $"index {index} is out of range for dimension {dimension} of an array of shape {ShapeText}");
        return index;
    }

    private int Offset(int[] index)
    {
        if (index.Length != Rank)
            throw new ArgumentException(
                $"{index.Length} indices for an array of rank {Rank} (shape {ShapeText})", nameof(index));
        var offset = 0;
        for (var d = 0; d < Rank; d++)
        {
            if ((uint)index[d] >= (uint)Shape[d])
                throw new IndexOutOfRangeException(
                    $"index {index[d]} is out of range for dimension {d} of size {Shape[d]}");
            offset = offset * Shape[d] + index[d];
        }
        return offset;
    }
}
