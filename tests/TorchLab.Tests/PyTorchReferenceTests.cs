using TorchLab.AgainstPyTorch;
using TorchLab.Runner;
using TorchLab.Runs;
using TorchLab.Training;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// data/pytorch-reference: each model's full protocol run by PyTorch 1.13, read back, checked against
/// the recipe it claims to be, and against a short run of our own training for its first epochs.
/// </summary>
[Collection(nameof(Serial))]
public class PyTorchReferenceTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Names => new(ModelRecipe.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_reference_is_labelled_and_is_its_recipes_protocol(string model)
    {
        var recipe = ModelRecipe.Find(model)!;
        var reference = PyTorchReference.Read(PyTorchReference.PathFor(DataFiles.Folder, model));
        Assert.Equal(model, reference.Model);
        Assert.Null(reference.Differs(TrainSettings.For(recipe, CPU, "", DataFiles.Folder)));
        Assert.StartsWith("/usr/bin/python3 benchmarks/pytorch_lab.py --model " + model, reference.Source.Command);
        Assert.StartsWith("1.13", reference.Source.Torch);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", reference.Source.Date);
        Assert.NotEmpty(reference.Source.Cpu);
        Assert.Equal(recipe.ReferenceAccuracy, reference.TestAccuracy, 1e-12);   // the recipe quotes the same score
        var shorter = TrainSettings.For(recipe, CPU, "", "") with { Epochs = 1 };
        Assert.Contains("the run's epochs", reference.Differs(shorter));
    }

    // The report's first-epochs claim, where it is cheap: a few seconds of training per model.
    [Theory]
    [MemberData(nameof(Names))]
    public void The_first_epochs_match_the_reference_to_1e_5(string model)
    {
        var recipe = ModelRecipe.Find(model)!;
        var reference = PyTorchReference.Read(PyTorchReference.PathFor(DataFiles.Folder, model));
        var threads = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(recipe.Threads);
        try
        {
            using var setup = RunSetup.Protocol(recipe, DataFiles.Folder, CPU);
            var epochs = LossDrift.CheckedEpochs;
            var history = TrainingLoop.Fit(setup.Model, setup.Optimizer, setup.Train, setup.Valid, epochs);
            var expected = reference.StepLosses.Take(history.StepLosses.Count).ToList();
            var (worst, step) = history.StepLosses.Select((loss, i) => (Math.Abs(loss - expected[i]), i + 1)).Max();
            Assert.True(worst <= LossDrift.Tolerance,
                $"{model}, {epochs} epochs on {recipe.Threads} thread(s): largest |TorchLab - PyTorch| "
                + $"step loss {worst:E2} at step {step} of {expected.Count}");
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }

    [Theory]
    [InlineData("{\"model\": \"tiny-cnn\",", "not JSON")]
    [InlineData("{\"model\": \"tiny-cnn\"}", "not a PyTorch reference")]
    [InlineData("[1, 2]", "not a PyTorch reference")]
    public void A_bad_file_is_one_error_naming_it(string text, string problem)
    {
        var path = folder.File("tiny-cnn.json");
        File.WriteAllText(path, text);
        var error = Assert.Throws<ReferenceFileException>(() => PyTorchReference.Read(path));
        Assert.StartsWith($"{path}: {problem}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal($"{folder.File("none.json")}: no such file",
            Assert.Throws<ReferenceFileException>(() => PyTorchReference.Read(folder.File("none.json"))).Message);
    }

    [Fact]
    public void Step_losses_that_are_not_whole_epochs_are_refused()
    {
        var path = folder.File("seq-cnn.json");
        var text = File.ReadAllText(PyTorchReference.PathFor(DataFiles.Folder, "seq-cnn")).Replace("\"step_losses\": [",
            "\"step_losses\": [\n  0.5,");
        File.WriteAllText(path, text);
        var error = Assert.Throws<ReferenceFileException>(() => PyTorchReference.Read(path));
        Assert.Matches(@": \d+ step losses are not 40 whole epochs$", error.Message);
    }
}
