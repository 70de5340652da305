using System.Diagnostics;
using System.Text.Json;

namespace TorchLab.TorchLab.Tests;

/// <summary>A real child process stopped by SIGTERM leaves a consistent run folder.</summary>
[Collection(nameof(Serial))]
public class SignalTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TorchLab.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static void Terminate(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();

    [Fact]
    public async Task Sigterm_mid_run_rolls_back_to_the_last_finished_epoch_and_exits_143()
    {
        var run = folder.File("run");
        using var process = Start("train", "seq-cnn", "--epochs", "40", "--batch-size", "8", "--out", run);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var checkpoint = Path.Combine(run, "checkpoint.pt");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(checkpoint) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) Thread.Sleep(50);
        Assert.True(File.Exists(checkpoint), "no epoch finished within a minute");
        Thread.Sleep(300);   // into the next epoch
        Terminate(process);
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}: {stdout}");
        Assert.Contains("Continue with: train seq-cnn --epochs 40 --batch-size 8", stdout);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        var epochs = metrics.RootElement.GetProperty("epochs_completed").GetInt32();
        Assert.InRange(epochs, 1, 39);
        Assert.Equal(epochs, File.ReadAllLines(Path.Combine(run, "history.csv")).Length - 1);
        Assert.Empty(Directory.GetFiles(run, ".*"));   // no lock file, no temporary file
    }

    [Fact]
    public async Task Sigterm_before_the_first_epoch_leaves_the_folder_as_it_was()
    {
        var run = folder.File("run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "metrics.json"), "earlier");
        using var process = Start("train", "seq-gru", "--epochs", "3", "--batch-size", "4", "--out", run);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(run, ".torchlab.lock")) && clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited) Thread.Sleep(20);
        Thread.Sleep(500);
        Terminate(process);
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}: {stdout}");
        Assert.Contains("Stopped before the first epoch finished; nothing was written", stdout);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(["metrics.json"], Directory.GetFiles(run).Select(Path.GetFileName));
    }
}
