namespace TorchLab.Torch;

/// <summary>Element types, with libtorch's (and TorchSharp's) numeric codes.</summary>
public enum ScalarType
{
    /// <summary>8-bit unsigned integer.</summary>
    Byte = 0,
    /// <summary>32-bit signed integer.</summary>
    Int32 = 3,
    /// <summary>64-bit signed integer (PyTorch's <c>long</c>).</summary>
    Int64 = 4,
    /// <summary>32-bit float, the default for new tensors.</summary>
    Float32 = 6,
    /// <summary>64-bit float.</summary>
    Float64 = 7,
    /// <summary>Boolean.</summary>
    Bool = 11,
}
