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
        Assert.Contains("All 9 cases agree with TorchSharp.", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains("toy square, 3x3 edge filter", output);
        Assert.Contains("1x4x508x508", output);
        Assert.Contains("scaled dot-product attention, causal mask", output);
        Assert.Contains("DNA one-hot, Linear 4→32, 4-head attention", output);
        Assert.Contains("1x60x32", output);
        foreach (var png in new[] { "toy_square.png", "toy_feature_map.png", "step_response.png", "ihc_layer.png", "microaneurysms_edges.png", "dna_attention.png" })
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
        Assert.Contains("All 9 cases agree with TorchSharp.", output);
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
