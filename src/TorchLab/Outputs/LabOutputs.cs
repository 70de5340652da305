using TorchLab.Runs;
using TorchLab.Storage.Files;
using TorchLab.Storage.Folders;
using TorchLab.Training.Data;

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

    /// <summary>Why the models decided: attribution logos, mutagenesis heatmaps, digit attribution maps.</summary>
    public const string Explain = "explain";

    /// <summary>The runs against PyTorch's references, step by step (the loss drift figure).</summary>
    public const string Parity = "parity";

    // Written into the same folder by `bench`, whose default --out is the lab's.
    private static readonly string[] BenchFiles = ["bench.json", "bench.png"];

    // What the lab's own folders hold: the figures each phase draws (ComparisonFigures, GradientFigures and
    // LabReport's lockstep figure; LearnedFigures; ExplanationFigures; ParityCheck). The lab replaces these
    // folders whole, so a name missing here is refused in the next lab's out/ (LabInspectionTests runs a lab and
    // checks its out/ against this layout).
    private static readonly Dictionary<string, FolderLayout> Folders = new()
    {
        [Compare] = new(["toy_square.png", "toy_feature_map.png", "step_response.png", "ihc_layer.png",
            "microaneurysms_edges.png", "dna_attention.png", "toy_input_gradient.png", "training-by-hand.png"], []),
        [Inspect] = new(["tiny_cnn_kernels.png", "tiny_cnn_feature_maps.png", "seq_cnn_filters.png",
            "seq_cnn_firing.png", .. SpliceCsv.Classes.Select(c => $"seq_attn_attention_{c}.png"),
            "seq_attn_attention_received.png", "shift_accuracy.png"], []),
        [Explain] = new([.. new[] { "seq_cnn", "seq_gru", "seq_attn" }
                .SelectMany(model => new[] { $"{model}_logos.png", $"{model}_mutagenesis.png" }),
            "tiny_cnn_attributions.png", "tiny_cnn_class_means.png"], []),
        [Parity] = new(["loss_drift.png"], []),
    };

    /// <summary>
    /// What the lab's folder may hold; the model folders are run folders of their own, and the lab's
    /// own folders (compare/, inspect/, explain/, parity/) hold only the lab's figures.
    /// </summary>
    public static readonly FolderLayout Layout = new(
        [Report, .. Folders.Keys, .. BenchFiles, .. ModelRecipe.All.Select(r => r.Name)],
        [.. ModelRecipe.All.Select(r => r.Name)],
        RunOutputs.Layout,
        Folders);

    /// <summary>
    /// Copies into <paramref name="staging"/> the entries of the earlier lab in
    /// <paramref name="target"/> that this lab does not write: the folders of the models it does
    /// not train, and bench's files. Returns their names.
    /// </summary>
    public static IReadOnlyList<string> CarryOver(string target, string staging, IEnumerable<ModelRecipe> trained)
    {
        if (!Directory.Exists(target)) return [];
        var written = trained.Select(r => r.Name).Append(Report).Concat(Folders.Keys).ToHashSet();
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
