using System.Text.Json.Nodes;
using TorchLab.Storage.Files;
using static TorchSharp.torch;

namespace TorchLab.AgainstPyTorch;

/// <summary>What a benchmark leaves: bench.json (every figure, for machines) and bench.png (the bars).</summary>
public static class BenchOutputs
{
    /// <summary>Writes both files into <paramref name="folder"/>.</summary>
    public static void Write(string folder, IReadOnlyList<BenchRow> rows, Device device, int timed, int warm)
    {
        var json = new JsonObject
        {
            ["device"] = device.ToString(),
            ["libtorch"] = __version__,
            ["timed_epochs"] = timed,
            ["warmup_epochs"] = warm,
            ["cpu_count"] = Environment.ProcessorCount,
            ["models"] = new JsonArray(rows.Select(r => (JsonNode)new JsonObject
            {
                ["model"] = r.Model,
                ["threads"] = r.Threads,
                ["torchlab_seconds_per_epoch"] = r.TorchLabSeconds,
                ["torchlab_validation_accuracy"] = r.TorchLabAccuracy,
                ["torchlab_peak_rss_mb"] = r.TorchLabPeakMb,
                ["torchlab_rss_growth_from_epoch_5"] = r.RssGrowth,
                ["pytorch_seconds_per_epoch"] = r.PyTorchSeconds,
                ["pytorch_validation_accuracy"] = r.PyTorchAccuracy,
                ["pytorch_peak_rss_mb"] = r.PyTorchPeakMb,
                ["ratio_torchlab_over_pytorch"] = r.TorchLabSeconds / r.PyTorchSeconds,
            }).ToArray()),
        };
        AtomicFile.WriteAllText(
            Path.Combine(folder, "bench.json"),
            json.ToJsonString(new() { WriteIndented = true }) + "\n");
        var series = new List<(string, IReadOnlyList<double>)>
        {
            ("TorchLab", rows.Select(r => r.TorchLabSeconds * 1000).ToArray()),
        };
        if (rows.All(r => r.PyTorchSeconds is not null))
            series.Add(("PyTorch", rows.Select(r => r.PyTorchSeconds!.Value * 1000).ToArray()));
        AtomicFile.Write(Path.Combine(folder, "bench.png"), path => Plotting.BarChart.SavePng(
            path,
            rows.Select(r => $"{r.Model} ({r.Threads}t)").ToArray(),
            series,
            $"Milliseconds per training epoch ({device})",
            "ms per epoch (log scale)",
            logY: true,
            width: Math.Max(800, 150 * rows.Count)));   // room for every model and thread count's label
    }
}
