using TorchLab.Comparison;
using TorchLab.Manual;

namespace TorchLab.TorchLab.Tests;

public class CompareCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Compare_passes_every_case_and_draws_the_figures()
    {
        var (code, output) = CliRunner.Run("compare", "--out", folder.Path);
        Assert.True(code == 0, output);
        Assert.Contains("All 19 cases agree with TorchSharp.", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains("toy square, 3x3 edge filter", output);
        Assert.Contains("1x4x508x508", output);
        Assert.Contains("scaled dot-product attention, causal mask", output);
        Assert.Contains("DNA one-hot, Linear 4→32, 4-head attention", output);
        Assert.Contains("1x60x32", output);
        Assert.Contains("toy square, edge filter, dL/dX, L = ½Σout²", output);
        Assert.Contains("Conv2d 3→4, 3x3, stride 2, pad 1, dL/dK", output);
        Assert.Contains("ReLU(square's edges), max pool, dL/dX, 45 ties", output);
        Assert.Contains("attention head, causal, d = 16, dL/dV", output);
        foreach (var png in new[] { "toy_square.png", "toy_feature_map.png", "step_response.png", "ihc_layer.png",
                     "microaneurysms_edges.png", "dna_attention.png", "toy_input_gradient.png" })
            Assert.True(Images.PngFile.ReadRgb(folder.File(png)).GetLength(2) > 200, $"{png} too small");
    }

    [Fact]
    public void Images_as_small_as_their_kernels_give_one_pixel_maps_that_agree()
    {
        File.Copy(DataFiles.File("splice.csv"), folder.File("splice.csv"));
        foreach (var (file, side) in new[] { ("ihc.png", 5), ("microaneurysms.png", 3) })
        {
            using var bitmap = new SkiaSharp.SKBitmap(side, side);
            bitmap.Erase(new SkiaSharp.SKColor(200, 120, 40));
            using var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(folder.File(file), png.ToArray());
        }
        var (code, output) = CliRunner.Run("compare", "--data", folder.Path, "--out", folder.File("o"));
        Assert.True(code == 0, output);
        Assert.Contains("All 19 cases agree with TorchSharp.", output);
        Assert.Contains("1x4x1x1", output);
        Assert.True(File.Exists(folder.File("o", "microaneurysms_edges.png")));
    }

    [Fact]
    public void Compare_stopped_before_its_first_case_writes_nothing_and_exits_130()
    {
        File.WriteAllText(folder.File("toy_square.png"), "earlier");
        var (code, stdout, stderr) = CliRunner.RunSplit(new CancellationToken(canceled: true), "compare", "--out", folder.Path);
        Assert.True(code == 130, $"exit {code}: {stdout}{stderr}");
        Assert.Equal("Stopped before the work was done; nothing was written.", stdout.Trim());
        Assert.Equal(["toy_square.png"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Equal("earlier", File.ReadAllText(folder.File("toy_square.png")));
    }
}

/// <summary>
/// compare's gradient cases one by one: each by-hand gradient agrees with autograd within the table's
/// tolerance, and a wrong backward (one value moved, the kernel left unflipped, ties sent to the last
/// maximum, the mask forgotten) makes its row fail while the rows it does not touch still pass.
/// </summary>
// Serial: the cases draw their inputs from libtorch's global generator.
[Collection(nameof(Serial))]
public class CompareGradientCaseTests
{
    private const long Seed = 0;

    private static CaseCheck AssertPasses(CaseResults outputs)
    {
        var check = CaseCheck.Of(outputs);
        Assert.True(check.Passed, $"{check.Name} (seed {Seed}): max |by hand - autograd| = "
            + $"{check.MaxAbsDifference:E2}, tolerance {check.Tolerance:E1}");
        return check;
    }

    private static void AssertFails(CaseResults outputs, string mutation)
    {
        var check = CaseCheck.Of(outputs);
        Assert.False(check.Passed, $"{check.Name} with {mutation} passed: max |by hand - autograd| = "
            + $"{check.MaxAbsDifference:E2}, tolerance {check.Tolerance:E1}");
    }

    private static NdArray ToyMap() =>
        NdArray.From(SingleChannel.Conv2d(HandVsTorch.ToyImage(Seed), Kernels.Edge3x3));

    private static IReadOnlyList<CaseResults> EdgeFilterRows()
    {
        var (kernel, input) = GradientCases.EdgeFilter(HandVsTorch.ToyImage(Seed));
        return [kernel, input];
    }

    public static TheoryData<string> CaseNames =>
        new(["edge filter", "strided layer", "max pool", "ties", "attention"]);

    private static IReadOnlyList<CaseResults> Case(string name) => name switch
    {
        "edge filter" => EdgeFilterRows(),
        "strided layer" => GradientCases.StridedLayer(Seed),
        "max pool" => [GradientCases.MaxPool("toy feature map", ToyMap(), Seed)],
        "ties" => [GradientCases.MaxPool("square", GradientCases.SquareEdgesAfterRelu(), Seed)],
        "attention" => GradientCases.AttentionHead(Seed),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_gradient_by_hand_agrees_with_autograd(string name)
    {
        var cases = Case(name);
        Assert.NotEmpty(cases);
        foreach (var outputs in cases)
        {
            var check = AssertPasses(outputs);
            // A gradient of zeros would agree with anything small.
            Assert.True(Math.Max(Math.Abs(check.OutputMin), Math.Abs(check.OutputMax)) > 0.5,
                $"{check.Name}: gradients within [{check.OutputMin}, {check.OutputMax}] test little");
        }
    }

    [Fact]
    public void The_edge_filter_with_one_input_gradient_moved_fails_that_row_only()
    {
        // The square's top-left corner, moved by a thousandth of the gradient's largest value.
        var (kernel, input) = GradientCases.EdgeFilter(HandVsTorch.ToyImage(Seed), (x, k, g, options) =>
        {
            var gradients = ConvLayer.Conv2dBackward(x, k, g, options);
            gradients.Input.Data[4 * 16 + 4] += 1e-3f * gradients.Input.Data.Max(Math.Abs);
            return gradients;
        });
        AssertPasses(kernel);
        AssertFails(input, "dL/dX[4, 4] + 1e-3 of its scale");
    }

    [Fact]
    public void The_strided_layer_with_an_unflipped_kernel_fails_its_input_gradient()
    {
        // Flipping K before the backward flips it back: the input gradient becomes a correlation with K
        // itself. The course's edge filter is symmetric under that flip, so only a random kernel shows it.
        var cases = GradientCases.StridedLayer(Seed, (x, k, g, options) => new ConvGradients(
            ConvLayer.Conv2dBackward(x, Flipped(k), g, options).Input,
            ConvLayer.Conv2dBackward(x, k, g, options).Weights,
            ConvLayer.Conv2dBackward(x, k, g, options).Bias));
        AssertFails(cases[0], "the kernel unflipped in dL/dX");
        AssertPasses(cases[1]);
        AssertPasses(cases[2]);
    }

    [Fact]
    public void Max_pooling_that_sends_ties_to_the_last_maximum_fails_where_windows_tie()
    {
        var tied = GradientCases.MaxPool("square", GradientCases.SquareEdgesAfterRelu(), Seed, LastMaximumWins);
        Assert.EndsWith("45 ties", tied.Name);
        AssertFails(tied, "ties sent to the last maximum");
        // Without ties the rule is invisible: the toy map of seed 0 has none, and the same mutant passes.
        var untied = GradientCases.MaxPool("toy feature map", ToyMap(), Seed, LastMaximumWins);
        Assert.EndsWith(" 0 ties", untied.Name);
        AssertPasses(untied);
    }

    [Fact]
    public void Attention_whose_backward_forgets_the_causal_mask_fails_every_gradient()
    {
        var cases = GradientCases.AttentionHead(Seed,
            (q, k, v, g, _) => ScaledDotProductAttention.Backward(q, k, v, g));
        Assert.Equal(3, cases.Count);
        foreach (var outputs in cases) AssertFails(outputs, "no mask in the backward");
    }

    // (L, C, kH, kW) turned by 180 degrees in its last two axes.
    private static NdArray Flipped(NdArray k)
    {
        var (rows, columns) = (k.Shape[2], k.Shape[3]);
        var flipped = NdArray.Zeros(k.Shape);
        for (var plane = 0; plane < k.Shape[0] * k.Shape[1]; plane++)
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
            flipped.Data[(plane * rows + r) * columns + c] =
                k.Data[(plane * rows + rows - 1 - r) * columns + columns - 1 - c];
        return flipped;
    }

    // 2x2 windows, stride 2, of a (1, 1, H, W) map: the whole gradient to the last input holding the maximum.
    private static NdArray LastMaximumWins(NdArray input, NdArray outputGradient)
    {
        var (height, width) = (input.Shape[2], input.Shape[3]);
        var gradient = NdArray.Zeros(input.Shape);
        for (var i = 0; i < height / 2; i++)
        for (var j = 0; j < width / 2; j++)
        {
            var winner = 2 * i * width + 2 * j;
            foreach (var at in new[] { 2 * i * width + 2 * j, 2 * i * width + 2 * j + 1,
                         (2 * i + 1) * width + 2 * j, (2 * i + 1) * width + 2 * j + 1 })
                if (input.Data[at] >= input.Data[winner]) winner = at;
            gradient.Data[winner] += outputGradient.Data[i * (width / 2) + j];
        }
        return gradient;
    }
}

// Serial: bench trains in-process on the global generator and sets the process-wide thread count.
[Collection(nameof(Serial))]
public class BenchCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Bench_writes_json_and_figure_beside_pytorch_at_each_thread_count()
    {
        PythonTorch.RequireOrSkip();
        var (code, output) = CliRunner.Run("bench", "--epochs", "1", "--warmup", "0", "--rounds", "2", "--threads", "1", "2",
            "--models", "seq-sketch", "--out", folder.Path);
        Assert.True(code == 0, output);
        Assert.Contains("2 rounds of TorchLab then PyTorch", output);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.File("bench.json")));
        var rows = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("threads").GetInt32()));
        foreach (var row in rows)
        {
            Assert.Equal("seq-sketch", row.GetProperty("model").GetString());
            Assert.True(row.GetProperty("torchlab_seconds_per_epoch").GetDouble() > 0);
            Assert.True(row.GetProperty("ratio_torchlab_over_pytorch").GetDouble() > 0);
            // The same protocol on both sides: one epoch's validation accuracy is the same number.
            Assert.Equal(row.GetProperty("pytorch_validation_accuracy").GetDouble(), row.GetProperty("torchlab_validation_accuracy").GetDouble());
        }
        Assert.True(Images.PngFile.ReadRgb(folder.File("bench.png")).GetLength(2) >= 800);
    }
}
