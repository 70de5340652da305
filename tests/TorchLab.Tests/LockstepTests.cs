using TorchLab.Inspection;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;
using TorchLab.ByHand;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Training by hand against TorchSharp: a whole epoch of tiny-cnn in lockstep (losses, weights,
/// Adam's moments, test predictions), and for the three models with dropout the proof that the
/// replayed masks are torch's: the by-hand train-mode logits equal TorchSharp's, and masks drawn
/// from another generator state do not.
/// </summary>
// Serial: the runs seed and replay libtorch's global generator.
[Collection(nameof(Serial))]
public class LockstepTests
{
    [Fact]
    public void One_epoch_of_tiny_cnn_by_hand_reaches_torchsharps_weights()
    {
        var recipe = ModelRecipe.TinyCnn;
        var result = LockstepRun.Run(recipe, DataFiles.Folder, steps: 21);

        Assert.Equal(result.BatchesPerEpoch, result.Steps);
        var message = $"tiny-cnn, {result.Steps} steps: loss {result.MaxLossDifference:E2}, logits "
            + $"{result.MaxLogitDifference:E2}, weights {result.MaxWeightDifference:E2}, moments "
            + $"{result.MaxMomentDifference:E2} (tolerances {result.Tolerance}), "
            + $"{result.Test.AgreeingPredictions}/{result.Test.Examples} test predictions equal";
        Assert.True(result.Passed, message);
        Assert.True(result.TorchLosses[^1] < result.TorchLosses[0] - 0.01, $"the loss did not fall: {message}");
    }

    [Fact]
    public void The_lockstep_losses_are_the_shared_loops_own()
    {
        var recipe = ModelRecipe.SeqCnn;
        var lockstep = LockstepRun.Run(recipe, DataFiles.Folder, steps: 3);
        set_num_threads(recipe.Threads);
        using var setup = RunSetup.Protocol(recipe, DataFiles.Folder, CPU);
        var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train.Take(3), setup.Valid, epochs: 1);

        Assert.Equal(history.StepLosses, lockstep.TorchLosses);
    }

    [Theory]
    [InlineData("seq-cnn")]
    [InlineData("seq-gru")]
    [InlineData("seq-attn")]
    public void Replayed_dropout_masks_give_torchsharps_train_mode_logits(string name)
    {
        var recipe = ModelRecipe.Find(name)!;
        var rows = recipe.LoadData(DataFiles.Folder, 0).Train.Rows(0, 12);
        manual_seed(5);
        using var model = recipe.Create();
        var weights = ByHandForward.Weights(model);
        var (x, y) = rows.ToTensors(CPU);
        using (x)
        using (y)
        {
            using var before = get_rng_state();
            model.train();
            float[] expected;
            using (no_grad())
                expected = model.call(x).data<float>().ToArray();
            using var after = get_rng_state();
            var inputs = ByHandForward.Inputs(rows);
            var labels = rows.Labels.Select(l => (int)l).ToArray();

            var replayed = ByHandTraining.Step(name, weights, inputs, labels, DropoutReplay.Masks(name, 12, before));
            var other = ByHandTraining.Step(name, weights, inputs, labels, DropoutReplay.Masks(name, 12, after));

            var difference = LockstepRun.RelativeDifference(replayed.Logits.Data, expected);
            var wrong = LockstepRun.RelativeDifference(other.Logits.Data, expected);
            Assert.True(difference <= 1e-5, $"{name}: replayed masks, relative logit difference {difference:E2}");
            Assert.True(wrong > 1e-2, $"{name}: masks from the state after the forward pass differ only by {wrong:E2}");
        }
    }

    // The lab's step on a model trained one epoch: the step, its report row, its figure, exit code 0.
    [Fact]
    public void The_lab_trains_by_hand_and_reports_it()
    {
        using var folder = new TempFolder();
        var (code, output) = CliRunner.Run("--models", "tiny-cnn", "--epochs", "1", "--out", folder.Path);
        Assert.True(code == 0, output);
        Assert.Contains("4. Training by hand", output);
        Assert.Contains("All 1 models trained by hand in lockstep with TorchSharp", output);
        var report = File.ReadAllText(folder.File("report.md"));
        Assert.Contains("### Training by hand", report);
        var row = report.Split('\n').Single(l => l.StartsWith("| tiny-cnn | 21 (1 epoch) |", StringComparison.Ordinal));
        Assert.Contains("| 360/360 |", row);
        Assert.EndsWith("| PASS |", row);
        var figure = new FileInfo(folder.File("compare", "training-by-hand.png"));
        Assert.True(figure.Exists && figure.Length > 10_000, $"{figure.FullName}: no loss figure");
    }
}
