using System.Diagnostics;
using System.Text.Json;

namespace TorchLab.Lab;

/// <summary>
/// Runs the lab's protocol in PyTorch (benchmarks/pytorch_lab.py) as a child process, for the
/// side-by-side benchmark; absent when Debian's python3-torch is not installed.
/// </summary>
public sealed record PyTorchRun(double TestAccuracy, IReadOnlyList<double> EpochSeconds, double PeakRssMegabytes, string Version)
{
    /// <summary>
    /// The Python that has Debian's torch (the PATH's python3 may be another one), or the one
    /// <c>TORCHLAB_PYTHON</c> names.
    /// </summary>
    public static string Python { get; } = Environment.GetEnvironmentVariable("TORCHLAB_PYTHON") ?? "/usr/bin/python3";

    /// <summary>Runs <paramref name="model"/> for <paramref name="epochs"/>; null with a reason when PyTorch is unavailable.</summary>
    public static (PyTorchRun? run, string? unavailable) Execute(string repositoryRoot, string model, int epochs, string device, string dataFolder)
    {
        var script = Path.Combine(repositoryRoot, "benchmarks", "pytorch_lab.py");
        if (!File.Exists(Python)) return (null, $"{Python} not found (install python3-torch)");
        if (!File.Exists(script)) return (null, $"{script} not found");
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { script, "--model", model, "--epochs", epochs.ToString(), "--device", device, "--data", dataFolder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (null, stderr.Contains("No module named 'torch'") ? "python3-torch is not installed" : $"the PyTorch run failed: {stderr.Trim().Split('\n').LastOrDefault()}");
        using var json = JsonDocument.Parse(stdout.Result);
        var root = json.RootElement;
        return (new PyTorchRun(root.GetProperty("test_accuracy").GetDouble(),
            root.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            root.GetProperty("peak_rss_mb").GetDouble(), root.GetProperty("torch").GetString() ?? "?"), null);
    }
}
