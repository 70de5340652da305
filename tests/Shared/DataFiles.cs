namespace TorchLab;

/// <summary>
/// The repository's data/ files, which tests/Directory.Build.props copies beside every test
/// assembly: no search for the repository, and published tests (scripts/gpu-check.sh) carry them.
/// </summary>
internal static class DataFiles
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "data");

    public static string File(string name) => Path.Combine(Folder, name);
}
