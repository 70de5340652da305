using TorchLab.Outputs;

namespace TorchLab.TorchLab.Tests.Inspection;

/// <summary>The lab end to end with one epoch per model: the inspection's figures land in out/inspect and the report shows them.</summary>
[Collection(nameof(Serial))]   // trains in-process on the global generator
public class LabInspectionTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_lab_draws_what_the_models_learned_and_the_shift_chart_into_its_report()
    {
        var (code, output) = CliRunner.Run("--out", folder.Path, "--models", "tiny-cnn", "seq-sketch", "seq-cnn", "seq-attn", "--epochs", "1");
        Assert.True(code == 0, output);
        Assert.Contains("seq-cnn: 32 conv1 filters", output);
        Assert.Contains("shift -10..10, seq-sketch:", output);
        Assert.Contains("shift -10..10, seq-cnn:", output);
        Assert.Contains("shift -10..10, seq-attn:", output);
        Assert.Matches(@"seq-attn: positions 29-32 \(the junction\) receive \d+\.\d % \(EI\), \d+\.\d % \(IE\), \d+\.\d % \(N\) of the attention \(evenly 6\.7 %\)", output);
        Assert.DoesNotContain("seq-gru", output[output.IndexOf("What the models learned", StringComparison.Ordinal)..]);   // not trained, not scored

        string[] figures = ["tiny_cnn_kernels.png", "tiny_cnn_feature_maps.png", "seq_cnn_filters.png", "seq_cnn_firing.png",
            "seq_attn_attention_EI.png", "seq_attn_attention_IE.png", "seq_attn_attention_N.png", "seq_attn_attention_received.png", "shift_accuracy.png"];
        foreach (var png in figures)
            Assert.True(Images.PngFile.ReadRgb(folder.File("inspect", png)).GetLength(2) >= 600, $"{png} too small");
        Assert.Equal(figures.Order(), Directory.GetFiles(folder.File("inspect")).Select(Path.GetFileName).Order());   // no temporary files left
        // The next lab refuses what its layout does not name, so every figure of the lab's own folders must be named there.
        foreach (var inner in Directory.GetDirectories(folder.Path).Select(Path.GetFileName).Where(n => !LabOutputs.Layout.RunFolders.Contains(n!)))
        {
            var undeclared = Directory.GetFileSystemEntries(folder.File(inner!)).Select(Path.GetFileName).Where(n => !LabOutputs.Layout.Inside(inner!).Allows(n!));
            Assert.True(!undeclared.Any(), $"{inner}/ holds {string.Join(", ", undeclared)}, which LabOutputs.Layout does not name");
        }

        var report = File.ReadAllText(folder.File("report.md"));
        var (check, final) = (report.IndexOf("## Check", StringComparison.Ordinal), report.IndexOf("## Report", StringComparison.Ordinal));
        var learned = report.IndexOf("### What the models learned", StringComparison.Ordinal);
        Assert.True(check < learned && learned < final, "the learned figures belong in Check");
        foreach (var png in figures[..^1]) Assert.Contains($"(inspect/{png})", report[learned..final]);
        Assert.Contains("(inspect/shift_accuracy.png)", report[final..]);
        Assert.Contains("**The junction, checked.**", report);
        Assert.Contains("**Where seq-attn looks.**", report[learned..final]);
        Assert.Matches(@"So the model (does|does not) look at the boundary itself\.", report);
        Assert.Contains("**Attention beside convolution and recurrence.**", report[final..]);
        Assert.Equal(32, report.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("/20 |", StringComparison.Ordinal)));
        Assert.Contains("`seq-sketch` averages over all positions", report);
        Assert.Contains("| seq-cnn | ", report[final..]);
    }
}
