using System.Text;

namespace TorchLab.Storage.Folders;

/// <summary>Checks the folder a command writes before any work starts.</summary>
public static class OutputFolder
{
    // Linux's NAME_MAX, in bytes; most other file systems allow 255 characters.
    private const int MaxNameBytes = 255;

    /// <summary>Creates <paramref name="path"/> and proves it writable, or throws naming it.</summary>
    public static string Prepare(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new OutputFolderException("the folder name is empty");
        try
        {
            Directory.CreateDirectory(path);
            Probe(path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"cannot write to '{path}': {e.Message}");
        }
    }

    /// <summary>Refuses a folder name that, with <paramref name="longestAffix"/> around it, would pass the file
    /// system's name limit.</summary>
    public static void CheckNameLength(string target, string folder, int longestAffix)
    {
        var bytes = Encoding.UTF8.GetByteCount(Path.GetFileName(target));
        if (bytes + longestAffix > MaxNameBytes)
            throw new OutputFolderException($"the name of '{Shorten(folder)}' is {bytes} bytes long; a run keeps a " +
                $"folder '.NAME.previous' beside it, {bytes + longestAffix} bytes, " +
                $"above the file system's limit of {MaxNameBytes}: choose a name of at most " +
                    $"{MaxNameBytes - longestAffix} bytes");
    }

    /// <summary>Refuses a mount point, which cannot be renamed, so a commit could never replace it.</summary>
    public static void CheckNotMountPoint(string target, string folder)
    {
        const string mounts = "/proc/self/mountinfo";
        if (!OperatingSystem.IsLinux() || !File.Exists(mounts)) return;
        // The fifth field is the mount point, with spaces and backslashes written as octal escapes.
        var isMount = File.ReadLines(mounts).Select(line => line.Split(' ')).Where(fields => fields.Length > 4)
            .Any(fields => Unescape(fields[4]) == target);
        if (isMount)
            throw new OutputFolderException($"'{folder}' is a mount point; a run replaces its folder by renaming it, " +
                $"and a mount point cannot be renamed: choose a folder inside it, such as " +
                    $"'{Path.Combine(folder, "run")}'");
    }

    /// <summary>Refuses a symbolic link at <paramref name="path"/>: TorchLab never follows a link it did not make,
    /// which in a shared folder anyone may have placed.</summary>
    public static void CheckNotLink(string path)
    {
        if (new FileInfo(path).LinkTarget is { } linkTarget)
            throw new OutputFolderException($"'{path}' is a symbolic link (to '{linkTarget}'), which TorchLab does " +
                $"not follow there; remove it or choose another folder");
    }

    /// <summary>
    /// Proves that the earlier contents of <paramref name="target"/> can be deleted (every folder
    /// in it writable), so a commit does not stop halfway with the earlier run moved aside.
    /// </summary>
    public static void CheckReplaceable(string target, string folder)
    {
        if (!Directory.Exists(target)) return;
        var current = target;
        try
        {
            Probe(target);
            foreach (var inner in new DirectoryInfo(target).EnumerateDirectories("*", new EnumerationOptions
                { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint,
                    IgnoreInaccessible = false }))
                Probe(current = inner.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputFolderException($"the earlier run in '{folder}' cannot be replaced: '{current}' is " +
                $"not writable ({e.Message}); " +
                "a run replaces its whole folder, so choose another folder or one you own");
        }
    }

    private static void Probe(string folder)
    {
        var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
        using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write)) { }
        File.Delete(probe);
    }

    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m =>
            ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    private static string Shorten(string name) => name.Length <= 40 ? name : $"{name[..20]}…{name[^12..]}";
}
