namespace TorchLab.Storage.Serialization;

/// <summary>
/// A file that is not a state dict in PyTorch's <c>torch.save</c> format, or one that breaks
/// the reader's limits (<see cref="PtLimits"/>). The message names the file and the problem.
/// An <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed; a caller
/// that catches IOException handles a missing file and a bad one alike.
/// </summary>
public sealed class PtFormatException : IOException
{
    /// <summary>The message reads <c>'{path}': {problem}</c>.</summary>
    public PtFormatException(string path, string problem, Exception? inner = null)
        : base($"'{path}': {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
