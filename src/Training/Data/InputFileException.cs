namespace TorchLab.Training.Data;

/// <summary>An input that is not a regular file, or is larger than its cap; the message names the file.</summary>
public sealed class InputFileException(string path, string problem) : IOException($"'{path}' {problem}")
{
    public string FilePath { get; } = path;

    /// <summary>What is wrong with it, without the file name ("is a FIFO (named pipe), not a regular file").</summary>
    public string Problem { get; } = problem;
}
