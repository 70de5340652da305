namespace TorchLab.Runs;

/// <summary>
/// A run's output folder as a transaction. The run writes into a staging folder beside it
/// (<c>.NAME.staging</c>) and <see cref="Commit"/> renames that into place, so the folder
/// always holds one whole run: the earlier one until the commit, the new one after it. A run
/// that fails or is killed leaves it as it was. A lock file beside it (<c>.NAME.lock</c>, held
/// exclusively; the kernel releases it however the process ends) keeps a second run out.
/// </summary>
public sealed class RunFolder : IDisposable
{
    // The HResult of the IOException when another process holds the lock: EWOULDBLOCK from
    // flock on Linux, ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] HeldByAnother = [11, unchecked((int)0x80070020)];

    private readonly FileStream lockFile;
    private bool committed;

    private RunFolder(string target, FileStream lockFile, string? removedStaging)
    {
        Target = target;
        this.lockFile = lockFile;
        RemovedStaging = removedStaging;
    }

    /// <summary>The run folder the user named (full path).</summary>
    public string Target { get; }

    /// <summary>Where this run writes until <see cref="Commit"/>.</summary>
    public string Staging => Sibling(Target, "staging");

    /// <summary>The staging folder of an earlier run that was killed, removed when this run began; null when there was none.</summary>
    public string? RemovedStaging { get; }

    // Holds the earlier run between the two renames of a commit.
    private string Previous => Sibling(Target, "previous");

    /// <summary>
    /// Locks <paramref name="folder"/> for this run, finishes or undoes what a killed run left,
    /// and opens an empty staging folder. Refuses a folder that another run holds, or that holds
    /// files of its own (a commit replaces the whole folder).
    /// </summary>
    public static RunFolder Begin(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new OutputFolderException("the folder name is empty");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (Path.GetDirectoryName(target) is not { } parent)
            throw new OutputFolderException($"'{folder}' is a root folder; a run needs a folder of its own");
        if (File.Exists(target)) throw new OutputFolderException($"'{folder}' is a file, not a folder");
        OutputFolder.Prepare(parent);
        var lockFile = TakeLock(Sibling(target, "lock"), folder);
        try
        {
            var run = new RunFolder(target, lockFile, Recover(target));
            CheckHoldsOnlyRunFiles(target, folder);
            Directory.CreateDirectory(run.Staging);
            return run;
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the run folder by the staging folder.</summary>
    public void Commit()
    {
        // Two renames, not one: Linux has no portable atomic swap of folders. A kill between
        // them leaves the new run in Staging and the earlier one in Previous, and the next
        // Begin finishes the commit.
        if (Directory.Exists(Target)) Directory.Move(Target, Previous);
        try
        {
            Directory.Move(Staging, Target);
        }
        catch
        {
            if (Directory.Exists(Previous)) Directory.Move(Previous, Target);
            throw;
        }
        committed = true;
        if (Directory.Exists(Previous)) Directory.Delete(Previous, recursive: true);
    }

    /// <summary>Drops an uncommitted staging folder and releases the lock.</summary>
    public void Dispose()
    {
        if (!committed && Directory.Exists(Staging)) Directory.Delete(Staging, recursive: true);
        lockFile.Dispose();
    }

    private static FileStream TakeLock(string path, string folder)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (HeldByAnother.Contains(e.HResult))
        {
            throw new OutputFolderException($"another run is writing to '{folder}' (it holds {path}); wait for it or choose another folder");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write beside '{folder}': {e.Message}");
        }
    }

    // Under the lock, so no live run owns these. A commit cut short between its renames is
    // finished (the staging folder was complete before the first rename); any other staging
    // folder is a killed run's unfinished work and is dropped.
    private static string? Recover(string target)
    {
        string previous = Sibling(target, "previous"), staging = Sibling(target, "staging");
        if (Directory.Exists(previous))
        {
            if (!Directory.Exists(target)) Directory.Move(Directory.Exists(staging) ? staging : previous, target);
            if (Directory.Exists(previous)) Directory.Delete(previous, recursive: true);
        }
        if (!Directory.Exists(staging)) return null;
        Directory.Delete(staging, recursive: true);
        return staging;
    }

    private static void CheckHoldsOnlyRunFiles(string target, string folder)
    {
        if (!Directory.Exists(target)) return;
        var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName)
            .Where(name => !RunOutputs.Files.Contains(name)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            throw new OutputFolderException($"'{folder}' holds {string.Join(", ", foreign.Take(3).Select(n => $"'{n}'"))}{(foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "")}, " +
                "which no TorchLab run writes; a run replaces its whole folder, so choose a new or empty folder");
    }

    private static string Sibling(string target, string kind) =>
        Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{kind}");
}
