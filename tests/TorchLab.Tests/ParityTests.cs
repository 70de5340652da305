using System.Text.Json;
using TorchLab.Outputs;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// The program's training (RunSetup's data, model and <c>torch.optim.Adam</c>, the shared loop)
/// against PyTorch 1.13 running the same protocol. The fixtures are benchmarks/pytorch_lab.py's
/// output at the models' own thread count: <c>--model tiny-cnn --epochs 2</c>, <c>--model seq-cnn --epochs 1</c>, <c>--model seq-attn --epochs 3</c>,
/// and <c>--model tiny-cnn --epochs 20 --lr 0.01 --lr-schedule cosine --patience 2</c>.
/// </summary>
[Collection(nameof(Serial))]
public class ParityTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    internal static JsonDocument Fixture(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", name)));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Count, actual.Count);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < tolerance, $"{what}: max |TorchLab - PyTorch| = {worst:E2} over {expected.Count} values");
    }

    [Theory]
    [InlineData("tiny-cnn", 2, "tiny_cnn_2_epochs.json")]
    [InlineData("seq-cnn", 1, "seq_cnn_1_epoch.json")]   // dropout: its masks must be PyTorch's too
    // Attention, layer norm and four dropouts inside libtorch's C++ encoder layer against PyTorch's Python one.
    [InlineData("seq-attn", 3, "seq_attn_3_epochs.json")]
    public void Every_step_and_epoch_matches_pytorch(string model, int epochs, string fixture)
    {
        using var json = Fixture(fixture);
        using var setup = RunSetup.Protocol(ModelRecipe.Find(model)!, DataFiles.Folder, CPU);
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train, setup.Valid, epochs, cancel: TestContext.Current.CancellationToken);
        AssertClose(Doubles(json.RootElement.GetProperty("step_losses")), history.StepLosses, $"{model} per-step loss");
        var epochsJson = json.RootElement.GetProperty("history").EnumerateArray().ToList();
        AssertClose(epochsJson.Select(e => e.GetProperty("valid_loss").GetDouble()).ToList(), history.Epochs.Select(e => e.ValidLoss).ToList(), $"{model} validation loss");
        Assert.Equal(epochsJson.Select(e => e.GetProperty("valid_accuracy").GetDouble()), history.Epochs.Select(e => e.ValidAccuracy));
        Assert.Equal(epochsJson.Select(e => e.GetProperty("train_accuracy").GetDouble()), history.Epochs.Select(e => e.TrainAccuracy));
    }

    [Fact]
    public void A_cosine_schedule_with_early_stopping_matches_pytorch_to_the_test_score()
    {
        using var json = Fixture("tiny_cnn_cosine_patience.json");
        var run = folder.File("run");
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "20", "--lr", "0.01", "--lr-schedule", "cosine", "--patience", "2",
            "--out", run);
        Assert.True(code == 0, output);
        var expected = json.RootElement;

        using var scope = NewDisposeScope();
        var checkpoint = PtFile.Load(Path.Combine(run, RunOutputs.CheckpointFile));
        AssertClose(Doubles(expected.GetProperty("step_losses")), checkpoint["history.step_losses"].data<double>().ToArray(), "per-step loss");
        var epochs = expected.GetProperty("history").EnumerateArray().ToList();
        var rows = File.ReadAllLines(Path.Combine(run, "history.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.GetProperty("epochs_run").GetInt32(), rows.Count);   // stopped early, as PyTorch did
        AssertClose(epochs.Select(e => e.GetProperty("learning_rate").GetDouble()).ToList(), rows.Select(r => double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            "learning rate", 1e-12);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(expected.GetProperty("best_epoch").GetInt32(), metrics.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(expected.GetProperty("test_accuracy").GetDouble(), metrics.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Contains("early stopping: no better validation loss for 2 epochs after epoch 13", output);
        Assert.Contains("not the protocol; PyTorch reached", output);

        // Early stopping ended the run: resuming it has nothing to continue, and says so.
        (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "20", "--resume", Path.Combine(run, RunOutputs.CheckpointFile));
        Assert.Equal(2, code);
        Assert.Contains("the run stopped early after epoch 15, 2 epochs without a better validation loss than epoch 13's", output);
    }
}
