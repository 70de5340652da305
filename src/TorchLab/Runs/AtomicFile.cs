namespace TorchLab.Runs;

/// <summary>Writes a file so readers see the old file or the whole new one, never half of it.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to a temporary file beside <paramref name="path"/>, then renames it into place.</summary>
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
