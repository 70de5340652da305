using System.Text.Json;
using TorchLab.Checkpoints;
using TorchLab.Models;
using TorchLab.Outputs;
using TorchLab.Storage.Serialization;
using TorchLab.Training;
using TorchSharp;

namespace TorchLab.TorchLab.Tests;

[Collection(nameof(Serial))]
public class TrainCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_diverging_run_exits_1_and_the_program_names_the_learning_rate_option()
    {
        // Adam's first step moves every weight by about the rate, so the second step's loss is NaN.
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--lr", "1e30", "--epochs", "1", "--out", folder.Path);
        Assert.True(code == 1, $"exit code {code}:\n{output}");
        Assert.Contains(
            "training diverged: the loss is NaN at epoch 1, step 2; lower the learning rate (--lr) or check the data",
            output);
    }

    [Fact]
    public void A_run_writes_every_file_and_the_weights_load_back()
    {
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "3", "--out", folder.Path);
        Assert.True(code == 0, output);
        foreach (var file in RunOutputs.Files) Assert.True(File.Exists(folder.File(file)), $"{file} missing; output:\n{output}");

        var history = File.ReadAllLines(folder.File("history.csv"));
        Assert.Equal(4, history.Length);
        Assert.StartsWith("epoch,train_loss,train_accuracy,valid_loss,valid_accuracy", history[0]);
        Assert.DoesNotContain("test", history[0]);
        // PyTorch's run of the same settings: benchmarks/pytorch_lab.py --model tiny-cnn --epochs 3.
        using var pytorch = ParityTests.Fixture("tiny_cnn_3_epochs.json");
        using var metrics = JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json")));
        Assert.Equal(pytorch.RootElement.GetProperty("test_accuracy").GetDouble(), metrics.RootElement.GetProperty("test_accuracy").GetDouble());
        Assert.Equal(pytorch.RootElement.GetProperty("best_epoch").GetInt32(), metrics.RootElement.GetProperty("best_epoch").GetInt32());
        Assert.Equal(360, metrics.RootElement.GetProperty("test_rows").GetInt32());
        Assert.Equal(10, metrics.RootElement.GetProperty("confusion_matrix").GetArrayLength());
        // Three epochs are not the protocol's sixty, so PyTorch's protocol figure is named for what it is.
        Assert.Contains("tiny-cnn: test accuracy 58.61 % with epoch 3's weights", output);
        Assert.Contains("not the protocol; PyTorch reached 97.22 % with the protocol's 60 epochs", output);
        Assert.DoesNotContain("same protocol", output);

        foreach (var png in new[] { "loss.png", "confusion.png" })
        {
            var rgb = Images.PngFile.ReadRgb(folder.File(png));
            Assert.True(rgb.GetLength(1) > 300 && rgb.GetLength(2) > 300, $"{png} is {rgb.GetLength(2)}x{rgb.GetLength(1)}");
        }

        using var scope = torch.NewDisposeScope();
        using var model = new TinyCnn();
        Checkpoint.LoadModel(folder.File("model.pt"), model, PtFile.Load(folder.File("model.pt")));
        Assert.Equal(6, model.state_dict().Count);
    }

    [Fact]
    public void Model_pt_opens_in_pytorch()
    {
        PythonTorch.RequireOrSkip();
        Assert.Equal(0, CliRunner.Run("train", "seq-sketch", "--epochs", "1", "--out", folder.Path).exitCode);
        var output = PythonTorch.Run($"import torch; s = torch.load({PythonTorch.Literal(folder.File("model.pt"))}); print(sorted(s.keys()), tuple(s['conv.weight'].shape))");
        Assert.Equal("['conv.bias', 'conv.weight', 'fc.bias', 'fc.weight'] (8, 4, 5)", output);
    }

    [Fact]
    public void Resume_continues_to_the_same_result_as_an_uninterrupted_run()
    {
        var straight = folder.File("straight");
        var stopped = folder.File("stopped");
        Assert.Equal(0, CliRunner.Run("train", "seq-cnn", "--epochs", "3", "--out", straight).exitCode);
        Assert.Equal(0, CliRunner.Run("train", "seq-cnn", "--epochs", "1", "--out", stopped).exitCode);
        var (code, output) = CliRunner.Run("train", "seq-cnn", "--epochs", "3", "--out", stopped, "--resume", Path.Combine(stopped, "checkpoint.pt"));
        Assert.True(code == 0, output);
        Assert.Contains("resuming after epoch 1", output);

        using var scope = torch.NewDisposeScope();
        var expected = PtFile.Load(Path.Combine(straight, "model.pt"));
        var actual = PtFile.Load(Path.Combine(stopped, "model.pt"));
        foreach (var (name, value) in expected)
            Assert.True(value.data<float>().ToArray().SequenceEqual(actual[name].data<float>().ToArray()), $"{name} differs after resuming");
        string Losses(string run) => string.Join("\n", File.ReadAllLines(Path.Combine(run, "history.csv")).Select(l => string.Join(',', l.Split(',')[..5])));
        Assert.Equal(Losses(straight), Losses(stopped));
    }

    [Fact]
    public void Resume_refuses_options_that_differ_and_epochs_already_done()
    {
        var run = folder.File("run");
        Assert.Equal(0, CliRunner.Run("train", "seq-sketch", "--epochs", "1", "--out", run).exitCode);
        var checkpoint = Path.Combine(run, "checkpoint.pt");

        var (code, output) = CliRunner.Run("train", "seq-sketch", "--epochs", "2", "--lr", "0.5", "--seed", "3", "--resume", checkpoint);
        Assert.Equal(2, code);
        Assert.Contains("--lr 0.5 (the checkpoint's run used 0.001); --seed 3 (the checkpoint's run used 0)", output);

        (code, output) = CliRunner.Run("train", "seq-sketch", "--resume", checkpoint);
        Assert.Equal(2, code);
        Assert.Contains("the run has finished 1 epoch(s) already; pass --epochs above 1", output);

        // Without --out the resumed run writes next to its checkpoint, with the run's own settings.
        (code, output) = CliRunner.Run("train", "seq-sketch", "--epochs", "2", "--resume", checkpoint);
        Assert.True(code == 0, output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs_completed").GetInt32());
    }

    [Fact]
    public void A_cosine_run_is_not_extended_past_its_schedule_and_a_plateau_run_extends_to_the_longer_run()
    {
        // Cosine annealing ends at a learning rate of 0: more epochs would train at 0, so extending is refused.
        var cosine = folder.File("cosine");
        Assert.Equal(0, CliRunner.Run("train", "tiny-cnn", "--epochs", "2", "--lr-schedule", "cosine", "--out", cosine).exitCode);
        var before = Directory.GetFiles(cosine).ToDictionary(f => f, File.ReadAllBytes);
        var checkpoint = Path.Combine(cosine, RunOutputs.CheckpointFile);
        var (code, stdout, stderr) = CliRunner.RunSplit("train", "tiny-cnn", "--epochs", "4", "--resume", checkpoint);
        Assert.True(code == 2, stdout + stderr);
        var line = Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"--resume {checkpoint}: the run's cosine schedule has run its 2 epochs down to a learning rate of 0, so --epochs 4 would train at 0 and change nothing; " +
            "for 4 epochs of cosine annealing, start a new run: train tiny-cnn --epochs 4 --lr-schedule cosine --lr 0.001 --batch-size 64 --seed 0 --out NEW-FOLDER", line);
        Assert.All(before, kv => Assert.Equal(kv.Value, File.ReadAllBytes(kv.Key)));
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(cosine).Order());

        // The plateau schedule does not depend on the epochs to come: 2 epochs extended to 4 are the 4-epoch run, bit for bit.
        var (straight, extended) = (folder.File("straight"), folder.File("extended"));
        Assert.Equal(0, CliRunner.Run("train", "tiny-cnn", "--epochs", "4", "--lr-schedule", "plateau", "--out", straight).exitCode);
        Assert.Equal(0, CliRunner.Run("train", "tiny-cnn", "--epochs", "2", "--lr-schedule", "plateau", "--out", extended).exitCode);
        (code, var output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "4", "--resume", Path.Combine(extended, RunOutputs.CheckpointFile));
        Assert.True(code == 0, output);
        using var scope = torch.NewDisposeScope();
        var expected = PtFile.Load(Path.Combine(straight, "model.pt"));
        var actual = PtFile.Load(Path.Combine(extended, "model.pt"));
        foreach (var (name, value) in expected)
            Assert.True(value.data<float>().ToArray().SequenceEqual(actual[name].data<float>().ToArray()), $"{name} differs after extending");
        string Columns(string run) => string.Join("\n", File.ReadAllLines(Path.Combine(run, "history.csv")).Select(l => string.Join(',', l.Split(',')[..6])));
        Assert.Equal(Columns(straight), Columns(extended));   // losses, accuracies and learning rates
    }
}
