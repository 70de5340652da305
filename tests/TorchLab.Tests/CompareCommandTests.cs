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
        Assert.Contains("All 7 cases agree with TorchSharp.", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains("toy square, 3x3 edge filter", output);
        Assert.Contains("1x4x508x508", output);
        foreach (var png in new[] { "toy_square.png", "toy_feature_map.png", "step_response.png", "ihc_layer.png", "microaneurysms_edges.png" })
            Assert.True(Images.PngFile.ReadRgb(folder.File(png)).GetLength(2) > 200, $"{png} too small");
    }
}

// Serial: bench trains in-process on the global generator and sets the process-wide thread count.
[Collection(nameof(Serial))]
public class BenchCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Bench_writes_json_and_figure_beside_pytorch()
    {
        var (code, output) = CliRunner.Run("bench", "--epochs", "1", "--warmup", "0", "--models", "seq-sketch", "--out", folder.Path);
        Assert.True(code == 0, output);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.File("bench.json")));
        var row = json.RootElement.GetProperty("models")[0];
        Assert.Equal("seq-sketch", row.GetProperty("model").GetString());
        Assert.True(row.GetProperty("torchlab_seconds_per_epoch").GetDouble() > 0);
        if (PythonTorch.Available)
            Assert.Equal(row.GetProperty("pytorch_accuracy").GetDouble(), row.GetProperty("torchlab_accuracy").GetDouble());
        Assert.True(Images.PngFile.ReadRgb(folder.File("bench.png")).GetLength(2) >= 800);
    }
}
