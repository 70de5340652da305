using System.Diagnostics;
using System.Text.Json;

namespace TorchLab.AgainstPyTorch;

/// <summary>
/// The same training protocol run outside TorchLab, as a child process printing JSON, for the
/// side-by-side benchmark: PyTorch (benchmarks/pytorch_lab.py). Null with a reason when PyTorch
/// is unavailable.
/// </summary>
public sealed record ReferenceRun(
    IReadOnlyList<double> EpochSeconds,
    double ValidAccuracy,
    double TestAccuracy,
    double PeakRssMegabytes)
{
    /// <summary>
    /// PyTorch running <paramref name="model"/> for <paramref name="epochs"/> on <paramref name="threads"/>
    /// torch threads.
    /// </summary>
    public static (ReferenceRun? run, string? unavailable) PyTorch(
        string repositoryRoot,
        string model,
        int epochs,
        string device,
        string dataFolder,
        int threads)
    {
        var script = Path.Combine(repositoryRoot, "benchmarks", "pytorch_lab.py");
        var python = TorchPython.Executable;
        if (!File.Exists(python)) return (null, $"{python} not found (install python3-torch)");
        return Execute(python, [
            script,
            "--model", model,
            "--epochs", epochs.ToString(),
            "--device", device,
            "--data", dataFolder,
            "--threads", threads.ToString(),
        ]);
    }

    private static (ReferenceRun?, string?) Execute(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            return (null, stderr.Contains("No module named 'torch'")
                ? "python3-torch is not installed"
                : stderr.Trim().Split('\n').LastOrDefault());
        using var json = JsonDocument.Parse(stdout.Result);
        var root = json.RootElement;
        var run = new ReferenceRun(
            root.GetProperty("epoch_seconds").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
            root.GetProperty("history").EnumerateArray().Last().GetProperty("valid_accuracy").GetDouble(),
            root.GetProperty("test_accuracy").GetDouble(),
            root.GetProperty("peak_rss_mb").GetDouble());
        return (run, null);
    }
}
