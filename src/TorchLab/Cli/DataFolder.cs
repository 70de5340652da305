using TorchLab.Runs;

namespace TorchLab.Cli;

/// <summary>Checks the data folder for the files a command reads, and only those.</summary>
public static class DataFolder
{
    /// <summary>Returns <paramref name="path"/> if it holds every one of <paramref name="files"/>, else throws saying what is missing.</summary>
    public static string Check(string path, params string[] files)
    {
        var missing = files.Where(f => !File.Exists(Path.Combine(path, f))).ToList();
        if (missing.Count > 0)
            throw new InvalidSettingException($"--data: '{path}' lacks {string.Join(" and ", missing)} (the lab's data is in the repository's data/ folder)");
        return path;
    }
}
