using System.Text.Json;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Each model the lab trains (<see cref="ModelRecipe.All"/>) against its PyTorch twin
/// (benchmarks/pytorch_lab.py), from the numbers tests/Models.Tests/pytorch/models_reference.py
/// printed: parameter count, state-dict keys, and the logits of the seeded model on a fixed input.
/// </summary>
// Serial: the models are seeded through libtorch's global generator, which other tests draw from.
[Collection(nameof(Serial))]
public class ModelRecipeTests
{
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "models.json"))).RootElement;

    public static TheoryData<string> Names => new(ModelRecipe.All.Select(r => r.Name));

    [Fact]
    public void Every_model_has_a_pytorch_reference() =>
        Assert.Equal(Expected.EnumerateObject().Select(p => p.Name).Order(), ModelRecipe.All.Select(r => r.Name).Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void Model_matches_its_pytorch_twin(string name)
    {
        var expected = Expected.GetProperty(name);
        manual_seed(0);
        using var model = ModelRecipe.Find(name)!.Create();
        model.eval();
        using var scope = NewDisposeScope();

        Assert.Equal(expected.GetProperty("parameters").GetInt64(), model.parameters().Sum(p => p.numel()));
        Assert.Equal(expected.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), model.state_dict().Keys);

        var shape = expected.GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var input = tensor(Enumerable.Range(0, (int)count).Select(i => (float)((i * 37 % 101) / 50.0 - 1.0)).ToArray(), shape);
        using var noGrad = no_grad();
        var logits = model.call(input);
        Assert.Equal(expected.GetProperty("logits_shape").EnumerateArray().Select(d => d.GetInt64()), logits.shape);
        var reference = expected.GetProperty("logits").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var worst = logits.data<float>().Zip(reference, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst < 1e-5, $"{name}: max |TorchLab - PyTorch| logit = {worst:E2}");
    }
}
