namespace TorchLab.Runs;

/// <summary>
/// One run at a time per output folder: a lock file held open exclusively for the run's
/// lifetime (an advisory lock that the kernel releases when the process ends, however it ends).
/// Taking it also clears temporary files that a killed run left behind.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    private const string FileName = ".torchlab.lock";
    private readonly FileStream stream;

    private RunFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>Locks <paramref name="folder"/> or throws naming the run that holds it.</summary>
    public static RunFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new InvalidSettingException($"--out: another run is writing to '{folder}' (it holds {FileName}); wait for it or choose another --out");
        }
        foreach (var stale in Directory.EnumerateFiles(folder, ".*.tmp")) File.Delete(stale);
        return new RunFolderLock(stream);
    }

    /// <summary>Releases the lock and deletes the lock file.</summary>
    public void Dispose() => stream.Dispose();
}
