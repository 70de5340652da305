using System.Diagnostics;
using System.Text.Json;
using TorchLab.Cli;
using TorchLab.Outputs;

namespace TorchLab.TorchLab.Tests;

/// <summary>
/// Through the command line: a killed run's checkpoint continues it, an earlier run that cannot
/// be replaced is refused before any work, and an --out no commit could rename is named.
/// </summary>
[Collection(nameof(Serial))]
public class RunFolderRecoveryTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Run => folder.File("run");

    private string[] Siblings() => [.. Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order()!];

    [Fact]
    public void A_killed_runs_staging_checkpoint_continues_the_run_into_the_same_folder()
    {
        // What a run killed after its first epoch leaves: a staging folder with that epoch's checkpoint.
        var (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "1", "--out", folder.File("first"));
        Assert.True(code == ExitCodes.Success, output);
        var checkpoint = folder.File(".run.staging", RunOutputs.CheckpointFile);
        Directory.CreateDirectory(folder.File(".run.staging"));
        File.Copy(folder.File("first", RunOutputs.CheckpointFile), checkpoint);
        File.WriteAllText(folder.File(".run.staging", "history.csv"), "half written");

        (code, output) = CliRunner.Run("train", "tiny-cnn", "--epochs", "2", "--resume", checkpoint, "--out", Run);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("resuming after epoch 1", output);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Run, "metrics.json")));
        Assert.Equal(2, metrics.RootElement.GetProperty("epochs_completed").GetInt32());
        Assert.Equal(["first", "run"], Siblings());
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]   // skipped elsewhere
    public void An_earlier_run_this_user_cannot_replace_is_refused_before_any_work_and_left_as_it_was()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("runs a process as another user through setpriv");
        // The issue's case: another user's earlier run in a folder everyone may write to. Root may
        // write anywhere, so as root the run is made as `nobody`; as anyone else, the folder is made read-only.
        var asRoot = Environment.UserName == "root";
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_111_111);
        Directory.CreateDirectory(Run);
        foreach (var file in RunOutputs.Files) File.WriteAllText(Path.Combine(Run, file), "earlier");
        if (!asRoot) File.SetUnixFileMode(Run, (UnixFileMode)0b101_101_101);
        try
        {
            var (code, stderr) = asRoot ? AsNobody("train", "tiny-cnn", "--epochs", "1", "--out", Run) : Split(CliRunner.RunSplit("train", "tiny-cnn", "--epochs", "1", "--out", Run));
            Assert.True(code == ExitCodes.Usage, stderr);
            Assert.StartsWith($"error: --out: the earlier run in '{Run}' cannot be replaced: '{Run}' is not writable (", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
            Assert.All(RunOutputs.Files, file => Assert.Equal("earlier", File.ReadAllText(Path.Combine(Run, file))));
            Assert.Equal(["run"], Siblings());   // no staging, previous or lock left behind, so later runs are not blocked
        }
        finally
        {
            File.SetUnixFileMode(Run, (UnixFileMode)0b111_101_101);
        }
    }

    [Fact]
    public void An_out_name_too_long_for_its_previous_folder_or_a_mount_point_is_named()
    {
        var (code, stdout, stderr) = CliRunner.RunSplit("train", "tiny-cnn", "--out", folder.File(new string('n', 250)));
        Assert.True(code == ExitCodes.Usage, stdout + stderr);
        Assert.Matches(@"^error: --out: the name of '.{33}' is 250 bytes long; a run keeps a folder '\.NAME\.previous' beside it, 260 bytes, above the file system's limit of 255: choose a name of at most 245 bytes$", stderr.Trim());
        Assert.Empty(Siblings());

        if (!OperatingSystem.IsLinux() || !File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4] == "/dev/shm"))
            Assert.Skip("needs Linux with /dev/shm mounted");
        (code, _, stderr) = CliRunner.RunSplit("--out", "/dev/shm", "--models", "tiny-cnn");
        Assert.True(code == ExitCodes.Usage, stderr);
        Assert.Equal("error: --out: '/dev/shm' is a mount point; a run replaces its folder by renaming it, and a mount point cannot be renamed: choose a folder inside it, such as '/dev/shm/run'", stderr.Trim());
    }

    private static (int, string) Split((int code, string stdout, string stderr) run) => (run.code, run.stderr);

    private static (int code, string stderr) AsNobody(params string[] args)
    {
        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(AppContext.BaseDirectory, "TorchLab.dll"), .. args])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "the run as nobody did not end");
        return (process.ExitCode, stderr.Result);
    }
}
