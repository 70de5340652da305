using System.CommandLine;

namespace TorchLab.Cli;

/// <summary>Options several commands share, declared once.</summary>
public static class LabOptions
{
    /// <summary><c>--seed</c>.</summary>
    public static Option<long> Seed() => new("--seed") { Description = "Random seed for the split, initialisation, shuffling and dropout", DefaultValueFactory = _ => 0 };

    /// <summary><c>--device</c>.</summary>
    public static Option<string> Device() => new("--device") { Description = "auto, cpu, cuda or cuda:N (auto picks CUDA when available)", DefaultValueFactory = _ => "auto" };

    /// <summary><c>--data</c>.</summary>
    public static Option<string> Data() => new("--data") { Description = "Folder holding digits.csv, splice.csv and the images", DefaultValueFactory = _ => DefaultDataFolder() };

    /// <summary><c>--verbose</c>.</summary>
    public static Option<bool> Verbose() => new("--verbose") { Description = "Show stack traces on errors", Recursive = true };

    /// <summary>
    /// data/ of the repository when run from anywhere inside it (dotnet run from the root, tests
    /// from bin/), else ./data.
    /// </summary>
    public static string DefaultDataFolder()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "TorchLab.sln")))
                return Path.Combine(folder.FullName, "data");
        return "data";
    }
}
