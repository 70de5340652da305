using static TorchSharp.torch;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// PyTorch's legacy storage classes (<c>torch.FloatStorage</c>...), which torch.save names in
/// each storage's persistent id to say what its bytes hold.
/// </summary>
internal static class StorageTypes
{
    private static readonly (ScalarType Type, string Name, int ElementSize)[] Table =
    [
        (ScalarType.Float32, "FloatStorage", 4),
        (ScalarType.Float64, "DoubleStorage", 8),
        (ScalarType.Float16, "HalfStorage", 2),
        (ScalarType.BFloat16, "BFloat16Storage", 2),
        (ScalarType.Int64, "LongStorage", 8),
        (ScalarType.Int32, "IntStorage", 4),
        (ScalarType.Int16, "ShortStorage", 2),
        (ScalarType.Int8, "CharStorage", 1),
        (ScalarType.Byte, "ByteStorage", 1),
        (ScalarType.Bool, "BoolStorage", 1),
        (ScalarType.ComplexFloat32, "ComplexFloatStorage", 8),
        (ScalarType.ComplexFloat64, "ComplexDoubleStorage", 16),
    ];

    /// <summary>The dtype and element size of <c>torch.{name}</c>, or null for any other name.</summary>
    public static (ScalarType Type, int ElementSize)? Find(string name)
    {
        foreach (var row in Table)
            if (row.Name == name) return (row.Type, row.ElementSize);
        return null;
    }

    /// <summary>The storage class (without <c>torch.</c>) that holds <paramref name="type"/>.</summary>
    public static string NameOf(ScalarType type)
    {
        foreach (var row in Table)
            if (row.Type == type) return row.Name;
        throw new NotSupportedException($"dtype {type} has no PyTorch storage type this writer knows");
    }
}
