using TorchLab.Training.Data;

namespace TorchLab.Cli;

/// <summary>Checks the data folder for the files a command reads, and only those.</summary>
public static class DataOption
{
    /// <summary>
    /// Returns <paramref name="path"/> if it holds every one of <paramref name="files"/> as a
    /// regular file (a FIFO or a link to a device would block or never end), else throws saying
    /// what is missing or wrong.
    /// </summary>
    public static string Check(string path, params string[] files)
    {
        var missing = files.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        if (missing.Count > 0)
            throw new UsageException($"--data: '{path}' lacks {string.Join(" and ", missing)} (the lab's data is in " +
                $"the repository's data/ folder)");
        foreach (var file in files)
            if (InputFile.Refusal(Path.Combine(path, file)) is { } refusal)
                throw new UsageException($"--data: '{Path.Combine(path, file)}' {refusal}");
        return path;
    }
}
