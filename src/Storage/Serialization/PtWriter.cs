using System.Text;
using TorchLab.Storage.Files;
using static TorchSharp.torch;

namespace TorchLab.Storage.Serialization;

/// <summary>
/// Writes a state dict as torch.save does: records <c>archive/data.pkl</c>,
/// <c>archive/byteorder</c>, <c>archive/data/{i}</c> (tensor i's bytes) and
/// <c>archive/version</c>, through <see cref="AtomicFile"/>.
/// </summary>
internal static class PtWriter
{
    public static void Write(IEnumerable<KeyValuePair<string, Tensor>> stateDict, string path)
    {
        using var scope = NewDisposeScope();
        var tensors = new List<Tensor>();
        var entries = new List<Pickler.Entry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in stateDict)
        {
            if (!names.Add(name)) throw new ArgumentException($"the state dict has '{name}' twice", nameof(stateDict));
            // A copy on the CPU in row-major order: a view (a slice, a transpose) is written as its own values.
            var t = tensor.detach().cpu().contiguous();
            if (t.numel() * t.element_size() > PtLimits.MaxStorageBytes)
                throw new ArgumentException($"tensor '{name}' ({string.Join("x", t.shape)} " +
                    $"{t.dtype}) is larger than the "
                    + $"{PtLimits.MaxStorageBytes}-byte limit per storage", nameof(stateDict));
            var key = tensors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            entries.Add(new(name, key, StorageTypes.NameOf(t.dtype), t.numel(), t.shape, t.stride()));
            tensors.Add(t);
        }
        var pickle = Pickler.StateDict(entries);
        WriteAtomically(path, stream =>
        {
            var zip = new StoredZipWriter(stream);
            zip.Add("archive/data.pkl", pickle);
            zip.Add("archive/byteorder", "little"u8);
            for (var i = 0; i < tensors.Count; i++)
                zip.Add($"archive/data/{entries[i].Key}", tensors[i].numel() == 0 ? [] : tensors[i].bytes);
            zip.Add("archive/version", "3\n"u8);
            zip.Finish();
        });
    }

    // AtomicFile gives the old file (or none) or the complete new one, never half of one.
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        try
        {
            AtomicFile.Write(path, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"'{path}': cannot save: {e.Message}", e);
        }
    }
}
