namespace TorchLab.Storage.Folders;

/// <summary>
/// An output folder as a transaction: a run's folder, or the lab's (whose model folders are run
/// folders of their own). The work goes into a staging folder beside it (<c>.NAME.staging</c>)
/// and <see cref="Commit"/> renames that into place, so the folder always holds one whole run:
/// the earlier one until the commit, the new one after it. A run that fails or is killed leaves
/// it as it was. A lock file beside it (<c>.NAME.lock</c>, held exclusively; the kernel releases
/// it however the process ends) keeps a second run out. The lock, staging and previous paths are
/// never followed when they are symbolic links.
/// </summary>
public sealed class RunFolder : IDisposable
{
    // The HResult of the IOException when another process holds the lock: EWOULDBLOCK from
    // flock on Linux, ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] HeldByAnother = [11, unchecked((int)0x80070020)];

    // EBUSY and EXDEV: the folder is a mount point, or on another device than its parent.
    private static readonly int[] CannotRename = [16, 18];

    private readonly string named;
    private readonly FileStream lockFile;
    private readonly List<RunFolder> inner = [];
    private readonly bool staged;
    private readonly string? kept;
    private bool createdTarget;
    private bool ownsStaging;   // false until the staging path is known to be no link
    private bool committed;

    private RunFolder(string named, string target, FileStream lockFile, bool staged, string? kept)
    {
        this.named = named;
        Target = target;
        this.lockFile = lockFile;
        this.staged = staged;
        this.kept = kept;
    }

    /// <summary>The folder the user named (full path).</summary>
    public string Target { get; }

    /// <summary>Where this run writes until <see cref="Commit"/>.</summary>
    public string Staging => Sibling(Target, "staging");

    /// <summary>The staging folder of an earlier run that was killed, removed when this run began; null when there was
    /// none (or it was kept).</summary>
    public string? RemovedStaging { get; private set; }

    /// <summary>
    /// Where the file named by <c>keep</c> in <see cref="Begin"/> now lies: a killed run's
    /// checkpoint in its staging folder, kept for this run to resume from. Null when there was none.
    /// </summary>
    public string? Kept { get; private set; }

    // Holds the earlier run between the two renames of a commit.
    private string Previous => Sibling(Target, "previous");

    /// <summary>
    /// Locks <paramref name="folder"/> for a run, finishes or undoes what a killed run left, and
    /// opens an empty staging folder. Refuses a folder that another run holds, that holds entries
    /// <paramref name="layout"/> does not allow (a commit replaces the whole folder), or whose
    /// earlier run could not be replaced. A killed run's staging folder is dropped, except the
    /// file <paramref name="keep"/> when it lies in it (the checkpoint a resumed run continues from).
    /// </summary>
    public static RunFolder Begin(string folder, FolderLayout layout, string? keep = null) =>
        Open(folder, layout, keep, staged: true);

