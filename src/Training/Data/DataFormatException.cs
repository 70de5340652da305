namespace TorchLab.Training.Data;

/// <summary>A data file that cannot be read as the lab expects; the message names file, line and value.</summary>
public sealed class DataFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string FilePath { get; } = path;

    /// <summary>The 1-based line number (1 is the header).</summary>
    public int Line { get; } = line;
}
