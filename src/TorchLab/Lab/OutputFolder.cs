namespace TorchLab.Lab;

/// <summary>Checks the folders a command reads and writes before any work starts.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> and proves it writable, or throws a usage error naming it.</summary>
    public static string Prepare(string path)
    {
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
            throw new Cli.UsageException($"--out: cannot write to '{path}': {e.Message}");
        }
    }
}

/// <summary>Checks the data folder.</summary>
public static class DataFolder
{
    /// <summary>Returns <paramref name="path"/> if it holds the lab's data files, else throws a usage error saying what is missing.</summary>
    public static string Check(string path)
    {
        var missing = new[] { "digits.csv", "splice.csv" }.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        if (missing.Count > 0)
            throw new Cli.UsageException($"--data: '{path}' lacks {string.Join(" and ", missing)} (the lab's data is in the repository's data/ folder)");
        return path;
    }
}
