namespace TorchLab.Torch;

/// <summary>
/// A libtorch operation failed. The message is libtorch's own (for a shape mismatch it names
/// both shapes), without its C++ backtrace.
/// </summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception with libtorch's message.</summary>
    public TorchException(string message) : base(message) { }
}
