using TorchLab.Runs;
using TorchLab.Storage.Files;
using TorchLab.Storage.Folders;
using TorchLab.Storage.Serialization;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.Outputs;

/// <summary>The files of a run's output folder; each is written atomically.</summary>
public static class RunOutputs
{
    /// <summary>What a resumed run continues from; it stays beside the finished run's files.</summary>
    public const string CheckpointFile = "checkpoint.pt";

    /// <summary>Every file a finished run leaves, in the order they are written.</summary>
    public static readonly IReadOnlyList<string> Files =
        ["history.csv", "metrics.json", "loss.png", "confusion.png", "model.pt", CheckpointFile, "report.md"];

    /// <summary>What a run folder may hold: only these files.</summary>
    public static readonly FolderLayout Layout = new(Files, []);

    /// <summary>Writes history.csv, metrics.json, the figures and model.pt (the best epoch's weights, which PyTorch
    /// opens); the caller adds report.md.</summary>
    public static void Write(RunResult result, nn.Module model)
    {
        var folder = result.Settings.OutputFolder;
        AtomicFile.WriteAllText(Path.Combine(folder, "history.csv"), HistoryCsv.Format(result.History));
        AtomicFile.WriteAllText(Path.Combine(folder, "metrics.json"), MetricsJson.Format(result));
        RunFigures.Write(result, folder);
        using var scope = NewDisposeScope();
        PtFile.Save(model.state_dict(), Path.Combine(folder, "model.pt"));
    }
}
