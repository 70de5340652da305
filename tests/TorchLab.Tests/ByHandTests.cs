using TorchLab.ByHand;
using TorchLab.Checkpoints;
using TorchLab.Inspection;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// The lab's architectures recomputed with src/Manual alone against TorchSharp's forward pass:
/// seeded fresh models on part of the test set, a trained one on all of it, the lab's phase,
/// and a perturbed weight that must make the check fail.
/// </summary>
// Serial: models are seeded through libtorch's global generator, and the lab test trains.
[Collection(nameof(Serial))]
public class ByHandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Names => new(ModelRecipe.All.Select(r => r.Name));

    private static ByHandResult CheckFresh(string name, long seed, int rows, Action<Dictionary<string, Manual.NdArray>>? perturb = null)
    {
        var recipe = ModelRecipe.Find(name)!;
        var test = recipe.LoadData(DataFiles.Folder, 0).Test.Rows(0, rows);
        manual_seed(seed);
        using var model = recipe.Create();
        var weights = ByHandForward.Weights(model);
        perturb?.Invoke(weights);
        return ByHandCheck.Compare(recipe, model, weights, test);
    }

    private static void AssertPassed(ByHandResult r) =>
        Assert.True(r.Passed, $"{r.Model}: max |by hand - TorchSharp| logit = {r.MaxAbsDifference:E2} (relative {r.MaxRelativeDifference:E2}, "
            + $"tolerance {r.Tolerance:E0}), {r.AgreeingPredictions}/{r.Examples} predictions equal");

    [Theory]
    [MemberData(nameof(Names))]
    public void A_fresh_seeded_model_by_hand_gives_torchsharps_logits(string name)
    {
        var result = CheckFresh(name, seed: 3, rows: 40);
        Assert.Equal(40, result.Examples);
        Assert.True(result.LogitScale > 0.01, $"{name}: logits of size {result.LogitScale} would make the comparison empty");
        AssertPassed(result);
    }

    // One value moved by 0.05, about a tenth of a typical initial weight.
    [Theory]
    [InlineData("seq-cnn", "conv1.weight", 0)]
    [InlineData("seq-gru", "gru.bias_hh_l0_reverse", 64)]   // the candidate gate's (rows 2H..3H) first unit
    [InlineData("tiny-cnn", "fc.bias", 0)]
    [InlineData("seq-attn", "encoder.self_attn.in_proj_weight", 32 * 32)]   // the key projection's first weight: it acts only through the softmax
    public void A_perturbed_weight_fails_the_check(string name, string key, int index)
    {
        var result = CheckFresh(name, seed: 3, rows: 20, weights => weights[key].Data[index] += 0.05f);
        Assert.False(result.Passed, $"{name} with {key}[{index}] + 0.05 passed: relative difference {result.MaxRelativeDifference:E2}");
        Assert.True(result.MaxRelativeDifference > ByHandResult.RelativeTolerance, $"relative difference {result.MaxRelativeDifference:E2}");
    }

    [Fact]
    public void Missing_weights_are_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => CheckFresh("seq-sketch", 3, 5, weights => weights.Remove("fc.bias")));
        Assert.Contains("the weights have no 'fc.bias'", error.Message);
    }

    // The lab's phase on a model trained one epoch: its table row, and the same check on its model.pt.
    [Fact]
    public void The_lab_recomputes_each_trained_model_and_reports_it()
    {
        var (code, output) = CliRunner.Run("--models", "tiny-cnn", "--epochs", "1", "--out", folder.Path);
        Assert.True(code == 0, output);
        Assert.Contains("3. The trained models by hand", output);
        Assert.Contains("All 1 trained models recomputed by hand", output);
        var report = File.ReadAllText(folder.File("report.md"));
        Assert.Contains("### The trained models by hand", report);
        var row = report.Split('\n').Single(l => l.StartsWith("| tiny-cnn | 360 |"));
        Assert.Contains("| 360/360 |", row);
        Assert.EndsWith("| PASS |", row);

        var recipe = ModelRecipe.TinyCnn;
        using var model = TrainedModel.Load(recipe, folder.File("tiny-cnn"));
        var result = ByHandCheck.Run(recipe, model, recipe.LoadData(DataFiles.Folder, 0).Test);
        Assert.Equal(360, result.Examples);
        AssertPassed(result);
    }
}
