using System.Text;

namespace TorchLab.Storage.Files;

/// <summary>
/// The program's one way to write a file: readers see the old file or the whole new one, never half
/// of it, even after a crash or power loss. The data go to a temporary file beside the destination
/// (the same file system, so the move is a rename), are flushed to disk, and only then renamed into
/// place; on failure the temporary file is removed and the old file is left as it was.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, as <see
    /// cref="File.WriteAllText(string, string)"/> does.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes what <paramref name="write"/> puts into the stream.</summary>
    public static void Write(string path, Action<Stream> write) => Replace(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// For libraries that write to a path themselves, such as ScottPlot's <c>SavePng</c>:
    /// <paramref name="writeToTemporaryPath"/> writes the file at the path it is given.
    /// </summary>
    public static void Write(string path, Action<string> writeToTemporaryPath) => Replace(path, temporary =>
    {
        writeToTemporaryPath(temporary);
        // The library has closed the file without flushing it to disk; an fsync through a new handle flushes the file,
        // not the handle.
        using var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write);
        stream.Flush(flushToDisk: true);
    });

    private static void Replace(string path, Action<string> writeTemporary)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"cannot write '{path}': folder '{folder}' does not exist");
        // The process id and a random part: neither another process nor another writer in this one shares the name.
        var temporary = Path.Combine(folder,
            $".{Path.GetFileName(full)}.{Environment.ProcessId}-{Random.Shared.Next():x8}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(temporary)) File.Delete(temporary);
            throw;
        }
    }
}
