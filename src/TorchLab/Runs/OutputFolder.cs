namespace TorchLab.Runs;

/// <summary>Checks the folder a command writes before any work starts.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> and proves it writable, or throws naming it.</summary>
    public static string Prepare(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputFolderException("the folder name is empty");
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write to '{path}': {e.Message}");
        }
    }
}
