namespace TorchLab.Cli;

/// <summary>A usage problem found after parsing (bad value, missing file): exit code 2 and one line.</summary>
public sealed class UsageException(string message) : Exception(message);
