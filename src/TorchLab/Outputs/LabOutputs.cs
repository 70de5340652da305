using TorchLab.Runs;
using TorchLab.Storage.Files;
using TorchLab.Storage.Folders;

namespace TorchLab.Outputs;

/// <summary>
/// The lab's folder (<c>out/</c>): report.md, compare/ and a run folder per model, plus bench's
/// files. The lab replaces it as one <see cref="RunFolder"/>; what this lab does not write again
/// is carried over from the earlier one.
/// </summary>
public static class LabOutputs
{
    public const string Report = "report.md";

    public const string Compare = "compare";

    /// <summary>The figures of what the trained models learned (filters, feature maps, the shift test).</summary>
    public const string Inspect = "inspect";

    /// <summary>The runs against PyTorch's references, step by step (the loss drift figure).</summary>
    public const string Parity = "parity";

    // Written into the same folder by `bench`, whose default --out is the lab's.
    private static readonly string[] BenchFiles = ["bench.json", "bench.png"];

    /// <summary>What the lab's folder may hold; the model folders are run folders of their own.</summary>
    public static readonly FolderLayout Layout = new(
        [Report, Compare, Inspect, Parity, .. BenchFiles, .. ModelRecipe.All.Select(r => r.Name)],
        [.. ModelRecipe.All.Select(r => r.Name)],
        RunOutputs.Layout);

    /// <summary>
    /// Copies into <paramref name="staging"/> the entries of the earlier lab in
    /// <paramref name="target"/> that this lab does not write: the folders of the models it does
    /// not train, and bench's files. Returns their names.
    /// </summary>
    public static IReadOnlyList<string> CarryOver(string target, string staging, IEnumerable<ModelRecipe> trained)
    {
        if (!Directory.Exists(target)) return [];
        var written = trained.Select(r => r.Name).Append(Report).Append(Compare).Append(Inspect).Append(Parity)
            .ToHashSet();
        var carried = new List<string>();
        foreach (var name in Layout.Entries.Where(n => !written.Contains(n)))
        {
            var from = Path.Combine(target, name);
            if (Directory.Exists(from))
            {
                // A run folder holds files only (RunFolder refuses anything else in it).
                Directory.CreateDirectory(Path.Combine(staging, name));
                foreach (var file in Directory.GetFiles(from))
                    Copy(file, Path.Combine(staging, name, Path.GetFileName(file)));
            }
            else if (File.Exists(from)) Copy(from, Path.Combine(staging, name));
            else continue;
            carried.Add(name);
        }
        return carried;
    }

    private static void Copy(string from, string to) => AtomicFile.Write(to, temporary => File.Copy(from, temporary));
}
