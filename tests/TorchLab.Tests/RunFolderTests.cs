using TorchLab.Runs;

namespace TorchLab.TorchLab.Tests;

/// <summary>The run folder changes only by a whole commit, and what a killed run left is put right.</summary>
public class RunFolderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Run => folder.File("run");

    private static void Fill(string path, string content)
    {
        Directory.CreateDirectory(path);
        foreach (var file in RunOutputs.Files) File.WriteAllText(Path.Combine(path, file), content);
    }

    private static string Contents(string path) =>
        string.Join(";", RunOutputs.Files.Select(f => File.Exists(Path.Combine(path, f)) ? File.ReadAllText(Path.Combine(path, f)) : "-"));

    private string[] Siblings() => Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void A_commit_replaces_the_whole_folder_and_leaves_nothing_beside_it()
    {
        Fill(Run, "old");
        using (var run = RunFolder.Begin(Run))
        {
            Assert.Equal(folder.File(".run.staging"), run.Staging);
            File.WriteAllText(Path.Combine(run.Staging, "history.csv"), "new");
            Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));   // unchanged until the commit
            run.Commit();
        }
        Assert.Equal(["history.csv"], Directory.GetFiles(Run).Select(Path.GetFileName));
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void An_uncommitted_run_leaves_the_folder_as_it_was()
    {
        Fill(Run, "old");
        using (var run = RunFolder.Begin(Run)) File.WriteAllText(Path.Combine(run.Staging, "history.csv"), "new");
        Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void A_second_run_is_refused_while_the_first_holds_the_folder()
    {
        using var first = RunFolder.Begin(Run);
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run));
        Assert.Contains("another run is writing to", error.Message);
        Assert.True(Directory.Exists(first.Staging), "the refused run touched the first run's staging folder");
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_and_untouched()
    {
        Fill(Run, "old");
        File.WriteAllText(Path.Combine(Run, "notes.txt"), "mine");
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run));
        Assert.Contains("holds 'notes.txt', which no TorchLab run writes", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Run, "notes.txt")));
        Assert.Equal(["run"], Siblings());   // no staging folder, and the lock is released
        Assert.Throws<OutputFolderException>(() => RunFolder.Begin(folder.File("run", "notes.txt")));   // a file is not a folder
    }

    [Fact]
    public void A_killed_runs_staging_folder_is_removed()
    {
        Fill(Run, "old");
        Fill(folder.File(".run.staging"), "half");
        using (var run = RunFolder.Begin(Run))
        {
            Assert.Equal(folder.File(".run.staging"), run.RemovedStaging);
            Assert.Empty(Directory.GetFileSystemEntries(run.Staging));
        }
        Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));
    }

    [Fact]
    public void A_commit_killed_between_its_renames_is_finished()
    {
        // Killed after the first rename: the new run is whole in staging, the old one in previous.
        Fill(folder.File(".run.previous"), "old");
        Fill(folder.File(".run.staging"), "new");
        using (RunFolder.Begin(Run)) { }
        Assert.Equal(Enumerable.Repeat("new", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());

        // Killed after the second rename: only the old run's deletion was left.
        Fill(folder.File(".run.previous"), "old");
        using (RunFolder.Begin(Run)) { }
        Assert.Equal(Enumerable.Repeat("new", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());
    }
}
