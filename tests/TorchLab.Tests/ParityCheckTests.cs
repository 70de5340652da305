using TorchLab.Outputs;
using TorchLab.AgainstPyTorch;
using TorchLab.Reports;
using TorchLab.Runs;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// The lab's parity stage on runs built from a reference itself (no training): the figure is written
/// only for a run of the reference's protocol, and every other run gets one line saying why.
/// </summary>
public class ParityCheckTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    // seq-sketch's reference replayed as a run, its losses moved by `shift` from the 5th epoch on.
    private static RunResult Replay(TrainSettings settings, double shift, double accuracy)
    {
        var reference = PyTorchReference.Read(PyTorchReference.PathFor(DataFiles.Folder, settings.Recipe.Name));
        var history = new History();
        var start = 4 * reference.StepsPerEpoch;
        history.StepLosses.AddRange(reference.StepLosses.Select((loss, i) => loss + (i >= start ? shift : 0.0)));
        for (var e = 1; e <= settings.Epochs; e++) history.Epochs.Add(new EpochRecord(e, 1, 0.5, 1, 0.5, 1e-3, 0.1));
        var confusion = new int[3, 3];
        confusion[0, 0] = (int)Math.Round(accuracy * 1186);
        confusion[0, 1] = 1186 - confusion[0, 0];
        var metrics = new ClassificationMetrics(accuracy, ["EI", "IE", "N"], confusion, [0, 0, 0], [0, 0, 0]);
        return new RunResult(settings, history, metrics, 0.1, reference.BestEpoch, Interrupted: false);
    }

    [Fact]
    public void A_protocol_run_is_measured_and_drawn_and_another_run_is_one_line_of_why_not()
    {
        var recipe = ModelRecipe.SeqSketch;
        var protocol = TrainSettings.For(recipe, CPU, folder.File("seq-sketch"), DataFiles.Folder);
        var shorter = protocol with { Epochs = 2 };
        var runs = new[] { Replay(protocol, 1e-3, 622 / 1186.0), Replay(shorter, 0, 0.5) };

        var parity = ParityCheck.Run(folder.Path, LabOutputs.Parity, runs);

        var drift = Assert.Single(parity.Compared);
        Assert.Equal(1e-3, drift.Largest, 1e-6);
        Assert.True(drift.LargestInFirstEpochs < 1e-12, $"first epochs: {drift.LargestInFirstEpochs:E2}");
        Assert.Equal(5, drift.FirstEpochOverTolerance);
        Assert.Equal(1, drift.TestExamplesApart);
        var (model, reason) = Assert.Single(parity.NotCompared);
        Assert.Equal("seq-sketch", model);
        Assert.StartsWith("the run's epochs, lr, batch, seed, threads (2,", reason);
        Assert.Equal("parity/loss_drift.png", parity.Figure);
        Assert.True(new FileInfo(folder.File("parity", "loss_drift.png")).Length > 1000, "no figure written");

        var report = string.Join('\n', ParitySection.Lines(parity));
        Assert.Contains("- seq-sketch is compared with nothing: the run's epochs", report);
        Assert.Contains("| seq-sketch | 1160 | 0 (epochs 1-3) | 1.0E-03 | 5 | 52.45 % | 52.36 % | +1 of 1186 |",
            report);
        Assert.Contains("seq-sketch passes 1e-5 in epoch 5", report);
        Assert.Contains("The test scores differ for seq-sketch (+1 of 1186 test examples)", report);
    }

    [Fact]
    public void No_run_of_the_protocol_writes_no_figure()
    {
        var settings = TrainSettings.For(ModelRecipe.SeqSketch, CPU, "", DataFiles.Folder) with { Seed = 1 };
        var parity = ParityCheck.Run(folder.Path, LabOutputs.Parity, [Replay(settings, 0, 0.5)]);
        Assert.Empty(parity.Compared);
        Assert.Null(parity.Figure);
        Assert.False(Directory.Exists(folder.File("parity")));
        Assert.Equal(["### Every step against PyTorch", ""], ParitySection.Lines(parity).Take(2));
    }
}
