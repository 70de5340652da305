namespace TorchLab.Plotting.Cairo;

/// <summary>Writes a file through a temporary sibling and a rename, so no reader ever sees half a PNG.</summary>
internal static class AtomicPng
{
    public static void Write(string path, Action<string> writeTo)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new PlotException($"invalid figure path '{path}': {e.Message}", e);
        }
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new PlotException($"cannot write '{path}': the folder '{folder}' does not exist");
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            writeTo(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotException($"cannot write '{path}': {e.Message}", e);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
