namespace TorchLab.Training.Tests;

/// <summary>The repository's data folder, found from the test's output folder.</summary>
internal static class LabData
{
    public static string Folder { get; } = Find();

    public static string File(string name) => Path.Combine(Folder, name);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "TorchLab.sln")))
                return Path.Combine(folder.FullName, "data");
        throw new DirectoryNotFoundException("no TorchLab.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>Tests that read the process-wide live-tensor count or train for long run alone.</summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
