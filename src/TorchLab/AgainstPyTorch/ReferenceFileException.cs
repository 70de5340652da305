namespace TorchLab.AgainstPyTorch;

/// <summary>A PyTorch reference file that is missing or not what the comparison reads; the message names it.</summary>
public sealed class ReferenceFileException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
