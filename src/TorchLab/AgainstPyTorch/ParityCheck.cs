using TorchLab.Plotting;
using TorchLab.Runs;

namespace TorchLab.AgainstPyTorch;

/// <summary>
/// Each finished run beside PyTorch 1.13's run of the same protocol (data/pytorch-reference), step
/// by step, and the figure of the differences: parity/loss_drift.png in the lab's folder.
/// </summary>
public static class ParityCheck
{
    public const string Figure = "loss_drift.png";

    public static ParityFindings Run(string outFolder, string folderName, IReadOnlyList<RunResult> runs)
    {
        var compared = new List<LossDrift>();
        var skipped = new List<(string, string)>();
        foreach (var run in runs)
        {
            var path = PyTorchReference.PathFor(run.Settings.DataFolder, run.Name);
            try
            {
                var reference = PyTorchReference.Read(path);
                var epochs = run.History.Epochs.Count;
                var why = reference.Differs(run.Settings)
                    ?? (epochs == reference.Epochs ? null : $"the run ended after {epochs} epochs");
                if (why is null) compared.Add(LossDrift.Of(run, reference));
                else skipped.Add((run.Name, $"{why}, so {path} does not apply"));
            }
            catch (ReferenceFileException e)
            {
                skipped.Add((run.Name, e.Message));
            }
        }
        if (compared.Count == 0) return new ParityFindings(compared, skipped, null);

        var folder = Path.Combine(outFolder, folderName);
        Directory.CreateDirectory(folder);
        var series = compared.Select(d => new LossDriftSeries(d.Model, d.Differences, d.StepsPerEpoch)).ToList();
        LossDriftFigure.SavePng(
            Path.Combine(folder, Figure),
            series,
            "|TorchSharp − PyTorch 1.13| train loss per step",
            LossDrift.Tolerance);
        return new ParityFindings(compared, skipped, $"{folderName}/{Figure}");
    }
}
