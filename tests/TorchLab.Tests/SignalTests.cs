using System.Diagnostics;
using System.Text.Json;
using TorchLab.Outputs;
using TorchLab.Storage.Serialization;
using TorchSharp;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// A real child process stopped by SIGINT, SIGTERM or SIGKILL at several moments leaves a
/// consistent run folder: the earlier run untouched, or one whole run of its own.
/// </summary>
[Collection(nameof(Serial))]
public class SignalTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Run => folder.File("run");

    private string Staged(string file) => folder.File(".run.staging", file);

    internal static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TorchLab.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static void Signal(Process process, string signal) => Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();

    // A process started in the background by a non-interactive shell (`cmd &`, nohup) ignores
    // SIGINT, its children inherit that, and .NET keeps an inherited ignore, as a background job
    // should: such a child cannot be stopped by SIGINT, so the SIGINT tests say why and skip.
    private static void RequireSigintDelivered(string signal = "INT")
    {
        if (signal != "INT") return;
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        if (ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0)
            Assert.Skip("SIGINT is ignored in this test process (inherited: started in the background by a non-interactive shell), so its child processes ignore it too; run the tests in the foreground");
    }

    private static void WaitFor(Process process, string path, string moment) =>
        Assert.True(Reached(process, path), $"the run never reached {moment} ({path})");

    internal static bool Reached(Process process, string path)
    {
        var clock = Stopwatch.StartNew();
        while (!Path.Exists(path) && clock.Elapsed < TimeSpan.FromSeconds(90) && !process.HasExited) Thread.Sleep(2);
        return Path.Exists(path);
    }

    // libtorch loads only after Main has registered the signal handlers, once a command's work is under way.
    private static void WaitForTorch(Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            try
            {
                if (File.ReadAllText($"/proc/{process.Id}/maps").Contains("libtorch_cpu", StringComparison.Ordinal)) return;
            }
            catch (IOException) { }   // the process ended between the checks
            Thread.Sleep(2);
        }
        Assert.Fail("the process never loaded libtorch");
    }

    // Every file of the folder, by name, so a folder can be compared with what it held before.
    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(Run).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    private void AssertWholeRun(string model, int minEpochs, int maxEpochs)
    {
        foreach (var file in RunOutputs.Files) Assert.True(File.Exists(Path.Combine(Run, file)), $"{file} missing");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "metrics.json")));
        Assert.Equal(model, metrics.RootElement.GetProperty("model").GetString());
        var epochs = metrics.RootElement.GetProperty("epochs_completed").GetInt32();
        Assert.InRange(epochs, minEpochs, maxEpochs);
        Assert.Equal(epochs, File.ReadAllLines(Path.Combine(Run, "history.csv")).Length - 1);
        Assert.Empty(Directory.GetFiles(Run, ".*"));   // no temporary file

        // model.pt holds the best validation epoch's weights as the checkpoint of the last finished epoch saved them.
        using var scope = torch.NewDisposeScope();
        var weights = PtFile.Load(Path.Combine(Run, "model.pt"));
        var checkpoint = PtFile.Load(Path.Combine(Run, RunOutputs.CheckpointFile));
        Assert.Equal(epochs, (int)checkpoint["history.epochs"].shape[0]);
        foreach (var (name, value) in weights)
            Assert.True(value.allclose(checkpoint["best_model." + name], rtol: 0, atol: 0), $"model.pt's {name} is not the checkpoint's best weights");
    }

    private void AssertNothingBeside() =>
        Assert.Equal(["run"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));   // no lock, staging or previous folder

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_stop_mid_run_rolls_back_to_the_last_finished_epoch_and_the_hint_continues_it(string signal, int exitCode)
    {
        RequireSigintDelivered(signal);
        using var process = Start("train", "seq-cnn", "--epochs", "6", "--batch-size", "8", "--out", Run);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitFor(process, Staged(RunOutputs.CheckpointFile), "its first checkpoint");
        Thread.Sleep(100);   // into the next epoch
        Signal(process, signal);
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {stdout}");
        AssertWholeRun("seq-cnn", 1, 5);
        AssertNothingBeside();

        // Followed literally, the hint finishes this run in this folder.
        const string hint = "Continue with: ";
        var command = stdout[(stdout.IndexOf(hint, StringComparison.Ordinal) + hint.Length)..].Split('\n')[0].Trim();
        Assert.StartsWith("train seq-cnn --epochs 6 --batch-size 8 --lr 0.001 --lr-schedule none --seed 0", command);
        var (code, output) = CliRunner.Run(command.Split(' '));
        Assert.True(code == 0, output);
        Assert.Contains("resuming after epoch", output);
        AssertWholeRun("seq-cnn", 6, 6);
    }

    [Fact]
    public async Task A_stopped_run_with_a_plateau_schedule_and_early_stopping_resumes_to_the_uninterrupted_run()
    {
        RequireSigintDelivered();
        // Plateau halves the rate after 2 epochs without a better validation loss; patience 4 stops 4 epochs after the best.
        string[] settings = ["train", "tiny-cnn", "--epochs", "14", "--lr", "0.03", "--lr-schedule", "plateau", "--patience", "4", "--batch-size", "8"];
        var straight = folder.File("straight");
        var (code, output) = CliRunner.Run([.. settings, "--out", straight]);
        Assert.True(code == 0, output);

        using var process = Start([.. settings, "--out", Run]);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitFor(process, Staged(RunOutputs.CheckpointFile), "its first checkpoint");
        Thread.Sleep(150);
        Signal(process, "INT");
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {stdout}");
        const string hint = "Continue with: ";
        var command = stdout[(stdout.IndexOf(hint, StringComparison.Ordinal) + hint.Length)..].Split('\n')[0].Trim();
        Assert.Contains("--patience 4 --lr-schedule plateau", command);
        (code, output) = CliRunner.Run(command.Split(' '));
        Assert.True(code == 0, output);

        // Every epoch's figures but its seconds, the learning rates the schedule chose, the epoch
        // early stopping ended on, the best epoch and its weights: all as if never stopped.
        string[] History(string run) => [.. File.ReadAllLines(Path.Combine(run, "history.csv")).Select(l => string.Join(',', l.Split(',')[..6]))];
        Assert.Equal(History(straight), History(Run));
        Assert.Contains(History(straight).Skip(1), line => line.Split(',')[5] != "0.03");   // the schedule did lower the rate
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(straight, "metrics.json")));
        using var actual = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "metrics.json")));
        foreach (var key in new[] { "best_epoch", "test_accuracy", "stopped_reason" })
            Assert.Equal(expected.RootElement.GetProperty(key).ToString(), actual.RootElement.GetProperty(key).ToString());
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.pt")), File.ReadAllBytes(Path.Combine(Run, "model.pt")));
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_stop_before_the_first_epoch_leaves_the_folder_as_it_was(string signal, int exitCode)
    {
        RequireSigintDelivered(signal);
        Directory.CreateDirectory(Run);
        File.WriteAllText(Path.Combine(Run, "metrics.json"), "earlier");
        using var process = Start("train", "seq-gru", "--epochs", "3", "--batch-size", "4", "--out", Run);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitFor(process, folder.File(".run.lock"), "its lock");
        Thread.Sleep(500);
        Signal(process, signal);
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {stdout}");
        Assert.Contains("Stopped before the first epoch finished; nothing was written", stdout);
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(Run, "metrics.json")));
        Assert.Equal(["metrics.json"], Directory.GetFiles(Run).Select(Path.GetFileName));
        AssertNothingBeside();
    }

    [Fact]
    public async Task A_stopped_lab_leaves_the_earlier_lab_as_it_was()
    {
        var lab = folder.File("lab");
        using var process = Start("--out", lab, "--models", "tiny-cnn", "--epochs", "6");
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitFor(process, folder.File(".lab.staging", LabOutputs.Compare, "toy_square.png"), "the comparison's first figure");
        Signal(process, "TERM");
        Assert.True(process.WaitForExit(60_000), "the lab did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == 143, $"exit {process.ExitCode}: {stdout}");
        Assert.Contains($"the earlier lab in {lab} is as it was", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));   // there was none, and there is none: no lock, staging or lab folder
    }

    [Theory]
    [InlineData(".run.lock", false)]              // before the first epoch
    [InlineData(".run.staging/checkpoint.pt", false)]   // mid-run
    [InlineData(".run.staging/metrics.json", false)]    // while the outputs are written
    [InlineData(".run.staging/confusion.png", true)]    // just before the commit: either run may be there
    public void Sigkill_leaves_the_earlier_run_or_a_whole_new_one(string moment, bool newRunAllowed)
    {
        Assert.Equal(0, CliRunner.Run("train", "seq-sketch", "--epochs", "1", "--out", Run).exitCode);
        var earlier = Snapshot();
        using (var process = Start("train", "seq-cnn", "--epochs", "2", "--batch-size", "16", "--out", Run))
        {
            // The last moment lasts a few milliseconds; a run that got through it finished.
            if (Reached(process, folder.File(moment))) process.Kill();
            else Assert.True(newRunAllowed && process.WaitForExit(30_000) && process.ExitCode == 0, $"the run never reached {moment}");
            Assert.True(process.WaitForExit(30_000), "the run did not die");
        }

        var now = Snapshot();
        var unchanged = now.Keys.Order().SequenceEqual(earlier.Keys.Order()) && now.All(kv => kv.Value.AsSpan().SequenceEqual(earlier[kv.Key]));
        if (!unchanged)
        {
            Assert.True(newRunAllowed, $"killed at {moment}, the folder changed: {string.Join(", ", now.Keys)}");
            AssertWholeRun("seq-cnn", 2, 2);
        }

        // The next run puts right what the killed one left and finishes normally.
        var (code, output) = CliRunner.Run("train", "seq-sketch", "--epochs", "1", "--out", Run);
        Assert.True(code == 0, output);
        AssertWholeRun("seq-sketch", 1, 1);
        AssertNothingBeside();
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task Compare_stops_between_cases_and_leaves_the_earlier_figures(string signal, int exitCode)
    {
        RequireSigintDelivered(signal);
        Directory.CreateDirectory(Run);
        File.WriteAllText(Path.Combine(Run, "toy_square.png"), "earlier");
        using var process = Start("compare", "--data", DataFiles.Folder, "--out", Run);
        var reading = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        WaitForTorch(process);   // the first case has begun; the figures come after the ninth
        Signal(process, signal);
        Assert.True(process.WaitForExit(60_000), "compare did not stop");
        var stdout = await reading;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}: {stdout}");
        Assert.Contains("Stopped before the work was done; nothing was written.", stdout);
        Assert.Equal(["toy_square.png"], Directory.GetFileSystemEntries(Run).Select(Path.GetFileName));
        Assert.Equal("earlier", File.ReadAllText(Path.Combine(Run, "toy_square.png")));
    }

    [Fact]
    public async Task A_sigint_while_the_program_shuts_down_never_crashes_it()
    {
        RequireSigintDelivered();
        // The stop source was disposed when Main returned, and a SIGINT 5-80 ms after the last line
        // then ended in "Unhandled exception. System.ObjectDisposedException".
        foreach (var delay in new[] { 0, 5, 15, 40, 80 })
        {
            using var process = Start("info");
            var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.NotNull(await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));   // info writes its table at once, at the end
            Thread.Sleep(delay);
            Signal(process, "INT");
            await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(process.WaitForExit(30_000), "info did not end");
            var stderr = await errors;
            Assert.DoesNotContain("Unhandled exception", stderr);
            // The work was done: the handler let it finish (0), or the runtime had already let go of the signal (130).
            Assert.True(process.ExitCode is 0 or 130, $"SIGINT {delay} ms after the output: exit {process.ExitCode}: {stderr}");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(250)]
    public async Task A_sigint_during_start_up_stops_the_run_and_writes_nothing(int delay)
    {
        RequireSigintDelivered();
        using var process = Start("train", "seq-sketch", "--epochs", "50", "--data", DataFiles.Folder, "--out", Run);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Thread.Sleep(delay);
        Signal(process, "INT");
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(60_000), "the run did not stop");
        var stderr = await errors;
        Assert.DoesNotContain("Unhandled exception", stderr);
        // Before the handlers exist the signal ends the process (130 as the shell reports it); after, the run stops itself.
        Assert.True(process.ExitCode == 130, $"SIGINT {delay} ms after the start: exit {process.ExitCode}: {stdout}{stderr}");
        Assert.True(Directory.GetFileSystemEntries(folder.Path).Length == 0, $"SIGINT {delay} ms after the start: something was written");
    }
}