    /// <summary>
    /// The folder a staging folder belongs to (<c>out/.seq-cnn.staging</c> → <c>out/seq-cnn</c>), or
    /// <paramref name="folder"/> itself.
    /// </summary>
    public static string OwnerOf(string folder)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        return name.Length > ".staging".Length + 1 && name.StartsWith('.')
            && name.EndsWith(".staging", StringComparison.Ordinal)
            ? Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!,
                name[1..^".staging".Length])
            : folder;
    }

    /// <summary>Replaces the folder by the staging folder, or leaves the earlier one in place and throws.</summary>
    public void Commit()
    {
        // The inner folders leave with the earlier contents; a run that starts in the moment
        // before the renames finds its folder gone at its own commit and fails, losing nothing.
        ReleaseInner();
        OutputFolder.CheckNotLink(Previous);
        OutputFolder.CheckReplaceable(Target, named);
        // Two renames, not one: Linux has no portable atomic swap of folders. A kill between
        // them leaves the new run in Staging and the earlier one in Previous, and the next
        // Begin finishes the commit.
        var earlier = Directory.Exists(Target);
        if (earlier) Rename(Target, Previous, "nothing was changed");
        try
        {
            Directory.Move(Staging, Target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (earlier) Directory.Move(Previous, Target);
            throw Failure(e, "the earlier run is back in place");
        }
        try
        {
            if (earlier) Directory.Delete(Previous, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Directory.Move(Target, Staging);
            Directory.Move(Previous, Target);
            throw Failure(e, "the earlier run is back in place");
        }
        committed = true;
    }

    /// <summary>Drops an uncommitted staging folder (all but a kept checkpoint) and releases the lock.</summary>
    public void Dispose()
    {
        ReleaseInner();
        if (!committed && staged && ownsStaging && Directory.Exists(Staging))
        {
            if (Kept is { } checkpoint && Path.GetDirectoryName(checkpoint) == Staging && File.Exists(checkpoint))
                foreach (var entry in new DirectoryInfo(Staging).EnumerateFileSystemInfos().Where(e =>
                    e.FullName != checkpoint))
                    Delete(entry);
            else Directory.Delete(Staging, recursive: true);
        }
        if (!committed && createdTarget && Directory.Exists(Target)
            && !Directory.EnumerateFileSystemEntries(Target).Any())
            Directory.Delete(Target);
        lockFile.Dispose();
    }

    internal static string SiblingName(string name, string kind) => $".{name}.{kind}";

    private static RunFolder Open(string folder, FolderLayout layout, string? keep, bool staged)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new OutputFolderException("the folder name is empty");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (Path.GetDirectoryName(target) is not { } parent)
            throw new OutputFolderException($"'{folder}' is a root folder; a run needs a folder of its own");
        OutputFolder.CheckNameLength(target, folder, SiblingName("", "previous").Length);
        if (File.Exists(target)) throw new OutputFolderException($"'{folder}' is a file, not a folder");
        OutputFolder.CheckNotMountPoint(target, folder);
        try
        {
            OutputFolder.Prepare(parent);
        }
        catch (OutputFolderException e)
        {
            throw new OutputFolderException($"{e.Message} (the lock and staging folder of '{folder}' go there)");
        }
        var lockFile = TakeLock(Sibling(target, "lock"), folder);
        var run = new RunFolder(folder, target, lockFile, staged, keep is null ? null : Path.GetFullPath(keep));
        try
        {
            OutputFolder.CheckNotLink(run.Staging);
            OutputFolder.CheckNotLink(run.Previous);
            run.ownsStaging = true;
            run.Recover();
            if (layout.RunFolders.Count > 0 && !Directory.Exists(target))
            {
                Directory.CreateDirectory(target);   // to hold the inner folders' locks
                run.createdTarget = true;
            }
            foreach (var name in layout.RunFolders)
            {
                var own = layout.RunFolderLayout
                    ?? throw new ArgumentException("a layout with run folders must say what they hold", nameof(layout));
                run.inner.Add(Open(Path.Combine(target, name), own, null, staged: false));
            }
            CheckHoldsOnly(target, folder, layout);
            if (staged) OutputFolder.CheckReplaceable(target, folder);
            if (staged) Directory.CreateDirectory(run.Staging);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    // Never through a link: a new lock file is created only where none exists (O_EXCL does not
    // follow links), and an existing one, left by a killed run, is opened only if it is no link.
    private static FileStream TakeLock(string path, string folder)
    {
        try
        {
            OutputFolder.CheckNotLink(path);
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                    1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (File.Exists(path))
            {
                OutputFolder.CheckNotLink(path);
                return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None,
                    1, FileOptions.DeleteOnClose);
            }
        }
        catch (IOException e) when (HeldByAnother.Contains(e.HResult))
        {
            throw new OutputFolderException($"another run is writing to '{folder}' (it holds {path}); wait for " +
                $"it or choose another folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write beside '{folder}': {e.Message}");
        }
    }

    // Under the lock, so no live run owns these. A commit cut short between its renames is
    // finished (the staging folder was complete before the first rename); any other staging
    // folder is a killed run's unfinished work and is dropped, but for the checkpoint to keep.
    private void Recover()
    {
        var keptName = kept is not null && Path.GetDirectoryName(kept) == Staging ? Path.GetFileName(kept) : null;
        if (Directory.Exists(Previous))
        {
            if (!Directory.Exists(Target))
            {
                var finished = Directory.Exists(Staging);
                Directory.Move(finished ? Staging : Previous, Target);
                if (finished && keptName is not null && File.Exists(Path.Combine(Target, keptName)))
                    Kept = Path.Combine(Target, keptName);
            }
            if (Directory.Exists(Previous)) Directory.Delete(Previous, recursive: true);
        }
        if (!Directory.Exists(Staging)) return;
        if (keptName is not null && File.Exists(kept))
        {
            Kept = kept;
            foreach (var entry in new DirectoryInfo(Staging).EnumerateFileSystemInfos().Where(e => e.Name != keptName))
                Delete(entry);
            return;
        }
        Directory.Delete(Staging, recursive: true);
        RemovedStaging = Staging;
    }

    private void ReleaseInner()
    {
        foreach (var folder in inner) folder.Dispose();
        inner.Clear();
    }

    private void Rename(string from, string to, string outcome)
    {
        try
        {
            Directory.Move(from, to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(e, outcome);
        }
    }

    private OutputFolderException Failure(Exception e, string outcome)
    {
        var hint = CannotRename.Contains(e.HResult)
            ? "; is it a mount point, or on another device than its parent?"
            : "";
        return new($"could not replace '{named}' by the new run ({e.Message}{hint}); {outcome}");
    }

    private static void Delete(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo { LinkTarget: null } folder) folder.Delete(recursive: true);
        else entry.Delete();
    }

    // The folders inside (the lab's figure folders) are replaced with it, so what they hold is
    // checked too; the run folders inside check their own, and a link is replaced, never followed.
    private static void CheckHoldsOnly(string target, string folder, FolderLayout layout)
    {
        if (!Directory.Exists(target)) return;
        var entries = new DirectoryInfo(target).EnumerateFileSystemInfos().ToList();
        var foreign = entries.Select(e => e.Name).Where(name => !layout.Allows(name))
            .Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            var named = string.Join(", ", foreign.Take(3).Select(n => $"'{n}'"));
            var more = foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "";
            throw new OutputFolderException($"'{folder}' holds {named}{more}, " +
                "which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");
        }
        foreach (var inner in entries.OfType<DirectoryInfo>().Where(d => d.LinkTarget is null
            && !layout.RunFolders.Contains(d.Name)).OrderBy(d => d.Name, StringComparer.Ordinal))
            CheckHoldsOnly(inner.FullName, Path.Combine(folder, inner.Name), layout.Inside(inner.Name));
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, SiblingName(Path.GetFileName(target), kind));
}
