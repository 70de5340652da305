using System.Globalization;
using TorchLab.Attribution;
using TorchLab.Checkpoints;
using TorchLab.Explanation;
using TorchLab.Images;
using TorchLab.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchLab.TorchLab.Tests.Explanation;

/// <summary>seq-cnn and tiny-cnn trained for one epoch each, once for the class.</summary>
public sealed class ExplainedModels : IDisposable
{
    public TempFolder Folder { get; } = new();

    public ExplainedModels()
    {
        foreach (var name in new[] { "seq-cnn", "tiny-cnn" })
        {
            var (code, output) = CliRunner.Run("train", name, "--epochs", "1", "--out", Folder.File(name));
            if (code != 0) throw new InvalidOperationException($"training {name} for the tests failed ({code}):\n{output}");
        }
    }

    public string Weights(string name) => Folder.File(name);

    public void Dispose() => Folder.Dispose();
}

/// <summary>
/// <c>explain</c>: its CSV read back against the attribution methods called directly, the view's logits and
/// completeness error against the model's, and the same line and exit code as predict for the same bad input.
/// </summary>
[Collection(nameof(Serial))]
public sealed class ExplainCommandTests(ExplainedModels models) : IClassFixture<ExplainedModels>, IDisposable
{
    private static readonly string[] Sequences = [.. File.ReadLines(DataFiles.File("splice.csv")).Skip(2000).Take(2)
        .Select(row => row.Split(',')[1])];
    private static readonly string[] DigitRows = [.. File.ReadLines(DataFiles.File("digits.csv")).Take(3)];   // header, 2
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Gradient_csv_has_every_letter_at_every_position_equal_to_the_saliency()
    {
        var (code, stdout, stderr) = CliRunner.RunSplit(["explain", "seq-cnn", .. Sequences, "--method", "gradient",
            "--csv", "--weights", models.Weights("seq-cnn")]);
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("input,target,method,position,letter,value", lines[0]);
        Assert.Equal(1 + 2 * 240, lines.Length);

        using var model = TrainedModel.Load(ModelRecipe.SeqCnn, models.Weights("seq-cnn"));
        using var scope = NewDisposeScope();
        var x = stack(Sequences.Select(s => tensor(Training.Data.SpliceCsv.OneHot(s), [4L, 60L])));   // (2, 4, 60)
        var predicted = model.call(x).argmax(1);                                                         // (2)
        var saliency = Saliency.Attribute(model, x, predicted);                                          // (2, 4, 60)
        var classes = Training.Data.SpliceCsv.Classes;
        for (var i = 0; i < 2; i++)
        for (var p = 0; p < 60; p++)
        for (var a = 0; a < 4; a++)
        {
            var fields = lines[1 + i * 240 + p * 4 + a].Split(',');
            Assert.Equal($"{Sequences[i][..8]}...{Sequences[i][^8..]}", fields[0]);
            Assert.Equal(classes[(int)predicted[i].item<long>()], fields[1]);
            Assert.Equal(["gradient", (p + 1).ToString(CultureInfo.InvariantCulture), "ACGT"[a].ToString()],
                fields[2..5]);
            var expected = saliency[i, a, p].item<float>();
            var value = float.Parse(fields[5], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(value - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)),
                $"input {i + 1}, position {p + 1}, {"ACGT"[a]}: {value} in the CSV, {expected} by Saliency");
        }
    }

    [Fact]
    public void Digits_csv_has_64_pixels_per_input_that_sum_to_the_logit_difference()
    {
        // A comma in the file name: the source is quoted as predict's CSV quotes it.
        var rows = folder.File("two,digits.csv");
        File.WriteAllLines(rows, DigitRows);
        var (code, stdout, stderr) = CliRunner.RunSplit("explain", "tiny-cnn", rows, "--target", "7", "--csv",
            "--weights", models.Weights("tiny-cnn"));
        Assert.True(code == 0, stderr);
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("input,target,method,row,column,value", lines[0]);
        Assert.Equal(1 + 2 * 64, lines.Length);

        using var model = TrainedModel.Load(ModelRecipe.TinyCnn, models.Weights("tiny-cnn"));
        using var scope = NewDisposeScope();
        var examples = Training.Data.DigitsCsv.Load(rows);
        var (x, _) = examples.ToTensors();
        Tensor difference;
        using (no_grad()) difference = (model.call(x) - model.call(zeros_like(x))).select(1, 7);        // (2)
        for (var i = 0; i < 2; i++)
        {
            var sum = 0.0;
            for (var k = 0; k < 64; k++)
            {
                var fields = lines[1 + i * 64 + k].Split(',');
                Assert.Equal([$"\"{rows}:{i + 2}\"", "7", "integrated-gradients",
                    (k / 8 + 1).ToString(CultureInfo.InvariantCulture), (k % 8 + 1).ToString(CultureInfo.InvariantCulture)],
                    [string.Join(',', fields[..2]), .. fields[2..6]]);
                sum += double.Parse(fields[6], CultureInfo.InvariantCulture);
            }
            // Completeness within the stated bound, at the default steps.
            var want = difference[i].item<float>();
            Assert.True(Math.Abs(sum - want) <= InputExplanation.CompletenessBound * Math.Max(1, Math.Abs(want)),
                $"digit {i + 1}: Σ attributions {sum}, f(x) - f(b) {want}");
        }
    }

    [Fact]
    public void The_view_shows_the_logits_the_completeness_error_and_the_strongest_positions()
    {
        var (code, stdout, stderr) = CliRunner.RunSplit("explain", "seq-cnn", Sequences[0], "--target", "N",
            "--weights", models.Weights("seq-cnn"));
        Assert.True(code == 0, stderr);
        using var model = TrainedModel.Load(ModelRecipe.SeqCnn, models.Weights("seq-cnn"));
        float logit, baseline;
        using (no_grad())
        {
            logit = model.call(tensor(Training.Data.SpliceCsv.OneHot(Sequences[0]), [1L, 4L, 60L]))[0, 2].item<float>();
            baseline = model.call(zeros(1, 4, 60))[0, 2].item<float>();
        }
        Assert.Contains($"  target N (", stdout);
        Assert.Contains($"logit {logit.ToString("0.000", CultureInfo.InvariantCulture)}, the blank baseline's " +
            $"{baseline.ToString("0.000", CultureInfo.InvariantCulture)}", stdout);
        var completeness = Assert.Single(stdout.Split('\n'), l => l.Contains("completeness error"));
        Assert.Contains($"f(x) − f(b) {(logit - baseline).ToString("0.000", CultureInfo.InvariantCulture)}", completeness);
        Assert.DoesNotContain("OVER THE BOUND", completeness);
        Assert.Contains($"  sequence  {Sequences[0]}", stdout);
        var marks = Assert.Single(stdout.Split('\n'), l => l.StartsWith("  strongest ", StringComparison.Ordinal));
        Assert.Equal(ExplanationView.Strongest, marks.Count(c => c == '^'));

        var rows = folder.File("digits.csv");
        File.WriteAllLines(rows, DigitRows);
        (code, stdout, stderr) = CliRunner.RunSplit("explain", "tiny-cnn", rows, "--method", "occlusion",
            "--weights", models.Weights("tiny-cnn"));
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("completeness error", stdout);
        // Each digit's legend holds one "[ ]" too.
        Assert.Equal(2 * (ExplanationView.Strongest + 1), stdout.Count(c => c == '['));
    }

    [Fact]
    public void Too_few_steps_warn_naming_the_input_and_still_exit_0()
    {
        // One step is the trapezoid rule on one interval: far from the integral for some of 20 digits.
        var rows = folder.File("digits.csv");
        File.WriteAllLines(rows, File.ReadLines(DataFiles.File("digits.csv")).Take(21));
        var (code, stdout, stderr) = CliRunner.RunSplit("explain", "tiny-cnn", rows, "--steps", "1",
            "--weights", models.Weights("tiny-cnn"));
        Assert.True(code == 0, stderr);
        var warnings = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(warnings.Length > 0, "no input over the bound at one step");
        Assert.All(warnings, w => Assert.Matches($"^warning: input '{rows}:[0-9]+': integrated gradients' " +
            "completeness error .* is over the bound .*; give a larger --steps than 1$", w));
        Assert.Equal(warnings.Length, stdout.Split('\n').Count(l => l.EndsWith("OVER THE BOUND", StringComparison.Ordinal)));
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "seq-cnn", "sequence of 59" },
        { "seq-cnn", "sequence with N" },
        { "seq-cnn", "missing weights" },
        { "seq-cnn", "tiny-cnn's weights" },
        { "tiny-cnn", "16x16 png" },
        { "tiny-cnn", "not a png" },
        { "tiny-cnn", "missing input" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_refused_with_predicts_line_and_exit_code(string model, string what)
    {
        var png = folder.File("digit.png");
        string[] args = what switch
        {
            "sequence of 59" => [Sequences[0][..59]],
            "sequence with N" => [Sequences[0], Sequences[1][..20] + "N" + Sequences[1][21..]],
            "missing weights" => [Sequences[0], "--weights", folder.File("none")],
            "tiny-cnn's weights" => [Sequences[0], "--weights", models.Weights("tiny-cnn")],
            "16x16 png" => [WriteGrey(png, 16)],
            "not a png" => [WriteText(png)],
            _ => [folder.File("none.png")],
        };
        if (!args.Contains("--weights")) args = [.. args, "--weights", models.Weights(model)];
        var predict = CliRunner.RunSplit(["predict", model, .. args]);
        var explain = CliRunner.RunSplit(["explain", model, .. args]);
        Assert.Equal(2, predict.exitCode);
        Assert.Equal((2, "", predict.stderr.Replace("(predict ", "(explain ")), explain);
        Assert.Single(explain.stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("tiny-cnn", "--method mutagenesis", "--method: mutagenesis changes letters of DNA sequences; tiny-cnn reads digits")]
    [InlineData("seq-cnn", "--target 3", "--target: '3' is not a class of seq-cnn; the classes are EI, IE, N")]
    [InlineData("tiny-cnn", "--target EI", "--target: 'EI' is not a class of tiny-cnn; the classes are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9")]
    [InlineData("seq-cnn", "--method occlusion --steps 8", "--steps: only integrated-gradients takes steps, not occlusion")]
    [InlineData("seq-cnn", "--steps 0", "--steps: 0 is below the minimum, 1")]
    [InlineData("seq-cnn", "--steps 1025", "--steps: 1025 is above the maximum, 1024")]
    [InlineData("seq-cnn", "--method saliency", "--method: 'saliency' is not a method; use gradient, input-x-gradient")]
    public void Bad_options_are_refused_in_one_line(string model, string options, string message)
    {
        string input = model == "seq-cnn" ? Sequences[0] : WriteGrey(folder.File("digit.png"), 8);
        var (code, stdout, stderr) = CliRunner.RunSplit(["explain", model, input, .. options.Split(' '),
            "--weights", models.Weights(model)]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {message}", Assert.Single(stderr.TrimEnd('\n').Split('\n')));
    }

    [Fact]
    public void Digit_attributions_are_the_float64_gradient_and_leave_the_weights_bit_identical()
    {
        using var model = TrainedModel.Load(ModelRecipe.TinyCnn, models.Weights("tiny-cnn"));
        using var scope = NewDisposeScope();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var x = rand([4, 1, 8, 8], generator: new Generator(31));
        var target = tensor(new long[] { 0, 3, 5, 9 });
        var map = Attributions.Of(AttributionMethod.Gradient, model, x, target, LabData.Digits);
        Assert.Equal(ScalarType.Float32, map.dtype);
        Assert.Equal(ScalarType.Float32, model.parameters().First().dtype);
        Assert.All(model.parameters().Zip(before), pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>(),
            "a weight changed"));

        // The witness: central finite differences of the float64 model, which AttributionChecks converts to and back.
        var check = AttributionChecks.FiniteDifference(model, x, target);
        Assert.True(check.Passed, $"the float64 gradient against finite differences: {check.MaxRelativeError:E2}");
        model.to(ScalarType.Float64);
        var wide = Saliency.Attribute(model, x.to_type(ScalarType.Float64), target).to_type(ScalarType.Float32);
        model.to(ScalarType.Float32);
        var worst = (map - wide).abs().max().item<float>() / wide.abs().max().item<float>();
        Assert.True(worst < 1e-6, $"max |Of - float64 saliency| / max |gradient| = {worst:E2}");
    }

    private static string WriteGrey(string path, int side)
    {
        var grey = new byte[side, side];
        for (var p = 0; p < side * side; p++) grey[p / side, p % side] = (byte)(p * 37 % 256);
        PngFile.WriteGrey(path, grey);
        return path;
    }

    private static string WriteText(string path)
    {
        File.WriteAllText(path, "not an image");
        return path;
    }
}
