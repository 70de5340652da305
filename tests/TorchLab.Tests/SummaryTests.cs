using System.Text.Json;
using TorchLab.Inspection;
using TorchLab.Runs;
using TorchLab.Storage.Serialization;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// <c>summary</c> and what it builds on: every layer's name, type, output shape and parameter count
/// against PyTorch's reference models caught by forward hooks (tests/Models.Tests/pytorch/models_reference.py
/// wrote fixtures/models.json), one layer's statistics against TorchSharp computed directly, and the
/// command line's output, exit codes and messages.
/// </summary>
// Serial: the models are seeded through libtorch's global generator, which other tests draw from.
[Collection(nameof(Serial))]
public class SummaryTests : IDisposable
{
    private static readonly JsonElement Expected =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "models.json"))).RootElement;

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string> Names => new(ModelRecipe.All.Select(r => r.Name));

    private static nn.Module<Tensor, Tensor> Seeded(string name, long seed = 0)
    {
        manual_seed(seed);
        return ModelRecipe.Find(name)!.Create();
    }

    // The first test batch, as summary and the run's report use it.
    private static Tensor FirstTestBatch(string name)
    {
        var recipe = ModelRecipe.Find(name)!;
        return recipe.LoadData(DataFiles.Folder, 0).Test.Rows(0, recipe.BatchSize).ToTensors().features;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_layer_has_pytorchs_name_type_output_shape_and_parameter_count(string name)
    {
        var expected = Expected.GetProperty(name);
        using var model = Seeded(name);
        using var scope = NewDisposeScope();
        var shape = expected.GetProperty("input_shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
        var input = rand(shape);

        var summary = LayerSummary.Of(model, input);

        var layers = expected.GetProperty("layers").EnumerateArray().Select(l =>
            $"{l.GetProperty("name").GetString()} {l.GetProperty("type").GetString()} {LayerTable.Shape([.. l.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64())])} {l.GetProperty("parameters").GetInt64()}");
        Assert.Equal(layers, summary.Rows.Select(r => $"{r.Name} {r.Type} {LayerTable.Shape(r.OutputShape)} {r.Parameters}"));
        Assert.Equal(expected.GetProperty("parameters").GetInt64(), summary.TotalParameters);
        Assert.Equal(summary.TotalParameters, summary.Rows.Sum(r => r.Parameters));
    }

    [Fact]
    public void A_relus_statistics_are_those_of_its_output_computed_directly()
    {
        using var model = Seeded("tiny-cnn");
        using var scope = NewDisposeScope();
        var x = FirstTestBatch("tiny-cnn");

        var captured = LayerActivations.Capture(model, x);
        var summary = LayerSummary.Of(model, x);

        var conv1 = (Conv2d)model.named_modules().Single(m => m.name == "conv1").module;
        using var noGrad = no_grad();
        var relu = F.relu(conv1.forward(x));
        var row = summary.Rows.Single(r => r.Name == "relu1");
        var direct = new[] { relu.mean().item<float>(), relu.std().item<float>(), relu.min().item<float>(), relu.max().item<float>(), relu.eq(0).to_type(ScalarType.Float32).mean().item<float>() };
        var reported = new[] { row.Mean, row.Std, row.Min, row.Max, row.ZeroFraction!.Value };
        var worst = direct.Zip(reported, (d, r) => Math.Abs(d - r)).Max();
        Assert.True(worst < 1e-6, $"relu1: max |summary - direct| = {worst:E2}; summary {string.Join(", ", reported)}, direct {string.Join(", ", direct)}");
        Assert.InRange(row.ZeroFraction.Value, 0.05, 0.95);   // a ReLU that zeroes some, not all
        Assert.Null(summary.Rows.Single(r => r.Name == "conv1").ZeroFraction);

        var kept = captured.Single(c => c.Name == "relu1").Output;
        Assert.False(kept.requires_grad);
        Assert.Equal(0, (kept - relu).abs().max().item<float>());
        // The hooks are gone: another forward pass adds nothing to what was captured.
        var count = captured.Count;
        model.call(x);
        Assert.Equal(7, count);
        Assert.Equal(count, captured.Count);
    }

    [Fact]
    public void The_command_prints_every_layer_and_the_total()
    {
        var (code, output) = CliRunner.Run("summary", "seq-cnn");
        Assert.True(code == 0, output);
        Assert.Contains("seq-cnn as initialised with seed 0 (no --weights), on the first 64 test rows of splice.csv", output);
        var lines = output.Split('\n');
        foreach (var layer in new[] { "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "dropout", "fc" })
            Assert.Single(lines, l => l.Contains($" {layer} "));
        Assert.Matches(@"relu1 +│ ReLU +│ \[64, 32, 60\] +│ +0 │.*\d+\.\d%", output);
        Assert.Matches(@"total .*│ +7,523 │", output);
    }

    [Fact]
    public void With_weights_the_summary_is_of_those_weights()
    {
        using var model = Seeded("tiny-cnn", seed: 7);
        var run = folder.File("run");
        Directory.CreateDirectory(run);
        using (NewDisposeScope()) PtFile.Save(model.state_dict(), Path.Combine(run, "model.pt"));
        using var scope = NewDisposeScope();
        var expected = LayerSummary.Of(model, FirstTestBatch("tiny-cnn"));

        var (code, output) = CliRunner.Run("summary", "tiny-cnn", "--weights", run);

        Assert.True(code == 0, output);
        foreach (var row in expected.Rows)
        {
            var line = output.Split('\n').Single(l => l.Contains($" {row.Name} "));
            foreach (var cell in LayerTable.Cells(row)) Assert.Contains(cell, line);
        }
    }

    [Fact]
    public void Each_runs_report_shows_the_table_of_its_best_weights()
    {
        var run = folder.File("run");
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "1", "--out", run);
        Assert.True(code == 0, output);
        var (summaryCode, summary) = CliRunner.Run("summary", "tiny-cnn", "--weights", run);
        Assert.True(summaryCode == 0, summary);

        var report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("### Layers", report);
        Assert.Contains("#### tiny-cnn", report);
        Assert.Contains("| layer | type | output shape | parameters | mean | std | min | max | zeros |", report);
        Assert.Contains("| total |  |  | 1,898 |", report);
        // The same numbers summary prints for model.pt, which holds the best epoch's weights.
        var relu1 = summary.Split('\n').Single(l => l.Contains(" relu1 ")).Split('│', StringSplitOptions.TrimEntries)[1..^1];
        Assert.Equal(9, relu1.Length);
        Assert.Contains($"| {string.Join(" | ", relu1)} |", report);
    }

    [Fact]
    public void Bad_input_is_one_line_and_exit_code_2_naming_it()
    {
        string Weights(string model)
        {
            var path = folder.File($"{model}.pt");
            using var other = Seeded(model);
            using var scope = NewDisposeScope();
            PtFile.Save(other.state_dict(), path);
            return path;
        }
        var (seqCnn, seqGru) = (Weights("seq-cnn"), Weights("seq-gru"));
        var garbage = folder.File("notes.pt");
        File.WriteAllText(garbage, "not a state dict");
        var missing = folder.File("nothing.pt");

        foreach (var (args, message) in new (string[], string)[]
        {
            (["summary", "resnet"], "error: MODEL: 'resnet' is not a model; the models are tiny-cnn, seq-sketch, seq-cnn, seq-gru, seq-attn"),
            (["summary", "tiny-cnn", "--weights", missing], $"error: --weights: weights '{missing}' not found"),
            (["summary", "tiny-cnn", "--weights", folder.Path], $"error: --weights: '{folder.Path}' holds no model.pt"),
            (["summary", "tiny-cnn", "--weights", seqCnn], $"error: --weights: '{seqCnn}' holds seq-cnn's weights, not tiny-cnn's (summary seq-cnn --weights {seqCnn} ...)"),
            (["summary", "tiny-cnn", "--weights", seqGru], $"error: --weights: '{seqGru}' holds seq-gru's weights, not tiny-cnn's"),
            (["summary", "tiny-cnn", "--weights", garbage], $"error: --weights: '{garbage}': "),
        })
        {
            var (code, stdout, stderr) = CliRunner.RunSplit(args);
            Assert.True(code == 2, $"exit code {code} for {string.Join(' ', args)}:\n{stdout}{stderr}");
            Assert.True(stderr.StartsWith(message, StringComparison.Ordinal), $"expected \"{message}...\", got: {stderr}");
            Assert.DoesNotContain("   at ", stderr);
            Assert.Equal("", stdout);
        }
    }
}
