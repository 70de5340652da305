using System.Text.Json;
using TorchLab.Cli;
using TorchLab.Outputs;
using TorchLab.Storage.Folders;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// The lab is one transaction: stopped, failed or killed at any moment, it leaves the earlier
/// lab (report.md, compare/, every model folder, bench's files) byte for byte as it was, or
/// finishes the new one whole.
/// </summary>
[Collection(nameof(Serial))]
public class LabTransactionTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Out => folder.File("out");

    private string Staged(params string[] parts) => Path.Combine([folder.File(".out.staging"), .. parts]);

    private string[] Lab(int epochs) => ["--out", Out, "--models", "tiny-cnn", "--epochs", epochs.ToString()];

    // Every file under the lab's folder by relative path, so a folder can be compared with what it held before.
    private Dictionary<string, byte[]> Snapshot() =>
        Directory.GetFiles(Out, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(Out, f), File.ReadAllBytes);

    private void AssertUnchanged(Dictionary<string, byte[]> earlier, string moment)
    {
        var now = Snapshot();
        Assert.True(now.Keys.Order().SequenceEqual(earlier.Keys.Order()), $"stopped at {moment}, the lab's files changed: {string.Join(", ", now.Keys.Order())}");
        foreach (var (file, bytes) in earlier) Assert.True(bytes.AsSpan().SequenceEqual(now[file]), $"stopped at {moment}, {file} changed");
        Assert.Equal(["out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));   // no lock or staging folder beside it
    }

    // The earlier lab: a real one of one epoch, a model folder another lab left, and bench's figures.
    private Dictionary<string, byte[]> EarlierLab()
    {
        var (code, output) = CliRunner.Run(Lab(1));
        Assert.True(code == ExitCodes.Success, output);
        Directory.CreateDirectory(Path.Combine(Out, "seq-gru"));
        foreach (var file in RunOutputs.Files) File.WriteAllText(Path.Combine(Out, "seq-gru", file), $"seq-gru's {file}");
        File.WriteAllText(Path.Combine(Out, "bench.json"), "{}");
        return Snapshot();
    }

    // Runs the lab in-process and, once `moment` exists, does `act` (cancels, as Ctrl+C does, or breaks something).
    private static (int code, string output) RunUntil(string moment, Action<CancellationTokenSource> act, string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var finished = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!finished.IsCancellationRequested)
            {
                if (Path.Exists(moment))
                {
                    act(stop);
                    return true;
                }
                Thread.Sleep(1);
            }
            return false;
        });
        var result = CliRunner.Run(stop.Token, args);
        finished.Cancel();
        Assert.True(watcher.Result, $"the lab never reached {moment}: {result.output}");
        return result;
    }

    [Fact]
    public void A_lab_stopped_or_failed_at_any_moment_leaves_the_earlier_lab_as_it_was_and_a_finished_one_replaces_it_whole()
    {
        var earlier = EarlierLab();

        foreach (var moment in new[] { Staged("compare"), Staged(".tiny-cnn.staging", RunOutputs.CheckpointFile) })
        {
            var (code, output) = RunUntil(moment, stop => stop.Cancel(), Lab(2));
            Assert.True(code == ExitCodes.Interrupted, $"exit {code}: {output}");
            Assert.Contains($"Stopped during tiny-cnn's training; the earlier lab in {Out} is as it was, and nothing of this one was kept.", output);
            AssertUnchanged(earlier, moment);
        }

        // A failure after the model's run is committed into the staging folder: the report cannot be written.
        var (failed, message) = RunUntil(Staged(".tiny-cnn.staging", RunOutputs.CheckpointFile), _ => Directory.CreateDirectory(Staged(LabOutputs.Report)), Lab(2));
        Assert.True(failed == ExitCodes.Failure, $"exit {failed}: {message}");
        AssertUnchanged(earlier, "the report");

        var (finishedCode, finished) = CliRunner.Run(Lab(2));
        Assert.True(finishedCode == ExitCodes.Success, finished);
        Assert.Contains("Kept from the earlier lab in " + Out + ", not trained again: bench.json, seq-gru.", finished);
        var now = Snapshot();
        using var metrics = JsonDocument.Parse(now[Path.Combine("tiny-cnn", "metrics.json")]);
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs_completed").GetInt32());
        foreach (var file in earlier.Keys.Where(f => f.StartsWith("seq-gru", StringComparison.Ordinal) || f == "bench.json"))
            Assert.Equal(earlier[file], now[file]);   // carried over untouched
        Assert.Equal(earlier.Keys.Order(), now.Keys.Order());
        Assert.Equal(["out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_killed_lab_leaves_the_earlier_lab_as_it_was_and_the_next_lab_removes_its_staging_folder()
    {
        var earlier = EarlierLab();
        using (var process = SignalTests.Start(Lab(2)))
        {
            try
            {
                // compare/ is where the earlier lab's figures used to be overwritten.
                Assert.True(SignalTests.Reached(process, Staged(LabOutputs.Compare, "toy_square.png")), "the lab never wrote its first figure");
            }
            finally
            {
                process.Kill();
            }
            Assert.True(process.WaitForExit(30_000), "the lab did not die");
        }
        Assert.True(Directory.Exists(Staged()));
        // Besides the empty lock files a killed process leaves (the next run removes them), the earlier lab is as it was.
        var killed = Snapshot().Where(kv => !kv.Key.EndsWith(".lock", StringComparison.Ordinal)).ToDictionary();
        Assert.True(killed.Keys.Order().SequenceEqual(earlier.Keys.Order()) && killed.All(kv => kv.Value.AsSpan().SequenceEqual(earlier[kv.Key])), "the killed lab changed the earlier one");

        using (var lab = RunFolder.Begin(Out, LabOutputs.Layout)) Assert.Equal(Staged(), lab.RemovedStaging);
        AssertUnchanged(earlier, "SIGKILL");
    }

    [Fact]
    public void A_lab_is_refused_while_a_train_run_holds_one_of_its_model_folders_and_the_other_way_round()
    {
        using (RunFolder.Begin(Path.Combine(Out, "seq-gru"), RunOutputs.Layout))
        {
            var (code, stdout, stderr) = CliRunner.RunSplit(Lab(1));
            Assert.True(code == ExitCodes.Usage, stdout + stderr);
            Assert.StartsWith($"error: --out: another run is writing to '{Path.Combine(Out, "seq-gru")}'", stderr);
        }
        using (RunFolder.Begin(Out, LabOutputs.Layout))
        {
            var (code, _, stderr) = CliRunner.RunSplit("train", "seq-gru", "--out", Path.Combine(Out, "seq-gru"));
            Assert.True(code == ExitCodes.Usage, stderr);
            Assert.StartsWith($"error: --out: another run is writing to '{Path.Combine(Out, "seq-gru")}'", stderr);
        }
        Assert.Equal(["out"], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(Out));
    }

    [Fact]
    public void A_lab_folder_holding_what_no_lab_writes_is_refused_before_any_work()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "notes.txt"), "mine");
        var (code, stdout, stderr) = CliRunner.RunSplit(Lab(1));
        Assert.True(code == ExitCodes.Usage, stdout + stderr);
        Assert.Equal($"error: --out: '{Out}' holds 'notes.txt', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder", stderr.Trim());
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(Out).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Out, "notes.txt")));
    }

    [Fact]
    public void Files_of_the_users_in_the_labs_own_folders_are_refused_naming_them_and_the_earlier_lab_stays_whole()
    {
        var earlier = EarlierLab();
        Assert.True(Directory.Exists(Path.Combine(Out, LabOutputs.Compare)) && Directory.Exists(Path.Combine(Out, LabOutputs.Inspect)));
        File.WriteAllText(Path.Combine(Out, LabOutputs.Compare, "my-figure.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(Out, LabOutputs.Inspect, "my-annotations.txt"), "filter 3 looks like GT");
        var mine = Snapshot();
        Assert.Equal(earlier.Count + 2, mine.Count);

        foreach (var (folderName, file) in new[] { (LabOutputs.Compare, "my-figure.svg"), (LabOutputs.Inspect, "my-annotations.txt") })
        {
            var (code, stdout, stderr) = CliRunner.RunSplit(Lab(1));
            Assert.True(code == ExitCodes.Usage, stdout + stderr);
            Assert.Equal($"error: --out: '{Path.Combine(Out, folderName)}' holds '{file}', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder",
                stderr.Trim());
            Assert.Equal("", stdout);   // refused before any phase began
            AssertUnchanged(mine, $"the refusal of {file}");
            // Once it is moved away, the next one is named.
            File.Delete(Path.Combine(Out, folderName, file));
            mine.Remove(Path.Combine(folderName, file));
        }
        AssertUnchanged(earlier, "both refusals");
    }
}
