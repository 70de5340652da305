using TorchLab.Outputs;
using TorchLab.Storage.Folders;

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
        using (var run = RunFolder.Begin(Run, RunOutputs.Layout))
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
        using (var run = RunFolder.Begin(Run, RunOutputs.Layout)) File.WriteAllText(Path.Combine(run.Staging, "history.csv"), "new");
        Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void A_second_run_is_refused_while_the_first_holds_the_folder()
    {
        using var first = RunFolder.Begin(Run, RunOutputs.Layout);
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run, RunOutputs.Layout));
        Assert.Contains("another run is writing to", error.Message);
        Assert.True(Directory.Exists(first.Staging), "the refused run touched the first run's staging folder");
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_and_untouched()
    {
        Fill(Run, "old");
        File.WriteAllText(Path.Combine(Run, "notes.txt"), "mine");
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run, RunOutputs.Layout));
        Assert.Contains("holds 'notes.txt', which no TorchLab run writes", error.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(Run, "notes.txt")));
        Assert.Equal(["run"], Siblings());   // no staging folder, and the lock is released
        Assert.Throws<OutputFolderException>(() => RunFolder.Begin(folder.File("run", "notes.txt"), RunOutputs.Layout));   // a file is not a folder
    }

    [Fact]
    public void Every_folder_of_a_layout_is_checked_against_what_it_may_hold_and_a_folder_it_does_not_describe_holds_nothing()
    {
        // A lab-like layout: one described folder, one folder named but not described (as a new phase's folder would be
        // if its figures were not declared), one run folder and one file.
        var layout = new FolderLayout(["figures", "extra", "model", "report.md"], ["model"], RunOutputs.Layout,
            new Dictionary<string, FolderLayout> { ["figures"] = new(["a.png", "b.png"], []) });
        Directory.CreateDirectory(Path.Combine(Run, "figures"));
        Directory.CreateDirectory(Path.Combine(Run, "extra"));
        Fill(Path.Combine(Run, "model"), "run");
        File.WriteAllText(Path.Combine(Run, "figures", "a.png"), "lab's");
        using (RunFolder.Begin(Run, layout)) { }   // only what the layout allows: accepted

        void Refused(string file, string message)
        {
            File.WriteAllText(file, "mine");
            var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run, layout));
            Assert.Equal(message, error.Message);
            Assert.Equal("mine", File.ReadAllText(file));
            Assert.Equal("lab's", File.ReadAllText(Path.Combine(Run, "figures", "a.png")));
            Assert.Equal(["run"], Siblings());
            File.Delete(file);
        }
        Refused(Path.Combine(Run, "figures", "c.svg"),
            $"'{Path.Combine(Run, "figures")}' holds 'c.svg', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");
        Refused(Path.Combine(Run, "extra", "notes.txt"),
            $"'{Path.Combine(Run, "extra")}' holds 'notes.txt', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");
        Directory.CreateDirectory(Path.Combine(Run, "figures", "a.png.d"));
        Refused(Path.Combine(Run, "figures", "a.png.d", "deeper.txt"),
            $"'{Path.Combine(Run, "figures")}' holds 'a.png.d', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");
        Directory.Delete(Path.Combine(Run, "figures", "a.png.d"));
        Refused(Path.Combine(Run, "model", "notes.txt"),
            $"'{Path.Combine(Run, "model")}' holds 'notes.txt', which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");

        // A link at a folder's name is replaced, never followed, so what it points to is not the run's to check.
        Directory.Delete(Path.Combine(Run, "extra"));
        Directory.CreateDirectory(folder.File("elsewhere"));
        File.WriteAllText(folder.File("elsewhere", "kept.txt"), "mine");
        Directory.CreateSymbolicLink(Path.Combine(Run, "extra"), folder.File("elsewhere"));
        using (RunFolder.Begin(Run, layout)) { }
    }

    [Fact]
    public void A_killed_runs_staging_folder_is_removed()
    {
        Fill(Run, "old");
        Fill(folder.File(".run.staging"), "half");
        using (var run = RunFolder.Begin(Run, RunOutputs.Layout))
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
        using (RunFolder.Begin(Run, RunOutputs.Layout)) { }
        Assert.Equal(Enumerable.Repeat("new", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());

        // Killed after the second rename: only the old run's deletion was left.
        Fill(folder.File(".run.previous"), "old");
        using (RunFolder.Begin(Run, RunOutputs.Layout)) { }
        Assert.Equal(Enumerable.Repeat("new", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(["run"], Siblings());
    }

    [Theory]
    [InlineData(".run.lock")]
    [InlineData(".run.staging")]
    [InlineData(".run.previous")]
    public void A_link_someone_placed_at_the_lock_staging_or_previous_path_is_refused_and_not_followed(string name)
    {
        Fill(Run, "old");
        var elsewhere = folder.File("elsewhere");   // dangling: following it would create it
        File.CreateSymbolicLink(folder.File(name), elsewhere);
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run, RunOutputs.Layout));
        Assert.Equal($"'{folder.File(name)}' is a symbolic link (to '{elsewhere}'), which TorchLab does not follow there; remove it or choose another folder", error.Message);
        Assert.False(Path.Exists(elsewhere), "the link was followed");

        // A link to a real folder: nothing in it is deleted, moved or written.
        File.Delete(folder.File(name));
        Fill(elsewhere, "theirs");
        File.CreateSymbolicLink(folder.File(name), elsewhere);
        Assert.Throws<OutputFolderException>(() => RunFolder.Begin(Run, RunOutputs.Layout));
        Assert.Equal(Enumerable.Repeat("theirs", RunOutputs.Files.Count), Contents(elsewhere).Split(';'));
        Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));
        Assert.Equal(new[] { "elsewhere", name, "run" }.Order(), Siblings());   // no lock or staging folder left
    }

    [Fact]
    public void A_killed_runs_checkpoint_in_its_staging_folder_is_kept_for_the_run_that_resumes_from_it()
    {
        Fill(Run, "old");
        Fill(folder.File(".run.staging"), "killed");
        var checkpoint = folder.File(".run.staging", RunOutputs.CheckpointFile);
        using (var run = RunFolder.Begin(Run, RunOutputs.Layout, checkpoint))
        {
            Assert.Null(run.RemovedStaging);
            Assert.Equal(checkpoint, run.Kept);
            Assert.Equal([RunOutputs.CheckpointFile], Directory.GetFiles(run.Staging).Select(Path.GetFileName));   // the rest of the killed run is dropped
            Assert.Equal("killed", File.ReadAllText(checkpoint));
        }
        // Not committed (stopped or failed before an epoch of its own): the progress is not lost.
        Assert.Equal("killed", File.ReadAllText(checkpoint));
        Assert.Equal(Enumerable.Repeat("old", RunOutputs.Files.Count), Contents(Run).Split(';'));

        // A run that does not resume from it drops it, and says so.
        using (var run = RunFolder.Begin(Run, RunOutputs.Layout)) Assert.Equal(folder.File(".run.staging"), run.RemovedStaging);
        Assert.Equal(["run"], Siblings());
    }

    [Fact]
    public void A_staging_folder_names_the_run_folder_it_belongs_to()
    {
        Assert.Equal(Path.Combine("out", "seq-cnn"), RunFolder.OwnerOf(Path.Combine("out", ".seq-cnn.staging")));
        Assert.Equal(Path.Combine("out", "seq-cnn"), RunFolder.OwnerOf(Path.Combine("out", "seq-cnn")));
        Assert.Equal(Path.Combine("out", ".staging"), RunFolder.OwnerOf(Path.Combine("out", ".staging")));
    }

    [Fact]
    public void A_name_too_long_for_its_previous_folder_is_refused_before_anything_is_written()
    {
        var longest = folder.File(new string('r', 245));   // .NAME.previous is 255 bytes
        using (RunFolder.Begin(longest, RunOutputs.Layout)) { }
        var tooLong = folder.File("deep", new string('r', 246));
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin(tooLong, RunOutputs.Layout));
        Assert.Contains("is 246 bytes long; a run keeps a folder '.NAME.previous' beside it, 256 bytes, above the file system's limit of 255: choose a name of at most 245 bytes", error.Message);
        Assert.Empty(Siblings());   // not even the parent folder was made
    }

    [Fact]
    public void A_mount_point_is_refused_naming_it()
    {
        if (!OperatingSystem.IsLinux() || !File.ReadLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4] == "/proc"))
            Assert.Skip("needs Linux with /proc mounted");
        var error = Assert.Throws<OutputFolderException>(() => RunFolder.Begin("/proc", RunOutputs.Layout));
        Assert.Equal("'/proc' is a mount point; a run replaces its folder by renaming it, and a mount point cannot be renamed: choose a folder inside it, such as '/proc/run'", error.Message);
        Assert.False(File.Exists("/.proc.lock"));
    }
}
