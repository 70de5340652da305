namespace TorchLab.Storage.Folders;

/// <summary>
/// The folder a command writes cannot be used (a file, a root, unwritable, held by another run).
/// The message names the folder; the command line adds the option that named it.
/// </summary>
public sealed class OutputFolderException(string message) : Exception(message);
