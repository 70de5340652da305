using TorchLab.Storage.Serialization;
using static TorchSharp.torch;

namespace TorchLab.Checkpoints;

/// <summary>
/// A weights file read once into memory: a run folder's model.pt or any state-dict .pt file. Whose
/// weights it holds, and whether it is a training checkpoint, are asked of these tensors, never of
/// the file again.
/// </summary>
public sealed class WeightsFile : IDisposable
{
    private WeightsFile(string file, bool inRunFolder, OrderedDictionary<string, Tensor> tensors)
    {
        File = file;
        InRunFolder = inRunFolder;
        Tensors = tensors;
    }

    /// <summary>The file that was read (a run folder's model.pt when a folder was named).</summary>
    public string File { get; }

    /// <summary>Whether a run folder was named rather than a file.</summary>
    public bool InRunFolder { get; }

    /// <summary>The file's tensors by name, in its order; this object owns them.</summary>
    public OrderedDictionary<string, Tensor> Tensors { get; }

    /// <summary>
    /// Whether this is a training checkpoint (checkpoint.pt holds the model's weights under
    /// "model." beside Adam's state) named as a file.
    /// </summary>
    public bool IsCheckpoint =>
        !InRunFolder && Tensors.Keys.Any(key => key.StartsWith("optimizer.", StringComparison.Ordinal));

    /// <summary>Reads <paramref name="path"/> (a run folder, read as its model.pt, or a .pt file) with PtFile's
    /// limits.</summary>
    /// <exception cref="FileNotFoundException">There is no such folder or file.</exception>
    /// <exception cref="PtFormatException">The file is not a dict of tensors, is damaged, or breaks a
    /// limit.</exception>
    public static WeightsFile Read(string path)
    {
        var inRunFolder = Directory.Exists(path);
        var file = inRunFolder ? Path.Combine(path, "model.pt") : path;
        if (!System.IO.File.Exists(file))
            throw new FileNotFoundException(inRunFolder
                ? $"'{path}' holds no model.pt (is it a finished run's folder?)"
                : $"weights '{path}' not found", file);
        using var scope = NewDisposeScope();
        var tensors = PtFile.Load(file);
        foreach (var tensor in tensors.Values) tensor.DetachFromDisposeScope();
        return new WeightsFile(file, inRunFolder, tensors);
    }

    public void Dispose()
    {
        foreach (var tensor in Tensors.Values) tensor.Dispose();
    }
}
