using System.Text.Json;
using TorchLab.Models;
using TorchLab.Training.Data;
using static TorchSharp.torch;

namespace TorchLab.Training.Tests;

/// <summary>
/// The shared loop against PyTorch 1.13 running the same protocol (benchmarks/pytorch_lab.py):
/// the fixtures hold its per-step losses, made with
/// <c>/usr/bin/python3 benchmarks/pytorch_lab.py --model tiny-cnn --epochs 2</c> and
/// <c>--model seq-cnn --epochs 1</c>.
/// </summary>
[Collection(nameof(Serial))]
public class ParityTests
{
    private static double[] PyTorchLosses(string fixture)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", fixture)));
        return json.RootElement.GetProperty("step_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
    }

    private static History Train(nn.Module<Tensor, Tensor> model, (LabeledData train, LabeledData test) data, int epochs)
    {
        using var train = new TensorDataset(data.train);
        using var test = new TensorDataset(data.test);
        using var optimizer = new LeanAdam(model.parameters(), 1e-3);
        return TrainingLoop.Fit(model, optimizer, new DataLoader(train, 64, shuffle: true), new DataLoader(test, 64, shuffle: false),
            new FitOptions { Epochs = epochs });
    }

    private static void AssertLosses(double[] expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-5, $"{what}: max |TorchLab - PyTorch| per-step loss = {worst:E2}");
    }

    [Fact]
    public void Tiny_cnn_two_epochs_reproduce_pytorchs_per_step_losses()
    {
        var data = LabSplits.Digits(DataFiles.File("digits.csv"), 0);
        manual_seed(0);
        using var model = new TinyCnn();
        AssertLosses(PyTorchLosses("tiny_cnn_2_epochs.json"), Train(model, data, 2).StepLosses, "tiny-cnn");
    }

    [Fact]
    public void Seq_cnn_with_dropout_reproduces_pytorchs_per_step_losses()
    {
        var data = LabSplits.Splice(DataFiles.File("splice.csv"));
        manual_seed(0);
        using var model = new SeqCnn();
        AssertLosses(PyTorchLosses("seq_cnn_1_epoch.json"), Train(model, data, 1).StepLosses, "seq-cnn");
    }
}
